namespace Readiness.Fairness;

/// <summary>
/// How far the people with outcomes are a narrower slice of the people assessed, and the correlations corrected for it.
/// </summary>
/// <remarks>
/// Outcomes exist only for the people who were promoted, so a study selected on performance sees a narrower range of
/// performance than the organisation has, which lowers performance's correlation with the outcome and inflates what
/// readiness seems to add. Each predictor's spread among the people with outcomes is compared with its spread among
/// everyone assessed; a ratio below <see cref="MaterialRatio"/> is material. The corrected correlations use Thorndike's
/// Case II (as R's <c>psych::rangeCorrection</c>, case 2), which assumes each predictor was itself the one selected on;
/// when selection was on something else the truth lies between the observed and the corrected value.
/// </remarks>
public sealed class RangeRestriction
{
    /// <summary>The ratio of spreads below which the restriction is material and said so.</summary>
    public const double MaterialRatio = 0.9;

    /// <summary>Initializes a new instance of the <see cref="RangeRestriction"/> class.</summary>
    /// <param name="assessed">The people assessed with a readiness index and a performance value, outcome or not.</param>
    /// <param name="readinessRatio">The standard deviation of readiness among the people with outcomes over its standard deviation among everyone assessed.</param>
    /// <param name="performanceRatio">The same for performance.</param>
    /// <param name="readinessCorrected">Readiness's correlation with the outcome corrected by Thorndike's Case II.</param>
    /// <param name="performanceCorrected">Performance's, corrected alike.</param>
    internal RangeRestriction(int assessed, double readinessRatio, double performanceRatio, double readinessCorrected, double performanceCorrected)
    {
        Assessed = assessed;
        ReadinessRatio = readinessRatio;
        PerformanceRatio = performanceRatio;
        ReadinessCorrected = readinessCorrected;
        PerformanceCorrected = performanceCorrected;
    }

    /// <summary>Gets the number of people assessed with a readiness index and a performance value, outcome or not.</summary>
    public int Assessed { get; }

    /// <summary>Gets the standard deviation of readiness among the people with outcomes over its standard deviation among everyone assessed.</summary>
    public double ReadinessRatio { get; }

    /// <summary>Gets the standard deviation of performance among the people with outcomes over its standard deviation among everyone assessed.</summary>
    public double PerformanceRatio { get; }

    /// <summary>Gets readiness's correlation with the outcome corrected by Thorndike's Case II.</summary>
    public double ReadinessCorrected { get; }

    /// <summary>Gets performance's correlation with the outcome corrected by Thorndike's Case II.</summary>
    public double PerformanceCorrected { get; }

    /// <summary>Gets a value indicating whether either predictor's spread among the people with outcomes is below <see cref="MaterialRatio"/> of its spread among everyone assessed.</summary>
    public bool IsMaterial => ReadinessRatio < MaterialRatio || PerformanceRatio < MaterialRatio;

    /// <summary>
    /// Thorndike's Case II: r · (1/u) / √(1 − r² + r²/u²), with u the restricted over the unrestricted standard deviation.
    /// </summary>
    internal static double CaseTwo(double r, double ratio) =>
        r / ratio / Math.Sqrt(1 - (r * r) + (r * r / (ratio * ratio)));
}
