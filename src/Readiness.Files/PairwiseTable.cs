using System.Globalization;
using Readiness.Weighting;

namespace Readiness.Files;

/// <summary>
/// Reads a square judgement matrix: a header row of competency ids (the corner cell is ignored), then one row per
/// competency with its id first. Cells are numbers (invariant culture), fractions such as <c>1/3</c>, or <c>NA</c>/empty.
/// </summary>
public static class PairwiseTable
{
    /// <summary>Reads the matrix.</summary>
    /// <param name="path">The file: CSV, or an Excel workbook (<c>.xlsx</c>).</param>
    /// <returns>The judgements.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="TableFileException">The file is empty or not square, a row is out of order, or a cell is not a judgement; the message names the row and column.</exception>
    /// <exception cref="Competencies.ReadinessValidationException">The judgements break a rule of <see cref="PairwiseComparisons"/> (a competency twice, a judgement and its reciprocal disagreeing).</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static PairwiseComparisons Read(string path) => InputTables.Guarded(() => ReadOf(path));

    /// <summary>Writes the matrix as <see cref="Read"/> reads it: the ids across and down, each judgement in round-trip precision, NA where none was made.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="comparisons">The judgements.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Write(TextWriter writer, PairwiseComparisons comparisons)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(comparisons);
        var ids = comparisons.CompetencyIds;
        writer.WriteLine(string.Join(',', ids.Select(CsvCells.Field).Prepend(string.Empty)));
        foreach (var row in ids)
        {
            writer.WriteLine(string.Join(',', ids.Select(column => comparisons[row, column] is { } judgement ? CsvCells.Number(judgement) : "NA").Prepend(CsvCells.Field(row))));
        }
    }

    private static PairwiseComparisons ReadOf(string path)
    {
        using var csv = InputTables.Open(path);
        var rows = new List<string[]>();
        while (csv.Read())
        {
            if (csv.Record is { } record && !record.All(string.IsNullOrEmpty))
            {
                rows.Add(CsvCells.ReadAll(record));
            }
        }

        if (rows.Count == 0)
        {
            throw new TableFileException("the file is empty; expected a header row of competency ids and one row per competency");
        }

        var ids = rows[0].Skip(1).ToArray();
        var n = ids.Length;
        if (rows.Count - 1 != n)
        {
            throw new TableFileException($"the header names {n} competencies but there are {rows.Count - 1} rows; the matrix must be square");
        }

        var matrix = new double?[n, n];
        for (var i = 0; i < n; i++)
        {
            var row = rows[i + 1];
            var line = i + 2;
            if (row.Length != n + 1)
            {
                throw new TableFileException($"row {line} ('{CsvCells.Shown(row[0])}') has {row.Length - 1} judgements; expected {n}");
            }

            if (!string.Equals(row[0], ids[i], StringComparison.OrdinalIgnoreCase))
            {
                throw new TableFileException($"row {line} starts with '{CsvCells.Shown(row[0])}' but column {i + 1} of the header is '{CsvCells.Shown(ids[i])}'; rows must list the competencies in the header's order");
            }

            for (var j = 0; j < n; j++)
            {
                matrix[i, j] = ParseCell(row[j + 1], line, ids[j]);
            }
        }

        return PairwiseComparisons.FromMatrix(ids, matrix);
    }

    private static double? ParseCell(string cell, int line, string column)
    {
        if (cell.Length == 0 || cell.Equals("NA", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var slash = cell.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 && TryParse(cell, out var value))
        {
            return value;
        }

        if (slash > 0 && TryParse(cell[..slash], out var numerator) && TryParse(cell[(slash + 1)..], out var denominator) && denominator != 0)
        {
            return numerator / denominator;
        }

        throw new TableFileException($"row {line}, column '{CsvCells.Shown(column)}': '{CsvCells.Shown(cell)}' is not a judgement; write a number (3, 0.5), a fraction (1/3), NA or leave it empty");
    }

    private static bool TryParse(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
}
