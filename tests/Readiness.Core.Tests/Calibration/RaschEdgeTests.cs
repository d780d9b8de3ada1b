using System.Globalization;
using Readiness.Calibration;
using Readiness.Calibration.Internal;
using Readiness.Competencies;
using Readiness.Evidence;
using static Readiness.Competencies.LeadershipFramework;
using static Readiness.Core.Tests.Calibration.Panels;

namespace Readiness.Core.Tests.Calibration;

/// <summary>
/// The many-facet Rasch calibrator's rules beside its fits (which <c>RaschCalibratorTests</c> checks against eRm):
/// settings at their limits, each refusal and warning in full, the progress it reports, and the self effect.
/// </summary>
public sealed class RaschEdgeTests
{
    [Fact]
    public void Settings_are_accepted_at_their_limits_and_refused_just_beyond_with_the_rule()
    {
        foreach (var ok in new RaschOptions[]
        {
            new() { ScoreTolerance = 1e-12 }, new() { ScoreTolerance = 1e-2 }, new() { MaxIterations = 1 },
            new() { ExtremeScoreAdjustment = 0.01 }, new() { ExtremeScoreAdjustment = 0.5 }, new() { MaxStep = 0.01 }, new() { MaxStep = 10 },
        })
        {
            Assert.Same(ok, new ManyFacetRaschCalibrator(ok).Options);
        }

        Assert.Equal(new RaschOptions(), new ManyFacetRaschCalibrator().Options);
        Assert.Equal(CalibrationMethod.ManyFacetRasch, new ManyFacetRaschCalibrator().Method);
        RefusedSetting(new() { ScoreTolerance = 0.9e-12 }, "ScoreTolerance was 9E-13; it must be in [1E-12, 0.01].");
        RefusedSetting(new() { ScoreTolerance = 0.011 }, "ScoreTolerance was 0.011; it must be in [1E-12, 0.01].");
        RefusedSetting(new() { ExtremeScoreAdjustment = 0.009 }, "ExtremeScoreAdjustment was 0.009; it must be in [0.01, 0.5].");
        RefusedSetting(new() { MaxStep = 10.5 }, "MaxStep was 10.5; it must be in [0.01, 10].");
        RefusedSetting(new() { MaxStep = 0.009 }, "MaxStep was 0.009; it must be in [0.01, 10].");
        RefusedSetting(new() { MaxIterations = 0 }, "MaxIterations was 0; it must be at least 1.");
    }

    [Fact]
    public void Designs_the_model_cannot_fit_are_refused_with_the_numbers()
    {
        Refused([], "there are no ratings.");
        Refused([Self("a", 3), Self("b", 3)], "all 2 ratings are 3; with no variation there is no rater bias to estimate.");
        Refused([Self("a", 4), Self("b", 2)], "all 2 ratings are self-ratings; estimates need ratings from other people.");
        Refused([Self("a", 4), Peer("a", "x", 3), Peer("b", "x", 3)], "all 2 ratings are 3; with no variation there is no rater bias to estimate.");
        Refused([Peer("a", "x", 3)], "1 ratings are fewer than the 2 parameters of the method.");
        Refused([Peer("a", "x", 3), Peer("b", "x", 4.25)],
            $"the rating of 'b' by 'x' on '{Delegates}' is 4.25, between levels; the Rasch model treats ratings as ordered categories, so every rating must be a level of the scale {Model.Scale}.");
        Assert.Throws<ArgumentNullException>(() => new ManyFacetRaschCalibrator().Calibrate(null!));
    }

    [Fact]
    public void A_level_used_only_by_an_extreme_element_has_no_threshold_to_estimate()
    {
        // Only e is ever rated 1, and e is rated 1 by everyone: e is left out, and level 1 with it.
        var rows = Panel().Concat(new[] { "x", "y", "z" }.Select(r => Peer("e", r, 1))).ToArray();

        Refused(rows, "level(s) 1 occur only in ratings of elements rated all-lowest or all-highest, so their thresholds cannot be estimated.");

        // And f alone is rated 5, by everyone: both ends are missing.
        Refused([.. rows, .. new[] { "x", "y", "z" }.Select(r => Peer("f", r, 5))],
            "level(s) 1, 5 occur only in ratings of elements rated all-lowest or all-highest, so their thresholds cannot be estimated.");
    }

