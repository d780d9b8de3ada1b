using Readiness.Calibration;
using Readiness.Evidence;
using Readiness.Fairness;
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

        var splits = RaterGroupBias.Analyze(ratings, calibration, organisation.Demographics, "sex");

        var planted = organisation.Raters.Where(r => r.Style == RaterStyle.FavoursGroup).Select(r => r.Rater).ToHashSet();
        var flagged = splits.Where(s => s.Flagged).ToArray();
        var found = flagged.Count(s => planted.Contains(s.Rater));
        var examined = splits.Count(s => planted.Contains(s.Rater));
        Assert.True(examined >= 5, $"{examined} planted raters examined; {found} flagged; {flagged.Length - found} ordinary flagged of {splits.Length}");
        Assert.True(found >= examined * 0.6, $"{found} of {examined} planted raters flagged");
        Assert.True(flagged.Length - found <= 2, $"{flagged.Length - found} ordinary raters flagged");
        Assert.All(flagged.Where(s => planted.Contains(s.Rater)), s => Assert.Equal("male", s.HighGroup));
        Assert.Equal([.. splits.Select(s => s.Z).OrderDescending()], splits.Select(s => s.Z));

        // Without planted bias, nobody is flagged.
        var fair = OrganisationSimulator.Generate(new SimulationOptions { People = 1200, Seed = 11 });
        var fairRatings = fair.TakeInRatings().Ratings;
        Assert.DoesNotContain(RaterGroupBias.Analyze(fairRatings, new CrossedRandomEffectsCalibrator().Calibrate(fairRatings), fair.Demographics, "sex"), s => s.Flagged);
        Assert.Throws<ArgumentOutOfRangeException>(() => RaterGroupBias.Analyze(fairRatings, calibration, fair.Demographics, "sex", minimumRatees: 1));
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
    /// Two raters rate eight people (four f, four m) on one competency; raw means are the calibration, so each residual is
    /// half the raters' difference. Y rates everyone 3; X rates f 5, 5, 4, 4 and m 3, 3, 2, 2: X's residuals are f 1, 1,
    /// ½, ½ (mean ¾) and m 0, 0, −½, −½ (mean −¼), Y's their negatives. Difference 1, each group's variance ¼ / 3, so
    /// SE = √(2 · (1/12) / 4) = √(1/24) and z = √24. Self-ratings and people without a category are left out.
    /// </summary>
    [Fact]
    public void A_small_split_comes_out_as_computed_by_hand()
    {
        var (ratings, calibration, demographics) = HandMade(f: [5, 5, 4, 4], m: [3, 3, 2, 2]);

        var splits = RaterGroupBias.Analyze(ratings, calibration, demographics, "sex");

        Assert.Equal(["X", "Y"], splits.Select(s => s.Rater.Value));
        var (x, y) = (splits[0], splits[1]);
        Assert.Equal([new RaterGroupMean("f", 4, 0.75), new RaterGroupMean("m", 4, -0.25)], x.Groups.ToArray());
        Assert.Equal([new RaterGroupMean("f", 4, -0.75), new RaterGroupMean("m", 4, 0.25)], y.Groups.ToArray());
        Assert.Equal(("f", "m", 1.0, true), (x.HighGroup, x.LowGroup, x.Difference, x.Flagged));
        Assert.Equal(("m", "f", 1.0, true), (y.HighGroup, y.LowGroup, y.Difference, y.Flagged));
        Assert.Equal(Math.Sqrt(1 / 24.0), x.StandardError, 15);
        Assert.Equal(Math.Sqrt(24), x.Z, 12);
    }

    [Fact]
    public void Each_threshold_is_inclusive()
    {
        var (ratings, calibration, demographics) = HandMade(f: [5, 5, 4, 4], m: [3, 3, 2, 2]);
        bool FlaggedX(int minimumRatees = 3, double minimumDifference = 0.5, double minimumZ = 4) =>
            RaterGroupBias.Analyze(ratings, calibration, demographics, "sex", minimumRatees, minimumDifference, minimumZ).Single(s => s.Rater.Value == "X").Flagged;

        Assert.True(FlaggedX(minimumDifference: 1));
        Assert.False(FlaggedX(minimumDifference: Math.BitIncrement(1.0)));
        Assert.True(FlaggedX(minimumZ: 4.89));
        Assert.False(FlaggedX(minimumZ: 4.9));
        Assert.True(FlaggedX(minimumRatees: 4));
        Assert.Empty(RaterGroupBias.Analyze(ratings, calibration, demographics, "sex", minimumRatees: 5));
        Assert.Empty(RaterGroupBias.Analyze(ratings, calibration, demographics, "ethnicity"));
    }

    [Fact]
    public void A_split_without_spread_is_listed_first_and_not_flagged()
    {
        // X rates every f 5 and every m 3: residuals 1 and 0 without spread, so the standard error is 0 and z undefined.
        var (ratings, calibration, demographics) = HandMade(f: [5, 5, 5, 5], m: [3, 3, 3, 3]);

        var splits = RaterGroupBias.Analyze(ratings, calibration, demographics, "sex");

        Assert.Equal(["X", "Y"], splits.Select(s => s.Rater.Value));
        Assert.All(splits, s => Assert.Equal((1.0, 0.0, false), (s.Difference, s.StandardError, s.Flagged)));
    }

    [Theory]
    [InlineData(1, 0.5, 4.0, "minimumRatees was 1; it must be at least 2.")]
    [InlineData(2, -0.01, 4.0, "minimumDifference was -0.01; it must be in [0, 100].")]
    [InlineData(2, 100.01, 4.0, "minimumDifference was 100.01; it must be in [0, 100].")]
    [InlineData(2, 0.5, -0.01, "minimumZ was -0.01; it must be in [0, 100].")]
    [InlineData(2, 0.5, double.NaN, "minimumZ was NaN; it must be in [0, 100].")]
    public void Thresholds_out_of_range_are_refused_naming_them(int minimumRatees, double minimumDifference, double minimumZ, string message)
    {
        var (ratings, calibration, demographics) = HandMade(f: [5, 5, 4, 4], m: [3, 3, 2, 2]);

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => RaterGroupBias.Analyze(ratings, calibration, demographics, "sex", minimumRatees, minimumDifference, minimumZ));

        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
        _ = RaterGroupBias.Analyze(ratings, calibration, demographics, "sex", 2, 0, 0);
        _ = RaterGroupBias.Analyze(ratings, calibration, demographics, "sex", 2, 100, 100);
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
