using Readiness.Competencies;
using Readiness.Evidence;
using Readiness.Simulation;
using static MathNet.Numerics.Statistics.Correlation;
using static Readiness.Core.Tests.Simulation.OrganisationSimulatorTests;

namespace Readiness.Core.Tests.Simulation;

/// <summary>
/// What the simulator promises, piece by piece: the organisation chart, who rates whom, and each planted habit shown
/// alone — with the noise, leniency spread and rounding switched off, a rating is exactly the formula of its habit.
/// </summary>
public sealed class SimulatedDesignTests
{
    /// <summary>No noise, no leniency spread, no habit, no rounding, nothing missing: every rating is the true level.</summary>
    private static readonly SimulationOptions Exact = new()
    {
        People = 300,
        Seed = 3,
        NoiseSd = 0,
        RaterLeniencySd = 0,
        BiasedRaterShare = 0,
        CentralTendencyShare = 0,
        HaloShare = 0,
        SelfInflation = 0,
        WholeLevels = false,
        MissingShare = 0,
    };

    [Theory]
    [InlineData(9, "P1", "P9")]
    [InlineData(10, "P01", "P10")]
    [InlineData(300, "P001", "P300")]
    public void People_are_numbered_with_ids_padded_to_the_same_width(int people, string first, string last)
    {
        var organisation = OrganisationSimulator.Generate(Exact with { People = people });

        Assert.Equal(first, organisation.People[0].Person.Value);
        Assert.Equal(last, organisation.People[^1].Person.Value);
        Assert.Equal(organisation.People.Select(p => p.Person.Value).Order(StringComparer.Ordinal), organisation.People.Select(p => p.Person.Value));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(8)]
    public void People_form_a_tree_filled_team_by_team(int teamSize)
    {
        var people = OrganisationSimulator.Generate(Exact with { People = 40, TeamSize = teamSize }).People;

        Assert.Null(people[0].Manager);
        for (var i = 1; i < people.Length; i++)
        {
            Assert.Equal(people[(i - 1) / teamSize].Person, people[i].Manager);
        }

        Assert.All(people, p => Assert.Equal(people.Count(q => q.Manager == p.Person), p.DirectReports));
        Assert.Equal(Math.Ceiling(39.0 / teamSize), people.Count(p => p.IsManager));
    }

    [Fact]
    public void Everyone_is_rated_by_themselves_their_manager_skip_level_peers_and_reports_as_documented()
    {
        var settings = Exact with { SkipLevelShare = 1, PeersPerPerson = 2, DirectReportRaters = 3, TeamSize = 4, People = 120 };
        var organisation = OrganisationSimulator.Generate(settings);
        var manager = organisation.People.ToDictionary(p => p.Person.Value, p => p.Manager?.Value);
        var competencies = settings.Model.Competencies.Length;

        foreach (var person in organisation.People)
        {
            var id = person.Person.Value;
            var panel = organisation.Ratings.Where(r => r.Ratee.Value == id).GroupBy(r => (r.Rater.Value, r.Source)).ToArray();
            Assert.All(panel, g => Assert.Equal(competencies, g.Count()));
            var by = panel.ToLookup(g => g.Key.Source, g => g.Key.Item1);
            var boss = manager[id];
            var teamMates = organisation.People.Count(p => p.Manager?.Value == boss && boss is not null) - 1;

            string[] Only(string? rater) => rater is null ? [] : [rater];
            Assert.Equal(Only(id), by[RaterSource.Self]);
            Assert.Equal(Only(boss), by[RaterSource.Manager]);
            Assert.Equal(Only(boss is null ? null : manager[boss]), by[RaterSource.SkipLevel]);
            Assert.Equal(boss is null ? 0 : Math.Min(2, teamMates), by[RaterSource.Peer].Count());
            Assert.All(by[RaterSource.Peer], peer => Assert.True(peer != id && manager[peer] == boss));
            Assert.Equal(Math.Min(3, person.DirectReports), by[RaterSource.DirectReport].Count());
            Assert.All(by[RaterSource.DirectReport], report => Assert.Equal(id, manager[report]));
            Assert.Empty(by[RaterSource.Assessor]);
        }

        Assert.All(organisation.Ratings, r => Assert.Null(r.Cycle));
    }

