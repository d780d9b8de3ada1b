namespace Readiness.Calibration;

/// <summary>The codes of the built-in calibrators' <see cref="CalibrationWarning"/>s.</summary>
public static class CalibrationWarningCodes
{
    /// <summary>Raters who gave a single rating: their leniency rests on the model alone.</summary>
    public const string SingleRatingRaters = "single-rating-raters";

    /// <summary>People rated by at most one rater other than themselves: wide standard errors.</summary>
    public const string ThinlyRatedPeople = "thinly-rated-people";

    /// <summary>The rater–ratee graph falls apart: rater effects compare only within each part.</summary>
    public const string DisconnectedDesign = "disconnected-design";

    /// <summary>Person × competency combinations with only a self-rating: no estimate.</summary>
    public const string SelfRatingOnly = "self-rating-only";

    /// <summary>Raters standardisation could centre but not rescale.</summary>
    public const string UnscaledRaters = "unscaled-raters";

    /// <summary>The crossed model's rater term was left out (one rater, or too few repeated raters): no leniency adjustment.</summary>
    public const string RaterTermLeftOut = "rater-term-left-out";

    /// <summary>Raters' ids do not repeat (an anonymised export): the crossed model took a rater effect per person and source, (1 | ratee:source), in place of one per rater.</summary>
    public const string RaterTermPerPersonSource = "rater-term-per-person-source";

    /// <summary>The crossed model's ratee × competency term was left out (one rating per person and competency).</summary>
    public const string CellTermLeftOut = "cell-term-left-out";

    /// <summary>The exact REML path was stopped or not taken; the scalable path estimated REML (with Monte-Carlo error).</summary>
    public const string ScalablePathTaken = "scalable-path-taken";

    /// <summary>Fewer probe vectors than the Monte-Carlo error target needed (memory or time): larger Monte-Carlo errors.</summary>
    public const string FewProbes = "few-probes";

    /// <summary>The fit stopped before it converged: the estimates are not at the optimum.</summary>
    public const string NotConverged = "not-converged";

    /// <summary>The scalable path's standard errors leave out part of the uncertainty.</summary>
    public const string ApproximateStandardErrors = "approximate-standard-errors";

    /// <summary>The REML criterion has two optima on these data.</summary>
    public const string TwoOptima = "two-optima";

    /// <summary>A variance component at the boundary of its range (0, or a residual under 1% of the total).</summary>
    public const string BoundaryFit = "boundary-fit";

    /// <summary>Contrasts between sources the Rasch model cannot tell apart from differences between the people they rate.</summary>
    public const string SourceContrastsUnidentified = "source-contrasts-unidentified";

    /// <summary>The Rasch model's Andrich thresholds are disordered.</summary>
    public const string DisorderedThresholds = "disordered-thresholds";

    /// <summary>Elements with extreme scores, measured with the extreme-score adjustment.</summary>
    public const string ExtremeScores = "extreme-scores";

    /// <summary>The longitudinal model's ratings lie at one date: no growth can be measured and the fit is the crossed model.</summary>
    public const string NoGrowth = "no-growth";

    /// <summary>Development was not assigned at random: the longitudinal model's intervention effects are associations.</summary>
    public const string DevelopmentNotRandomised = "development-not-randomised";

    /// <summary>Development records of people no one else rated: they inform nothing.</summary>
    public const string UnratedDevelopment = "unrated-development";

    /// <summary>A person effect per competency domain was asked for, but the competencies rated are all of one domain: it changed nothing.</summary>
    public const string OneDomain = "one-domain";

    /// <summary>
    /// A person effect per competency domain was asked for on an export whose raters of some sources are anonymised: their
    /// styles cannot be screened out, and with that error left in the domain term makes the probabilities over-confident.
    /// </summary>
    public const string PerDomainOnAnonymisedExport = "per-domain-on-anonymised-export";

    /// <summary>
    /// The styled-rater screen's refit could not hold the variance components of the ratings without the flagged raters
    /// (<see cref="Reliability.StyledRaterScreen.Refit"/>): the scalable path estimates them, or those ratings could not be
    /// calibrated on their own. The components are then those of the ratings given, the kept styled raters' included.
    /// </summary>
    public const string ComponentsEstimated = "components-estimated";
}
