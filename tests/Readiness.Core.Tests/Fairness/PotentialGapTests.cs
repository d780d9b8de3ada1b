using System.Collections.Immutable;
using Readiness.Evidence;
using Readiness.Fairness;
using Readiness.Internal;
using Readiness.Scoring;

namespace Readiness.Core.Tests.Fairness;

public sealed class PotentialGapTests
{
    private static ReadinessAssessment Assessment(string id, double? index, double? performance, double? performanceIndex = null) =>
        new(new RateeId(id), "role", ScoringPolicy.Hybrid, new EvidenceCheck(true, []), index, index - 5, index + 5, 0.9, ReadinessBand.ReadyIn1To2Years, 1,
            ImmutableArray<CompetencyScore>.Empty, performanceIndex, performance, ReadinessSignals.None);

    private static Demographics Groups(IEnumerable<(string Id, string Group)> people) =>
        Demographics.Create(people.Select(p => new DemographicRecord(new RateeId(p.Id), "sex", p.Group)));

    /// <summary>
    /// Performance 1…5 in both groups; readiness 1…5 for a and 0…4 for b: one point less at equal performance. Readiness
    /// follows performance with raw slope 1, so the standardised residual is (r − x + ½) / SD(r), SD(r) = √2.5: a's +½/√2.5,
    /// b's −½/√2.5. No shuffle of ten residuals, five of each value, is more extreme than the observed split, and one other
    /// is as extreme (the mirror): p = 2 / C(10, 5) = 1/126.
    /// </summary>
    [Fact]
    public void A_group_rated_less_ready_at_equal_performance_comes_out_as_computed_by_hand()
    {
        var people = Enumerable.Range(0, 10).Select(i => (Id: $"p{i}", Group: i < 5 ? "a" : "b", Performance: 1.0 + (i % 5), Readiness: 1.0 + (i % 5) - (i < 5 ? 0 : 1))).ToArray();

        var result = PotentialGap.Analyze(people.Select(p => Assessment(p.Id, p.Readiness, p.Performance)), Groups(people.Select(p => (p.Id, p.Group))), "sex");

        Assert.Equal(["a", "b"], result.Groups.Select(g => g.Group));
        var (a, b) = (result.Groups[0], result.Groups[1]);
        Assert.Equal(Math.Sqrt(20 / 22.5), result.Slope, 12);
        Assert.Equal(0.5 / Math.Sqrt(2.5), a.Gap!.Value, 12);
        Assert.Equal(-0.5 / Math.Sqrt(2.5), b.Gap!.Value, 12);
        Assert.Equal((0.0, 0.0), (Math.Round(a.Performance!.Value, 12), Math.Round(b.Performance!.Value, 12)));
        Assert.Equal(0.5 / Math.Sqrt(2.5), a.Readiness!.Value, 12);
        Assert.Equal((5, 5, 0, true), (a.People!.Value, b.People!.Value, result.LeftOut, result.UsesPerformanceRecords));

        // 10,000 shuffles estimate 1/126 = 0.0079 within four standard errors (0.0009 each).
        Assert.All(new[] { a.P!.Value, b.P!.Value, a.AdjustedP!.Value, result.OmnibusP!.Value }, p => Assert.InRange(p, (1 / 126.0) - 0.0036, (1 / 126.0) + 0.0036));
    }

