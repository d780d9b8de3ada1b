using MathNet.Numerics;

namespace Readiness.Fairness.Internal;

/// <summary>
/// Empirical-Bayes moderated variances (Smyth 2004, limma's <c>fitFDist</c> and <c>squeezeVar</c> without covariates): each
/// unit's residual variance s² on d degrees of freedom is drawn toward a prior s0² worth d0 degrees of freedom, both fitted
/// to the spread of all the units' log variances, so that a unit with one degree of freedom is neither tested on its own
/// unreliable s² nor forced onto a pooled one it may not share.
/// </summary>
internal static class ModeratedVariance
{
    /// <summary>The prior (s0², d0) fitted to the units' variances; d0 is +∞ when they vary no more than chance allows.</summary>
    /// <param name="variances">Each unit's residual variance; zeros are left out of the fit.</param>
    /// <param name="degreesOfFreedom">Each unit's degrees of freedom.</param>
    public static (double Variance, double DegreesOfFreedom) Prior(IReadOnlyList<double> variances, IReadOnlyList<int> degreesOfFreedom)
    {
        var usable = Enumerable.Range(0, variances.Count).Where(i => variances[i] > 0 && degreesOfFreedom[i] > 0).ToArray();
        if (usable.Length < 3)
        {
            var pooled = usable.Length == 0 ? 0 : usable.Sum(i => variances[i] * degreesOfFreedom[i]) / usable.Sum(i => degreesOfFreedom[i]);
            return (pooled, double.PositiveInfinity);
        }

        // log s² − ψ(d/2) + log(d/2) has mean log s0² − ψ(d0/2) + log(d0/2) and variance ψ'(d0/2) + mean ψ'(d/2).
        var e = usable.Select(i => Math.Log(variances[i]) - SpecialFunctions.DiGamma(degreesOfFreedom[i] / 2.0) + Math.Log(degreesOfFreedom[i] / 2.0)).ToArray();
        var mean = e.Average();
        var excess = (e.Sum(x => (x - mean) * (x - mean)) / (e.Length - 1)) - usable.Average(i => Trigamma(degreesOfFreedom[i] / 2.0));
        if (!(excess > 0))
        {
            return (Math.Exp(mean), double.PositiveInfinity);
        }

        var d0 = 2 * TrigammaInverse(excess);
        return (Math.Exp(mean + SpecialFunctions.DiGamma(d0 / 2) - Math.Log(d0 / 2)), d0);
    }

    /// <summary>
    /// The moderated variance (d0·s0² + d·s²) / (d0 + d) and its degrees of freedom d0 + d, at most
    /// <paramref name="pooledDegreesOfFreedom"/> (all units' together, as limma caps them): no unit knows more than all do.
    /// </summary>
    public static (double Variance, double DegreesOfFreedom) Moderate(double variance, int degreesOfFreedom, (double Variance, double DegreesOfFreedom) prior, int pooledDegreesOfFreedom) =>
        double.IsPositiveInfinity(prior.DegreesOfFreedom)
            ? (prior.Variance, pooledDegreesOfFreedom)
            : (((prior.DegreesOfFreedom * prior.Variance) + (degreesOfFreedom * variance)) / (prior.DegreesOfFreedom + degreesOfFreedom), Math.Min(prior.DegreesOfFreedom + degreesOfFreedom, pooledDegreesOfFreedom));

    /// <summary>ψ'(x) for x &gt; 0: the recurrence up to 10, then the asymptotic series (next term below 1e-12 there).</summary>
    internal static double Trigamma(double x)
    {
        var sum = 0.0;
        for (; x < 10; x++)
        {
            sum += 1 / (x * x);
        }

        var inverse = 1 / x;
        var square = inverse * inverse;
        return sum + inverse + (square / 2) + (inverse * square * (1.0 / 6 - (square * (1.0 / 30 - (square * (1.0 / 42 - (square / 30)))))));
    }

    /// <summary>ψ''(x) for x &gt; 0, the same way.</summary>
    private static double Tetragamma(double x)
    {
        var sum = 0.0;
        for (; x < 10; x++)
        {
            sum -= 2 / (x * x * x);
        }

        var inverse = 1 / x;
        var square = inverse * inverse;
        return sum - square - (inverse * square) - (square * square * (0.5 - (square * (1.0 / 6 - (square * (1.0 / 6 - (square * 3 / 10)))))));
    }

    /// <summary>The x with ψ'(x) = y, by limma's Newton iteration on 1/ψ'.</summary>
    internal static double TrigammaInverse(double y)
    {
        if (y > 1e7)
        {
            return 1 / Math.Sqrt(y);
        }

        if (y < 1e-6)
        {
            return 1 / y;
        }

        var x = 0.5 + (1 / y);
        for (var iteration = 0; iteration < 50; iteration++)
        {
            var tri = Trigamma(x);
            var step = tri * (1 - (tri / y)) / Tetragamma(x);
            x += step;
            if (-step / x < 1e-8)
            {
                break;
            }
        }

        return x;
    }
}
