using BenchmarkDotNet.Attributes;
using Readiness.Reliability;
using static Readiness.Internal.RandomDraws;

namespace Readiness.Benchmarks.Reliability;

/// <summary>
/// The six Shrout–Fleiss ICCs with F tests and intervals on 100,000 targets × 5 raters, against the raw kernel: the sums of
/// squares of the two-way table in one pass (everything the ICCs need from the data). psych::ICC on the same table is timed
/// by <c>peers/compare_psych_icc.sh</c>.
/// </summary>
[MemoryDiagnoser]
public class IccBenchmarks
{
    private double[,] _table = null!;

    [ParamsSource(nameof(TargetSizes))]
    public int Targets { get; set; }

    public static IEnumerable<int> TargetSizes => Smoke.Sizes(1_000, 100_000);

    [GlobalSetup]
    public void Setup() => _table = IccTable.Generate(Targets, 5, seed: 7);

    [Benchmark(Baseline = true, Description = "Sums of squares (raw kernel)")]
    public double SumsOfSquares() => IccTable.SumsOfSquares(_table);

    [Benchmark(Description = "IntraclassCorrelation.Compute (six forms, F, p, 95% bounds)")]
    public IntraclassCorrelation Compute() => IntraclassCorrelation.Compute(_table);
}

/// <summary>The seeded targets × raters table both the benchmark and the psych comparison use, and the raw kernel.</summary>
internal static class IccTable
{
    /// <summary>Rating = target level (SD 1) + rater leniency (SD 0.5) + noise (SD 0.8).</summary>
    public static double[,] Generate(int targets, int raters, int seed)
    {
        var random = new Random(seed);
        var leniency = Enumerable.Range(0, raters).Select(_ => 0.5 * Normal(random)).ToArray();
        var table = new double[targets, raters];
        for (var i = 0; i < targets; i++)
        {
            var level = Normal(random);
            for (var j = 0; j < raters; j++)
            {
                table[i, j] = level + leniency[j] + (0.8 * Normal(random));
            }
        }

        return table;
    }

    /// <summary>Between-targets, between-raters and total sums of squares in one pass plus the row and column means.</summary>
    public static double SumsOfSquares(double[,] table)
    {
        int n = table.GetLength(0), k = table.GetLength(1);
        var columns = new double[k];
        double total = 0, squares = 0, rows = 0;
        for (var i = 0; i < n; i++)
        {
            var row = 0.0;
            for (var j = 0; j < k; j++)
            {
                var x = table[i, j];
                row += x;
                columns[j] += x;
                squares += x * x;
            }

            total += row;
            rows += row * row / k;
        }

        var correction = total * total / (n * k);
        var betweenRaters = columns.Sum(c => c * c / n) - correction;
        return rows - correction + betweenRaters + (squares - correction);
    }

    /// <summary>Writes the table as CSV (header r1…rk), for the peer.</summary>
    public static void Write(double[,] table, string path)
    {
        using var writer = new StreamWriter(path);
        int n = table.GetLength(0), k = table.GetLength(1);
        writer.WriteLine(string.Join(',', Enumerable.Range(1, k).Select(j => "r" + j)));
        var fields = new string[k];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < k; j++)
            {
                fields[j] = table[i, j].ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            }

            writer.WriteLine(string.Join(',', fields));
        }
    }
}
