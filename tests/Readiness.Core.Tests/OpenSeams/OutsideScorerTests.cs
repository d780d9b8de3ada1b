using System.Collections.Immutable;
using Readiness.Calibration;
using Readiness.Competencies;
using Readiness.Evidence;
using Readiness.Fairness;
using Readiness.Scoring;
using Readiness.Simulation;
using Readiness.Talent;

namespace Readiness.Core.Tests.OpenSeams;

/// <summary>A scorer written outside the library: its assessments built by the validating factories, taken by slates, the nine-box and audits.</summary>
public sealed class OutsideScorerTests
{
    private static readonly RateeId Ann = new("ann");

    [Fact]
    public void An_outside_scorers_assessments_go_through_slates_the_nine_box_and_audit_outcomes()
    {
        var ratings = OrganisationSimulator.Generate(new SimulationOptions { People = 150, Seed = 6 }).TakeInRatings().Ratings;
        var candidates = ReadinessCandidate.FromCalibration(new CrossedRandomEffectsCalibrator().Calibrate(ratings), ratings);
        IReadinessScorer scorer = new WeakestLinkScorer();

        var assessments = scorer.ScoreCohort(candidates, LeadershipFramework.FirstLineManager);

        Assert.Contains(assessments, a => a.IsScored);
        Assert.All(assessments.Where(a => a.IsScored), a => Assert.InRange(a.Index!.Value, a.Lower!.Value, a.Upper!.Value));
        Assert.NotEmpty(SuccessionSlate.Build("first-line-manager", assessments).Entries);
        Assert.NotNull(NineBox.Place(assessments));
        var outcome = AuditOutcome.ReadyNow(assessments);
        Assert.Equal(assessments.Count(a => !a.IsScored), outcome.NotScored);
        Assert.Equal(assessments.Count(a => a.IsScored), outcome.Decisions.Length);
    }