    [Fact]
    public void A_middle_level_seldom_used_gives_disordered_thresholds_and_a_warning_naming_them()
    {
        // Raters who rate 2 or 4 and only twice 3: the step into 3 is harder than the step out of it.
        var rows = from p in Enumerable.Range(0, 8)
                   from r in Enumerable.Range(0, 3)
                   select Peer($"p{p}", "xyz"[r].ToString(), p * 3 + r is 5 or 14 ? 3 : (p + r) % 2 == 0 ? 2 : 4);

        var result = new ManyFacetRaschCalibrator().Calibrate(Set([.. rows]));

        var thresholds = result.Rasch!.Thresholds;
        Assert.False(result.Rasch.ThresholdsOrdered);
        Assert.True(thresholds[0] > thresholds[1], string.Join(", ", thresholds));
        var listed = string.Join(", ", thresholds.Select(t => t.ToString("F2", CultureInfo.InvariantCulture)));
        Assert.Contains(
            $"The Andrich thresholds are disordered ({listed} logits): some category is never the most probable; the raters did not use the scale as ordered steps.",
            result.Warnings.Select(w => w.Message));
    }

    [Fact]
    public void An_element_rated_at_one_end_of_the_scale_is_measured_apart_and_reported()
    {
        // e is rated 4 by everyone, the highest level others also use.
        var result = new ManyFacetRaschCalibrator().Calibrate(Set([.. Panel(), .. new[] { "x", "y", "z" }.Select(r => Peer("e", r, 4))]));

        Assert.Contains(
            "1 ratee(s) had every rating in the lowest or every rating in the highest category: left out of estimation and measured with the score moved 0.3 points inward.",
            result.Warnings.Select(w => w.Message));
        Assert.True(result.TryGetEstimate(new RateeId("e"), Delegates, out var e));
        Assert.True(result.EstimatesFor(new RateeId("p0")).All(p => p.Estimate < e.Estimate), "e is above everyone");
        Assert.InRange(e.Estimate, 3.5, 4);
    }

    [Fact]
    public void A_source_whose_every_rater_was_set_aside_has_no_standard_error_and_nothing_turns_NaN()
    {
        // Managers m1 (all lowest) and m2 (all highest) are both set aside, leaving the Manager source no ratings and its
        // group of raters none to centre on; the source's own ratings are not all at one end, so it is not extreme itself.
        var managers = Enumerable.Range(0, 8).Select(p => new Rating(new RateeId($"p{p}"), new RaterId(p < 4 ? "m1" : "m2"), RaterSource.Manager, Delegates, p < 4 ? 2 : 4));

        var result = new ManyFacetRaschCalibrator(new RaschOptions { SourceFacet = true }).Calibrate(Set([.. Graded(), .. managers]));

        var rasch = result.Rasch!;
        Assert.True(result.Converged);
        Assert.Contains("2 rater(s) had every rating in the lowest or every rating in the highest category", result.Warnings.Single(w => w.Code == CalibrationWarningCodes.ExtremeScores).Message, StringComparison.Ordinal);
        var manager = rasch.Sources.Single(s => s.Id == nameof(RaterSource.Manager));
        Assert.Equal((false, double.PositiveInfinity), (manager.IsExtreme, manager.StandardError));
        Assert.DoesNotContain(result.Warnings, w => w.Message.Contains("contrast(s)", StringComparison.Ordinal));
        Assert.All(rasch.Ratees.Concat(rasch.Competencies).Concat(rasch.Raters).Concat(rasch.Sources), e => Assert.True(double.IsFinite(e.Measure), $"{e}"));
        Assert.All(result.Estimates, e => Assert.True(double.IsFinite(e.Estimate) && double.IsFinite(e.StandardError), $"{e}"));
        Assert.True(rasch.Raters.Single(r => r.Id == "m1").Measure > rasch.Raters.Single(r => r.Id == "m2").Measure, "m1 is the harsher");
    }

