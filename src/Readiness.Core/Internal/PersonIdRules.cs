namespace Readiness.Internal;

/// <summary>The one rule for the ids of people (ratees and raters).</summary>
/// <remarks>
/// People ids come from HR exports (employee numbers, e-mail addresses, system keys), so the rule is permissive: any
/// text of 1 to 128 characters without control characters, without invisible formatting characters (Unicode category Cf:
/// zero-width spaces and joiners, bidirectional controls such as U+202E, soft hyphens, byte-order marks) and without
/// leading or trailing white space. Ids compare ordinally (case-sensitive): HR systems do, and folding case could merge
/// two people. Formatting characters are refused rather than removed: <c>P05</c> and <c>P05</c> + U+200B look identical
/// and were scored as two people, and which of the two the user meant is theirs to say.
/// </remarks>
internal static class PersonIdRules
{
    public const int MaxLength = 128;

    public const string Description =
        "1 to 128 characters, no control or invisible formatting characters (zero-width, bidirectional controls) and no leading or trailing white space";

    /// <summary>Returns why <paramref name="id"/> is not a valid person id, or null when it is.</summary>
    public static string? Check(string? id)
    {
        if (id is null || id.Length == 0)
        {
            return "is missing; a person id is required";
        }

        if (id.Length > MaxLength || char.IsWhiteSpace(id[0]) || char.IsWhiteSpace(id[^1]) || HasControl(id) || HasFormat(id))
        {
            return $"'{Shorten(id)}' is not a valid person id; person ids are {Description}";
        }

        return null;
    }

    /// <summary>Whether the text holds a character a reader cannot see: a control or an invisible formatting character.</summary>
    public static bool HasInvisible(string text) => HasControl(text) || HasFormat(text);

    /// <summary>Whether the text holds a control character (what <see cref="char.IsControl(char)"/> accepts), without a delegate per character.</summary>
    private static bool HasControl(string text) =>
        text.AsSpan().ContainsAnyInRange('\u0000', '\u001F') || text.AsSpan().ContainsAnyInRange('\u007F', '\u009F');

    /// <summary>Whether the text holds an invisible formatting character (category Cf); printable ASCII, the usual case, is passed over at once.</summary>
    private static bool HasFormat(string text)
    {
        var span = text.AsSpan();
        if (span.IndexOfAnyExceptInRange('\u0020', '\u007E') < 0)
        {
            return false;
        }

        foreach (var c in span)
        {
            if (char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The id as a message shows it: control characters as '?', formatting characters spelt out (<c>\u200B</c>), at most 80 characters.</summary>
    private static string Shorten(string text)
    {
        var shown = new System.Text.StringBuilder(Math.Min(text.Length, 100));
        foreach (var c in text)
        {
            if (shown.Length > 80)
            {
                break;
            }

            _ = char.IsControl(c) ? shown.Append('?')
                : char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format ? shown.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:X4}")
                : shown.Append(c);
        }

        return shown.Length <= 80 ? shown.ToString() : string.Concat(shown.ToString().AsSpan(0, 77), "...");
    }
}
