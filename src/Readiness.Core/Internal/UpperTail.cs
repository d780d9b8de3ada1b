using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace Readiness.Internal;

/// <summary>Upper-tail probabilities computed as such, not as 1 − CDF, which rounds to 0 below about 1e-16.</summary>
internal static class UpperTail
{
    /// <summary>
    /// P(F ≥ f) for F with (<paramref name="d1"/>, <paramref name="d2"/>) degrees of freedom: the regularised incomplete
    /// beta I_x(d2/2, d1/2) at x = d2 / (d2 + d1·f), exact to relative precision far into the tail (R's
    /// <c>pf(f, d1, d2, lower.tail = FALSE)</c>). 1 for f ≤ 0, 0 for an infinite f, NaN for NaN.
    /// </summary>
    public static double FisherSnedecor(double d1, double d2, double f) =>
        double.IsNaN(f) ? double.NaN
        : f <= 0 ? 1
        : double.IsPositiveInfinity(f) ? 0
        : SpecialFunctions.BetaRegularized(d2 / 2, d1 / 2, d2 / (d2 + (d1 * f)));

    /// <summary>
    /// P(X ≥ x) for X chi-squared with <paramref name="degreesOfFreedom"/>: the regularised upper incomplete gamma
    /// Q(k/2, x/2) (R's <c>pchisq(x, k, lower.tail = FALSE)</c>). 1 for x ≤ 0, NaN for NaN.
    /// </summary>
    public static double ChiSquared(double degreesOfFreedom, double x) =>
        double.IsNaN(x) ? double.NaN
        : x <= 0 ? 1
        : double.IsPositiveInfinity(x) ? 0
        : SpecialFunctions.GammaUpperRegularized(degreesOfFreedom / 2, x / 2);

    /// <summary>
    /// The two-sided p-value of a z statistic (infinite <paramref name="degreesOfFreedom"/>) or a t statistic: twice the
    /// lower tail at −|statistic|, which does not round to 0 as 1 − CDF does.
    /// </summary>
    public static double TwoSided(double statistic, double degreesOfFreedom = double.PositiveInfinity) =>
        2 * (double.IsPositiveInfinity(degreesOfFreedom) ? Normal.CDF(0, 1, -Math.Abs(statistic)) : StudentT.CDF(0, 1, degreesOfFreedom, -Math.Abs(statistic)));
}
