using Readiness.Calibration;
using Readiness.Evidence;
using Readiness.Fairness;
using Readiness.Internal;
using Readiness.Simulation;
using static Readiness.Competencies.LeadershipFramework;

namespace Readiness.Core.Tests.Fairness;

public sealed class RaterGroupBiasTests
{
    [Fact]
    public void Raters_planted_to_favour_one_group_are_found_and_ordinary_raters_are_not_flagged()
    {
        var organisation = OrganisationSimulator.Generate(new SimulationOptions { People = 1200, Seed = 11, GroupBiasedRaterShare = 0.05, FavouredGroupBias = 1.0 });
        var ratings = organisation.TakeInRatings().Ratings;
        var calibration = new CrossedRandomEffectsCalibrator().Calibrate(ratings);

        var result = RaterGroupBias.Analyze(ratings, calibration, organisation.Demographics, "sex");

        var planted = organisation.Raters.Where(r => r.Style == RaterStyle.FavoursGroup).Select(r => r.Rater).ToHashSet();
        var flagged = result.Splits.Where(s => s.Flagged).ToArray();
        var found = flagged.Count(s => planted.Contains(s.Rater));
        var examined = result.Splits.Count(s => planted.Contains(s.Rater));
        var report = $"{examined} of {planted.Count} planted raters examined; {found} flagged; {flagged.Length - found} others flagged of {result.Splits.Length}";
        Assert.True(examined >= 20, report);
        Assert.True(found >= examined * 0.6, report);
        Assert.True(flagged.Length - found <= Math.Max(1, 0.05 * flagged.Length), report);
        Assert.All(flagged.Where(s => planted.Contains(s.Rater)), s => Assert.Equal("male", s.HighGroup));
        Assert.Equal([.. result.Splits.Select(s => s.P).Order()], result.Splits.Select(s => s.P));

        // Every rater who rated someone of known sex is examined or counted out.
        Assert.Equal(result.Raters, result.Splits.Length + result.NotExamined);
        Assert.True(result.OneGroupOnly > 0 && result.TooFewRatees > 0, $"{result.OneGroupOnly} one group, {result.TooFewRatees} too few");

        // Without planted bias, nobody is flagged.
        var fair = OrganisationSimulator.Generate(new SimulationOptions { People = 1200, Seed = 11 });
        var fairRatings = fair.TakeInRatings().Ratings;
        Assert.DoesNotContain(RaterGroupBias.Analyze(fairRatings, new CrossedRandomEffectsCalibrator().Calibrate(fairRatings), fair.Demographics, "sex").Splits, s => s.Flagged);
    }

    [Fact]
    public void Under_shuffled_group_labels_the_p_values_are_uniform_and_the_false_discovery_rate_holds()
    {
        // Shuffling who is in which group leaves every rater without a group bias (central-tendency, halo and lenient raters
        // included): each examined rater's p-value is then uniform, and any flag at all is a false discovery.
        var organisation = OrganisationSimulator.Generate(new SimulationOptions { People = 600, Seed = 3 });
        var ratings = organisation.TakeInRatings().Ratings;
        var calibration = new CrossedRandomEffectsCalibrator().Calibrate(ratings);
        var people = organisation.People.Select(p => p.Person).ToArray();
        var sexes = people.Select(p => organisation.Demographics.CategoryOf(p, "sex")!).ToArray();
        var random = new Random(5);
        var (below, total, anyFlag, shuffles) = (0, 0, 0, 60);
        for (var k = 0; k < shuffles; k++)
        {
            random.Shuffle(sexes);
            var demographics = Demographics.Create(people.Select((p, i) => new DemographicRecord(p, "sex", sexes[i])));
            var splits = RaterGroupBias.Analyze(ratings, calibration, demographics, "sex", new RaterGroupBiasOptions { MinimumDifference = 0 }).Splits;
            below += splits.Count(s => s.P < 0.05);
            total += splits.Length;
            anyFlag += splits.Any(s => s.Flagged) ? 1 : 0;
        }

        // Thousands of p-values: the share below 0.05 is at most 5% within three standard errors (measured: 3.0%, the
        // moderated variances erring on the safe side where raters' noise differs); at most a few shuffles in 60 flag
        // anyone (the false-discovery rate is the family-wise rate here, 5%: 3 expected, 8 is 3 SE above).
        var share = below / (double)total;
        Assert.InRange(share, 0.01, 0.05 + (3 * Math.Sqrt(0.0475 / total)));
        Assert.True(anyFlag <= 8, $"{anyFlag} of {shuffles} shuffles flagged someone; p < 0.05 for {share:P1} of {total}");
    }

