namespace Readiness.Internal;

/// <summary>The one rule for the ids of models, competencies and role profiles.</summary>
/// <remarks>
/// Ids travel through CSV exports, JSON files and URLs, so they are restricted to characters that need no escaping
/// anywhere. Uniqueness is checked ignoring case: <c>Delegates</c> and <c>delegates</c> in one model would be a trap.
/// </remarks>
internal static class IdRules
{
    public const int MaxLength = 64;

    public const string Description =
        "1 to 64 characters: ASCII letters, digits, '-', '_' or '.', starting with a letter or digit";

    public static StringComparer Comparer => StringComparer.OrdinalIgnoreCase;

    /// <summary>Returns why <paramref name="id"/> is not a valid id, or null when it is.</summary>
    public static string? Check(string? id)
    {
        if (id is null)
        {
            return "is missing; an id is required";
        }

        if (id.Length is 0 or > MaxLength || !char.IsAsciiLetterOrDigit(id[0]) || !id.All(IsIdChar))
        {
            return $"'{Shorten(id)}' is not a valid id; ids are {Description}";
        }

        return null;
    }

    private static bool IsIdChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.';

    private static string Shorten(string text) => text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 77), "...");
}