    [Fact]
    public void The_design_switches_do_what_they_say()
    {
        var none = OrganisationSimulator.Generate(Exact with { SelfRatings = false, SkipLevelShare = 0, PeersPerPerson = 0, DirectReportRaters = 0, Cycle = "2026" });
        var half = OrganisationSimulator.Generate(Exact with { SkipLevelShare = 0.5, MissingShare = 0.5 });
        var full = OrganisationSimulator.Generate(Exact with { SkipLevelShare = 0.5 });

        Assert.All(none.Ratings, r => Assert.Equal(RaterSource.Manager, r.Source));
        Assert.All(none.Ratings, r => Assert.Equal("2026", r.Cycle));
        Assert.Equal(none.People.Where(p => p.IsManager).Select(p => p.Person.Value), none.Raters.Select(r => r.Rater.Value));
        Assert.InRange(half.Ratings.Length / (double)full.Ratings.Length, 0.45, 0.55);
        var skip = full.People.Count(p => p.Manager is { } m && full.People.Single(q => q.Person == m).Manager is not null);
        var skipRated = full.Ratings.Where(r => r.Source == RaterSource.SkipLevel).Select(r => r.Ratee).Distinct().Count();
        Assert.InRange(skipRated / (double)skip, 0.4, 0.6);
    }

    [Fact]
    public void Without_noise_or_habits_every_rating_is_the_true_level()
    {
        var organisation = OrganisationSimulator.Generate(Exact);

        AssertEveryRating(organisation, (person, _, _, c) => person.TrueLevels[c]);
        Assert.All(organisation.Raters, r => Assert.Equal((RaterStyle.Ordinary, 0.0), (r.Style, r.Leniency)));
    }

    [Fact]
    public void Whole_levels_are_the_true_levels_rounded_half_away_from_zero()
    {
        var organisation = OrganisationSimulator.Generate(Exact with { WholeLevels = true });

        AssertEveryRating(organisation, (person, _, _, c) => Math.Round(person.TrueLevels[c], MidpointRounding.AwayFromZero));
    }

    [Fact]
    public void Self_ratings_are_inflated_and_others_are_not()
    {
        var organisation = OrganisationSimulator.Generate(Exact with { SelfInflation = 0.4 });

        AssertEveryRating(organisation, (person, _, rating, c) => person.TrueLevels[c] + (rating.Source == RaterSource.Self ? 0.4 : 0));
    }

    [Fact]
    public void Ordinary_raters_add_their_own_leniency_as_reported()
    {
        var organisation = OrganisationSimulator.Generate(Exact with { RaterLeniencySd = 0.3 });

        AssertEveryRating(organisation, (person, rater, _, c) => person.TrueLevels[c] + rater.Leniency);
        var leniency = organisation.Raters.Select(r => r.Leniency).ToArray();
        Assert.InRange(MathNet.Numerics.Statistics.Statistics.StandardDeviation(leniency), 0.25, 0.35);
    }

    [Fact]
    public void Planted_lenient_and_severe_raters_shift_every_rating_by_the_effect_half_each()
    {
        var organisation = OrganisationSimulator.Generate(Exact with { BiasedRaterShare = 1, BiasedRaterEffect = 0.9, RaterLeniencySd = 0.2 });

        AssertEveryRating(organisation, (person, rater, _, c) => person.TrueLevels[c] + rater.Leniency);
        Assert.All(organisation.Raters, r => Assert.InRange(r.Leniency - (r.Style == RaterStyle.Lenient ? 0.9 : -0.9), -0.1, 0.1));
        Assert.Equal(organisation.Raters.Length, organisation.Raters.Count(r => r.Style is RaterStyle.Lenient or RaterStyle.Severe));
        Assert.InRange(organisation.Raters.Count(r => r.Style == RaterStyle.Lenient) / (double)organisation.Raters.Length, 0.4, 0.6);
    }

    [Fact]
    public void Central_tendency_raters_pull_every_rating_a_third_of_the_way_to_the_midpoint()
    {
        var organisation = OrganisationSimulator.Generate(Exact with { CentralTendencyShare = 1 });
        var mid = (organisation.Options.Model.Scale.Minimum + organisation.Options.Model.Scale.Maximum) / 2.0;

        AssertEveryRating(organisation, (person, _, _, c) => mid + (0.35 * (person.TrueLevels[c] - mid)));
        Assert.All(organisation.Raters, r => Assert.Equal(RaterStyle.CentralTendency, r.Style));
    }

    [Fact]
    public void Halo_raters_give_every_competency_the_persons_overall_level()
    {
        var organisation = OrganisationSimulator.Generate(Exact with { HaloShare = 1 });

        AssertEveryRating(organisation, (person, _, _, _) => person.TrueLevels.Average());
        Assert.All(organisation.Raters, r => Assert.Equal(RaterStyle.Halo, r.Style));
    }

