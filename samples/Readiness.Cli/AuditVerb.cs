using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Readiness.Evidence;
using Readiness.Fairness;
using Readiness.Pipeline;
using Readiness.Scoring;

namespace Readiness.Cli;

/// <summary>
/// <c>readiness audit --ratings FILE.csv --groups FILE.csv [--outcome …] [--min-share S] [--min-cell N] [--out DIR]</c>: the
/// adverse-impact audit of an outcome by each attribute and their intersection, on calibrated and on raw-mean scores, and
/// the raters who favour one group.
/// </summary>
internal static class AuditVerb
{
    public static int Run(
        FileInfo ratingsFile, FileInfo? modelFile, ColumnMap columns, FileInfo groupsFile, FileInfo? performanceFile, FileInfo? roleFile, CohortSettings settings, string outcomeName,
        double minimumShare, int minimumCell, DirectoryInfo output, TextWriter console, TextWriter error)
    {
        try
        {
            BadInput.RefuseOverwrite(output, ["audit.csv", "rater-splits.csv", "warnings.txt", "rejects.csv"], ratingsFile, modelFile, groupsFile, performanceFile, roleFile);
            var model = CohortInput.ReadModel(modelFile);
            var role = CohortInput.ReadRole(roleFile, model);
            var (demographics, attributes) = ReadGroups(groupsFile, error);
            var outcome = OutcomeRule(outcomeName);
            var performance = performanceFile is null ? null : ScoreVerb.ReadPerformance(performanceFile, error);
            var run = CohortInput.Run(
                ratingsFile, columns, model, modelFile is not null, settings,
                intake => new ReadinessRunInput(intake, [role]) { Performance = performance, Demographics = demographics, AuditAttributes = [.. attributes] },
                new ReadinessPipelineOptions { AuditOutcome = outcome, Audit = new AuditOptions { MinimumShare = minimumShare, MinimumCellSize = minimumCell } },
                output, console, error);
            if (run is null)
            {
                return WeightsVerb.BadInput;
            }

            var fairness = run.Fairness!;
            var audits = fairness.Calibrated.Zip(fairness.RawMeans).SelectMany(pair => new[] { ("calibrated", pair.First), ("raw-mean", pair.Second) }).ToArray();
            using var staging = OutputStaging.Begin(output);
            var written = staging.Directory;
            CalibrateVerb.WriteWarningsFile(written, run.Calibration);
            using (var writer = new StreamWriter(Path.Combine(written.FullName, "audit.csv")))
            {
                writer.WriteLine("scores,attributes,group,status,people,selected,rate,impact_ratio,below_four_fifths,fisher_p,z,z_p");
                foreach (var (scores, audit) in audits)
                {
                    var attributesField = RatingsCsv.Field(string.Join(" × ", audit.Attributes));
                    foreach (var g in audit.Groups)
                    {
                        writer.WriteLine(string.Join(',', scores, attributesField, RatingsCsv.Field(g.Group), g.Status,
                            g.Count, g.Selected, N(g.Rate), N(g.ImpactRatio), g.AdverseImpact is { } flag ? (flag ? "yes" : "no") : string.Empty, N(g.FisherP), N(g.Z), N(g.ZTestP)));
                    }

                    // As published bias-audit summaries do: the people whose category is unknown, counted but not rated.
                    writer.WriteLine($"{scores},{attributesField},(unknown),Unknown,{audit.MissingDemographics},,,,,,,");
                }
            }

            using (var writer = new StreamWriter(Path.Combine(written.FullName, "rater-splits.csv")))
            {
                writer.WriteLine("attribute,rater,high_group,low_group,difference,se,z,flagged");
                foreach (var splits in fairness.RaterSplits)
                {
                    foreach (var s in splits.Splits)
                    {
                        writer.WriteLine(string.Join(',', RatingsCsv.Field(splits.Attribute), RatingsCsv.Field(s.Rater.Value), RatingsCsv.Field(s.HighGroup), RatingsCsv.Field(s.LowGroup),
                            N(s.Difference), N(s.StandardError), N(s.Z), s.Flagged ? "yes" : "no"));
                    }
                }
            }

            staging.Commit();
            var first = audits[0].Item2;
            console.WriteLine($"Audited '{first.Outcome}' by {string.Join(", ", fairness.Calibrated.Select(a => string.Join(" × ", a.Attributes)))}: " +
                $"{first.Audited} people, {first.MissingDemographics} without demographic data, {first.NotScored} not scored.");
            foreach (var (scores, audit) in audits.Where(a => a.Item1 == "calibrated"))
            {
                var flagged = audit.Groups.Where(g => g.AdverseImpact == true).Select(g => $"{g.Group} ({g.ImpactRatio:0.00})").ToArray();
                console.WriteLine($"  {string.Join(" × ", audit.Attributes)}: {(flagged.Length == 0 ? "no group below four-fifths" : "below four-fifths: " + string.Join(", ", flagged))}");
            }

            console.WriteLine($"Wrote audit.csv (calibrated and raw-mean scores), rater-splits.csv, warnings.txt and manifest.json to {output.FullName}");
            return WeightsVerb.Ok;
        }
        catch (Exception e) when (BadInput.Is(e, arguments: true))
        {
            return BadInput.Report(e, error);
        }
    }

