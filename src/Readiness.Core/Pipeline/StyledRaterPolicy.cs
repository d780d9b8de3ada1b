namespace Readiness.Pipeline;

/// <summary>
/// What <see cref="ReadinessPipeline"/> does with the raters the diagnostics flag for central tendency or halo
/// (<see cref="Reliability.StyledRaterScreen"/>): styles a rater effect cannot undo, which pull the estimates of people at
/// the ends of the scale towards the middle and leave their intervals too narrow.
/// </summary>
/// <remarks>
/// The screen diagnoses the raters on the crossed model's calibration (<see cref="Calibration.CalibrationResult.Crossed"/>),
/// against which its tests were measured. With another calibrator every rater is kept: against the many-facet Rasch
/// model's fit of a simulated 300-person organisation the halo test flagged 69 raters, 16 of them planted with halo (on
/// the crossed model's, 23 and 22).
/// </remarks>
public enum StyledRaterPolicy
{
    /// <summary>
    /// Set their ratings of others aside, except a person's whom that would leave short of the built-in scorer's
    /// <see cref="Scoring.ScoringOptions.MinimumRaters"/> or <see cref="Scoring.ScoringOptions.MinimumSources"/>
    /// (<see cref="Reliability.StyledRaterScreen.KeptFor"/>; those people carry <see cref="Scoring.ReadinessSignals.StyledRatersKept"/>),
    /// so that nobody goes unscored for a styled manager. With an outside scorer, whose evidence rules the pipeline does
    /// not know, every flagged rating of others is set aside.
    /// </summary>
    SetAsideUnlessNeeded = 0,

    /// <summary>Set every rating of others by a flagged rater aside: people left with fewer raters or sources than the evidence rules ask go unscored.</summary>
    SetAsideAlways = 1,

    /// <summary>Keep them: the ratings are calibrated once, as they are.</summary>
    Keep = 2,
}