    [Fact]
    public void A_fit_cut_short_says_so()
    {
        var result = new ManyFacetRaschCalibrator(new RaschOptions { MaxIterations = 1 }).Calibrate(Small);

        Assert.False(result.Converged);
        Assert.Equal(1, result.Iterations);
        Assert.Single(result.Warnings, w => w.Message.StartsWith("Joint maximum likelihood stopped after 1 iterations with an observed − expected score of ", StringComparison.Ordinal)
            && w.Message.EndsWith(" (tolerance 1E-08); the measures are not final.", StringComparison.Ordinal));
        Assert.True(new ManyFacetRaschCalibrator().Calibrate(Small).Converged);
    }

    [Fact]
    public void It_reports_the_start_then_every_iteration_with_the_largest_score_residual()
    {
        var recorder = new ProgressRecorder();
        var result = new ManyFacetRaschCalibrator().Calibrate(Small, recorder);
        var progress = recorder.Reports;

        Assert.Equal(new CalibrationProgress("PROX", 0, null), progress[0]);
        var iterations = progress.Skip(1).ToArray();
        Assert.All(iterations, p => Assert.Equal("Joint maximum likelihood", p.Stage));
        Assert.Equal(Enumerable.Range(1, result.Iterations), iterations.Select(p => p.Iteration));
        Assert.All(iterations, p => Assert.True(p.Objective >= 0, $"{p}"));
        Assert.True(iterations[^1].Objective <= new RaschOptions().ScoreTolerance, $"{iterations[^1]}");
        Assert.StartsWith("many-facet Rasch rating-scale model, joint maximum likelihood", result.Algorithm, StringComparison.Ordinal);
    }

    [Fact]
    public void The_self_effect_is_how_far_self_ratings_run_above_the_fair_averages() =>
        AssertSelfEffect(new ManyFacetRaschCalibrator().Calibrate(Small), Small);

    [Fact]
    public void Separation_summarises_the_non_extreme_elements_with_finite_errors_by_Wright_and_Masters_rules()
    {
        // Measures 1 and 4 (observed SD 1.5) with errors whose squares average 0.36 (RMSE 0.6): true SD √(2.25 − 0.36) = √1.89,
        // G = √1.89 / 0.6, reliability 1.89 / 2.25 = 0.84, strata (4G + 1) / 3.
        var separation = FacetSeparation.Of(
        [
            Element("a", 1, 0.5), Element("b", 4, Math.Sqrt(0.47)), Element("top", 5, 1.9, extreme: true), Element("alone", 3, double.PositiveInfinity),
        ]);

        var g = Math.Sqrt(1.89) / 0.6;
        Assert.Equal(2, separation.Elements);
        Assert.Equal([1.5, 0.6, Math.Sqrt(1.89), g, 0.84, ((4 * g) + 1) / 3], Values(separation), (a, b) => Math.Abs(a - b) < 1e-12);
        Assert.Equal(0, FacetSeparation.Of([Element("c", 1, 2), Element("d", 1.5, 2)]).Separation); // error swamps the spread

        var none = FacetSeparation.Of([Element("top", 5, 1.9, extreme: true)]);
        Assert.Equal(0, none.Elements);
        Assert.All(Values(none), v => Assert.True(double.IsNaN(v)));
    }

    [Fact]
    public void A_rater_who_rated_a_cell_in_two_cycles_is_one_of_its_raters()
    {
        var rows = Graded().Append(Peer("p0", "v", 3) with { Cycle = "2027" }).Append(Peer("p0", "x", 2) with { Cycle = "2027" });
        var cell = new ManyFacetRaschCalibrator().Calibrate(Set(rows)).Estimates.Single(e => e.Person.Value == "p0");
        Assert.Equal((6, 4), (cell.Ratings, cell.Raters));
    }

    [Fact]
    public void Thresholds_are_ordered_only_when_each_lies_above_the_one_before()
    {
        static RaschFit WithThresholds(params double[] thresholds) =>
            new([], [], [], [], [.. thresholds.Select((t, k) => new RaschCategory(k + 1, 1, 0.25, 0, 0, t, 0.1))], 4, 0);

        Assert.True(WithThresholds(double.NaN, -1, 0, 1).ThresholdsOrdered);
        Assert.False(WithThresholds(double.NaN, -1, 1, 0.5).ThresholdsOrdered); // the first step up, the last down
        Assert.False(WithThresholds(double.NaN, 1, -1, 2).ThresholdsOrdered);
        Assert.False(WithThresholds(double.NaN, 0, 0, 1).ThresholdsOrdered); // a tie leaves the middle category never the most probable
        Assert.Equal([-1, 1, 0.5], WithThresholds(double.NaN, -1, 1, 0.5).Thresholds.ToArray());
    }

