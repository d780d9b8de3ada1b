namespace Readiness.Calibration;

/// <summary>Which algorithm fits the crossed random-effects model.</summary>
public enum CrossedModelPath
{
    /// <summary>Exact REML when the cost model predicts it within <see cref="CrossedModelOptions.ExactPathMaxSeconds"/> and <see cref="CrossedModelOptions.MaxMemoryBytes"/> and its sparse factor within <see cref="CrossedModelOptions.ExactPathMaxFactorEntries"/>; the scalable path otherwise, with a warning that says why.</summary>
    Auto = 0,

    /// <summary>Exact REML: variance components maximise the restricted likelihood; estimates are the BLUPs with exact prediction-error variances.</summary>
    Exact = 1,

    /// <summary>REML variance components with stochastically estimated traces (their Monte-Carlo error reported) and BLUPs, all by preconditioned conjugate gradients: time linear in the number of ratings.</summary>
    Scalable = 2,
}
