namespace Readiness.Internal;

/// <summary>
/// The standard normal distribution function Φ to full double precision, at a quarter of the cost of MathNet's
/// <c>Normal.CDF</c> (about 38 ns a call on this project's machine): the batch path evaluates it twice per candidate.
/// </summary>
/// <remarks>
/// W. J. Cody's rational Chebyshev approximations of erf and erfc (Mathematics of Computation 23, 1969, 631–637; the
/// coefficients of his SPECFUN routine CALERF), relative error near 1e-15 in each of its three intervals; beyond y = 4
/// exp(−y²) is taken in two factors so large arguments keep their relative accuracy. Checked against MathNet in the tests.
/// </remarks>
internal static class StandardNormal
{
    private const double InverseSqrtPi = 0.56418958354775628695;
    private const double InverseSqrt2 = 0.70710678118654752440;

    /// <summary>Φ(x) = erfc(−x/√2)/2; NaN for NaN.</summary>
    public static double Cdf(double x)
    {
        var y = -x * InverseSqrt2;
        return y >= 0 ? 0.5 * Erfc(y) : 1 - (0.5 * Erfc(-y));
    }

    /// <summary>erfc(y) for y ≥ 0.</summary>
    private static double Erfc(double y)
    {
        if (y <= 0.46875)
        {
            var z = y * y;
            var numerator = 1.85777706184603153e-1 * z;
            var denominator = z;
            numerator = (numerator + 3.16112374387056560e0) * z;
            denominator = (denominator + 2.36012909523441209e1) * z;
            numerator = (numerator + 1.13864154151050156e2) * z;
            denominator = (denominator + 2.44024637934444173e2) * z;
            numerator = (numerator + 3.77485237685302021e2) * z;
            denominator = (denominator + 1.28261652607737228e3) * z;
            return 1 - (y * (numerator + 3.20937758913846947e3) / (denominator + 2.84423683343917062e3));
        }

        if (y <= 4)
        {
            var numerator = 2.15311535474403846e-8 * y;
            var denominator = y;
            numerator = (numerator + 5.64188496988670089e-1) * y;
            denominator = (denominator + 1.57449261107098347e1) * y;
            numerator = (numerator + 8.88314979438837594e0) * y;
            denominator = (denominator + 1.17693950891312499e2) * y;
            numerator = (numerator + 6.61191906371416295e1) * y;
            denominator = (denominator + 5.37181101862009858e2) * y;
            numerator = (numerator + 2.98635138197400131e2) * y;
            denominator = (denominator + 1.62138957456669019e3) * y;
            numerator = (numerator + 8.81952221241769090e2) * y;
            denominator = (denominator + 3.29079923573345963e3) * y;
            numerator = (numerator + 1.71204761263407058e3) * y;
            denominator = (denominator + 4.36261909014324716e3) * y;
            numerator = (numerator + 2.05107837782607147e3) * y;
            denominator = (denominator + 3.43936767414372164e3) * y;

            // y² ≤ 16 here, so its rounding costs exp(−y²) at most 2e-15 of its value.
            return Math.Exp(-y * y) * (numerator + 1.23033935479799725e3) / (denominator + 1.23033935480374942e3);
        }
        if (y < 27)
        {
            var z = 1 / (y * y);
            var numerator = 1.63153871373020978e-2 * z;
            var denominator = z;
            numerator = (numerator + 3.05326634961232344e-1) * z;
            denominator = (denominator + 2.56852019228982242e0) * z;
            numerator = (numerator + 3.60344899949804439e-1) * z;
            denominator = (denominator + 1.87295284992346047e0) * z;
            numerator = (numerator + 1.25781726111229246e-1) * z;
            denominator = (denominator + 5.27905102951428412e-1) * z;
            numerator = (numerator + 1.60837851487422766e-2) * z;
            denominator = (denominator + 6.05183413124413191e-2) * z;
            var r = z * (numerator + 6.58749161529837803e-4) / (denominator + 2.33520497626869185e-3);
            // exp(−y²) as exp(−h²)·exp(−(y − h)(y + h)) with h = y rounded down to a sixteenth (h² is exact): the rounding
            // of y² alone would cost large arguments their relative accuracy.
            var h = Math.Floor(y * 16) / 16;
            return Math.Exp(-h * h) * Math.Exp(-(y - h) * (y + h)) * ((InverseSqrtPi - r) / y);
        }

        // erfc(27) < 1e-318: below the smallest normal double.
        return double.IsNaN(y) ? double.NaN : 0;
    }
}