    [Fact]
    public void Fit_mean_squares_are_standardised_by_the_Wilson_Hilferty_cube_root()
    {
        // z = (MS^⅓ − 1)(3 / q) + q / 3 (Linacre's ZSTD); no z without a model variance.
        Assert.Equal(0.1, RaschSummary.WilsonHilferty(1, 0.3), 1e-15);
        Assert.Equal(((Math.Cbrt(1.5) - 1) * 10) + 0.1, RaschSummary.WilsonHilferty(1.5, 0.3), 1e-14);
        Assert.Equal(((Math.Cbrt(0.5) - 1) * 15) + (0.2 / 3), RaschSummary.WilsonHilferty(0.5, 0.2), 1e-14);
        Assert.True(double.IsNaN(RaschSummary.WilsonHilferty(1.5, 0)));
    }

    [Fact]
    public void The_design_warnings_of_every_calibrator_are_given_for_the_ratings_of_others()
    {
        // w rates once; the self-rating is no rating by another person, so it leaves p0 with four raters and w with one.
        var result = new ManyFacetRaschCalibrator().Calibrate(Set([.. Graded(), Peer("p0", "w", 3), Self("p1", 4)]));

        Assert.Equal(
            "1 rater(s) gave only one rating; their leniency cannot be told apart from their judgement of that person, so their effects rest on the model alone.",
            Assert.Single(result.Warnings.Select(w => w.Message)));
    }

    [Fact]
    public void Raters_are_centred_within_each_group_joined_through_their_sources()
    {
        // v and x rate only as peers, y and z only as managers: two rater–source groups, each with a shift between its raters
        // and its source that the data cannot see. Each group's raters are centred, and no contrast is left unidentified.
        var rows = Graded().Select(r => r.Rater.Value is "y" or "z" ? r with { Source = RaterSource.Manager } : r).ToArray();

        var result = new ManyFacetRaschCalibrator(new RaschOptions { SourceFacet = true }).Calibrate(Set(rows));
        var shortSteps = new ManyFacetRaschCalibrator(new RaschOptions { SourceFacet = true, MaxStep = 0.05 }).Calibrate(Set(rows));

        Assert.Empty(result.Warnings.Select(w => w.Message));
        var raters = result.Rasch!.Raters.ToDictionary(r => r.Id, r => r.Measure);
        Assert.Equal(0, raters["v"] + raters["x"], 1e-9);
        Assert.Equal(0, raters["y"] + raters["z"], 1e-9);
        Assert.Equal(0, result.Rasch.Sources.Sum(s => s.Measure), 1e-9);
        Assert.NotEqual(0, result.Rasch.Sources[0].Measure, 1e-3);
        Assert.All(result.Rasch.Raters.Zip(shortSteps.Rasch!.Raters), p => Assert.Equal(p.First.Measure, p.Second.Measure, 1e-8));
        Assert.All(result.Rasch.Sources.Zip(shortSteps.Rasch.Sources), p => Assert.Equal(p.First.Measure, p.Second.Measure, 1e-8));
    }

    [Fact]
    public void The_extreme_warning_counts_every_facet_it_set_aside()
    {
        // Everyone rates e 4 and BuildsTrust 4, the highest level in use; peer m rates four people 4; v, the only manager,
        // rates q0 and q1 4, whom x rates 3, so neither v nor q0 and q1 are at one end: the Manager source is.
        var e = new[] { "v", "x", "y", "z" }.Select(r => Peer("e", r, 4));
        var trust = Graded().Select(r => r with { Competency = BuildsTrust, Value = 4 });
        var m = Enumerable.Range(0, 4).Select(p => Peer($"p{p}", "m", 4));
        var q = new[] { "q0", "q1" }.SelectMany(ratee => new[] { new Rating(new RateeId(ratee), new RaterId("v"), RaterSource.Manager, Delegates, 4), Peer(ratee, "x", 3) });

        var result = new ManyFacetRaschCalibrator(new RaschOptions { SourceFacet = true }).Calibrate(Set([.. Graded(), .. e, .. trust, .. m, .. q]));

        // The Manager source, extreme, has no rating in estimation: no contrast of it is reported as unidentified.
        Assert.Equal(
            "1 ratee(s), 1 competency(s), 1 rater(s), 1 source(s) had every rating in the lowest or every rating in the highest category: left out of estimation and measured with the score moved 0.3 points inward.",
            Assert.Single(result.Warnings.Select(w => w.Message)));
        Assert.True(result.Rasch!.Sources.Single(s => s.Id == nameof(RaterSource.Manager)).IsExtreme);
    }

