using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MathNet.Numerics.LinearAlgebra;
using Readiness.Calibration;
using Readiness.Calibration.Internal;
using Readiness.Evidence;
using Readiness.Reliability;
using Readiness.Scoring;
using Readiness.Simulation;
using static Readiness.Competencies.LeadershipFramework;

namespace Readiness.Core.Tests.Calibration;

/// <summary>
/// Confidence intervals for a person's true level (<see cref="CompetencyEstimate.Interval"/>) and for the index: their
/// arithmetic, the conditional covariance they rest on against the crossed model's own predictions, and their coverage
/// against the simulator's truth.
/// </summary>
public sealed class ConfidenceIntervalTests
{
    private const double Z90 = 1.6448536269514722;

    private static readonly RateeId Person = new("P1");

    [Fact]
    public void An_estimate_not_pulled_toward_a_mean_has_the_interval_estimate_plus_or_minus_z_standard_errors()
    {
        var estimate = new CompetencyEstimate(Person, "communication", 3.2, 0.25, 6, 6);

        var interval = estimate.Interval(0.9);

        Assert.Equal(1, estimate.Reliability);
        Assert.Null(estimate.ShrunkToward);
        Assert.Equal(3.2 - (Z90 * 0.25), interval.Lower, 12);
        Assert.Equal(3.2 + (Z90 * 0.25), interval.Upper, 12);
    }

    [Fact]
    public void A_pulled_estimate_is_centred_on_what_the_persons_own_evidence_says_with_its_standard_error()
    {
        // Pulled from 4.5 halfway toward 3: the evidence says 4.5, with the standard error √(0.25 / 0.5).
        var estimate = new CompetencyEstimate(Person, "communication", 3.75, 0.5, 6, 6, reliability: 0.5, shrunkToward: 3);

        var interval = estimate.Interval(0.9);

        var half = Z90 * 0.5 / Math.Sqrt(0.5);
        Assert.Equal(4.5 - half, interval.Lower, 12);
        Assert.Equal(4.5 + half, interval.Upper, 12);
    }

    [Fact]
    public void An_interval_whose_centre_runs_past_the_estimate_is_widened_to_hold_it()
    {
        // The evidence says 3 + 1.5 / 0.1 = 18; its interval 18 ± 1.645 · 0.2 / √0.1 would leave the estimate out.
        var estimate = new CompetencyEstimate(Person, "communication", 4.5, 0.2, 1, 1, reliability: 0.1, shrunkToward: 3);

        var interval = estimate.Interval(0.9);

        Assert.Equal(4.5, interval.Lower);
        Assert.Equal(18 + (Z90 * 0.2 / Math.Sqrt(0.1)), interval.Upper, 10);
    }

