using System.Collections.Immutable;
using Readiness.Calibration;
using Readiness.Competencies;
using Readiness.Evidence;
using Readiness.Scoring;
using Readiness.Talent;
using static Readiness.Competencies.LeadershipFramework;

namespace Readiness.Core.Tests.Talent;

public sealed class TalentTests
{
    internal static readonly RoleProfile TeamLead = new RoleProfileBuilder("team-lead", "Team lead")
        .Require(Delegates, target: 4, importance: 3, criticalMinimum: 3)
        .Require(ManagesConflict, target: 4, importance: 2)
        .Require(DeliversResults, target: 3, importance: 1)
        .Build(Model);

    /// <summary>Bands on the point estimates: these people sit exactly on band limits, which is where the rules are tested.</summary>
    private static readonly ReadinessScorer Scorer = new(new ScoringOptions { BandBasis = BandBasis.PointEstimate });

    [Fact]
    public void The_nine_box_crosses_performance_with_readiness_and_marks_intervals_that_cross_a_cut()
    {
        var cohort = Scorer.ScoreCohort(
        [
            Person("A", 4.0, 4.0, 0.05, performance: 90),  // index 100, high performance: future leader
            Person("B", 3.4, 3.0, 0.05, performance: 95),  // index ~71: high performer, moderate readiness
            Person("C", 2.5, 2.5, 0.05, performance: 92),  // index 0 (critical gap): trusted professional, the trap
            Person("D", 4.0, 4.0, 0.40, performance: 40),  // index 100 with a wide interval: rough diamond, straddles
            Person("E", 4.0, 4.0, 0.05, performance: 60),
            Person("F", 4.0, 4.0, 0.05, performance: null),
            Person("G", 4.0, 4.0, 0.05, performance: 70, otherRaters: 1),
        ], TeamLead);

        var box = NineBox.Place(cohort, new NineBoxOptions
        {
            Cuts = NineBoxCuts.Absolute(50, 80, 50, 90),
            Labels = ImmutableDictionary<NineBoxCell, string>.Empty.Add(new NineBoxCell(TalentLevel.Moderate, TalentLevel.High), "Ready successor"),
        });

        Assert.True(box.UsesPerformanceRecords);
        Assert.Equal(5, box.Placements.Length);
        var byPerson = box.Placements.ToDictionary(p => p.Person.Value);
        Assert.Equal("Future leader", byPerson["A"].Label);
        Assert.Equal(9, byPerson["A"].Cell.Number);
        Assert.Equal(new NineBoxCell(TalentLevel.High, TalentLevel.Moderate), byPerson["B"].Cell);
        Assert.Equal("Trusted professional", byPerson["C"].Label);
        Assert.Equal(new NineBoxCell(TalentLevel.Low, TalentLevel.High), byPerson["D"].Cell);
        Assert.True(byPerson["D"].StraddlesBoundary);
        Assert.True(byPerson["D"].LowestReadiness < TalentLevel.High);
        Assert.False(byPerson["A"].StraddlesBoundary);
        Assert.Equal("Ready successor", byPerson["E"].Label);
        Assert.Equal(
            [("F", ExclusionReason.NoPerformanceMeasure), ("G", ExclusionReason.InsufficientEvidence)],
            box.Excluded.Select(e => (e.Person.Value, e.Reason)).Order());
        Assert.Equal(1, box.Count(new NineBoxCell(TalentLevel.High, TalentLevel.Low)));
        Assert.Equal([.. box.Placements.Select(p => p.Cell.Number).Order()], box.Placements.Select(p => p.Cell.Number));
    }

