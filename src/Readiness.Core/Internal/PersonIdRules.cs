namespace Readiness.Internal;

/// <summary>The one rule for the ids of people (ratees and raters).</summary>
/// <remarks>
/// People ids come from HR exports (employee numbers, e-mail addresses, system keys), so the rule is permissive: any
/// text of 1 to 128 characters without control characters and without leading or trailing white space. Ids compare
/// ordinally (case-sensitive): HR systems do, and folding case could merge two people.
/// </remarks>
internal static class PersonIdRules
{
    public const int MaxLength = 128;

    public const string Description =
        "1 to 128 characters, no control characters and no leading or trailing white space";

    /// <summary>Returns why <paramref name="id"/> is not a valid person id, or null when it is.</summary>
    public static string? Check(string? id)
    {
        if (id is null || id.Length == 0)
        {
            return "is missing; a person id is required";
        }

        if (id.Length > MaxLength || char.IsWhiteSpace(id[0]) || char.IsWhiteSpace(id[^1]) || HasControl(id))
        {
            return $"'{Shorten(id)}' is not a valid person id; person ids are {Description}";
        }

        return null;
    }

    /// <summary>Whether the text holds a control character (what <see cref="char.IsControl(char)"/> accepts), without a delegate per character.</summary>
    private static bool HasControl(string text) =>
        text.AsSpan().ContainsAnyInRange('\u0000', '\u001F') || text.AsSpan().ContainsAnyInRange('\u007F', '\u009F');

    private static string Shorten(string text)
    {
        var printable = new string([.. text.Select(c => char.IsControl(c) ? '?' : c)]);
        return printable.Length <= 80 ? printable : string.Concat(printable.AsSpan(0, 77), "...");
    }
}
