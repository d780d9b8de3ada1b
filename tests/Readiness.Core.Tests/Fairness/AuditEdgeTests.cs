using Readiness.Calibration;
using Readiness.Evidence;
using Readiness.Fairness;
using Readiness.Scoring;
using static Readiness.Core.Tests.Fairness.AdverseImpactTests;

namespace Readiness.Core.Tests.Fairness;

/// <summary>The audit's rules at their edges: every option's limits, the inclusive and strict comparisons, the tie-breaks and the full messages.</summary>
public sealed class AuditEdgeTests
{
    private static readonly AuditOptions Defaults = new();

    private static readonly Dictionary<string, (AuditOptions Options, string? Problem)> Edges = new()
    {
        ["ratio threshold 1"] = (Defaults with { ImpactRatioThreshold = 1 }, null),
        ["ratio threshold just above 1"] = (Defaults with { ImpactRatioThreshold = 1.01 }, "ImpactRatioThreshold was 1.01; it must be in (0, 1]."),
        ["ratio threshold 0"] = (Defaults with { ImpactRatioThreshold = 0 }, "ImpactRatioThreshold was 0; it must be in (0, 1]."),
        ["ratio threshold tiny"] = (Defaults with { ImpactRatioThreshold = 1e-9 }, null),
        ["level 0"] = (Defaults with { SignificanceLevel = 0 }, "SignificanceLevel was 0; it must be in (0, 1)."),
        ["level 1"] = (Defaults with { SignificanceLevel = 1 }, "SignificanceLevel was 1; it must be in (0, 1)."),
        ["level near 1"] = (Defaults with { SignificanceLevel = 0.999 }, null),
        ["level near 0"] = (Defaults with { SignificanceLevel = 1e-9 }, null),
        ["share 0"] = (Defaults with { MinimumShare = 0 }, null),
        ["share near 1"] = (Defaults with { MinimumShare = 0.999 }, null),
        ["share 1"] = (Defaults with { MinimumShare = 1 }, "MinimumShare was 1; it must be in [0, 1)."),
        ["negative share"] = (Defaults with { MinimumShare = -0.01 }, "MinimumShare was -0.01; it must be in [0, 1)."),
        ["cell size 0"] = (Defaults with { MinimumCellSize = 0 }, null),
        ["negative cell size"] = (Defaults with { MinimumCellSize = -1 }, "MinimumCellSize was -1; it must be at least 0."),
        ["two broken"] = (Defaults with { SignificanceLevel = double.NaN, MinimumCellSize = -2 }, "SignificanceLevel was NaN; it must be in (0, 1). MinimumCellSize was -2; it must be at least 0."),
    };

    public static TheoryData<string> EdgeNames => [.. Edges.Keys];

    [Theory]
    [MemberData(nameof(EdgeNames))]
    public void Options_at_the_edge_of_their_rules(string name)
    {
        var (options, problem) = Edges[name];
        var (outcome, demographics) = Population(("a", 10, 5), ("b", 10, 2));

        if (problem is null)
        {
            Assert.NotNull(AdverseImpactAudit.Run(outcome, demographics, ["race"], options));
            return;
        }

        var e = Assert.Throws<ArgumentException>(() => AdverseImpactAudit.Run(outcome, demographics, ["race"], options));
        Assert.Equal($"{problem} (Parameter 'options')", e.Message);
    }

    [Theory]
    [InlineData(0.8, false)]
    [InlineData(0.8000001, true)]
    public void A_ratio_at_the_threshold_is_not_adverse_impact(double threshold, bool adverse)
    {
        // 8 of 20 against 10 of 20: ratio 0.8 exactly.
        var (outcome, demographics) = Population(("a", 20, 10), ("b", 20, 8));

        var b = AdverseImpactAudit.Run(outcome, demographics, ["race"], new AuditOptions { ImpactRatioThreshold = threshold }).Groups.Single(g => g.Group == "b");

        Assert.Equal((0.8, adverse), (b.ImpactRatio!.Value, b.AdverseImpact!.Value));
    }

