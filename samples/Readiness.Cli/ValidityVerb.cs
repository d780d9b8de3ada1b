using System.Globalization;
using Readiness.Fairness;
using Readiness.Files;
using Readiness.Pipeline;

namespace Readiness.Cli;

/// <summary>
/// <c>readiness validity --ratings FILE.csv --outcomes FILE.csv [--performance FILE.csv] [--reliability R] [--out DIR]</c>: does
/// readiness predict the later outcomes better than performance? Writes validity.json.
/// </summary>
internal static class ValidityVerb
{
    public static int Run(
        FileInfo ratingsFile, FileInfo? modelFile, ColumnMap columns, FileInfo outcomesFile, FileInfo? performanceFile, FileInfo? roleFile, CohortSettings settings, double? reliability,
        DirectoryInfo output, TextWriter console, TextWriter error)
    {
        try
        {
            BadInput.RefuseOverwrite(output, ["validity.json", "warnings.txt", "rejects.csv"], ratingsFile, modelFile, outcomesFile, performanceFile, roleFile, settings.Options);
            var model = CohortInput.ReadModel(modelFile);
            var role = CohortInput.ReadRole(roleFile, model);
            var outcomes = CohortInput.Read(outcomesFile, InputTables.ReadOutcomes, error);
            var performance = performanceFile is null ? null : ScoreVerb.ReadPerformance(performanceFile, error);
            var cohort = CohortInput.Run(
                ratingsFile, columns, model, modelFile is not null, settings, intake => new ReadinessRunInput(intake, [role]) { Performance = performance, Outcomes = outcomes },
                new ReadinessPipelineOptions { Validity = new ValidityOptions { OutcomeReliability = reliability } }, output, console, error);
            if (cohort is null)
            {
                return WeightsVerb.BadInput;
            }

            var study = cohort.Run.Validity!;
            using var staging = OutputStaging.Begin(output);
            var common = cohort.Write(staging);
            staging.WriteStream("validity.json", s => FairnessFiles.WriteValidity(s, study));
            staging.Commit();
            var auc = study.AucDifference is not { } d ? "."
                : double.IsNaN(d.P) ? $"; AUC {study.ReadinessAuc!.Auc:0.00} against {study.PerformanceAuc!.Auc:0.00} (one success or one failure: no interval or test)."
                : $"; AUC {study.ReadinessAuc!.Auc:0.00} against {study.PerformanceAuc!.Auc:0.00}, difference {d.Difference:0.00} [{d.Lower:0.00}, {d.Upper:0.00}] ({P(d.P)}, DeLong).";
            console.WriteLine($"{study.Sample} people ({study.LeftOut} outcome{(study.LeftOut == 1 ? string.Empty : "s")} without a score or performance): readiness r = {study.Readiness.R:0.00} " +
                $"[{study.Readiness.Lower:0.00}, {study.Readiness.Upper:0.00}], performance r = {study.Performance.R:0.00} [{study.Performance.Lower:0.00}, {study.Performance.Upper:0.00}]; " +
                $"readiness adds ΔR² {study.ReadinessOverPerformance.DeltaR2:0.000} over performance ({P(study.ReadinessOverPerformance.P)}){auc}");
            if (study.Restriction is { IsMaterial: true } restriction)
            {
                error.WriteLine(
                    $"warning: the people with outcomes are a narrower slice of the {restriction.Assessed:#,0} assessed (spread of readiness {restriction.ReadinessRatio:0.00}, " +
                    $"of performance {restriction.PerformanceRatio:0.00} of everyone's), so the correlations understate validity in the whole organisation; corrected " +
                    $"(Thorndike Case II, selection on each predictor): readiness r = {restriction.ReadinessCorrected:0.00}, performance r = {restriction.PerformanceCorrected:0.00}.");
            }

            console.WriteLine($"Wrote validity.json, {common} and manifest.json to {output.FullName}");
            return WeightsVerb.Ok;
        }
        catch (Exception e) when (BadInput.Is(e, arguments: true))
        {
            return BadInput.Report(e, error);
        }
    }

    /// <summary>A p-value as the console prints it: three decimals, or "p &lt; 0.001".</summary>
    internal static string P(double p) => p < 0.001 ? "p < 0.001" : $"p = {p.ToString("0.000", CultureInfo.InvariantCulture)}";
}
