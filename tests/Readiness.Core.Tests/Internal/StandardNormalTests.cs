using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MathNet.Numerics.Distributions;
using Readiness.Internal;

namespace Readiness.Core.Tests.Internal;

/// <summary>Cody's Φ against MathNet's, across all three of its intervals and both tails.</summary>
public sealed class StandardNormalTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.3)]
    [InlineData(-0.66)]
    [InlineData(0.6629)]
    [InlineData(1.75)]
    [InlineData(-2.0)]
    [InlineData(5.6)]
    [InlineData(-5.7)]
    [InlineData(-8.4)]
    [InlineData(-20)]
    [InlineData(-37.5)]
    public void Agrees_with_MathNet_to_the_last_digits_in_both_tails(double x)
    {
        var (ours, theirs) = (StandardNormal.Cdf(x), Normal.CDF(0, 1, x));
        Assert.True(Math.Abs(ours - theirs) <= 4e-16 + (1e-14 * theirs), $"Φ({x}): {ours} against {theirs}");
    }

    [Property(MaxTest = 2000)]
    public Property Agrees_with_MathNet_within_1e_14_relative_and_is_monotone() =>
        Prop.ForAll(Gen.Choose(-40_000, 40_000).ToArbitrary(), Gen.Choose(1, 1000).ToArbitrary(), (thousandths, step) =>
        {
            var x = thousandths / 1000.0;
            var theirs = Normal.CDF(0, 1, x);
            Assert.True(Math.Abs(StandardNormal.Cdf(x) - theirs) <= 4e-16 + (1e-14 * theirs), $"Φ({x})");
            Assert.True(StandardNormal.Cdf(x + (step / 1000.0)) >= StandardNormal.Cdf(x));
        });

    [Fact]
    public void Has_the_limits_and_passes_NaN_through()
    {
        Assert.Equal(0, StandardNormal.Cdf(double.NegativeInfinity));
        Assert.Equal(1, StandardNormal.Cdf(double.PositiveInfinity));
        Assert.Equal(0.5, StandardNormal.Cdf(0));
        Assert.True(double.IsNaN(StandardNormal.Cdf(double.NaN)));
    }
}
