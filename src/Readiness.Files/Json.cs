using System.Text.Json;

namespace Readiness.Files;

/// <summary>The JSON writers' shared rules.</summary>
internal static class Json
{
    /// <summary>Writes a number, or null when there is none or it is not finite (JSON has no NaN).</summary>
    public static void NumberOrNull(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } number && double.IsFinite(number))
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    /// <summary>A writer over <paramref name="stream"/>, indented; the caller ends the document with a line break.</summary>
    public static Utf8JsonWriter Writer(Stream stream) => new(stream, new JsonWriterOptions { Indented = true });
}
