using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Readiness.Evidence;

namespace Readiness.Cli;

/// <summary>Reads a CSV file with a <c>ratee</c> column and one number per person (performance, outcomes).</summary>
internal static class PersonValuesCsv
{
    /// <summary>Reads <c>ratee,COLUMN</c>; a row without a ratee id and a finite number is reported on standard error and left out.</summary>
    public static List<(RateeId Person, double Value)> Read(FileInfo file, string column, TextWriter error)
    {
        using var reader = InputText.Open(file);
        using var csv = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { TrimOptions = TrimOptions.Trim });
        if (!csv.Read() || csv.Record is not { } header || !header.Contains("ratee") || !header.Contains(column))
        {
            throw new RatingsCsvException($"{file.Name}: expected a header row with ratee,{column}");
        }

        var (ratee, value) = (Array.IndexOf(header, "ratee"), Array.IndexOf(header, column));
        var values = new List<(RateeId, double)>();
        while (csv.Read())
        {
            var record = csv.Record!;
            if (record.Length == header.Length && RateeId.TryCreate(record[ratee], out var id)
                && double.TryParse(record[value], NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
            {
                values.Add((id, number));
            }
            else
            {
                error.WriteLine($"warning: {file.Name} line {csv.RawRow}: not a ratee id and a finite number; left out.");
            }
        }

        return values;
    }
}
