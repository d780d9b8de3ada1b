using Readiness.Calibration;
using Readiness.Competencies;
using Readiness.Evidence;
using Readiness.Scoring;
using Readiness.Serialization;

namespace Readiness.Cli;

/// <summary>The intake, calibration and scoring the audit and validity verbs share with score.</summary>
internal sealed record CohortInput(RatingSet Ratings, PerformanceSet? Performance, RoleProfile Role, CalibrationResult Calibration, IReadOnlyList<ReadinessAssessment> Assessments)
{
    /// <summary>Reads, calibrates and scores; null (with the reason on standard error) when the ratings hold nothing usable.</summary>
    public static CohortInput? Load(FileInfo ratingsFile, FileInfo? performanceFile, FileInfo? roleFile, string method, TextWriter console, TextWriter error)
    {
        var model = LeadershipFramework.Model;
        var role = roleFile is null ? LeadershipFramework.FirstLineManager : ReadinessJson.ReadRoleProfile(File.ReadAllText(roleFile.FullName), model);
        var intake = RatingsCsv.Read(ratingsFile, model);
        if (intake.Ratings.Count == 0)
        {
            error.WriteLine($"error: {ratingsFile.Name}: none of the {intake.Report.Submitted} rows could be used");
            return null;
        }

        var performance = performanceFile is null ? null : ScoreVerb.ReadPerformance(performanceFile, error);
        console.WriteLine($"Read {intake.Report}.");
        var calibration = CalibrateVerb.Calibrator(method, CrossedModelPath.Auto).Calibrate(intake.Ratings);
        var assessments = new ReadinessScorer().ScoreCohort(ReadinessCandidate.FromCalibration(calibration, intake.Ratings, performance), role);
        return new CohortInput(intake.Ratings, performance, role, calibration, assessments);
    }
}
