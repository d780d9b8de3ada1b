using Readiness.Calibration.Internal;

namespace Readiness.Core.Tests.Calibration;

/// <summary>
/// The minimiser behind the exact path's REML fit, on functions whose minimum is known: quadratics (which Newton's method
/// solves in one step), a curved valley, negative curvature, holes where the function is undefined, and every way out.
/// </summary>
public sealed class NewtonMinimiserTests
{
    [Theory]
    [InlineData(new[] { 0.3, -2.0 }, new[] { 1.0, 1.0 })]
    [InlineData(new[] { 1.5, 0.25, -0.75 }, new[] { 0.1, 3.0, -4.0 })]
    public void A_quadratic_is_solved_by_the_first_Newton_step(double[] minimum, double[] start)
    {
        // f(x) = 7 + Σᵢ (i + 1)(xᵢ − mᵢ)² + Σ_{i>j} (xᵢ − mᵢ)(xⱼ − mⱼ): positive definite, every Hessian entry non-zero.
        double F(double[] x)
        {
            var d = x.Select((v, i) => v - minimum[i]).ToArray();
            var value = 7.0;
            for (var i = 0; i < d.Length; i++)
            {
                value += (i + 1) * d[i] * d[i];
                for (var j = 0; j < i; j++)
                {
                    value += d[i] * d[j];
                }
            }

            return value;
        }

        var seen = 0;
        var reported = new List<(int Iteration, double Value)>();
        var (x, f, evaluations, iterations, converged) = NewtonMinimiser.Minimise(
            points => { seen += points.Length; return [.. points.Select(F)]; }, start, 1e-8, 1000, (k, v) => reported.Add((k, v)), CancellationToken.None);

        Assert.True(converged);
        for (var i = 0; i < minimum.Length; i++)
        {
            Assert.Equal(minimum[i], x[i], 6);
        }

        Assert.Equal(7, f, 10);
        Assert.Equal(seen, evaluations);

        // The first step lands on the minimum up to the finite differences' rounding; what follows only polishes. Each
        // iteration evaluates x ± hᵢ for each coordinate and x + hᵢ + hⱼ for each pair, and every iteration but the last
        // its step (the last one's step is below the tolerance and is not taken).
        Assert.Equal(7, reported[0].Value, 7);
        Assert.InRange(iterations, 2, 3);
        var d = minimum.Length;
        Assert.Equal(1 + (iterations * ((2 * d) + (d * (d - 1) / 2))) + (iterations - 1), evaluations);
        Assert.Equal(Enumerable.Range(1, iterations), reported.Select(r => r.Iteration));
        Assert.Equal(f, reported[^1].Value);
    }

    [Fact]
    public void A_curved_valley_is_followed_to_its_minimum_with_every_reported_value_lower()
    {
        // Rosenbrock's function from its classic start: the Newton step overshoots and must be halved.
        static double Rosenbrock(double[] x) => Math.Pow(1 - x[0], 2) + (100 * Math.Pow(x[1] - (x[0] * x[0]), 2));
        var reported = new List<double>();

        var (x, f, _, iterations, converged) = NewtonMinimiser.Minimise(
            points => [.. points.Select(Rosenbrock)], [-1.2, 1], 1e-10, 10_000, (_, v) => reported.Add(v), CancellationToken.None);

        Assert.True(converged);
        Assert.Equal(1, x[0], 4);
        Assert.Equal(1, x[1], 4);
        Assert.True(f < 1e-8, $"f {f}");
        Assert.Equal(iterations, reported.Count);
        Assert.Equal(reported.OrderByDescending(v => v), reported);
        Assert.True(reported[0] < Rosenbrock([-1.2, 1]));
    }

    [Fact]
    public void Negative_curvature_is_damped_into_a_descent_step()
    {
        // At 0.1, cos has negative curvature: a plain Newton step would climb to the maximum at 0. Damped, it descends to
        // a minimum, an odd multiple of π.
        var (x, f, _, _, converged) = NewtonMinimiser.Minimise(points => [.. points.Select(p => Math.Cos(p[0]))], [0.1], 1e-9, 1000, null, CancellationToken.None);

        Assert.True(converged);
        Assert.Equal(0, Math.IEEERemainder(x[0] - Math.PI, 2 * Math.PI), 5);
        Assert.Equal(-1, f, 10);
    }

    [Fact]
    public void Points_where_the_function_is_undefined_count_as_infinitely_bad()
    {
        // NaN left of 0.5 (as the REML criterion is where a factor fails). Far from its minimum this function is nearly
        // straight, so Newton's first step from 4 lands at −38.7, in the hole; the line search halves back out of it.
        static double F(double[] x) => x[0] < 0.5 ? double.NaN : Math.Sqrt(1 + Math.Pow(x[0] - 0.6, 2));

        var (x, _, _, _, converged) = NewtonMinimiser.Minimise(points => [.. points.Select(F)], [4.0], 1e-9, 1000, null, CancellationToken.None);

        Assert.True(converged);
        Assert.Equal(0.6, x[0], 4);
    }

    [Fact]
    public void An_undefined_start_stops_at_once_unconverged()
    {
        var (x, f, evaluations, iterations, converged) = NewtonMinimiser.Minimise(points => [.. points.Select(_ => double.NaN)], [1.0, 2.0], 1e-6, 1000, null, CancellationToken.None);

        Assert.False(converged);
        Assert.Equal([1.0, 2.0], x);
        Assert.Equal(double.PositiveInfinity, f);
        Assert.Equal((1 + 5, 1), (evaluations, iterations));
    }

    [Theory]
    [InlineData(1, 1, 0)]
    [InlineData(4, 4, 1)]
    public void The_evaluation_budget_is_a_hard_stop_between_iterations(int budget, int used, int iterations)
    {
        static double F(double[] x) => Math.Pow(x[0] - 3, 2) + Math.Pow(x[0] - 3, 4);

        var result = NewtonMinimiser.Minimise(points => [.. points.Select(F)], [0.0], 1e-12, budget, null, CancellationToken.None);

        // With budget 4: the start, x ± h and the Newton step; the budget is spent, so no halving and no second iteration.
        Assert.False(result.Converged);
        Assert.Equal((used, iterations), (result.Evaluations, result.Iterations));
        Assert.True(budget == 1 ? result.X[0] == 0 : result.F < F([0.0]));
    }

    [Fact]
    public void A_cancelled_search_stops_before_evaluating()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var calls = 0;

        Assert.Throws<OperationCanceledException>(() =>
            NewtonMinimiser.Minimise(points => { calls++; return new double[points.Length]; }, [1.0], 1e-6, 100, null, cancelled.Token));
        Assert.Equal(0, calls);
    }
}
