using Readiness.Internal;

namespace Readiness.Talent;

/// <summary>Where the 9-box's axes are cut into thirds: at cohort quantiles, or at fixed values.</summary>
/// <remarks>
/// A value below the lower cut is <see cref="TalentLevel.Low"/>, at or above the upper cut <see cref="TalentLevel.High"/>.
/// Quantile cuts (R's type 7) put about a third of the cohort in each band of an axis; absolute cuts keep their meaning
/// from one review to the next (for readiness, index points: e.g. 50 and 80).
/// </remarks>
public sealed class NineBoxCuts
{
    private NineBoxCuts(bool byQuantile, double performanceLower, double performanceUpper, double readinessLower, double readinessUpper)
    {
        (ByQuantile, PerformanceLower, PerformanceUpper, ReadinessLower, ReadinessUpper) =
            (byQuantile, performanceLower, performanceUpper, readinessLower, readinessUpper);
    }

    /// <summary>Gets cuts at the cohort's tertiles on both axes (the default).</summary>
    public static NineBoxCuts Tertiles { get; } = Quantiles(1 / 3.0, 2 / 3.0);

    /// <summary>Gets a value indicating whether the cuts are cohort quantiles (else values on the axes' own scales).</summary>
    public bool ByQuantile { get; }

    /// <summary>Gets the lower cut of the performance axis (a quantile level, or a value).</summary>
    public double PerformanceLower { get; }

    /// <summary>Gets the upper cut of the performance axis.</summary>
    public double PerformanceUpper { get; }

    /// <summary>Gets the lower cut of the readiness axis (a quantile level, or index points).</summary>
    public double ReadinessLower { get; }

    /// <summary>Gets the upper cut of the readiness axis.</summary>
    public double ReadinessUpper { get; }

    /// <summary>Cuts both axes at the same two cohort quantiles.</summary>
    /// <param name="lower">The lower quantile level, in (0, 1).</param>
    /// <param name="upper">The upper quantile level, in (lower, 1).</param>
    /// <returns>The cuts.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A level is outside (0, 1), not finite, or the levels are not increasing.</exception>
    public static NineBoxCuts Quantiles(double lower, double upper)
    {
        CheckLevels(lower, upper);
        return new NineBoxCuts(true, lower, upper, lower, upper);
    }

    /// <summary>Cuts the axes at fixed values: performance on its own scale, readiness in index points.</summary>
    /// <param name="performanceLower">The lower performance cut.</param>
    /// <param name="performanceUpper">The upper performance cut, above the lower.</param>
    /// <param name="readinessLower">The lower readiness cut, in [0, 200] (the index passes 100 only by capped overshoot, at most 200).</param>
    /// <param name="readinessUpper">The upper readiness cut, in (readinessLower, 200].</param>
    /// <returns>The cuts.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is not finite, out of range, or a pair is not increasing.</exception>
    public static NineBoxCuts Absolute(double performanceLower, double performanceUpper, double readinessLower, double readinessUpper)
    {
        Guard.Finite(performanceLower);
        Guard.Finite(performanceUpper);
        Guard.InRange(readinessLower, 0, 200);
        Guard.InRange(readinessUpper, 0, 200);
        Increasing(performanceLower, performanceUpper, nameof(performanceUpper));
        Increasing(readinessLower, readinessUpper, nameof(readinessUpper));
        return new NineBoxCuts(false, performanceLower, performanceUpper, readinessLower, readinessUpper);
    }

    private static void CheckLevels(double lower, double upper)
    {
        foreach (var (value, name) in new[] { (lower, nameof(lower)), (upper, nameof(upper)) })
        {
            if (!(value > 0 && value < 1))
            {
                throw new ArgumentOutOfRangeException(name, value, $"A quantile level must lie strictly between 0 and 1; {name} was {Guard.Format(value)}.");
            }
        }

        Increasing(lower, upper, nameof(upper));
    }

    private static void Increasing(double lower, double upper, string name)
    {
        if (!(upper > lower))
        {
            throw new ArgumentOutOfRangeException(name, upper, $"The upper cut ({Guard.Format(upper)}) must be above the lower cut ({Guard.Format(lower)}).");
        }
    }
}
