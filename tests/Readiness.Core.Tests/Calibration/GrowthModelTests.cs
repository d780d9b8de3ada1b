using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Readiness.Calibration;
using Readiness.Evidence;
using static Readiness.Competencies.LeadershipFramework;

namespace Readiness.Core.Tests.Calibration;

/// <summary>The longitudinal calibrator's laws and edges: one cycle is the crossed model, time's origin is arbitrary, bad cycles are refused.</summary>
public sealed class GrowthModelTests
{
    private static readonly DateOnly Day = new(2025, 6, 30);

    [Fact]
    public void One_cycle_gives_the_crossed_model_bit_for_bit()
    {
        var rows = Lme4Data.Load("org120").Ratings.AsEnumerable().Select(r => r with { Cycle = "mid-2025" });
        var ratings = new RatingSetBuilder(Model).AddRange(rows).Build().Ratings;
        var cycles = ReviewCycles.Create([new ReviewCycle("mid-2025", Day)]);

        var growth = new LongitudinalCalibrator().Calibrate(ratings, cycles);
        var crossed = new CrossedRandomEffectsCalibrator().Calibrate(ratings);
        var at = growth.At(Day);

        Assert.False(growth.MeasuresGrowth);
        Assert.Contains(growth.Warnings, w => w.Code == CalibrationWarningCodes.NoGrowth);
        Assert.Empty(growth.Growth);
        Assert.Empty(growth.CompetencyGrowth);
        Assert.Null(growth.LevelGrowthCorrelation);
        Assert.Equal(crossed.Objective!.Value, growth.Objective);
        Assert.Equal(crossed.VarianceComponents.Select(c => (c.Name, c.Variance)), growth.VarianceComponents.Select(c => (c.Name, c.Variance)));
        Assert.Equal(crossed.FixedEffects.Select(f => (f.Name, f.Estimate, f.StandardError)), growth.FixedEffects.Select(f => (f.Name, f.Estimate, f.StandardError)));
        Assert.Equal(crossed.Estimates.Select(e => (e.Person, e.Competency, e.Estimate, e.StandardError, e.Ratings, e.Raters)), at.Estimates.Select(e => (e.Person, e.Competency, e.Estimate, e.StandardError, e.Ratings, e.Raters)));
        Assert.Equal(crossed.RaterEffects.Select(r => (r.Rater, r.Effect, r.StandardError)), at.RaterEffects.Select(r => (r.Rater, r.Effect, r.StandardError)));
        Assert.Equal(crossed.SourceEffects.Select(s => (s.Source, s.Effect, s.StandardError)), at.SourceEffects.Select(s => (s.Source, s.Effect, s.StandardError)));
        Assert.Equal(crossed.ErrorCorrelations(at.Estimates[0].Person)!.ToLowerTriangle().ToArray(), at.ErrorCorrelations(at.Estimates[0].Person)!.ToLowerTriangle().ToArray());
        Assert.Empty(growth.RatesOf(at.Estimates[0].Person));
    }

