using Readiness.Calibration;
using Readiness.Competencies;
using Readiness.Evidence;
using Readiness.Pipeline;
using Readiness.Scoring;
using Readiness.Simulation;
using Readiness.Talent;

namespace Readiness.Core.Tests.OpenSeams;

/// <summary>A development planner written outside the library: its plans built by the validating factories, taken by the pipeline.</summary>
public sealed class OutsidePlannerTests
{
    private static readonly DateOnly Start = new(2026, 1, 5);

    [Fact]
    public void An_outside_planners_plans_go_through_the_pipeline_and_agree_with_their_assessments()
    {
        var organisation = OrganisationSimulator.Generate(new SimulationOptions { People = 150, Seed = 6 });
        var input = new ReadinessRunInput(organisation.TakeInRatings(), [LeadershipFramework.FirstLineManager])
        {
            Performance = PerformanceSet.Create(organisation.PerformanceRecords).Performance,
            ReviewDate = Start,
        };

        var run = new ReadinessPipeline(new CrossedRandomEffectsCalibrator(), new ReadinessScorer(), new LargestGapFirstPlanner()).Run(input);

        Assert.NotEmpty(run.Talent!.Plans);
        var assessments = run.Roles.Single().Assessments.ToDictionary(a => a.Person);
        Assert.All(run.Talent.Plans, plan =>
        {
            var assessment = assessments[plan.Person];
            Assert.Equal(assessment.Band, plan.Band);
            Assert.Equal(assessment.ProbabilityReadyNow, plan.ProbabilityReadyNow);
            Assert.Equal(plan.Steps.Select(s => s.Gap).OrderDescending(), plan.Steps.Select(s => s.Gap));
            Assert.Equal(plan.Steps.IsEmpty ? 0 : plan.Steps.Max(s => s.YearsToClose), plan.YearsToReady);
            Assert.True(plan.ReadyBy >= plan.Start);
        });
    }

    public static TheoryData<string, Func<object>, string> Refusals => new()
    {
        { "order 0", () => Step(order: 0), "order" },
        { "no gap", () => Step(gap: 0), "gap was 0; a step closes a gap" },
        { "NaN gap", () => Step(gap: double.NaN), "gap was NaN" },
        { "weight above 1", () => Step(weight: 1.5), "weight was 1.5; it must be in [0, 1]" },
        { "negative years", () => Step(years: -1), "yearsToClose was -1" },
        { "infinite years", () => Step(years: double.PositiveInfinity), "yearsToClose was Infinity" },
        { "undefined domain", () => DevelopmentStep.Create(1, new CompetencyId("builds-trust"), (CompetencyDomain)5, 1, 0.5, 1, Start), "domain was 5" },
        { "empty competency", () => DevelopmentStep.Create(1, default, CompetencyDomain.Leadership, 1, 0.5, 1, Start), "default (empty) id" },
        { "a null intervention", () => DevelopmentStep.Create(1, new CompetencyId("builds-trust"), CompetencyDomain.Leadership, 1, 0.5, 1, Start, [null!]), "Intervention 0 is null" },
        { "steps out of order", () => Plan([Step(order: 2)]), "Step 1 of 1 has order 2" },
        { "a competency not scored", () => Plan([Step(competency: "coaches")]), "Step 1 of 1 is on 'coaches', which the assessment against 'team-lead' did not score" },
        { "a competency twice", () => Plan([Step(), Step(order: 2)]), "Step 2 of 2 is on 'builds-trust', which has a step already" },
        { "another gap than the assessment's", () => Plan([Step(gap: 0.9)]), "Step 1 of 1 closes a gap of 0.9 on 'builds-trust', where the assessment has 0.5" },
        { "another weight than the assessment's", () => Plan([Step(weight: 0.5)]), "Step 1 of 1 gives 'builds-trust' a weight of 0.5, where the assessment has 1" },
        { "reassessed before the start", () => Plan([Step()], Start.AddDays(-1)), "nextReassessment was 2026-01-04" },
        { "reassessed after a step's date", () => Plan([Step()], Start.AddYears(2)), "on or before every step's reassessment date" },
        { "a plan for an unscored assessment", () => DevelopmentPlan.Create(ReadinessAssessment.NotScored(new RateeId("ann"), "team-lead", ScoringPolicy.Hybrid, ["no manager"], 0.9, []), Start, [], Start), "was not scored" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void The_factories_refuse_plans_that_contradict_their_assessment_naming_the_value_and_the_rule(string what, Func<object> create, string message)
    {
        var error = Assert.ThrowsAny<ArgumentException>(create);
        Assert.True(error.Message.Contains(message, StringComparison.Ordinal), $"{what}: {error.Message}");
    }

    [Fact]
    public void The_built_in_planners_plans_are_what_the_factory_makes_of_its_steps()
    {
        var organisation = OrganisationSimulator.Generate(new SimulationOptions { People = 120, Seed = 4 });
        var ratings = organisation.TakeInRatings().Ratings;
        var candidates = ReadinessCandidate.FromCalibration(new CrossedRandomEffectsCalibrator().Calibrate(ratings), ratings);
        var assessment = new ReadinessScorer().ScoreCohort(candidates, LeadershipFramework.FirstLineManager).First(a => a.IsScored && a.YearsToReady > 0);

        var plan = new DevelopmentPlanner().Plan(assessment, LeadershipFramework.FirstLineManager, Start);
        var again = DevelopmentPlan.Create(assessment, Start, plan.Steps, plan.NextReassessment, plan.LeadershipFirst);

        Assert.Equivalent(plan, again, strict: true);
    }

    private static DevelopmentStep Step(int order = 1, string competency = "builds-trust", double gap = 0.5, double weight = 1, double years = 1) =>
        DevelopmentStep.Create(order, new CompetencyId(competency), CompetencyDomain.Leadership, gap, weight, years, Start.AddYears(1));

    private static DevelopmentPlan Plan(IEnumerable<DevelopmentStep> steps, DateOnly? next = null) =>
        DevelopmentPlan.Create(
            ReadinessAssessment.Scored(new RateeId("ann"), "team-lead", ScoringPolicy.Hybrid, 70, 60, 80, 0.9, ReadinessBand.ReadyIn1To2Years, 1,
                [new CompetencyScore("builds-trust", 4, null, 1, 3.5, 0.2, 0.5, 1, 70, false)]),
            Start, steps, next ?? Start.AddMonths(6));

    /// <summary>One step per gap, the largest first, every one reassessed in six months.</summary>
    private sealed class LargestGapFirstPlanner : IDevelopmentPlanner
    {
        public DevelopmentPlan Plan(ReadinessAssessment assessment, RoleProfile profile, DateOnly start)
        {
            var reassess = start.AddMonths(6);
            var steps = assessment.Competencies
                .Where(c => c.Gap > 0)
                .OrderByDescending(c => c.Gap)
                .Select((c, i) => DevelopmentStep.Create(i + 1, c.Competency, profile.FindRequirement(c.Competency)!.Competency.Domain, c.Gap!.Value, c.Weight,
                    c.YearsToClose ?? (c.Gap!.Value / 0.25), reassess, belowCriticalMinimum: c.BelowCriticalMinimum));
            return DevelopmentPlan.Create(assessment, start, steps, reassess);
        }
    }
}
