using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Readiness.Calibration;
using Readiness.Calibration.Internal;
using Readiness.Competencies;
using Readiness.Evidence;
using Readiness.Simulation;

namespace Readiness.Core.Tests.Calibration;

public sealed class CalibrationPropertyTests
{
    private static readonly SimulatedOrganisation Small = OrganisationSimulator.Generate(new SimulationOptions { People = 60, Seed = 3 });

    internal static readonly IRatingCalibrator[] Calibrators =
    [
        new RawMeanCalibrator(),
        new MeanCentringCalibrator(),
        new StandardisationCalibrator(),
        new CrossedRandomEffectsCalibrator(new CrossedModelOptions { Path = CrossedModelPath.Exact }),
        new CrossedRandomEffectsCalibrator(new CrossedModelOptions { Path = CrossedModelPath.Scalable }),
        new ManyFacetRaschCalibrator(),
    ];

    [Property(MaxTest = 5)]
    public Property Results_are_bit_identical_for_any_order_of_the_input_rows() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var shuffled = Small.Ratings.ToArray();
            new Random(seed).Shuffle(shuffled);
            var original = new RatingSetBuilder(Small.Options.Model).AddRange(Small.Ratings).Build().Ratings;
            var reordered = new RatingSetBuilder(Small.Options.Model).AddRange(shuffled).Build().Ratings;
            foreach (var calibrator in Calibrators)
            {
                var a = calibrator.Calibrate(original);
                var b = calibrator.Calibrate(reordered);
                Assert.Equivalent(a.Estimates.ToArray(), b.Estimates.ToArray(), strict: true);
                Assert.Equivalent(a.RaterEffects.ToArray(), b.RaterEffects.ToArray(), strict: true);
                Assert.Equivalent(a.VarianceComponents.ToArray(), b.VarianceComponents.ToArray(), strict: true);
            }
        });

    [Property(MaxTest = 20)]
    public Property Adding_a_constant_to_one_rater_moves_that_rater_relative_to_all_others_and_nothing_else() =>
        Prop.ForAll(
            (from rater in Gen.Choose(0, Small.Raters.Length - 1)
             from k in Gen.Elements(-0.75, -0.25, 0.5, 1.0)
             select (rater, k)).ToArbitrary(),
            c =>
            {
                // Unrounded, unclamped ratings on a wide scale, so that the shift keeps every rating on the scale.
                var model = WideModel();
                var target = Small.Raters[c.rater].Rater;
                var before = Set(model, Small.Ratings, null, 0);
                var after = Set(model, Small.Ratings, target, c.k);
                foreach (var calibrator in new IRatingCalibrator[] { new MeanCentringCalibrator(), new StandardisationCalibrator() })
                {
                    var x = calibrator.Calibrate(before);
                    var y = calibrator.Calibrate(after);

                    // Location is a convention (the grand mean), so "nothing else" means: every other rater's effect and
                    // every estimate move by one common constant, and the shifted rater's effect moves by k more.
                    var common = y.RaterEffects.First(e => e.Rater != target).Effect - x.RaterEffects.First(e => e.Rater != target).Effect;
                    foreach (var (ex, ey) in x.RaterEffects.Zip(y.RaterEffects))
                    {
                        Assert.Equal(ex.Effect + common + (ex.Rater == target ? c.k : 0), ey.Effect, 9);
                    }

                    foreach (var (ex, ey) in x.Estimates.Zip(y.Estimates))
                    {
                        Assert.Equal(ex.Estimate - common, ey.Estimate, 9);
                    }
                }
            });

    [Property(MaxTest = 10)]
    public Property In_the_crossed_model_with_raters_as_fixed_effects_a_shift_moves_that_rater_and_nothing_else() =>
        Prop.ForAll(
            (from rater in Gen.Choose(0, Small.Raters.Length - 1)
             from k in Gen.Elements(-0.75, 0.5, 1.0)
             select (rater, k)).ToArbitrary(),
            c =>
            {
                // The crossed model's fixed-effects limit: a rater variance so large that leniency is not shrunk at all.
                // Then a constant added to one rater's ratings is absorbed by that rater's effect alone: every other effect
                // keeps its value, up to the one common constant that identifies rater effects against the intercept.
                var model = WideModel();
                var target = Small.Raters[c.rater].Rater;
                var before = Solve(Set(model, Small.Ratings, null, 0));
                var after = Solve(Set(model, Small.Ratings, target, c.k));
                var index = Array.IndexOf([.. before.Ratings.Raters], target);
                var common = after.Rater[index == 0 ? 1 : 0] - before.Rater[index == 0 ? 1 : 0];
                for (var r = 0; r < before.Rater.Length; r++)
                {
                    Assert.Equal(before.Rater[r] + common + (r == index ? c.k : 0), after.Rater[r], 1e-4);
                }

                Assert.Equal(before.Beta[0] - common, after.Beta[0], 1e-4);
                Assert.Equal(before.Beta.Skip(1), after.Beta.Skip(1), (x, y) => Math.Abs(x - y) < 1e-4);
                Assert.Equal(before.Ratee, after.Ratee, (x, y) => Math.Abs(x - y) < 1e-4);
                Assert.Equal(before.Cell, after.Cell, (x, y) => Math.Abs(x - y) < 1e-4);
            });

    [Property(MaxTest = 15)]
    public Property The_Rasch_fit_of_any_small_organisation_converges_to_its_likelihood_equations_whatever_the_rater_ids() =>
        Prop.ForAll(
            (from people in Gen.Choose(6, 80)
             from seed in Gen.Choose(0, 100_000)
             from sources in Gen.Elements(false, true)
             select (people, seed, sources)).ToArbitrary(),
            c =>
            {
                var organisation = OrganisationSimulator.Generate(new SimulationOptions { People = c.people, Seed = c.seed });
                var calibrator = new ManyFacetRaschCalibrator(new RaschOptions { SourceFacet = c.sources });
                var ratings = organisation.TakeInRatings().Ratings;
                var result = calibrator.Calibrate(ratings);

                var rasch = result.Rasch!;
                Assert.True(result.Converged, $"{c}: not converged after {result.Iterations}");
                Assert.True(rasch.LargestScoreResidual < 1e-6, $"{c}: residual {rasch.LargestScoreResidual}");
                Assert.Equal(0, rasch.Thresholds.Sum(), 1e-9);
                Assert.Equal(0, rasch.Competencies.Where(e => !e.IsExtreme).Sum(e => e.Measure), 1e-9);
                Assert.All(result.Estimates, e => Assert.InRange(e.Estimate, ratings.Model.Scale.Minimum, ratings.Model.Scale.Maximum));
                Assert.All(result.Estimates, e => Assert.True(e.StandardError > 0 && double.IsFinite(e.StandardError), $"{c}: SE {e.StandardError}"));
                Assert.All(rasch.Raters, e => Assert.True(double.IsFinite(e.Measure) && e.StandardError > 0, $"{c}: rater {e}"));

                // Relabelling raters (reversed order) changes the internal numbering, not the measures.
                var renamed = new RatingSetBuilder(ratings.Model)
                    .AddRange(organisation.Ratings.Select(r => r with { Rater = new RaterId("z" + (1_000_000 - int.Parse(r.Rater.Value[1..], System.Globalization.CultureInfo.InvariantCulture))) }))
                    .Build().Ratings;
                var relabelled = calibrator.Calibrate(renamed);
                Assert.All(result.Estimates.Zip(relabelled.Estimates), p => Assert.Equal(p.First.Estimate, p.Second.Estimate, 1e-7));
            });

    [Property(MaxTest = 200)]
    public Property Accepted_plus_rejected_equals_submitted_for_dirty_input() =>
        Prop.ForAll(DirtyRatings.ToArbitrary(), rows =>
        {
            var builder = new RatingSetBuilder(LeadershipFramework.Model);
            foreach (var row in rows)
            {
                if (row is { } rating)
                {
                    builder.Add(rating);
                }
                else
                {
                    builder.Reject(RejectReason.Unreadable, "unreadable line");
                }
            }

            var intake = builder.Build();
            Assert.Equal(rows.Length, intake.Report.Submitted);
            Assert.Equal(intake.Report.Accepted, intake.Ratings.Count);
            Assert.Equal(intake.Report.Submitted, intake.Ratings.Count + intake.Report.Rejected.Length);
            Assert.Equal(intake.Report.Rejected.Length, intake.Report.Rejected.Select(r => r.Row).Distinct().Count());
        });

    private static Gen<Rating?[]> DirtyRatings =>
        Gen.ArrayOf(
            Gen.Frequency(
                (1, Gen.Constant<Rating?>(null)),
                (12, from ratee in Gen.Elements("a", "b", "c", "", " x")
                     from rater in Gen.Elements("a", "b", "c", "d")
                     from source in Gen.Elements(RaterSource.Self, RaterSource.Peer, RaterSource.Manager, (RaterSource)9)
                     from competency in Gen.Elements(LeadershipFramework.Delegates, LeadershipFramework.BuildsTrust, "nope")
                     from value in Gen.Elements(1.0, 2, 3, 4, 5, 0, 6, double.NaN, double.NegativeInfinity, 2.5)
                     from cycle in Gen.Elements<string?>(null, "2026", "")
                     select (Rating?)new Rating(
                         RateeId.TryCreate(ratee, out var t) ? t : default,
                         new RaterId(rater),
                         source,
                         competency,
                         value,
                         cycle))));

    private static CompetencyModel WideModel()
    {
        var builder = new CompetencyModelBuilder("wide", "Wide scale");
        builder.WithScale(ProficiencyScale.Create(Enumerable.Range(-5, 11).Select(v => new ScaleLevel(v, $"level {v}", $"Level {v}."))));
        foreach (var c in LeadershipFramework.Model.Competencies)
        {
            builder.AddCompetency(c.Id.Value, c.Name, c.Domain, b => b.WithDefinition(c.Definition));
        }

        return builder.Build();
    }

    private static (RatingSet Ratings, double[] Beta, double[] Cell, double[] Ratee, double[] Rater) Solve(RatingSet ratings)
    {
        var solver = new CrossedIterativeSolver(new CrossedDesign(ratings.WithoutSource(RaterSource.Self)), (0.04, 0.09, 1e4, 0.09));
        var (x, _, converged) = solver.Solve(solver.Rhs(), 1e-13, 100_000, null, CancellationToken.None);
        Assert.True(converged);
        var (beta, cell, ratee, rater) = solver.Split(x);
        return (ratings.WithoutSource(RaterSource.Self), beta, cell, ratee, rater);
    }

    private static RatingSet Set(CompetencyModel model, IEnumerable<Rating> ratings, RaterId? shifted, double k) =>
        new RatingSetBuilder(model)
            .AddRange(ratings.Select(r => r with { Value = r.Value - 3 + (r.Rater == shifted ? k : 0) }))
            .Build()
            .Ratings;
}
