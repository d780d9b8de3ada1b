using Readiness.Internal;

namespace Readiness.Calibration;

/// <summary>Settings of the crossed random-effects calibrator.</summary>
/// <remarks>Checked when the calibrator is created; a bad value gets an exception naming the property and the rule.</remarks>
public sealed record CrossedModelSettings
{
    /// <summary>Gets the algorithm. The default value is <see cref="CrossedModelPath.Auto"/>.</summary>
    public CrossedModelPath Path { get; init; } = CrossedModelPath.Auto;

    /// <summary>Gets the largest number of raters <see cref="CrossedModelPath.Auto"/> fits exactly. The default value is 2,000.</summary>
    /// <remarks>The exact path's cost grows with the cube of the number of raters; the scalable path's linearly with the ratings.</remarks>
    public int ExactPathMaxRaters { get; init; } = 2000;

    /// <summary>Gets the relative change in the variance parameters at which the REML optimisation stops. The default value is 1e-8.</summary>
    public double Tolerance { get; init; } = 1e-8;

    /// <summary>Gets the most REML criterion evaluations (exact) or sweeps (scalable) allowed. The default value is 5,000.</summary>
    public int MaxIterations { get; init; } = 5000;

    internal CrossedModelSettings Validated()
    {
        if (!Enum.IsDefined(Path))
        {
            throw new ArgumentOutOfRangeException(nameof(Path), Path, $"Path was {(int)Path}; it must be Auto, Exact or Scalable.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ExactPathMaxRaters, nameof(ExactPathMaxRaters));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxIterations, nameof(MaxIterations));
        Guard.InRange(Tolerance, 1e-14, 1e-2, nameof(Tolerance));
        return this;
    }
}
