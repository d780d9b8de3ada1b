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
