using MathNet.Numerics.Statistics;
using Readiness.Calibration;
using Readiness.Competencies;
using Readiness.Reliability;
using Readiness.Simulation;

namespace Readiness.Core.Tests.Calibration;

/// <summary>The longitudinal calibrator recovers the growth the simulator plants across cycles.</summary>
public sealed class GrowthRecoveryTests
{
    [Fact]
    public void Several_cycles_are_labelled_by_their_dates_and_people_grow_from_their_first_levels()
    {
        var org = OrganisationSimulator.Generate(new SimulationOptions { People = 40, Cycles = 3, CycleSpacingDays = 300, Seed = 4 });
        var scale = org.Options.Model.Scale;

        Assert.Equal(["2024-03-01", "2024-12-26", "2025-10-22"], org.ReviewCycles!.Cycles.Select(c => c.Label));
        Assert.Equal(org.ReviewCycles.Cycles.Select(c => c.Label), org.Ratings.Select(r => r.Cycle).Distinct().Order(StringComparer.Ordinal));
        var person = org.People[7];
        Assert.Equal(person.TrueLevels.ToArray(), person.TrueLevelsAt(0, scale).ToArray());
        Assert.All(person.TrueLevelsAt(2, scale).Select((level, c) => (level, c)),
            p => Assert.Equal(Math.Clamp(person.TrueLevels[p.c] + (2 * person.TrueGrowth[p.c]), scale.Minimum, scale.Maximum), p.level, 12));
        Assert.Null(OrganisationSimulator.Generate(new SimulationOptions { People = 40, Seed = 4 }).ReviewCycles);
    }

    [Fact]
    public void Without_rater_styles_growth_per_competency_and_per_person_is_recovered()
    {
        var org = OrganisationSimulator.Generate(new SimulationOptions
        {
            People = 250, Cycles = 3, Seed = 2, BiasedRaterShare = 0, CentralTendencyShare = 0, HaloShare = 0, WholeLevels = false,
        });

        var fit = new LongitudinalCalibrator().Calibrate(org.TakeInRatings().Ratings, org.ReviewCycles!);

        Assert.True(fit.Converged);
        var domain = org.Options.Model.Competencies.ToDictionary(c => c.Id, c => c.Domain);
        foreach (var g in fit.CompetencyGrowth)
        {
            var planted = domain[g.Competency] == CompetencyDomain.Leadership ? 0.15 : 0.075;
            Assert.True(Math.Abs(g.Growth - planted) <= 3 * g.StandardError + 0.01, $"{g.Competency}: {g.Growth} ± {g.StandardError}, planted {planted}");
        }

        // 0.15² planted, less the spread the clamp at the scale's ends takes off.
        Assert.InRange(fit.VarianceOf(VarianceComponent.RateeTime)!.Value, 0.015, 0.03);
        Assert.InRange(fit.LevelGrowthCorrelation!.Value, -0.45, 0.05);
        var truth = org.People.ToDictionary(p => p.Person, p => p.TrueGrowth.Average());
        Assert.All(fit.Growth, g => Assert.Equal(GrowthBasis.Person, g.Basis));
        Assert.True(Correlation.Pearson(fit.Growth.Select(g => g.Growth), fit.Growth.Select(g => truth[g.Person])) > 0.9);
        // A little under 90%: ratings are held within the scale's ends, which the linear model does not know (87.5% and
        // 88.9% on 800 people, seeds 5 and 6; 84.4% here, 1.9 points of Monte-Carlo error on 250).
        var covered = fit.Growth.Count(g => Math.Abs(g.Growth - truth[g.Person]) <= 1.645 * g.StandardError) / (double)fit.Growth.Length;
        Assert.InRange(covered, 0.8, 0.95);
    }

    [Fact]
    public void With_the_simulators_rater_styles_growth_is_still_found_though_central_tendency_flattens_it()
    {
        var org = OrganisationSimulator.Generate(new SimulationOptions { People = 250, Cycles = 3, Seed = 2 });

        var fit = new LongitudinalCalibrator().Calibrate(org.TakeInRatings().Ratings, org.ReviewCycles!);

        var domain = org.Options.Model.Competencies.ToDictionary(c => c.Id, c => c.Domain);
        var leadership = fit.CompetencyGrowth.Where(g => domain[g.Competency] == CompetencyDomain.Leadership).Average(g => g.Growth);
        var performance = fit.CompetencyGrowth.Where(g => domain[g.Competency] == CompetencyDomain.IndividualPerformance).Average(g => g.Growth);
        Assert.InRange(leadership, 0.11, 0.16);
        Assert.InRange(performance, 0.04, 0.09);
        var truth = org.People.ToDictionary(p => p.Person, p => p.TrueGrowth.Average());
        Assert.True(Correlation.Pearson(fit.Growth.Select(g => g.Growth), fit.Growth.Select(g => truth[g.Person])) > 0.85);
    }

