using Readiness.Evidence;
using Readiness.Simulation;

namespace Readiness.Core.Tests.Simulation;

/// <summary>The rating designs other than the organisational 360°: who rates whom in each, as documented.</summary>
public sealed class RatingDesignTests
{
    private static readonly SimulationOptions Complete = new() { People = 400, Seed = 5, MissingShare = 0 };

    private static Dictionary<string, List<Rating>> ByRatee(SimulatedOrganisation organisation) =>
        organisation.Ratings.GroupBy(r => r.Ratee.Value).ToDictionary(g => g.Key, g => g.ToList());

    [Fact]
    public void Widely_crossed_adds_peers_drawn_from_a_pool_outside_the_people_to_self_and_manager()
    {
        var organisation = OrganisationSimulator.Generate(Complete with { Design = RatingDesign.WidelyCrossed, RatersPerPerson = 6, RaterPool = 900 });
        var competencies = Complete.Model.Competencies.Length;

        foreach (var person in organisation.People)
        {
            var ratings = ByRatee(organisation)[person.Person.Value];
            var peers = ratings.Where(r => r.Source == RaterSource.Peer).Select(r => r.Rater.Value).Distinct().ToList();
            Assert.Equal(6, peers.Count);
            Assert.All(peers, id => Assert.StartsWith("R", id, StringComparison.Ordinal));
            Assert.Equal(person.Manager is null ? 0 : competencies, ratings.Count(r => r.Source == RaterSource.Manager));
            Assert.Equal(competencies, ratings.Count(r => r.Source == RaterSource.Self));
            Assert.Equal((6 + (person.Manager is null ? 1 : 2)) * competencies, ratings.Count);
        }

        // The pool is spread over the whole population, not over a team: most pool raters rate people of different managers.
        var poolRaters = organisation.Ratings.Where(r => r.Source == RaterSource.Peer).GroupBy(r => r.Rater).ToList();
        Assert.True(poolRaters.Count > 800, $"{poolRaters.Count} of the pool's 900 raters rated someone");
        Assert.All(poolRaters.Select(g => g.Key.Value), id => Assert.Matches("^R[0-9]{3}$", id));
        var managers = organisation.People.ToDictionary(p => p.Person, p => p.Manager);
        var spread = poolRaters.Count(g => g.Select(r => managers[r.Ratee]).Distinct().Count() > 1);
        var several = poolRaters.Count(g => g.Select(r => r.Ratee).Distinct().Count() > 1);
        Assert.True(spread > 0.9 * several, $"{spread} of {several} pool raters with several ratees rate across teams");
    }

    [Fact]
    public void Widely_crossed_defaults_to_five_peers_from_a_pool_two_and_a_half_times_the_people()
    {
        var organisation = OrganisationSimulator.Generate(Complete with { Design = RatingDesign.WidelyCrossed, SelfRatings = false });

        var pool = organisation.Raters.Where(r => r.Rater.Value.StartsWith('R')).ToList();
        Assert.InRange(pool.Count, 800, 1000);
        Assert.All(ByRatee(organisation).Values, ratings => Assert.Equal(5, ratings.Where(r => r.Source == RaterSource.Peer).Select(r => r.Rater).Distinct().Count()));
        Assert.Equal(organisation.Raters.Select(r => r.Rater.Value).Order(StringComparer.Ordinal), organisation.Raters.Select(r => r.Rater.Value));
    }

    [Fact]
    public void An_assessment_centre_has_a_few_assessors_who_each_rate_many_candidates()
    {
        var organisation = OrganisationSimulator.Generate(Complete with { Design = RatingDesign.AssessmentCentre, SelfRatings = false });

        Assert.All(organisation.Ratings, r => Assert.Equal(RaterSource.Assessor, r.Source));
        Assert.All(ByRatee(organisation).Values, ratings => Assert.Equal(3, ratings.Select(r => r.Rater).Distinct().Count()));
        var assessors = organisation.Ratings.GroupBy(r => r.Rater).ToList();
        Assert.Equal(10, assessors.Count); // one per 40 candidates
        Assert.All(assessors, g => Assert.True(g.Select(r => r.Ratee).Distinct().Count() >= 60, $"{g.Key} rated {g.Select(r => r.Ratee).Distinct().Count()} candidates"));
    }

    [Fact]
    public void A_matrix_organisation_adds_a_project_lead_and_project_mates_without_rating_anyone_twice()
    {
        var local = OrganisationSimulator.Generate(Complete);
        var matrix = OrganisationSimulator.Generate(Complete with { Design = RatingDesign.Matrix });

        Assert.Equal(matrix.Ratings.Length, matrix.Ratings.Select(r => (r.Ratee, r.Rater, r.Competency)).Distinct().Count());
        Assert.True(matrix.Ratings.Length > 1.3 * local.Ratings.Length, $"{matrix.Ratings.Length} ratings against {local.Ratings.Length}");
        var twoManagers = ByRatee(matrix).Values.Count(ratings => ratings.Where(r => r.Source == RaterSource.Manager).Select(r => r.Rater).Distinct().Count() == 2);
        Assert.True(twoManagers > 350, $"{twoManagers} of 400 people have a line manager and a project lead");
        Assert.Equal(matrix.People.Select(p => p.TrueLevels), local.People.Select(p => p.TrueLevels));
    }

