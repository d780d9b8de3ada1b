using System.Collections.Immutable;
using Readiness.Competencies;
using Readiness.Scoring;

namespace Readiness.Internal;

/// <summary>The registered scorer, counting assessments and tracing cohort scoring; the numbers are the inner scorer's.</summary>
internal sealed class InstrumentedScorer(IReadinessScorer inner) : IReadinessScorer
{
    public IReadinessScorer Inner => inner;

    public ReadinessAssessment Score(ReadinessCandidate candidate, RoleProfile profile)
    {
        var assessment = inner.Score(candidate, profile);
        ReadinessTelemetry.AssessmentsScored.Add(1);
        return assessment;
    }

    public ImmutableArray<ReadinessAssessment> ScoreCohort(IEnumerable<ReadinessCandidate> candidates, RoleProfile profile)
    {
        using var activity = ReadinessTelemetry.ActivitySource.StartActivity("Readiness.Score");
        var assessments = inner.ScoreCohort(candidates, profile);
        activity?.SetTag("readiness.assessments", assessments.Length);
        ReadinessTelemetry.AssessmentsScored.Add(assessments.Length);
        return assessments;
    }
}
