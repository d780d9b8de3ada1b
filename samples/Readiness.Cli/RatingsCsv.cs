using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Readiness.Competencies;
using Readiness.Evidence;

namespace Readiness.Cli;

/// <summary>A ratings file that cannot be used at all (no header, missing required columns); row problems become rejects instead.</summary>
internal sealed class RatingsCsvException(string message) : Exception(message);

/// <summary>
/// Reads and writes ratings as CSV: header <c>ratee,rater,competency,value</c> with optional <c>source</c> and <c>cycle</c>
/// columns, in any order. Every data line is submitted to the intake: lines that cannot be read become reject rows, so
/// accepted + rejected always equals the number of data lines.
/// </summary>
internal static class RatingsCsv
{
    private static readonly string[] Required = ["ratee", "rater", "competency", "value"];

    public static string SourceName(RaterSource source) => source switch
    {
        RaterSource.Self => "self",
        RaterSource.Manager => "manager",
        RaterSource.Peer => "peer",
        RaterSource.DirectReport => "direct-report",
        RaterSource.SkipLevel => "skip-level",
        RaterSource.Assessor => "assessor",
        _ => ((int)source).ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Reads a ratings file into an intake. Without a source column, a rating of oneself is a self-rating and every other rating a peer rating.</summary>
    public static RatingIntake Read(FileInfo file, CompetencyModel model)
    {
        using var reader = new StreamReader(file.FullName, detectEncodingFromByteOrderMarks: true);
        using var csv = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { TrimOptions = TrimOptions.Trim });
        if (!csv.Read() || csv.Record is not { } header)
        {
            throw new RatingsCsvException("the file is empty; expected a header row with ratee,rater,competency,value");
        }

        var columns = header.Select((name, i) => (name, i)).ToLookup(c => c.name.ToLowerInvariant(), c => c.i);
        foreach (var name in columns.Where(c => c.Count() > 1).Select(c => c.Key))
        {
            throw new RatingsCsvException($"column '{name}' appears more than once in the header");
        }

        var missing = Required.Where(name => !columns.Contains(name)).ToArray();
        if (missing.Length > 0)
        {
            // Spreadsheets in many locales save "CSV" with semicolons; say so rather than list every column as missing.
            var separator = header.Length == 1 && header[0].Contains(';', StringComparison.Ordinal) ? " (the file seems to use semicolons: save it comma-separated)" : string.Empty;
            throw new RatingsCsvException(
                $"the header lacks {string.Join(", ", missing)}; required columns are ratee,rater,competency,value (source and cycle are optional){separator}");
        }

        int Column(string name) => columns.Contains(name) ? columns[name].First() : -1;
        var (ratee, rater, competency, value, source, cycle) =
            (Column("ratee"), Column("rater"), Column("competency"), Column("value"), Column("source"), Column("cycle"));
        var builder = new RatingSetBuilder(model);
        while (csv.Read())
        {
            var record = csv.Record!;
            var line = csv.RawRow;
            if (record.Length != header.Length)
            {
                builder.Reject(RejectReason.Unreadable, $"Line {line} has {record.Length} fields; the header has {header.Length}.");
                continue;
            }

            if (!RateeId.TryCreate(record[ratee], out var rateeId))
            {
                builder.Reject(RejectReason.InvalidRatee, $"Line {line}: ratee '{record[ratee]}' is not a valid person id.");
                continue;
            }

            if (!RaterId.TryCreate(record[rater], out var raterId))
            {
                builder.Reject(RejectReason.InvalidRater, $"Line {line}: rater '{record[rater]}' is not a valid person id.");
                continue;
            }

            if (!double.TryParse(record[value], NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                var hint = record[value].Contains(',', StringComparison.Ordinal) ? " (use a point as the decimal separator)" : string.Empty;
                builder.Reject(RejectReason.ValueNotFinite, $"Line {line}: value '{record[value]}' is not a number{hint}.");
                continue;
            }

            RaterSource kind;
            if (source < 0)
            {
                kind = rateeId.Value == raterId.Value ? RaterSource.Self : RaterSource.Peer;
            }
            else if (!TryParseSource(record[source], out kind))
            {
                builder.Reject(RejectReason.InvalidSource,
                    $"Line {line}: source '{record[source]}' is not one of self, manager, peer, direct-report, skip-level, assessor.");
                continue;
            }

            var label = cycle < 0 || record[cycle].Length == 0 ? null : record[cycle];
            builder.Add(new Rating(rateeId, raterId, kind, record[competency], number, label));
        }

        return builder.Build();
    }

    public static void Write(string path, IEnumerable<Rating> ratings)
    {
        using var writer = new StreamWriter(path);
        writer.WriteLine("ratee,rater,source,competency,value,cycle");
        foreach (var r in ratings)
        {
            writer.WriteLine(string.Join(',', Field(r.Ratee.Value), Field(r.Rater.Value), SourceName(r.Source), Field(r.Competency),
                Number(r.Value), Field(r.Cycle ?? string.Empty)));
        }
    }

    /// <summary>Formats a number for a CSV cell: invariant culture, round-trip precision, NA when not finite.</summary>
    public static string Number(double value) => double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : "NA";

    /// <summary>The names of the flags set in <paramref name="value"/>, separated by semicolons (empty for none).</summary>
    public static string Flags<T>(T value)
        where T : struct, Enum =>
        string.Join(';', Enum.GetValues<T>().Where(f => Convert.ToInt64(f, CultureInfo.InvariantCulture) != 0 && value.HasFlag(f)));

    /// <summary>Quotes a field when CSV requires it.</summary>
    public static string Field(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;

    private static bool TryParseSource(string text, out RaterSource source)
    {
        var normalised = text.Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal);
        return Enum.TryParse(normalised, ignoreCase: true, out source) && Enum.IsDefined(source) && !int.TryParse(text, out _);
    }
}
