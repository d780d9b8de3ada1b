using Readiness.Calibration;
using Readiness.Competencies;
using Readiness.Evidence;
using Readiness.Scoring;
using Readiness.Simulation;

namespace Readiness.Core.Tests.Scoring;

/// <summary>Time to ready from measured growth: the person's own, the cohort's, or the assumed rate — and always with an interval.</summary>
public sealed class MeasuredGrowthScoringTests
{
    private static readonly RoleProfile TeamLead = new RoleProfileBuilder("team-lead", "Team lead")
        .Require(LeadershipFramework.Delegates, target: 4, importance: 3, criticalMinimum: 3)
        .Require(LeadershipFramework.ManagesConflict, target: 4, importance: 2)
        .Require(LeadershipFramework.DeliversResults, target: 3, importance: 1)
        .Build(LeadershipFramework.Model);

    [Fact]
    public void The_readme_example_with_a_measured_rate_divides_each_gap_by_the_persons_own_growth()
    {
        // The README's candidate: delegation 0.6 below target. Measured: 0.4 ± 0.1 a year on delegation, 0.2 ± 0.05 on
        // conflict (no gap there); delivery keeps the assumed 0.5.
        var candidate = Candidate().WithDevelopmentRates(
            [new CompetencyGrowth(LeadershipFramework.Delegates, 0.4, 0.1), new CompetencyGrowth(LeadershipFramework.ManagesConflict, 0.2, 0.05)],
            GrowthBasis.Person);

        var a = new ReadinessScorer().Score(candidate, TeamLead);

        Assert.Equal(GrowthBasis.Person, a.DevelopmentBasis);
        Assert.Equal(1.5, a.YearsToReady!.Value, 1e-12);
        Assert.Equal(1.5, a.Competencies[0].YearsToClose!.Value, 1e-12);
        Assert.Equal(ReadinessBand.ReadyIn1To2Years, new ReadinessScorer(new ScoringOptions { BandBasis = BandBasis.PointEstimate }).Score(candidate, TeamLead).Band);
        Assert.Equal(a.ProbabilityReadyNearTerm >= 0.8 ? ReadinessBand.ReadyIn1To2Years : ReadinessBand.ReadyIn3PlusYears, a.Band);


        // 90%: delegation's estimate 3.4 ± 1.645·0.2, its rate 0.4 ± 1.645·0.1.
        var z = 1.6448536269514722;
        Assert.Equal((4 - (3.4 + (z * 0.2))) / (0.4 + (z * 0.1)), a.YearsToReadyLower!.Value, 1e-9);
        Assert.Equal((4 - (3.4 - (z * 0.2))) / (0.4 - (z * 0.1)), a.YearsToReadyUpper!.Value, 1e-9);

        // Assumed rates: the same arithmetic at 0.5 a year with no error in the rate.
        var assumed = new ReadinessScorer().Score(Candidate(), TeamLead);
        Assert.Equal(GrowthBasis.Assumed, assumed.DevelopmentBasis);
        Assert.Equal((4 - (3.4 + (z * 0.2))) / 0.5, assumed.YearsToReadyLower!.Value, 1e-9);
        Assert.Equal((4 - (3.4 - (z * 0.2))) / 0.5, assumed.YearsToReadyUpper!.Value, 1e-9);
    }

    [Fact]
    public void A_person_who_is_not_growing_is_not_on_track_and_their_gap_reads_as_centuries()
    {
        var candidate = Candidate().WithDevelopmentRates([new CompetencyGrowth(LeadershipFramework.Delegates, -0.05, 0.02)], GrowthBasis.Person);

        var a = new ReadinessScorer().Score(candidate, TeamLead);

        // Declining at 0.05 a year (at best 0.017 down): held at 0.001 a year, the 0.6 gap takes 600 years.
        Assert.Equal(600, a.YearsToReady!.Value, 1e-9);
        Assert.Equal(600, a.Competencies[0].YearsToClose!.Value, 1e-9);
        Assert.Equal((4 - (3.4 - (1.6448536269514722 * 0.2))) / 0.001, a.YearsToReadyUpper!.Value, 1e-6);
        Assert.Equal((4 - (3.4 + (1.6448536269514722 * 0.2))) / 0.001, a.YearsToReadyLower!.Value, 1e-6);
        Assert.Equal(ReadinessBand.NotOnLeadershipTrack, a.Band);

        // Only the chance that the true level already meets the target is left: 3 standard errors above the estimate.
        Assert.InRange(a.ProbabilityReadyNearTerm!.Value, 0, 0.002);
    }

