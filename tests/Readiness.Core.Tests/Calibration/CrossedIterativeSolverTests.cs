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
        var ratings = OrganisationSimulator.Generate(new SimulationOptions { People = 300, Seed = 4 }).TakeInRatings().Ratings;
        var exact = new CrossedRandomEffectsCalibrator(new CrossedModelOptions { PersonEffect = PersonEffect.Shared, Path = CrossedModelPath.Exact }).Calibrate(ratings);
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
        var ratings = OrganisationSimulator.Generate(new SimulationOptions { People = 60, Seed = 2 }).TakeInRatings().Ratings;
        var design = new CrossedDesign(ratings.WithoutSource(RaterSource.Self));
        var solver = new CrossedIterativeSolver(design, (0.2, 0.2, 0, 0.3));

        var (x, _, converged) = solver.Solve(solver.Rhs(), 1e-10, 5000, null, CancellationToken.None);

        Assert.True(converged);
        Assert.All(solver.Split(x).Rater, a => Assert.Equal(0, a));
    }

    [Theory]
    [InlineData(RatingDesign.Local, 0.2, 0.3, 0.1)]
    [InlineData(RatingDesign.WidelyCrossed, 0.2, 0.3, 0.1)]
    [InlineData(RatingDesign.Matrix, 0, 0.3, 0.1)]
    [InlineData(RatingDesign.AssessmentCentre, 0.2, 0, 0.1)]
    [InlineData(RatingDesign.WidelyCrossed, 0.2, 0.3, 0.1, 2)]
    public void The_raters_coupling_term_and_its_trace_are_those_of_the_dense_mixed_model_matrix(RatingDesign style, double cell, double ratee, double rater, int cycles = 1)
    {
        // Over two cycles a rater rates the same ratee and competency (one cell) twice.
        var simulated = OrganisationSimulator.Generate(new SimulationOptions { People = 40, Seed = 3, Design = style }).TakeInRatings().Ratings;
        var ratings = new RatingSetBuilder(simulated.Model)
            .AddRange(simulated.AsEnumerable().SelectMany(r => Enumerable.Range(0, cycles).Select(y => r with { Cycle = $"y{y}", Value = Math.Min(5, r.Value + y) })))
            .Build().Ratings;
        var d = new CrossedDesign(ratings.WithoutSource(RaterSource.Self));
        var solver = new CrossedIterativeSolver(d, (cell, ratee, rater, 0.3));

        // The random effects' block of C, densely: cells, then ratees, then raters; an absent term's rows left out.
        var (cells, ratees, raters) = (cell > 0 ? d.Cells : 0, ratee > 0 ? d.Ratees : 0, d.Raters);
        var o = cells + ratees;
        var c = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(o + raters, o + raters);
        for (var i = 0; i < d.N; i++)
        {
            var rows = new List<int> { o + d.RowRater[i] };
            if (cells > 0)
            {
                rows.Add(d.RowCell[i]);
            }

            if (ratees > 0)
            {
                rows.Add(cells + d.CellRatee[d.RowCell[i]]);
            }

            foreach (var a in rows)
            {
                foreach (var b in rows)
                {
                    c[a, b] += 1;
                }
            }
        }

        for (var u = 0; u < o + raters; u++)
        {
            c[u, u] += 0.3 / (u < cells ? cell : u < o ? ratee : rater);
        }

        var mr = c.SubMatrix(o, raters, o, raters);
        var cro = c.SubMatrix(o, raters, 0, o);
        var k = mr.Inverse() * cro * c.SubMatrix(0, o, 0, o).Inverse() * cro.Transpose() * mr.Inverse();

        var next = k * mr * k;
        var (first, second) = solver.RaterCouplingTraces(long.MaxValue);
        Assert.Equal(k.Trace(), first, 1e-10 * k.Trace());
        Assert.Equal(next.Trace(), second!.Value, 1e-10 * next.Trace());
        Assert.Null(solver.RaterCouplingTraces(0).Second);

        var random = new Random(5);
        const int Width = 3;
        var v = new double[raters * Width];
        for (var j = 0; j < v.Length; j++)
        {
            v[j] = random.NextDouble() - 0.5;
        }

        var vectors = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(raters, Width, (a, j) => v[(a * Width) + j]);
        var (expected, expectedBoth) = (k * vectors, (k + next) * vectors);
        var (into, both, scratch) = (new double[raters * Width], new double[raters * Width], new double[raters * Width]);
        solver.RaterCoupling((double[])v.Clone(), into, Width, new double[(d.Cells + 1) * Width]);
        solver.RaterCoupling(v, both, Width, new double[(d.Cells + 1) * Width], scratch);
        for (var a = 0; a < raters; a++)
        {
            for (var j = 0; j < Width; j++)
            {
                Assert.Equal(expected[a, j], into[(a * Width) + j], 1e-12);
                Assert.Equal(expectedBoth[a, j], both[(a * Width) + j], 1e-12);
            }
        }
    }

    private static CrossedIterativeSolver SmallSolver()
    {
        var ratings = OrganisationSimulator.Generate(new SimulationOptions { People = 60, Seed = 2 }).TakeInRatings().Ratings;
        return new CrossedIterativeSolver(new CrossedDesign(ratings.WithoutSource(RaterSource.Self)), (0.2, 0.3, 0.1, 0.3));
    }
}
