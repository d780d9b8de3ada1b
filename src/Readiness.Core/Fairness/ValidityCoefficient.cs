namespace Readiness.Fairness;

/// <summary>A predictor's correlation with the outcome, with its confidence interval and test.</summary>
public sealed class ValidityCoefficient
{
    /// <summary>Initializes a new instance of the <see cref="ValidityCoefficient"/> class.</summary>
    /// <param name="r">Pearson's r (point-biserial for a binary outcome).</param>
    /// <param name="lower">The interval's lower end (Fisher's z transformation).</param>
    /// <param name="upper">Its upper end.</param>
    /// <param name="p">The two-sided p-value of r = 0 (t test on n − 2 degrees of freedom).</param>
    /// <param name="corrected">r corrected for the outcome's unreliability (r / √reliability), or null when no reliability was given.</param>
    /// <param name="correctedLower">The interval's lower end corrected alike, or null.</param>
    /// <param name="correctedUpper">The interval's upper end corrected alike, or null.</param>
    internal ValidityCoefficient(double r, double lower, double upper, double p, double? corrected, double? correctedLower, double? correctedUpper)
    {
        CorrectedLower = correctedLower;
        CorrectedUpper = correctedUpper;
        R = r;
        Lower = lower;
        Upper = upper;
        P = p;
        Corrected = corrected;
    }

    /// <summary>Gets Pearson's r (point-biserial for a binary outcome).</summary>
    public double R { get; }

    /// <summary>Gets the interval's lower end (Fisher's z transformation).</summary>
    public double Lower { get; }

    /// <summary>Gets its upper end.</summary>
    public double Upper { get; }

    /// <summary>Gets the two-sided p-value of r = 0 (t test on n − 2 degrees of freedom).</summary>
    public double P { get; }

    /// <summary>Gets r corrected for the outcome's unreliability (r / √reliability), or null when no reliability was given.</summary>
    /// <remarks>
    /// Not capped: a corrected r beyond ±1 says that the reliability given is too low for this sample or that the sample is
    /// small, and capping it would hide that. The interval is corrected by the same factor (Hunter &amp; Schmidt 2004), so
    /// it keeps its coverage of the corrected correlation.
    /// </remarks>
    public double? Corrected { get; }

    /// <summary>Gets the interval's lower end corrected for the outcome's unreliability (<see cref="Lower"/> / √reliability), or null when no reliability was given.</summary>
    public double? CorrectedLower { get; }

    /// <summary>Gets the interval's upper end corrected for the outcome's unreliability (<see cref="Upper"/> / √reliability), or null when no reliability was given.</summary>
    public double? CorrectedUpper { get; }
}
