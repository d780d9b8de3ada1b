namespace Readiness.Reliability;

/// <summary>What a rater's diagnostics flag.</summary>
[Flags]
public enum RaterIssues
{
    /// <summary>Nothing flagged.</summary>
    None = 0,

    /// <summary>Rates above the calibrated levels by more than the leniency threshold.</summary>
    Lenient = 1,

    /// <summary>Rates below the calibrated levels by more than the leniency threshold.</summary>
    Severe = 2,

    /// <summary>Uses a narrow band of the scale: their ratings spread much less than other raters' ratings of the same people.</summary>
    CentralTendency = 4,

    /// <summary>Rates each person from one impression: their ratings follow the person's competency profile much less than other raters' ratings of the same people do.</summary>
    Halo = 8,

    /// <summary>Ratings far less predictable from the model than other raters' (a large residual mean square).</summary>
    Misfit = 16,
}
