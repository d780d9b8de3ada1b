namespace Readiness.Hardening.Tests;

/// <summary>No test runs beside these: they count every byte the process allocates.</summary>
[CollectionDefinition(nameof(MemoryGrowthTests), DisableParallelization = true)]
public sealed class MemoryGrowthAlone;

/// <summary>
/// Every verb's memory grows in proportion to its input: run in-process on an organisation and on one ten times larger,
/// the bytes it allocates grow at most 15-fold: linear, with room for sorting (n log n) and the sparse factor's larger fill
/// (audit, the largest, allocates 13.0 times as much for 1,500 people as for 150, and 11.6 times as much for 15,000 as for
/// 1,500, while its peak memory goes 119 → 228 → 529 MB for 1,500, 5,000 and 15,000). The reliability verb's raters ×
/// ratees tables, before, allocated 18.3 times as much here: quadratic growth shows at these sizes, long before it fills
/// a machine.
/// </summary>
[Collection(nameof(MemoryGrowthTests))]
[Trait("Category", "Slow")]
public sealed class MemoryGrowthTests : IDisposable
{
    private const double MaxGrowth = 15;

    private readonly string _directory = Directory.CreateTempSubdirectory("readiness-memory-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    public static TheoryData<string> Verbs => ["calibrate", "score", "talent", "audit", "validity", "reliability", "scaffold"];

    [Theory]
    [MemberData(nameof(Verbs))]
    public void Ten_times_the_input_allocates_at_most_fifteen_times_the_memory(string verb)
    {
        var small = Allocated(verb, 150);
        var large = Allocated(verb, 1_500);

        Assert.True(large <= MaxGrowth * small, $"{verb}: {small:N0} bytes for 150 people, {large:N0} for 1,500 ({(double)large / small:F1}×)");
    }

    private long Allocated(string verb, int people)
    {
        var organisation = Path.Combine(_directory, $"org{people}");
        if (!Directory.Exists(organisation))
        {
            Assert.Equal(0, CliCorpusTests.Run("simulate", "--people", people.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", "11", "--out", organisation).Code);
        }

        string File(string name) => Path.Combine(organisation, name);
        string[] ratings = ["--ratings", File("ratings.csv"), "--out", Path.Combine(_directory, $"{verb}{people}")];
        string[] args = verb switch
        {
            "score" or "talent" => [verb, .. ratings, "--performance", File("performance.csv")],
            "audit" => [verb, .. ratings, "--groups", File("groups.csv"), "--outcome", "scoring-rate"],
            "validity" => [verb, .. ratings, "--outcomes", File("outcomes.csv"), "--performance", File("performance.csv")],
            _ => [verb, .. ratings],
        };

        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var (code, _, error) = CliCorpusTests.Run(args);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.True(code == 0, error);
        return allocated;
    }
}
