using System.Diagnostics;
using System.Globalization;
using Readiness.Calibration;
using Readiness.Competencies;
using Readiness.Evidence;
using Readiness.Scoring;

namespace Readiness.Benchmarks.Scoring;

/// <summary>
/// The scoring scale curve: candidates against the built-in first-line-manager profile (14 requirements), one fresh
/// process per size. <c>dotnet run -c Release --project benchmarks/Readiness.Benchmarks -- scale-scoring [10k,100k,1M,10M]</c>.
/// </summary>
/// <remarks>
/// Each size is timed cold (JIT included) on the batch path — dense estimates and standard errors in, index, interval and
/// band out — on one thread and then on all cores, and, up to a million candidates, on the explained path (one
/// <see cref="ReadinessAssessment"/> per candidate with gaps, contributions and signals). Peak memory is the process's peak
/// resident set from just before the step, the inputs included.
/// </remarks>
internal static class ScoringScaleCurve
{
    /// <summary>Above this, the explained path's result objects (about 2.3 KB a candidate) are not worth the machine's memory.</summary>
    private const int ExplainedLimit = 1_000_000;

    public static int Run(string[] args)
    {
        Console.WriteLine($"Scale curve, scoring (first-line-manager profile, 14 requirements), {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}");
        Console.WriteLine("| candidates | path | time (s) | peak RSS (MB) | allocated (GB) |");
        Console.WriteLine("|---:|---|---:|---:|---:|");
        ScaleRun.Children("scale-scoring-one", args.Length > 1 ? args[1] : "10k,100k,1M,10M", [], timeColumn: 3);
        return 0;
    }

    public static int RunOne(string[] args)
    {
        var candidates = int.Parse(args[1], CultureInfo.InvariantCulture);
        var profile = LeadershipFramework.FirstLineManager;
        var k = profile.Requirements.Length;
        var random = new Random(42);
        var estimates = new double[(long)candidates * k];
        var errors = new double[estimates.Length];
        for (var i = 0; i < estimates.Length; i++)
        {
            estimates[i] = 1 + (4 * random.NextDouble());
            errors[i] = 0.05 + (0.45 * random.NextDouble());
        }

        var (index, lower, upper, bands) = (new double[candidates], new double[candidates], new double[candidates], new ReadinessBand[candidates]);
        var scorer = new ReadinessScorer();
        Measure(candidates, "batch, one thread", () => scorer.ScoreBatch(profile, estimates, errors, index, lower, upper, bands));
        Measure(candidates, "batch, all cores", () => scorer.ScoreBatchParallel(profile, estimates, errors, index, lower, upper, bands));
        if (candidates <= ExplainedLimit)
        {
            var cohort = new ReadinessCandidate[candidates];
            var sources = new[] { RaterSource.Manager, RaterSource.Peer, RaterSource.DirectReport };
            for (var c = 0; c < candidates; c++)
            {
                var id = new RateeId(string.Create(CultureInfo.InvariantCulture, $"P{c:D8}"));
                cohort[c] = new ReadinessCandidate(
                    id, profile.Requirements.Select((r, j) => new CompetencyEstimate(id, r.Competency.Id, estimates[(c * k) + j], errors[(c * k) + j], 12, 6)), 6, sources);
            }

            (estimates, errors) = ([], []);
            Measure(candidates, "explained (ScoreCohort)", () => GC.KeepAlive(scorer.ScoreCohort(cohort, profile)));
        }

        return 0;
    }

    private static void Measure(int candidates, string path, Action step)
    {
        ScaleRun.ResetPeak();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        step();
        var seconds = clock.Elapsed.TotalSeconds;
        var gigabytes = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1e9;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {candidates:N0} | {path} | {seconds:F3} | {ScaleRun.PeakMegabytes():N0} | {gigabytes:F2} |"));
    }
}