    [Fact]
    public void A_scale_that_starts_below_zero_gives_the_measures_of_the_same_ratings_shifted_onto_one_to_five()
    {
        var scale = ProficiencyScale.Create(Enumerable.Range(-2, 5).Select(v => new ScaleLevel(v, $"Level {v}", $"Level {v}.")));
        var model = new CompetencyModelBuilder("shifted", "Shifted").WithScale(scale)
            .AddCompetency(Delegates, "Delegates", CompetencyDomain.Leadership, c => c.WithDefinition("Delegates on a scale from -2 to 2."))
            .Build();
        var shifted = new RatingSetBuilder(model).AddRange(Graded().Select(r => r with { Value = r.Value - 3 })).Build().Ratings;

        var below = new ManyFacetRaschCalibrator().Calibrate(shifted);
        var usual = new ManyFacetRaschCalibrator().Calibrate(Set(Graded()));

        Assert.Equal(usual.Rasch!.Thresholds.Length, below.Rasch!.Thresholds.Length);
        Assert.All(usual.Rasch.Thresholds.Zip(below.Rasch.Thresholds), p => Assert.Equal(p.First, p.Second, 1e-9));
        Assert.All(usual.Rasch.Ratees.Zip(below.Rasch.Ratees), p => Assert.Equal(p.First.Measure, p.Second.Measure, 1e-9));
        Assert.All(usual.Estimates.Zip(below.Estimates), p => Assert.Equal(p.First.Estimate - 3, p.Second.Estimate, 1e-9));
    }

    [Fact]
    public void Prox_starts_each_element_at_the_log_odds_of_its_score_expanded_by_the_spread_of_the_measures_it_met()
    {
        // 6 ratees × 2 competencies × 3 raters in categories 0…3, and ratee 6 rated 3 throughout (extreme, set aside).
        var rows = (from n in Enumerable.Range(0, 7)
                    from c in Enumerable.Range(0, 2)
                    from r in Enumerable.Range(0, 3)
                    select (Element: new[] { n, c, r }, Category: n == 6 ? 3 : ((n + (c * 3) + (r * 5) + (n * r * c) + (n * n)) % 4))).ToArray();
        int[] elements = [7, 2, 3];
        var joint = new RaschJoint([.. Enumerable.Range(0, 3).Select(f => rows.Select(x => x.Element[f]).ToArray())], elements, [.. rows.Select(x => x.Category)], 4);
        Assert.Equal(36, joint.MarkExtremes());

        joint.Prox(2);

        // The PROX rules written out again: thresholds the centred log-odds of adjacent category counts; then, in each round
        // and facet, an element's measure is the mean of what it met plus its score's log-odds, expanded by √(1 + σ²/2.89),
        // signed by facet (ratees up, difficulties down); each difficulty facet is centred, the ratees taking the shift.
        var used = rows.Where(x => x.Element[0] != 6).ToArray();
        var tau = Enumerable.Range(1, 3).Select(k => Math.Log((double)used.Count(x => x.Category == k - 1) / used.Count(x => x.Category == k))).ToArray();
        Assert.Equal(tau.Select(t => t - tau.Average()), joint.Thresholds.Skip(1), (a, b) => Math.Abs(a - b) < 1e-12);
        var measures = elements.Select(n => new double[n]).ToArray();
        double Rest(int f, int[] e) => measures[0][e[0]] - measures[1][e[1]] - measures[2][e[2]] - (f == 0 ? measures[0][e[0]] : -measures[f][e[f]]);
        for (var round = 0; round < 2; round++)
        {
            for (var f = 0; f < 3; f++)
            {
                foreach (var g in used.GroupBy(x => x.Element[f]))
                {
                    var met = g.Select(x => Rest(f, x.Element)).ToArray();
                    var (mean, score, count) = (met.Average(), g.Sum(x => x.Category), g.Count());
                    var variance = met.Average(m => (m - mean) * (m - mean));
                    var measure = -mean + (Math.Sqrt(1 + (variance / 2.89)) * Math.Log(score / ((3.0 * count) - score)));
                    measures[f][g.Key] = f == 0 ? measure : -measure;
                }

                if (f > 0)
                {
                    var centre = measures[f].Average();
                    measures[f] = [.. measures[f].Select(m => m - centre)];
                    measures[0] = [.. measures[0].Select(m => m - centre)];
                }
            }
        }

        for (var f = 0; f < 3; f++)
        {
            Assert.Equal(measures[f], joint.Measures[f], (a, b) => Math.Abs(a - b) < 1e-12);
        }
    }