    /// <summary>
    /// <c>readiness simulate --people 600 --seed 5 --cycles 3</c>, where Newton from lme4's start (a growth SD as large as
    /// the noise) stopped at a REML criterion 331 above the optimum. lme4 1.1-31 (bobyqa, rhoend 1e-12) on the same ratings:
    /// criterion 232495.799853916, ratee_time 0.017124, ratee 0.176456, correlation −0.246.
    /// </summary>
    [Fact]
    [Trait("Category", "Slow")]
    public void The_search_reaches_lme4s_optimum_where_newton_from_lme4s_start_stalled()
    {
        var org = OrganisationSimulator.Generate(new SimulationOptions { People = 600, Cycles = 3, Seed = 5 });

        var fit = new LongitudinalCalibrator().Calibrate(org.TakeInRatings().Ratings, org.ReviewCycles!);

        Assert.True(fit.Converged);
        Assert.Equal(232495.799853916, fit.Objective, 1e-4);
        Assert.Equal(0.017124, fit.VarianceOf(VarianceComponent.RateeTime)!.Value, 1e-6);
        Assert.Equal(0.176456, fit.VarianceOf(VarianceComponent.Ratee)!.Value, 1e-6);
        Assert.Equal(-0.246, fit.LevelGrowthCorrelation!.Value, 3);
    }

    [Fact]
    public void A_development_programme_adds_its_growth_to_the_truth_and_its_records_name_each_leadership_competency()
    {
        var org = OrganisationSimulator.Generate(new SimulationOptions { People = 80, Cycles = 3, Seed = 6, DevelopmentShare = 0.4 });
        var scale = org.Options.Model.Scale;
        var leadership = org.Options.Model.Competencies.Select((c, j) => (c, j)).Where(p => p.c.Domain == CompetencyDomain.Leadership).ToArray();

        var took = org.Development.GroupBy(d => d.Person).ToDictionary(g => g.Key, g => g.ToArray());
        Assert.InRange(took.Count, 16, 48);
        Assert.All(took.Values, records =>
        {
            Assert.Equal(leadership.Select(p => p.c.Id.Value), records.Select(r => r.Competency));
            Assert.All(records, r => Assert.Equal(182, r.End!.Value.DayNumber - r.Start.DayNumber));
        });

        // Two years on, a participant's leadership levels carry 0.3 a year for the half year in it and 0.1 a year since.
        var person = org.People.First(p => took.ContainsKey(p.Person));
        var record = took[person.Person][0];
        double Years(DateOnly d) => (d.DayNumber - org.Options.FirstCycleDate.DayNumber) / 365.25;
        var (start, end) = (Years(record.Start), Years(record.End!.Value));
        foreach (var (_, j) in leadership)
        {
            var expected = Math.Clamp(person.TrueLevels[j] + (2 * person.TrueGrowth[j]) + (0.3 * (end - start)) + (0.1 * (2 - end)), scale.Minimum, scale.Maximum);
            Assert.Equal(expected, person.TrueLevelsAt(2, scale)[j], 12);
        }

        Assert.All(org.People.Where(p => !took.ContainsKey(p.Person)), p => Assert.All(p.TrueDevelopmentGrowth, g => Assert.Equal(0, g)));
    }