    [Fact]
    public void Shares_of_habits_are_planted_in_the_order_biased_central_halo_ordinary()
    {
        var organisation = OrganisationSimulator.Generate(Exact with { People = 4000, BiasedRaterShare = 0.2, CentralTendencyShare = 0.3, HaloShare = 0.1 });
        double Share(RaterStyle style) => organisation.Raters.Count(r => r.Style == style) / (double)organisation.Raters.Length;

        Assert.InRange(Share(RaterStyle.Lenient), 0.08, 0.12);
        Assert.InRange(Share(RaterStyle.Severe), 0.08, 0.12);
        Assert.InRange(Share(RaterStyle.CentralTendency), 0.27, 0.33);
        Assert.InRange(Share(RaterStyle.Halo), 0.08, 0.12);
        Assert.InRange(Share(RaterStyle.Ordinary), 0.37, 0.43);
    }

    [Theory]
    [InlineData("male")]
    [InlineData("female")]
    public void Group_biased_raters_favour_only_the_group_named_and_not_in_self_ratings(string group)
    {
        var organisation = OrganisationSimulator.Generate(Exact with { GroupBiasedRaterShare = 1, FavouredGroupBias = 0.5, FavouredGroup = group });

        AssertEveryRating(organisation, (person, _, rating, c) => person.TrueLevels[c]
            + (rating.Source != RaterSource.Self && organisation.Demographics.CategoryOf(person.Person, "sex") == group ? 0.5 : 0));
        Assert.All(organisation.Raters, r => Assert.Equal(RaterStyle.FavoursGroup, r.Style));
    }

    [Fact]
    public void Demographics_are_drawn_in_the_documented_shares()
    {
        double Share(string attribute, string category) =>
            Default.People.Count(p => Default.Demographics.CategoryOf(p.Person, attribute) == category) / (double)Default.People.Length;

        Assert.Equal<string>(["ethnicity", "sex"], Default.Demographics.Attributes);
        Assert.InRange(Share("sex", "male"), 0.51, 0.59);
        Assert.InRange(Share("sex", "female"), 0.41, 0.49);
        Assert.InRange(Share("ethnicity", "group A"), 0.56, 0.64);
        Assert.InRange(Share("ethnicity", "group B"), 0.21, 0.29);
        Assert.InRange(Share("ethnicity", "group C"), 0.12, 0.18);
    }

    [Fact]
    public void Group_biased_raters_are_planted_in_the_share_asked_for()
    {
        var organisation = OrganisationSimulator.Generate(new SimulationOptions { People = 1200, GroupBiasedRaterShare = 0.25 });

        Assert.InRange(organisation.Raters.Count(r => r.Style == RaterStyle.FavoursGroup) / (double)organisation.Raters.Length, 0.21, 0.29);
    }

    [Fact]
    public void Team_outcomes_follow_true_leadership_far_more_than_true_performance()
    {
        var outcomes = Default.TeamOutcomes.Select(o => o.Value).ToArray();
        var leadership = Default.People.Select(p => p.TrueLeadership).ToArray();
        var performance = Default.People.Select(p => p.TrueIndividualPerformance).ToArray();

        Assert.Equal(Default.People.Select(p => p.Person), Default.TeamOutcomes.Select(o => o.Person));
        Assert.InRange(outcomes.Average(), 49, 51);
        Assert.InRange(MathNet.Numerics.Statistics.Statistics.StandardDeviation(outcomes), 9, 11);
        Assert.InRange(Pearson(outcomes, leadership), 0.5, 0.7);
        Assert.InRange(Pearson(outcomes, performance), 0.15, 0.4);
    }

    [Fact]
    public void Observed_performance_tracks_true_individual_performance_on_the_scale()
    {
        var observed = Default.People.Select(p => p.Performance).ToArray();
        var truth = Default.People.Select(p => p.TrueIndividualPerformance).ToArray();

        Assert.InRange(Pearson(observed, truth), 0.8, 0.95);
        Assert.InRange(observed.Average(), 2.9, 3.1);
        Assert.All(Default.PerformanceRecords, (r, i) => Assert.Equal((Default.People[i].Person, Default.People[i].Performance), (r.Person, r.Value)));
    }

    [Fact]
    public void The_planted_correlation_between_leadership_and_performance_is_the_one_asked_for()
    {
        var organisation = OrganisationSimulator.Generate(new SimulationOptions { People = 2000, LeadershipPerformanceCorrelation = 0.9 });
        var people = organisation.People;

        Assert.InRange(Pearson(people.Select(p => p.TrueLeadership), people.Select(p => p.TrueIndividualPerformance)), 0.75, 0.9);
    }