    [Fact]
    public void A_group_at_the_minimum_share_or_cell_size_takes_part()
    {
        // b is 10 of 40 people, 2 of them selected; c is 10 people, none selected.
        var (outcome, demographics) = Population(("a", 30, 15), ("b", 10, 2));
        var (noneSelected, d2) = Population(("a", 30, 15), ("c", 10, 0));
        GroupStatus Status(string group, AuditOptions options) =>
            AdverseImpactAudit.Run(group == "b" ? outcome : noneSelected, group == "b" ? demographics : d2, ["race"], options with { Permutations = 100 })
                .Groups.Single(g => g.Group == group).Status;

        Assert.Equal(GroupStatus.Compared, Status("b", new AuditOptions { MinimumShare = 0.25 }));
        Assert.Equal(GroupStatus.ExcludedSmallShare, Status("b", new AuditOptions { MinimumShare = 0.2501 }));

        // The minimum holds for the people and for the selected and not selected: 2 selected pass a minimum of 2, not 3.
        Assert.Equal(GroupStatus.Compared, Status("b", new AuditOptions { MinimumCellSize = 2 }));
        Assert.Equal(GroupStatus.Suppressed, Status("b", new AuditOptions { MinimumCellSize = 3 }));

        // No one selected is shown, not hidden: it is the finding an audit exists for.
        Assert.Equal(GroupStatus.Compared, Status("c", new AuditOptions { MinimumCellSize = 10 }));
        Assert.Equal(GroupStatus.Suppressed, Status("c", new AuditOptions { MinimumCellSize = 11 }));
    }

    [Fact]
    public void One_suppressed_group_takes_every_group_tied_for_smallest_with_it_and_no_more()
    {
        var (outcome, demographics) = Population(("a", 30, 15), ("b", 4, 2), ("c", 12, 6), ("d", 12, 6), ("e", 20, 5));

        var audit = AdverseImpactAudit.Run(outcome, demographics, ["race"], new AuditOptions { MinimumCellSize = 5 });

        Assert.Equal(
            [GroupStatus.Reference, GroupStatus.Suppressed, GroupStatus.Suppressed, GroupStatus.Suppressed, GroupStatus.Compared],
            audit.Groups.Select(g => g.Status));
        Assert.Equal(78, audit.Audited);
    }

    [Fact]
    public void Two_small_groups_hide_each_other_unless_no_one_in_either_was_selected()
    {
        // b and c are both under the minimum: the total gives only their sum, so nothing more is suppressed …
        var (outcome, demographics) = Population(("a", 30, 15), ("b", 4, 2), ("c", 3, 1), ("d", 12, 6), ("e", 20, 5));
        Assert.Equal(
            [GroupStatus.Reference, GroupStatus.Suppressed, GroupStatus.Suppressed, GroupStatus.Compared, GroupStatus.Compared],
            AdverseImpactAudit.Run(outcome, demographics, ["race"], new AuditOptions { MinimumCellSize = 5 }).Groups.Select(g => g.Status));

        // … but when neither had anyone selected, their sum of selected (0) would say so of each: the smallest shown
        // group with someone selected goes too.
        var (none, d2) = Population(("a", 30, 15), ("b", 4, 0), ("c", 3, 0), ("d", 12, 6), ("e", 20, 5));
        Assert.Equal(
            [GroupStatus.Reference, GroupStatus.Suppressed, GroupStatus.Suppressed, GroupStatus.Suppressed, GroupStatus.Compared],
            AdverseImpactAudit.Run(none, d2, ["race"], new AuditOptions { MinimumCellSize = 5 }).Groups.Select(g => g.Status));
    }

    [Fact]
    public void Among_groups_at_the_top_rate_the_larger_is_the_reference_then_the_first_by_name()
    {
        var (bySize, d1) = Population(("a", 10, 5), ("b", 20, 10), ("c", 10, 2));
        var (byName, d2) = Population(("b", 10, 5), ("a", 10, 5), ("c", 10, 2));

        var sized = AdverseImpactAudit.Run(bySize, d1, ["race"]);
        var named = AdverseImpactAudit.Run(byName, d2, ["race"]);

        Assert.Equal("b", sized.Reference!.Group);
        Assert.Equal((GroupStatus.Compared, 1.0), (sized.Groups[0].Status, sized.Groups[0].ImpactRatio!.Value));
        Assert.Equal([GroupStatus.Reference, GroupStatus.Reference, GroupStatus.Compared], named.Groups.Select(g => g.Status));
        Assert.Equal("a", named.Reference!.Group);
        Assert.Null(named.Groups[1].FisherP);
        Assert.Equal(0.4, named.Groups[2].ImpactRatio!.Value, 15);
    }

