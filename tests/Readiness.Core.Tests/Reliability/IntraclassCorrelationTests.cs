using System.Globalization;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Readiness.Reliability;

namespace Readiness.Core.Tests.Reliability;

/// <summary>Shrout and Fleiss (1979), Table 2: 6 targets × 4 judges, against the published ICCs and psych::ICC (Data/icc).</summary>
public sealed class IntraclassCorrelationTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Data", "icc");

    private static readonly Dictionary<string, string> PsychTypes = new()
    {
        ["ICC1"] = "ICC(1,1)", ["ICC2"] = "ICC(2,1)", ["ICC3"] = "ICC(3,1)", ["ICC1k"] = "ICC(1,k)", ["ICC2k"] = "ICC(2,k)", ["ICC3k"] = "ICC(3,k)",
    };

    [Fact]
    public void Reproduces_the_published_table_and_psych()
    {
        var table = File.ReadLines(Path.Combine(Folder, "shrout_fleiss_1979.csv")).Skip(1)
            .Select(l => l.Split(',').Skip(1).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        var ratings = new double[table.Length, table[0].Length];
        for (var i = 0; i < table.Length; i++)
        {
            for (var j = 0; j < table[i].Length; j++)
            {
                ratings[i, j] = table[i][j];
            }
        }

        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "shrout_fleiss_1979_expected.json")));
        var root = expected.RootElement;

        var icc = IntraclassCorrelation.Compute(ratings);

        var anova = root.GetProperty("anova");
        Assert.Equal(anova.GetProperty("BMS").GetDouble(), icc.BetweenTargetsMeanSquare, 1e-9);
        Assert.Equal(anova.GetProperty("WMS").GetDouble(), icc.WithinTargetsMeanSquare, 1e-9);
        Assert.Equal(anova.GetProperty("JMS").GetDouble(), icc.BetweenJudgesMeanSquare, 1e-9);
        Assert.Equal(anova.GetProperty("EMS").GetDouble(), icc.ErrorMeanSquare, 1e-9);
        foreach (var result in root.GetProperty("psych_results").EnumerateArray())
        {
            var form = PsychTypes[result.GetProperty("type").GetString()!];
            var e = icc[form];
            Assert.Equal(result.GetProperty("ICC").GetDouble(), e.Value, 1e-9);
            Assert.Equal(result.GetProperty("F").GetDouble(), e.F, 1e-9);
            Assert.Equal(result.GetProperty("df1").GetDouble(), e.Df1);
            Assert.Equal(result.GetProperty("df2").GetDouble(), e.Df2);
            Assert.Equal(result.GetProperty("p").GetDouble(), e.P, 1e-9);
            Assert.Equal(result.GetProperty("lower_95").GetDouble(), e.Lower, 1e-6);
            Assert.Equal(result.GetProperty("upper_95").GetDouble(), e.Upper, 1e-6);
        }

        foreach (var published in root.GetProperty("published_2dp").EnumerateObject())
        {
            Assert.Equal(published.Value.GetDouble(), Math.Round(icc[published.Name.Replace(",4)", ",k)", StringComparison.Ordinal)].Value, 2));
        }
    }

    [Property(MaxTest = 100)]
    public Property Relabelling_targets_and_judges_changes_nothing() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            var (n, k) = (random.Next(2, 12), random.Next(2, 6));
            var ratings = new double[n, k];
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < k; j++)
                {
                    // Continuous ratings: a table with no within-target variation makes the F tests degenerate (infinite).
                    ratings[i, j] = 1 + (4 * random.NextDouble()) + (i % 3);
                }
            }

            var rows = Enumerable.Range(0, n).OrderBy(_ => random.Next()).ToArray();
            var columns = Enumerable.Range(0, k).OrderBy(_ => random.Next()).ToArray();
            var shuffled = new double[n, k];
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < k; j++)
                {
                    shuffled[i, j] = ratings[rows[i], columns[j]];
                }
            }

            var a = IntraclassCorrelation.Compute(ratings);
            var b = IntraclassCorrelation.Compute(shuffled);
            foreach (var (x, y) in a.Estimates.Zip(b.Estimates))
            {
                // Relabelling reorders the sums, so agreement is to rounding, relative to the size of the number; an
                // undefined bound (NaN) stays undefined.
                Assert.True(Close(x.Value, y.Value) && Close(x.Lower, y.Lower) && Close(x.Upper, y.Upper), $"{x} vs {y}");
            }
        });

    [Fact]
    public void Perfect_agreement_is_1_and_bad_tables_are_refused()
    {
        var perfect = IntraclassCorrelation.Compute(Perturb(new double[,] { { 1, 1, 1 }, { 3, 3, 3 }, { 5, 5, 5 } }));
        Assert.All(perfect.Estimates, e => Assert.Equal(1, e.Value, 1e-6));
        Assert.Contains("ratings[1, 2] was NaN", Assert.Throws<ArgumentException>(() => IntraclassCorrelation.Compute(new double[,] { { 1, 2, 3 }, { 1, 2, double.NaN } })).Message, StringComparison.Ordinal);
        Assert.Contains("at least two", Assert.Throws<ArgumentException>(() => IntraclassCorrelation.Compute(new double[,] { { 1, 2, 3 } })).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => IntraclassCorrelation.Compute(new double[,] { { 1, 2 }, { 3, 4 } }, 1));
        Assert.Throws<KeyNotFoundException>(() => IntraclassCorrelation.Compute(new double[,] { { 1, 2 }, { 3, 5 } })["ICC(4,1)"]);
    }

    private static bool Close(double a, double b) =>
        (double.IsNaN(a) && double.IsNaN(b)) || Math.Abs(a - b) <= 1e-9 * Math.Max(1, Math.Abs(a));

    /// <summary>Perfect agreement leaves no error variance; a rounding-level difference keeps the F test finite.</summary>
    private static double[,] Perturb(double[,] table)
    {
        table[0, 0] += 1e-9;
        return table;
    }
}
