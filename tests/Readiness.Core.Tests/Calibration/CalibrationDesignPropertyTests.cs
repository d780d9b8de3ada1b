using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Readiness.Calibration;
using Readiness.Evidence;
using static Readiness.Competencies.LeadershipFramework;

namespace Readiness.Core.Tests.Calibration;

/// <summary>
/// Laws of calibration over generated rating designs — not the simulator's organisation with another seed: how many
/// people and raters, who rates whom, how many competencies and what the ids look like are all drawn.
/// </summary>
public sealed class CalibrationDesignPropertyTests
{
    // Every calibrator but Rasch, whose ratings are categories: a shift or a shrink of the values is not a law for it.
    private static readonly IRatingCalibrator[] Calibrators = [.. CalibrationPropertyTests.Calibrators.Where(c => c is not ManyFacetRaschCalibrator)];

    /// <summary>
    /// A design: 4–30 people, each rated by 2–6 raters drawn from a pool of 3–25 on 1–4 competencies, values
    /// 3 + person + person-by-competency + rater + noise within [1.5, 4.5] (room on the 1–5 scale for the shifts below),
    /// rater and ratee ids in one of three shapes.
    /// </summary>
    private static Gen<Rating[]> Designs =>
        from people in Gen.Choose(4, 30)
        from pool in Gen.Choose(3, 25)
        from perPerson in Gen.Choose(2, 6)
        from competencies in Gen.Choose(1, 4)
        from shape in Gen.Elements("R-{0}", "{0:x4}@corp", "anon-{0}-x")
        from seed in Gen.Choose(0, int.MaxValue)
        select Draw(people, pool, perPerson, competencies, shape, seed);

    [Property(MaxTest = 25)]
    public Property Shifting_every_rating_shifts_every_estimate_and_changes_nothing_else() =>
        Prop.ForAll(Designs.ToArbitrary(), Gen.Choose(-50, 50).ToArbitrary(), (rows, hundredths) =>
        {
            var shift = hundredths / 100.0;
            var shifted = rows.Select(r => r with { Value = r.Value + shift }).ToArray();
            foreach (var calibrator in Calibrators)
            {
                Compare(calibrator, rows, shifted, (a, b) =>
                {
                    AssertClose(a.Estimates.Select(e => e.Estimate + shift), b.Estimates.Select(e => e.Estimate), calibrator);
                    AssertClose(a.Estimates.Select(e => e.StandardError), b.Estimates.Select(e => e.StandardError), calibrator);
                    AssertClose(a.RaterEffects.Select(e => e.Effect), b.RaterEffects.Select(e => e.Effect), calibrator);
                    AssertClose(a.VarianceComponents.Select(c => c.Variance), b.VarianceComponents.Select(c => c.Variance), calibrator);
                });
            }
        });

    [Property(MaxTest = 25)]
    public Property Shrinking_the_ratings_about_the_scale_midpoint_shrinks_estimates_effects_and_standard_errors_alike() =>
        Prop.ForAll(Designs.ToArbitrary(), Gen.Choose(30, 95).ToArbitrary(), (rows, hundredths) => AssertShrinkingLaw(rows, hundredths / 100.0));

    /// <summary>
    /// Generated designs on which the exact path once broke the law: Newton stopped near a component at 0 on one of the
    /// two, where differences of 1e-6 in θ measured rounding instead of curvature.
    /// </summary>
    [Theory]
    [InlineData(16, 22, 3, 4, 1220372423, 0.47)]
    [InlineData(22, 11, 4, 3, 864941783, 0.33)]
    [InlineData(7, 10, 3, 3, 2022182849, 0.34)]
    public void Shrinking_keeps_its_law_on_designs_that_once_broke_it(int people, int pool, int perPerson, int competencies, int seed, double s) =>
        AssertShrinkingLaw(Draw(people, pool, perPerson, competencies, "R-{0}", seed), s);

    private static void AssertShrinkingLaw(Rating[] rows, double s)
    {
        var shrunk = rows.Select(r => r with { Value = 3 + (s * (r.Value - 3)) }).ToArray();
        foreach (var calibrator in Calibrators)
        {
            Compare(calibrator, rows, shrunk, (a, b) =>
            {
                AssertClose(a.Estimates.Select(e => 3 + (s * (e.Estimate - 3))), b.Estimates.Select(e => e.Estimate), calibrator);
                AssertClose(a.Estimates.Select(e => s * e.StandardError), b.Estimates.Select(e => e.StandardError), calibrator);
                AssertClose(a.RaterEffects.Select(e => s * e.Effect), b.RaterEffects.Select(e => e.Effect), calibrator);
                AssertClose(a.VarianceComponents.Select(c => s * s * c.Variance), b.VarianceComponents.Select(c => c.Variance), calibrator);
            });
        }
    }

