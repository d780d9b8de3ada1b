using Readiness.Calibration;
using Readiness.Fairness;
using Readiness.Simulation;

namespace Readiness.Core.Tests.Fairness;

public sealed class RaterGroupBiasTests
{
    [Fact]
    public void Raters_planted_to_favour_one_group_are_found_and_ordinary_raters_are_not_flagged()
    {
        var organisation = OrganisationSimulator.Generate(new SimulationSettings { People = 1200, Seed = 11, GroupBiasedRaterShare = 0.05, FavouredGroupBias = 1.0 });
        var ratings = organisation.TakeInRatings().Ratings;
        var calibration = new CrossedRandomEffectsCalibrator().Calibrate(ratings);

        var splits = RaterGroupBias.Analyze(ratings, calibration, organisation.Demographics, "sex");

        var planted = organisation.Raters.Where(r => r.Style == RaterStyle.FavoursGroup).Select(r => r.Id).ToHashSet();
        var flagged = splits.Where(s => s.Flagged).ToArray();
        var found = flagged.Count(s => planted.Contains(s.Rater));
        var examined = splits.Count(s => planted.Contains(s.Rater));
        Assert.True(examined >= 5, $"{examined} planted raters examined; {found} flagged; {flagged.Length - found} ordinary flagged of {splits.Length}");
        Assert.True(found >= examined * 0.6, $"{found} of {examined} planted raters flagged");
        Assert.True(flagged.Length - found <= 2, $"{flagged.Length - found} ordinary raters flagged");
        Assert.All(flagged.Where(s => planted.Contains(s.Rater)), s => Assert.Equal("male", s.HighGroup));
        Assert.Equal([.. splits.Select(s => s.Z).OrderDescending()], splits.Select(s => s.Z));

        // Without planted bias, nobody is flagged.
        var fair = OrganisationSimulator.Generate(new SimulationSettings { People = 1200, Seed = 11 });
        var fairRatings = fair.TakeInRatings().Ratings;
        Assert.DoesNotContain(RaterGroupBias.Analyze(fairRatings, new CrossedRandomEffectsCalibrator().Calibrate(fairRatings), fair.Demographics, "sex"), s => s.Flagged);
        Assert.Throws<ArgumentOutOfRangeException>(() => RaterGroupBias.Analyze(fairRatings, calibration, fair.Demographics, "sex", minimumRatees: 1));
    }

    [Fact]
    public void Simulated_demographics_and_team_outcomes_leave_the_ratings_of_a_seed_unchanged()
    {
        var organisation = OrganisationSimulator.Generate(new SimulationSettings { People = 300, Seed = 5 });
        var again = OrganisationSimulator.Generate(new SimulationSettings { People = 300, Seed = 5, GroupBiasedRaterShare = 0 });
        Assert.True(organisation.Ratings.SequenceEqual(again.Ratings));
        Assert.Equal(["ethnicity", "sex"], organisation.Demographics.Attributes.ToArray());
        var female = organisation.People.Count(p => organisation.Demographics.CategoryOf(p.Id, "sex") == "female");
        Assert.InRange(female, 100, 170);
        Assert.Equal(300, organisation.TeamOutcomes.Length);
        Assert.InRange(organisation.TeamOutcomes.Average(o => o.Value), 47, 53);
        Assert.Throws<ArgumentException>(() => OrganisationSimulator.Generate(new SimulationSettings { FavouredGroup = "other" }));
    }
}
