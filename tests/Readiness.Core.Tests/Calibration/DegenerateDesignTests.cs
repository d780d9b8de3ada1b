using Readiness.Calibration;
using Readiness.Competencies;
using Readiness.Evidence;

namespace Readiness.Core.Tests.Calibration;

/// <summary>
/// The simple calibrators on designs that leave a quantity undefined: each refuses with the reason, or gives a result
/// whose every number is defined — never a residual variance of NaN reported as converged.
/// </summary>
public sealed class DegenerateDesignTests
{
    private static readonly string[] Competencies = ["delegates", "develops-others", "holds-accountable"];

    [Theory]
    [InlineData("None")]
    [InlineData("MeanCentring")]
    [InlineData("Standardisation")]
    public void Designs_that_leave_the_noise_undefined_are_refused_with_the_reason(string methodName)
    {
        var method = new CalibrationMethod(methodName);
        foreach (var (design, ratings) in new[]
        {
            ("one rater", Build((p, c) => [("R1", RaterSource.Peer, 1 + ((p + c) % 5))])),
            ("self only", Build((p, c) => [($"P{p}", RaterSource.Self, 1 + ((p * c) % 5))])),
            ("two rows", Build((p, c) => p == 0 && c < 2 ? [("R1", RaterSource.Peer, 3 + c)] : [], people: 1)),
        })
        {
            var error = Assert.Throws<InsufficientRatingsException>(() => Calibrator(method).Calibrate(ratings));
            Assert.Equal(method, error.Method);
            Assert.Matches(@"self-ratings; estimates need ratings from other people|no person was rated more than once on any competency by other people|fewer than the \d parameters", error.Message);
            Assert.True(design != "self only" || error.Message.Contains("self-ratings", StringComparison.Ordinal), design);
        }
    }

    [Theory]
    [InlineData("MeanCentring")]
    [InlineData("Standardisation")]
    public void Centring_on_raters_who_each_rated_once_is_refused_rather_than_making_everyone_equal(string methodName)
    {
        var method = new CalibrationMethod(methodName);
        var next = 0;
        var ratings = Build((p, c) => [.. Enumerable.Range(0, 3).Select(r => ($"A{next++}", RaterSource.Peer, 1 + ((p + c + r) % 5)))]);

        var error = Assert.Throws<InsufficientRatingsException>(() => Calibrator(method).Calibrate(ratings));

        Assert.Contains("no rater gave more than one rating of others", error.Message, StringComparison.Ordinal);
        Assert.Contains("CrossedRandomEffects", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("None")]
    [InlineData("MeanCentring")]
    [InlineData("Standardisation")]
    public void A_design_with_one_repeated_cell_gives_a_result_whose_numbers_are_all_defined(string methodName)
    {
        var method = new CalibrationMethod(methodName);
        // One rater rated everyone once; a second rater rated one person once more: one degree of freedom for the noise.
        var ratings = Build(
            (p, c) => p == 0 && c == 0
                ? [("R1", RaterSource.Peer, 3, null), ("R2", RaterSource.Peer, 4, null), ("R2", RaterSource.Peer, 2, "P1")]
                : [("R1", RaterSource.Peer, 1 + ((p + c) % 5), (string?)null)],
            people: 30);

        var result = Calibrator(method).Calibrate(ratings);

        Assert.All(result.VarianceComponents, v => Assert.True(double.IsFinite(v.Variance), v.ToString()));
        Assert.All(result.Estimates, e => Assert.True(double.IsFinite(e.Estimate) && double.IsFinite(e.StandardError), e.ToString()));
        Assert.All(result.RaterEffects, r => Assert.True(double.IsFinite(r.Effect), r.ToString()));
    }

    private static IRatingCalibrator Calibrator(CalibrationMethod method) =>
        method == CalibrationMethod.None ? new RawMeanCalibrator()
        : method == CalibrationMethod.MeanCentring ? new MeanCentringCalibrator()
        : new StandardisationCalibrator();

    /// <summary>Ratings of 30 people on three competencies, each cell's ratings from <paramref name="cell"/> (rater, source, value[, ratee override]).</summary>
    private static RatingSet Build(Func<int, int, (string Rater, RaterSource Source, int Value, string? Ratee)[]> cell, int people)
    {
        var builder = new RatingSetBuilder(LeadershipFramework.Model);
        for (var p = 0; p < people; p++)
        {
            for (var c = 0; c < Competencies.Length; c++)
            {
                foreach (var (rater, source, value, ratee) in cell(p, c))
                {
                    builder.Add(new Rating(new RateeId(ratee ?? $"P{p}"), new RaterId(rater), source, Competencies[c], value));
                }
            }
        }

        return builder.Build().Ratings;
    }

    private static RatingSet Build(Func<int, int, (string Rater, RaterSource Source, int Value)[]> cell, int people = 30) =>
        Build((p, c) => [.. cell(p, c).Select(r => (r.Rater, r.Source, r.Value, (string?)null))], people);
}
