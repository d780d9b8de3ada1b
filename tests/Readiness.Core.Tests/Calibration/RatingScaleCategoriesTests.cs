using Readiness.Calibration.Internal;

namespace Readiness.Core.Tests.Calibration;

/// <summary>The Andrich rating-scale model's category probabilities, moments and measure solve, worked by hand.</summary>
public sealed class RatingScaleCategoriesTests
{
    [Fact]
    public void Two_categories_are_the_logistic_curve()
    {
        Span<double> p = stackalloc double[2];
        foreach (var x in new[] { -3.0, 0.0, 0.7, 40.0 })
        {
            // Threshold τ₁ = 0.5: P(1 | x) = 1 / (1 + e^(0.5 − x)).
            RatingScaleCategories.Probabilities(x, [0, 0.5], p);
            var one = 1 / (1 + Math.Exp(0.5 - x));
            Assert.Equal(one, p[1], 14);
            Assert.Equal(1 - one, p[0], 14);
        }
    }

    [Fact]
    public void Three_categories_follow_the_cumulative_thresholds_at_any_predictor()
    {
        // τ = (−1, 1), cumulative (0, −1, 0): terms 0, x + 1, 2x.
        Span<double> p = stackalloc double[3];
        RatingScaleCategories.Probabilities(0.25, [0, -1, 0], p);
        double[] terms = [1, Math.Exp(1.25), Math.Exp(0.5)];
        for (var k = 0; k < 3; k++)
        {
            Assert.Equal(terms[k] / terms.Sum(), p[k], 14);
        }

        // Far out, where e^(kx) overflows without the largest term taken out first.
        RatingScaleCategories.Probabilities(800, [0, -1, 0], p);
        Assert.Equal([0, 0, 1], p.ToArray());
        RatingScaleCategories.Probabilities(-800, [0, -1, 0], p);
        Assert.Equal([1, 0, 0], p.ToArray());
    }

    [Fact]
    public void Moments_are_the_mean_and_variance_of_the_category_and_kurtosis_its_fourth_moment()
    {
        Span<double> p = stackalloc double[3];
        var (mean, variance) = RatingScaleCategories.Moments(0.25, [0, -1, 0], p);

        double[] q = [.. p];
        var expected = q[1] + (2 * q[2]);
        Assert.Equal(expected, mean, 14);
        Assert.Equal(q[1] + (4 * q[2]) - (expected * expected), variance, 14);
        Assert.Equal(q.Select((pk, k) => Math.Pow(k - expected, 4) * pk).Sum(), RatingScaleCategories.Kurtosis(q, expected), 14);

        // Certain category: variance 0, never a rounding hair below.
        var (top, none) = RatingScaleCategories.Moments(800, [0, -1, 0], p);
        Assert.Equal((2.0, 0.0), (top, none));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-12.0)]
    [InlineData(25.0)]
    public void Solve_finds_the_measure_whose_expected_score_is_the_target_from_any_start(double start)
    {
        double[] offsets = [-1, 0, 0.5, 2];
        double[] cumulative = [0, -0.8, -0.6, 0.9];
        const double target = 5.2;

        var (x, information) = RatingScaleCategories.Solve(offsets, target, cumulative, start, 1e-10);

        Span<double> p = stackalloc double[4];
        var (score, variance) = (0.0, 0.0);
        foreach (var offset in offsets)
        {
            var (e, v) = RatingScaleCategories.Moments(x + offset, cumulative, p);
            score += e;
            variance += v;
        }

        Assert.Equal(target, score, 9);
        Assert.Equal(variance, information, 8);
    }

    [Fact]
    public void Solve_stops_at_once_when_the_start_already_meets_the_target()
    {
        Span<double> p = stackalloc double[2];
        var (e, v) = RatingScaleCategories.Moments(0.3, [0, 0], p);

        // Off by 5e-13, inside the tolerance: a further Newton step would move x by about 2e-12, and is not taken.
        var (x, information) = RatingScaleCategories.Solve([0.0], e + 5e-13, [0, 0], 0.3, 1e-12);

        Assert.Equal(0.3, x);
        Assert.Equal(v, information);
    }

    [Fact]
    public void Solve_bisects_its_bracket_when_a_Newton_step_would_leave_it()
    {
        // Nine categories whose middle seven are all but impossible (cumulative thresholds 50): the expected score is close
        // to 8σ(8x), a step too steep for Newton's method. From 0.2875 it overshoots to −0.33, and from there its step
        // (+0.87) would land beyond 0.2875, where the score is already known to be too high; the bracket's midpoint is
        // taken instead. Unbracketed, the steps oscillate for all 200 iterations and end at 0.54.
        double[] cumulative = [0, 50, 50, 50, 50, 50, 50, 50, 0];

        var (x, information) = RatingScaleCategories.Solve([0.0], 4, cumulative, 0.2875, 1e-10);

        Assert.Equal(0, x, 9);
        Assert.Equal(16, information, 6);
    }

    [Fact]
    public void Solve_gives_up_on_an_unreachable_target_after_200_steps_of_at_most_one_logit()
    {
        // A score of 1.5 from one rating on a two-category scale cannot be expected at any measure (callers treat extreme
        // scores apart); the residual never falls below 0.5 while the information stays below 0.25, so every step is the
        // full logit.
        var (x, information) = RatingScaleCategories.Solve([0.0], 1.5, [0, 0], 0, 1e-10);

        // The information returned is the last iteration's, at 199 logits: a certain category, variance 0.
        Assert.Equal((200.0, 0.0), (x, information));
    }
}
