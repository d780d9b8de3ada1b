using System.Collections.Immutable;
using Readiness.Calibration;
using Readiness.Competencies;
using Readiness.Evidence;
using Readiness.Scoring;
using Readiness.Serialization;

namespace Readiness.Cli;

/// <summary>The intake, calibration and scoring the audit and validity verbs share with score.</summary>
internal sealed record CohortInput(
    RatingSet Ratings, PerformanceSet? Performance, RoleProfile Role, CalibrationResult Calibration, ImmutableArray<ReadinessCandidate> Candidates, ImmutableArray<ReadinessAssessment> Assessments)
{
    /// <summary>The role profile in the file, or the built-in first-line-manager profile.</summary>
    public static RoleProfile ReadRole(FileInfo? roleFile) =>
        roleFile is null ? LeadershipFramework.FirstLineManager : ReadinessJson.ReadRoleProfile(File.ReadAllText(roleFile.FullName), LeadershipFramework.Model);

    /// <summary>Reads, calibrates and scores; null (with the reason on standard error) when the ratings hold nothing usable.</summary>
    public static CohortInput? Load(FileInfo ratingsFile, FileInfo? performanceFile, FileInfo? roleFile, string method, TextWriter console, TextWriter error) =>
        Load(ratingsFile, performanceFile, ReadRole(roleFile), method, console, error);

    /// <summary>Reads, calibrates and scores against <paramref name="role"/>; null (with the reason on standard error) when the ratings hold nothing usable.</summary>
    public static CohortInput? Load(FileInfo ratingsFile, FileInfo? performanceFile, RoleProfile role, string method, TextWriter console, TextWriter error)
    {
        var model = LeadershipFramework.Model;
        var intake = RatingsCsv.Read(ratingsFile, model).Intake;
        if (intake.Ratings.Count == 0)
        {
            error.WriteLine($"error: {ratingsFile.Name}: none of the {intake.Report.Submitted} rows could be used");
            return null;
        }

        var performance = performanceFile is null ? null : ScoreVerb.ReadPerformance(performanceFile, error);
        console.WriteLine($"Read {intake.Report}.");
        var calibration = CalibrateVerb.Calibrator(method, CrossedModelPath.Auto).Calibrate(intake.Ratings);
        CalibrateVerb.WriteWarnings(calibration, console);
        var candidates = ReadinessCandidate.FromCalibration(calibration, intake.Ratings, performance);
        return new CohortInput(intake.Ratings, performance, role, calibration, candidates, new ReadinessScorer().ScoreCohort(candidates, role));
    }
}
