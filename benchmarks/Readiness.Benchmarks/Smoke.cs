using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Readiness.Benchmarks;

/// <summary>
/// The smoke run CI makes (<c>-- smoke</c>): every benchmark once, in this process, on small inputs — so the benchmarks keep
/// compiling and running without CI paying for measurements. Sizes and jobs read <see cref="IsOn"/> when BenchmarkDotNet
/// reads the attributes, which happens after <see cref="Run"/> has switched it on.
/// </summary>
internal static class Smoke
{
    /// <summary>The dry job (one iteration, no warm-up, no pilot) in this process: no project to generate and build.</summary>
    public static readonly Job Job = Job.Dry.WithToolchain(InProcessEmitToolchain.Instance).WithId("Smoke");

    public static bool IsOn { get; private set; }

    /// <summary>The full sizes, or the one small size of a smoke run.</summary>
    public static IEnumerable<int> Sizes(int smoke, params int[] full) => IsOn ? [smoke] : full;

    public static int Run()
    {
        IsOn = true;
        var config = DefaultConfig.Instance.AddJob(Job).WithOptions(ConfigOptions.JoinSummary);
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Smoke).Assembly).Run(["--filter", "*"], config).ToArray();
        var reports = summaries.SelectMany(s => s.Reports).ToArray();
        var failed = reports.Where(r => !r.Success).Select(r => r.BenchmarkCase.DisplayInfo)
            .Concat(summaries.SelectMany(s => s.ValidationErrors).Where(e => e.IsCritical).Select(e => e.Message)).ToArray();
        Console.WriteLine($"Smoke run: {reports.Length} benchmarks, {failed.Length} failed.");
        foreach (var failure in failed)
        {
            Console.Error.WriteLine($"failed: {failure}");
        }

        return reports.Length > 0 && failed.Length == 0 ? 0 : 1;
    }
}

/// <summary>A measuring job for a class that needs its own (few, long iterations); the smoke job in a smoke run.</summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class MonitoringJobAttribute(int warmupCount, int iterationCount) : JobConfigBaseAttribute(
    Smoke.IsOn ? Smoke.Job : Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(warmupCount).WithIterationCount(iterationCount));