    /// <summary>The outcome audited, by its command-line name.</summary>
    /// <exception cref="ArgumentException">The name is not one of the outcomes.</exception>
    private static Func<IReadOnlyList<ReadinessAssessment>, AuditOutcome> OutcomeRule(string name) => name switch
    {
        "ready-now" => AuditOutcome.ReadyNow,
        "scoring-rate" => AuditOutcome.ScoringRate,
        _ when name.StartsWith("index:", StringComparison.Ordinal) && double.TryParse(name[6..], NumberStyles.Float, CultureInfo.InvariantCulture, out var cutoff) =>
            assessments => AuditOutcome.IndexAtLeast(assessments, cutoff),
        _ => throw new ArgumentException($"--outcome '{name}' is not one of ready-now, scoring-rate or index:N (N in 0–100)."),
    };

    /// <summary>Reads <c>ratee,attribute1,attribute2,…</c>: an empty cell is an unknown category; a bad row is reported and left out.</summary>
    internal static (Demographics Demographics, string[] Attributes) ReadGroups(FileInfo file, TextWriter error)
    {
        using var reader = InputText.Open(file);
        using var csv = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { TrimOptions = TrimOptions.Trim });
        if (!csv.Read() || csv.Record is not { } header || header.Length < 2 || header[0] != "ratee"
            || header.Skip(1).Any(string.IsNullOrWhiteSpace) || header.Distinct(StringComparer.OrdinalIgnoreCase).Count() != header.Length)
        {
            throw new RatingsCsvException($"{file.Name}: expected a header row ratee,ATTRIBUTE[,ATTRIBUTE…] with distinct attribute names");
        }

        // Attribute names and categories follow the person-id rule (no control or invisible formatting characters): two
        // categories that look alike on screen would be audited as two groups.
        if (header.Skip(1).FirstOrDefault(name => !RateeId.TryCreate(name, out _)) is { } badName)
        {
            throw new RatingsCsvException($"{file.Name}: the attribute name '{RatingsCsv.Shown(badName)}' holds a control or invisible formatting character, or white space at an end");
        }

        var records = new List<DemographicRecord>();
        var seen = new HashSet<RateeId>();
        while (csv.Read())
        {
            var record = csv.Record!;
            if (record.Length != header.Length || !RateeId.TryCreate(record[0], out var id) || !seen.Add(id))
            {
                error.WriteLine($"warning: {file.Name} line {csv.RawRow}: not a ratee id with one cell per attribute, or a ratee listed twice; left out.");
                continue;
            }

            for (var a = 1; a < header.Length; a++)
            {
                if (record[a].Length > 0 && !RateeId.TryCreate(record[a], out _))
                {
                    error.WriteLine($"warning: {file.Name} line {csv.RawRow}: the {header[a]} category '{RatingsCsv.Shown(record[a])}' holds a control or invisible formatting character; counted as unknown.");
                }
                else if (record[a].Length > 0)
                {
                    records.Add(new DemographicRecord(id, header[a], record[a]));
                }
            }
        }

        return (Demographics.Create(records), header[1..]);
    }

    private static string N(double? value) => value is { } v ? RatingsCsv.Number(Math.Round(v, 6)) : string.Empty;
}