    [Fact]
    public void Candidates_from_a_longitudinal_fit_carry_their_own_or_the_cohorts_growth()
    {
        var org = OrganisationSimulator.Generate(new SimulationOptions { People = 120, Cycles = 3, Seed = 3 });
        var ratings = org.TakeInRatings().Ratings;
        var fit = new LongitudinalCalibrator().Calibrate(ratings, org.ReviewCycles!);
        var last = org.ReviewCycles!.Cycles[^1].Date;

        var candidates = ReadinessCandidate.FromGrowth(fit, last, ratings);
        var assessments = new ReadinessScorer().ScoreCohort(candidates, LeadershipFramework.FirstLineManager);

        Assert.Equal(fit.Growth.Length, candidates.Length);
        Assert.All(candidates, c => Assert.Equal(GrowthBasis.Person, c.DevelopmentBasis));
        Assert.All(candidates, c => Assert.Equal(fit.RatesOf(c.Person).Select(r => r.Competency), c.DevelopmentRates.Select(r => r.Competency)));
        var growth = fit.Growth.ToDictionary(g => g.Person);
        var competencyGrowth = fit.CompetencyGrowth.ToDictionary(g => g.Competency);
        foreach (var c in candidates)
        {
            // Each rate is the competency's cohort growth plus the person's own deviation, the same on every competency.
            var own = c.DevelopmentRates.Select(r => r.Growth - competencyGrowth[r.Competency].Growth).ToArray();
            Assert.All(own, d => Assert.Equal(own[0], d, 1e-12));
            Assert.Equal(growth[c.Person].Growth, c.DevelopmentRates.Average(r => r.Growth), 1e-9);
        }

        Assert.All(assessments.Where(a => a.IsScored), a =>
        {
            Assert.Equal(GrowthBasis.Person, a.DevelopmentBasis);
            Assert.InRange(a.YearsToReady!.Value, a.YearsToReadyLower!.Value, a.YearsToReadyUpper!.Value);
        });

        // Estimates at the last cycle are the fit's own.
        var at = fit.At(last);
        Assert.All(candidates, c => Assert.All(c.Estimates, e => Assert.True(at.TryGetEstimate(c.Person, e.Competency, out var x) && x.Estimate == e.Estimate)));
    }

    /// <summary>The README's section "Readiness over time": its printed lines and the band counts it quotes.</summary>
    [Fact]
    [Trait("Category", "Slow")]
    public void The_readme_numbers_for_readiness_over_time()
    {
        var organisation = OrganisationSimulator.Generate(new SimulationOptions { People = 600, Cycles = 3, Seed = 5 });
        var ratings = organisation.TakeInRatings().Ratings;
        var growth = new LongitudinalCalibrator().Calibrate(ratings, organisation.ReviewCycles!);
        var last = organisation.ReviewCycles!.Cycles[^1].Date;

        var measured = new ReadinessScorer().ScoreCohort(ReadinessCandidate.FromGrowth(growth, last, ratings), LeadershipFramework.FirstLineManager);
        var assumed = new ReadinessScorer().ScoreCohort(ReadinessCandidate.FromCalibration(growth.At(last), ratings), LeadershipFramework.FirstLineManager);

        Assert.Equal(0.13, Math.Sqrt(growth.VarianceOf(VarianceComponent.RateeTime)!.Value), 2);
        Assert.Equal(-0.25, growth.LevelGrowthCorrelation!.Value, 2);
        Assert.Equal(0.11, growth.Growth.Average(g => g.Growth), 2);
        Assert.Equal((23, 2), (measured.Count(a => a.Band == ReadinessBand.ReadyIn1To2Years), measured.Count(a => a.Band == ReadinessBand.ReadyNow)));
        Assert.Equal((165, 6), (assumed.Count(a => a.Band == ReadinessBand.ReadyIn1To2Years), assumed.Count(a => a.Band == ReadinessBand.ReadyNow)));
        var next = measured.Where(a => a.Band == ReadinessBand.ReadyIn1To2Years).OrderBy(a => a, ReadinessAssessment.MostReadyFirst).First();
        Assert.Equal("P087", next.Person.Value);
        Assert.Equal((0.3, 0.0, 1.2), (Math.Round(next.YearsToReady!.Value, 1), Math.Round(next.YearsToReadyLower!.Value, 1), Math.Round(next.YearsToReadyUpper!.Value, 1)));
    }

    [Fact]
    public void Measured_rates_are_refused_without_a_measured_basis_or_twice_for_one_competency()
    {
        var rate = new CompetencyGrowth(LeadershipFramework.Delegates, 0.3, 0.1);

        Assert.Throws<ArgumentException>(() => Candidate().WithDevelopmentRates([rate], GrowthBasis.Assumed));
        Assert.Contains("two development rates", Assert.Throws<ArgumentException>(() => Candidate().WithDevelopmentRates([rate, new CompetencyGrowth(new CompetencyId("DELEGATES"), 0.2, 0.1)], GrowthBasis.Cohort)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new CompetencyGrowth(LeadershipFramework.Delegates, double.NaN, 0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CompetencyGrowth(LeadershipFramework.Delegates, 0.1, -0.1));
    }

    private static ReadinessCandidate Candidate()
    {
        var id = new RateeId("P1");
        (string Competency, double Estimate, double Se)[] estimates =
            [(LeadershipFramework.Delegates, 3.4, 0.2), (LeadershipFramework.ManagesConflict, 4.3, 0.3), (LeadershipFramework.DeliversResults, 4.5, 0.1)];
        return new ReadinessCandidate(id, estimates.Select(e => new CompetencyEstimate(id, e.Competency, e.Estimate, e.Se, 12, 6)), 6, [RaterSource.Manager, RaterSource.Peer]);
    }
}
