using System.Collections.Immutable;
using Readiness.Competencies;
using Readiness.Scoring;

namespace Readiness.Internal;

/// <summary>The registered scorer, counting assessments and tracing cohort and batch scoring; the numbers are the inner scorer's.</summary>
internal sealed class InstrumentedScorer(IReadinessScorer inner) : IReadinessScorer
{
    public IReadinessScorer Inner => inner;

    public ScoringOptions Options => inner.Options;

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

    public void ScoreBatch(
        RoleProfile profile, ReadOnlySpan<double> estimates, ReadOnlySpan<double> standardErrors, Span<double> index, Span<double> lower, Span<double> upper, Span<ReadinessBand> bands)
    {
        using var activity = ReadinessTelemetry.ActivitySource.StartActivity("Readiness.Score");
        inner.ScoreBatch(profile, estimates, standardErrors, index, lower, upper, bands);
        activity?.SetTag("readiness.assessments", index.Length);
        ReadinessTelemetry.AssessmentsScored.Add(index.Length);
    }

    public void ScoreBatchParallel(
        RoleProfile profile,
        ReadOnlyMemory<double> estimates,
        ReadOnlyMemory<double> standardErrors,
        Memory<double> index,
        Memory<double> lower,
        Memory<double> upper,
        Memory<ReadinessBand> bands,
        int maxDegreeOfParallelism = -1)
    {
        using var activity = ReadinessTelemetry.ActivitySource.StartActivity("Readiness.Score");
        inner.ScoreBatchParallel(profile, estimates, standardErrors, index, lower, upper, bands, maxDegreeOfParallelism);
        activity?.SetTag("readiness.assessments", index.Length);
        ReadinessTelemetry.AssessmentsScored.Add(index.Length);
    }
}
