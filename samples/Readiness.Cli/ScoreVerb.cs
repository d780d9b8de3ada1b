using Readiness.Evidence;
using Readiness.Files;
using Readiness.Pipeline;
using Readiness.Reliability;
using Readiness.Serialization;

namespace Readiness.Cli;

/// <summary>
/// <c>readiness score --ratings FILE.csv [--performance FILE.csv] [--role ROLE.json] [--method …] [--out DIR]</c>: calibrates the
/// ratings, scores every ratee against the role and writes readiness.csv and explanations.json.
/// </summary>
internal static class ScoreVerb
{
    public static int Run(
        FileInfo ratingsFile, FileInfo? modelFile, ColumnMap columns, FileInfo? performanceFile, FileInfo? roleFile, CohortSettings settings, AnonymityOptions anonymity, DirectoryInfo output, TextWriter console, TextWriter error)
    {
        try
        {
            BadInput.RefuseOverwrite(output, ["readiness.csv", "explanations.json", "warnings.txt", "rejects.csv"], ratingsFile, modelFile, performanceFile, roleFile, settings.Options);
            var model = CohortInput.ReadModel(modelFile);
            var role = CohortInput.ReadRole(roleFile, model);
            var performance = performanceFile is null ? null : ReadPerformance(performanceFile, error);
            var cohort = CohortInput.Run(
                ratingsFile, columns, model, modelFile is not null, settings, intake => new ReadinessRunInput(intake, [role]) { Performance = performance }, new ReadinessPipelineOptions(), output, console, error);
            if (cohort is null)
            {
                return WeightsVerb.BadInput;
            }

            var run = cohort.Run;

            var assessments = run.Assessments;
            string common;
            using (var staging = OutputStaging.Begin(output))
            {
                common = cohort.Write(staging);
                staging.WriteText("readiness.csv", w => ReadinessFiles.WriteReadiness(w, assessments));
                staging.WriteStream("explanations.json", s => ReadinessFiles.WriteExplanations(s, assessments, SourceAverages.Compute(run.Ratings, anonymity)));
                staging.Commit();
            }

            var bands = assessments.GroupBy(a => a.Band).OrderBy(g => g.Key).Select(g => $"{WireNames.Of(g.Key)} {g.Count()}");
            console.WriteLine($"Scored {assessments.Length} people against {role}: {string.Join(", ", bands)}.");
            console.WriteLine($"Wrote readiness.csv, explanations.json, {common} and manifest.json to {output.FullName}");
            return WeightsVerb.Ok;
        }
        catch (Exception e) when (BadInput.Is(e))
        {
            return BadInput.Report(e, error);
        }
    }

    /// <summary>Reads <c>ratee,performance</c>; a bad or repeated row is reported on standard error and left out (never silently).</summary>
    internal static PerformanceSet ReadPerformance(FileInfo file, TextWriter error) => CohortInput.Read(file, InputTables.ReadPerformance, error);
}
