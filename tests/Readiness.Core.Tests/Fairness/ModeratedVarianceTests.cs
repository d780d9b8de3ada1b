using System.Globalization;
using Readiness.Fairness.Internal;

namespace Readiness.Core.Tests.Fairness;

/// <summary>The empirical-Bayes moderation behind <see cref="Readiness.Fairness.RaterGroupBias"/>, against R's limma and base R.</summary>
public sealed class ModeratedVarianceTests
{
    [Fact]
    public void The_prior_and_the_moderated_variances_match_limma_squeezeVar()
    {
        // Data/limma/squeeze.csv: limma 3.54 squeezeVar on 40 generated variances with 1 to 12 degrees of freedom (squeeze.R).
        var rows = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", "limma", "squeeze.csv")).Skip(1)
            .Select(l => l.Split(',').Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        var (variances, df) = (rows.Select(r => r[0]).ToArray(), rows.Select(r => (int)r[1]).ToArray());

        var prior = ModeratedVariance.Prior(variances, df);

        Assert.Equal(rows[0][3], prior.Variance, 1e-9);
        Assert.Equal(rows[0][4], prior.DegreesOfFreedom, 1e-7);
        for (var i = 0; i < rows.Length; i++)
        {
            var (variance, degrees) = ModeratedVariance.Moderate(variances[i], df[i], prior, df.Sum());
            Assert.Equal(rows[i][2], variance, 1e-9);
            Assert.Equal(prior.DegreesOfFreedom + df[i], degrees, 1e-7);
        }
    }

    [Theory]
    [InlineData(0.3, 12.245364546107731840)]
    [InlineData(2.5, 0.490357756100234909)]
    [InlineData(7, 0.153545177959337503)]
    [InlineData(40, 0.025315103841291028)]
    public void Trigamma_matches_R_and_its_inverse_returns_the_argument(double x, double expected)
    {
        // R: trigamma(x).
        Assert.Equal(expected, ModeratedVariance.Trigamma(x), 1e-12 * Math.Max(1, expected));
        Assert.Equal(x, ModeratedVariance.TrigammaInverse(expected), 1e-7 * x);
    }

    [Fact]
    public void Variances_that_differ_no_more_than_chance_give_the_pooled_one_on_every_degree_of_freedom()
    {
        // Equal variances: the log variances spread less than their sampling error, so the prior is worth +∞ (its variance
        // limma's exp of the mean corrected log variance) and every unit is tested at it on all units' degrees of freedom.
        var prior = ModeratedVariance.Prior([0.5, 0.5, 0.5, 0.5], [3, 4, 5, 6]);

        Assert.True(double.IsPositiveInfinity(prior.DegreesOfFreedom));
        Assert.Equal((prior.Variance, 18.0), ModeratedVariance.Moderate(0.9, 3, prior, 18));

        // Fewer than three usable variances (a zero is not usable): no prior to fit, the pooled variance (0.4 + 1.5) / 5.
        var pooled = ModeratedVariance.Prior([0.2, 0.5, 0], [2, 3, 4]);
        Assert.Equal(0.38, pooled.Variance, 15);
        Assert.True(double.IsPositiveInfinity(pooled.DegreesOfFreedom));
    }
}
