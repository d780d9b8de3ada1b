namespace Readiness.Scoring;

/// <summary>What a talent review should look at about a candidate.</summary>
[Flags]
public enum ReadinessSignals
{
    /// <summary>Nothing to flag.</summary>
    None = 0,

    /// <summary>At least one competency is below its critical minimum.</summary>
    CriticalGap = 1,

    /// <summary>The candidate's self-ratings run well above the other raters' view (<see cref="ScoringOptions.SelfInflationThreshold"/>).</summary>
    SelfRatingAboveOthers = 2,

    /// <summary>The candidate's raters disagree widely (<see cref="ScoringOptions.RaterDisagreementThreshold"/>).</summary>
    RatersDisagree = 4,

    /// <summary>Cohort-relative: individual performance in the cohort's top share, leadership readiness in its bottom half — the promotion trap.</summary>
    HighPerformerLowReadiness = 8,

    /// <summary>Cohort-relative: leadership readiness in the cohort's top share and a band of ready now or 1–2 years, individual performance no better than the median — the overlooked leader.</summary>
    OverlookedLeader = 16,

    /// <summary>
    /// The candidate kept their ratings by raters set aside for central tendency or halo, because without them they would
    /// not meet the evidence rules (<c>ReadinessPipelineOptions.KeepStyledRatersForEvidence</c>): their
    /// estimates carry those raters' error, which no rater effect removes.
    /// </summary>
    StyledRatersKept = 32,
}
