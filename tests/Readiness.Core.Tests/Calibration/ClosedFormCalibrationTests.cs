using Readiness.Calibration;
using Readiness.Evidence;
using static Readiness.Competencies.LeadershipFramework;
using static Readiness.Core.Tests.Calibration.Panels;

namespace Readiness.Core.Tests.Calibration;

/// <summary>
/// The closed-form calibrators (raw means, mean-centring, standardisation) on a panel small enough to work by hand: every
/// estimate, standard error, rater and source effect, the residual variance and each warning.
/// </summary>
/// <remarks>
/// Peers x, y, z rate Delegates: x gives a 4, b 5, c 3 (mean 4); y gives a 2, b 3 (mean 2.5); z gives b 1. a rates
/// themselves 5 on Delegates and b rates themselves 4 on Builds trust, a cell no one else rated. Over the six peer ratings
/// the grand mean is 3 and the pooled within-rater SD √((2 + ½ + 0) / (2 + 1 + 0)) = √(5/6).
/// </remarks>
public sealed class ClosedFormCalibrationTests
{
    private static readonly double PooledRaterSd = Math.Sqrt(5 / 6.0);

    private static readonly RatingSet Panel = new RatingSetBuilder(Model).AddRange(
    [
        Peer("a", "x", 4), Peer("b", "x", 5), Peer("c", "x", 3),
        Peer("a", "y", 2), Peer("b", "y", 3),
        Peer("b", "z", 1),
        new Rating(new RateeId("a"), new RaterId("a"), RaterSource.Self, Delegates, 5),
        new Rating(new RateeId("b"), new RaterId("b"), RaterSource.Self, BuildsTrust, 4),
    ]).Build().Ratings;

    private static readonly string[] DesignWarnings =
    [
        "3 rater(s) gave only one rating; their leniency cannot be told apart from their judgement of that person, so their effects rest on the model alone.",
        "1 person(s) were rated by at most one rater other than themselves; their estimates cannot separate that rater's leniency from their level and carry wide standard errors.",
    ];

    private const string SelfOnlyWarning =
        "1 person × competency combination(s) have only a self-rating; self-ratings do not count toward an estimate, so they have none.";

    [Fact]
    public void Raw_means_are_the_other_raters_means_with_the_pooled_within_cell_spread()
    {
        var result = new RawMeanCalibrator().Calibrate(Panel);

        // Cells: a (4, 2), b (5, 3, 1), c (3); all means 3; squares 2 + 8 + 0 over 1 + 2 + 0 degrees of freedom.
        var sd = Math.Sqrt(10 / 3.0);
        AssertEstimate(result, "a", 3, sd / Math.Sqrt(2), 2, 2);
        AssertEstimate(result, "b", 3, sd / Math.Sqrt(3), 3, 3);
        AssertEstimate(result, "c", 3, sd, 1, 1);
        Assert.Equal(3, result.Estimates.Length);
        Assert.False(result.TryGetEstimate(new RateeId("b"), BuildsTrust, out _));
        Assert.Equal(10 / 3.0, Assert.Single(result.VarianceComponents).Variance, 14);
        Assert.Empty(result.RaterEffects);
        Assert.Equal<string>([SelfOnlyWarning], result.Warnings.Select(w => w.Message));
        AssertRunFacts(result, CalibrationMethod.None, "raw means");

        // Sources against the mean peer rating 3: self ratings 5 and 4 run 1.5 above (SD √½ over √2); peers' SD √2 over √6.
        AssertSources(result, (RaterSource.Self, 1.5, 0.5, 2), (RaterSource.Peer, 0, Math.Sqrt(2) / Math.Sqrt(6), 6));
    }

