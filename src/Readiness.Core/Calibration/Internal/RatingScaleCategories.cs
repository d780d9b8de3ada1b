namespace Readiness.Calibration.Internal;

/// <summary>
/// Category probabilities of the Andrich rating-scale model: P(k | x) ∝ exp(k·x − Σ_{j≤k} τ_j) for categories 0…m, where x is
/// the linear predictor (ratee − competency − rater − source) and τ the thresholds, passed as their cumulative sums.
/// </summary>
internal static class RatingScaleCategories
{
    /// <summary>Fills <paramref name="p"/> (length m + 1) with the category probabilities at <paramref name="x"/>.</summary>
    public static void Probabilities(double x, ReadOnlySpan<double> cumulativeThresholds, Span<double> p)
    {
        // Subtracting the largest exponent keeps every term in range at any x.
        var max = double.NegativeInfinity;
        for (var k = 0; k < p.Length; k++)
        {
            p[k] = (k * x) - cumulativeThresholds[k];
            max = Math.Max(max, p[k]);
        }

        var sum = 0.0;
        for (var k = 0; k < p.Length; k++)
        {
            p[k] = Math.Exp(p[k] - max);
            sum += p[k];
        }

        var scale = 1 / sum;
        for (var k = 0; k < p.Length; k++)
        {
            p[k] *= scale;
        }
    }

    /// <summary>The expected category and its variance at <paramref name="x"/>.</summary>
    public static (double Expected, double Variance) Moments(double x, ReadOnlySpan<double> cumulativeThresholds, Span<double> p)
    {
        Probabilities(x, cumulativeThresholds, p);
        double mean = 0, squares = 0;
        for (var k = 1; k < p.Length; k++)
        {
            mean += k * p[k];
            squares += k * k * p[k];
        }

        return (mean, Math.Max(squares - (mean * mean), 0));
    }

    /// <summary>The fourth central moment of the category given the probabilities and mean (for standardised fit).</summary>
    public static double Kurtosis(ReadOnlySpan<double> p, double mean)
    {
        var sum = 0.0;
        for (var k = 0; k < p.Length; k++)
        {
            var d = k - mean;
            sum += d * d * d * d * p[k];
        }

        return sum;
    }

    /// <summary>
    /// Solves Σ_i E(x + offset_i) = <paramref name="target"/> for x, each expectation increasing in x: Newton steps of at most
    /// one logit, kept inside a bracket that is bisected when a step leaves it. Returns the solution and Σ_i Var (its information).
    /// </summary>
    public static (double Measure, double Information) Solve(
        ReadOnlySpan<double> offsets, double target, ReadOnlySpan<double> cumulativeThresholds, double start, double tolerance)
    {
        Span<double> p = stackalloc double[cumulativeThresholds.Length];
        double low = double.NegativeInfinity, high = double.PositiveInfinity;
        var x = start;
        var information = 0.0;
        for (var iteration = 0; iteration < 200; iteration++)
        {
            double expected = 0;
            information = 0;
            foreach (var offset in offsets)
            {
                var (e, v) = Moments(x + offset, cumulativeThresholds, p);
                expected += e;
                information += v;
            }

            var residual = target - expected;
            if (Math.Abs(residual) < tolerance)
            {
                break;
            }

            if (residual > 0)
            {
                low = x;
            }
            else
            {
                high = x;
            }

            var next = x + Math.Clamp(residual / Math.Max(information, 1e-12), -1, 1);
            if (next <= low || next >= high)
            {
                next = double.IsFinite(low) && double.IsFinite(high) ? (low + high) / 2 : next;
            }

            x = next;
        }

        return (x, information);
    }
}
