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
    public void A_term_with_no_variance_keeps_its_effects_at_zero()
    {
        var ratings = OrganisationSimulator.Generate(new SimulationSettings { People = 60, Seed = 2 }).TakeInRatings().Ratings;
        var design = new CrossedDesign(ratings.WithoutSource(RaterSource.Self));
        var solver = new CrossedIterativeSolver(design, (0.2, 0.2, 0, 0.3));

        var (x, _, converged) = solver.Solve(solver.Rhs(), 1e-10, 5000, null, CancellationToken.None);

        Assert.True(converged);
        Assert.All(solver.Split(x).Rater, a => Assert.Equal(0, a));
    }
}