    public static TheoryData<string, Func<ReadinessAssessment>, string> Refusals => new()
    {
        { "index above 200", () => Scored(index: 201, upper: 201), "index was 201; it must be in [0, 200]" },
        { "lower above the index", () => Scored(lower: 80), "lower was 80; it must be in [0, 70]" },
        { "upper below the index", () => Scored(upper: 60), "upper was 60; it must be in [70, 200]" },
        { "NaN index", () => Scored(index: double.NaN), "index was NaN" },
        { "insufficient evidence, scored", () => Scored(band: ReadinessBand.InsufficientEvidence), "use NotScored for insufficient evidence" },
        { "undefined band", () => Scored(band: (ReadinessBand)7), "band was 7" },
        { "interval level 1", () => Scored(level: 1), "intervalLevel was 1; it must lie strictly between 0 and 1" },
        { "negative years", () => Scored(years: -1), "yearsToReady was -1" },
        { "performance index 201", () => Scored(performanceIndex: 201), "performanceIndex was 201" },
        { "undefined signal", () => Scored(signals: (ReadinessSignals)64), "signals was 64" },
        { "undefined policy", () => Scored(policy: (ScoringPolicy)9), "policy was 9" },
        { "bad profile id", () => Scored(profile: "team lead"), "'team lead' is not a valid id" },
        { "bad competency id", () => Scored(competency: "builds trust"), "'builds trust' is not a valid id" },
        { "nothing missing", () => ReadinessAssessment.NotScored(Ann, "team-lead", ScoringPolicy.Hybrid, [], 0.9, []), "at least one sentence" },
        { "no requirement scored", () => Scored(scores: []), "competencies is empty; a scored assessment has one entry per requirement" },
        { "a requirement twice", () => Scored(scores: [Score("builds-trust", weight: 0.5), Score("BUILDS-TRUST", weight: 0.5)]), "competencies[1] repeats BUILDS-TRUST (competencies[0])" },
        { "weights adding up to 3", () => Scored(scores: [Score("builds-trust", weight: 1), Score("delegates", weight: 1), Score("coaches", weight: 1)]), "The requirements' weights add up to 3; a role's weights add up to 1" },
        { "contributions not adding up to the index", () => Scored(scores: [Score("builds-trust", contribution: 50)]), "The contributions (1 of 1 given) add up to 50, not to the index 70" },
        { "contributions given for some", () => Scored(scores: [Score("builds-trust", weight: 0.5, contribution: 70), Score("delegates", weight: 0.5)]), "(1 of 2 given)" },
        { "a NaN estimate", () => Scored(scores: [Score("builds-trust", estimate: double.NaN)]), "The score on builds-trust: estimate was NaN; it must be a finite number" },
        { "a gap that is not the shortfall", () => Scored(scores: [Score("builds-trust", gap: 0.2)]), "The score on builds-trust: gap was 0.2; with estimate 3.5 and target 4 it must be 0.5" },
        { "a negative gap", () => Scored(scores: [Score("builds-trust", estimate: 4.5, gap: -0.5)]), "gap was -0.5; with estimate 4.5 and target 4 it must be 0" },
        { "a weight of 2", () => Scored(scores: [Score("builds-trust", weight: 2)]), "weight was 2; it must be in [0, 1]" },
        { "a critical minimum above the target", () => Scored(scores: [Score("builds-trust", critical: 4.5)]), "criticalMinimum was 4.5; it must be finite and at or below the target 4" },
        { "a critical flag the estimate contradicts", () => Scored(scores: [Score("builds-trust", critical: 3, below: true)]), "belowCriticalMinimum was true; the estimate 3.5 is at or above the critical minimum 3" },
        { "a critical flag without a minimum", () => Scored(scores: [Score("builds-trust", below: true)]), "belowCriticalMinimum was true; the requirement has no critical minimum to be below" },
        { "a gap without an estimate", () => Scored(scores: [new CompetencyScore("builds-trust", 4, null, 1, null, null, 0.5, null, null, false)]), "has a standard error, gap or interval but no estimate" },
        { "years without a gap", () => Scored(scores: [Score("builds-trust", estimate: 4.5, gap: 0, years: 1)]), "yearsToClose was 1; it must be finite, at least 0, given with a gap, and 0 when the gap is 0" },
        { "an empty reason", () => ReadinessAssessment.NotScored(Ann, "team-lead", ScoringPolicy.Hybrid, ["fine", " "], 0.9, []), "none empty" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void The_factories_refuse_numbers_that_contradict_each_other_naming_the_value_and_the_rule(string what, Func<ReadinessAssessment> create, string message)
    {
        var error = Assert.ThrowsAny<ArgumentException>(create);
        Assert.True(error.Message.Contains(message, StringComparison.Ordinal), $"{what}: {error.Message}");
    }

    [Fact]
    public void A_scored_and_a_not_scored_assessment_read_as_the_built_in_ones_do()
    {
        var scored = Scored();
        var not = ReadinessAssessment.NotScored(Ann, "team-lead", ScoringPolicy.Hybrid, ["no manager rating"], 0.9, [], performance: 3.5);

        Assert.True(scored.IsScored);
        Assert.True(scored.Evidence.IsSufficient);
        Assert.Equal("ann for team-lead: 70.0 [60.0, 80.0], ReadyIn1To2Years", scored.ToString());
        Assert.False(not.IsScored);
        Assert.Equal(ReadinessBand.InsufficientEvidence, not.Band);
        Assert.Equal("no manager rating", Assert.Single(not.Evidence.Missing));
        Assert.Equal(3.5, not.Performance);
        Assert.Throws<ArgumentNullException>(() => ReadinessAssessment.NotScored(Ann, "team-lead", ScoringPolicy.Hybrid, null!, 0.9, []));
        Assert.Throws<ArgumentNullException>(() => ReadinessAssessment.Scored(Ann, "team-lead", ScoringPolicy.Hybrid, 70, 60, 80, 0.9, ReadinessBand.ReadyNow, 0, [null!]));
    }

    private static CompetencyScore Score(string competency, double estimate = 3.5, double? gap = null, double weight = 1, double? critical = null, bool below = false, double? years = null, double? contribution = null) =>
        new(competency, 4, critical, weight, estimate, 0.2, gap ?? Math.Max(0, 4 - estimate), years, contribution, below);

    private static ReadinessAssessment Scored(
        double index = 70,
        double lower = 60,
        double upper = 80,
        double level = 0.9,
        ReadinessBand band = ReadinessBand.ReadyIn1To2Years,
        double years = 1.5,
        double? performanceIndex = null,
        ReadinessSignals signals = ReadinessSignals.None,
        ScoringPolicy policy = ScoringPolicy.Hybrid,
        string profile = "team-lead",
        string competency = "builds-trust",
        IEnumerable<CompetencyScore>? scores = null) =>
        ReadinessAssessment.Scored(Ann, profile, policy, index, lower, upper, level, band, years,
            scores ?? [new CompetencyScore(competency, 4, null, 1, 3.5, 0.2, 0.5, 1, null, false)], performanceIndex, signals: signals);

    /// <summary>A candidate is as ready as their weakest requirement: 100 × the lowest share of a target met.</summary>
    private sealed class WeakestLinkScorer : IReadinessScorer
    {
        public ReadinessAssessment Score(ReadinessCandidate candidate, RoleProfile profile)
        {
            var rows = profile.Requirements.Select(r => (Requirement: r, Estimate: candidate.FindEstimate(r.Competency.Id))).ToList();
            var scores = rows.Select(x => new CompetencyScore(x.Requirement.Competency.Id, x.Requirement.Target, x.Requirement.CriticalMinimum, x.Requirement.Weight.Fraction,
                x.Estimate?.Estimate, x.Estimate?.StandardError, x.Estimate is null ? null : Math.Max(0, x.Requirement.Target - x.Estimate.Estimate), null, null,
                x.Estimate?.Estimate < x.Requirement.CriticalMinimum));
            if (rows.Any(x => x.Estimate is null))
            {
                return ReadinessAssessment.NotScored(candidate.Person, profile.Id, ScoringPolicy.Conjunctive, ["no estimate for every requirement"], 0.9, scores, candidate.Performance);
            }

            var weakest = rows.MinBy(x => x.Estimate!.Estimate / x.Requirement.Target);
            var index = 100 * Math.Min(1, weakest.Estimate!.Estimate / weakest.Requirement.Target);
            var margin = 100 * 1.645 * weakest.Estimate.StandardError / weakest.Requirement.Target;
            var band = index >= 90 ? ReadinessBand.ReadyNow : index >= 75 ? ReadinessBand.ReadyIn1To2Years : index >= 60 ? ReadinessBand.ReadyIn3PlusYears : ReadinessBand.NotOnLeadershipTrack;
            var years = rows.Max(x => Math.Max(0, x.Requirement.Target - x.Estimate!.Estimate)) / 0.5; // half a point a year
            return ReadinessAssessment.Scored(candidate.Person, profile.Id, ScoringPolicy.Conjunctive, index, Math.Max(0, index - margin), Math.Min(100, index + margin), 0.9, band, years, scores,
                performance: candidate.Performance);
        }

        public ImmutableArray<ReadinessAssessment> ScoreCohort(IEnumerable<ReadinessCandidate> candidates, RoleProfile profile) =>
            [.. candidates.Select(c => Score(c, profile))];
    }
}