    [Fact]
    public void Each_placement_carries_the_chance_of_its_box_from_draws_that_recompute_the_cuts()
    {
        ReadinessCandidate[] people =
        [
            Person("A", 3.4, 3.4, 0.1, performance: 90),   // index 85, 2.78 points per standard error, near the cut at 86
            Person("B", 4.3, 4.3, 0.01, performance: 90),  // index 110, far above every cut
            Person("C", 2.9, 3.6, 0.3, performance: 30),
        ];
        var cuts = new NineBoxOptions { Cuts = NineBoxCuts.Absolute(50, 80, 50, 86) };
        var box = NineBox.Place(new ReadinessScorer().ScoreCohort(people, TeamLead), cuts);
        var chance = box.Placements.ToDictionary(p => p.Person.Value, p => p.ProbabilityInBox!.Value);

        // A's index moves with the common error z as 85 + 2.78z (delegation and conflict at (x − 1)/3, results capped):
        // moderate readiness while z < 0.36, so P(box) = Φ(0.36) = 0.64, up to the 256 draws' error (about 0.03).
        Assert.Equal(new NineBoxCell(TalentLevel.High, TalentLevel.Moderate), box.Placements.Single(p => p.Person.Value == "A").Cell);
        Assert.Equal(MathNet.Numerics.Distributions.Normal.CDF(0, 1, 0.36), chance["A"], 0.08);
        Assert.Equal(1, chance["B"]);
        Assert.InRange(chance["C"], 0, 1);

        // The draws follow each person's id, not the input order; assessments from elsewhere carry no chance.
        var reversed = NineBox.Place(new ReadinessScorer().ScoreCohort(people.Reverse(), TeamLead), cuts);
        Assert.Equal(chance, reversed.Placements.ToDictionary(p => p.Person.Value, p => p.ProbabilityInBox!.Value));
        var builtIn = new ReadinessScorer().Score(people[0], TeamLead);
        var outside = ReadinessAssessment.Scored(new RateeId("X"), TeamLead.Id, ScoringPolicy.Hybrid, builtIn.Index!.Value, builtIn.Lower!.Value, builtIn.Upper!.Value, 0.9,
            ReadinessBand.ReadyIn3PlusYears, 2, builtIn.Competencies, performance: 50);
        Assert.Null(NineBox.Place([outside], cuts).Placements.Single().ProbabilityInBox);
    }

