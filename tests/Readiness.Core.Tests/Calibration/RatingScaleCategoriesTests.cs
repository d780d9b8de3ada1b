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

        var (x, information) = RatingScaleCategories.Solve([0.0], e, [0, 0], 0.3, 1e-12);

        Assert.Equal(0.3, x);
        Assert.Equal(v, information);
    }
}
