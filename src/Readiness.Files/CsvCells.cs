using System.Globalization;
using System.Text;

namespace Readiness.Files;

/// <summary>
/// How cells are written and how text from a user's file is shown: numbers in the invariant culture, text cells quoted as
/// CSV needs and neutralised where a spreadsheet would run them as formulas, control characters kept off terminals.
/// </summary>
public static class CsvCells
{
    /// <summary>Formats a number for a CSV cell: invariant culture, round-trip precision, NA when not finite.</summary>
    /// <param name="value">The number.</param>
    /// <returns>The cell.</returns>
    public static string Number(double value) => double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : "NA";

    /// <summary>
    /// A text cell as written: quoted when CSV requires it, and neutralised when a spreadsheet would run it as a formula
    /// (OWASP's CSV-injection rule: a cell starting with =, +, -, @, tab or carriage return gets a leading single quote, and
    /// is quoted) — person ids and group names come from the user's files and may start so.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns>The cell.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static string Field(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var formula = text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
        return formula ? "\"'" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : text;
    }

    /// <summary>
    /// Text from a user's file as a message may show it on a terminal: control characters (ESC, BEL, which can retitle or
    /// clear it) as '?', invisible formatting characters spelt out (<c>\u200B</c>), at most 60 characters.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns>The text as shown.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static string Shown(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var shown = Escaped(text.Length > 61 ? text[..61] : text);
        return shown.Length <= 60 ? shown : string.Concat(shown.AsSpan(0, 57), "...");
    }

    /// <summary>Text for a terminal or a file a terminal may show: control characters as '?', invisible formatting characters spelt out.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The text as shown.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static string Escaped(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Any(c => char.IsControl(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format))
        {
            return text;
        }

        var shown = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            _ = char.IsControl(c) ? shown.Append('?')
                : char.GetUnicodeCategory(c) == UnicodeCategory.Format ? shown.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}")
                : shown.Append(c);
        }

        return shown.ToString();
    }

    /// <summary>
    /// A cell as read: the leading single quote <see cref="Field"/> adds before a formula character is taken off again, so
    /// an id such as <c>-017</c> or <c>=A</c> reads back as written. A cell that starts with a single quote and any other
    /// character is left as it is.
    /// </summary>
    /// <param name="cell">The cell's text.</param>
    /// <returns>The text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="cell"/> is null.</exception>
    public static string Read(string cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return cell.Length >= 2 && cell[0] == '\'' && cell[1] is '=' or '+' or '-' or '@' or '\t' or '\r' ? cell[1..] : cell;
    }

    /// <summary>A result cell rounded to <paramref name="digits"/> decimals; empty where there is no number (null, or not finite).</summary>
    internal static string Rounded(double? value, int digits) =>
        value is { } v && double.IsFinite(v) ? Number(Math.Round(v, digits)) : string.Empty;

    /// <summary>Takes the neutralising quote off every cell of a record, in place.</summary>
    internal static string[] ReadAll(string[] record)
    {
        for (var i = 0; i < record.Length; i++)
        {
            if (record[i].StartsWith('\''))
            {
                record[i] = Read(record[i]);
            }
        }

        return record;
    }
}
