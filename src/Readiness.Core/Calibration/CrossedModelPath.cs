namespace Readiness.Calibration;

/// <summary>Which algorithm fits the crossed random-effects model.</summary>
public enum CrossedModelPath
{
    /// <summary>Exact REML for moderate designs, the scalable path above <see cref="CrossedModelSettings.ExactPathMaxRaters"/> raters.</summary>
    Auto = 0,

    /// <summary>Exact REML: variance components maximise the restricted likelihood; estimates are the BLUPs with exact prediction-error variances.</summary>
    Exact = 1,

    /// <summary>Method-of-moments variance components and BLUPs by backfitting: time linear in the number of ratings.</summary>
    Scalable = 2,
}