    [Property(MaxTest = 25)]
    public Property New_ids_for_every_person_and_rater_change_no_number() =>
        Prop.ForAll(Designs.ToArbitrary(), Gen.Choose(0, int.MaxValue).ToArbitrary(), (rows, seed) =>
        {
            // A bijection onto ids of another shape, in another order: sorting and summation order change, numbers do not —
            // but for the scalable path, whose probes fall on the levels in id order, within its Monte-Carlo error (held near
            // 2.5e-4 of each component; estimates move by less than 1e-3, as against the exact path).
            var random = new Random(seed);
            var ratees = rows.Select(r => r.Ratee.Value).Distinct().OrderBy(_ => random.Next()).Select((id, i) => (id, i)).ToDictionary(p => p.id, p => $"person {p.i:D3}");
            var raters = rows.Select(r => r.Rater.Value).Distinct().OrderBy(_ => random.Next()).Select((id, i) => (id, i)).ToDictionary(p => p.id, p => $"z{p.i}");
            var renamed = rows.Select(r => r with { Ratee = new RateeId(ratees[r.Ratee.Value]), Rater = new RaterId(raters[r.Rater.Value]) }).ToArray();
            foreach (var calibrator in Calibrators)
            {
                Compare(calibrator, rows, renamed, (a, b) =>
                {
                    var byId = b.Estimates.ToDictionary(e => (e.Person.Value, e.Competency));
                    AssertClose(a.Estimates.Select(e => e.Estimate), a.Estimates.Select(e => byId[(ratees[e.Person.Value], e.Competency)].Estimate), calibrator);
                    AssertClose(a.Estimates.Select(e => e.StandardError), a.Estimates.Select(e => byId[(ratees[e.Person.Value], e.Competency)].StandardError), calibrator);
                    var effects = b.RaterEffects.ToDictionary(e => e.Rater.Value);
                    AssertClose(a.RaterEffects.Select(e => e.Effect), a.RaterEffects.Select(e => effects[raters[e.Rater.Value]].Effect), calibrator);
                    AssertClose(a.VarianceComponents.Select(c => c.Variance), b.VarianceComponents.Select(c => c.Variance), calibrator);
                });
            }
        });

    [Property(MaxTest = 25)]
    public Property An_anonymised_exports_numbers_do_not_depend_on_the_ids_its_responses_were_given() =>
        Prop.ForAll(Designs.ToArbitrary(), Gen.Choose(0, int.MaxValue).ToArbitrary(), (rows, seed) =>
        {
            // Each rater's ratings of a person come from one source drawn for the pair; then every rating gets its own
            // rater id, numbered in two different orders. The stand-ins, one per person and source, ignore those ids.
            var random = new Random(seed);
            var sources = rows.Select(r => (r.Ratee, r.Rater)).Distinct().ToDictionary(pair => pair, _ => random.Next(3) switch { 0 => RaterSource.Manager, 1 => RaterSource.Peer, _ => RaterSource.DirectReport });
            var sourced = rows.Select(r => r with { Source = sources[(r.Ratee, r.Rater)] }).ToArray();
            Rating[] Anonymised(int[] order) => [.. sourced.Select((r, i) => r with { Rater = new RaterId($"anon-{order[i]}") })];
            var first = Anonymised([.. Enumerable.Range(0, rows.Length)]);
            var second = Anonymised([.. Enumerable.Range(0, rows.Length).OrderBy(_ => random.Next())]);
            var calibrator = new CrossedRandomEffectsCalibrator(new CrossedModelOptions { Path = CrossedModelPath.Exact });
            var (a, b) = (Outcome(calibrator, Build(first)), Outcome(calibrator, Build(second)));
            Assert.Equal(a.Refusal, b.Refusal);
            if (a.Result is { } x && b.Result is { } y)
            {
                // The stand-ins come in where they outnumber the people by ten and repeat: a person × source component, and
                // numbers equal to the bit (a stand-in's ratings of a cell are put in order by value). Otherwise the rater term
                // is left out and the anonymous ids order each cell's ratings: numbers move within the optimiser's stop, as
                // with any new ids.
                var standIns = sourced.Select(r => (r.Ratee, r.Source)).Distinct().Count();
                var people = rows.Select(r => r.Ratee).Distinct().Count();
                var expected = standIns - people >= 10 && rows.Length - standIns >= 10;
                var tolerance = expected ? 0 : 1e-6;
                Assert.Equal(x.Estimates.Select(e => (e.Person, e.Competency, e.Raters)), y.Estimates.Select(e => (e.Person, e.Competency, e.Raters)));
                Assert.All(x.Estimates.Zip(y.Estimates), p => Assert.Equal(p.First.Estimate, p.Second.Estimate, tolerance));
                Assert.All(x.Estimates.Zip(y.Estimates), p => Assert.Equal(p.First.StandardError, p.Second.StandardError, tolerance));
                Assert.All(x.VarianceComponents.Zip(y.VarianceComponents), p => Assert.Equal(p.First.Variance, p.Second.Variance, tolerance));
                Assert.Empty(x.RaterEffects);
                Assert.Equal(expected, x.Crossed!.RateeSource is not null);
                Assert.Equal(expected, x.Warnings.Any(w => w.Code == CalibrationWarningCodes.RaterTermPerPersonSource));
                Assert.Equal(!expected, x.Warnings.Any(w => w.Code == CalibrationWarningCodes.RaterTermLeftOut));
            }
        });

