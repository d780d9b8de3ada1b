using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Readiness.Calibration;
using Readiness.Competencies;
using Readiness.Evidence;
using Readiness.Scoring;
using Readiness.Talent;

namespace Readiness.Core.Tests.Talent;

/// <summary>The laws of the talent views over random role profiles and cohorts (some unscored, some without performance).</summary>
public sealed class TalentPropertyTests
{
    private static readonly ReadinessScorer Scorer = new();

    private sealed record Member(double[] X, double[] Se, int OtherRaters, double? Performance);

    private static Gen<Member> Members(RoleProfile profile) =>
        from x in Gen.ArrayOf(Gen.Choose(0, 100), profile.Requirements.Length)
        from se in Gen.ArrayOf(Gen.Choose(0, 100), profile.Requirements.Length)
        from raters in Gen.Frequency((5, Gen.Constant(6)), (1, Gen.Choose(0, 2)))
        from performance in Gen.Frequency((5, Gen.Choose(0, 20).Select(p => (double?)p)), (1, Gen.Constant<double?>(null)))
        let scale = profile.Model.Scale
        select new Member([.. x.Select(v => scale.Minimum + ((scale.Maximum - scale.Minimum) * v / 100.0))], [.. se.Select(v => v / 200.0)], raters, performance);

    private static Gen<(RoleProfile Profile, Member[] Members)> Cohorts =>
        from profile in ModelGenerators.Profile
        from n in Gen.Choose(0, 30)
        from members in Gen.ArrayOf(Members(profile), n)
        select (profile, members);

    [Property(MaxTest = 200)]
    public Property Every_scored_person_with_a_performance_value_lands_in_exactly_one_box_and_nobody_is_lost() =>
        Prop.ForAll(Cohorts.ToArbitrary(), Gen.Elements(NineBoxCuts.Tertiles, NineBoxCuts.Quantiles(0.2, 0.9), NineBoxCuts.Absolute(5, 15, 40, 80)).ToArbitrary(), (c, cuts) =>
        {
            var cohort = Score(c.Profile, c.Members);
            var box = NineBox.Place(cohort, new NineBoxOptions { Cuts = cuts });

            var boxable = cohort.Where(a => a.IsScored && (box.UsesPerformanceRecords ? a.Performance : a.PerformanceIndex) is not null).Select(a => a.Person);
            Assert.Equal(boxable.Order(), box.Placements.Select(p => p.Person).Order());
            Assert.Equal(cohort.Select(a => a.Person).Order(), box.Placements.Select(p => p.Person).Concat(box.Excluded.Select(e => e.Person)).Order());
            Assert.All(box.Placements, p =>
            {
                Assert.Equal(1, NineBoxCell.All.Count(cell => cell == p.Cell));
                Assert.Equal(box.PerformanceCuts.Level(p.Performance), p.Cell.Performance);
                Assert.Equal(box.ReadinessCuts.Level(p.Readiness), p.Cell.Readiness);
                Assert.InRange(p.Cell.Readiness, p.LowestReadiness, p.HighestReadiness);
            });
            Assert.Equal(box.Placements.Length, NineBoxCell.All.Sum(box.Count));
        });

    [Property(MaxTest = 200)]
    public Property Slate_order_agrees_with_readiness_does_not_depend_on_input_order_and_accounts_for_everyone() =>
        Prop.ForAll(Cohorts.ToArbitrary(), Gen.Choose(0, int.MaxValue).ToArbitrary(), Gen.Choose(1, 12).ToArbitrary(), (c, seed, length) =>
        {
            var cohort = Score(c.Profile, c.Members);
            var options = new SlateOptions { MaxLength = length };
            var slate = SuccessionSlate.Build("role", cohort, options);
            var shuffled = cohort.ToArray();
            new Random(seed).Shuffle(shuffled);

            Assert.Equal(slate.Entries, SuccessionSlate.Build("role", shuffled, options).Entries, EntryComparer.Instance);
            Assert.Equal(cohort.Select(a => a.Person).Order(), slate.Entries.Select(e => e.Person).Concat(slate.Excluded.Select(e => e.Person)).Order());
            // The slate is the cohort's own ranking: most ready first, each rank the person's rank in the cohort, inside
            // the range the evidence allows.
            var assessment = cohort.ToDictionary(a => a.Person);
            for (var i = 0; i < slate.Entries.Length; i++)
            {
                var e = slate.Entries[i];
                Assert.True(i == 0 || ReadinessAssessment.MostReadyFirst.Compare(assessment[slate.Entries[i - 1].Person], assessment[e.Person]) < 0);
                Assert.True(i == 0 || slate.Entries[i - 1].Band <= e.Band);
                Assert.Equal(assessment[e.Person].CohortRank, e.Rank);
                Assert.InRange(e.Rank, e.BestRank, e.WorstRank);
                Assert.True(e.Band <= options.LowestBand);
            }

            // Whoever was left off for length ranks no higher than the last successor.
            Assert.All(slate.Excluded.Where(x => x.Reason == ExclusionReason.BeyondSlateLength),
                x => Assert.True(ReadinessAssessment.MostReadyFirst.Compare(assessment[x.Person], assessment[slate.Entries[^1].Person]) > 0));
        });

