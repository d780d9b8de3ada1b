namespace Readiness.Calibration;

/// <summary>How rater bias is removed from ratings.</summary>
public enum CalibrationMethod
{
    /// <summary>No adjustment: raw means of the other raters' ratings. The baseline every method is compared with.</summary>
    None = 0,

    /// <summary>Each rater's mean is subtracted (their leniency), then the grand mean added back.</summary>
    MeanCentring = 1,

    /// <summary>Each rater's ratings are standardised (their leniency and their use of the scale), then put back on the scale.</summary>
    Standardisation = 2,

    /// <summary>The crossed random-effects model: ratee, ratee × competency and rater as random effects, variances by REML, estimates as BLUPs.</summary>
    CrossedRandomEffects = 3,

    /// <summary>The many-facet Rasch rating-scale model: ratees, competencies and raters (and optionally sources) on one logit scale, by joint maximum likelihood; estimates are fair averages.</summary>
    ManyFacetRasch = 4,
}