    [Property(MaxTest = 25)]
    public Property The_scalable_path_finds_the_exact_paths_components_and_estimates_on_any_design() =>
        Prop.ForAll(Designs.ToArbitrary(), rows => { AssertScalableFindsExact(rows); });

    /// <summary>
    /// Generated designs on which the scalable path once missed: a component dropped on its way to the optimum (0.56% and
    /// 0.88% of the total), a crawl at a steady ratio of 0.72, cycles steered by the solves or by a component turning near
    /// 0, and a joint step that threw a 7% component to 0.
    /// </summary>
    [Theory]
    [InlineData(6, 5, 4, 2, 722466941)]
    [InlineData(18, 20, 2, 2, 1609619635)]
    [InlineData(5, 17, 3, 2, 1487937446)]
    [InlineData(16, 5, 2, 3, 745321029)]
    [InlineData(8, 5, 5, 3, 752192557)]
    [InlineData(7, 4, 6, 2, 1840922723)]
    [InlineData(23, 6, 3, 2, 459793363)]
    [InlineData(5, 8, 2, 2, 697249826)]
    public void The_scalable_path_finds_the_exact_paths_components_on_designs_it_once_missed(int people, int pool, int perPerson, int competencies, int seed) =>
        Assert.True(AssertScalableFindsExact(Draw(people, pool, perPerson, competencies, "R-{0}", seed)), "the design is exempt from the law");

    /// <summary>The law, where it applies; false where the design is exempt (see the two reasons below).</summary>
    private static bool AssertScalableFindsExact(Rating[] rows)
    {
        var exact = new CrossedRandomEffectsCalibrator(new CrossedModelOptions { Path = CrossedModelPath.Exact });
        var scalable = new CrossedRandomEffectsCalibrator(new CrossedModelOptions { Path = CrossedModelPath.Scalable });
        var ratings = Build(rows);
        var (e, s) = (Outcome(exact, ratings), Outcome(scalable, ratings));
        Assert.Equal(e.Refusal, s.Refusal);
        // Where the criterion has two optima (tiny designs, people and raters nearly confounded) the exact path reports the
        // lower and says so; a local search from the moments, as the scalable path is, may end on either.
        if (e.Result is not { Converged: true } || s.Result is null || e.Result.Warnings.Any(w => w.Message.Contains(CrossedRandomEffectsCalibrator.TwoOptima, StringComparison.Ordinal)))
        {
            return false;
        }

        // Average-information Newton may stop short only on a criterion flat enough that exact Newton needed over 50
        // iterations (people, raters and residual nearly confounded: 180 and 205 on two of 20,000 generated designs), and
        // then it says so.
        if (!s.Result.Converged && e.Result.Iterations > 50)
        {
            Assert.NotEmpty(s.Result.Warnings.Select(w => w.Message));
            return false;
        }

        Assert.True(s.Result.Converged, $"{string.Join(" ", s.Result.Warnings.Select(w => w.Message))} (exact: {e.Result.Iterations} iterations)");

        // Within 1e-3 of the total variance: a component the probes cannot tell from 0 (under 0.1% of the total) is set to 0.
        var total = e.Result.VarianceComponents.Sum(c => c.Variance);
        Assert.Equal(e.Result.VarianceComponents.Select(c => c.Name), s.Result.VarianceComponents.Select(c => c.Name));
        foreach (var (x, y) in e.Result.VarianceComponents.Zip(s.Result.VarianceComponents))
        {
            Assert.True(Math.Abs(x.Variance - y.Variance) <= 1e-3 * total, $"{x.Name}: exact {x.Variance}, scalable {y.Variance} ({s.Result.Iterations} iterations, {(s.Result.Converged ? "converged" : "not converged")}; exact {e.Result.Iterations}, {(e.Result.Converged ? "converged" : "not converged")}; {ratings.Count} ratings: {string.Join(" ", s.Result.Warnings.Select(w => w.Message))})");
        }

        // Estimates within 2% of their standard error: on a few dozen ratings a component's 1e-3 of the total moves a
        // BLUP by up to 2.4e-3 (200-person designs hold 1e-3 absolute, ScalableRemlTests).
        var largest = e.Result.Estimates.Zip(s.Result.Estimates).Max(p => Math.Abs(p.First.Estimate - p.Second.Estimate) / p.First.StandardError);
        Assert.True(largest <= 0.02, $"estimates differ by up to {largest} of their standard error");
        return true;
    }

