using Readiness.Calibration;
using Readiness.Evidence;
using Readiness.Reliability;
using Readiness.Reliability.Internal;
using Readiness.Simulation;

namespace Readiness.Core.Tests.Reliability;

/// <summary>Setting aside the raters whose style a rater effect cannot undo.</summary>
public sealed class StyledRaterScreenTests
{
    /// <summary>One organisation of 300 and its calibration, shared by the tests that read it and do not change it.</summary>
    private static readonly Lazy<(SimulatedOrganisation Organisation, RatingSet Ratings, CalibrationResult Calibration)> Calibrated = new(() =>
    {
        var organisation = OrganisationSimulator.Generate(new SimulationOptions { People = 300, Seed = 21 });
        var ratings = organisation.TakeInRatings().Ratings;
        return (organisation, ratings, new CrossedRandomEffectsCalibrator().Calibrate(ratings));
    });

    [Fact]
    public void The_raters_flagged_for_central_tendency_or_halo_are_set_aside_with_all_their_ratings()
    {
        var (organisation, ratings, calibration) = Calibrated.Value;

        var screen = StyledRaterScreen.Apply(ratings, calibration);

        var flagged = RaterDiagnostics.Analyze(ratings, calibration).Where(d => (d.Issues & (RaterIssues.CentralTendency | RaterIssues.Halo)) != 0).Select(d => d.Rater).ToArray();
        Assert.NotEmpty(flagged);
        Assert.Equal(flagged, screen.SetAside.Select(d => d.Rater));
        var style = organisation.Raters.ToDictionary(r => r.Rater, r => r.Style);
        Assert.True(screen.SetAside.Count(d => style[d.Rater] is RaterStyle.CentralTendency or RaterStyle.Halo) >= 0.9 * screen.SetAside.Length);
        // Their ratings of others go; their self-ratings, which no calibration of others uses, stay.
        Assert.Equal(ratings.AsEnumerable().Count(r => flagged.Contains(r.Rater) && r.Source != RaterSource.Self), screen.RatingsSetAside);
        Assert.Equal(ratings.Count - screen.RatingsSetAside, screen.Ratings.Count);
        Assert.Equal(ratings.AsEnumerable().Where(r => !flagged.Contains(r.Rater) || r.Source == RaterSource.Self), screen.Ratings.AsEnumerable());
        Assert.Contains(screen.Ratings.AsEnumerable(), r => flagged.Contains(r.Rater));

        // Lenient and severe raters are the rater effect's to adjust; asked for, they are set aside instead.
        var lenient = StyledRaterScreen.Apply(ratings, calibration, RaterIssues.Lenient);
        Assert.All(lenient.SetAside, d => Assert.True(d.Issues.HasFlag(RaterIssues.Lenient)));
        Assert.StartsWith("styles was 0; it must be one or more of", Assert.Throws<ArgumentException>(() => StyledRaterScreen.Apply(ratings, calibration, RaterIssues.None)).Message, StringComparison.Ordinal);
        Assert.StartsWith("styles was 32;", Assert.Throws<ArgumentException>(() => StyledRaterScreen.Apply(ratings, calibration, (RaterIssues)32)).Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Given the scoring's minimums, the screen keeps, for exactly the people who would otherwise fall short of them (fewer
    /// raters or sources than the minimum, or than they had, or a competency no one else rated), the ratings of just enough
    /// of their flagged raters to meet them, and sets the rest aside as before.
    /// </summary>
    [Fact]
    public void Given_evidence_minimums_the_flagged_raters_ratings_stay_where_a_person_needs_them()
    {
        var (_, ratings, calibration) = Calibrated.Value;
        var strict = StyledRaterScreen.Apply(ratings, calibration);

        var screen = StyledRaterScreen.Apply(ratings, calibration, minimumRaters: 3, minimumSources: 2);

        Assert.Empty(strict.KeptFor);
        Assert.NotEmpty(screen.KeptFor);
        Assert.True(screen.Examined > 0 && screen.Examined == strict.Examined);

        // A flagged rater all of whose ratings of others were kept is not among those set aside.
        var flagged = strict.SetAside.Select(d => d.Rater).ToHashSet();
        var others = ratings.AsEnumerable().Where(r => r.Source != RaterSource.Self).ToArray();
        var left = screen.Ratings.AsEnumerable().Where(r => r.Source != RaterSource.Self).ToArray();
        var wholly = flagged.Where(r => others.Count(x => x.Rater == r) == left.Count(x => x.Rater == r)).ToHashSet();
        Assert.Equal(strict.SetAside.Select(d => d.Rater).Where(r => !wholly.Contains(r)), screen.SetAside.Select(d => d.Rater));
        Assert.True(screen.KeptFor.Length < ratings.Ratees.Length / 2, $"{screen.KeptFor.Length} people kept their styled raters");

        // Whoever would fall short keeps the ratings of just enough of their flagged raters to meet the rules (or what
        // they had); everyone else loses every rating by a flagged rater.
        var kept = screen.KeptFor.ToHashSet();
        static (int Raters, int Sources, int Competencies) Evidence(IEnumerable<Rating> of) =>
            (of.Select(r => r.Rater).Distinct().Count(), of.Select(r => r.Source).Distinct().Count(), of.Select(r => r.Competency).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        var after = left.ToLookup(r => r.Ratee);
        var (fewerRaters, people) = (0, 0);
        foreach (var person in others.GroupBy(r => r.Ratee))
        {
            var before = Evidence(person);
            var without = Evidence(person.Where(r => !flagged.Contains(r.Rater)));
            var needs = without.Raters < Math.Min(3, before.Raters) || without.Sources < Math.Min(2, before.Sources) || without.Competencies < before.Competencies;
            Assert.Equal(needs, kept.Contains(person.Key));
            var theirs = after[person.Key].ToArray();
            Assert.All(person.Where(r => !flagged.Contains(r.Rater)), r => Assert.Contains(r, theirs));
            if (!needs)
            {
                Assert.Equal(person.Count(r => !flagged.Contains(r.Rater)), theirs.Length);
                continue;
            }

            var now = Evidence(theirs);
            Assert.True(now.Raters >= Math.Min(3, before.Raters) && now.Sources >= Math.Min(2, before.Sources) && now.Competencies == before.Competencies, $"{person.Key}: {now} against {before}");
            Assert.All(theirs.Where(r => flagged.Contains(r.Rater)).GroupBy(r => r.Rater), g => Assert.Equal(person.Count(r => r.Rater == g.Key), g.Count()));
            people++;
            fewerRaters += now.Raters < before.Raters ? 1 : 0;
        }

        // Not all of them: someone with two flagged raters who needs one keeps one.
        Assert.True(fewerRaters > 0, $"every one of the {people} people kept all their flagged raters");
        Assert.Equal(ratings.Count - screen.Ratings.Count, screen.RatingsSetAside);
        Assert.True(screen.RatingsSetAside < strict.RatingsSetAside);
        Assert.Equal("minimumRaters", Assert.Throws<ArgumentOutOfRangeException>(() => StyledRaterScreen.Apply(ratings, calibration, minimumRaters: -1)).ParamName);
        Assert.Equal("minimumSources", Assert.Throws<ArgumentOutOfRangeException>(() => StyledRaterScreen.Apply(ratings, calibration, minimumSources: -1)).ParamName);
    }

    /// <summary>
    /// Where flagged raters' ratings were kept, the refit's variance components are those of the ratings without any flagged
    /// rater, held (relative to the residual) while the kept ratings inform their people's estimates; where none were kept,
    /// the refit is the plain fit.
    /// </summary>
    [Fact]
    public void A_refit_holds_the_variance_components_of_the_ratings_without_the_flagged_raters()
    {
        var (_, ratings, calibration) = Calibrated.Value;
        var calibrator = new CrossedRandomEffectsCalibrator();
        var screen = StyledRaterScreen.Apply(ratings, calibration, minimumRaters: 3, minimumSources: 2);
        var strict = StyledRaterScreen.Apply(ratings, calibration);

        var refit = screen.Refit(calibrator);

        var clean = calibrator.Calibrate(strict.Ratings);
        double Relative(CalibrationResult fit, string name) => (fit.VarianceOf(name) ?? 0) / fit.VarianceOf(VarianceComponent.Residual)!.Value;
        Assert.All(clean.VarianceComponents.Where(v => v.Name != VarianceComponent.Residual),
            v => Assert.Equal(Relative(clean, v.Name), Relative(refit, v.Name), 9));
        Assert.Equal(clean.Crossed!.PersonEffectPerDomain, refit.Crossed!.PersonEffectPerDomain);
        Assert.StartsWith("REML with the variance components held", refit.Algorithm, StringComparison.Ordinal);
        Assert.Equal(0, refit.Iterations);

        // Everyone the kept ratings keep is estimated, on every competency they were rated on by others.
        Assert.All(screen.KeptFor, person => Assert.Equal(
            screen.Ratings.AsEnumerable().Where(r => r.Ratee == person && r.Source != RaterSource.Self).Select(r => r.Competency).Distinct(StringComparer.OrdinalIgnoreCase).Count(),
            refit.EstimatesFor(person).Length));
        Assert.Equal(screen.Ratings.Ratees.Length, refit.Estimates.Select(e => e.Person).Distinct().Count());

        // Nothing kept: one fit, the plain one.
        Assert.Equivalent(clean.Estimates.AsEnumerable(), strict.Refit(calibrator).Estimates.AsEnumerable(), strict: true);
    }

    /// <summary>
    /// Measured against the fit without any flagged rater, each style is the simulator's: a central-tendency rater pulls
    /// every rating 65% of the way to the middle (between and within a person), a halo rater rates one impression
    /// (within ≈ 1, between ≈ 0).
    /// </summary>
    [Fact]
    public void The_style_measured_against_the_ratings_without_the_flagged_raters_is_the_one_the_simulator_drew()
    {
        var (organisation, ratings, calibration) = Calibrated.Value;
        var flagged = RaterDiagnostics.Analyze(ratings, calibration).Where(d => (d.Issues & (RaterIssues.CentralTendency | RaterIssues.Halo)) != 0).Select(d => d.Rater).ToHashSet();
        var clean = new CrossedRandomEffectsCalibrator().Calibrate(ratings.WithoutRatingsOfOthersBy(flagged));

        var measured = StyleErrors.Measure(ratings, flagged, clean);

        var style = organisation.Raters.ToDictionary(r => r.Rater, r => r.Style);
        Assert.Equal(flagged.Order(), measured.Keys.Order());
        double Median(RaterStyle of, Func<StyleErrors.StyleError, double> value) =>
            measured.Where(m => style[m.Key] == of).Select(m => value(m.Value)).Order().ElementAt(measured.Count(m => style[m.Key] == of) / 2);
        Assert.InRange(Median(RaterStyle.CentralTendency, e => e.Between), 0.5, 0.8);
        Assert.InRange(Median(RaterStyle.CentralTendency, e => e.Within), 0.5, 0.8);
        Assert.InRange(Median(RaterStyle.Halo, e => e.Between), 0, 0.15);
        Assert.InRange(Median(RaterStyle.Halo, e => e.Within), 0.85, 1);
        Assert.All(measured.Values, e => Assert.True(e.Shared >= 0 && e.Between is >= 0 and <= 1 && e.Within is >= 0 and <= 1, e.ToString()));

        // A central-tendency rater compresses their noise too: each rating carries less of it than an ordinary rater's.
        var residual = clean.VarianceOf(VarianceComponent.Residual)!.Value;
        Assert.InRange(Median(RaterStyle.CentralTendency, e => e.PerRating), -residual, 0);
        Assert.All(measured.Values, e => Assert.True(e.PerRating >= -residual, e.ToString()));
    }

    /// <summary>
    /// The people who kept a flagged rater's ratings get standard errors widened by that rater's style, the same estimates
    /// and interval centres, reliabilities no higher and valid error correlations; everyone else's estimates and errors are
    /// the held fit's.
    /// </summary>
    [Fact]
    public void A_refit_widens_the_errors_of_the_people_who_kept_styled_raters_and_no_one_elses()
    {
        var (_, ratings, calibration) = Calibrated.Value;
        var calibrator = new CrossedRandomEffectsCalibrator();
        var screen = StyledRaterScreen.Apply(ratings, calibration, minimumRaters: 3, minimumSources: 2);
        var clean = calibrator.Calibrate(StyledRaterScreen.Apply(ratings, calibration).Ratings);
        var held = calibrator.HoldingComponentsOf(clean).Calibrate(screen.Ratings);

        var refit = screen.Refit(calibrator);

        var kept = screen.KeptFor.ToHashSet();
        Assert.Equal(held.Estimates.Length, refit.Estimates.Length);
        var (widened, wider) = (0, 0);
        foreach (var (before, after) in held.Estimates.Zip(refit.Estimates))
        {
            Assert.Equal((before.Person, before.Competency, before.Estimate), (after.Person, after.Competency, after.Estimate));
            Assert.Equal(before.Unshrunk, after.Unshrunk, 9);
            if (!kept.Contains(before.Person))
            {
                Assert.Equal((before.StandardError, before.Reliability), (after.StandardError, after.Reliability));
                continue;
            }

            Assert.True(after.Reliability <= before.Reliability);

            Assert.True(after.StandardError >= before.StandardError, $"{after.Person} {after.Competency}: {after.StandardError} < {before.StandardError}");
            (widened, wider) = (widened + 1, wider + (after.StandardError > 1.01 * before.StandardError ? 1 : 0));
        }

        Assert.True(wider > widened / 2, $"{wider} of {widened} kept estimates widened by more than 1%");
        Assert.Contains($"the standard errors of the {kept.Count} people who kept a flagged rater's ratings widened", refit.Algorithm, StringComparison.Ordinal);
        foreach (var person in ratings.Ratees.Take(40).Concat(kept))
        {
            var (posterior, given) = (refit.ErrorCorrelations(person)!, refit.ConditionalErrorCorrelations(person)!);
            Assert.Equal(refit.EstimatesFor(person).Length, posterior.Count);
            Assert.Equal(kept.Contains(person), !posterior.ToLowerTriangle().SequenceEqual(held.ErrorCorrelations(person)!.ToLowerTriangle()) || !given.ToLowerTriangle().SequenceEqual(held.ConditionalErrorCorrelations(person)!.ToLowerTriangle()));
        }
    }

    /// <summary>The scalable path cannot hold components: it estimates them from the ratings given, and says so.</summary>
    [Fact]
    public void On_the_scalable_path_a_refit_estimates_the_components_and_warns()
    {
        var (_, ratings, calibration) = Calibrated.Value;
        var screen = StyledRaterScreen.Apply(ratings, calibration, minimumRaters: 3, minimumSources: 2);

        var refit = screen.Refit(new CrossedRandomEffectsCalibrator(new CrossedModelOptions { Path = CrossedModelPath.Scalable }));

        Assert.False(refit.Crossed!.ComponentsHeld);
        Assert.Contains(refit.Warnings, w => w.Code == CalibrationWarningCodes.ComponentsEstimated);
        Assert.True(screen.Refit(new CrossedRandomEffectsCalibrator()).Crossed!.ComponentsHeld);
    }

    /// <summary>Held at a fit's own components, the model gives that fit back: the same estimates and standard errors.</summary>
    [Fact]
    public void Held_at_its_own_components_the_model_gives_the_same_fit()
    {
        var (_, ratings, calibration) = Calibrated.Value;

        var held = new CrossedRandomEffectsCalibrator().HoldingComponentsOf(calibration).Calibrate(ratings);

        Assert.Equal(calibration.Estimates.Length, held.Estimates.Length);
        foreach (var (a, b) in calibration.Estimates.Zip(held.Estimates))
        {
            Assert.Equal((a.Person, a.Competency), (b.Person, b.Competency));
            Assert.Equal(a.Estimate, b.Estimate, 7);
            Assert.Equal(a.StandardError, b.StandardError, 7);
        }

        Assert.All(calibration.VarianceComponents.Zip(held.VarianceComponents), p => Assert.Equal(p.First.Variance, p.Second.Variance, 7));
    }

    [Fact]
    public void Without_raters_keeps_everything_else_in_order_and_ignores_unknown_ids()
    {
        var ratings = OrganisationSimulator.Generate(new SimulationOptions { People = 40, Seed = 3 }).TakeInRatings().Ratings;
        RaterId[] gone = [ratings.Raters[0], ratings.Raters[5], new RaterId("nobody")];

        var rest = ratings.WithoutRaters(gone);

        Assert.Equal(ratings.AsEnumerable().Where(r => !gone.Contains(r.Rater)), rest.AsEnumerable());
        Assert.DoesNotContain(ratings.Raters[0], rest.Raters);
        Assert.Same(ratings, ratings.WithoutRaters([new RaterId("nobody")]));
        Assert.Throws<ArgumentNullException>(() => ratings.WithoutRaters(null!));
    }
}
