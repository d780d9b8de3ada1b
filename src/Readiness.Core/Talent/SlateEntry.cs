using System.Collections.Immutable;
using Readiness.Competencies;
using Readiness.Evidence;
using Readiness.Scoring;

namespace Readiness.Talent;

/// <summary>One successor on a slate.</summary>
public sealed class SlateEntry
{
    /// <summary>Initializes a new instance of the <see cref="SlateEntry"/> class.</summary>
    /// <param name="rank">The rank in the whole cohort (<see cref="ReadinessAssessment.CohortRank"/>), 1 first; for assessments scored one by one, the place on the slate. Equal numbers share a rank (1, 2, 2, 4).</param>
    /// <param name="person">The person.</param>
    /// <param name="index">The readiness index.</param>
    /// <param name="lower">The lower end of its interval.</param>
    /// <param name="upper">The upper end of its interval.</param>
    /// <param name="band">The readiness band.</param>
    /// <param name="yearsToReady">The estimated years to ready.</param>
    /// <param name="bestRank">The best rank in the whole cohort the evidence allows (<see cref="ReadinessAssessment.RankLow"/>); for an assessment scored outside a cohort, 1 + the successors whose interval's lower end is above this upper end.</param>
    /// <param name="worstRank">The worst rank in the whole cohort the evidence allows (<see cref="ReadinessAssessment.RankHigh"/>); outside a cohort, the slate's length − the successors whose upper end is below this lower end.</param>
    /// <param name="keyGaps">The largest gaps (weight × gap), competency ids.</param>
    /// <param name="signals">The assessment's signals.</param>
    internal SlateEntry(int rank, RateeId person, double index, double lower, double upper, ReadinessBand band, double yearsToReady, int bestRank, int worstRank, ImmutableArray<CompetencyId> keyGaps, ReadinessSignals signals)
    {
        Rank = rank;
        Person = person;
        Index = index;
        Lower = lower;
        Upper = upper;
        Band = band;
        YearsToReady = yearsToReady;
        BestRank = bestRank;
        WorstRank = worstRank;
        Signals = signals;
        KeyGaps = keyGaps;
    }

    /// <summary>Gets the rank in the whole cohort (<see cref="ReadinessAssessment.CohortRank"/>), 1 first; for assessments scored one by one, the place on the slate. Equal numbers share a rank (1, 2, 2, 4).</summary>
    public int Rank { get; }

    /// <summary>Gets the person.</summary>
    public RateeId Person { get; }

    /// <summary>Gets the readiness index.</summary>
    public double Index { get; }

    /// <summary>Gets the lower end of its interval.</summary>
    public double Lower { get; }

    /// <summary>Gets the upper end of its interval.</summary>
    public double Upper { get; }

    /// <summary>Gets the readiness band.</summary>
    public ReadinessBand Band { get; }

    /// <summary>Gets the estimated years to ready.</summary>
    public double YearsToReady { get; }

    /// <summary>Gets the best rank in the whole cohort the evidence allows (<see cref="ReadinessAssessment.RankLow"/>); for an assessment scored outside a cohort, 1 + the successors whose interval's lower end is above this upper end.</summary>
    public int BestRank { get; }

    /// <summary>Gets the worst rank in the whole cohort the evidence allows (<see cref="ReadinessAssessment.RankHigh"/>); outside a cohort, the slate's length − the successors whose upper end is below this lower end.</summary>
    public int WorstRank { get; }

    /// <summary>Gets the assessment's signals.</summary>
    public ReadinessSignals Signals { get; }

    /// <summary>Gets the competencies of the largest gaps (weight × gap).</summary>
    public ImmutableArray<CompetencyId> KeyGaps { get; }

    /// <summary>Gets a value indicating whether the evidence cannot tell this successor's place from a neighbour's.</summary>
    public bool RankUncertain => BestRank != WorstRank;

    /// <summary>Gets the probability that the successor is ready now (<see cref="ReadinessAssessment.ProbabilityReadyNow"/>), when the scorer gives it.</summary>
    public double? ProbabilityReadyNow { get; internal init; }

    /// <summary>Gets the probability that the successor is ready within the near term (<see cref="ReadinessAssessment.ProbabilityReadyNearTerm"/>), when the scorer gives it.</summary>
    public double? ProbabilityReadyNearTerm { get; internal init; }
}