    [Fact]
    public void Quantile_cuts_resolve_on_the_cohort_and_bad_cuts_are_refused_naming_the_rule()
    {
        var cohort = Scorer.ScoreCohort(Enumerable.Range(0, 9).Select(i => Person($"P{i}", 3 + (i * 0.1), 3 + (i * 0.1), 0.01, performance: i)), TeamLead);
        var box = NineBox.Place(cohort);
        Assert.Equal(new NineBoxAxisCuts(8 / 3.0, 16 / 3.0), box.PerformanceCuts);
        Assert.All(Enum.GetValues<TalentLevel>(), level => Assert.Equal(3, box.Placements.Count(p => p.Cell.Performance == level)));

        Assert.Contains("strictly between 0 and 1", Assert.Throws<ArgumentOutOfRangeException>(() => NineBoxCuts.Quantiles(0, 0.5)).Message, StringComparison.Ordinal);
        Assert.Contains("must be above the lower cut", Assert.Throws<ArgumentOutOfRangeException>(() => NineBoxCuts.Quantiles(0.6, 0.5)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => NineBoxCuts.Absolute(double.NaN, 1, 10, 20));
        Assert.Throws<ArgumentOutOfRangeException>(() => NineBoxCuts.Absolute(0, 1, 10, 220));
        Assert.Contains("appears 2 times", Assert.Throws<ArgumentException>(() => NineBox.Place([cohort[0], cohort[0]])).Message, StringComparison.Ordinal);
        var other = Scorer.Score(Candidate("Z", (Delegates, 3, 0.1), (ManagesConflict, 3, 0.1), (DeliversResults, 3, 0.1), (SetsClearExpectations, 3, 0.1)), SoloProfile);
        Assert.Contains("2 role profiles", Assert.Throws<ArgumentException>(() => NineBox.Place([cohort[0], other])).Message, StringComparison.Ordinal);
        Assert.Empty(NineBox.Place([]).Placements);
        var blank = ImmutableDictionary<NineBoxCell, string>.Empty.Add(new NineBoxCell(TalentLevel.Low, TalentLevel.Low), " ");
        Assert.Contains("must name one of the nine boxes and have text", Assert.Throws<ArgumentException>(() => NineBox.Place(cohort, new NineBoxOptions { Labels = blank })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_slate_ranks_by_the_chance_of_being_ready_shares_ranks_on_ties_gives_cohort_rank_ranges_and_accounts_for_everyone()
    {
        var cohort = Scorer.ScoreCohort(
        [
            Person("A", 4.0, 4.0, 0.01),
            Person("B", 3.7, 3.7, 0.01),
            Person("C", 3.7, 3.7, 0.01),
            Person("D", 3.5, 3.5, 0.30),
            Person("E", 3.9, 3.9, 0.01),
            Person("F", 1.5, 1.5, 0.01),   // critical gap and a low index: not on a leadership track
            Person("G", 4.0, 4.0, 0.01, otherRaters: 1),
            Person("H", 3.6, 3.6, 0.01),
        ], TeamLead);

        var slate = SuccessionSlate.Build("Team lead, payments", cohort, new SlateOptions
        {
            Exclude = ImmutableDictionary<RateeId, string>.Empty.Add(new RateeId("E"), "leaving in March"),
            MaxLength = 4,
        });

        // A and E are ready now (E, excluded by the caller, keeps its place: rank 2 in the cohort). Among the 1–2 year
        // people D, whose evidence is thin (SE 0.3), is the likeliest to be ready now (gaps of 0.5 with P(θ ≥ 3.75) = 0.20)
        // and ranks before B and C (gaps of 0.3 measured to ±0.01: P ≈ 3e-7), who tie; H is left off for length.
        Assert.Equal("team-lead", slate.ProfileId);
        Assert.Equal(["A", "D", "B", "C"], slate.Entries.Select(e => e.Person.Value));
        Assert.Equal([1, 3, 4, 4], slate.Entries.Select(e => e.Rank));
        Assert.Equal(1 - MathNet.Numerics.Distributions.Normal.CDF(3.5, 0.3, 3.75), slate.Entries[1].ProbabilityReadyNow!.Value, 1e-9);
        Assert.All(slate.Entries, e => Assert.InRange(e.Rank, e.BestRank, e.WorstRank));
        Assert.Equal((1, 2), (slate.Entries[0].BestRank, slate.Entries[0].WorstRank));
        Assert.True(slate.Entries[1].RankUncertain);
        Assert.Equal(
            [("E", ExclusionReason.ExcludedByCaller), ("F", ExclusionReason.BandBelowSlate), ("G", ExclusionReason.InsufficientEvidence), ("H", ExclusionReason.BeyondSlateLength)],
            slate.Excluded.Select(e => (e.Person.Value, e.Reason)).Order());
        Assert.Equal("leaving in March", slate.Excluded.Single(e => e.Person.Value == "E").Detail);
        Assert.Equal([Delegates, ManagesConflict], slate.Entries[2].KeyGaps.ToArray());
        Assert.Empty(slate.Entries[0].KeyGaps);

        Assert.Throws<ArgumentException>(() => SuccessionSlate.Build("r", cohort, new SlateOptions { MaxLength = 0 }));
        Assert.Throws<ArgumentException>(() => SuccessionSlate.Build("r", cohort, new SlateOptions { KeyGaps = -1 }));
        Assert.Throws<ArgumentException>(() => SuccessionSlate.Build("r", cohort, new SlateOptions { LowestBand = ReadinessBand.InsufficientEvidence }));
        Assert.Throws<ArgumentException>(() => SuccessionSlate.Build(" ", cohort));
    }

    [Fact]
    public void The_bench_counts_each_slate_by_band_names_uncovered_roles_and_people_counted_twice()
    {
        var first = Scorer.ScoreCohort([Person("A", 4.0, 4.0, 0.01), Person("B", 3.5, 3.5, 0.01), Person("C", 3.0, 2.9, 0.01)], TeamLead);
        var second = Scorer.ScoreCohort([Person("A", 4.0, 4.0, 0.01), Person("D", 3.5, 3.5, 0.01)], TeamLead);
        var third = Scorer.ScoreCohort([Person("B", 3.5, 3.5, 0.01)], TeamLead);
        var slates = new[] { SuccessionSlate.Build("Payments", first), SuccessionSlate.Build("Risk", second), SuccessionSlate.Build("Cards", third) };

        var bench = BenchStrength.Measure(slates);

        Assert.Equal(slates.Select(s => s.Entries.Length), bench.Roles.Select(r => r.Total));
        Assert.Equivalent(new RoleBench("Payments", 1, 1, 1, 0), bench.Roles[0], strict: true);
        Assert.Equal(["Cards"], bench.Uncovered.ToArray());
        Assert.Equal(1, bench.DistinctReadyNow);
        Assert.Equal([("A", 2, 2), ("B", 2, 0)], bench.Shared.Select(s => (s.Person.Value, s.Roles.Length, s.ReadyNowFor)));
        Assert.Contains("has 2 slates", Assert.Throws<ArgumentException>(() => BenchStrength.Measure([slates[0], slates[0]])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plan_puts_critical_gaps_first_then_weighted_gaps_with_fitting_interventions_and_dates()
    {
        var a = Scorer.Score(Candidate("P1", (Delegates, 2.8, 0.1), (ManagesConflict, 3.0, 0.1), (DeliversResults, 2.0, 0.1)), TeamLead);
        var start = new DateOnly(2027, 1, 4);

        var plan = new DevelopmentPlanner().Plan(a, TeamLead, start);

        Assert.False(plan.LeadershipFirst);
        Assert.Equal([Delegates, ManagesConflict, DeliversResults], plan.Steps.Select(s => s.Competency));
        Assert.True(plan.Steps[0].BelowCriticalMinimum);
        Assert.Equal(1.2 / 0.5, plan.Steps[0].YearsToClose, 12);
        Assert.Equal(start.AddMonths(6), plan.Steps[0].ReassessOn);
        Assert.Equal(2.4, plan.YearsToReady, 12);
        Assert.Equal(start.AddDays((int)Math.Ceiling(2.4 * 365.25)), plan.ReadyBy);
        Assert.Contains(plan.Steps[0].Interventions, i => i.Type == InterventionType.StretchAssignment);
        Assert.Equal(InterventionCatalogue.Default.For(Model.Competencies.Single(c => c.Id == Delegates)).ToArray(), plan.Steps[0].Interventions.ToArray());
    }

    [Fact]
    public void Measured_effects_put_the_interventions_that_helped_first_and_time_the_gap_with_the_best()
    {
        var a = Scorer.Score(Candidate("P1", (Delegates, 2.8, 0.1), (ManagesConflict, 3.0, 0.1), (DeliversResults, 2.0, 0.1)), TeamLead);
        InterventionEffect Effect(string name, double during, double se, params string[] on) =>
            new(name, 40, new FixedEffect("during:" + name, during, se), null, on.Select(c => new CompetencyId(c)));
        var academy = new InterventionEffect("Leadership academy", 40, new FixedEffect("during:academy", 0.5, 0.1), new FixedEffect("after:academy", 0.1, 0.02), [Delegates, ManagesConflict], typicalYears: 0.5);
        var catalogue = InterventionCatalogue.Default.WithMeasuredEffects(
            [
                Effect("coaching on letting go", 0.25, 0.05, Delegates), // the catalogue's own, named in another case
                academy, // not in the catalogue; half a year in it, then +0.1 a year after
                Effect("Buddy scheme", 0.9, 0.5, Delegates), // its interval spans zero: not shown to help
            ],
            Model);

        var plan = new DevelopmentPlanner(catalogue).Plan(a, TeamLead, new DateOnly(2027, 1, 4));

        var delegation = plan.Steps[0];
        Assert.Equal(Delegates, delegation.Competency);
        Assert.Equal(["Leadership academy", "Coaching on letting go", "Delegate a real deliverable end to end", "Buddy scheme"], delegation.Interventions.Select(i => i.Name));
        Assert.Equal(InterventionType.StructuredProgramme, delegation.Interventions[0].Type);
        Assert.Equal("Leadership academy", delegation.MeasuredIntervention!.Name);
        // Half a year at 0.5 + 0.5 closes 0.5 of the 1.2 points; the rest at 0.5 + 0.1 after it.
        Assert.Equal(0.5 + ((1.2 - 0.5) / 0.6), delegation.YearsToCloseWithMeasured!.Value, 12);
        Assert.Equal(1.2 / 0.5, delegation.YearsToClose, 12);
        Assert.Equal(0.5 + ((1.0 - 0.5) / 0.6), plan.Steps[1].YearsToCloseWithMeasured!.Value, 12);

        // Results are developed by nothing measured: its own pace sets the plan's time with the academy.
        Assert.Null(plan.Steps[2].MeasuredIntervention);
        Assert.Equal(InterventionCatalogue.Default.For(Model.Competencies.Single(c => c.Id == DeliversResults)).ToArray(), plan.Steps[2].Interventions.ToArray());
        Assert.Equal(Math.Max(0.5 + (0.7 / 0.6), plan.Steps[2].YearsToClose), plan.YearsToReadyWithMeasured!.Value, 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => new InterventionEffect("x", 1, null, null, typicalYears: 0));
        Assert.Null(new DevelopmentPlanner().Plan(a, TeamLead, new DateOnly(2027, 1, 4)).YearsToReadyWithMeasured);

        Assert.Contains("Two measured effects are named 'BUDDY SCHEME'", Assert.Throws<ArgumentException>(() =>
            InterventionCatalogue.Default.WithMeasuredEffects([Effect("Buddy scheme", 0.1, 0.1, Delegates), Effect("BUDDY SCHEME", 0.1, 0.1, Delegates)], Model)).Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("names the competency 'acme.ship', which the model", Assert.Throws<ArgumentException>(() =>
            InterventionCatalogue.Default.WithMeasuredEffects([Effect("Buddy scheme", 0.1, 0.1, "acme.ship")], Model)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_high_performer_with_low_readiness_works_on_leadership_first()
    {
        // Strong on delivery, short on delegation and conflict: the promotion trap.
        var cohort = Scorer.ScoreCohort(
        [
            Person("Trap", 3.6, 3.6, 0.05, performance: 99, results: 1.2),
            .. Enumerable.Range(0, 7).Select(i => Person($"P{i}", 3.5 + (i * 0.07), 3.5 + (i * 0.07), 0.05, performance: 50 + i)),
        ], TeamLead);
        var trap = cohort.Single(c => c.Person.Value == "Trap");
        Assert.True(trap.Signals.HasFlag(ReadinessSignals.HighPerformerLowReadiness));

        var plan = new DevelopmentPlanner().Plan(trap, TeamLead, new DateOnly(2027, 1, 1));
        var plain = new DevelopmentPlanner(options: new DevelopmentPlanOptions { LeadershipFirstForHighPerformers = false }).Plan(trap, TeamLead, new DateOnly(2027, 1, 1));

        Assert.True(plan.LeadershipFirst);
        Assert.Equal([CompetencyDomain.Leadership, CompetencyDomain.Leadership, CompetencyDomain.IndividualPerformance], plan.Steps.Select(s => s.Domain));
        Assert.Equal(DeliversResults, plain.Steps[0].Competency);
    }

    [Fact]
    public void The_planner_refuses_what_it_cannot_plan_and_the_catalogue_checks_its_entries()
    {
        var unscored = Scorer.Score(Candidate("U", 1, (Delegates, 3, 0.1), (ManagesConflict, 3, 0.1), (DeliversResults, 3, 0.1)), TeamLead);
        var planner = new DevelopmentPlanner();
        Assert.Contains("was not scored", Assert.Throws<ArgumentException>(() => planner.Plan(unscored, TeamLead, default)).Message, StringComparison.Ordinal);
        var scored = Scorer.Score(Candidate("S", (Delegates, 3, 0.1), (ManagesConflict, 3, 0.1), (DeliversResults, 3, 0.1)), TeamLead);
        Assert.Contains("not 'first-line-manager'", Assert.Throws<ArgumentException>(() => planner.Plan(scored, FirstLineManager, default)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new DevelopmentPlanner(options: new DevelopmentPlanOptions { MaxMonthsToReassessment = 0 }));

        var met = Scorer.Score(Candidate("M", (Delegates, 4, 0.1), (ManagesConflict, 4, 0.1), (DeliversResults, 3, 0.1)), TeamLead);
        var empty = planner.Plan(met, TeamLead, new DateOnly(2027, 1, 1));
        Assert.Empty(empty.Steps);
        Assert.Equal((0.0, new DateOnly(2027, 1, 1), new DateOnly(2027, 7, 1)), (empty.YearsToReady, empty.ReadyBy, empty.NextReassessment));

        var slow = new ReadinessScorer(new ScoringOptions { DevelopmentRate = 1e-6 }).Score(Candidate("X", (Delegates, 1, 0.1), (ManagesConflict, 1, 0.1), (DeliversResults, 1, 0.1)), TeamLead);
        Assert.Equal(DateOnly.MaxValue, planner.Plan(slow, TeamLead, new DateOnly(2027, 1, 1)).ReadyBy);

        Intervention coaching = new(InterventionType.Coaching, "Coaching");
        Assert.Contains("appears twice", Assert.Throws<ArgumentException>(() => InterventionCatalogue.Create([KeyValuePair.Create("a", (IEnumerable<Intervention>)[coaching]), KeyValuePair.Create("A", (IEnumerable<Intervention>)[coaching])])).Message, StringComparison.Ordinal);
        Assert.Contains("at least one", Assert.Throws<ArgumentException>(() => InterventionCatalogue.Create([KeyValuePair.Create("a", Enumerable.Empty<Intervention>())])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new Intervention(InterventionType.Coaching, " "));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Intervention((InterventionType)7, "x"));
        var own = InterventionCatalogue.Create([KeyValuePair.Create(Delegates, (IEnumerable<Intervention>)[coaching])]);
        Assert.Equal([coaching], own.For(Model.Competencies.Single(c => c.Id == Delegates)).ToArray());
        Assert.Equal(2, own.For(Model.Competencies.Single(c => c.Id == Influences)).Length);
        Assert.Equal(Model.Competencies.Select(c => c.Id.Value).Order(StringComparer.Ordinal), InterventionCatalogue.Default.Competencies);
    }

    [Fact]
    public void The_pipeline_gathers_each_person_and_writes_as_json()
    {
        var cohort = Scorer.ScoreCohort(
            [Person("A", 4.0, 4.0, 0.01, performance: 5), Person("B", 3.5, 3.5, 0.01, performance: 9), Person("C", 3.0, 2.9, 0.01, performance: 1), Person("D", 4, 4, 0.01, otherRaters: 1)],
            TeamLead);
        var slate = SuccessionSlate.Build("Payments", cohort);
        var start = new DateOnly(2027, 1, 4);
        var plans = slate.Entries.Where(e => e.Band != ReadinessBand.ReadyNow).Select(e => new DevelopmentPlanner().Plan(cohort.Single(a => a.Person == e.Person), TeamLead, start));

        var pipeline = TalentPipeline.Create(start, NineBox.Place(cohort), [slate], plans);

        Assert.Equal(["A", "B", "C"], pipeline.People.Select(p => p.Person.Value));
        Assert.Equal(2, pipeline.Plans.Length);
        Assert.Equal(("Payments", 2), (pipeline.People[1].Slates.Single().Role, pipeline.People[1].Slates.Single().Entry.Rank));
        var json = System.Text.Json.Nodes.JsonNode.Parse(Readiness.Serialization.ReadinessJson.Write(pipeline))!;
        Assert.Equal("2027-01-04", (string)json["date"]!);
        Assert.Equal(3, json["nineBox"]!["placements"]!.AsArray().Count);
        Assert.Equal("insufficient-evidence", (string)json["nineBox"]!["excluded"]![0]!["reason"]!);
        Assert.Equal(1, (int)json["bench"]!["roles"]![0]!["readyNow"]!);
        Assert.Equal(2, json["plans"]!.AsArray().Count);
        Assert.Equal(3, json["people"]!.AsArray().Count);
        using var stream = new MemoryStream();
        Readiness.Serialization.ReadinessJson.Write(pipeline.Plans, stream);
        Assert.Equal(2, System.Text.Json.Nodes.JsonNode.Parse(stream.ToArray())!.AsArray().Count);
    }

    private static readonly RoleProfile SoloProfile = new RoleProfileBuilder("solo", "Solo")
        .Require(SetsClearExpectations, target: 4, importance: 1)
        .Build(Model);

    /// <summary>A team-lead candidate: delegation and conflict estimates, results at 3.5 unless given.</summary>
    internal static ReadinessCandidate Person(string id, double delegation, double conflict, double se, double? performance = null, int otherRaters = 6, double results = 3.5) =>
        new(new RateeId(id),
            [
                new CompetencyEstimate(new RateeId(id), Delegates, delegation, se, 12, otherRaters),
                new CompetencyEstimate(new RateeId(id), ManagesConflict, conflict, se, 12, otherRaters),
                new CompetencyEstimate(new RateeId(id), DeliversResults, results, se, 12, otherRaters),
            ],
            otherRaters,
            [RaterSource.Manager, RaterSource.Peer],
            performance);

    internal static ReadinessCandidate Candidate(string id, params (string Competency, double Estimate, double Se)[] estimates) => Candidate(id, 6, estimates);

    private static ReadinessCandidate Candidate(string id, int otherRaters, params (string Competency, double Estimate, double Se)[] estimates) =>
        new(new RateeId(id), estimates.Select(e => new CompetencyEstimate(new RateeId(id), e.Competency, e.Estimate, e.Se, 12, otherRaters)), otherRaters, [RaterSource.Manager, RaterSource.Peer]);
}
