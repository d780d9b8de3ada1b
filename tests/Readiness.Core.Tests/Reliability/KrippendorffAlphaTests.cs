using System.Globalization;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Readiness.Reliability;

namespace Readiness.Core.Tests.Reliability;

/// <summary>Krippendorff (2011) sections A–D and Wikipedia's example (Data/krippendorff).</summary>
public sealed class KrippendorffAlphaTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Data", "krippendorff");

    [Theory]
    [InlineData("A_binary")]
    [InlineData("B_nominal")]
    [InlineData("C_missing")]
    [InlineData("Wikipedia")]
    public void Reproduces_the_reference_values(string example)
    {
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "expected.json")));
        var entry = expected.RootElement.GetProperty("examples").GetProperty(example);
        var values = Read(Path.Combine(Folder, entry.GetProperty("file").GetString()!));

        foreach (var computed in entry.GetProperty("computed_here").EnumerateObject())
        {
            var metric = Enum.Parse<AlphaMetric>(computed.Name, ignoreCase: true);
            var alpha = KrippendorffAlpha.Compute(values, metric);
            Assert.Equal(computed.Value.GetDouble(), alpha, 1e-9);
            if (entry.GetProperty("published").TryGetProperty(computed.Name, out var published))
            {
                Assert.Equal(published.GetDouble(), Math.Round(alpha, 3));
            }
        }
    }

    [Property(MaxTest = 200)]
    public Property Relabelling_coders_and_units_changes_nothing() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            var (coders, units) = (random.Next(2, 6), random.Next(3, 15));
            var values = new double?[coders, units];
            for (var r = 0; r < coders; r++)
            {
                for (var u = 0; u < units; u++)
                {
                    values[r, u] = random.NextDouble() < 0.2 ? null : random.Next(0, 5);
                }
            }

            values[0, 0] = 0;
            values[1, 0] = 4;
            var rows = Enumerable.Range(0, coders).OrderBy(_ => random.Next()).ToArray();
            var columns = Enumerable.Range(0, units).OrderBy(_ => random.Next()).ToArray();
            var shuffled = new double?[coders, units];
            for (var r = 0; r < coders; r++)
            {
                for (var u = 0; u < units; u++)
                {
                    shuffled[r, u] = values[rows[r], columns[u]];
                }
            }

            foreach (var metric in Enum.GetValues<AlphaMetric>())
            {
                Assert.Equal(KrippendorffAlpha.Compute(values, metric), KrippendorffAlpha.Compute(shuffled, metric), 1e-12);
            }
        });

    [Fact]
    public void Perfect_agreement_is_1_and_undefined_cases_are_refused()
    {
        double?[,] perfect = { { 1, 2, 3, null }, { 1, 2, 3, 4 } };
        Assert.All(Enum.GetValues<AlphaMetric>(), m => Assert.Equal(1, KrippendorffAlpha.Compute(perfect, m), 1e-12));
        Assert.Contains("nothing to disagree", Assert.Throws<ArgumentException>(() => KrippendorffAlpha.Compute(new double?[,] { { 2, 2 }, { 2, 2 } }, AlphaMetric.Interval)).Message, StringComparison.Ordinal);
        Assert.Contains("two coders", Assert.Throws<ArgumentException>(() => KrippendorffAlpha.Compute(new double?[,] { { 1, null }, { null, 2 } }, AlphaMetric.Nominal)).Message, StringComparison.Ordinal);
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => KrippendorffAlpha.Compute(new double?[,] { { 1, double.NaN }, { 1, 2 } }, AlphaMetric.Nominal)).Message, StringComparison.Ordinal);
        Assert.Contains("at least 0", Assert.Throws<ArgumentException>(() => KrippendorffAlpha.Compute(new double?[,] { { 1, -2 }, { 1, 2 } }, AlphaMetric.Ratio)).Message, StringComparison.Ordinal);
    }

    [Property(MaxTest = 300)]
    public Property Each_units_values_give_what_the_coincidence_matrix_gives() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            // Integer scales, and continuous values (rater means), with units of one value that are not pairable.
            var random = new Random(seed);
            var continuous = random.Next(2) == 0;
            var units = Enumerable.Range(0, random.Next(2, 30))
                .Select(_ => (IReadOnlyList<double>)[.. Enumerable.Range(0, random.Next(1, 7)).Select(_ => continuous ? Math.Round(random.NextDouble() * 5, 2) : random.Next(1, 6))])
                .ToList();
            units.Add([1, 5]);
            foreach (var metric in Enum.GetValues<AlphaMetric>())
            {
                Assert.Equal(FromCoincidences(units, metric), KrippendorffAlpha.FromUnits(units, metric), 1e-10);
            }
        });

    [Fact]
    public void Memory_follows_the_values_not_coders_times_units()
    {
        // A 360° cycle of 300,000 people, each rated by three of 100,000 raters: a coders × units table would hold 3·10¹⁰
        // cells. Each unit's values are all alpha needs.
        var random = new Random(7);
        var units = Enumerable.Range(0, 300_000).Select(_ => (IReadOnlyList<double>)[random.Next(1, 6), random.Next(1, 6), random.Next(1, 6)]).ToArray();
        var before = GC.GetAllocatedBytesForCurrentThread();

        var alpha = KrippendorffAlpha.FromUnits(units, AlphaMetric.Ordinal);

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.InRange(alpha, -0.05, 0.05); // random values agree at chance level
        Assert.True(allocated < 40L * 900_000, $"{allocated:N0} bytes for 900,000 values");
    }

    [Fact]
    public void The_ratio_metric_refuses_more_distinct_values_than_it_compares_pairwise()
    {
        IReadOnlyList<double>[] units = [.. Enumerable.Range(0, (KrippendorffAlpha.DefaultMaxRatioLevels / 2) + 1).Select(u => (IReadOnlyList<double>)[2 * u, (2 * u) + 1])];

        var e = Assert.Throws<ArgumentException>(() => KrippendorffAlpha.FromUnits(units, AlphaMetric.Ratio));

        Assert.Contains($"there are {KrippendorffAlpha.DefaultMaxRatioLevels + 2}; at most 20000 are compared (maxRatioLevels;", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, KrippendorffAlpha.FromUnits(units, AlphaMetric.Interval), 2);
        Assert.InRange(KrippendorffAlpha.FromUnits(units[..100], AlphaMetric.Ratio, maxRatioLevels: 200), 0.9, 1);
        Assert.Throws<ArgumentException>(() => KrippendorffAlpha.FromUnits(units[..100], AlphaMetric.Ratio, maxRatioLevels: 199));
        Assert.Throws<ArgumentOutOfRangeException>(() => KrippendorffAlpha.FromUnits(units, AlphaMetric.Ratio, maxRatioLevels: 1));
    }

    /// <summary>Krippendorff (2011) as written: the coincidence matrix over the distinct values, then both sums over it.</summary>
    private static double FromCoincidences(IReadOnlyList<IReadOnlyList<double>> units, AlphaMetric metric)
    {
        var levels = units.Where(u => u.Count >= 2).SelectMany(u => u).Distinct().Order().ToArray();
        var c = levels.Length;
        var o = new double[c, c];
        foreach (var unit in units.Where(u => u.Count >= 2))
        {
            for (var i = 0; i < unit.Count; i++)
            {
                for (var j = 0; j < unit.Count; j++)
                {
                    if (i != j)
                    {
                        o[Array.IndexOf(levels, unit[i]), Array.IndexOf(levels, unit[j])] += 1.0 / (unit.Count - 1);
                    }
                }
            }
        }

        var n = Enumerable.Range(0, c).Select(i => Enumerable.Range(0, c).Sum(j => o[i, j])).ToArray();
        double Delta(int i, int j) => metric switch
        {
            AlphaMetric.Nominal => i == j ? 0 : 1,
            AlphaMetric.Ordinal => Math.Pow(Enumerable.Range(Math.Min(i, j), Math.Abs(i - j) + 1).Sum(g => n[g]) - ((n[i] + n[j]) / 2), 2),
            AlphaMetric.Interval => Math.Pow(levels[i] - levels[j], 2),
            _ => levels[i] + levels[j] == 0 ? 0 : Math.Pow((levels[i] - levels[j]) / (levels[i] + levels[j]), 2),
        };
        double observed = 0, expected = 0;
        for (var i = 0; i < c; i++)
        {
            for (var j = 0; j < c; j++)
            {
                observed += o[i, j] * Delta(i, j);
                expected += n[i] * n[j] * Delta(i, j);
            }
        }

        return 1 - ((n.Sum() - 1) * observed / expected);
    }

    /// <summary>Coders × units; NA is missing; letters (nominal data) become their position in the alphabet.</summary>
    private static double?[,] Read(string file)
    {
        var rows = File.ReadLines(file).Skip(1).Select(l => l.Split(',').Skip(1).ToArray()).ToArray();
        var values = new double?[rows.Length, rows[0].Length];
        for (var r = 0; r < rows.Length; r++)
        {
            for (var u = 0; u < rows[r].Length; u++)
            {
                var text = rows[r][u];
                values[r, u] = text == "NA" ? null
                    : char.IsAsciiLetter(text[0]) ? text[0] - 'a'
                    : double.Parse(text, CultureInfo.InvariantCulture);
            }
        }

        return values;
    }
}