    [Fact]
    public void Simulated_demographics_and_team_outcomes_leave_the_ratings_of_a_seed_unchanged()
    {
        var organisation = OrganisationSimulator.Generate(new SimulationOptions { People = 300, Seed = 5 });
        var again = OrganisationSimulator.Generate(new SimulationOptions { People = 300, Seed = 5, GroupBiasedRaterShare = 0 });
        Assert.True(organisation.Ratings.SequenceEqual(again.Ratings));
        Assert.Equal(["ethnicity", "sex"], organisation.Demographics.Attributes.ToArray());
        var female = organisation.People.Count(p => organisation.Demographics.CategoryOf(p.Person, "sex") == "female");
        Assert.InRange(female, 100, 170);
        Assert.Equal(300, organisation.TeamOutcomes.Length);
        Assert.InRange(organisation.TeamOutcomes.Average(o => o.Value), 47, 53);
        Assert.Throws<ArgumentException>(() => OrganisationSimulator.Generate(new SimulationOptions { FavouredGroup = "other" }));
    }

    /// <summary>
    /// Two raters rate eight people (four f, four m) and u (no category) on one competency; raw means are the calibration.
    /// Y rates everyone 3, and u 1; X rates f 5, 5, 4, 4, m 3, 3, 2, 2 and u 5. Residuals are half the raters' difference;
    /// X's mean residual (leniency) is 4/9, Y's −4/9; every estimate is half of its cell (h = ½), so the estimate without
    /// X's rating is Y's rating plus X's leniency, 3 4/9 throughout (no level term), and X's left-out residuals are
    /// f 1 5/9, 1 5/9, 5/9, 5/9 and m −4/9, −4/9, −1 4/9, −1 4/9: a difference of 2, residual variance 2 / 6, SE √(1/6),
    /// t = √24. With fewer than three raters whose variance is not 0 there is no prior to fit: the pooled variance (X's, 1/3)
    /// on the pooled degrees of freedom (X's 6 and Y's 5) is everyone's. Y's estimate without Y is X's rating minus 4/9 — it varies within each group, so it
    /// is a term — and Y's left-out residual is exactly 3 minus it: slope −1, nothing left for the group. Y rates everyone
    /// alike, a central-tendency habit, not a bias toward a group. Self-ratings and people without a category are left out.
    /// </summary>
    [Fact]
    public void A_small_split_comes_out_as_computed_by_hand()
    {
        var (ratings, calibration, demographics) = HandMade(f: [5, 5, 4, 4], m: [3, 3, 2, 2]);

        var result = RaterGroupBias.Analyze(ratings, calibration, demographics, "sex");

        Assert.Equal(["X", "Y"], result.Splits.Select(s => s.Rater.Value));
        var (x, y) = (result.Splits[0], result.Splits[1]);
        Assert.Equal(["f", "m"], x.Groups.Select(g => g.Group));
        Assert.Equal([4, 4], x.Groups.Select(g => g.Ratees));
        Assert.Equal(1.5 - (4 / 9.0), x.Groups[0].MeanResidual, 12);
        Assert.Equal(-0.5 - (4 / 9.0), x.Groups[1].MeanResidual, 12);
        Assert.Equal(("f", "m", 11.0, (double?)null, true), (x.HighGroup, x.LowGroup, x.DegreesOfFreedom, x.LevelSlope, x.Flagged));
        Assert.Equal(2.0, x.Difference, 12);
        Assert.Equal(Math.Sqrt(1 / 6.0), x.StandardError, 12);
        Assert.Equal(Math.Sqrt(24), x.T, 10);
        Assert.Equal(UpperTail.FisherSnedecor(1, 11, 24), x.P, 10);

        // Benjamini–Hochberg over two raters: the smaller p-value doubled, the larger as it is.
        Assert.Equal(2 * x.P, x.QValue, 12);
        Assert.Equal(-1.0, y.LevelSlope!.Value, 10);
        Assert.Equal(0.0, y.Difference, 10);
        Assert.Equal((1.0, 1.0, false), (y.P, y.QValue, y.Flagged));
        Assert.Equal((2, 0, 0), (result.Raters, result.OneGroupOnly, result.TooFewRatees));
    }

