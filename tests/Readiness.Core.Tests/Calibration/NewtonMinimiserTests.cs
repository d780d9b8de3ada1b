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
        // iteration evaluates x ± hᵢ for each coordinate and x + hᵢ + hⱼ for each pair, then its step — except a last one
        // whose step is below the tolerance, which is not taken (a search that ends on a step it predicts to be the last
        // takes every step).
        Assert.Equal(7, reported[0].Value, 7);
        Assert.InRange(iterations, 2, 3);
        var d = minimum.Length;
        var stencils = 1 + (iterations * ((2 * d) + (d * (d - 1) / 2)));
        Assert.Contains(evaluations, new[] { stencils + iterations - 1, stencils + iterations });
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
    public void An_undefined_difference_point_stops_the_search_unconverged_where_it_is()
    {
        // Defined at the start but not one difference step to the right of it, in one of two coordinates: the gradient
        // cannot be formed, and the search must not step on a guess.
        static double F(double[] p) => p[0] > 1 ? double.NaN : Math.Pow(p[0] - 0.2, 2) + Math.Pow(p[1] - 0.3, 2);

        var (x, f, evaluations, iterations, converged) = NewtonMinimiser.Minimise(points => [.. points.Select(F)], [1.0, 0.5], 1e-9, 1000, null, CancellationToken.None);

        Assert.False(converged);
        Assert.Equal([1.0, 0.5], x);
        Assert.Equal(F([1.0, 0.5]), f);
        Assert.Equal((1 + 5, 1), (evaluations, iterations));
    }

    [Theory]
    [InlineData(0.8, false)]
    [InlineData(1.25, true)]
    public void A_step_whose_predicted_gain_is_within_the_criterions_rounding_is_not_taken(double gainInFloors, bool stepTaken)
    {
        // f = 1000 + ½(x − 100)² from 100 + δ: the Newton step is −δ and its predicted gain ½δ². Rounding of a criterion near
        // 1000 is taken as 1e-14 × 1000 = 1e-11, so a gain of 0.8e-11 is noise while 1.25e-11 is worth a step. The step's
        // relative size (δ / 100, about 5e-8) stays far above the tolerance, so only the gain decides.
        var delta = Math.Sqrt(2 * gainInFloors * 1e-11);
        double[] start = [100 + delta];

        var (x, f, evaluations, iterations, converged) = NewtonMinimiser.Minimise(
            points => [.. points.Select(p => 1000 + (0.5 * Math.Pow(p[0] - 100, 2)))], start, 1e-12, 1000, null, CancellationToken.None);

        Assert.True(converged);
        if (stepTaken)
        {
            Assert.Equal(100, x[0], 9);
            Assert.True(iterations > 1, $"{iterations} iterations");
        }
        else
        {
            Assert.Equal(start, x);
            Assert.Equal(1000 + (0.5 * Math.Pow(start[0] - 100, 2)), f);
            Assert.Equal((3, 1), (evaluations, iterations));
        }
    }

    [Theory]
    [InlineData(1000.5, 1000.0)] // a step of 0.5 at 1000.5 is 5e-4 of the parameter
    [InlineData(0.0015, 0.001)] // below 1 the step counts at its own size, 5e-4
    public void The_tolerance_is_relative_to_parameters_larger_than_one_and_absolute_below(double start, double minimum)
    {
        var (x, _, evaluations, iterations, converged) = NewtonMinimiser.Minimise(
            points => [.. points.Select(p => Math.Pow(p[0] - minimum, 2))], [start], 1e-3, 1000, null, CancellationToken.None);

        // The step, 5e-4 by either measure, is inside the tolerance 1e-3, so it is not even evaluated.
        Assert.True(converged);
        Assert.Equal([start], x);
        Assert.Equal((3, 1), (evaluations, iterations));
    }

    [Fact]
    public void A_step_that_changes_the_point_by_less_than_the_tolerance_relative_to_the_new_point_ends_the_search()
    {
        // f = (x − 11)² from −1: the exact Newton step is 12, above the tolerance 1.05 measured at −1 (12 / 1), so it is
        // taken; measured at the new point, 12 / 11 = 1.09 is still above it, so a second iteration confirms (its step, 0,
        // is not evaluated). With tolerance 1.1 the first change (1.09) ends the search at once.
        static double[] F(double[][] points) => [.. points.Select(p => Math.Pow(p[0] - 11, 2))];

        var looser = NewtonMinimiser.Minimise(F, [-1.0], 1.1, 1000, null, CancellationToken.None);
        var tighter = NewtonMinimiser.Minimise(F, [-1.0], 1.05, 1000, null, CancellationToken.None);

        Assert.True(looser.Converged);
        Assert.Equal(11, looser.X[0], 4);
        Assert.Equal((4, 1), (looser.Evaluations, looser.Iterations));
        Assert.True(tighter.Converged);
        Assert.Equal(11, tighter.X[0], 4);
        Assert.Equal((6, 2), (tighter.Evaluations, tighter.Iterations));
    }

    [Fact]
    public void A_step_to_an_equally_good_point_is_taken_rather_than_halved()
    {
        // x² near the start, a plateau at f = 1 elsewhere: the Newton step from 1 lands on 0, on the plateau, exactly as good
        // as the start. Ties are accepted, so the search moves there; on the flat plateau the next step is 0 and it stops.
        static double F(double[] p) => p[0] is >= 0.5 and <= 2 ? p[0] * p[0] : 1;

        var (x, f, evaluations, iterations, converged) = NewtonMinimiser.Minimise(points => [.. points.Select(F)], [1.0], 1e-9, 1000, null, CancellationToken.None);

        Assert.True(converged);
        Assert.Equal(0, x[0], 6);
        Assert.Equal(1, f);
        Assert.Equal((1 + 2 + 1 + 2, 2), (evaluations, iterations));
    }

    [Fact]
    public void The_line_search_respects_the_budget_too()
    {
        // The first Newton step from 4 lands in the undefined hole (see above); a budget of 4 leaves no evaluation for a
        // halving, so the search ends unconverged at the start.
        static double F(double[] x) => x[0] < 0.5 ? double.NaN : Math.Sqrt(1 + Math.Pow(x[0] - 0.6, 2));

        var (x, _, evaluations, iterations, converged) = NewtonMinimiser.Minimise(points => [.. points.Select(F)], [4.0], 1e-9, 4, null, CancellationToken.None);

        Assert.False(converged);
        Assert.Equal([4.0], x);
        Assert.Equal((4, 1), (evaluations, iterations));
    }

    [Theory]
    [InlineData(1e-6, true)]
    [InlineData(1e-8, false)]
    public void A_line_search_that_finds_nothing_better_ends_the_search_converged_only_if_it_barely_moved(double tolerance, bool converged)
    {
        // Defined only at the start and its difference points: every one of the eleven tries (the full step, then halved
        // down to 1/1024 of it) is undefined. The last try moved 2 / 1024 / 2.998 = 6.5e-4, which is within √1e-6 = 1e-3 but
        // not within √1e-8 = 1e-4: a search that can no longer move by more than √tolerance is as good as converged.
        static double F(double[] p) => Math.Abs(p[0] - 3) <= 1.0001e-4 * 3 ? Math.Pow(p[0] - 1, 2) : double.NaN;

        var result = NewtonMinimiser.Minimise(points => [.. points.Select(F)], [3.0], tolerance, 1000, null, CancellationToken.None);

        Assert.Equal(converged, result.Converged);
        Assert.Equal([3.0], result.X);
        Assert.Equal((1 + 2 + 11, 1), (result.Evaluations, result.Iterations));
    }

    [Fact]
    public void An_indefinite_Hessian_is_damped_by_the_first_multiple_of_its_largest_diagonal_that_makes_it_positive_definite()
    {
        // f = −½x² + 2y² + x + y has the Hessian diag(−1, 4) everywhere and the gradient (1, 1) at the origin. The ladder
        // λ = 0, 1e-8 … 1e-2 leaves −1 + 4λ negative; λ = 1 gives diag(3, 8), so the step is −(1/3, 1/8). A budget of 7
        // (the start, four differences, one cross difference and the step) ends the search with the step the last point seen.
        var seen = new List<double[]>();
        NewtonMinimiser.Minimise(
            points => { seen.AddRange(points); return [.. points.Select(p => (-0.5 * p[0] * p[0]) + (2 * p[1] * p[1]) + p[0] + p[1])]; },
            [0.0, 0.0], 1e-9, 7, null, CancellationToken.None);

        Assert.Equal(7, seen.Count);
        Assert.Equal(-1.0 / 3, seen[6][0], 6);
        Assert.Equal(-1.0 / 8, seen[6][1], 6);
    }

    [Fact]
    public void A_Hessian_no_damping_on_the_ladder_can_fix_falls_back_to_a_short_steepest_descent_step()
    {
        // f = 1000xy + 3x − 4y: a saddle whose Hessian (0, 1000; 1000, 0) stays indefinite even with 100 added to its
        // diagonal. The fallback steps 0.1 against the gradient (3, −4) / 5, to (−0.06, 0.08), where f is −5.3; with the
        // budget spent on it the search ends there, unconverged (f has no minimum).
        var seen = new List<double[]>();
        var (x, f, _, _, converged) = NewtonMinimiser.Minimise(
            points => { seen.AddRange(points); return [.. points.Select(p => (1000 * p[0] * p[1]) + (3 * p[0]) - (4 * p[1]))]; },
            [0.0, 0.0], 1e-9, 7, null, CancellationToken.None);

        Assert.Equal(7, seen.Count);
        Assert.Equal(-0.06, x[0], 6);
        Assert.Equal(0.08, x[1], 6);
        Assert.Equal(-5.3, f, 6);
        Assert.False(converged);
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
