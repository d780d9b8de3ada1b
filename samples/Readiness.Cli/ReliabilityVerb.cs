using Readiness.Calibration;
using Readiness.Files;
using Readiness.Reliability;
using Readiness.Serialization;

namespace Readiness.Cli;

/// <summary>
/// <c>readiness reliability --ratings FILE.csv [--method …] [--out DIR]</c>: how far the raters agree — ICC and Krippendorff's
/// alpha per competency and overall, the raters a target reliability needs — with rater diagnostics and self–other
/// agreement. Writes reliability.json, rater-diagnostics.csv, self-other.csv and agreement.csv (r_wg per person and competency).
/// </summary>
internal static class ReliabilityVerb
{
    public static int Run(FileInfo ratingsFile, FileInfo? modelFile, ColumnMap columns, string method, DirectoryInfo output, TextWriter console, TextWriter error)
    {
        try
        {
            BadInput.RefuseOverwrite(output, ["reliability.json", "rater-diagnostics.csv", "self-other.csv", "agreement.csv", "warnings.txt", "rejects.csv"], ratingsFile, modelFile);
            var model = CohortInput.ReadModel(modelFile);
            if (CohortInput.ReadRatings(ratingsFile, columns, model, modelFile is not null, output, error) is not { } file)
            {
                return WeightsVerb.BadInput;
            }

            console.WriteLine($"Read {file.Report}.");
            var ratings = file.Ratings;
            var calibration = CalibrateVerb.Calibrator(method, CrossedModelPath.Auto).Calibrate(ratings);
            CalibrateVerb.WriteWarnings(calibration, console);
            var report = ReliabilityReport.Compute(ratings, calibration);
            using var staging = OutputStaging.Begin(output);
            CalibrateVerb.WriteWarningsFile(staging, calibration);
            if (!file.Report.Rejected.IsEmpty)
            {
                staging.WriteText("rejects.csv", w => CalibrationFiles.WriteRejects(w, file));
            }

            staging.WriteStream("reliability.json", s => ReliabilityFiles.WriteReliability(s, report));
            staging.WriteText("rater-diagnostics.csv", w => ReliabilityFiles.WriteRaterDiagnostics(w, report));
            staging.WriteText("self-other.csv", w => ReliabilityFiles.WriteSelfOther(w, report));
            staging.WriteText("agreement.csv", w => ReliabilityFiles.WriteAgreement(w, report));
            staging.Commit();
            var (diagnostics, agreement) = (report.RaterDiagnostics, report.SelfOther);
            if (!report.AnonymisedSources.IsEmpty)
            {
                var names = report.AnonymisedSources.Select(WireNames.Of).ToArray();
                var sources = names.Length == 1 ? names[0] : $"{string.Join(", ", names[..^1])} and {names[^1]}";
                console.WriteLine($"The {sources} ratings carry rater ids that do not repeat (an export that anonymises each response): " +
                    "the overall reliability leaves them out (it rests on each rater's mean over the competencies they rated a person on)" +
                    (report.Overall.Icc is null ? ", which leaves no overall reliability here (fewer than two named raters a person)" : string.Empty) +
                    ", and they have no rater diagnostics." +
                    (report.SingleRaterReliability is null ? " Their raters share one effect per person, so the raters a reliability needs are not estimated." : string.Empty));
            }

            var raters = diagnostics.IsEmpty
                ? report.AnonymisedSources.IsEmpty ? $"no rater rated the {new RaterDiagnosticOptions().MinimumRatees} or more people a diagnosis needs" : "no named rater to diagnose"
                : $"{diagnostics.Count(d => d.Issues != RaterIssues.None)} of {diagnostics.Length} raters flagged";
            console.WriteLine($"{raters}; " +
                $"{string.Join(", ", agreement.People.GroupBy(p => p.Category).OrderBy(g => g.Key).Select(g => $"{g.Count()} {WireNames.Of(g.Key)}"))}; {agreement.Excluded.Length} without self- and other-ratings to compare.");
            console.WriteLine($"Wrote reliability.json, rater-diagnostics.csv, self-other.csv, agreement.csv, warnings.txt{(file.Report.Rejected.IsEmpty ? string.Empty : ", rejects.csv")} and manifest.json to {output.FullName}");
            return WeightsVerb.Ok;
        }
        catch (Exception e) when (BadInput.Is(e))
        {
            return BadInput.Report(e, error);
        }
    }
}
