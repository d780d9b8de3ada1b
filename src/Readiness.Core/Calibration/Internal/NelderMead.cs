namespace Readiness.Calibration.Internal;

/// <summary>Nelder–Mead simplex minimisation for the few smooth parameters of a variance-component fit.</summary>
/// <remarks>
/// Derivative-free, like lme4's optimisers: the REML criterion's gradient would need the inverse of the mixed-model
/// matrix at every step, which costs more than the extra criterion evaluations. Standard coefficients (reflection 1,
/// expansion 2, contraction ½, shrink ½); the simplex is restarted once at the solution to guard against collapse.
/// </remarks>
internal static class NelderMead
{
    public static (double[] X, double F, int Evaluations, bool Converged) Minimise(
        Func<double[], double> f, double[] start, double step, double xTolerance, int maxEvaluations, CancellationToken cancellationToken)
    {
        var (x, fx, used, converged) = Run(f, start, step, xTolerance, maxEvaluations, cancellationToken);
        if (converged && used < maxEvaluations)
        {
            var (x2, f2, used2, converged2) = Run(f, x, step / 10, xTolerance, maxEvaluations - used, cancellationToken);
            return f2 <= fx ? (x2, f2, used + used2, converged2) : (x, fx, used + used2, converged2);
        }

        return (x, fx, used, converged);
    }

    private static (double[] X, double F, int Evaluations, bool Converged) Run(
        Func<double[], double> f, double[] start, double step, double xTolerance, int maxEvaluations, CancellationToken cancellationToken)
    {
        var d = start.Length;
        var points = new double[d + 1][];
        var values = new double[d + 1];
        var evaluations = 0;
        double Eval(double[] x)
        {
            cancellationToken.ThrowIfCancellationRequested();
            evaluations++;
            var v = f(x);
            return double.IsNaN(v) ? double.PositiveInfinity : v;
        }

        points[0] = (double[])start.Clone();
        values[0] = Eval(points[0]);
        for (var i = 0; i < d; i++)
        {
            points[i + 1] = (double[])start.Clone();
            points[i + 1][i] += Math.Max(step, step * Math.Abs(start[i]));
            values[i + 1] = Eval(points[i + 1]);
        }

        var order = Enumerable.Range(0, d + 1).ToArray();
        while (true)
        {
            Array.Sort(order, (a, b) => values[a].CompareTo(values[b]));
            var best = points[order[0]];
            var spread = 0.0;
            for (var i = 1; i <= d; i++)
            {
                for (var k = 0; k < d; k++)
                {
                    spread = Math.Max(spread, Math.Abs(points[order[i]][k] - best[k]) / Math.Max(1, Math.Abs(best[k])));
                }
            }

            if (spread <= xTolerance)
            {
                return ((double[])best.Clone(), values[order[0]], evaluations, true);
            }

            if (evaluations >= maxEvaluations)
            {
                return ((double[])best.Clone(), values[order[0]], evaluations, false);
            }

            var worst = order[d];
            var centroid = new double[d];
            for (var i = 0; i < d; i++)
            {
                for (var k = 0; k < d; k++)
                {
                    centroid[k] += points[order[i]][k] / d;
                }
            }

            double[] Along(double t) => [.. centroid.Select((c, k) => c + (t * (points[worst][k] - c)))];
            var reflected = Along(-1);
            var fr = Eval(reflected);
            if (fr < values[order[0]])
            {
                var expanded = Along(-2);
                var fe = Eval(expanded);
                (points[worst], values[worst]) = fe < fr ? (expanded, fe) : (reflected, fr);
            }
            else if (fr < values[order[d - 1]])
            {
                (points[worst], values[worst]) = (reflected, fr);
            }
            else
            {
                var contracted = fr < values[worst] ? Along(-0.5) : Along(0.5);
                var fc = Eval(contracted);
                if (fc < Math.Min(fr, values[worst]))
                {
                    (points[worst], values[worst]) = (contracted, fc);
                }
                else
                {
                    for (var i = 1; i <= d; i++)
                    {
                        var p = points[order[i]];
                        for (var k = 0; k < d; k++)
                        {
                            p[k] = best[k] + (0.5 * (p[k] - best[k]));
                        }

                        values[order[i]] = Eval(p);
                    }
                }
            }
        }
    }
}
