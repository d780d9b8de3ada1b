using System.Globalization;
using System.Text;
using MiniExcelLibs;

namespace Readiness.Files;

/// <summary>
/// Opens an input table as CSV text: a CSV file as it is (its encoding from a byte-order mark, else UTF-8), an Excel
/// workbook (<c>.xlsx</c>) as its first worksheet written out as CSV — one line per row, so the line numbers in rejects
/// are the worksheet's row numbers — so that every reader takes both alike.
/// </summary>
public static class TableText
{
    /// <summary>Opens the file for reading as CSV.</summary>
    /// <param name="path">A CSV file, or an Excel workbook (<c>.xlsx</c>).</param>
    /// <returns>The file's text as CSV.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="TableFileException">A workbook cannot be read.</exception>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public static TextReader Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!string.Equals(Path.GetExtension(path), ".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            return new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        }

        var text = new StringBuilder();
        try
        {
            using var stream = File.OpenRead(path);
            // Rows come typed as dynamic; read as the dictionaries they are, without the runtime binder (the CLI is
            // published with Native AOT, which has none).
            IEnumerable<object> rows = stream.Query(useHeaderRow: false);
            foreach (var row in rows.Cast<IDictionary<string, object?>>())
            {
                text.AppendJoin(',', row.Values.Select(Cell)).Append('\n');
            }
        }
        catch (Exception e) when (e is not (IOException or UnauthorizedAccessException))
        {
            // A file named .xlsx that is not a workbook, or a damaged one: the reader's own exceptions vary.
            throw new TableFileException("the file is not a readable Excel workbook (.xlsx); save it again from the spreadsheet, or as CSV.", e);
        }

        return new StringReader(text.ToString());
    }

    /// <summary>A cell as CSV text: numbers in the invariant culture, dates as ISO 8601, text quoted where CSV needs it.</summary>
    private static string Cell(object? value)
    {
        var text = value switch
        {
            null => string.Empty,
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            DateTime t => t.TimeOfDay == TimeSpan.Zero ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : t.ToString("s", CultureInfo.InvariantCulture),
            bool b => b ? "true" : "false",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? string.Empty,
        };
        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