    [Fact]
    public void Tests_are_undefined_when_everyone_or_nobody_is_selected_and_significance_is_strict()
    {
        var (all, d1) = Population(("a", 10, 10), ("b", 10, 10));
        var allB = AdverseImpactAudit.Run(all, d1, ["race"]).Groups[1];
        Assert.Equal((GroupStatus.Reference, (double?)null, (double?)null), (allB.Status, allB.Z, allB.ZTestP));

        var (some, d2) = Population(("a", 10, 10), ("b", 10, 9), ("c", 10, 0));
        var audit = AdverseImpactAudit.Run(some, d2, ["race"]);
        var b = audit.Groups[1];
        Assert.Equal(FisherExactTest.TwoSided(9, 1, 10, 0), b.FisherP!.Value);
        Assert.Equal(1.0, b.FisherP!.Value);
        var c = audit.Groups[2];
        Assert.Equal((0.0, true), (c.ImpactRatio!.Value, c.AdverseImpact!.Value));
        var p = c.AdjustedP!.Value;
        Assert.False(AdverseImpactAudit.Run(some, d2, ["race"], new AuditOptions { SignificanceLevel = p }).IsSignificant(c));
        Assert.True(AdverseImpactAudit.Run(some, d2, ["race"], new AuditOptions { SignificanceLevel = Math.BitIncrement(p) }).IsSignificant(c));
        Assert.Null(audit.IsSignificant(audit.Groups[0]));
        Assert.Throws<ArgumentNullException>(() => audit.IsSignificant(null!));
    }

    [Fact]
    public void The_z_test_is_the_pooled_two_proportion_test_of_R()
    {
        // R: prop.test(c(12, 48), c(40, 80), correct = FALSE): X-squared = 9.6, p-value = 0.001946; z = -sqrt(9.6).
        var (outcome, demographics) = Population(("a", 80, 48), ("b", 40, 12));

        var b = AdverseImpactAudit.Run(outcome, demographics, ["race"]).Groups[1];

        Assert.Equal(-Math.Sqrt(9.6), b.Z!.Value, 12);
        Assert.Equal(0.001946, b.ZTestP!.Value, 6);
    }

    [Fact]
    public void Attributes_must_be_given_distinct_and_not_blank()
    {
        var (outcome, demographics) = Population(("a", 10, 5), ("b", 10, 2));
        const string Message = "Audit by one or more distinct, non-blank attributes. (Parameter 'attributes')";

        Assert.Equal(Message, Assert.Throws<ArgumentException>(() => AdverseImpactAudit.Run(outcome, demographics, [])).Message);
        Assert.Equal(Message, Assert.Throws<ArgumentException>(() => AdverseImpactAudit.Run(outcome, demographics, ["race", " "])).Message);
        Assert.Equal(Message, Assert.Throws<ArgumentException>(() => AdverseImpactAudit.Run(outcome, demographics, ["race", "RACE"])).Message);
        Assert.Equal<string>(["race"], AdverseImpactAudit.Run(outcome, demographics, [" race "]).Attributes);
        Assert.Equal("outcome", Assert.Throws<ArgumentNullException>(() => AdverseImpactAudit.Run(null!, demographics, ["race"])).ParamName);
        Assert.Equal("demographics", Assert.Throws<ArgumentNullException>(() => AdverseImpactAudit.Run(outcome, null!, ["race"])).ParamName);
        Assert.Equal("attributes", Assert.Throws<ArgumentNullException>(() => AdverseImpactAudit.Run(outcome, demographics, null!)).ParamName);
    }

