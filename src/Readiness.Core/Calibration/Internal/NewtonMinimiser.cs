namespace Readiness.Calibration.Internal;

/// <summary>
/// Newton's method with a finite-difference gradient and Hessian, for the two or three smooth parameters of a
/// variance-component fit.
/// </summary>
/// <remarks>
/// The REML criterion is smooth and, from method-of-moments starting values, close to quadratic, so Newton steps converge
/// in a handful of iterations (about 10 criterion evaluations each in three dimensions) where a simplex method needed
/// hundreds. The analytic gradient would need the inverse of the mixed-model matrix at every step, which costs more than
/// the extra evaluations. The criterion is even in each θ (it depends on θ²), so differences may step across 0 and a
/// component at the boundary is handled without special cases. Steps are damped (Levenberg) when the Hessian is not
/// positive definite and halved until the criterion decreases. A computed step already below the tolerance ends the
/// search without being evaluated, and so does a full step whose predicted successor is (see the loop). The criterion
/// itself is a sum over every rating, computable to about 1e-14 relative; a predicted gain below that is rounding. (At
/// 1e-11 the search stopped up to 6e-7 short of lme4's optimum at 100,000 ratings, a few parts in a million on the
/// variance components.)
/// </remarks>
internal static class NewtonMinimiser
{
    /// <summary>Relative size of a criterion change that is taken for rounding.</summary>
    private const double NoiseFloor = 1e-14;

    /// <summary>How much smaller than the one before each of the last steps must be for the search to end on a step.</summary>
    private const double FastPhase = 0.1;

    /// <summary>The smallest fraction of a Newton step the line search tries (ten halvings).</summary>
    private const double MinStep = 1e-3;

    public static (double[] X, double F, int Evaluations, int Iterations, bool Converged) Minimise(
        Func<double[][], double[]> f, double[] start, double tolerance, int maxEvaluations, Action<int, double>? onIteration, CancellationToken cancellationToken)
    {
        var d = start.Length;
        var evaluations = 0;
        double[] EvalMany(double[][] points)
        {
            cancellationToken.ThrowIfCancellationRequested();
            evaluations += points.Length;
            var values = f(points);
            return [.. values.Select(v => double.IsNaN(v) ? double.PositiveInfinity : v)];
        }

        double Eval(double[] x) => EvalMany([x])[0];

        var x = (double[])start.Clone();
        var fx = Eval(x);
        var iteration = 0;
        double? previousFullStep = null;
        var previousRatio = double.PositiveInfinity;
        while (evaluations < maxEvaluations)
        {
            iteration++;
            // Differences of 1e-4 of θ, and 1e-4 itself below 1: the criterion is good to about 1e-14 of itself, so over
            // smaller steps its curvature is rounding (at 1e-6, near a component at 0, Newton stopped at θ = 0.006 on data
            // shrunk about the midpoint where the original went on to 7e-5: 3 of 3,000 generated designs broke scale
            // invariance, none of 6,000 since).
            var h = x.Select(v => 1e-4 * Math.Max(Math.Abs(v), 1)).ToArray();
            // Every difference point of the iteration at once, so the caller may evaluate them in parallel: x ± hᵢ, then
            // x + hᵢ + hⱼ for j < i.
            var points = new List<double[]>();
            for (var i = 0; i < d; i++)
            {
                points.Add(Shift(x, i, h[i]));
                points.Add(Shift(x, i, -h[i]));
            }

            for (var i = 0; i < d; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    points.Add(Shift(Shift(x, i, h[i]), j, h[j]));
                }
            }

            var values = EvalMany([.. points]);
            var plus = new double[d];
            var minus = new double[d];
            var gradient = new double[d];
            var curvature = new double[d];
            for (var i = 0; i < d; i++)
            {
                plus[i] = values[2 * i];
                minus[i] = values[(2 * i) + 1];
                gradient[i] = (plus[i] - minus[i]) / (2 * h[i]);
                curvature[i] = (plus[i] - (2 * fx) + minus[i]) / (h[i] * h[i]);
            }

            if (!double.IsFinite(fx) || gradient.Any(g => !double.IsFinite(g)))
            {
                return (x, fx, evaluations, iteration, false);
            }

            var hessian = new double[d, d];
            var cross = 2 * d;
            for (var i = 0; i < d; i++)
            {
                hessian[i, i] = curvature[i];
                for (var j = 0; j < i; j++)
                {
                    hessian[i, j] = hessian[j, i] = (values[cross++] - plus[i] - plus[j] + fx) / (h[i] * h[j]);
                }
            }

            var step = DampedNewtonStep(hessian, gradient);

            // A Newton step already below the tolerance is the optimum: no need to evaluate it. So is one whose predicted
            // gain is within the criterion's rounding (a sum over every rating, good to about 1e-14 relative): there the
            // differences are noise, and line searches on noise only burn evaluations (seen at 10 million ratings). The
            // gain is −½gᵀs: for a (damped) Newton step s = −A⁻¹g it is the gain ½gᵀA⁻¹g its own model predicts, and for
            // the steepest-descent fallback it stays positive. (The undamped Hessian's model predicts a loss for that
            // fallback at a saddle, and the search stopped there, claiming convergence where the gradient is not 0.)
            var predictedGain = -0.5 * gradient.Select((g, i) => g * step[i]).Sum();

            if (RelativeSize(step, x) <= tolerance || predictedGain <= NoiseFloor * Math.Max(1, Math.Abs(fx)))
            {
                onIteration?.Invoke(iteration, fx);
                return (x, fx, evaluations, iteration, true);
            }

            // Halve the step until it improves, becomes negligible or the budget runs out.
            var alpha = 1.0;
            var candidate = Step(x, step, alpha);
            var fc = Eval(candidate);
            while (fc > fx && alpha >= MinStep && evaluations < maxEvaluations)
            {
                alpha /= 2;
                candidate = Step(x, step, alpha);
                fc = Eval(candidate);
            }

            var change = RelativeSize([.. candidate.Select((v, i) => v - x[i])], candidate);
            if (fc <= fx)
            {
                (x, fx) = (candidate, fc);
            }

            onIteration?.Invoke(iteration, fx);
            // A step that lowered the criterion is followed however short the line search cut it (from a Hessian near
            // singular, a Newton step of 280 in θ cut to a thousandth lowered the criterion by 0.3 on 36 ratings, and was
            // then taken for the end). A failed line search at a point that barely moves is the optimum to within rounding
            // of the criterion.
            if (change <= tolerance || (alpha < MinStep && fc > fx))
            {
                return (x, fx, evaluations, iteration, change <= Math.Max(tolerance, Math.Sqrt(tolerance)));
            }

            // Three full Newton steps in a row, each under a tenth of the one before (FastPhase), are in the fast phase
            // of Newton's method: the next step would be at most change·(change/previous) (less once convergence is
            // quadratic), and everything left at most 1.11 times that. When that is under half the tolerance, the point just reached is
            // the optimum to within it, and the next iteration's differences would only confirm it (a quarter of a typical
            // fit). Slow or erratic convergence (towards a component at 0, where one jump across it is followed by a small
            // step) never stops here.
            var ratio = alpha == 1 && previousFullStep is { } previous && previous > 0 ? change / previous : double.PositiveInfinity;
            if (fc <= fx && ratio <= FastPhase && previousRatio <= FastPhase && ratio * change <= tolerance / 2)
            {
                return (x, fx, evaluations, iteration, true);
            }

            previousFullStep = alpha == 1 ? change : null;
            previousRatio = ratio;
        }

