using Readiness.Calibration;
using Readiness.Calibration.Internal;
using Readiness.Evidence;
using Readiness.Simulation;

namespace Readiness.Core.Tests.Calibration;

/// <summary>The scalable path's solver against the exact path, given the same variance components.</summary>
public sealed class CrossedIterativeSolverTests
{
    [Fact]
    public void With_the_REML_components_the_solver_reproduces_the_exact_BLUPs_and_fixed_effect_standard_errors()
    {
        var ratings = OrganisationSimulator.Generate(new SimulationSettings { People = 300, Seed = 4 }).TakeInRatings().Ratings;
        var exact = new CrossedRandomEffectsCalibrator(new CrossedModelSettings { Path = CrossedModelPath.Exact }).Calibrate(ratings);
        var residual = exact.VarianceOf(VarianceComponent.Residual)!.Value;
        var design = new CrossedDesign(ratings.WithoutSource(RaterSource.Self));
        var solver = new CrossedIterativeSolver(design, (
            exact.VarianceOf(VarianceComponent.RateeCompetency)!.Value,
            exact.VarianceOf(VarianceComponent.Ratee)!.Value,
            exact.VarianceOf(VarianceComponent.Rater)!.Value,
            residual));

        var (x, iterations, converged) = solver.Solve(solver.Rhs(), 1e-12, 5000, null, CancellationToken.None);
        var (beta, _, _, rater) = solver.Split(x);

        Assert.True(converged);
        Assert.True(iterations < 200, $"{iterations} iterations");
        for (var r = 0; r < rater.Length; r++)
        {
            Assert.Equal(exact.RaterEffects[r].Effect, rater[r], 1e-8);
        }

        for (var j = 0; j < beta.Length; j++)
        {
            Assert.Equal(exact.FixedEffects[j].Estimate, beta[j], 1e-8);
            var unit = new double[solver.Unknowns];
            unit[j] = 1;
            var column = solver.Solve(unit, 1e-12, 5000, null, CancellationToken.None).X;
            Assert.Equal(exact.FixedEffects[j].StandardError, Math.Sqrt(residual * column[j]), 1e-8);
        }
    }

    [Fact]
    public void Progress_reports_the_relative_residual_and_the_solve_stops_at_the_first_iteration_within_tolerance()
    {
        var solver = SmallSolver();
        var b = solver.Rhs();
        var reported = new List<(int Iteration, double Relative)>();

        var (_, iterations, converged) = solver.Solve(b, 1e-8, 5000, (k, relative) => reported.Add((k, relative)), CancellationToken.None);

        // ‖b‖ is far from 1 here, so a tolerance taken absolutely, or divided by ‖b‖, would stop at another iteration.
        Assert.True(Math.Sqrt(b.Sum(v => v * v)) > 100);
        Assert.True(converged);
        Assert.Equal(Enumerable.Range(1, iterations), reported.Select(r => r.Iteration));
        Assert.True(reported[^1].Relative <= 1e-8, $"{reported[^1].Relative}");
        Assert.True(reported[^2].Relative > 1e-8, $"{reported[^2].Relative}");

        // 47 iterations, measured; the bound leaves a little room and catches a preconditioner that has stopped helping.
        Assert.InRange(iterations, 2, 50);
    }

    [Fact]
    public void A_solve_that_runs_out_of_iterations_says_so_and_returns_its_last_iterate()
    {
        var solver = SmallSolver();
        var reported = new List<int>();

        var (x, iterations, converged) = solver.Solve(solver.Rhs(), 1e-12, 3, (k, _) => reported.Add(k), CancellationToken.None);

        Assert.False(converged);
        Assert.Equal(3, iterations);
        Assert.Equal([1, 2, 3], reported);
        Assert.Contains(x, v => v != 0);
    }

    [Fact]
    public void A_zero_right_hand_side_is_solved_by_zero_without_iterating()
    {
        var solver = SmallSolver();
        var called = false;

        var (x, iterations, converged) = solver.Solve(new double[solver.Unknowns], 1e-10, 5000, (_, _) => called = true, CancellationToken.None);

        Assert.True(converged);
        Assert.Equal(0, iterations);
        Assert.All(x, v => Assert.Equal(0, v));
        Assert.False(called);
    }

    [Fact]
    public void A_cancelled_solve_stops_before_its_first_iteration()
    {
        var solver = SmallSolver();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var called = false;

        Assert.Throws<OperationCanceledException>(() => solver.Solve(solver.Rhs(), 1e-10, 5000, (_, _) => called = true, cancelled.Token));
        Assert.False(called);
    }

    [Fact]
    public void A_term_with_no_variance_keeps_its_effects_at_zero()
    {
        var ratings = OrganisationSimulator.Generate(new SimulationSettings { People = 60, Seed = 2 }).TakeInRatings().Ratings;
        var design = new CrossedDesign(ratings.WithoutSource(RaterSource.Self));
        var solver = new CrossedIterativeSolver(design, (0.2, 0.2, 0, 0.3));

        var (x, _, converged) = solver.Solve(solver.Rhs(), 1e-10, 5000, null, CancellationToken.None);

        Assert.True(converged);
        Assert.All(solver.Split(x).Rater, a => Assert.Equal(0, a));
    }

    private static CrossedIterativeSolver SmallSolver()
    {
        var ratings = OrganisationSimulator.Generate(new SimulationSettings { People = 60, Seed = 2 }).TakeInRatings().Ratings;
        return new CrossedIterativeSolver(new CrossedDesign(ratings.WithoutSource(RaterSource.Self)), (0.2, 0.3, 0.1, 0.3));
    }
}
