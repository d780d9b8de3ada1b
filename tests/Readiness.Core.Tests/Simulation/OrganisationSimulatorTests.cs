using Readiness.Evidence;
using Readiness.Simulation;

namespace Readiness.Core.Tests.Simulation;

public sealed class OrganisationSimulatorTests
{
    /// <summary>The default organisation (1,200 people, seed 1), generated once for both simulator test classes.</summary>
    internal static readonly SimulatedOrganisation Default = OrganisationSimulator.Generate();

    [Fact]
    public void The_default_organisation_is_a_full_360_cycle_that_intake_accepts_whole()
    {
        var intake = Default.TakeInRatings();

        Assert.Equal(1200, Default.People.Length);
        Assert.Equal(150, Default.People.Count(p => p.IsManager));
        Assert.Empty(intake.Report.Rejected);
        Assert.Equal(Default.Ratings.Length, intake.Ratings.Count);
        Assert.InRange(Default.Ratings.Length, 80_000, 120_000);
        Assert.All(Enum.GetValues<RaterSource>().Where(s => s != RaterSource.Assessor), s => Assert.Contains(Default.Ratings, r => r.Source == s));
        Assert.Equal(1200, Default.PerformanceRecords.Length);
    }

    [Fact]
    public void The_same_seed_gives_the_same_organisation_and_another_seed_another()
    {
        var again = OrganisationSimulator.Generate(new SimulationOptions { People = 300, Seed = 7 });
        var same = OrganisationSimulator.Generate(new SimulationOptions { People = 300, Seed = 7 });
        var other = OrganisationSimulator.Generate(new SimulationOptions { People = 300, Seed = 8 });

        Assert.Equal(again.Ratings.ToArray(), same.Ratings.ToArray());
        Assert.Equal(again.People.Select(p => p.Performance), same.People.Select(p => p.Performance));
        Assert.NotEqual(again.Ratings.ToArray(), other.Ratings.ToArray());
    }

    [Fact]
    public void Leadership_is_only_weakly_related_to_individual_performance_as_planted()
    {
        var leadership = Default.People.Select(p => p.TrueLeadership).ToArray();
        var performance = Default.People.Select(p => p.TrueIndividualPerformance).ToArray();

        var r = MathNet.Numerics.Statistics.Correlation.Pearson(leadership, performance);

        Assert.InRange(r, 0.0, 0.35);
    }

    [Fact]
    public void Planted_biases_are_all_present_and_self_ratings_run_high()
    {
        // Group-biased and erratic raters are planted only when asked for.
        Assert.All(Enum.GetValues<RaterStyle>().Where(s => s is not (RaterStyle.FavoursGroup or RaterStyle.Erratic)), s => Assert.Contains(Default.Raters, r => r.Style == s));
        Assert.DoesNotContain(Default.Raters, r => r.Style is RaterStyle.FavoursGroup or RaterStyle.Erratic);
        var self = Default.Ratings.Where(r => r.Source == RaterSource.Self).Average(r => r.Value);
        var others = Default.Ratings.Where(r => r.Source != RaterSource.Self).Average(r => r.Value);
        Assert.InRange(self - others, 0.2, 0.6);
    }

    [Theory]
    [InlineData("People", 1)]
    [InlineData("TeamSize", 0)]
    [InlineData("MissingShare", double.NaN)]
    [InlineData("HaloShare", 0.99)]
    public void Generate_refuses_a_bad_setting_naming_it(string property, double value)
    {
        var settings = property switch
        {
            "People" => new SimulationOptions { People = (int)value },
            "TeamSize" => new SimulationOptions { TeamSize = (int)value },
            "MissingShare" => new SimulationOptions { MissingShare = value },
            _ => new SimulationOptions { HaloShare = value },
        };

        var e = Assert.ThrowsAny<ArgumentException>(() => OrganisationSimulator.Generate(settings));
        Assert.Contains(property, e.Message, StringComparison.Ordinal);
    }
}
