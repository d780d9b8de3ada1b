using Readiness.Calibration;
using Readiness.Competencies;
using Readiness.Evidence;
using Readiness.Fairness;
using Readiness.Simulation;

namespace Readiness.Core.Tests.Fairness;

/// <summary>"Promote into readiness", tested on the simulator's organisation that promotes its best performers.</summary>
public sealed class PromotionFollowUpTests
{
    [Fact]
    public void Among_people_promoted_for_performance_readiness_at_promotion_predicts_their_teams_and_performance_does_not()
    {
        var org = OrganisationSimulator.Generate(new SimulationOptions { People = 300, Cycles = 3, Seed = 3, PromotionShare = 0.2 });
        var ratings = org.TakeInRatings().Ratings;
        var growth = new LongitudinalCalibrator().Calibrate(ratings, org.ReviewCycles!);
        var performance = PerformanceSet.Create(org.PerformanceRecords).Performance;

        var followUp = PromotionFollowUp.Run(growth, ratings, org.Promotions, [LeadershipFramework.FirstLineManager], org.TeamOutcomes, performance);

        Assert.Equal(60, followUp.Promotions.Length);
        Assert.All(followUp.Promotions, p => Assert.Equal(org.ReviewCycles!.Cycles[^1].Date, p.Promotion.Date));
        var study = followUp.Study!;
        Assert.Null(followUp.StudyNote);
        Assert.Equal(followUp.Promotions.Count(p => p.Assessment is { IsScored: true } && p.Outcome is not null), study.Sample);
        Assert.True(study.Readiness.R > 0.3 && study.Readiness.P < 0.01, $"readiness r {study.Readiness.R}, p {study.Readiness.P}");
        Assert.True(Math.Abs(study.Performance.R) < 0.25, $"performance r {study.Performance.R}");
        Assert.True(study.ReadinessOverPerformance.P < 0.01);

        // Promoted on performance, their performance range is cut down: the study sees the selection.
        Assert.True(study.Restriction.IsMaterial);
        Assert.Equal(study.Sample, followUp.ByBand.Sum(b => b.People));
        Assert.Equal(followUp.ByBand.Select(b => b.Band).Order(), followUp.ByBand.Select(b => b.Band));

        // The assessment is at the promotion date, from the estimates there.
        var first = followUp.Promotions.First(p => p.Assessment is { IsScored: true });
        var at = growth.At(first.Promotion.Date);
        Assert.All(first.Assessment!.Competencies.Where(c => c.Estimate is not null), c =>
            Assert.True(at.TryGetEstimate(first.Promotion.Person, c.Competency, out var e) && e.Estimate == c.Estimate));
        Assert.Equal(GrowthBasis.Person, first.Assessment.DevelopmentBasis);
    }

    [Fact]
    public void A_promotion_into_a_role_not_given_or_a_second_promotion_is_refused_by_name()
    {
        var org = OrganisationSimulator.Generate(new SimulationOptions { People = 40, Cycles = 2, Seed = 2 });
        var ratings = org.TakeInRatings().Ratings;
        var growth = new LongitudinalCalibrator().Calibrate(ratings, org.ReviewCycles!);
        var day = org.ReviewCycles!.Cycles[^1].Date;
        RoleProfile[] roles = [LeadershipFramework.FirstLineManager];

        var unknown = Assert.Throws<ArgumentException>(() => PromotionFollowUp.Run(growth, ratings, [new PromotionRecord(new RateeId("P01"), day, "head-of-sales")], roles, []));
        Assert.Contains("names the role 'head-of-sales', which is not among the roles given (first-line-manager)", unknown.Message, StringComparison.Ordinal);
        var twice = Assert.Throws<ArgumentException>(() => PromotionFollowUp.Run(growth, ratings,
            [new PromotionRecord(new RateeId("P01"), day, "first-line-manager"), new PromotionRecord(new RateeId("P01"), day.AddDays(30), "first-line-manager")], roles, []));
        Assert.Contains("P01 is promoted twice", twice.Message, StringComparison.Ordinal);

        // Too few outcomes for a study: the follow-up says why instead of failing.
        var few = PromotionFollowUp.Run(growth, ratings, [new PromotionRecord(new RateeId("P01"), day, "first-line-manager")], roles, [new OutcomeRecord(new RateeId("P01"), 50)]);
        Assert.Null(few.Study);
        Assert.Contains("the study needs at least", few.StudyNote, StringComparison.Ordinal);
    }

    [Fact]
    public void Readiness_at_a_promotion_uses_only_the_ratings_made_by_then()
    {
        var org = OrganisationSimulator.Generate(new SimulationOptions { People = 120, Cycles = 3, Seed = 5, DevelopmentShare = 0.3 });
        var cycles = org.ReviewCycles!;
        var all = org.TakeInRatings().Ratings;
        var growth = new LongitudinalCalibrator().Calibrate(all, cycles, org.Development);
        var second = cycles.Cycles[1];
        var promotedAt = second.Date.AddDays(40);
        PromotionRecord[] promotions = [.. all.Ratees.Take(5).Select(p => new PromotionRecord(p, promotedAt, "first-line-manager"))];
        RoleProfile[] roles = [LeadershipFramework.FirstLineManager];

        var followUp = PromotionFollowUp.Run(growth, all, promotions, roles, []);

        // The same follow-up from the first two cycles alone, with development as it stood at the promotion: the third
        // cycle, rated after the promotion, cannot move readiness at it.
        var known = all.InCycles(c => c != cycles.Cycles[2].Label);
        var development = org.Development.Where(d => d.Start <= promotedAt).Select(d => d.End > promotedAt ? new DevelopmentRecord(d.Person, d.Intervention, d.Start, null, d.Competency) : d);
        var then = PromotionFollowUp.Run(new LongitudinalCalibrator().Calibrate(known, cycles, development), known, promotions, roles, []);
        Assert.Equal(then.Promotions.Select(p => (p.Assessment!.Index, p.Assessment.YearsToReady)), followUp.Promotions.Select(p => (p.Assessment!.Index, p.Assessment.YearsToReady)));
        Assert.NotEqual(
            followUp.Promotions.Select(p => p.Assessment!.Index),
            PromotionFollowUp.Run(growth, all, [.. promotions.Select(p => new PromotionRecord(p.Person, cycles.Cycles[2].Date, p.Role))], roles, []).Promotions.Select(p => p.Assessment!.Index));

        // Before the first cycle nothing is known: not assessed, and said so.
        var early = PromotionFollowUp.Run(growth, all, [new PromotionRecord(all.Ratees[0], cycles.Cycles[0].Date.AddDays(-1), "first-line-manager")], roles, []);
        Assert.Null(early.Promotions[0].Assessment);
        Assert.StartsWith("No rating lies on or before", early.Promotions[0].NotAssessed, StringComparison.Ordinal);
        Assert.Null(followUp.Promotions[0].NotAssessed);
    }
}