    internal static Rating[] Draw(int people, int pool, int perPerson, int competencies, string shape, int seed)
    {
        var random = new Random(seed);
        double Normal(double sd) => sd * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var raterIds = Enumerable.Range(0, pool).Select(r => string.Format(System.Globalization.CultureInfo.InvariantCulture, shape, (r * 7919) + 13)).ToArray();
        var leniency = raterIds.Select(_ => Normal(0.4)).ToArray();
        var rows = new List<Rating>();
        for (var t = 0; t < people; t++)
        {
            var level = Normal(0.6);
            var cells = Enumerable.Range(0, competencies).Select(_ => Normal(0.25)).ToArray();
            foreach (var r in Enumerable.Range(0, pool).OrderBy(_ => random.Next()).Take(Math.Min(perPerson, pool)))
            {
                for (var c = 0; c < competencies; c++)
                {
                    var value = Math.Clamp(3 + level + cells[c] + leniency[r] + Normal(0.5), 1.5, 4.5);
                    rows.Add(new Rating(new RateeId($"p{t}"), new RaterId(raterIds[r]), RaterSource.Peer, Model.Competencies[c].Id.Value, Math.Round(value, 2)));
                }
            }
        }

        return [.. rows];
    }

    private static RatingSet Build(IEnumerable<Rating> rows) => new RatingSetBuilder(Model).AddRange(rows).Build().Ratings;

    private static (CalibrationResult? Result, Type? Refusal) Outcome(IRatingCalibrator calibrator, RatingSet ratings)
    {
        try
        {
            return (calibrator.Calibrate(ratings), null);
        }
        catch (InsufficientRatingsException e)
        {
            return (null, e.GetType());
        }
    }

    /// <summary>
    /// Both designs are fitted, or both refused alike; when both fits converged, the law holds. (The exact path's optimiser
    /// stopped short on 2 of 300 generated designs of 56 and 78 ratings, and said so: such a fit is exempt.)
    /// </summary>
    private static void Compare(IRatingCalibrator calibrator, Rating[] original, Rating[] transformed, Action<CalibrationResult, CalibrationResult> law)
    {
        var (a, b) = (Outcome(calibrator, Build(original)), Outcome(calibrator, Build(transformed)));
        Assert.True(a.Refusal == b.Refusal, $"{calibrator.Method}: {a.Refusal?.Name ?? "fitted"} against {b.Refusal?.Name ?? "fitted"}");
        if (a.Result is { Converged: true } && b.Result is { Converged: true })
        {
            Assert.Equal(a.Result.Estimates.Length, b.Result.Estimates.Length);
            try
            {
                law(a.Result, b.Result);
            }
            catch (Xunit.Sdk.XunitException e)
            {
                throw new Xunit.Sdk.XunitException($"{e.Message} [{Describe(a.Result)}] against [{Describe(b.Result)}]");
            }
        }
    }

    private static string Describe(CalibrationResult r) =>
        $"{r.Algorithm}; {string.Join(", ", r.VarianceComponents.Select(c => $"{c.Name} {c.Variance:G6}"))}; {r.Iterations} iterations, {(r.Converged ? "converged" : "NOT converged")}; {string.Join(" ", r.Warnings.Select(w => w.Message))}";

    /// <summary>
    /// Equal within 1e-6 of the larger magnitude (and 1e-6 absolute): the exact optimiser stops at 1e-6. The scalable path
    /// within 1e-3, its agreement with the exact path: the number of probes follows an estimate of their spread, which on
    /// 1 of about 250 designs shrunk rounded to another count (34 probes against 46) and moved an estimate by 5.6e-4.
    /// </summary>
    private static void AssertClose(IEnumerable<double> expected, IEnumerable<double> actual, IRatingCalibrator calibrator, double scalableTolerance = 1e-3)
    {
        var tolerance = calibrator is CrossedRandomEffectsCalibrator { Options.Path: CrossedModelPath.Scalable } ? scalableTolerance : 1e-6;
        foreach (var (x, y) in expected.Zip(actual, (x, y) => (x, y)))
        {
            Assert.True(Math.Abs(x - y) <= tolerance * Math.Max(1, Math.Max(Math.Abs(x), Math.Abs(y))), $"{calibrator.Method} (calibrator {Array.IndexOf(Calibrators, calibrator)}): expected {x}, got {y}");
        }
    }
}