    /// <summary>
    /// Estimates at a date carry what a person's development had added by then: the programme's participants are estimated
    /// as well as everyone else at the last cycle (a newcomer found them 0.22 too low when the exposure was left out).
    /// </summary>
    [Fact]
    public void Estimates_at_a_date_carry_the_development_a_person_had_by_then()
    {
        var org = OrganisationSimulator.Generate(new SimulationOptions { People = 200, Cycles = 3, Seed = 7, DevelopmentShare = 0.3 });
        var fit = new LongitudinalCalibrator().Calibrate(org.TakeInRatings().Ratings, org.ReviewCycles!, org.Development);
        var last = org.ReviewCycles!.Cycles[^1].Date;
        var years = org.ReviewCycles.YearsSinceOrigin(last);
        var model = org.Options.Model;
        var position = model.Competencies.Select((c, j) => (c.Id, j)).ToDictionary(p => p.Id, p => p.j);
        var truth = org.People.ToDictionary(p => p.Person);
        var took = org.Development.Select(d => d.Person).ToHashSet();

        var error = fit.At(last).Estimates.Where(e => model.Competencies[position[e.Competency]].Domain == CompetencyDomain.Leadership)
            .GroupBy(e => took.Contains(e.Person))
            .ToDictionary(g => g.Key, g => g.Average(e => e.Estimate - truth[e.Person].TrueLevelsAt(years, model.Scale)[position[e.Competency]]));

        Assert.True(Math.Abs(error[true] - error[false]) < 0.06, $"participants {error[true]}, others {error[false]}");
        var before = fit.At(org.ReviewCycles.Cycles[0].Date).Estimates.ToDictionary(e => (e.Person, e.Competency));
        var participant = took.First();
        var programme = fit.InterventionEffects.Single();
        var record = org.Development.First(d => d.Person == participant);
        var spent = org.ReviewCycles.YearsSinceOrigin(record.End!.Value) - org.ReviewCycles.YearsSinceOrigin(record.Start);
        var since = years - org.ReviewCycles.YearsSinceOrigin(record.End!.Value);
        var growth = fit.RatesOf(participant).Single(r => r.Competency == record.Competency!);
        var now = fit.At(last).Estimates.Single(e => e.Person == participant && e.Competency == record.Competency!);
        Assert.Equal(before[(participant, now.Competency)].Estimate + (growth.Growth * years) + (programme.During!.Estimate * spent) + (programme.After!.Estimate * since), now.Estimate, 9);
    }

    /// <summary>
    /// Places assigned at random (<see cref="SimulationOptions.DevelopmentSelection"/> 0), rater styles off: the programme's
    /// planted +0.3 a year while in it and +0.1 after are found on average over three organisations. (Put forward for a low
    /// level, as by default, the effect while in it comes out 0.05–0.07 lower on the same seeds: the bias the fit warns of.)
    /// </summary>
    [Fact]
    [Trait("Category", "Slow")]
    public void A_randomly_assigned_programmes_planted_effects_are_recovered()
    {
        var (during, after) = (new List<double>(), new List<double>());
        for (var seed = 1; seed <= 3; seed++)
        {
            var org = OrganisationSimulator.Generate(new SimulationOptions
            {
                People = 400, Cycles = 3, Seed = seed, DevelopmentShare = 0.3, DevelopmentSelection = 0,
                BiasedRaterShare = 0, CentralTendencyShare = 0, HaloShare = 0, WholeLevels = false,
            });

            var fit = new LongitudinalCalibrator().Calibrate(org.TakeInRatings().Ratings, org.ReviewCycles!, org.Development);

            var effect = Assert.Single(fit.InterventionEffects);
            Assert.Equal("leadership programme", effect.Intervention);
            Assert.Equal(org.Development.Select(d => d.Person).Distinct().Count(), effect.People);
            Assert.Contains(fit.Warnings, w => w.Code == CalibrationWarningCodes.DevelopmentNotRandomised);
            during.Add(effect.During!.Estimate);
            after.Add(effect.After!.Estimate);
        }

        // Each estimate's standard error is about 0.024 (during) and 0.012 (after); their mean over three, 0.014 and 0.007.
        Assert.InRange(during.Average(), 0.3 - 0.035, 0.3 + 0.035);
        Assert.InRange(after.Average(), 0.1 - 0.02, 0.1 + 0.02);
    }

    /// <summary>
    /// With the simulator's rater styles on, central-tendency and halo raters flatten the programme's effect (about a tenth
    /// off, benchmarks/README.md); set aside by the diagnostics, the planted +0.3 comes back.
    /// </summary>
    [Fact]
    [Trait("Category", "Slow")]
    public void Setting_aside_styled_raters_restores_a_programmes_effect_that_their_styles_flatten()
    {
        var (kept, screened) = (new List<double>(), new List<double>());
        for (var seed = 1; seed <= 3; seed++)
        {
            var org = OrganisationSimulator.Generate(new SimulationOptions { People = 400, Cycles = 3, Seed = seed, DevelopmentShare = 0.3, DevelopmentSelection = 0 });
            var ratings = org.TakeInRatings().Ratings;
            var screen = StyledRaterScreen.Apply(ratings, new CrossedRandomEffectsCalibrator().Calibrate(ratings));

            kept.Add(new LongitudinalCalibrator().Calibrate(ratings, org.ReviewCycles!, org.Development).InterventionEffects.Single().During!.Estimate);
            screened.Add(new LongitudinalCalibrator().Calibrate(screen.Ratings, org.ReviewCycles!, org.Development).InterventionEffects.Single().During!.Estimate);
        }

        Assert.True(kept.Average() < 0.3 - 0.015, $"with every rater {kept.Average()}");
        Assert.InRange(screened.Average(), 0.3 - 0.02, 0.3 + 0.03);
    }
}
