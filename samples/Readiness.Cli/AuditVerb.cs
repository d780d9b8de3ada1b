using System.Globalization;
using Readiness.Fairness;
using Readiness.Files;
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
            BadInput.RefuseOverwrite(output, ["audit.csv", "rater-splits.csv", "potential-gap.csv", "warnings.txt", "rejects.csv"], ratingsFile, modelFile, groupsFile, performanceFile, roleFile, settings.Options);
            var model = CohortInput.ReadModel(modelFile);
            var role = CohortInput.ReadRole(roleFile, model);
            var groups = CohortInput.Read(groupsFile, InputTables.ReadGroups, error);
            var outcome = OutcomeRule(outcomeName);
            var performance = performanceFile is null ? null : ScoreVerb.ReadPerformance(performanceFile, error);
            var cohort = CohortInput.Run(
                ratingsFile, columns, model, modelFile is not null, settings,
                intake => new ReadinessRunInput(intake, [role]) { Performance = performance, Demographics = groups.Demographics, AuditAttributes = groups.Attributes },
                new ReadinessPipelineOptions { AuditOutcome = outcome, Audit = new AuditOptions { MinimumShare = minimumShare, MinimumCellSize = minimumCell } },
                output, console, error);
            if (cohort is null)
            {
                return WeightsVerb.BadInput;
            }

            var fairness = cohort.Run.Fairness!;
            using var staging = OutputStaging.Begin(output);
            var common = cohort.Write(staging);
            staging.WriteText("audit.csv", w => FairnessFiles.WriteAudit(w, fairness));
            staging.WriteText("rater-splits.csv", w => FairnessFiles.WriteRaterSplits(w, fairness));
            staging.WriteText("potential-gap.csv", w => FairnessFiles.WritePotentialGaps(w, fairness));
            staging.Commit();
            var first = fairness.Calibrated[0];
            console.WriteLine($"Audited '{first.Outcome}' by {string.Join(", ", fairness.Calibrated.Select(a => string.Join(" × ", a.Attributes)))}: " +
                $"{first.Audited} people, {first.MissingDemographics} without demographic data, {first.NotScored} not scored.");
            var confidence = (1 - first.Options.SignificanceLevel).ToString("0%", CultureInfo.InvariantCulture);
            foreach (var audit in fairness.Calibrated)
            {
                var omnibus = audit.Omnibus is { } test
                    ? $"selection {(test.P < audit.Options.SignificanceLevel ? "depends" : "does not detectably depend")} on the group ({ValidityVerb.P(test.P)}, {test.Groups} groups{(test.IsExact ? string.Empty : $", {test.Draws:N0} shuffles")})"
                    : "fewer than two groups to compare";
                var flagged = audit.Groups.Where(g => g.AdverseImpact == true).Select(g => g.ImpactRatioLower is { } lower
                    ? $"{g.Group} {g.ImpactRatio:0.00} ({confidence} CI {lower:0.00}–{g.ImpactRatioUpper:0.00}, adjusted {ValidityVerb.P(g.AdjustedP!.Value)})"
                    : $"{g.Group} {g.ImpactRatio:0.00}").ToArray();
                var suppressed = audit.Groups.Count(g => g.Status == GroupStatus.Suppressed);
                console.WriteLine($"  {string.Join(" × ", audit.Attributes)}: {omnibus}; " +
                    $"{(flagged.Length == 0 ? "no group below four-fifths" : "below four-fifths: " + string.Join(", ", flagged))}" +
                    $"{(suppressed == 0 ? string.Empty : $"; {suppressed} group{(suppressed == 1 ? string.Empty : "s")} suppressed")}.");
            }

            foreach (var bias in fairness.RaterSplits)
            {
                console.WriteLine($"  raters by {bias.Attribute}: {bias.Splits.Count(s => s.Flagged)} of {bias.Splits.Length} examined rate one group higher " +
                    $"(≥ {bias.Options.MinimumDifference:0.0#} points, {bias.Options.FalseDiscoveryRate:0%} false-discovery rate); {bias.NotExamined} of {bias.Raters} could not be examined " +
                    $"({bias.OneGroupOnly} rated one group only, {bias.TooFewRatees} too few ratees in each).");
            }

            foreach (var gap in fairness.PotentialGaps)
            {
                var lowest = gap.Groups.Where(g => g.AdjustedP is not null).MinBy(g => g.Gap);
                console.WriteLine($"  readiness for performance by {gap.Attribute}: " + (gap.OmnibusP is not { } p
                    ? (gap.Groups.IsEmpty ? "no one has both a readiness index and a performance measure (give --performance FILE.csv)." : "fewer than two groups large enough to test.")
                    : $"{(p < gap.Options.SignificanceLevel ? "differs" : "does not detectably differ")} between groups ({ValidityVerb.P(p)}); lowest {lowest!.Group} {lowest.Gap:+0.00;−0.00} SD (adjusted {ValidityVerb.P(lowest.AdjustedP!.Value)})."));
            }

            console.WriteLine($"Wrote audit.csv (calibrated and raw-mean scores), rater-splits.csv, potential-gap.csv, {common} and manifest.json to {output.FullName}");
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
}
