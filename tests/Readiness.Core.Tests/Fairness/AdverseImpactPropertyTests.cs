using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Readiness.Fairness;

namespace Readiness.Core.Tests.Fairness;

/// <summary>The laws of the adverse-impact audit over random group sizes, selections and options.</summary>
public sealed class AdverseImpactPropertyTests
{
    private static Gen<(string Group, int Count, int Selected)[]> Populations =>
        from k in Gen.Choose(1, 6)
        from sizes in Gen.ArrayOf(Gen.Choose(1, 60), k)
        from shares in Gen.ArrayOf(Gen.Choose(0, 100), k)
        select sizes.Select((n, i) => ($"g{i}", n, n * shares[i] / 100)).ToArray();

    private static Gen<AuditOptions> Options =>
        from share in Gen.Elements(0.0, 0.02, 0.1)
        from cell in Gen.Elements(0, 3, 10)
        select new AuditOptions { MinimumShare = share, MinimumCellSize = cell };

    [Property(MaxTest = 300)]
    public Property Impact_ratios_are_in_0_1_with_exactly_the_top_groups_at_1() =>
        Prop.ForAll(Populations.ToArbitrary(), Options.ToArbitrary(), (groups, options) =>
        {
            var (outcome, demographics) = AdverseImpactTests.Population(groups);
            var audit = AdverseImpactAudit.Run(outcome, demographics, ["race"], options);
            var compared = audit.Groups.Where(g => g.Status is GroupStatus.Compared or GroupStatus.Reference).ToArray();
            if (compared.Length == 0)
            {
                Assert.Null(audit.Reference);
                return;
            }

            var top = compared.Max(g => g.Rate!.Value);
            Assert.Equal(top, audit.Reference!.Rate);
            Assert.All(compared, g =>
            {
                if (top == 0)
                {
                    Assert.Null(g.ImpactRatio);
                    return;
                }

                Assert.InRange(g.ImpactRatio!.Value, 0, 1);
                Assert.Equal(g.Rate == top, g.ImpactRatio == 1);
                Assert.Equal(g.ImpactRatio < 0.8, g.AdverseImpact);
            });
        });

    [Property(MaxTest = 300)]
    public Property Relabelling_groups_permutes_the_table() =>
        Prop.ForAll(Populations.ToArbitrary(), Options.ToArbitrary(), Gen.Choose(0, int.MaxValue).ToArbitrary(), (groups, options, seed) =>
        {
            var names = groups.Select(g => g.Group).ToArray();
            var renamed = names.Select((_, i) => $"n{i}").ToArray();
            new Random(seed).Shuffle(renamed);
            var map = names.Zip(renamed).ToDictionary(p => p.First, p => p.Second);

            var original = Run(groups, options);
            var relabelled = Run([.. groups.Select(g => (map[g.Group], g.Count, g.Selected))], options).ToDictionary(g => g.Group);

            Assert.All(original, g =>
            {
                var r = relabelled[map[g.Group]];
                Assert.Equal((g.Count, g.Selected, g.Rate, g.ImpactRatio, g.AdverseImpact, g.FisherP, g.Z, g.ZTestP), (r.Count, r.Selected, r.Rate, r.ImpactRatio, r.AdverseImpact, r.FisherP, r.Z, r.ZTestP));
                Assert.Equal(g.Status, r.Status);
            });
        });

    [Property(MaxTest = 300)]
    public Property An_audit_never_shows_a_suppressed_cells_numbers_nor_leaves_one_recoverable() =>
        Prop.ForAll(Populations.ToArbitrary(), Options.ToArbitrary(), (groups, options) =>
        {
            var table = Run(groups, options);
            var suppressed = table.Where(g => g.Status == GroupStatus.Suppressed).ToArray();
            Assert.All(suppressed, g => Assert.True(g.Count is null && g.Selected is null && g.Rate is null && g.ImpactRatio is null && g.FisherP is null && g.Z is null));
            Assert.Equal(groups.Where(g => g.Count < options.MinimumCellSize).Select(g => g.Group).Order(), suppressed.Select(g => g.Group).Intersect(groups.Where(g => g.Count < options.MinimumCellSize).Select(g => g.Group)).Order());
            Assert.True(suppressed.Length != 1 || table.Length == 1);
        });

    private static GroupRate[] Run((string Group, int Count, int Selected)[] groups, AuditOptions options)
    {
        var (outcome, demographics) = AdverseImpactTests.Population(groups);
        return [.. AdverseImpactAudit.Run(outcome, demographics, ["race"], options).Groups];
    }
}
