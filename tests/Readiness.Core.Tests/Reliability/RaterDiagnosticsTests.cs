using Readiness.Calibration;
using Readiness.Evidence;
using Readiness.Reliability;
using Readiness.Simulation;

namespace Readiness.Core.Tests.Reliability;

public sealed class RaterDiagnosticsTests
{
    private static readonly SimulatedOrganisation Organisation = OrganisationSimulator.Generate(new SimulationOptions { People = 1200, Seed = 12 });

    [Fact]
    public void Planted_lenient_severe_central_tendency_and_halo_raters_are_flagged_and_ordinary_raters_rarely()
    {
        var ratings = Organisation.TakeInRatings().Ratings;
        var calibration = new CrossedRandomEffectsCalibrator().Calibrate(ratings);
        var style = Organisation.Raters.ToDictionary(r => r.Rater, r => r.Style);

        var diagnostics = RaterDiagnostics.Analyze(ratings, calibration);

        double Share(RaterStyle planted, RaterIssues issue)
        {
            var examined = diagnostics.Where(d => style[d.Rater] == planted).ToArray();
            return examined.Count(d => (d.Issues & issue) != 0) / (double)examined.Length;
        }

        var report = string.Join("; ", Enum.GetValues<RaterStyle>().Select(s => $"{s}: lenient {Share(s, RaterIssues.Lenient):P0}, severe {Share(s, RaterIssues.Severe):P0}, central {Share(s, RaterIssues.CentralTendency):P0}, halo {Share(s, RaterIssues.Halo):P0}, misfit {Share(s, RaterIssues.Misfit):P0}"));
        Assert.True(Share(RaterStyle.Lenient, RaterIssues.Lenient) >= 0.7, report);
        Assert.True(Share(RaterStyle.Severe, RaterIssues.Severe) >= 0.7, report);
        Assert.True(Share(RaterStyle.CentralTendency, RaterIssues.CentralTendency) >= 0.5, report);
        Assert.True(Share(RaterStyle.Halo, RaterIssues.Halo) >= 0.7, report);
        Assert.True(Share(RaterStyle.CentralTendency, RaterIssues.Halo) <= 0.05, report);
        Assert.True(Share(RaterStyle.Ordinary, RaterIssues.Halo) <= 0.05, report);
        // Ordinary raters carry a random leniency (SD 0.3 points), so about one in ten is beyond ±0.5 — flagged, correctly.
        Assert.True(Share(RaterStyle.Ordinary, RaterIssues.Lenient | RaterIssues.Severe) <= 0.15, report);
        Assert.True(Share(RaterStyle.Ordinary, RaterIssues.CentralTendency) <= 0.1, report);
        Assert.Equal(diagnostics.Select(d => d.Rater).Order(), diagnostics.Select(d => d.Rater));
    }

    [Fact]
    public void A_rater_who_gives_everyone_the_same_rating_on_everything_is_flagged_for_central_tendency_not_halo()
    {
        var intake = Organisation.TakeInRatings().Ratings;
        var target = Organisation.Raters.First(r => r.Style == RaterStyle.Ordinary && intake.AsEnumerable().Count(x => x.Rater == r.Rater && x.Source != RaterSource.Self) >= 40).Rater;
        var ratings = new RatingSetBuilder(intake.Model).AddRange(intake.AsEnumerable().Select(r => r.Rater == target && r.Source != RaterSource.Self ? r with { Value = 3 } : r)).Build().Ratings;

        var diagnostic = RaterDiagnostics.Analyze(ratings, new CrossedRandomEffectsCalibrator().Calibrate(ratings)).Single(d => d.Rater == target);

        // No spread at all: central tendency, as surely as 200 draws can say. The profile is flat too, but at no spread
        // every draw is flat: a rater with one rating for everything shows nothing of halo beyond central tendency.
        Assert.Equal((0.0, 1 / 201.0), (diagnostic.SpreadRatio!.Value, diagnostic.SpreadP!.Value));
        Assert.Equal((0.0, 1.0), (diagnostic.HaloRatio!.Value, diagnostic.HaloP!.Value));
        Assert.Equal(RaterIssues.CentralTendency, diagnostic.Issues & (RaterIssues.Halo | RaterIssues.CentralTendency));
        Assert.Contains("HaloThreshold was 2", Assert.Throws<ArgumentException>(() => RaterDiagnostics.Analyze(ratings, new RawMeanCalibrator().Calibrate(ratings), new RaterDiagnosticOptions { HaloThreshold = 2 })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_constant_added_to_one_raters_ratings_is_absorbed_by_that_raters_leniency()
    {
        var intake = Organisation.TakeInRatings().Ratings;
        var target = RaterDiagnostics.Analyze(intake, new RawMeanCalibrator().Calibrate(intake)).OrderByDescending(d => d.Ratings).First().Rater;
        var shifted = new RatingSetBuilder(intake.Model)
            .AddRange(intake.AsEnumerable().Select(r => r.Rater == target && r.Source != RaterSource.Self ? r with { Value = r.Value + 0.4 } : r))
            .Build().Ratings;

        // The crossed model's rater effect takes most of it (the rest is shrinkage toward zero, shared with the ratees), and
        // the diagnostic's leniency is that effect, with its standard error.
        var crossed = new CrossedRandomEffectsCalibrator();
        var (a, b) = (crossed.Calibrate(intake), crossed.Calibrate(shifted));
        a.TryGetRaterEffect(target, out var effectA);
        b.TryGetRaterEffect(target, out var effectB);
        Assert.InRange(effectB!.Effect - effectA!.Effect, 0.3, 0.4);
        var diagnostic = RaterDiagnostics.Analyze(shifted, b).Single(d => d.Rater == target);
        Assert.Equal((effectB.Effect, effectB.StandardError), (diagnostic.Leniency, diagnostic.LeniencyStandardError!.Value));
    }

    /// <summary>
    /// With the managers named and every other response anonymised (a newcomer's check: halo managers went unflagged, the
    /// other raters having no profiles to compare with), a manager's profile is set against the model's expectation.
    /// </summary>
    [Fact]
    public void Halo_managers_are_flagged_when_everyone_else_is_anonymised()
    {
        var organisation = OrganisationSimulator.Generate(new SimulationOptions { People = 400, Seed = 3 });
        var response = 0;
        var ratings = new RatingSetBuilder(Readiness.Competencies.LeadershipFramework.Model)
            .AddRange(organisation.Ratings.Select(r => r.Source is RaterSource.Self or RaterSource.Manager ? r : r with { Rater = new RaterId($"A{++response:D6}") }))
            .Build().Ratings;

        var diagnostics = RaterDiagnostics.Analyze(ratings, new CrossedRandomEffectsCalibrator().Calibrate(ratings));

        var style = organisation.Raters.ToDictionary(r => r.Rater, r => r.Style);
        var halo = diagnostics.Where(d => style[d.Rater] == RaterStyle.Halo).ToArray();
        Assert.NotEmpty(halo);
        Assert.All(halo, d => Assert.NotNull(d.HaloRatio));
        Assert.True(halo.Count(d => d.Issues.HasFlag(RaterIssues.Halo)) >= 0.75 * halo.Length, string.Join("; ", halo.Select(d => $"{d.Rater}: halo ratio {d.HaloRatio}, p {d.HaloP}")));
        Assert.All(diagnostics.Where(d => d.Issues.HasFlag(RaterIssues.Halo)), d => Assert.Equal(RaterStyle.Halo, style[d.Rater]));
    }
}
