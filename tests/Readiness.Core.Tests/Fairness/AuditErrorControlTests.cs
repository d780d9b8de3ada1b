using System.Globalization;
using Readiness.Fairness;
using Readiness.Fairness.Internal;

namespace Readiness.Core.Tests.Fairness;

/// <summary>The audit's tests against R, and their error rates when no group differs.</summary>
public sealed class AuditErrorControlTests
{
    private static string[] Rows(string file) =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", "audit", file)).Skip(1).ToArray();

    private static int[] Ints(string cell) => [.. cell.Split(';').Select(x => int.Parse(x, CultureInfo.InvariantCulture))];

    private static double Number(string cell) => double.Parse(cell, CultureInfo.InvariantCulture);

    [Fact]
    public void The_omnibus_test_matches_R_fisher_test_on_2_by_k_tables()
    {
        // Data/audit/freeman-halton.csv: R's fisher.test (exact, workspace 2e8) on 20 tables of 2 to 7 groups (audit.R).
        var rows = Rows("freeman-halton.csv");
        Assert.Equal(20, rows.Length);
        foreach (var row in rows)
        {
            var cells = row.Split(',');
            var (people, selected, expected) = (Ints(cells[0]), Ints(cells[1]), Number(cells[2]));
            var p = FreemanHaltonTest.Exact(people, selected, new LogFactorials(people.Sum()));
            Assert.NotNull(p);
            Assert.True(Math.Abs(p!.Value - expected) <= 1e-9 * expected, $"{row}: {p:R}");
        }
    }

    [Fact]
    public void The_audit_reports_the_exact_omnibus_test_and_falls_back_to_shuffles_beyond_the_walk()
    {
        // The demo-sized table from the issue: six groups of 200, R gives p = 0.01131242049.
        int[] people = [200, 200, 200, 200, 200, 200];
        int[] selected = [60, 45, 50, 70, 40, 55];
        var (outcome, demographics) = AdverseImpactTests.Population([.. people.Select((n, i) => ($"g{i}", n, selected[i]))]);

        var omnibus = AdverseImpactAudit.Run(outcome, demographics, ["race"]).Omnibus!;

        Assert.Equal((6, 0, true), (omnibus.Groups, omnibus.Draws, omnibus.IsExact));
        Assert.Equal(0.011312420491434983, omnibus.P, 1e-10);

        // Too large for a budget of ten partial tables: the shuffles estimate the same p-value within their error.
        var logFactorials = new LogFactorials(people.Sum());
        Assert.Null(FreemanHaltonTest.Exact(people, selected, logFactorials, budget: 10));
        var (simulated, _) = new SelectionPermutations(people, selected, logFactorials).Run(20_000, seed: 7);
        Assert.InRange(simulated, 0.011312 - (4 * 0.00075), 0.011312 + (4 * 0.00075));
    }

    [Fact]
    public void Impact_ratio_intervals_match_epitools()
    {
        // Data/audit/ratio.csv: epitools::riskratio.wald (Katz's log interval) at 95% and 90% (audit.R).
        var rows = Rows("ratio.csv");
        Assert.Equal(12, rows.Length);
        foreach (var row in rows)
        {
            var v = row.Split(',').Select(Number).ToArray();
            var (outcome, demographics) = AdverseImpactTests.Population(("group", (int)v[1], (int)v[0]), ("reference", (int)v[3], (int)v[2]));

            var group = AdverseImpactAudit.Run(outcome, demographics, ["race"], new AuditOptions { SignificanceLevel = v[4], Permutations = 100 })
                .Groups.Single(g => g.Group == "group");

            Assert.Equal(v[5], group.ImpactRatio!.Value, 1e-12);
            Assert.Equal(v[6], group.ImpactRatioLower!.Value, 1e-9);
            Assert.Equal(v[7], group.ImpactRatioUpper!.Value, 1e-9);
        }
    }

    [Fact]
    public void With_no_one_selected_the_interval_starts_at_zero_and_the_reference_has_none()
    {
        var (outcome, demographics) = AdverseImpactTests.Population(("none", 20, 0), ("some", 30, 12));

        var audit = AdverseImpactAudit.Run(outcome, demographics, ["race"], new AuditOptions { Permutations = 100 });

        var none = audit.Groups.Single(g => g.Group == "none");
        Assert.Equal((0.0, 0.0), (none.ImpactRatio!.Value, none.ImpactRatioLower!.Value));

        // Haldane's half person in every cell: (0.5 / 21) / (12.5 / 31), with SE √(1/0.5 − 1/21 + 1/12.5 − 1/31).
        var se = Math.Sqrt(2 - (1.0 / 21) + (1 / 12.5) - (1.0 / 31));
        Assert.Equal(0.5 / 21 / (12.5 / 31) * Math.Exp(1.959963984540054 * se), none.ImpactRatioUpper!.Value, 1e-9);
        Assert.Equal((null, null, null), (audit.Reference!.ImpactRatioLower, audit.Reference.ImpactRatioUpper, audit.Reference.AdjustedP));
    }

    [Fact]
    public void With_two_groups_the_adjustment_changes_nothing_but_the_monte_carlo_error()
    {
        // Two groups: one comparison, and whichever is the reference the table is the same.
        var (outcome, demographics) = AdverseImpactTests.Population(("a", 577, 290), ("b", 623, 350));

        var group = AdverseImpactAudit.Run(outcome, demographics, ["race"]).Groups.Single(g => g.Status == GroupStatus.Compared);

        Assert.Equal(0.042744478911978127, group.FisherP!.Value, 1e-10);
        Assert.InRange(group.AdjustedP!.Value, group.FisherP.Value - (4 * 0.002), group.FisherP.Value + (4 * 0.002));
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Under_shuffled_labels_each_test_keeps_its_stated_error_rate()
    {
        // Six groups in the proportions of the demo's intersections (a fifth of their size), everyone with the same chance of selection: no group
        // differs, so any "significant" group is a false discovery. 2,000 audits; the Monte-Carlo standard error of a rate
        // near 0.05 is 0.0049. (Measured: adjusted 5.45%, omnibus 5.15%, unadjusted 25.5%.)
        int[] sizes = [70, 29, 17, 60, 44, 20];
        var random = new Random(20261205);
        var (anyAdjusted, anyUnadjusted, omnibus, audits) = (0, 0, 0, 2000);
        for (var run = 0; run < audits; run++)
        {
            var groups = sizes.Select((n, i) => ($"g{i}", n, Enumerable.Range(0, n).Count(_ => random.NextDouble() < 0.45))).ToArray();
            var (outcome, demographics) = AdverseImpactTests.Population(groups);

            var audit = AdverseImpactAudit.Run(outcome, demographics, ["race"], new AuditOptions { Permutations = 1_000, Seed = run });

            anyAdjusted += audit.Groups.Any(g => g.AdjustedP < 0.05) ? 1 : 0;
            anyUnadjusted += audit.Groups.Any(g => g.FisherP < 0.05) ? 1 : 0;
            omnibus += audit.Omnibus!.P < 0.05 ? 1 : 0;
        }

        // The family-wise rate of the adjusted p-values and the omnibus test's rate are at 5% within three standard errors;
        // the unadjusted p-values, read one by one against a chosen reference, are not.
        Assert.InRange(anyAdjusted / (double)audits, 0.05 - 0.015, 0.05 + 0.015);
        Assert.InRange(omnibus / (double)audits, 0.05 - 0.015, 0.05 + 0.015);
        Assert.True(anyUnadjusted / (double)audits > 0.15, $"unadjusted family-wise rate {anyUnadjusted / (double)audits}");
    }
}
