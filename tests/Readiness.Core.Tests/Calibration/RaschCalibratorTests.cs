using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Readiness.Calibration;
using Readiness.Competencies;
using Readiness.Evidence;
using Readiness.Simulation;

namespace Readiness.Core.Tests.Calibration;

/// <summary>The many-facet Rasch calibrator against eRm (Data/rasch), its own likelihood equations and planted rater severities.</summary>
public sealed class RaschCalibratorTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Data", "rasch");

    private static readonly SimulatedOrganisation Organisation = OrganisationSimulator.Generate(new SimulationOptions { People = 300, Seed = 33 });

    private static readonly RatingSet Ratings = Organisation.TakeInRatings().Ratings;

    private static readonly CalibrationResult Fitted = new ManyFacetRaschCalibrator().Calibrate(Ratings);

    [Fact]
    public void Competency_measures_follow_eRm_conditional_estimates_with_the_joint_spread()
    {
        var (ratings, items) = ReadItemTable("rsmdat_RSM_data.csv", scaleMaximum: 3);
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "erm_expected.json")));
        var fit = expected.RootElement.GetProperty("rsmdat_RSM");
        var location = items.Select(i => fit.GetProperty("item_location").GetProperty(i).GetDouble()).ToArray();

        var result = new ManyFacetRaschCalibrator().Calibrate(ratings);

        var rasch = result.Rasch!;
        Assert.True(result.Converged);
        var difficulty = items.Select(i => rasch.Competencies.Single(c => c.Id == i).Measure).ToArray();
        var correlation = MathNet.Numerics.Statistics.Correlation.Pearson(location, difficulty);
        var spread = Sd(difficulty) / Sd(location);

        // JMLE is not CML: its item spread is about L / (L − 1) = 1.2 times eRm's for six items (measured: r 0.9999994, spread 1.205).
        Assert.True(correlation > 0.9999, $"correlation with eRm's item locations {correlation:F6}");
        Assert.InRange(spread, 1.1, 1.3);
        Assert.Equal(0, difficulty.Sum(), 1e-9);

        // One rater: that facet is anchored at 0. Thresholds sum to 0; joint thresholds are not conditional ones (measured
        // here −0.23, −0.21, 0.44 against eRm's −0.05, −0.21, 0.26), so they are pinned by the likelihood-equation test instead.
        Assert.Equal(0, Assert.Single(rasch.Raters).Measure);
        Assert.Equal(0, rasch.Thresholds.Sum(), 1e-9);

        // Person 7 scored 0: extreme, excluded from estimation, measured below everyone by the fractional-score rule.
        var seven = rasch.Ratees.Single(r => r.Id == "P7");
        Assert.True(seven.IsExtreme);
        Assert.True(double.IsNaN(seven.Infit));
        Assert.True(seven.Measure < rasch.Ratees.Where(r => !r.IsExtreme).Min(r => r.Measure));
        Assert.Equal(6 * 19, rasch.RatingsUsed);
    }

    [Fact]
    public void Ratee_measures_order_as_eRm_person_parameters()
    {
        var (ratings, _) = ReadItemTable("rsmdat_RSM_data.csv", scaleMaximum: 3);
        var persons = File.ReadLines(Path.Combine(Folder, "rsmdat_RSM_person_parameters.csv")).Skip(1)
            .Select(l => l.Split(','))
            .Where(f => f[2] != "NA")
            .ToDictionary(f => "P" + f[0], f => double.Parse(f[2], CultureInfo.InvariantCulture));

        var rasch = new ManyFacetRaschCalibrator().Calibrate(ratings).Rasch!;

        var shared = rasch.Ratees.Where(r => !r.IsExtreme && persons.ContainsKey(r.Id)).ToArray();
        var correlation = MathNet.Numerics.Statistics.Correlation.Pearson(shared.Select(r => persons[r.Id]), shared.Select(r => r.Measure));
        Assert.True(correlation > 0.999, $"correlation with eRm's person parameters {correlation:F5}");
    }

    [Fact]
    public void Every_non_extreme_element_and_threshold_satisfies_its_likelihood_equation()
    {
        var rasch = Fitted.Rasch!;
        var others = Ratings.AsEnumerable().Where(r => r.Source != RaterSource.Self).ToArray();
        var ratee = rasch.Ratees.ToDictionary(e => e.Id);
        var competency = rasch.Competencies.ToDictionary(e => e.Id);
        var rater = rasch.Raters.ToDictionary(e => e.Id);
        var levels = rasch.Categories.Select(c => c.Level).ToArray();
        var cumulative = Cumulative(rasch);
        var residual = new Dictionary<string, double>();
        var atLeast = new double[levels.Length];
        var used = 0;
        double minusTwoLogL = 0;
        foreach (var r in others)
        {
            var (a, c, s) = (ratee[r.Ratee.Value], competency[r.Competency], rater[r.Rater.Value]);
            if (a.IsExtreme || c.IsExtreme || s.IsExtreme)
            {
                continue;
            }

            used++;
            var p = Probabilities(a.Measure - c.Measure - s.Measure, cumulative);
            var category = Array.IndexOf(levels, r.Value);
            minusTwoLogL -= 2 * Math.Log(p[category]);
            var expected = p.Select((q, k) => q * k).Sum();
            foreach (var key in new[] { "ratee:" + a.Id, "competency:" + c.Id, "rater:" + s.Id })
            {
                residual[key] = residual.GetValueOrDefault(key) + category - expected;
            }

            for (var k = 1; k < levels.Length; k++)
            {
                atLeast[k] += (category >= k ? 1 : 0) - p.Skip(k).Sum();
            }
        }

        Assert.Equal(rasch.RatingsUsed, used);
        var worst = residual.MaxBy(kv => Math.Abs(kv.Value));
        Assert.True(Math.Abs(worst.Value) < 1e-6, $"{worst.Key}: observed − expected {worst.Value:G3}");
        Assert.All(atLeast, a => Assert.True(Math.Abs(a) < 1e-6, $"threshold observed − expected {a:G3}"));
        Assert.True(rasch.LargestScoreResidual < 1e-6);
        Assert.Equal(minusTwoLogL, Fitted.Objective!.Value, 1e-6); // −2 log L over the ratings used
    }

    [Fact]
    public void Each_element_reports_its_ratings_their_observed_average_and_its_fair_average_at_the_centre_of_the_other_facets()
    {
        var rasch = Fitted.Rasch!;
        var others = Ratings.AsEnumerable().Where(r => r.Source != RaterSource.Self).ToArray();
        var cumulative = Cumulative(rasch);
        var meanAbility = rasch.Ratees.Where(r => !r.IsExtreme).Average(r => r.Measure);
        var facets = new (ImmutableArray<RaschElement> Elements, Func<Rating, string> Of, Func<double, double> Predictor)[]
        {
            (rasch.Ratees, r => r.Ratee.Value, m => m),
            (rasch.Competencies, r => r.Competency, m => meanAbility - m),
            (rasch.Raters, r => r.Rater.Value, m => meanAbility - m),
        };
        foreach (var (elements, of, predictor) in facets)
        {
            var ratings = others.ToLookup(of);
            Assert.All(elements, e =>
            {
                Assert.Equal(ratings[e.Id].Count(), e.Ratings);
                Assert.Equal(ratings[e.Id].Average(r => r.Value), e.ObservedAverage, 1e-12);
                Assert.Equal(Expected(rasch, cumulative, predictor(e.Measure)), e.FairAverage, 1e-9);
            });
        }
    }

    [Fact]
    public void Recovers_planted_rater_severities()
    {
        var rated = Organisation.Raters.Where(r => Fitted.TryGetRaterEffect(r.Rater, out _)).ToArray();
        var severity = Fitted.Rasch!.Raters.ToDictionary(e => e.Id, e => e.Measure);

        var logits = MathNet.Numerics.Statistics.Correlation.Pearson(rated.Select(r => r.Leniency), rated.Select(r => -severity[r.Rater.Value]));
        var points = MathNet.Numerics.Statistics.Correlation.Pearson(rated.Select(r => r.Leniency), rated.Select(r => Effect(r.Rater)));

        // Measured on this organisation (300 people, 299 raters): 0.892 in logits, 0.892 in scale points.
        Assert.True(logits > 0.85, $"planted leniency vs −severity: {logits:F3}");
        Assert.True(points > 0.85, $"planted leniency vs effect in scale points: {points:F3}");
        var lenient = rated.Where(r => r.Style == RaterStyle.Lenient).Average(r => Effect(r.Rater));
        var severe = rated.Where(r => r.Style == RaterStyle.Severe).Average(r => Effect(r.Rater));
        Assert.True(lenient > 0.4 && severe < -0.4, $"planted lenient raters average {lenient:F2}, severe {severe:F2}");
    }

    [Fact]
    public void Estimates_are_fair_averages_on_the_scale_that_track_the_true_levels()
    {
        var scale = Ratings.Model.Scale;
        Assert.All(Fitted.Estimates, e =>
        {
            Assert.InRange(e.Estimate, scale.Minimum, scale.Maximum);
            Assert.True(e.StandardError > 0 && double.IsFinite(e.StandardError), $"SE {e.StandardError}");
        });
        var truth = Organisation.People.ToDictionary(p => p.Person);
        var pairs = Fitted.Estimates.Select(e => (Truth: truth[e.Person].TrueLevels[Ratings.Model.Competencies.IndexOf(Ratings.Model.Competencies.Single(c => c.Id == e.Competency))], e.Estimate)).ToArray();
        var correlation = MathNet.Numerics.Statistics.Correlation.Pearson(pairs.Select(p => p.Truth), pairs.Select(p => p.Estimate));

        // Measured: 0.898 (each cell measured from its own four to nine ratings, without shrinkage).
        Assert.True(correlation > 0.8, $"fair averages vs true levels {correlation:F3}");
        Assert.Equal(CalibrationMethod.ManyFacetRasch, Fitted.Method);
        Assert.Contains(Fitted.SourceEffects, s => s.Source == RaterSource.Self);
    }

    [Fact]
    public void A_fair_averages_standard_error_is_its_slope_over_the_root_information_of_the_cells_ratings()
    {
        // The delta method: the cell's ability has SE 1 / √(Σ model variance of its ratings); the fair average moves by its
        // slope per logit. The cell's logit (ability − competency) is recovered from the fair average, which is monotone in it.
        var rasch = Fitted.Rasch!;
        var cumulative = Cumulative(rasch);
        var rater = rasch.Raters.ToDictionary(e => e.Id, e => e.Measure);
        var cells = Ratings.AsEnumerable().Where(r => r.Source != RaterSource.Self).ToLookup(r => (r.Ratee.Value, r.Competency));
        Assert.All(Fitted.Estimates, e =>
        {
            double lo = -30, hi = 30;
            while (hi - lo > 1e-13)
            {
                var mid = (lo + hi) / 2;
                (lo, hi) = Expected(rasch, cumulative, mid) < e.Estimate ? (mid, hi) : (lo, mid);
            }

            var x = (lo + hi) / 2;
            var cell = cells[(e.Person.Value, e.Competency.Value)];
            var information = cell.Sum(r => Variance(Probabilities(x - rater[r.Rater.Value], cumulative)));
            var slope = Slope(rasch, cumulative, x);
            Assert.Equal(slope / Math.Sqrt(information), e.StandardError, 1e-6);
            Assert.Equal(cell.Count(), e.Ratings);
            Assert.Equal(cell.Select(r => r.Rater).Distinct().Count(), e.Raters);
        });
    }

    [Fact]
    public void Reports_fit_categories_and_separation()
    {
        var rasch = Fitted.Rasch!;
        var raters = rasch.Raters.Where(r => !r.IsExtreme).ToArray();

        // Mean squares average near 1 when the data follow the model closely enough (simulated normal noise, rounded).
        Assert.InRange(raters.Average(r => r.Infit), 0.6, 1.4);
        Assert.All(raters, r => Assert.True(r.Infit > 0 && r.Outfit > 0 && double.IsFinite(r.InfitZ) && double.IsFinite(r.OutfitZ)));
        Assert.True(rasch.ThresholdsOrdered);
        Assert.Equal(Ratings.AsEnumerable().Count(r => r.Source != RaterSource.Self), rasch.Categories.Sum(c => c.Count));
        Assert.Equal(1, rasch.Categories.Sum(c => c.Share), 1e-12);
        Assert.True(double.IsNaN(rasch.Categories[0].Threshold) && double.IsNaN(rasch.Categories[0].ThresholdStandardError));
        Assert.All(rasch.Categories.Skip(1), c => Assert.True(c.ThresholdStandardError is > 0 and < 1, $"threshold SE {c.ThresholdStandardError}"));
        var averages = rasch.Categories.Select(c => c.AverageMeasure).ToArray();
        Assert.Equal(averages.Order(), averages);
        Assert.InRange(rasch.RateeSeparation.Reliability, 0.5, 1);
        Assert.True(rasch.RaterSeparation.Separation > 1, $"rater separation {rasch.RaterSeparation.Separation:F2}");
        Assert.Equal(0, rasch.Competencies.Where(c => !c.IsExtreme).Sum(c => c.Measure), 1e-9);
        Assert.Equal(0, raters.Sum(r => r.Measure), 1e-9);
    }

    [Fact]
    public void Sources_as_a_facet_are_centred_and_their_unidentified_contrast_set_whatever_the_path()
    {
        var result = new ManyFacetRaschCalibrator(new RaschOptions { SourceFacet = true }).Calibrate(Ratings);
        var shortSteps = new ManyFacetRaschCalibrator(new RaschOptions { SourceFacet = true, MaxStep = 0.05 }).Calibrate(Ratings);

        var rasch = result.Rasch!;
        Assert.True(result.Converged && shortSteps.Converged);
        Assert.Equal(4, rasch.Sources.Length); // manager, peer, direct report, skip-level
        Assert.Equal(0, rasch.Sources.Sum(s => s.Measure), 1e-9);
        Assert.True(rasch.LargestScoreResidual < 1e-6);
        Assert.Contains(result.SourceEffects, s => s.Source == RaterSource.Peer);

        // Managers rate their team as Manager and their own manager as DirectReport, so one source contrast is confounded
        // with level. Without a rule the measures on it depended on the path (0.17 logits between two step sizes); set to
        // the smallest source effects, the answer is the same from either path.
        Assert.Contains(result.Warnings, w => w.Message.StartsWith("1 contrast(s) between sources", StringComparison.Ordinal));
        Assert.Equal(result.Objective!.Value, shortSteps.Objective!.Value, 1e-6);
        Assert.All(rasch.Sources.Zip(shortSteps.Rasch!.Sources), p => Assert.Equal(p.First.Measure, p.Second.Measure, 1e-8));
        Assert.All(result.Estimates.Zip(shortSteps.Estimates), p => Assert.Equal(p.First.Estimate, p.Second.Estimate, 1e-8));

        // A rater's effect in scale points reads the average ratee through the rater's severity plus the mean severity of
        // the sources the rater rated as, against an average rater and source.
        var cumulative = Cumulative(rasch);
        var meanAbility = rasch.Ratees.Where(r => !r.IsExtreme).Average(r => r.Measure);
        var source = rasch.Sources.ToDictionary(s => s.Id, s => s.Measure);
        var byRater = Ratings.AsEnumerable().Where(r => r.Source != RaterSource.Self).ToLookup(r => r.Rater.Value);
        Assert.All(rasch.Raters.Where(r => !r.IsExtreme), r =>
        {
            var sourceMean = byRater[r.Id].Average(x => source[x.Source.ToString()]);
            Assert.True(result.TryGetRaterEffect(new RaterId(r.Id), out var effect));
            var x = meanAbility - r.Measure - sourceMean;
            var slope = Slope(rasch, cumulative, x);
            Assert.Equal(Expected(rasch, cumulative, x) - Expected(rasch, cumulative, meanAbility), effect.Effect, 1e-9);
            Assert.Equal(slope * r.StandardError, effect.StandardError, 1e-6); // the delta method
        });

        // A source's effect reads the average ratee through the source's measure alone, its standard error by the delta method
        // (self-ratings, outside the fit, have their own effect).
        var sourceEffects = result.SourceEffects.Where(e => e.Source != RaterSource.Self).ToArray();
        Assert.Equal(rasch.Sources.Length, sourceEffects.Length);
        Assert.All(sourceEffects, effect =>
        {
            var element = rasch.Sources.Single(s => s.Id == effect.Source.ToString());
            var x = meanAbility - element.Measure;
            var slope = Slope(rasch, cumulative, x);
            Assert.Equal(Expected(rasch, cumulative, x) - Expected(rasch, cumulative, meanAbility), effect.Effect, 1e-9);
            Assert.Equal(slope * element.StandardError, effect.StandardError, 1e-6);
            Assert.Equal(element.Ratings, effect.Ratings);
        });

        // The same data: fair averages move little when a source's leniency is modelled apart from its raters'.
        var changes = Fitted.Estimates.Zip(result.Estimates, (a, b) => Math.Abs(a.Estimate - b.Estimate)).ToArray();
        Assert.True(changes.Average() < 0.03 && changes.Max() < 0.15, $"fair averages moved {changes.Average():F4} on average, {changes.Max():F4} at most");
    }

    [Fact]
    public void A_single_competency_is_anchored_at_zero()
    {
        var model = Ratings.Model;
        var first = model.Competencies[0].Id;
        var one = new RatingSetBuilder(model).AddRange(Ratings.AsEnumerable().Where(r => r.Competency == first)).Build().Ratings;

        var result = new ManyFacetRaschCalibrator().Calibrate(one);

        Assert.Equal(0, Assert.Single(result.Rasch!.Competencies).Measure);
        Assert.True(result.Converged);
        Assert.All(result.Estimates, e => Assert.Equal(first, e.Competency));
    }

    /// <summary>An export that anonymises each response makes every rater a rater of one rating, always extreme: the refusal, or the warning when managers are named, says so.</summary>
    [Fact]
    public void Raters_whose_ids_never_repeat_are_named_as_the_cause_of_the_extremes()
    {
        var anonymised = OrganisationSimulator.Generate(new SimulationOptions { People = 120, Seed = 4, Design = RatingDesign.Anonymised }).TakeInRatings().Ratings;

        var error = Assert.Throws<InsufficientRatingsException>(() => new ManyFacetRaschCalibrator().Calibrate(anonymised));

        Assert.Contains("The rater ids of the manager, peer, direct-report and skip-level ratings almost never repeat", error.Message, StringComparison.Ordinal);

        var response = 0;
        var namedManagers = new RatingSetBuilder(Ratings.Model)
            .AddRange(Ratings.AsEnumerable().Select(r => r.Source is RaterSource.Self or RaterSource.Manager ? r : r with { Rater = new RaterId($"A{++response:D6}") }))
            .Build().Ratings;
        var warning = Assert.Single(new ManyFacetRaschCalibrator().Calibrate(namedManagers).Warnings, w => w.Code == CalibrationWarningCodes.ExtremeScores);
        Assert.Contains("The rater ids of the peer", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Fitted.Warnings, w => w.Message.Contains("almost never repeat", StringComparison.Ordinal));
    }

    [Fact]
    public void A_rating_between_levels_is_refused_with_the_value()
    {
        var model = Ratings.Model;
        var rows = Ratings.AsEnumerable().Take(200).ToList();
        rows[10] = rows[10] with { Value = 3.5 };
        var ratings = new RatingSetBuilder(model).AddRange(rows).Build().Ratings;

        var error = Assert.Throws<InsufficientRatingsException>(() => new ManyFacetRaschCalibrator().Calibrate(ratings));

        Assert.Contains("3.5", error.Message, StringComparison.Ordinal);
        Assert.Contains("level", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.6)]
    [InlineData(double.NaN)]
    public void A_bad_extreme_score_adjustment_is_refused(double adjustment)
    {
        var error = Assert.Throws<ArgumentException>(() => new ManyFacetRaschCalibrator(new RaschOptions { ExtremeScoreAdjustment = adjustment }));
        Assert.Contains(nameof(RaschOptions.ExtremeScoreAdjustment), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_extreme_ratings_are_refused()
    {
        var model = Ratings.Model;
        var scale = model.Scale;
        var rows = new[]
        {
            new Rating(new RateeId("a"), new RaterId("x"), RaterSource.Peer, model.Competencies[0].Id.Value, scale.Minimum),
            new Rating(new RateeId("b"), new RaterId("y"), RaterSource.Peer, model.Competencies[0].Id.Value, scale.Maximum),
        };

        var error = Assert.Throws<InsufficientRatingsException>(() => new ManyFacetRaschCalibrator().Calibrate(new RatingSetBuilder(model).AddRange(rows).Build().Ratings));

        Assert.Contains("all in the lowest or all in the highest category; there is nothing to estimate the scale from.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Extreme_elements_are_measured_from_their_scores_over_all_their_ratings_with_the_rest_held()
    {
        // w rates everyone 2, the lowest level used: w is set aside, and then e, rated 4 by everyone else, is too. e's score
        // over all its ratings (4 + 4 + 4 + 4 + 2) is not extreme, so e is measured from it; w's all-lowest score moves 0.3 up.
        string[] ratees = [.. Enumerable.Range(0, 8).Select(p => $"p{p}"), "e"];
        var rows = Panels.Graded().Concat("vxyz".Select(r => Panels.Peer("e", r.ToString(), 4))).Concat(ratees.Select(p => Panels.Peer(p, "w", 2)));

        var result = new ManyFacetRaschCalibrator().Calibrate(Panels.Set(rows));

        var rasch = result.Rasch!;
        Assert.True(result.Converged);
        Assert.Contains(
            "1 ratee(s), 1 rater(s) had every rating in the lowest or every rating in the highest category: left out of estimation and measured with the score moved 0.3 points inward.",
            result.Warnings.Select(w => w.Message));
        var cumulative = Cumulative(rasch);
        var rater = rasch.Raters.ToDictionary(r => r.Id, r => r.Measure);
        var e = rasch.Ratees.Single(r => r.Id == "e");
        var w = rasch.Raters.Single(r => r.Id == "w");
        Assert.Equal((true, true), (e.IsExtreme, w.IsExtreme));
        Assert.All(rasch.Ratees.Concat(rasch.Raters).Where(x => x.Id is not ("e" or "w")), x => Assert.False(x.IsExtreme, x.Id));

        // Each solves its own likelihood equation at the other's final measure (the two met, so both were revisited).
        var ofE = rater.Keys.Select(r => e.Measure - rater[r]).ToArray();
        Assert.Equal(18, ofE.Sum(x => Expected(rasch, cumulative, x)), 1e-6);
        Assert.Equal(1 / Math.Sqrt(ofE.Sum(x => Variance(Probabilities(x, cumulative)))), e.StandardError, 1e-9);
        var ofW = rasch.Ratees.Select(r => r.Measure - w.Measure).ToArray();
        Assert.Equal((9 * 2) + 0.3, ofW.Sum(x => Expected(rasch, cumulative, x)), 1e-6);
        Assert.Equal(1 / Math.Sqrt(ofW.Sum(x => Variance(Probabilities(x, cumulative)))), w.StandardError, 1e-9);

        // Finite and beyond everyone else: the ablest ratee, the harshest rater.
        Assert.InRange(e.Measure, rasch.Ratees.Where(r => r.Id != "e").Max(r => r.Measure), 10);
        Assert.InRange(w.Measure, rasch.Raters.Where(r => r.Id != "w").Max(r => r.Measure), 10);
    }

    [Fact]
    public void Copies_of_the_ratees_leave_every_measure_where_it_was_at_a_size_that_is_summed_in_chunks()
    {
        // 3,200 copies of each ratee, rated as the original: each copy's likelihood equation is the original's and every
        // other element's is 3,200 times it, so the solution is the same. 102,400 ratings take the chunked Hessian product.
        const int copies = 3_200;
        var graded = Panels.Graded().ToArray();
        var many = Enumerable.Range(0, copies).SelectMany(c => graded.Select(r => r with { Ratee = new RateeId($"{r.Ratee.Value}#{c}") }));

        var one = new ManyFacetRaschCalibrator().Calibrate(Panels.Set(graded)).Rasch!;
        var result = new ManyFacetRaschCalibrator().Calibrate(Panels.Set(many));

        var all = result.Rasch!;
        Assert.True(result.Converged);
        Assert.Equal(graded.Length * copies, all.RatingsUsed);
        Assert.Equal(one.Thresholds.ToArray(), all.Thresholds.ToArray(), (a, b) => Math.Abs(a - b) < 1e-8);
        Assert.Equal(one.Raters.Select(r => (r.Id, r.Measure)), all.Raters.Select(r => (r.Id, r.Measure)), (a, b) => a.Id == b.Id && Math.Abs(a.Measure - b.Measure) < 1e-8);
        var ratee = one.Ratees.ToDictionary(r => r.Id, r => r.Measure);
        Assert.All(all.Ratees, r => Assert.Equal(ratee[r.Id[..r.Id.IndexOf('#', StringComparison.Ordinal)]], r.Measure, 1e-8));
    }

    private static double Effect(RaterId rater) => Fitted.TryGetRaterEffect(rater, out var effect) ? effect.Effect : double.NaN;

    private static double Sd(double[] values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Average(v => (v - mean) * (v - mean)));
    }

    private static double[] Cumulative(RaschFit rasch)
    {
        var cumulative = new double[rasch.Categories.Length];
        for (var k = 1; k < cumulative.Length; k++)
        {
            cumulative[k] = cumulative[k - 1] + rasch.Thresholds[k - 1];
        }

        return cumulative;
    }

    /// <summary>The expected rating's derivative in the linear predictor, by central difference.</summary>
    private static double Slope(RaschFit rasch, double[] cumulative, double x) =>
        (Expected(rasch, cumulative, x + 1e-6) - Expected(rasch, cumulative, x - 1e-6)) / 2e-6;

    /// <summary>The expected rating, on the original scale, at linear predictor x.</summary>
    private static double Expected(RaschFit rasch, double[] cumulative, double x) => Probabilities(x, cumulative).Select((q, k) => q * rasch.Categories[k].Level).Sum();

    /// <summary>The variance of the category index under probabilities p.</summary>
    private static double Variance(double[] p)
    {
        var mean = p.Select((q, k) => q * k).Sum();
        return p.Select((q, k) => q * (k - mean) * (k - mean)).Sum();
    }

    private static double[] Probabilities(double x, double[] cumulative)
    {
        var terms = cumulative.Select((c, k) => (k * x) - c).ToArray();
        var max = terms.Max();
        var exp = terms.Select(t => Math.Exp(t - max)).ToArray();
        var sum = exp.Sum();
        return [.. exp.Select(e => e / sum)];
    }

    /// <summary>An eRm data table (persons × items, categories 0…max) as ratings by one rater, items as competencies.</summary>
    internal static (RatingSet Ratings, string[] Items) ReadItemTable(string file, int scaleMaximum)
    {
        var lines = File.ReadAllLines(Path.Combine(Folder, file));
        var items = lines[0].Split(',').Skip(1).ToArray();
        var scale = ProficiencyScale.Create(Enumerable.Range(0, scaleMaximum + 1).Select(k => new ScaleLevel(k, $"Category {k}", $"Category {k} of the item")));
        var builder = new CompetencyModelBuilder("erm", "eRm items").WithScale(scale);
        foreach (var item in items)
        {
            builder.AddCompetency(item, "Item " + item, CompetencyDomain.Leadership, c => c.WithDefinition("An item of the eRm example."));
        }

        var model = builder.Build();
        var ratings = new RatingSetBuilder(model);
        foreach (var line in lines.Skip(1))
        {
            var fields = line.Split(',');
            for (var j = 0; j < items.Length; j++)
            {
                ratings.Add(new Rating(new RateeId("P" + fields[0]), new RaterId("test"), RaterSource.Assessor, items[j], double.Parse(fields[j + 1], CultureInfo.InvariantCulture)));
            }
        }

        return (ratings.Build().Ratings, items);
    }
}