    [Theory]
    [InlineData(0.0, 3.0, "reliability", "The reliability of P1 on communication was 0; it must be in (0, 1] (1 when the estimate is not pulled toward a mean).")]
    [InlineData(1.5, 3.0, "reliability", "The reliability of P1 on communication was 1.5; it must be in (0, 1] (1 when the estimate is not pulled toward a mean).")]
    [InlineData(double.NaN, 3.0, "reliability", "The reliability of P1 on communication was NaN; it must be in (0, 1] (1 when the estimate is not pulled toward a mean).")]
    [InlineData(0.5, null, "shrunkToward", "The estimate of P1 on communication was given a mean it was pulled toward of none at reliability 0.5; that mean must be finite, and given whenever the reliability is below 1.")]
    [InlineData(0.5, double.NaN, "shrunkToward", "The estimate of P1 on communication was given a mean it was pulled toward of NaN at reliability 0.5; that mean must be finite, and given whenever the reliability is below 1.")]
    [InlineData(1.0, double.PositiveInfinity, "shrunkToward", "The estimate of P1 on communication was given a mean it was pulled toward of Infinity at reliability 1; that mean must be finite, and given whenever the reliability is below 1.")]
    public void A_reliability_or_mean_that_breaks_its_rule_is_refused_naming_it(double reliability, double? toward, string parameter, string message)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new CompetencyEstimate(Person, "communication", 3, 0.2, 4, 4, reliability, toward));

        Assert.Equal(parameter, error.ParamName);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void An_interval_level_outside_0_to_1_is_refused(double level)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new CompetencyEstimate(Person, "communication", 3, 0.2, 4, 4).Interval(level));

        Assert.Equal("level", error.ParamName);
    }

    /// <summary>An estimate pulled toward a mean, its standard error, reliability and mean, and two interval levels.</summary>
    private static Gen<(double Estimate, double Se, double Reliability, double Mean, double Narrow, double Wide)> Pulled =>
        from estimate in Gen.Choose(100, 500)
        from se in Gen.Choose(0, 1000)
        from reliability in Gen.Choose(1, 1000)
        from mean in Gen.Choose(100, 500)
        from narrow in Gen.Choose(1, 98)
        from wider in Gen.Choose(1, 99 - narrow)
        select (estimate / 100.0, se / 1000.0, reliability / 1000.0, mean / 100.0, narrow / 100.0, (narrow + wider) / 100.0);

    [Property(MaxTest = 300)]
    public Property An_interval_holds_its_estimate_leans_away_from_the_mean_and_nests_inside_a_wider_one() =>
        Prop.ForAll(Pulled.ToArbitrary(), c =>
        {
            var estimate = new CompetencyEstimate(Person, "communication", c.Estimate, c.Se, 3, 3, c.Reliability, c.Reliability < 1 ? c.Mean : null);
            var (narrow, wide) = (estimate.Interval(c.Narrow), estimate.Interval(c.Wide));
            // At the mean itself the interval is centred on the estimate, to within the rounding of its two ends' midpoint.
            var middle = (narrow.Lower + narrow.Upper) / 2;
            return narrow.Lower <= c.Estimate && c.Estimate <= narrow.Upper
                && wide.Lower <= narrow.Lower && narrow.Upper <= wide.Upper
                && (c.Reliability == 1 || Math.Sign(middle - c.Estimate) == Math.Sign(c.Estimate - c.Mean)
                    || Math.Abs(middle - c.Estimate) <= 1e-12 * Math.Max(1, Math.Abs(c.Estimate)));
        });

    [Fact]
    public void At_the_mean_itself_the_interval_is_centred_on_the_estimate_within_rounding()
    {
        // The generated case that once failed the lean check above: the midpoint of the ends rounded 1 ulp off the estimate.
        var estimate = new CompetencyEstimate(Person, "communication", 3.89, 0.207, 3, 3, 0.991, 3.89);

        var interval = estimate.Interval(0.53);

        Assert.InRange(3.89, interval.Lower, interval.Upper);
        Assert.Equal(3.89, (interval.Lower + interval.Upper) / 2, 1e-12);
    }

    /// <summary>One ratee's cell counts and the model's variances (a term left out at 0).</summary>
    private static Gen<(double[] Counts, double Residual, double Ratee, double Cell)> Ratees =>
        from cells in Gen.Choose(1, 8)
        from counts in Gen.ArrayOf(Gen.Choose(1, 30), cells)
        from residual in Gen.Choose(1, 200)
        from ratee in Gen.Choose(0, 200)
        from cell in Gen.Choose(0, 200)
        select (counts.Select(n => (double)n).ToArray(), residual / 100.0, ratee / 100.0, cell / 100.0);

    [Property(MaxTest = 300)]
    public Property The_closed_form_covariance_given_the_true_levels_is_that_of_the_linear_predictions() =>
        Prop.ForAll(Ratees.ToArbitrary(), c =>
        {
            // The predictions are B·ȳ with B = k_c δ + s_c n_d s_d / P; given the true levels, ȳ's errors are independent
            // with variance σ²/n_d. With a zero posterior covariance passed in, the closed form is σ²·(B D Bᵀ − the
            // posterior given the effects), and the posterior given the effects is σ²·(δ/(n + λ_cell) + s s'/P).
            var k = c.Counts.Length;
            var lambdaCell = c.Cell > 0 ? c.Residual / c.Cell : double.PositiveInfinity;
            var lambdaRatee = c.Ratee > 0 ? c.Residual / c.Ratee : double.PositiveInfinity;
            var s = c.Counts.Select(n => double.IsPositiveInfinity(lambdaCell) ? 1 : lambdaCell / (n + lambdaCell)).ToArray();
            var p = lambdaRatee + c.Counts.Select((n, d) => n * s[d]).Sum();
            var b = Matrix<double>.Build.Dense(k, k, (i, d) => (i == d ? 1 - s[i] : 0) + (double.IsPositiveInfinity(p) ? 0 : s[i] * c.Counts[d] * s[d] / p));
            var sampling = b * Matrix<double>.Build.DiagonalOfDiagonalArray([.. c.Counts.Select(n => c.Residual / n)]) * b.Transpose();
            var given = new ConditionalCovariance(c.Counts, 0, k, c.Residual, c.Ratee, c.Cell);
            var agree = true;
            for (var i = 0; i < k; i++)
            {
                for (var j = 0; j <= i; j++)
                {
                    var posteriorGivenEffects = c.Residual * ((i == j && !double.IsPositiveInfinity(lambdaCell) ? 1 / (c.Counts[i] + lambdaCell) : 0)
                        + (double.IsPositiveInfinity(p) ? 0 : s[i] * s[j] / p));
                    var expected = sampling[i, j] - posteriorGivenEffects;
                    agree &= Math.Abs(given.Covariance(i, j, 0) - expected) <= 1e-12 * Math.Max(1, Math.Abs(expected));
                }
            }

            return agree;
        });

    [Fact]
    public void The_crossed_models_predictions_are_the_linear_map_the_conditional_covariance_assumes()
    {
        // One source and a rater per rating (no rater term): the predictions are exactly m_c + s_c·û + k_c·ȳ_c of the cell
        // means less the fixed part, with û = Σ n_d s_d ȳ_d / P — the map ConditionalCovariance's closed form rests on.
        var ratings = AnonymisedPeers(people: 60, seed: 3);
        var fit = new CrossedRandomEffectsCalibrator(new CrossedModelOptions { Path = CrossedModelPath.Exact }).Calibrate(ratings);
        double Variance(string name) => fit.VarianceOf(name) ?? 0;
        var (residual, lambdaRatee, lambdaCell) = (Variance(VarianceComponent.Residual), Variance(VarianceComponent.Residual) / Variance(VarianceComponent.Ratee),
            Variance(VarianceComponent.Residual) / Variance(VarianceComponent.RateeCompetency));
        Assert.True(residual > 0 && double.IsFinite(lambdaRatee) && double.IsFinite(lambdaCell), "the fit has every term");

        // With one source a rater effect per person and source would be the person effect again: no stand-ins.
        Assert.Contains(fit.Warnings, w => w.Code == CalibrationWarningCodes.RaterTermLeftOut);
        Assert.Null(fit.VarianceOf(VarianceComponent.RateeSource));
        var byCell = ratings.AsEnumerable().GroupBy(r => (r.Ratee, Competency: (Readiness.Competencies.CompetencyId)r.Competency)).ToDictionary(g => g.Key, g => g.Select(r => r.Value).ToArray());
        foreach (var person in ratings.Ratees)
        {
            var estimates = fit.EstimatesFor(person);
            var n = estimates.Select(e => (double)e.Ratings).ToArray();
            var mean = estimates.Select(e => byCell[(person, e.Competency)].Average() - e.ShrunkToward!.Value).ToArray();
            var s = n.Select(count => lambdaCell / (count + lambdaCell)).ToArray();
            var u = n.Select((count, d) => count * s[d] * mean[d]).Sum() / (lambdaRatee + n.Select((count, d) => count * s[d]).Sum());
            for (var c = 0; c < estimates.Length; c++)
            {
                Assert.Equal(estimates[c].ShrunkToward!.Value + (s[c] * u) + ((1 - s[c]) * mean[c]), estimates[c].Estimate, 8);
            }
        }
    }

    [Fact]
    public void The_index_interval_rests_on_the_persons_own_evidence_and_leans_away_from_the_mean_for_the_most_ready()
    {
        var ratings = OrganisationSimulator.Generate(new SimulationOptions { People = 200, Seed = 6 }).TakeInRatings().Ratings;
        var fit = new CrossedRandomEffectsCalibrator().Calibrate(ratings);
        var scorer = new ReadinessScorer();
        var candidates = ReadinessCandidate.FromCalibration(fit, ratings);
        var scored = candidates.Select(c => (Candidate: c, Assessment: scorer.Score(c, FirstLineManager))).Where(p => p.Assessment.IsScored).ToArray();
        var (candidate, confidence) = scored.MaxBy(p => p.Assessment.Index!.Value);
        var posterior = scorer.Score(
            new ReadinessCandidate(candidate.Person, candidate.Estimates, candidate.OtherRaters, candidate.Sources, errorCorrelations: candidate.ErrorCorrelations),
            FirstLineManager);

        Assert.NotNull(candidate.ConditionalErrorCorrelations);
        Assert.Equal(posterior.Index, confidence.Index);
        Assert.Equal(posterior.ProbabilityReadyNow, confidence.ProbabilityReadyNow);
        Assert.True(confidence.Upper > posterior.Upper, $"{confidence.Upper} against {posterior.Upper}");
        Assert.All(scored, p => Assert.InRange(p.Assessment.Index!.Value, p.Assessment.Lower!.Value, p.Assessment.Upper!.Value));
        Assert.All(scored.SelectMany(p => p.Assessment.Competencies), c => Assert.InRange(c.Estimate!.Value, c.Interval!.Value.Lower, c.Interval.Value.Upper));
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void With_styled_raters_set_aside_the_90_percent_intervals_cover_90_percent_in_every_fifth_of_the_true_level()
    {
        // Issue 34's acceptance (±2 points overall, ±5 in every fifth) at two organisations of 1,200 people, the
        // simulator's rater styles on; benchmarks/README.md has the table over seventeen, per design.
        var estimates = new List<(double Truth, bool Covered)>();
        var indices = new List<(double Truth, bool Covered)>();
        var scorer = new ReadinessScorer();
        for (var seed = 1; seed <= 2; seed++)
        {
            var organisation = OrganisationSimulator.Generate(new SimulationOptions { People = 1200, Seed = seed });
            var ratings = organisation.TakeInRatings().Ratings;
            ratings = StyledRaterScreen.Apply(ratings, new CrossedRandomEffectsCalibrator().Calibrate(ratings)).Ratings;
            var fit = new CrossedRandomEffectsCalibrator().Calibrate(ratings);
            var truth = organisation.People.ToDictionary(p => p.Person, p => p.TrueLevels);
            var position = Model.Competencies.Select((c, j) => (c.Id, j)).ToDictionary(p => p.Id, p => p.j);
            foreach (var e in fit.Estimates)
            {
                var level = truth[e.Person][position[e.Competency]];
                var interval = e.Interval(0.9);
                estimates.Add((level, interval.Lower <= level && level <= interval.Upper));
            }

            foreach (var candidate in ReadinessCandidate.FromCalibration(fit, ratings))
            {
                var assessment = scorer.Score(candidate, FirstLineManager);
                if (assessment.IsScored)
                {
                    var atTruth = new ReadinessCandidate(candidate.Person,
                        candidate.Estimates.Select(e => new CompetencyEstimate(e.Person, e.Competency, truth[e.Person][position[e.Competency]], 0, e.Ratings, e.Raters)),
                        candidate.OtherRaters, candidate.Sources);
                    var index = scorer.Score(atTruth, FirstLineManager).Index!.Value;
                    indices.Add((index, assessment.Lower <= index && index <= assessment.Upper));
                }
            }
        }

        Assert.InRange(Covered(estimates), 88, 92);
        Assert.All(Fifths(estimates), fifth => Assert.InRange(Covered(fifth), 85, 95));

        // 2,400 people: the index's fifths carry ±2.5 points of sampling error (95%) on top of the acceptance's ±5.
        Assert.InRange(Covered(indices), 87.5, 92.5);
        Assert.All(Fifths(indices), fifth => Assert.InRange(Covered(fifth), 82.5, 97.5));
    }

    private static double Covered(IReadOnlyCollection<(double Truth, bool Covered)> rows) => 100.0 * rows.Count(r => r.Covered) / rows.Count;

    private static IEnumerable<(double Truth, bool Covered)[]> Fifths(List<(double Truth, bool Covered)> rows)
    {
        var ordered = rows.OrderBy(r => r.Truth).ToArray();
        return Enumerable.Range(0, 5).Select(f => ordered[(f * ordered.Length / 5)..((f + 1) * ordered.Length / 5)]);
    }

    /// <summary>Peers only, each rating its own rater: the crossed model leaves out the rater term.</summary>
    private static RatingSet AnonymisedPeers(int people, int seed)
    {
        var random = new Random(seed);
        var builder = new RatingSetBuilder(Model);
        var rater = 0;
        for (var p = 0; p < people; p++)
        {
            var level = random.NextDouble() * 2;
            foreach (var competency in Model.Competencies.Take(5))
            {
                var own = level + random.NextDouble();
                for (var r = 0; r < 1 + random.Next(6); r++)
                {
                    builder.Add(new Rating(new RateeId($"P{p}"), new RaterId($"R{rater++}"), RaterSource.Peer, competency.Id.Value,
                        Math.Clamp(Math.Round(1.5 + own + (random.NextDouble() * 2)), 1, 5)));
                }
            }
        }

        return builder.Build().Ratings;
    }
}
