using System.Collections.Immutable;
using Readiness.Competencies;
using Readiness.Scoring;
using Readiness.Talent;
using static Readiness.Competencies.LeadershipFramework;
using static Readiness.Core.Tests.Talent.TalentTests;

namespace Readiness.Core.Tests.Talent;

/// <summary>The talent views' rules at their edges: option limits with full messages, cuts hit exactly, every box, the catalogue's content.</summary>
public sealed class TalentEdgeTests
{
    /// <summary>Bands on the point estimates: these people sit exactly on band limits, which is where the rules are tested.</summary>
    private static readonly ReadinessScorer Scorer = new(new ScoringOptions { BandBasis = BandBasis.PointEstimate });

    private static readonly ImmutableArray<ReadinessAssessment> Four = Scorer.ScoreCohort(
        [Person("A", 4.0, 4.0, 0.01), Person("B", 3.5, 3.5, 0.01), Person("C", 3.0, 3.0, 0.01), Person("D", 1.5, 1.5, 0.01)], TeamLead);

    [Theory]
    [InlineData(0, 3, ReadinessBand.ReadyIn3PlusYears, "MaxLength was 0; it must be at least 1, or null for no limit.")]
    [InlineData(null, -1, ReadinessBand.ReadyIn3PlusYears, "KeyGaps was -1; it must be at least 0.")]
    [InlineData(null, 3, ReadinessBand.InsufficientEvidence, "LowestBand was InsufficientEvidence; it must be a band a scored candidate can have.")]
    [InlineData(null, 3, (ReadinessBand)(-1), "LowestBand was -1; it must be a band a scored candidate can have.")]
    public void Slate_options_out_of_range_are_refused_naming_the_rule(int? maxLength, int keyGaps, ReadinessBand lowest, string message)
    {
        var options = new SlateOptions { MaxLength = maxLength, KeyGaps = keyGaps, LowestBand = lowest };

        var e = Assert.Throws<ArgumentException>(() => SuccessionSlate.Build("role", Four, options));

        Assert.StartsWith($"{message} (Parameter 'options')", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Slate_options_at_their_limits()
    {
        var one = SuccessionSlate.Build("role", Four, new SlateOptions { MaxLength = 1, KeyGaps = 0 });
        var all = SuccessionSlate.Build("role", Four, new SlateOptions { LowestBand = ReadinessBand.NotOnLeadershipTrack });
        var readyNow = SuccessionSlate.Build("role", Four, new SlateOptions { LowestBand = ReadinessBand.ReadyNow });

        Assert.Equal(["A"], one.Entries.Select(e => e.Person.Value));
        Assert.Equal("ranked below the slate's 1 places", one.Excluded.Single(x => x.Person.Value == "B").Detail);
        Assert.Equal("band not-on-track is below ready-3-plus-years", one.Excluded.Single(x => x.Person.Value == "D").Detail);
        Assert.Equal(["A", "B", "C", "D"], all.Entries.Select(e => e.Person.Value));
        Assert.Equal([2, 2, 2, 0], all.Entries.Skip(1).Select(e => e.KeyGaps.Length).Append(one.Entries[0].KeyGaps.Length));
        Assert.All(readyNow.Entries, e => Assert.Equal(ReadinessBand.ReadyNow, e.Band));
        Assert.StartsWith("Exclude must not be null.", Assert.Throws<ArgumentException>(() => SuccessionSlate.Build("role", Four, new SlateOptions { Exclude = null! })).Message, StringComparison.Ordinal);
        Assert.Null(SuccessionSlate.Build("role", []).ProfileId);
    }

    [Fact]
    public void The_bench_counts_every_band_and_orders_shared_successors_by_slates_then_id()
    {
        var slates = new[]
        {
            SuccessionSlate.Build("Payments", Four, new SlateOptions { LowestBand = ReadinessBand.NotOnLeadershipTrack }),
            SuccessionSlate.Build("Risk", Four.Where(a => a.Person.Value is "B" or "C")),
            SuccessionSlate.Build("Cards", Four.Where(a => a.Person.Value is "C")),
        };

        var bench = BenchStrength.Measure(slates);

        Assert.Equal(
            [(Four.Count(a => a.Band == ReadinessBand.ReadyNow), Four.Count(a => a.Band == ReadinessBand.ReadyIn1To2Years), Four.Count(a => a.Band == ReadinessBand.ReadyIn3PlusYears), 1)],
            bench.Roles.Take(1).Select(r => (r.ReadyNow, r.ReadyIn1To2Years, r.ReadyIn3PlusYears, r.NotOnLeadershipTrack)));
        Assert.Equal(["C", "B"], bench.Shared.Select(s => s.Person.Value));
        Assert.Equal<string>(["Payments", "Risk", "Cards"], bench.Shared[0].Roles);
        Assert.Equal(
            "Role 'PAYMENTS' has 2 slates; give one per role. (Parameter 'slates')",
            Assert.Throws<ArgumentException>(() => BenchStrength.Measure([SuccessionSlate.Build("PAYMENTS", Four), slates[0]])).Message);
        Assert.StartsWith("Slate 1 is null.", Assert.Throws<ArgumentException>(() => BenchStrength.Measure([slates[0], null!])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_box_has_its_number_and_label()
    {
        Assert.Equal(
            [
                (1, "Talent risk"), (2, "Effective contributor"), (3, "Trusted professional"),
                (4, "Inconsistent player"), (5, "Core player"), (6, "High performer"),
                (7, "Rough diamond"), (8, "Emerging leader"), (9, "Future leader"),
            ],
            NineBoxCell.All.Select(c => (c.Number, c.DefaultLabel)));
        Assert.Equal(new NineBoxCell(TalentLevel.High, TalentLevel.Low), NineBoxCell.All[2]);
        Assert.Equal("box 3 (performance High, readiness Low)", NineBoxCell.All[2].ToString());
    }

    [Theory]
    [InlineData(49.999, TalentLevel.Low)]
    [InlineData(50, TalentLevel.Moderate)]
    [InlineData(79.999, TalentLevel.Moderate)]
    [InlineData(80, TalentLevel.High)]
    public void A_value_at_a_cut_belongs_to_the_band_above(double value, TalentLevel level) =>
        Assert.Equal(level, new NineBoxAxisCuts(50, 80).Level(value));

    [Fact]
    public void Without_performance_records_the_box_uses_the_role_performance_index()
    {
        var box = NineBox.Place(Four);
        var leadershipOnly = new RoleProfileBuilder("lead", "Lead").Require(Delegates, target: 4, importance: 1).Build(Model);
        var noMeasure = NineBox.Place([Scorer.Score(Candidate("Z", (Delegates, 3, 0.1)), leadershipOnly)]);

        Assert.False(box.UsesPerformanceRecords);
        Assert.All(box.Placements, p => Assert.Equal(Four.Single(a => a.Person == p.Person).PerformanceIndex, p.Performance));
        Assert.Equal(
            (ExclusionReason.NoPerformanceMeasure, "no performance records were given and the assessment has no performance index (the role has no individual-performance requirements, or its scorer gave none)"),
            (noMeasure.Excluded.Single().Reason, noMeasure.Excluded.Single().Detail));
        Assert.True(double.IsNaN(noMeasure.PerformanceCuts.Lower) && double.IsNaN(noMeasure.ReadinessCuts.Upper));
    }

    [Fact]
    public void Nine_box_options_are_checked_naming_the_rule()
    {
        var offGrid = ImmutableDictionary<NineBoxCell, string>.Empty.Add(new NineBoxCell((TalentLevel)3, TalentLevel.Low), "x");

        Assert.Equal("Cuts must not be null. (Parameter 'options')", Assert.Throws<ArgumentException>(() => NineBox.Place(Four, new NineBoxOptions { Cuts = null! })).Message);
        Assert.Equal("Labels must not be null. (Parameter 'options')", Assert.Throws<ArgumentException>(() => NineBox.Place(Four, new NineBoxOptions { Labels = null! })).Message);
        Assert.StartsWith(
            "Labels: the label of box 4 (performance 3, readiness Low) is 'x'; every label must name one of the nine boxes and have text.",
            Assert.Throws<ArgumentException>(() => NineBox.Place(Four, new NineBoxOptions { Labels = offGrid })).Message,
            StringComparison.Ordinal);
        Assert.StartsWith(
            "A quantile level must lie strictly between 0 and 1; upper was 1.",
            Assert.Throws<ArgumentOutOfRangeException>(() => NineBoxCuts.Quantiles(0.5, 1)).Message,
            StringComparison.Ordinal);
        Assert.StartsWith(
            "The upper cut (0.5) must be above the lower cut (0.5).",
            Assert.Throws<ArgumentOutOfRangeException>(() => NineBoxCuts.Quantiles(0.5, 0.5)).Message,
            StringComparison.Ordinal);
        Assert.Equal("performanceUpper", Assert.Throws<ArgumentOutOfRangeException>(() => NineBoxCuts.Absolute(2, 2, 10, 20)).ParamName);
        Assert.Equal("readinessUpper", Assert.Throws<ArgumentOutOfRangeException>(() => NineBoxCuts.Absolute(1, 2, 20, 20)).ParamName);
        Assert.Equal("performanceUpper", Assert.Throws<ArgumentOutOfRangeException>(() => NineBoxCuts.Absolute(1, double.PositiveInfinity, 10, 20)).ParamName);
        Assert.Equal("readinessLower", Assert.Throws<ArgumentOutOfRangeException>(() => NineBoxCuts.Absolute(1, 2, -1, 20)).ParamName);
        Assert.Equal((false, 1.0, 2.0, 0.0, 100.0), ToTuple(NineBoxCuts.Absolute(1, 2, 0, 100)));

        // The index passes 100 by overshoot, so a top third can start there; it never passes 200.
        Assert.Equal((false, 1.0, 2.0, 90.0, 105.0), ToTuple(NineBoxCuts.Absolute(1, 2, 90, 105)));
        Assert.Equal("readinessUpper", Assert.Throws<ArgumentOutOfRangeException>(() => NineBoxCuts.Absolute(1, 2, 90, 200.5)).ParamName);
        Assert.Equal((true, 0.25, 0.75, 0.25, 0.75), ToTuple(NineBoxCuts.Quantiles(0.25, 0.75)));
        Assert.Equal((true, 1 / 3.0, 2 / 3.0, 1 / 3.0, 2 / 3.0), ToTuple(NineBoxCuts.Tertiles));
    }

    [Fact]
    public void A_cohort_is_one_assessment_per_person_against_one_profile()
    {
        var profiles = new[] { "p1", "p2", "p3", "p4" }.Select(id => new RoleProfileBuilder(id, id).Require(Delegates, target: 4, importance: 1).Build(Model));
        var mixed = profiles.Select((p, i) => Scorer.Score(Candidate($"X{i}", (Delegates, 3, 0.1)), p)).ToArray();

        Assert.Equal(
            "The assessments are against 4 role profiles (p1, p2, p3); a cohort is assessed against one. (Parameter 'assessments')",
            Assert.Throws<ArgumentException>(() => NineBox.Place(mixed)).Message);
        Assert.Equal(
            "'A' appears 2 times; a cohort holds one assessment per person. (Parameter 'assessments')",
            Assert.Throws<ArgumentException>(() => SuccessionSlate.Build("r", [Four[0], Four[1], Four[0]])).Message);
        Assert.StartsWith("Assessment 1 is null.", Assert.Throws<ArgumentException>(() => NineBox.Place([Four[0], null!])).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(120, true)]
    [InlineData(0, false)]
    [InlineData(121, false)]
    public void Reassessment_is_between_one_month_and_ten_years(int months, bool accepted)
    {
        var options = new DevelopmentPlanOptions { MaxMonthsToReassessment = months };

        if (accepted)
        {
            var plan = new DevelopmentPlanner(options: options).Plan(Four[0], TeamLead, new DateOnly(2027, 1, 31));
            Assert.Equal(new DateOnly(2027, 1, 31).AddMonths(months), plan.NextReassessment);
            return;
        }

        var e = Assert.Throws<ArgumentException>(() => new DevelopmentPlanner(options: options));
        Assert.StartsWith($"MaxMonthsToReassessment was {months}; it must be in [1, 120]. (Parameter 'options')", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_step_is_reassessed_when_its_gap_should_close_if_that_comes_first()
    {
        // Conflict 3.9 against 4: 0.1 points at 0.5 a year is 0.2 years, 74 days (73.05 rounded up).
        var a = Scorer.Score(Person("Q", 4.0, 3.9, 0.01, results: 3.5), TeamLead);
        var start = new DateOnly(2027, 1, 1);

        var plan = new DevelopmentPlanner().Plan(a, TeamLead, start);

        var step = Assert.Single(plan.Steps);
        Assert.Equal(start.AddDays(74), step.ReassessOn);
        Assert.Equal((start.AddDays(74), start.AddDays(74)), (plan.ReadyBy, plan.NextReassessment));
        Assert.Equal(
            "The assessment of 'Q' is against 'team-lead', not 'first-line-manager'. (Parameter 'profile')",
            Assert.Throws<ArgumentException>(() => new DevelopmentPlanner().Plan(a, FirstLineManager, start)).Message);
        Assert.Equal(
            "'Q' was not scored (1 rater(s) other than the candidate; 3 are needed.); gather the missing evidence before planning. (Parameter 'assessment')",
            Assert.Throws<ArgumentException>(() => new DevelopmentPlanner().Plan(Scorer.Score(Person("Q", 4, 4, 0.01, otherRaters: 1), TeamLead), TeamLead, start)).Message);
    }

    [Fact]
    public void The_next_reassessment_is_the_earliest_step_s()
    {
        // Conflict closes in 0.2 years (74 days), delegation in 2: the plan is next looked at after 74 days, not 6 months.
        var a = Scorer.Score(Person("R", 3.0, 3.9, 0.01, results: 3.5), TeamLead);
        var start = new DateOnly(2027, 1, 1);

        var plan = new DevelopmentPlanner().Plan(a, TeamLead, start);

        Assert.Equal([start.AddMonths(6), start.AddDays(74)], plan.Steps.Select(s => s.ReassessOn));
        Assert.Equal(start.AddDays(74), plan.NextReassessment);
    }

    [Fact]
    public void Dates_past_the_calendar_s_end_are_capped_at_its_last_day()
    {
        var a = Scorer.Score(Person("S", 3.0, 4.0, 0.01, results: 3.5), TeamLead);
        var start = DateOnly.MaxValue.AddDays(-10);

        var plan = new DevelopmentPlanner().Plan(a, TeamLead, start);

        Assert.Equal((DateOnly.MaxValue, DateOnly.MaxValue), (plan.ReadyBy, plan.Steps[0].ReassessOn));
    }

    [Fact]
    public void The_default_catalogue_offers_every_framework_competency_two_or_more_different_kinds_of_help()
    {
        var all = Model.Competencies.SelectMany(c => InterventionCatalogue.Default.For(c)).ToArray();

        Assert.All(Model.Competencies, c =>
        {
            var offered = InterventionCatalogue.Default.For(c);
            Assert.InRange(offered.Length, 2, 3);
            Assert.Equal(offered.Length, offered.Select(i => i.Type).Distinct().Count());
        });
        Assert.All(all, i => Assert.True(i.Name.Length > 10 && i.Description is { Length: > 10 } d && d.EndsWith('.'), i.ToString()));
        Assert.Equal(all.Length, all.Select(i => i.Name).Distinct().Count());
        Assert.Equal(all.Length, all.Select(i => i.Description).Distinct().Count());
    }

    [Fact]
    public void A_competency_outside_the_catalogue_gets_coaching_and_a_stretch_assignment_named_after_it()
    {
        var own = new CompetencyModelBuilder("own", "Own").AddCompetency("listens", "Listens well", CompetencyDomain.Leadership, b => b.WithDefinition("Listens.")).Build();

        Assert.Equal<Intervention>(
            [new Intervention(InterventionType.Coaching, "Coaching on Listens well"), new Intervention(InterventionType.StretchAssignment, "Stretch assignment that exercises Listens well")],
            InterventionCatalogue.Default.For(own.Competencies[0]));
        Assert.Equal("competency", Assert.Throws<ArgumentNullException>(() => InterventionCatalogue.Default.For(null!)).ParamName);
    }

    [Fact]
    public void A_catalogue_refuses_blank_ids_empty_or_null_lists_and_repeats_naming_them()
    {
        Intervention coaching = new(InterventionType.Coaching, "Coaching");
        string Refusal(params KeyValuePair<string, IEnumerable<Intervention>>[] entries) =>
            Assert.Throws<ArgumentException>(() => InterventionCatalogue.Create(entries)).Message;

        Assert.Equal("A competency id in the catalogue is blank. (Parameter 'entries')", Refusal(KeyValuePair.Create(" ", (IEnumerable<Intervention>)[coaching])));
        Assert.Equal("Competency 'a' must list at least one intervention, and no nulls. (Parameter 'entries')", Refusal(KeyValuePair.Create("a", (IEnumerable<Intervention>)null!)));
        Assert.Equal("Competency 'a' must list at least one intervention, and no nulls. (Parameter 'entries')", Refusal(KeyValuePair.Create("a", (IEnumerable<Intervention>)[coaching, null!])));
        Assert.Equal("Competency 'A' appears twice in the catalogue. (Parameter 'entries')", Refusal(KeyValuePair.Create("a", (IEnumerable<Intervention>)[coaching]), KeyValuePair.Create("A", (IEnumerable<Intervention>)[coaching])));
        Assert.StartsWith(
            "type was 7; it must be one of StructuredProgramme, Coaching, StretchAssignment.",
            Assert.Throws<ArgumentOutOfRangeException>(() => new Intervention((InterventionType)7, "x")).Message,
            StringComparison.Ordinal);
        Assert.Equal(["a"], InterventionCatalogue.Create([KeyValuePair.Create("a", (IEnumerable<Intervention>)[coaching])]).Competencies);
    }

    private static (bool, double, double, double, double) ToTuple(NineBoxCuts c) =>
        (c.ByQuantile, c.PerformanceLower, c.PerformanceUpper, c.ReadinessLower, c.ReadinessUpper);
}
