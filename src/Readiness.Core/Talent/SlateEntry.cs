using System.Collections.Immutable;
using Readiness.Evidence;
using Readiness.Internal;
using Readiness.Scoring;

namespace Readiness.Talent;

/// <summary>One successor on a slate.</summary>
/// <param name="Rank">The rank in the whole cohort (<see cref="ReadinessAssessment.CohortRank"/>), 1 first; for assessments scored one by one, the place on the slate. Equal numbers share a rank (1, 2, 2, 4).</param>
/// <param name="Candidate">The person.</param>
/// <param name="Index">The readiness index.</param>
/// <param name="Lower">The lower end of its interval.</param>
/// <param name="Upper">The upper end of its interval.</param>
/// <param name="Band">The readiness band.</param>
/// <param name="YearsToReady">The estimated years to ready.</param>
/// <param name="BestRank">The best rank in the whole cohort the evidence allows (<see cref="ReadinessAssessment.RankLow"/>); for an assessment scored outside a cohort, 1 + the successors whose interval's lower end is above this upper end.</param>
/// <param name="WorstRank">The worst rank in the whole cohort the evidence allows (<see cref="ReadinessAssessment.RankHigh"/>); outside a cohort, the slate's length − the successors whose upper end is below this lower end.</param>
/// <param name="KeyGaps">The largest gaps (weight × gap), competency ids.</param>
/// <param name="Signals">The assessment's signals.</param>
public sealed record SlateEntry(
    int Rank,
    RateeId Candidate,
    double Index,
    double Lower,
    double Upper,
    ReadinessBand Band,
    double YearsToReady,
    int BestRank,
    int WorstRank,
    ImmutableArray<string> KeyGaps,
    ReadinessSignals Signals)
{
    // Compared item by item (an ImmutableArray compares by reference), so equal results are equal.
    private readonly EquatableArray<string> _keyGaps = new(KeyGaps);

    /// <summary>Gets the competencies of the largest gaps (weight × gap).</summary>
    public ImmutableArray<string> KeyGaps { get => _keyGaps.Items; init => _keyGaps = new(value); }

    /// <summary>Gets a value indicating whether the evidence cannot tell this successor's place from a neighbour's.</summary>
    public bool RankUncertain => BestRank != WorstRank;

    /// <summary>Gets the probability that the successor is ready now (<see cref="ReadinessAssessment.ProbabilityReadyNow"/>), when the scorer gives it.</summary>
    public double? ProbabilityReadyNow { get; init; }

    /// <summary>Gets the probability that the successor is ready within the near term (<see cref="ReadinessAssessment.ProbabilityReadyNearTerm"/>), when the scorer gives it.</summary>
    public double? ProbabilityReadyNearTerm { get; init; }
}