        return (x, fx, evaluations, iteration, false);
    }

    private static double RelativeSize(double[] step, double[] x)
    {
        var size = 0.0;
        for (var i = 0; i < step.Length; i++)
        {
            size = Math.Max(size, Math.Abs(step[i]) / Math.Max(1, Math.Abs(x[i])));
        }

        return size;
    }

    private static double[] Shift(double[] x, int i, double by)
    {
        var y = (double[])x.Clone();
        y[i] += by;
        return y;
    }

    /// <summary>Solves (H + λI) s = −g with the smallest λ ≥ 0 (from a short ladder) that makes H + λI positive definite.</summary>
    private static double[] Step(double[] x, double[] direction, double alpha) =>
        [.. x.Select((v, i) => v + (alpha * direction[i]))];

    private static double[] DampedNewtonStep(double[,] hessian, double[] gradient)
    {
        var d = gradient.Length;
        var scale = Enumerable.Range(0, d).Max(i => Math.Abs(hessian[i, i]));
        foreach (var lambda in new[] { 0, 1e-8, 1e-6, 1e-4, 1e-2, 1, 100 })
        {
            var m = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(d, d, (i, j) => hessian[i, j] + (i == j ? lambda * Math.Max(scale, 1) : 0));
            var cholesky = TryCholesky(m);
            if (cholesky is not null)
            {
                return [.. cholesky.Solve(MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense([.. gradient.Select(g => -g)]))];
            }
        }

        // Steepest descent as the last resort, scaled to a small step.
        var norm = Math.Sqrt(gradient.Sum(g => g * g));
        return [.. gradient.Select(g => -0.1 * g / Math.Max(norm, 1e-300))];
    }

    private static MathNet.Numerics.LinearAlgebra.Factorization.Cholesky<double>? TryCholesky(MathNet.Numerics.LinearAlgebra.Matrix<double> m)
    {
        try
        {
            return m.Cholesky();
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