    [Fact]
    public void Mean_centring_subtracts_each_raters_leniency_toward_others()
    {
        var result = new MeanCentringCalibrator().Calibrate(Panel);

        // Centred: x's ratings − 1 (a 3, b 4, c 2), y's + 0.5 (a 2.5, b 3.5), z's + 2 (b 3); self-ratings as given.
        // Squares within cells 0.125 + 0.5 + 0 over 3 degrees of freedom.
        var sd = Math.Sqrt(0.625 / 3);
        AssertEstimate(result, "a", 2.75, sd / Math.Sqrt(2), 2, 2);
        AssertEstimate(result, "b", 3.5, sd / Math.Sqrt(3), 3, 3);
        AssertEstimate(result, "c", 2, sd, 1, 1);
        Assert.Equal(0.625 / 3, Assert.Single(result.VarianceComponents).Variance, 14);
        AssertRaterEffects(result);
        Assert.Equal<string>([.. DesignWarnings, SelfOnlyWarning], result.Warnings.Select(w => w.Message));
        AssertRunFacts(result, CalibrationMethod.MeanCentring, "per-rater mean-centring");

        // The centred peer ratings 3, 4, 2, 2.5, 3.5, 3 have mean 3 and SD √½.
        AssertSources(result, (RaterSource.Self, 1.5, 0.5, 2), (RaterSource.Peer, 0, Math.Sqrt(0.5) / Math.Sqrt(6), 6));
    }

    [Fact]
    public void Standardisation_rescales_each_raters_spread_to_the_pooled_one_and_only_centres_a_single_rating()
    {
        var result = new StandardisationCalibrator().Calibrate(Panel);

        // 3 + √(5/6) × (rating − rater mean) / rater SD: x (SD 1) gives a 3, b 3 + √(5/6), c 3 − √(5/6); y (SD √½) gives
        // a 3 − √(5/12), b 3 + √(5/12); z has one rating, so no SD: only centred, to 3.
        double[] a = [3, 3 - Math.Sqrt(5 / 12.0)], b = [3 + PooledRaterSd, 3 + Math.Sqrt(5 / 12.0), 3], c = [3 - PooledRaterSd];
        var squares = new[] { a, b, c }.Sum(cell => cell.Sum(v => Math.Pow(v - cell.Average(), 2)));
        var sd = Math.Sqrt(squares / 3);
        AssertEstimate(result, "a", a.Average(), sd / Math.Sqrt(2), 2, 2);
        AssertEstimate(result, "b", b.Average(), sd / Math.Sqrt(3), 3, 3);
        AssertEstimate(result, "c", c[0], sd, 1, 1);
        AssertRaterEffects(result);
        Assert.Equal<string>(
        [
            .. DesignWarnings,
            "1 rater(s) gave a single rating or the same value every time; they were centred but not rescaled.",
            SelfOnlyWarning,
        ], result.Warnings.Select(w => w.Message));
        AssertRunFacts(result, CalibrationMethod.Standardisation, "per-rater standardisation");
        var peers = a.Concat(b).Concat(c).ToArray();
        var peerSd = Math.Sqrt(peers.Sum(v => Math.Pow(v - 3, 2)) / 5);
        AssertSources(result, (RaterSource.Self, 1.5, 0.5, 2), (RaterSource.Peer, 0, peerSd / Math.Sqrt(6), 6));
    }

    [Fact]
    public void A_rater_who_gave_the_same_value_every_time_is_centred_not_rescaled()
    {
        var set = new RatingSetBuilder(Model).AddRange(
            [Peer("a", "x", 4), Peer("b", "x", 2), Peer("a", "y", 3), Peer("b", "y", 3), Peer("c", "y", 3)]).Build().Ratings;

        var result = new StandardisationCalibrator().Calibrate(set);

        // Grand mean 3, pooled SD √(2 / 3). y's ratings are all 3: no spread, so each stays at the grand mean. x (mean 3,
        // SD √2) is rescaled: a 3 + √(1/3), b 3 − √(1/3). Cells a and b then hold squares 1/6 each over 2 degrees of freedom.
        var shift = Math.Sqrt(1 / 3.0) / 2;
        var sd = Math.Sqrt(1 / 6.0);
        AssertEstimate(result, "a", 3 + shift, sd / Math.Sqrt(2), 2, 2);
        AssertEstimate(result, "b", 3 - shift, sd / Math.Sqrt(2), 2, 2);
        AssertEstimate(result, "c", 3, sd, 1, 1);
        Assert.Equal<string>(
        [
            DesignWarnings[1],
            "1 rater(s) gave a single rating or the same value every time; they were centred but not rescaled.",
        ], result.Warnings.Select(w => w.Message));
    }