    [Fact]
    public void The_Benson_Li_Shue_pattern_is_found_where_an_audit_of_readiness_alone_sees_little()
    {
        // 600 people: women perform 0.3 SD better and are rated 0.3 SD less ready than men who perform as well, so their
        // readiness on its own is about the same as men's.
        var random = new Random(20261205);
        var people = Enumerable.Range(0, 600).Select(i =>
        {
            var female = i % 2 == 0;
            var performance = RandomDraws.Normal(random) + (female ? 0.3 : 0);
            var readiness = 60 + (8 * performance) + (8 * RandomDraws.Normal(random)) - (female ? 0.3 * 11.3 : 0);
            return (Id: $"p{i:000}", Group: female ? "female" : "male", Performance: performance, Readiness: readiness);
        }).ToArray();

        var result = PotentialGap.Analyze(people.Select(p => Assessment(p.Id, p.Readiness, p.Performance)), Groups(people.Select(p => (p.Id, p.Group))), "sex");

        var female = result.Groups.Single(g => g.Group == "female");
        Assert.True(female.Performance > 0.1 && Math.Abs(female.Readiness!.Value) < 0.1, $"performance {female.Performance}, readiness {female.Readiness}");
        Assert.InRange(female.Gap!.Value, -0.4, -0.1);
        Assert.True(female.AdjustedP < 0.01 && result.OmnibusP < 0.01, $"adjusted {female.AdjustedP}, omnibus {result.OmnibusP}");
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Under_shuffled_labels_the_adjusted_p_values_keep_the_family_wise_rate()
    {
        // Four groups, no gap planted: any adjusted p-value below 0.05 is a false discovery. 600 checks; standard error 0.009.
        var random = new Random(7);
        var (anyAdjusted, anyRaw, omnibus, runs) = (0, 0, 0, 600);
        for (var run = 0; run < runs; run++)
        {
            var people = Enumerable.Range(0, 120).Select(i => (Id: $"p{i:000}", Group: $"g{i % 4}", Performance: RandomDraws.Normal(random), Readiness: RandomDraws.Normal(random))).ToArray();
            var result = PotentialGap.Analyze(people.Select(p => Assessment(p.Id, 60 + (8 * (p.Readiness + (0.5 * p.Performance))), p.Performance)),
                Groups(people.Select(p => (p.Id, p.Group))), "sex", new PotentialGapOptions { Permutations = 500, Seed = run });

            anyAdjusted += result.Groups.Any(g => g.AdjustedP < 0.05) ? 1 : 0;
            anyRaw += result.Groups.Any(g => g.P < 0.05) ? 1 : 0;
            omnibus += result.OmnibusP < 0.05 ? 1 : 0;
        }

        Assert.InRange(anyAdjusted / (double)runs, 0.05 - 0.027, 0.05 + 0.027);
        Assert.InRange(omnibus / (double)runs, 0.05 - 0.027, 0.05 + 0.027);
        Assert.True(anyRaw / (double)runs > 0.1, $"unadjusted family-wise rate {anyRaw / (double)runs}");
    }

    [Fact]
    public void People_without_what_the_check_needs_are_counted_and_small_groups_are_shown_untested()
    {
        var people = Enumerable.Range(0, 12).Select(i => (Id: $"p{i}", Group: i < 10 ? $"g{i % 2}" : "tiny")).ToArray();
        var assessments = people.Select((p, i) => Assessment(p.Id, 50 + i, null, performanceIndex: 40 + ((i * 7) % 11)))
            .Append(Assessment("unscored", null, 3))
            .Append(Assessment("no-group", 70, 3));

        var result = PotentialGap.Analyze(assessments, Groups(people), "sex", new PotentialGapOptions { Permutations = 200 });

        // No performance records at all: the role's individual-performance index stands in.
        Assert.False(result.UsesPerformanceRecords);
        Assert.Equal(2, result.LeftOut);
        var tiny = result.Groups.Single(g => g.Group == "tiny");
        Assert.Equal((2, (double?)null, (double?)null), (tiny.People!.Value, tiny.P, tiny.AdjustedP));
        Assert.NotNull(result.OmnibusP);

        // A group the audit suppressed is withheld here too: no numbers, not tested.
        var withheld = PotentialGap.Analyze(assessments, Groups(people), "sex", new PotentialGapOptions { Permutations = 200 }, suppressed: ["TINY", "g1"]);
        Assert.All(withheld.Groups.Where(g => g.Group is "tiny" or "g1"), g => Assert.Equal((true, (double?)null, (double?)null, (double?)null), (g.IsSuppressed, g.Gap, g.Performance, g.P)));
        Assert.Null(withheld.OmnibusP);

        Assert.Equal(
            ["MinimumGroupSize was 1; it must be at least 2.", "SignificanceLevel was 1; it must be in (0, 1).", "Permutations was 99; it must be at least 100."],
            new PotentialGapOptions { MinimumGroupSize = 1, SignificanceLevel = 1, Permutations = 99 }.Validate().ToArray());
        Assert.Throws<ArgumentException>(() => PotentialGap.Analyze(assessments, Groups(people), " "));
    }
}
