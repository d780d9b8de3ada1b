using System.Diagnostics;
using System.Globalization;
using Readiness.Calibration;
using Readiness.Simulation;

namespace Readiness.Benchmarks.Calibration;

/// <summary>
/// The scale curve: one crossed calibration per size, each in a fresh process so that time and peak memory belong to that
/// size alone. <c>dotnet run -c Release --project benchmarks/Readiness.Benchmarks -- scale [10k,100k,1M,10M] [auto|exact|scalable]</c>.
/// </summary>
/// <remarks>
/// Time is one cold fit (JIT included), as a command-line user meets it. Peak memory is the process's peak resident set
/// during the fit: the simulation's objects are collected first and the kernel's high-water mark is reset
/// (<c>/proc/self/clear_refs</c>), so the figure is the rating set plus everything calibration needs, runtime included.
/// </remarks>
internal static class ScaleCurve
{
    /// <summary>Ratings per simulated person with the default settings (self, manager, skip-level, peers, reports × 14 competencies).</summary>
    private const double RatingsPerPerson = 79.6;

    public static int Run(string[] args)
    {
        var sizes = (args.Length > 1 ? args[1] : "10k,100k,1M,10M").Split(',').Select(Parse).ToArray();
        var path = args.Length > 2 ? args[2] : "auto";
        Console.WriteLine($"Scale curve, crossed model ({path}), {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}");
        Console.WriteLine("| ratings | people | algorithm | fit (s) | peak RSS during fit (MB) | allocated (GB) | iterations |");
        Console.WriteLine("|---:|---:|---|---:|---:|---:|---:|");
        double? previous = null;
        foreach (var size in sizes)
        {
            var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
            if (!Environment.ProcessPath!.EndsWith("Readiness.Benchmarks", StringComparison.Ordinal))
            {
                start.ArgumentList.Add(typeof(ScaleCurve).Assembly.Location);
            }

            foreach (var a in new[] { "scale-one", size.ToString(CultureInfo.InvariantCulture), path })
            {
                start.ArgumentList.Add(a);
            }

            using var child = Process.Start(start)!;
            var line = child.StandardOutput.ReadToEnd().Trim();
            child.WaitForExit();
            Console.WriteLine(line);
            var seconds = double.Parse(line.Split('|', StringSplitOptions.TrimEntries)[4], CultureInfo.InvariantCulture);
            if (previous is { } p)
            {
                Console.Error.WriteLine($"  time × {seconds / p:F1} for the step to {size:N0} ratings");
            }

            previous = seconds;
        }

        return 0;
    }

    public static int RunOne(string[] args)
    {
        var target = long.Parse(args[1], CultureInfo.InvariantCulture);
        var path = Enum.Parse<CrossedModelPath>(args[2], ignoreCase: true);
        var people = (int)Math.Max(20, Math.Round(target / RatingsPerPerson));
        var ratings = OrganisationSimulator.Generate(new SimulationSettings { People = people, Seed = 16 }).TakeInRatings().Ratings;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        ResetPeak();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var result = new CrossedRandomEffectsCalibrator(new CrossedModelSettings { Path = path }).Calibrate(ratings);
        var seconds = clock.Elapsed.TotalSeconds;
        var peak = PeakMegabytes();
        var gigabytes = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1e9;
        var algorithm = result.Algorithm.Contains("exact", StringComparison.Ordinal) ? "exact REML" : "scalable";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {ratings.Count:N0} | {people:N0} | {algorithm} | {seconds:F2} | {peak:N0} | {gigabytes:F2} | {result.Iterations} |"));
        return 0;
    }

    private static long Parse(string size) => size.Trim().ToUpperInvariant() switch
    {
        var s when s.EndsWith('K') => long.Parse(s[..^1], CultureInfo.InvariantCulture) * 1_000,
        var s when s.EndsWith('M') => long.Parse(s[..^1], CultureInfo.InvariantCulture) * 1_000_000,
        var s => long.Parse(s, CultureInfo.InvariantCulture),
    };

    private static void ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not Linux, or not allowed: the peak then includes the simulation.
        }
    }

    private static double PeakMegabytes()
    {
        var status = "/proc/self/status";
        if (File.Exists(status))
        {
            var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            if (line is not null)
            {
                return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
            }
        }

        return Process.GetCurrentProcess().PeakWorkingSet64 / 1e6;
    }
}