    [Fact]
    public void A_rater_whose_same_value_has_no_exact_binary_mean_is_still_only_centred()
    {
        // The mean of three 1.35s is not 1.35 in binary: the deviations' 1e-16 rounding, divided by an SD of the same
        // size, once stretched y's ratings to the pooled SD with a sign set by the rounding (found by a property test).
        Assert.NotEqual(1.35, (1.35 + 1.35 + 1.35) / 3);
        var set = new RatingSetBuilder(Model).AddRange(
            [Peer("a", "x", 4), Peer("b", "x", 2), Peer("a", "y", 1.35), Peer("b", "y", 1.35), Peer("c", "y", 1.35)]).Build().Ratings;

        var result = new StandardisationCalibrator().Calibrate(set);

        // y's ratings all sit at the grand mean, as in the test above; so c's estimate is the grand mean.
        var grand = (4 + 2 + (3 * 1.35)) / 5;
        Assert.Equal(grand, result.Estimates.Single(e => e.Person.Value == "c").Estimate, 12);
        Assert.Contains("1 rater(s) gave a single rating or the same value every time; they were centred but not rescaled.", result.Warnings.Select(w => w.Message));
    }

    [Fact]
    public void A_raters_effect_is_their_mean_less_the_grand_mean_whatever_the_others_did()
    {
        var result = new MeanCentringCalibrator().Calibrate(Panel);

        Assert.Equal(0, result.RaterEffects.Sum(e => e.Effect * e.Ratings), 12);
        Assert.False(result.TryGetRaterEffect(new RaterId("a"), out _));
        Assert.False(result.TryGetRaterEffect(new RaterId("nobody"), out _));
    }

    [Fact]
    public void Each_method_refuses_fewer_ratings_than_its_parameters()
    {
        var one = new RatingSetBuilder(Model).AddRange([Peer("a", "x", 4)]).Build().Ratings;
        var two = new RatingSetBuilder(Model).AddRange([Peer("a", "x", 4), Peer("b", "x", 2)]).Build().Ratings;

        var raw = Assert.Throws<InsufficientRatingsException>(() => new RawMeanCalibrator().Calibrate(one));
        var centred = Assert.Throws<InsufficientRatingsException>(() => new MeanCentringCalibrator().Calibrate(one));
        var standardised = Assert.Throws<InsufficientRatingsException>(() => new StandardisationCalibrator().Calibrate(two));

        // One rating: a mean, but no spread to give it a standard error; a result with NaN in it (which the scorer then
        // refused) is not given.
        Assert.StartsWith("None calibration is not possible: no person was rated more than once on any competency by other people", raw.Message, StringComparison.Ordinal);
        Assert.Equal("MeanCentring calibration is not possible: 1 ratings are fewer than the 2 parameters of the method.", centred.Message);
        Assert.Equal(CalibrationMethod.MeanCentring, centred.Method);
        Assert.Equal("Standardisation calibration is not possible: 2 ratings are fewer than the 3 parameters of the method.", standardised.Message);
    }