    /// <summary>Six people rated by x, y and z on Delegates with levels 2 to 4, each rater using all three.</summary>
    private static IEnumerable<Rating> Panel() =>
        from p in Enumerable.Range(0, 6)
        from r in Enumerable.Range(0, 3)
        select Peer($"p{p}", "xyz"[r].ToString(), 2 + ((p + r) % 3));

    private static RaschElement Element(string id, double measure, double standardError, bool extreme = false) =>
        new(id, measure, standardError, 4, 3, 3, 1, 0, 1, 0, extreme);

    private static double[] Values(FacetSeparation s) => [s.ObservedSd, s.RootMeanSquareError, s.TrueSd, s.Separation, s.Reliability, s.Strata];

    private static void RefusedSetting(RaschOptions settings, string message) =>
        Assert.StartsWith(message, Assert.Throws<ArgumentException>(() => new ManyFacetRaschCalibrator(settings)).Message, StringComparison.Ordinal);

    private static void Refused(Rating[] rows, string reason)
    {
        var error = Assert.Throws<InsufficientRatingsException>(() => new ManyFacetRaschCalibrator().Calibrate(Set(rows)));
        Assert.Equal("ManyFacetRasch calibration is not possible: " + reason, error.Message);
        Assert.Equal(CalibrationMethod.ManyFacetRasch, error.Method);
    }

    [Fact]
    public void A_design_in_two_unconnected_parts_is_measured_the_same_whatever_the_rater_ids()
    {
        // Found by the relabelling property (42 people, seed 19081): the likelihood cannot place the two parts against each
        // other, and the measures followed the solver's path (2e-3 apart after relabelling). Each part's raters are now
        // centred on their own, as the design warning says the comparison assumes.
        var organisation = Readiness.Simulation.OrganisationSimulator.Generate(new Readiness.Simulation.SimulationOptions { People = 42, Seed = 19081 });
        var ratings = organisation.TakeInRatings().Ratings;
        var renamed = new RatingSetBuilder(ratings.Model)
            .AddRange(organisation.Ratings.Select(r => r with { Rater = new RaterId("z" + (1_000_000 - int.Parse(r.Rater.Value[1..], CultureInfo.InvariantCulture))) }))
            .Build().Ratings;

        var result = new ManyFacetRaschCalibrator().Calibrate(ratings);
        var relabelled = new ManyFacetRaschCalibrator().Calibrate(renamed);

        Assert.Contains(result.Warnings, w => w.Message.StartsWith("The rater–ratee graph falls into 2 unconnected groups", StringComparison.Ordinal));
        Assert.All(result.Estimates.Zip(relabelled.Estimates), p => Assert.Equal(p.First.Estimate, p.Second.Estimate, 1e-7));
        var design = RaschDesign.Create(ratings.WithoutSource(RaterSource.Self), sourceFacet: false, CalibrationMethod.ManyFacetRasch);
        var parts = design.RateeRaterGroups()!.Value.Raters;
        var raters = result.Rasch!.Raters.ToDictionary(r => r.Id);
        var ids = ratings.WithoutSource(RaterSource.Self).Raters;
        Assert.All(Enumerable.Range(0, 2), part => Assert.Equal(0, ids.Where((_, i) => parts[i] == part).Select(r => raters[r.Value]).Where(r => !r.IsExtreme).Average(r => r.Measure), 1e-9));
    }
}
