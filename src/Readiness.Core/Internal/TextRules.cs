namespace Readiness.Internal;

/// <summary>Rules for the human-readable text of models: names, labels, definitions, anchors.</summary>
internal static class TextRules
{
    public const int MaxNameLength = 200;
    public const int MaxTextLength = 4000;

    /// <summary>Returns why <paramref name="text"/> is unusable as a required field, or null when it is fine.</summary>
    public static string? CheckRequired(string? text, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return text is null ? "is missing; it is required" : "is blank; it must contain text";
        }

        if (text.Length > maxLength)
        {
            return $"is {text.Length} characters long; at most {maxLength} are allowed";
        }

        return null;
    }
}