    [Fact]
    public void An_anonymised_export_is_the_local_cycle_with_every_response_under_its_own_id()
    {
        var local = OrganisationSimulator.Generate(Complete with { MissingShare = 0.05 });
        var anonymised = OrganisationSimulator.Generate(Complete with { MissingShare = 0.05, Design = RatingDesign.Anonymised });

        Assert.Equal(local.Ratings.Length, anonymised.Ratings.Length);
        for (var i = 0; i < local.Ratings.Length; i++)
        {
            var (a, b) = (local.Ratings[i], anonymised.Ratings[i]);
            Assert.Equal((a.Ratee, a.Source, a.Competency, a.Value), (b.Ratee, b.Source, b.Competency, b.Value));
            Assert.Equal(a.Source == RaterSource.Self, a.Rater == b.Rater);
        }

        var others = anonymised.Ratings.Where(r => r.Source != RaterSource.Self).ToList();
        Assert.Equal(others.Count, others.Select(r => r.Rater).Distinct().Count());
        Assert.Empty(anonymised.TakeInRatings().Report.Rejected);
    }

    [Theory]
    [InlineData(RatingDesign.Local)]
    [InlineData(RatingDesign.WidelyCrossed)]
    [InlineData(RatingDesign.AssessmentCentre)]
    [InlineData(RatingDesign.Matrix)]
    [InlineData(RatingDesign.Anonymised)]
    public void Every_design_is_seeded_and_taken_in_whole(RatingDesign design)
    {
        var settings = new SimulationOptions { People = 300, Seed = 11, Design = design };

        var first = OrganisationSimulator.Generate(settings);
        var again = OrganisationSimulator.Generate(settings);

        Assert.Equal(first.Ratings.ToArray(), again.Ratings.ToArray());
        Assert.Equivalent(first.Raters.ToArray(), again.Raters.ToArray(), strict: true);
        var intake = first.TakeInRatings();
        Assert.Empty(intake.Report.Rejected);
        Assert.Equal(first.Ratings.Length, intake.Ratings.Count);
    }

    [Theory]
    [InlineData(RatingDesign.Local, 7, 0)]
    [InlineData(RatingDesign.Matrix, 0, 50)]
    [InlineData(RatingDesign.Anonymised, 3, 30)]
    public void Pool_settings_with_a_design_that_has_no_pool_are_refused_not_ignored(RatingDesign design, int perPerson, int pool)
    {
        var error = Assert.Throws<ArgumentException>(() =>
            OrganisationSimulator.Generate(new SimulationOptions { People = 50, Design = design, RatersPerPerson = perPerson, RaterPool = pool }));

        Assert.Equal(
            $"RatersPerPerson was {perPerson} and RaterPool {pool} with the {design} design; they size the rater pool of the WidelyCrossed and AssessmentCentre designs and must be 0 with any other. (Parameter 'options')",
            error.Message);
    }

    [Theory]
    [InlineData(RatingDesign.WidelyCrossed, 6, 5, "RatersPerPerson was 6 and RaterPool 5; each person's raters are drawn from the pool without replacement, so the pool must hold at least RatersPerPerson raters.")]
    [InlineData(RatingDesign.AssessmentCentre, 0, 2, "RatersPerPerson was 3 and RaterPool 2; each person's raters are drawn from the pool without replacement, so the pool must hold at least RatersPerPerson raters.")]
    public void A_pool_smaller_than_a_panel_is_refused_with_both_numbers(RatingDesign design, int perPerson, int pool, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => OrganisationSimulator.Generate(new SimulationOptions { People = 50, Design = design, RatersPerPerson = perPerson, RaterPool = pool }));

        Assert.Equal($"{message} (Parameter 'options')", error.Message);
    }

    [Theory]
    [InlineData("Design", 9, "Design was 9; it must be Local, WidelyCrossed, AssessmentCentre, Matrix or Anonymised.")]
    [InlineData("RatersPerPerson", -1, "RatersPerPerson was -1; it must be in [0, 1000] (0 for the design's default).")]
    [InlineData("RatersPerPerson", 1001, "RatersPerPerson was 1001; it must be in [0, 1000] (0 for the design's default).")]
    [InlineData("RaterPool", -1, "RaterPool was -1; it must be in [0, 20000000] (0 for the design's default).")]
    public void Design_settings_out_of_range_are_refused_naming_them(string property, int value, string message)
    {
        var settings = property switch
        {
            "Design" => new SimulationOptions { Design = (RatingDesign)value },
            "RatersPerPerson" => new SimulationOptions { RatersPerPerson = value },
            _ => new SimulationOptions { RaterPool = value },
        };

        var error = Assert.Throws<ArgumentException>(() => OrganisationSimulator.Generate(settings));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.StartsWith(property, settings.Validate()[0], StringComparison.Ordinal);
    }
}
