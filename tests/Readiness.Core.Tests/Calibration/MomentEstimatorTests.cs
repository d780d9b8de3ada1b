using Readiness.Calibration;
using Readiness.Calibration.Internal;
using Readiness.Competencies;
using Readiness.Evidence;
using Readiness.Simulation;

namespace Readiness.Core.Tests.Calibration;

/// <summary>
/// Method-of-moments and REML variance components on data drawn from the model itself (Gaussian effects and errors on an
/// organisation's real, non-random 360° design), where both must recover the planted components.
/// </summary>
public sealed class MomentEstimatorTests
{
    private const double Cell = 0.04;
    private const double Ratee = 0.09;
    private const double Rater = 0.0625;
    private const double Residual = 0.09;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Moments_and_REML_recover_planted_components_when_the_model_holds(int seed)
    {
        var ratings = ModelData(seed);
        var design = new CrossedDesign(ratings);

        var moments = MomentEstimator.Estimate(design, cellTerm: true);
        var reml = new CrossedRandomEffectsCalibrator(new CrossedModelOptions { Path = CrossedModelPath.Exact }).Calibrate(ratings);

        // About 26,000 ratings, 400 ratees and raters: the ratee and rater components rest on about 400 levels each (a
        // sampling error near 7% for REML). Moments are unbiased but far less efficient (Gao and Owen): over eleven
        // organisations they ranged −22% to +13% (rater) and −8% to +12% (residual) where REML stayed within 13% and 2%.
        Assert.Equal(Cell, moments.Cell, 0.2 * Cell);
        Assert.Equal(Ratee, moments.Ratee, 0.25 * Ratee);
        Assert.Equal(Rater, moments.Rater, 0.3 * Rater);
        Assert.Equal(Residual, moments.Residual, 0.15 * Residual);
        Assert.Equal(Cell, reml.VarianceOf(VarianceComponent.RateeCompetency)!.Value, 0.15 * Cell);
        Assert.Equal(Ratee, reml.VarianceOf(VarianceComponent.Ratee)!.Value, 0.2 * Ratee);
        Assert.Equal(Rater, reml.VarianceOf(VarianceComponent.Rater)!.Value, 0.2 * Rater);
        Assert.Equal(Residual, reml.VarianceOf(VarianceComponent.Residual)!.Value, 0.03 * Residual);
    }

    [Fact]
    public void Averaged_over_organisations_the_moment_estimates_are_unbiased()
    {
        var estimates = Enumerable.Range(10, 8).Select(seed => MomentEstimator.Estimate(new CrossedDesign(ModelData(seed)), cellTerm: true)).ToArray();

        // Eight organisations: the mean's error is about a third of a single estimate's (measured: cell +0.5%, ratee −5%,
        // rater −4%, residual +1.7%).
        Assert.Equal(Cell, estimates.Average(e => e.Cell), 0.05 * Cell);
        Assert.Equal(Ratee, estimates.Average(e => e.Ratee), 0.1 * Ratee);
        Assert.Equal(Rater, estimates.Average(e => e.Rater), 0.1 * Rater);
        Assert.Equal(Residual, estimates.Average(e => e.Residual), 0.05 * Residual);
    }

    /// <summary>The design of a simulated organisation (other raters only), with values drawn from the crossed model.</summary>
    private static RatingSet ModelData(int seed)
    {
        var organisation = OrganisationSimulator.Generate(new SimulationOptions { People = 400, Seed = seed, SelfRatings = false });
        var random = new Random(seed * 7919);
        double Draw(double variance) => Math.Sqrt(variance) * Normal(random);
        var ratee = new Dictionary<RateeId, double>();
        var rater = new Dictionary<RaterId, double>();
        var cell = new Dictionary<(RateeId, string), double>();
        var values = organisation.Ratings.Select(r =>
        {
            var value = 3
                + (r.Source == RaterSource.Manager ? -0.1 : 0.05)
                + Get(ratee, r.Ratee, () => Draw(Ratee))
                + Get(cell, (r.Ratee, r.Competency), () => Draw(Cell))
                + Get(rater, r.Rater, () => Draw(Rater))
                + Draw(Residual);
            return r with { Value = Math.Clamp(value, 1, 5) };
        });
        var intake = new RatingSetBuilder(LeadershipFramework.Model).AddRange(values).Build();
        Assert.Empty(intake.Report.Rejected);
        return intake.Ratings;
    }

    private static double Get<TKey>(Dictionary<TKey, double> effects, TKey key, Func<double> draw)
        where TKey : notnull
    {
        if (!effects.TryGetValue(key, out var value))
        {
            effects[key] = value = draw();
        }

        return value;
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