    [Fact]
    public void Demographics_compare_ignoring_case_and_spaces_and_name_the_bad_record()
    {
        var p = new RateeId("P1");
        var data = Demographics.Create([new(p, " Sex ", " f "), new(p, "sex", "F"), new(new RateeId("P2"), "team", "x")]);

        Assert.Equal("f", data.CategoryOf(p, "SEX "), ignoreCase: true);
        Assert.Null(data.CategoryOf(p, "team"));
        Assert.Null(data.CategoryOf(new RateeId("P9"), "sex"));
        Assert.Equal<string>(["Sex", "team"], data.Attributes);
        Assert.Equal(
            "Demographic record 1 has no person, attribute or category; each needs all three. (Parameter 'records')",
            Assert.Throws<ArgumentException>(() => Demographics.Create([new(p, "sex", "f"), new(p, "team", " ")])).Message);
        Assert.StartsWith("Demographic record 0 has", Assert.Throws<ArgumentException>(() => Demographics.Create([new(default, "sex", "f")])).Message, StringComparison.Ordinal);
        Assert.Equal(
            "'P1' has two categories on 'sex': 'f' and 'm'. (Parameter 'records')",
            Assert.Throws<ArgumentException>(() => Demographics.Create([new(p, "sex", "f"), new(p, "sex", "m")])).Message);
    }

    [Fact]
    public void Outcomes_select_at_the_cut_off_and_above_the_median_only()
    {
        var assessments = Cohort(40, 50, 60, 60, 70);

        Assert.Equal([false, false, true, true, true], AuditOutcome.IndexAtLeast(assessments, 60).Decisions.Select(d => d.Selected));
        Assert.Equal("readiness index at least 60", AuditOutcome.IndexAtLeast(assessments, 60).Name);
        Assert.Equal([false, false, false, false, true], AuditOutcome.ScoringRate(assessments).Decisions.Select(d => d.Selected));
        Assert.Equal("readiness index above the median (scoring rate)", AuditOutcome.ScoringRate(assessments).Name);
        Assert.Equal("band ready now", AuditOutcome.ReadyNow(assessments).Name);
        Assert.Equal(0, AuditOutcome.ReadyNow(assessments).NotScored);
        Assert.Throws<ArgumentOutOfRangeException>(() => AuditOutcome.IndexAtLeast(assessments, 100.5));
        Assert.Empty(AuditOutcome.ScoringRate([]).Decisions);
    }

    [Fact]
    public void An_outcome_holds_one_decision_per_person_in_person_order()
    {
        var (a, b) = (new RateeId("a"), new RateeId("b"));

        Assert.Equal([a, b], AuditOutcome.Create("x", [new(b, true), new(a, false)]).Decisions.Select(d => d.Person));
        Assert.Equal(
            "'a' has more than one decision; an outcome holds one per person. (Parameter 'decisions')",
            Assert.Throws<ArgumentException>(() => AuditOutcome.Create("x", [new(b, true), new(a, true), new(a, false)])).Message);
        Assert.Equal("A decision has no person. (Parameter 'decisions')", Assert.Throws<ArgumentException>(() => AuditOutcome.Create("x", [new(default, true)])).Message);
        Assert.Throws<ArgumentException>(() => AuditOutcome.Create(" ", []));
        Assert.Equal("slate", Assert.Throws<ArgumentNullException>(() => AuditOutcome.OnSlate(null!)).ParamName);
    }

    /// <summary>Scored assessments with the given indexes (one competency, estimate = index / 25 + 1 on a 1–5 scale against target 5), ids a, b, c…</summary>
    private static ReadinessAssessment[] Cohort(params double[] indexes)
    {
        var profile = new Readiness.Competencies.RoleProfileBuilder("p", "P").Require(Readiness.Competencies.LeadershipFramework.Delegates, target: 5, importance: 1).Build(Readiness.Competencies.LeadershipFramework.Model);
        var scorer = new ReadinessScorer(new ScoringOptions { OvershootCap = 0 });
        return [.. indexes.Select((x, i) =>
        {
            var id = new RateeId(((char)('a' + i)).ToString());
            var estimate = 1 + (x / 25);
            var a = scorer.Score(new ReadinessCandidate(id, [new CompetencyEstimate(id, Readiness.Competencies.LeadershipFramework.Delegates, estimate, 0.01, 12, 6)], 6, [RaterSource.Manager, RaterSource.Peer]), profile);
            Assert.Equal(x, a.Index!.Value, 9);
            return a;
        })];
    }
}
