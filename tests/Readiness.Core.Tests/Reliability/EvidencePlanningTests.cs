using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Readiness.Calibration;
using Readiness.Reliability;
using Readiness.Simulation;

namespace Readiness.Core.Tests.Reliability;

public sealed class EvidencePlanningTests
{
    [Fact]
    public void Spearman_Brown_comes_out_as_computed_by_hand()
    {
        Assert.Equal(1.5 / 2.2, SpearmanBrown.Reliability(0.3, 5), 15);
        Assert.Equal(10, SpearmanBrown.RatersNeeded(0.3, 0.8));           // 0.56 / 0.06 = 9.33 → 10
        Assert.Equal(4, SpearmanBrown.RatersNeeded(0.5, 0.8));            // exactly 4: R(0.5, 4) = 2 / 2.5 = 0.8
        Assert.Equal(1, SpearmanBrown.RatersNeeded(0.9, 0.8));
        Assert.Throws<ArgumentOutOfRangeException>(() => SpearmanBrown.RatersNeeded(0, 0.8));
        Assert.Throws<ArgumentOutOfRangeException>(() => SpearmanBrown.RatersNeeded(0.5, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => SpearmanBrown.Reliability(double.NaN, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => SpearmanBrown.Reliability(0.5, 0));
    }

    [Property(MaxTest = 500)]
    public Property Raters_needed_is_the_fewest_that_reach_the_target() =>
        Prop.ForAll(Gen.Choose(1, 1000).ToArbitrary(), Gen.Choose(1, 999).ToArbitrary(), (r, t) =>
        {
            var (single, target) = (r / 1000.0, t / 1000.0);
            var n = SpearmanBrown.RatersNeeded(single, target);
            Assert.True(SpearmanBrown.Reliability(single, n) >= target - 1e-12);
            Assert.True(n == 1 || SpearmanBrown.Reliability(single, n - 1) < target);
        });

    [Fact]
    public void A_crossed_calibration_gives_the_single_rater_reliability_of_its_variance_components()
    {
        var organisation = OrganisationSimulator.Generate(new SimulationOptions { People = 300, Seed = 4 });
        var ratings = organisation.TakeInRatings().Ratings;
        var calibration = new CrossedRandomEffectsCalibrator().Calibrate(ratings);
        var person = calibration.VarianceOf(VarianceComponent.Ratee)!.Value + calibration.VarianceOf(VarianceComponent.RateeCompetency)!.Value;
        var total = person + calibration.VarianceOf(VarianceComponent.Rater)!.Value + calibration.VarianceOf(VarianceComponent.Residual)!.Value;

        var single = SpearmanBrown.SingleRaterReliability(calibration);

        Assert.Equal(person / total, single, 15);
        Assert.InRange(single, 0.3, 0.8);
        Assert.Contains("fit the crossed model", Assert.Throws<ArgumentException>(() => SpearmanBrown.SingleRaterReliability(new MeanCentringCalibrator().Calibrate(ratings))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_simulated_plan_of_the_organisations_design_stands_beside_Spearman_Brown()
    {
        var organisation = OrganisationSimulator.Generate(new SimulationOptions { People = 300, Seed = 4 });
        var ratings = organisation.TakeInRatings().Ratings;
        var calibration = new CrossedRandomEffectsCalibrator().Calibrate(ratings);

        var plan = EvidencePlan.Simulate(ratings, calibration, new EvidencePlanOptions { Target = 0.8, Replications = 10, MaxRaters = 12 });
        var again = EvidencePlan.Simulate(ratings, calibration, new EvidencePlanOptions { Target = 0.8, Replications = 10, MaxRaters = 12 });

        Assert.Equal(plan.Steps.Select(s => s.ToString()), again.Steps.Select(s => s.ToString()));
        Assert.Equal(SpearmanBrown.RatersNeeded(plan.SingleRaterReliability, 0.8), plan.SpearmanBrownRaters);
        Assert.NotNull(plan.SimulatedRaters);

        // Measured: one rating's reliability 0.455; both answers 5 raters (simulated 0.809 ± 0.004 at 5, Spearman–Brown 0.807).
        // Here rater leniency is a small share of the variance, so shared raters barely matter; the two agree within a rater.
        Assert.InRange(plan.SimulatedRaters!.Value, plan.SpearmanBrownRaters - 1, plan.SpearmanBrownRaters + 1);
        Assert.Equal(plan.SingleRaterReliability, plan.Steps[0].SpearmanBrown, 12);
        Assert.InRange(plan.Steps[0].Simulated, plan.Steps[0].SpearmanBrown - 0.05, plan.Steps[0].SpearmanBrown + 0.05);
        var simulated = plan.Steps.Select(s => s.Simulated).ToArray();
        Assert.True(simulated.Zip(simulated.Skip(1)).All(p => p.Second > p.First - 0.01), "reliability grows with raters");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void A_bad_target_is_refused_with_its_name(double target)
    {
        var ratings = OrganisationSimulator.Generate(new SimulationOptions { People = 40, Seed = 4 }).TakeInRatings().Ratings;
        var calibration = new CrossedRandomEffectsCalibrator().Calibrate(ratings);

        var error = Assert.Throws<ArgumentException>(() => EvidencePlan.Simulate(ratings, calibration, new EvidencePlanOptions { Target = target }));

        Assert.Contains("Target", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => EvidencePlan.Simulate(ratings, new MeanCentringCalibrator().Calibrate(ratings)));
    }
}