    [Property(MaxTest = 100)]
    public Property Bench_counts_add_up_to_each_slate() =>
        Prop.ForAll(Cohorts.ToArbitrary(), Gen.Choose(1, 4).ToArbitrary(), (c, roles) =>
        {
            var cohort = Score(c.Profile, c.Members);
            var slates = Enumerable.Range(0, roles)
                .Select(r => SuccessionSlate.Build($"role {r}", cohort.Where((_, i) => (i % (r + 1)) == 0), new SlateOptions { LowestBand = ReadinessBand.NotOnLeadershipTrack }))
                .ToArray();

            var bench = BenchStrength.Measure(slates);

            Assert.Equal(slates.Select(s => s.Entries.Length), bench.Roles.Select(r => r.Total));
            Assert.Equal(slates.Select(s => s.Entries.Count(e => e.Band == ReadinessBand.ReadyNow)), bench.Roles.Select(r => r.ReadyNow));
            Assert.InRange(bench.DistinctReadyNow, 0, bench.Roles.Sum(r => r.ReadyNow));
            Assert.Equal(slates.Where(s => !s.Entries.Any(e => e.Band == ReadinessBand.ReadyNow)).Select(s => s.Role), bench.Uncovered);
            Assert.All(bench.Shared, s => Assert.True(s.Roles.Length > 1));
        });

    [Property(MaxTest = 200)]
    public Property A_plan_lists_every_gap_once_and_nothing_without_a_gap() =>
        Prop.ForAll(Cohorts.Where(c => c.Members.Length > 0).ToArbitrary(), c =>
        {
            var planner = new DevelopmentPlanner();
            foreach (var a in Score(c.Profile, c.Members).Where(a => a.IsScored))
            {
                var plan = planner.Plan(a, c.Profile, new DateOnly(2027, 1, 1));
                Assert.All(plan.Steps, s => Assert.True(s.Gap > 0));
                Assert.Equal(a.Competencies.Where(s => s.Gap > 0).Select(s => s.Competency).Order(), plan.Steps.Select(s => s.Competency).Order());
                Assert.Equal(Enumerable.Range(1, plan.Steps.Length), plan.Steps.Select(s => s.Order));
                Assert.All(plan.Steps, s => Assert.NotEmpty(s.Interventions));
                Assert.True(plan.NextReassessment <= new DateOnly(2027, 7, 1));
            }
        });

    [Property(MaxTest = 300)]
    public Property Raising_an_estimate_on_a_gap_never_lengthens_the_time_to_ready() =>
        Prop.ForAll(ModelGenerators.Profile.SelectMany(p => Members(p).Select(m => (Profile: p, Member: m with { OtherRaters = 6 }))).ToArbitrary(), Gen.Choose(0, 1000).ToArbitrary(), Gen.Choose(1, 1000).ToArbitrary(), (c, which, raise) =>
        {
            var planner = new DevelopmentPlanner();
            var before = Scorer.Score(Candidate(c.Profile, c.Member), c.Profile);
            var gaps = before.Competencies.Select((s, j) => (s, j)).Where(t => t.s.Gap > 0).Select(t => t.j).ToArray();
            if (gaps.Length == 0)
            {
                return;
            }

            var j = gaps[which % gaps.Length];
            var x = c.Member.X.ToArray();
            x[j] = Math.Min(c.Profile.Model.Scale.Maximum, x[j] + (raise / 500.0));
            var after = Scorer.Score(Candidate(c.Profile, c.Member with { X = x }), c.Profile);

            var start = new DateOnly(2027, 1, 1);
            Assert.True(planner.Plan(after, c.Profile, start).YearsToReady <= planner.Plan(before, c.Profile, start).YearsToReady);
            Assert.True(after.YearsToReady <= before.YearsToReady);
        });

    private static ReadinessAssessment[] Score(RoleProfile profile, Member[] members) =>
        [.. Scorer.ScoreCohort(members.Select((m, i) => Candidate(profile, m, $"P{i:00}")), profile)];

    private static ReadinessCandidate Candidate(RoleProfile profile, Member m, string id = "P1") =>
        new(new RateeId(id),
            profile.Requirements.Select((r, j) => new CompetencyEstimate(new RateeId(id), r.Competency.Id, m.X[j], m.Se[j], 10, Math.Max(1, m.OtherRaters))),
            m.OtherRaters,
            m.OtherRaters > 0 ? [RaterSource.Manager, RaterSource.Peer] : [],
            m.Performance);

    private sealed class EntryComparer : IEqualityComparer<SlateEntry>
    {
        public static readonly EntryComparer Instance = new();

        public bool Equals(SlateEntry? x, SlateEntry? y) =>
            x is not null && y is not null && (x.Rank, x.Person, x.Index, x.BestRank, x.WorstRank, x.Band) == (y.Rank, y.Person, y.Index, y.BestRank, y.WorstRank, y.Band)
            && x.KeyGaps.SequenceEqual(y.KeyGaps);

        public int GetHashCode(SlateEntry obj) => obj.Person.GetHashCode();
    }
}
