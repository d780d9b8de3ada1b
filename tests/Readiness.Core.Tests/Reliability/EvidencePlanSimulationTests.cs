using System.Collections.Immutable;
using Readiness.Calibration;
using Readiness.Evidence;
using Readiness.Reliability;
using static Readiness.Competencies.LeadershipFramework;

namespace Readiness.Core.Tests.Reliability;

/// <summary>
/// The evidence plan's simulation against what it must give in designs whose answer is known: Spearman–Brown when every
/// person has raters of their own, and more than Spearman–Brown when everyone shares the same raters (a leniency everyone
/// gets shifts no one relative to anyone else).
/// </summary>
/// <remarks>
/// Variance components 0.3 (person), 0.2 (person × competency), 0.25 (rater), 0.25 (residual): one rating's reliability
/// is 0.5. With n raters the mean rating's error is the mean of n leniencies plus residual variance 0.25 / n.
/// </remarks>
public sealed class EvidencePlanSimulationTests
{
    private const int People = 400;

    private static readonly CalibrationResult Components = WithComponents(0.3, 0.2, 0.25, 0.25);

    [Fact]
    public void With_raters_of_their_own_each_person_gets_Spearman_Brown()
    {
        // Each person rated on two competencies by twelve raters who rate no one else.
        var ratings = Design(p => Enumerable.Range(0, 12).Select(k => $"own-{p}-{k}"));

        var plan = EvidencePlan.Simulate(ratings, Components, new EvidencePlanOptions { MaxRaters = 6, Replications = 40, Target = 0.78 });

        Assert.Equal(0.5, plan.SingleRaterReliability, 12);
        Assert.Equal<int>([1, 2, 3, 4, 5, 6], plan.Steps.Select(s => s.Raters));
        foreach (var step in plan.Steps)
        {
            // Independent leniencies average out like noise: error (0.25 + 0.25) / n.
            Assert.Equal(SpearmanBrown.Reliability(0.5, step.Raters), step.SpearmanBrown, 12);
            Assert.True(Math.Abs(step.Simulated - step.SpearmanBrown) < (4 * step.SimulatedStandardError) + 0.005, $"{step}");
        }

        // 0.78 needs four raters either way (0.75 at three, 0.8 at four).
        Assert.Equal((4, (int?)4), (plan.SpearmanBrownRaters, plan.SimulatedRaters));
    }

    [Fact]
    public void Raters_everyone_shares_lift_the_reliability_above_Spearman_Brown()
    {
        // Everyone rated by the same three raters (and by themselves, which the plan must ignore).
        var ratings = Design(_ => ["x", "y", "z"], selfRatings: true);

        var plan = EvidencePlan.Simulate(ratings, Components, new EvidencePlanOptions { MaxRaters = 6, Replications = 40, Target = 0.8 });

        // From three raters on, the three shared leniencies shift everyone alike; only the n − 3 fresh raters' leniencies
        // and the residual are error: 0.25 (n − 3) / n² + 0.25 / n.
        foreach (var step in plan.Steps.Where(s => s.Raters >= 3))
        {
            var n = step.Raters;
            var expected = 0.5 / (0.5 + (0.25 * (n - 3) / (n * n)) + (0.25 / n));
            Assert.True(Math.Abs(step.Simulated - expected) < (4 * step.SimulatedStandardError) + 0.005, $"{step}: expected {expected:F4}");
            Assert.True(step.Simulated > step.SpearmanBrown, $"{step}");
        }

        // Spearman–Brown needs four raters for 0.8; three shared ones give 0.857.
        Assert.Equal((4, (int?)3), (plan.SpearmanBrownRaters, plan.SimulatedRaters));
    }

    [Fact]
    public void The_standard_error_is_the_spread_of_the_simulated_reliability_between_seeds()
    {
        var ratings = Design(p => Enumerable.Range(0, 3).Select(k => $"own-{p}-{k}"));
        var plans = Enumerable.Range(1, 24)
            .Select(seed => EvidencePlan.Simulate(ratings, Components, new EvidencePlanOptions { MaxRaters = 1, Replications = 8, Seed = seed }).Steps[0])
            .ToArray();

        var mean = plans.Average(s => s.Simulated);
        var between = Math.Sqrt(plans.Sum(s => Math.Pow(s.Simulated - mean, 2)) / (plans.Length - 1));
        var reported = plans.Average(s => s.SimulatedStandardError);

        // 24 seeds estimate the spread to about ±15%.
        Assert.InRange(reported / between, 0.6, 1.6);
        Assert.Equal(24, plans.Select(s => s.Simulated).Distinct().Count());
    }

    [Fact]
    public void A_target_beyond_the_raters_tried_has_no_simulated_answer()
    {
        var ratings = Design(p => [$"own-{p}"]);

        var plan = EvidencePlan.Simulate(ratings, Components, new EvidencePlanOptions { MaxRaters = 2, Replications = 2, Target = 0.9 });

        Assert.Null(plan.SimulatedRaters);
        Assert.Equal(9, plan.SpearmanBrownRaters);
        Assert.Equal(2, plan.Steps.Length);
        Assert.Equal(0.9, plan.Target);
    }

    [Fact]
    public void A_calibration_with_no_person_variance_or_no_ratings_is_refused()
    {
        var ratings = Design(p => [$"own-{p}"]);

        var error = Assert.Throws<ArgumentException>(() => EvidencePlan.Simulate(ratings, WithComponents(0, 0, 0.5, 0.5)));
        Assert.Equal("The calibration's person variance is 0: no number of raters makes a rating reliable. (Parameter 'calibration')", error.Message);
        Assert.Equal("ratings", Assert.Throws<ArgumentNullException>(() => EvidencePlan.Simulate(null!, Components)).ParamName);
        Assert.Equal("calibration", Assert.Throws<ArgumentNullException>(() => EvidencePlan.Simulate(ratings, null!)).ParamName);
    }

    /// <summary>A crossed-model result carrying only the variance components given.</summary>
    internal static CalibrationResult WithComponents(double person, double cell, double rater, double residual) =>
        new(CalibrationMethod.CrossedRandomEffects, "given", [], [], [],
            [
                new VarianceComponent(VarianceComponent.RateeCompetency, cell),
                new VarianceComponent(VarianceComponent.Ratee, person),
                new VarianceComponent(VarianceComponent.Rater, rater),
                new VarianceComponent(VarianceComponent.Residual, residual),
            ],
            [], 0, true, null, ImmutableArray<CalibrationWarning>.Empty);

    /// <summary>Each of <see cref="People"/> people rated on Delegates and Builds trust by the raters named; the values do not matter to the plan.</summary>
    private static RatingSet Design(Func<int, IEnumerable<string>> raters, bool selfRatings = false)
    {
        var builder = new RatingSetBuilder(Model);
        for (var p = 0; p < People; p++)
        {
            var person = new RateeId($"p{p:000}");
            foreach (var competency in new[] { Delegates, BuildsTrust })
            {
                builder.AddRange(raters(p).Select((r, k) => new Rating(person, new RaterId(r), RaterSource.Peer, competency, 1 + ((p + k) % 5))));
                if (selfRatings)
                {
                    builder.AddRange([new Rating(person, new RaterId(person.Value), RaterSource.Self, competency, 5)]);
                }
            }
        }

        return builder.Build().Ratings;
    }
}
