using System.Collections.Immutable;
using Readiness.Evidence;

namespace Readiness.Scoring;

/// <summary>A candidate's readiness for a role: the index with its interval, the band, the gaps and what explains them.</summary>
/// <remarks>
/// The index runs from 0 to 100, where 100 means every requirement meets its target; <see cref="Competencies"/> says how
/// each requirement contributes (the contributions add up to the index). A candidate whose evidence falls short is not
/// scored: <see cref="Index"/> is null, <see cref="Band"/> is <see cref="ReadinessBand.InsufficientEvidence"/>, and
/// <see cref="Evidence"/> says what is missing. Individual performance is reported beside readiness, never mixed into it
/// beyond the role profile's own weights.
/// </remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed class ReadinessAssessment
{
    internal ReadinessAssessment(
        RateeId candidate,
        string profileId,
        ScoringPolicy policy,
        EvidenceCheck evidence,
        double? index,
        double? lower,
        double? upper,
        double intervalLevel,
        ReadinessBand band,
        double? yearsToReady,
        ImmutableArray<CompetencyScore> competencies,
        double? performanceIndex,
        double? performance,
        ReadinessSignals signals)
    {
        Candidate = candidate;
        ProfileId = profileId;
        Policy = policy;
        Evidence = evidence;
        Index = index;
        Lower = lower;
        Upper = upper;
        IntervalLevel = intervalLevel;
        Band = band;
        YearsToReady = yearsToReady;
        Competencies = competencies;
        PerformanceIndex = performanceIndex;
        Performance = performance;
        Signals = signals;
    }

    /// <summary>Gets the candidate.</summary>
    public RateeId Candidate { get; }

    /// <summary>Gets the id of the role profile scored against.</summary>
    public string ProfileId { get; }

    /// <summary>Gets the scoring policy used.</summary>
    public ScoringPolicy Policy { get; }

    /// <summary>Gets whether the evidence sufficed, and what is missing when it did not.</summary>
    public EvidenceCheck Evidence { get; }

    /// <summary>Gets the readiness index in [0, 100], or null when the candidate was not scored.</summary>
    public double? Index { get; }

    /// <summary>Gets the lower end of the index's interval, or null.</summary>
    public double? Lower { get; }

    /// <summary>Gets the upper end of the index's interval, or null.</summary>
    public double? Upper { get; }

    /// <summary>Gets the interval's coverage, e.g. 0.90.</summary>
    public double IntervalLevel { get; }

    /// <summary>Gets the band.</summary>
    public ReadinessBand Band { get; }

    /// <summary>Gets the estimated years of development until every gap is closed (gaps close in parallel), or null when not scored.</summary>
    public double? YearsToReady { get; }

    /// <summary>Gets one entry per requirement of the role, in the profile's order.</summary>
    public ImmutableArray<CompetencyScore> Competencies { get; }

    /// <summary>Gets attainment on the role's individual-performance requirements alone (0–100), or null when the role has none or they lack estimates.</summary>
    public double? PerformanceIndex { get; }

    /// <summary>Gets the candidate's individual-performance measure (performance records), when there is one.</summary>
    public double? Performance { get; }

    /// <summary>Gets what a talent review should look at.</summary>
    public ReadinessSignals Signals { get; }

    /// <summary>Gets a value indicating whether the candidate was scored.</summary>
    public bool IsScored => Index is not null;

    /// <summary>Returns the assessment with more signals.</summary>
    internal ReadinessAssessment WithSignals(ReadinessSignals signals) =>
        new(Candidate, ProfileId, Policy, Evidence, Index, Lower, Upper, IntervalLevel, Band, YearsToReady, Competencies, PerformanceIndex, Performance, Signals | signals);

    /// <inheritdoc />
    public override string ToString() =>
        IsScored
            ? $"{Candidate} for {ProfileId}: {Index:0.0} [{Lower:0.0}, {Upper:0.0}], {Band}{(Signals == ReadinessSignals.None ? string.Empty : $" ({Signals})")}"
            : $"{Candidate} for {ProfileId}: not scored ({string.Join(" ", Evidence.Missing)})";
}