    [Fact]
    public void True_levels_stay_on_the_scale_and_domain_means_are_the_means_of_their_competencies()
    {
        var model = Default.Options.Model;
        bool Leads(int c) => model.Competencies[c].Domain == CompetencyDomain.Leadership;

        Assert.All(Default.People, p =>
        {
            Assert.All(p.TrueLevels, l => Assert.True(model.Scale.Contains(l)));
            Assert.Equal(p.TrueLevels.Where((_, c) => Leads(c)).Average(), p.TrueLeadership, 12);
            Assert.Equal(p.TrueLevels.Where((_, c) => !Leads(c)).Average(), p.TrueIndividualPerformance, 12);
        });
        Assert.InRange(MathNet.Numerics.Statistics.Statistics.StandardDeviation(Default.People.Select(p => p.TrueLevels[0])), 0.6, 0.75);
    }

    [Fact]
    public void A_model_of_leadership_competencies_only_has_no_true_performance_but_still_has_outcomes()
    {
        var builder = new CompetencyModelBuilder("leaders", "Leadership only");
        foreach (var c in LeadershipFramework.Model.Competencies.Where(c => c.Domain == CompetencyDomain.Leadership))
        {
            builder.AddCompetency(c.Id.Value, c.Name, c.Domain, b => b.WithDefinition(c.Definition));
        }

        var organisation = OrganisationSimulator.Generate(new SimulationOptions { People = 50, Model = builder.Build() });

        Assert.All(organisation.People, p => Assert.True(double.IsNaN(p.TrueIndividualPerformance) && double.IsFinite(p.TrueLeadership)));
        Assert.All(organisation.TeamOutcomes, o => Assert.True(double.IsFinite(o.Value)));
    }

    [Fact]
    public void A_seed_gives_the_organisation_it_gave_in_earlier_versions()
    {
        // Seeded organisations feed the samples, the benchmarks and the numbers quoted in the docs; a change to the
        // simulator that moves them must be deliberate: update this digest and say so in the CHANGELOG. Continuous values
        // enter rounded to 1e-6, so a last-bit difference in a platform's Math.Log or Math.Cos does not count.
        var organisation = OrganisationSimulator.Generate(new SimulationOptions { People = 60, Seed = 42, GroupBiasedRaterShare = 0.3 });
        static string F(double x) => x.ToString("F6", System.Globalization.CultureInfo.InvariantCulture);
        var lines = organisation.Ratings.Select(r => $"{r.Ratee},{r.Rater},{r.Source},{r.Competency},{F(r.Value)}")
            .Concat(organisation.People.Select(p => $"{p.Person},{p.Manager},{string.Join(';', p.TrueLevels.Select(F))},{F(p.Performance)}"))
            .Concat(organisation.Raters.Select(r => $"{r.Rater},{r.Style},{F(r.Leniency)}"))
            .Concat(organisation.People.Select(p => $"{p.Person},{organisation.Demographics.CategoryOf(p.Person, "sex")},{organisation.Demographics.CategoryOf(p.Person, "ethnicity")}"))
            .Concat(organisation.TeamOutcomes.Select(o => $"{o.Person},{F(o.Value)}"));

        var digest = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', lines))));

        Assert.Equal("EDF49591237FC3F8E1747F3AF5264597EAEB34F5E6C7CDFCF007426E08486E2D", digest);
    }

    /// <summary>Checks every rating against the formula of its habit (to 1e-12), clamped to the scale.</summary>
    private static void AssertEveryRating(SimulatedOrganisation organisation, Func<SimulatedPerson, SimulatedRater, Rating, int, double> expected)
    {
        var scale = organisation.Options.Model.Scale;
        var people = organisation.People.ToDictionary(p => p.Person);
        var raters = organisation.Raters.ToDictionary(r => r.Rater);
        var competency = organisation.Options.Model.Competencies.Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i);

        Assert.NotEmpty(organisation.Ratings);
        Assert.Equal(organisation.Ratings.Select(r => r.Rater).Distinct().Count(), raters.Count);
        foreach (var rating in organisation.Ratings)
        {
            var want = Math.Clamp(expected(people[rating.Ratee], raters[rating.Rater], rating, competency[rating.Competency]), scale.Minimum, scale.Maximum);
            Assert.Equal(want, rating.Value, 12);
        }
    }
}
