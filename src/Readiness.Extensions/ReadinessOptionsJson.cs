using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Readiness.Calibration;

namespace Readiness;

/// <summary>
/// Reads <see cref="ReadinessOptions"/> from the JSON a host configures <c>AddReadiness</c> with — an appsettings.json
/// with a <c>Readiness</c> section (its other sections left alone), or that section alone — for applications without a
/// configuration system (the command-line tool's <c>--options</c>). As configuration does, keys are matched without
/// regard to case, and comments and trailing commas are allowed; as <c>AddReadiness</c> does, a key that is not a setting
/// and every value that breaks a rule are refused, each named by its configuration key. Source-generated: safe under
/// trimming and Native AOT.
/// </summary>
public static class ReadinessOptionsJson
{
    /// <summary>Reads and validates the options in a JSON file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The options, valid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="OptionsValidationException">The document is not JSON, holds a key that is not a setting or a value of the wrong kind, or breaks a rule; <see cref="OptionsValidationException.Failures"/> lists each, named by its key (<c>Readiness:Scoring:ReadyNowMinimumIndex was 120; it must be in [0, 100].</c>).</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static ReadinessOptions Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(File.ReadAllText(path));
    }

    /// <summary>Reads and validates the options in a JSON document.</summary>
    /// <param name="json">The document.</param>
    /// <returns>The options, valid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="OptionsValidationException">As for <see cref="Read"/>.</exception>
    public static ReadinessOptions Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        ReadinessOptions options;
        try
        {
            bool wrapped;
            using (var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }))
            {
                wrapped = document.RootElement.ValueKind == JsonValueKind.Object
                    && document.RootElement.EnumerateObject().Any(p => string.Equals(p.Name, ReadinessOptionsValidator.Section, StringComparison.OrdinalIgnoreCase));
            }

            options = (wrapped ? JsonSerializer.Deserialize(json, OptionsJsonContext.Default.AppSettings)?.Readiness : JsonSerializer.Deserialize(json, OptionsJsonContext.Default.ReadinessOptions))
                ?? new ReadinessOptions();
        }
        catch (JsonException e)
        {
            throw Failure(Describe(e));
        }

        var result = new ReadinessOptionsValidator().Validate(null, options);
        return result.Failed ? throw new OptionsValidationException(Options.DefaultName, typeof(ReadinessOptions), result.Failures) : options;
    }

    /// <summary>A JSON error as configuration would name it: the key (<c>Readiness:Scoring:MinimumRaters</c>) and the line.</summary>
    private static string Describe(JsonException e)
    {
        var line = e.LineNumber is { } n ? $" (line {n + 1})" : string.Empty;
        if (e.Path is not { Length: > 1 } path)
        {
            return $"The document is not JSON{line}: {e.Message}";
        }

        var section = ReadinessOptionsValidator.Section;
        var key = (path.StartsWith($"$.{section}", StringComparison.OrdinalIgnoreCase) ? section + path[(2 + section.Length)..] : section + path[1..]).Replace('.', ':');
        if (!e.Message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return $"{key} has a value of the wrong kind{line}: a number, true or false, or one of the names the setting takes.";
        }

        // The settings beside the misspelt one, so a typo can be put right from the message alone.
        var settings = Settings.FirstOrDefault(t => e.Message.Contains($"'{t.Type.FullName}'", StringComparison.Ordinal))?.Properties.Select(p => Capitalised(p.Name));
        return settings is null ? $"{key} is not a setting{line}." : $"{key} is not a setting{line}; the settings there are {string.Join(", ", settings)}.";
    }

    private static IEnumerable<System.Text.Json.Serialization.Metadata.JsonTypeInfo> Settings =>
    [
        OptionsJsonContext.Default.ReadinessOptions, OptionsJsonContext.Default.ReadinessScoringOptions,
        OptionsJsonContext.Default.ReadinessCalibrationOptions, OptionsJsonContext.Default.ReadinessCrossedModelOptions,
        OptionsJsonContext.Default.ReadinessRaschOptions, OptionsJsonContext.Default.ReadinessProfileFile,
    ];

    private static string Capitalised(string name) => name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..];

    private static OptionsValidationException Failure(string message) => new(Options.DefaultName, typeof(ReadinessOptions), [message]);

    /// <summary>An appsettings document: the Readiness section among others.</summary>
    internal sealed class AppSettings
    {
        public ReadinessOptions? Readiness { get; set; }

        [JsonExtensionData]
        public Dictionary<string, JsonElement>? Others { get; set; }
    }

    /// <summary>A method by its name, as configuration binds it; the validator says whether it is a built-in one.</summary>
    internal sealed class MethodConverter : JsonConverter<CalibrationMethod>
    {
        public override CalibrationMethod Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && reader.GetString() is { Length: > 0 } name ? new CalibrationMethod(name) : throw new JsonException("A method is a name.");

        public override void Write(Utf8JsonWriter writer, CalibrationMethod value, JsonSerializerOptions options) => writer.WriteStringValue(value.Name);
    }
}

/// <summary>Source-generated reading of <see cref="ReadinessOptions"/>, lenient and strict as configuration binding is.</summary>
[JsonSourceGenerationOptions(
    PropertyNameCaseInsensitive = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    PreferredObjectCreationHandling = JsonObjectCreationHandling.Populate,
    UseStringEnumConverter = true,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    Converters = [typeof(ReadinessOptionsJson.MethodConverter)])]
[JsonSerializable(typeof(ReadinessOptionsJson.AppSettings))]
[JsonSerializable(typeof(ReadinessOptions))]
internal sealed partial class OptionsJsonContext : JsonSerializerContext;
