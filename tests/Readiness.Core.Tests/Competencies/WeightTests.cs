using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Readiness.Competencies;

namespace Readiness.Core.Tests.Competencies;

public sealed class WeightTests
{
    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(-0.0001)]
    [InlineData(1.0001)]
    public void FromFraction_rejects_values_outside_0_to_1(double fraction)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Weight.FromFraction(fraction));

        Assert.Contains("must be in [0, 1]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Formats_as_a_percentage_with_one_decimal() => Assert.Equal("12.5%", Weight.FromFraction(0.125).ToString());

    [Property]
    public Property Ordering_follows_the_fraction() =>
        Prop.ForAll(
            Gen.Choose(0, 1000).Zip(Gen.Choose(0, 1000)).ToArbitrary(),
            ((int A, int B) p) =>
            {
                var (a, b) = (Weight.FromFraction(p.A / 1000.0), Weight.FromFraction(p.B / 1000.0));
                return (a < b) == (p.A < p.B) && (a == b) == (p.A == p.B) && a.CompareTo(b) == p.A.CompareTo(p.B)
                    && (a >= b) == (p.A >= p.B) && (a.GetHashCode() == b.GetHashCode() || p.A != p.B);
            });
}