    [Fact]
    public void A_rating_without_a_cycle_is_refused_with_the_count()
    {
        var ratings = Lme4Data.Load("org120").Ratings;

        var e = Assert.Throws<ArgumentException>(() => new LongitudinalCalibrator().Calibrate(ratings, ReviewCycles.Create([new ReviewCycle("2025", Day)])));

        Assert.Contains($"{ratings.Count} of the {ratings.Count} ratings carry no review cycle", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cycle_the_calendar_does_not_date_is_refused_by_name()
    {
        var data = GrowthModelLme4Tests.GrowthData.Load("growth120");
        var calendar = ReviewCycles.Create(data.Cycles.Cycles.Skip(1));

        var e = Assert.Throws<ArgumentException>(() => new LongitudinalCalibrator().Calibrate(data.Ratings, calendar));

        Assert.Contains($"review cycle '{data.Cycles.Cycles[0].Label}', which the calendar does not date", e.Message, StringComparison.Ordinal);
        Assert.Equal("cycles", e.ParamName);
    }

    [Fact]
    public void Cycles_from_labels_must_be_iso_dates_and_count_years_from_the_earliest()
    {
        var cycles = ReviewCycles.FromDateLabels(["2025-03-01", "2024-03-01", "2025-03-01"]);

        Assert.Equal(new DateOnly(2024, 3, 1), cycles.Origin);
        Assert.Equal(["2024-03-01", "2025-03-01"], cycles.Cycles.Select(c => c.Label));
        Assert.Equal(365 / 365.25, cycles.YearsSinceOrigin(new DateOnly(2025, 3, 1)), 12);
        Assert.True(cycles.TryGetDate("2025-03-01", out var date) && date == new DateOnly(2025, 3, 1));
        Assert.False(cycles.TryGetDate("2025-3-1", out _));
        var e = Assert.Throws<FormatException>(() => ReviewCycles.FromDateLabels(["2024-03-01", "Q1 2025"]));
        Assert.Contains("'Q1 2025'", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ReviewCycles.Create([new ReviewCycle("a", Day), new ReviewCycle("a", Day.AddDays(1))]));
        Assert.Throws<ArgumentException>(() => ReviewCycles.Create([]));
        Assert.Throws<ArgumentException>(() => new ReviewCycle(" ", Day));
    }

    /// <summary>
    /// A multi-cycle design: 8–30 people over 2–4 cycles 150–500 days apart, each rated in each cycle (but a few missed)
    /// by 2–5 raters from a pool of 4–20 shared across cycles, on 2–4 competencies; values carry a level and a growth per
    /// person, a profile, leniency and noise, within [1.2, 4.8].
    /// </summary>
    private static Gen<(Rating[] Rows, ReviewCycle[] Cycles)> Designs =>
        from people in Gen.Choose(8, 30)
        from pool in Gen.Choose(4, 20)
        from perPerson in Gen.Choose(2, 5)
        from competencies in Gen.Choose(2, 4)
        from count in Gen.Choose(2, 4)
        from seed in Gen.Choose(0, int.MaxValue)
        select Draw(people, pool, perPerson, competencies, count, seed);

    [Property(MaxTest = 20)]
    public Property A_cycle_far_in_the_past_with_no_ratings_changes_nothing() =>
        Prop.ForAll(Designs.ToArbitrary(), Gen.Choose(1, 9000).ToArbitrary(), (design, days) =>
        {
            // Time is counted from the first cycle rated, so a calendar reaching further back is the same fit, number for number.
            var ratings = new RatingSetBuilder(Model).AddRange(design.Rows).Build().Ratings;
            var earlier = ReviewCycles.Create([.. design.Cycles, new ReviewCycle("long ago", design.Cycles[0].Date.AddDays(-days))]);
            var (a, b) = (Outcome(ratings, ReviewCycles.Create(design.Cycles)), Outcome(ratings, earlier));
            Assert.Equal(a.Refusal, b.Refusal);
            if (a.Fit is null || b.Fit is null)
            {
                return;
            }

            Assert.Equal(a.Fit.Origin, b.Fit.Origin);
            Assert.Equal(a.Fit.Objective, b.Fit.Objective);
            Assert.Equal(a.Fit.VarianceComponents.Select(c => c.Variance), b.Fit.VarianceComponents.Select(c => c.Variance));
            Assert.Equal(a.Fit.LevelGrowthCorrelation, b.Fit.LevelGrowthCorrelation);
            var when = design.Cycles[^1].Date;
            Assert.Equal(a.Fit.At(when).Estimates.Select(e => (e.Estimate, e.StandardError)), b.Fit.At(when).Estimates.Select(e => (e.Estimate, e.StandardError)));
            Assert.Equal(a.Fit.Growth.Select(g => (g.Growth, g.StandardError)), b.Fit.Growth.Select(g => (g.Growth, g.StandardError)));
        });

    [Property(MaxTest = 20)]
    public Property Shifting_every_date_by_a_constant_changes_no_estimate() =>
        Prop.ForAll(Designs.ToArbitrary(), Gen.Choose(-3000, 3000).ToArbitrary(), (design, days) =>
        {
            var ratings = new RatingSetBuilder(Model).AddRange(design.Rows).Build().Ratings;
            var shifted = ReviewCycles.Create(design.Cycles.Select(c => new ReviewCycle(c.Label, c.Date.AddDays(days))));
            var (a, b) = (Outcome(ratings, ReviewCycles.Create(design.Cycles)), Outcome(ratings, shifted));
            Assert.Equal(a.Refusal, b.Refusal);
            if (a.Fit is null || b.Fit is null)
            {
                return;
            }

            // Dates in whole days shift years by days/365.25 for every cycle alike: the same model, the same numbers.
            Assert.Equal(a.Fit.Objective, b.Fit.Objective);
            Assert.Equal(a.Fit.VarianceComponents.Select(c => c.Variance), b.Fit.VarianceComponents.Select(c => c.Variance));
            foreach (var cycle in design.Cycles)
            {
                Assert.Equal(a.Fit.At(cycle.Date).Estimates.Select(e => e.Estimate), b.Fit.At(cycle.Date.AddDays(days)).Estimates.Select(e => e.Estimate));
            }
        });

    [Property(MaxTest = 20)]
    public Property Shifting_every_rating_shifts_every_estimate_and_leaves_growth_and_components() =>
        Prop.ForAll(Designs.ToArbitrary(), Gen.Choose(-20, 20).ToArbitrary(), (design, hundredths) =>
        {
            var shift = hundredths / 100.0;
            var calendar = ReviewCycles.Create(design.Cycles);
            var a = Outcome(new RatingSetBuilder(Model).AddRange(design.Rows).Build().Ratings, calendar);
            var b = Outcome(new RatingSetBuilder(Model).AddRange(design.Rows.Select(r => r with { Value = r.Value + shift })).Build().Ratings, calendar);
            Assert.Equal(a.Refusal, b.Refusal);
            if (a.Fit is null || b.Fit is null || !a.Fit.Converged || !b.Fit.Converged)
            {
                return;
            }

            var when = design.Cycles[0].Date.AddDays(200);
            Close(a.Fit.At(when).Estimates.Select(e => e.Estimate + shift), b.Fit.At(when).Estimates.Select(e => e.Estimate));
            Close(a.Fit.Growth.Select(g => g.Growth), b.Fit.Growth.Select(g => g.Growth));
            Close(a.Fit.VarianceComponents.Select(c => c.Variance), b.Fit.VarianceComponents.Select(c => c.Variance));
            Assert.All(a.Fit.Growth, g => Assert.Equal(g.Cycles >= 2 ? GrowthBasis.Person : GrowthBasis.Cohort, g.Basis));
        });

    private static (GrowthCalibration? Fit, Type? Refusal) Outcome(RatingSet ratings, ReviewCycles cycles)
    {
        try
        {
            return (new LongitudinalCalibrator().Calibrate(ratings, cycles), null);
        }
        catch (InsufficientRatingsException e)
        {
            return (null, e.GetType());
        }
    }

    /// <summary>Equal within 1e-4 absolute: both ends are optima of the same criterion found from other starts.</summary>
    private static void Close(IEnumerable<double> expected, IEnumerable<double> actual)
    {
        var (e, a) = (expected.ToArray(), actual.ToArray());
        Assert.Equal(e.Length, a.Length);
        for (var i = 0; i < e.Length; i++)
        {
            Assert.True(Math.Abs(e[i] - a[i]) <= 1e-4, $"element {i}: {e[i]} vs {a[i]}");
        }
    }

    private static (Rating[], ReviewCycle[]) Draw(int people, int pool, int perPerson, int competencies, int count, int seed)
    {
        var random = new Random(seed);
        double Normal(double sd) => sd * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var start = new DateOnly(2022, 1, 1).AddDays(random.Next(365));
        var cycles = new ReviewCycle[count];
        for (var k = 0; k < count; k++)
        {
            start = k == 0 ? start : start.AddDays(150 + random.Next(350));
            cycles[k] = new ReviewCycle($"cycle {k + 1}", start);
        }

        var leniency = Enumerable.Range(0, pool).Select(_ => Normal(0.3)).ToArray();
        var rows = new List<Rating>();
        for (var t = 0; t < people; t++)
        {
            var (level, growth) = (Normal(0.5), Normal(0.2));
            var profile = Enumerable.Range(0, competencies).Select(_ => Normal(0.3)).ToArray();
            foreach (var cycle in cycles)
            {
                if (random.NextDouble() < 0.1)
                {
                    continue;
                }

                var years = (cycle.Date.DayNumber - cycles[0].Date.DayNumber) / 365.25;
                foreach (var r in Enumerable.Range(0, pool).OrderBy(_ => random.Next()).Take(Math.Min(perPerson, pool)))
                {
                    for (var c = 0; c < competencies; c++)
                    {
                        var value = Math.Clamp(3 + level + ((0.2 + growth) * years) + profile[c] + leniency[r] + Normal(0.4), 1.2, 4.8);
                        rows.Add(new Rating(new RateeId($"p{t:D2}"), new RaterId($"r{r}"), RaterSource.Peer, Model.Competencies[c].Id.Value,
                            Math.Round(value, 2), cycle.Label));
                    }
                }
            }
        }

        return ([.. rows], cycles);
    }

    [Fact]
    public void A_fit_at_the_edge_of_its_parameter_space_says_so()
    {
        // Each competency on its own, no person factor: level and growth have nothing to vary together in.
        var random = new Random(5);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var ids = Model.Competencies.Take(4).Select(c => c.Id.Value).ToArray();
        string[] cycles = ["2024-01-01", "2025-01-01", "2026-01-01"];
        var builder = new RatingSetBuilder(Model);
        for (var p = 0; p < 80; p++)
        {
            var levels = ids.Select(_ => 3 + (0.6 * Normal())).ToArray();
            for (var t = 0; t < 3; t++)
            {
                for (var r = 0; r < 4; r++)
                {
                    for (var c = 0; c < ids.Length; c++)
                    {
                        builder.Add(new Rating(new RateeId($"P{p:D2}"), new RaterId($"R{((p * 4) + r + t) % 60:D2}"), RaterSource.Peer, ids[c], Math.Round(levels[c] + (0.1 * t) + (0.5 * Normal()), 2), cycles[t]));
                    }
                }
            }
        }

        var fit = new LongitudinalCalibrator().Calibrate(builder.Build().Ratings, ReviewCycles.FromDateLabels(cycles));

        Assert.True(Math.Abs(fit.LevelGrowthCorrelation!.Value) > 0.99);
        Assert.Contains(fit.Warnings, w => w.Code == CalibrationWarningCodes.BoundaryFit && w.Message.Contains("the correlation is pinned at its limit", StringComparison.Ordinal));
    }

    [Fact]
    public void Overlapping_development_records_of_one_intervention_are_refused_by_name()
    {
        var first = new DevelopmentRecord(new RateeId("P1"), "coaching", new DateOnly(2024, 1, 1), new DateOnly(2024, 6, 30), Delegates);
        Assert.True(first.Overlaps(new DevelopmentRecord(new RateeId("P1"), "coaching", new DateOnly(2024, 6, 1))));
        Assert.False(first.Overlaps(new DevelopmentRecord(new RateeId("P1"), "coaching", new DateOnly(2024, 6, 30))));
        Assert.False(first.Overlaps(new DevelopmentRecord(new RateeId("P1"), "coaching", new DateOnly(2024, 2, 1), null, ManagesConflict)));
        Assert.False(first.Overlaps(new DevelopmentRecord(new RateeId("P2"), "coaching", new DateOnly(2024, 2, 1))));
        Assert.False(first.Overlaps(new DevelopmentRecord(new RateeId("P1"), "mentoring", new DateOnly(2024, 2, 1))));

        var ratings = Readiness.Simulation.OrganisationSimulator.Generate(new Readiness.Simulation.SimulationOptions { People = 40, Cycles = 2, Seed = 2 }).TakeInRatings().Ratings;
        var person = ratings.Ratees[0];
        DevelopmentRecord[] records = [new(person, "coaching", new DateOnly(2024, 5, 1), new DateOnly(2024, 9, 1)), new(person, "coaching", new DateOnly(2024, 8, 1), null, Delegates)];
        var e = Assert.Throws<ArgumentException>(() => new LongitudinalCalibrator().Calibrate(ratings, ReviewCycles.FromDateLabels(ratings.Cycles.Select(c => c!)), records));
        Assert.StartsWith($"Two development records of {person} in 'coaching' overlap (from 2024-05-01 and from 2024-08-01)", e.Message, StringComparison.Ordinal);
    }
}
