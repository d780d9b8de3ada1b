using System.Text;
using System.Text.Json;

namespace Readiness.Serialization;

/// <summary>
/// One forward pass over a document before it is deserialized: enforces the depth limit, rejects repeated property
/// names (which the serializer would silently resolve as "last one wins") and reports malformed JSON with its path.
/// </summary>
internal static class JsonStructureCheck
{
    public static void Run(ReadOnlySpan<byte> utf8, int maxDepth)
    {
        // The reader's own limit sits one above ours, so ours is the one that fires, with a path and a clear rule.
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = maxDepth + 1 });
        var frames = new List<Frame>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        if (frames.Count == 0 && reader.TokenType != JsonTokenType.StartObject)
                        {
                            throw new ReadinessJsonException("$", "the document must be a JSON object");
                        }

                        CountArrayElement(frames);
                        if (frames.Count + 1 > maxDepth)
                        {
                            throw new ReadinessJsonException(PathOf(frames), $"objects and arrays are nested more than {maxDepth} deep; the limit is JsonReadLimits.MaxDepth = {maxDepth}");
                        }

                        frames.Add(new Frame(reader.TokenType == JsonTokenType.StartArray));
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        break;
                    case JsonTokenType.PropertyName:
                        var frame = frames[^1];
                        frame.Property = reader.GetString()!;
                        if (!frame.Names!.Add(frame.Property))
                        {
                            throw new ReadinessJsonException(PathOf(frames), $"property '{frame.Property}' appears more than once in the same object; each property may appear once");
                        }

                        break;
                    default:
                        if (frames.Count == 0)
                        {
                            throw new ReadinessJsonException("$", "the document must be a JSON object");
                        }

                        CountArrayElement(frames);
                        break;
                }
            }
        }
        catch (JsonException e) when (e is not ReadinessJsonException)
        {
            throw new ReadinessJsonException(PathOf(frames), $"the document is not well-formed JSON: {e.Message}", e);
        }
        catch (InvalidOperationException e)
        {
            // Utf8JsonReader.GetString refuses to transcode a property name that is not valid UTF-8.
            throw new ReadinessJsonException(PathOf(frames), "a property name is not valid UTF-8 text", e);
        }
    }

    /// <summary>Renders the current position as a JSON path: <c>$.competencies[3].anchors[0]</c>.</summary>
    private static string PathOf(List<Frame> frames)
    {
        var path = new StringBuilder("$");
        foreach (var frame in frames)
        {
            if (frame.Names is null)
            {
                if (frame.Index >= 0)
                {
                    path.Append('[').Append(frame.Index).Append(']');
                }
            }
            else if (frame.Property is not null)
            {
                path.Append('.').Append(frame.Property);
            }
        }

        return path.ToString();
    }

    private static void CountArrayElement(List<Frame> frames)
    {
        if (frames.Count > 0 && frames[^1].Names is null)
        {
            frames[^1].Index++;
        }
    }

    private sealed class Frame(bool isArray)
    {
        public HashSet<string>? Names { get; } = isArray ? null : new(StringComparer.Ordinal);

        public string? Property { get; set; }

        public int Index { get; set; } = -1;
    }
}
