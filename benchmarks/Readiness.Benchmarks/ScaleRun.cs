using System.Diagnostics;
using System.Globalization;

namespace Readiness.Benchmarks;

/// <summary>
/// What the scale curves share: one fresh process per size (so time and peak memory belong to that size alone), sizes
/// such as <c>10k</c> or <c>1M</c>, and the process's peak resident set since a reset.
/// </summary>
internal static class ScaleRun
{
    /// <summary>Runs <c>VERB SIZE ARGS…</c> in a child process per size and prints each child's one table row.</summary>
    /// <param name="verb">The child's verb (it prints one Markdown row).</param>
    /// <param name="sizes">Comma-separated sizes.</param>
    /// <param name="arguments">More arguments for every child.</param>
    /// <param name="timeColumn">The row's column holding the time in seconds (from 1), for the growth printed on standard error.</param>
    public static void Children(string verb, string sizes, IReadOnlyList<string> arguments, int timeColumn)
    {
        double? previous = null;
        foreach (var size in sizes.Split(',').Select(Parse))
        {
            var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
            if (!Environment.ProcessPath!.EndsWith("Readiness.Benchmarks", StringComparison.Ordinal))
            {
                start.ArgumentList.Add(typeof(ScaleRun).Assembly.Location);
            }

            foreach (var a in (string[])[verb, size.ToString(CultureInfo.InvariantCulture), .. arguments])
            {
                start.ArgumentList.Add(a);
            }

            using var child = Process.Start(start)!;
            var lines = child.StandardOutput.ReadToEnd().Trim();
            child.WaitForExit();
            Console.WriteLine(lines);
            var seconds = double.Parse(lines.Split('\n')[0].Split('|', StringSplitOptions.TrimEntries)[timeColumn], CultureInfo.InvariantCulture);
            if (previous is { } p)
            {
                Console.Error.WriteLine($"  time × {seconds / p:F1} for the step to {size:N0}");
            }

            previous = seconds;
        }
    }

    public static long Parse(string size) => size.Trim().ToUpperInvariant() switch
    {
        var s when s.EndsWith('K') => long.Parse(s[..^1], CultureInfo.InvariantCulture) * 1_000,
        var s when s.EndsWith('M') => long.Parse(s[..^1], CultureInfo.InvariantCulture) * 1_000_000,
        var s => long.Parse(s, CultureInfo.InvariantCulture),
    };

    /// <summary>Collects what setup left behind and resets the kernel's high-water mark (Linux), so the peak is the measured step's.</summary>
    public static void ResetPeak()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not Linux, or not allowed: the peak then includes the setup.
        }
    }

    public static double PeakMegabytes()
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
