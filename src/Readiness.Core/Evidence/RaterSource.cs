namespace Readiness.Evidence;

/// <summary>The relationship of a rater to the person rated: where a piece of 360° evidence comes from.</summary>
/// <remarks>
/// Sources differ systematically (self-ratings usually run above everyone else's), so calibration estimates a source
/// effect and reports every person's level for the "other raters" reference: self-ratings never lift an estimate.
/// </remarks>
public enum RaterSource
{
    /// <summary>The person rates themselves; the rater id must equal the ratee id.</summary>
    Self = 0,

    /// <summary>The person's line manager.</summary>
    Manager = 1,

    /// <summary>A colleague at the same level.</summary>
    Peer = 2,

    /// <summary>Someone who reports to the person.</summary>
    DirectReport = 3,

    /// <summary>The manager's manager.</summary>
    SkipLevel = 4,

    /// <summary>A trained assessor, for example in an assessment centre.</summary>
    Assessor = 5,
}