    [Fact]
    public void The_options_decide_who_is_examined_and_who_is_flagged()
    {
        var (ratings, calibration, demographics) = HandMade(f: [5, 5, 4, 4], m: [3, 3, 2, 2]);
        RaterGroupSplit X(RaterGroupBiasOptions options) => RaterGroupBias.Analyze(ratings, calibration, demographics, "sex", options).Splits.Single(s => s.Rater.Value == "X");

        Assert.True(X(new() { MinimumDifference = 2 - 1e-9 }).Flagged);
        Assert.False(X(new() { MinimumDifference = 2 + 1e-9 }).Flagged);
        var q = X(new()).QValue;
        Assert.True(X(new() { FalseDiscoveryRate = q }).Flagged);
        Assert.False(X(new() { FalseDiscoveryRate = Math.BitDecrement(q) }).Flagged);

        // Four ratees in each group: examined at a minimum of four, counted out at five.
        Assert.NotNull(X(new() { MinimumRateesPerGroup = 4 }));
        var five = RaterGroupBias.Analyze(ratings, calibration, demographics, "sex", new() { MinimumRateesPerGroup = 5 });
        Assert.Equal((0, 2, 0, 2), (five.Splits.Length, five.Raters, five.OneGroupOnly, five.TooFewRatees));
        var none = RaterGroupBias.Analyze(ratings, calibration, demographics, "ethnicity");
        Assert.Equal((0, 0), (none.Splits.Length, none.Raters));
    }

    [Fact]
    public void Two_raters_who_disagree_only_by_group_are_both_flagged_since_the_design_cannot_say_which()
    {
        // X rates every f 5 and every m 3; Y rates everyone 3. Measured against each other, each rates one group 2 points
        // apart from the other without any spread: the fit is perfect, the evidence certain, and two raters cannot tell who.
        var (ratings, calibration, demographics) = HandMade(f: [5, 5, 5, 5], m: [3, 3, 3, 3]);

        var splits = RaterGroupBias.Analyze(ratings, calibration, demographics, "sex").Splits;

        Assert.Equal([("X", "f"), ("Y", "m")], splits.Select(s => (s.Rater.Value, s.HighGroup)));
        Assert.All(splits, s => Assert.Equal((2.0, 0.0, 0.0, true), (Math.Round(s.Difference, 10), s.StandardError, s.P, s.Flagged)));
    }

    [Theory]
    [InlineData(1, 0.5, 0.05, "MinimumRateesPerGroup was 1; it must be at least 2.")]
    [InlineData(2, -0.01, 0.05, "MinimumDifference was -0.01; it must be in [0, 100].")]
    [InlineData(2, 100.01, 0.05, "MinimumDifference was 100.01; it must be in [0, 100].")]
    [InlineData(2, 0.5, 0.0, "FalseDiscoveryRate was 0; it must be in (0, 1).")]
    [InlineData(2, 0.5, double.NaN, "FalseDiscoveryRate was NaN; it must be in (0, 1).")]
    public void Options_out_of_range_are_refused_naming_them(int minimumRatees, double minimumDifference, double rate, string message)
    {
        var (ratings, calibration, demographics) = HandMade(f: [5, 5, 4, 4], m: [3, 3, 2, 2]);
        var options = new RaterGroupBiasOptions { MinimumRateesPerGroup = minimumRatees, MinimumDifference = minimumDifference, FalseDiscoveryRate = rate };

        var e = Assert.Throws<ArgumentException>(() => RaterGroupBias.Analyze(ratings, calibration, demographics, "sex", options));

        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
        Assert.Equal(message, Assert.Single(options.Validate()));
        Assert.Throws<ArgumentException>(() => RaterGroupBias.Analyze(ratings, calibration, demographics, " "));
    }

    private static (RatingSet Ratings, CalibrationResult Calibration, Demographics Demographics) HandMade(double[] f, double[] m)
    {
        var people = f.Select((_, i) => ($"f{i}", "f")).Concat(m.Select((_, i) => ($"m{i}", "m"))).ToArray();
        var xRatings = f.Concat(m).ToArray();
        var list = new List<Rating>();
        for (var i = 0; i < people.Length; i++)
        {
            var ratee = new RateeId(people[i].Item1);
            list.Add(new(ratee, new RaterId("X"), RaterSource.Peer, Delegates, xRatings[i]));
            list.Add(new(ratee, new RaterId("Y"), RaterSource.Peer, Delegates, 3));
            list.Add(new(ratee, new RaterId(people[i].Item1), RaterSource.Self, Delegates, 1));
        }

        // Someone without a category: their ratings are calibrated but not split.
        list.Add(new(new RateeId("u"), new RaterId("X"), RaterSource.Peer, Delegates, 5));
        list.Add(new(new RateeId("u"), new RaterId("Y"), RaterSource.Peer, Delegates, 1));
        var ratings = new RatingSetBuilder(Model).AddRange(list).Build().Ratings;
        var demographics = Demographics.Create(people.Select(p => new DemographicRecord(new RateeId(p.Item1), "sex", p.Item2)));
        return (ratings, new RawMeanCalibrator().Calibrate(ratings), demographics);
    }
}
