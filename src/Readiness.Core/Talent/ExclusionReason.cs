namespace Readiness.Talent;

/// <summary>Why a person was left out of a 9-box or a slate.</summary>
public enum ExclusionReason
{
    /// <summary>Not scored: the evidence fell short of the requirements.</summary>
    InsufficientEvidence = 0,

    /// <summary>No value of the performance measure the 9-box uses.</summary>
    NoPerformanceMeasure = 1,

    /// <summary>Excluded by the caller (a flight risk, a pending move, …).</summary>
    ExcludedByCaller = 2,

    /// <summary>The band is below the slate's lowest band (by default, not on a leadership track).</summary>
    BandBelowSlate = 3,

    /// <summary>Ranked below the slate's length.</summary>
    BeyondSlateLength = 4,
}