    [Fact]
    public void Unconnected_groups_of_raters_and_ratees_are_counted()
    {
        var set = new RatingSetBuilder(Model).AddRange(
        [
            Peer("a", "x", 4), Peer("a", "y", 2), Peer("b", "x", 5), Peer("b", "y", 3),
            Peer("c", "z", 3), Peer("d", "z", 1), Peer("c", "w", 2), Peer("d", "w", 4),
            Peer("e", "v", 5), Peer("e", "u", 4), Peer("f", "v", 2), Peer("f", "u", 1),
        ]).Build().Ratings;

        var centred = new MeanCentringCalibrator().Calibrate(set);
        var standardised = new StandardisationCalibrator().Calibrate(set);

        // Every rater gave two different ratings, so standardisation has no one to leave unscaled either.
        string[] warnings = ["The rater–ratee graph falls into 3 unconnected groups: rater effects are only comparable within a group, and comparisons across groups rest on the assumption that groups do not differ on average."];
        Assert.Equal<string>(warnings, centred.Warnings.Select(w => w.Message));
        Assert.Equal<string>(warnings, standardised.Warnings.Select(w => w.Message));
    }

    [Fact]
    public void A_result_finds_estimates_case_insensitively_and_says_what_it_is()
    {
        var result = new MeanCentringCalibrator().Calibrate(Panel);

        Assert.True(result.TryGetEstimate(new RateeId("a"), Delegates.ToUpperInvariant(), out var found));
        Assert.Equal(2.75, found.Estimate, 14);
        Assert.Throws<ArgumentNullException>(() => result.TryGetEstimate(new RateeId("a"), (string)null!, out _));
        Assert.False(result.TryGetEstimate(new RateeId("a"), BuildsTrust, out _));
        Assert.Equal<string>([Delegates], result.EstimatesFor(new RateeId("b")).Select(e => e.Competency.Value));
        Assert.Empty(result.EstimatesFor(new RateeId("x")));
        Assert.Null(result.VarianceOf(VarianceComponent.Rater));
        Assert.Equal("MeanCentring (per-rater mean-centring): 3 estimates, 3 raters, converged in 0 iterations", result.ToString());
        Assert.Equal(Math.Sqrt(0.625 / 3), result.VarianceComponents[0].StandardDeviation, 14);
    }

    private static void AssertEstimate(CalibrationResult result, string ratee, double estimate, double standardError, int ratings, int raters)
    {
        Assert.True(result.TryGetEstimate(new RateeId(ratee), Delegates, out var e), ratee);
        Assert.Equal(estimate, e.Estimate, 12);
        Assert.Equal(standardError, e.StandardError, 12);
        Assert.Equal((ratings, raters), (e.Ratings, e.Raters));
    }

    /// <summary>Mean minus the grand mean 3, over the peer ratings; standard error √(5/6) over √n. a and b, who only rated themselves, have none.</summary>
    private static void AssertRaterEffects(CalibrationResult result)
    {
        Assert.Equal(3, result.RaterEffects.Length);
        foreach (var (rater, effect, count) in new[] { ("x", 1.0, 3), ("y", -0.5, 2), ("z", -2.0, 1) })
        {
            Assert.True(result.TryGetRaterEffect(new RaterId(rater), out var e), rater);
            Assert.Equal(effect, e.Effect, 14);
            Assert.Equal(PooledRaterSd / Math.Sqrt(count), e.StandardError, 14);
            Assert.Equal(count, e.Ratings);
        }
    }

    private static void AssertSources(CalibrationResult result, params (RaterSource Source, double Effect, double StandardError, int Ratings)[] expected)
    {
        Assert.Equal(expected.Select(s => s.Source), result.SourceEffects.Select(s => s.Source));
        foreach (var (want, got) in expected.Zip(result.SourceEffects))
        {
            Assert.Equal(want.Effect, got.Effect, 12);
            Assert.Equal(want.StandardError, got.StandardError, 12);
            Assert.Equal(want.Ratings, got.Ratings);
        }
    }

    private static void AssertRunFacts(CalibrationResult result, CalibrationMethod method, string algorithm)
    {
        Assert.Equal((method, algorithm, 0, true), (result.Method, result.Algorithm, result.Iterations, result.Converged));
        Assert.Null(result.Objective);
        Assert.Null(result.Rasch);
        Assert.Empty(result.FixedEffects);
        Assert.Equal(VarianceComponent.Residual, Assert.Single(result.VarianceComponents).Name);
    }
}
