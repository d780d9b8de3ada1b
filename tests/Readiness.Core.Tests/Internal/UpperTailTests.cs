using System.Globalization;
using MathNet.Numerics.Distributions;
using Readiness.Internal;

namespace Readiness.Core.Tests.Internal;

/// <summary>Upper-tail F probabilities against R's <c>pf(lower.tail = FALSE)</c> (Data/tails/f_upper.R), where 1 − CDF gives 0.</summary>
public sealed class UpperTailTests
{
    public static TheoryData<double, double, double, double> FromR()
    {
        var data = new TheoryData<double, double, double, double>();
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Data", "tails", "f_upper.csv")).Skip(1))
        {
            var v = line.Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            data.Add(v[0], v[1], v[2], v[3]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FromR))]
    public void Matches_R_to_relative_precision_deep_in_the_tail(double d1, double d2, double f, double expected)
    {
        var p = UpperTail.FisherSnedecor(d1, d2, f);

        Assert.True(Math.Abs(p - expected) <= 1e-12 * expected, $"F({d1}, {d2}) ≥ {f}: {p:R} against R's {expected:R}");
        Assert.True(p > 0);
    }

    [Fact]
    public void One_minus_the_distribution_function_would_have_said_0_where_R_says_4e_104()
    {
        Assert.Equal(0, 1 - FisherSnedecor.CDF(1, 997, 600));
        Assert.Equal(4.1340596207497299e-104, UpperTail.FisherSnedecor(1, 997, 600), 1e-115);
    }

    [Fact]
    public void The_ends_are_exact()
    {
        Assert.Equal(1, UpperTail.FisherSnedecor(3, 40, 0));
        Assert.Equal(1, UpperTail.FisherSnedecor(3, 40, -1));
        Assert.Equal(0, UpperTail.FisherSnedecor(3, 40, double.PositiveInfinity));
        Assert.True(double.IsNaN(UpperTail.FisherSnedecor(3, 40, double.NaN)));
    }
}
