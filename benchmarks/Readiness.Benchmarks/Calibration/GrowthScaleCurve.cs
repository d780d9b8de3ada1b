using System.Diagnostics;
using System.Globalization;
using Readiness.Calibration;
using Readiness.Simulation;

namespace Readiness.Benchmarks.Calibration;

/// <summary>
/// The scale curve of the longitudinal model: one fit per size, each in a fresh process, the size being the ratings of
/// one cycle. <c>dotnet run -c Release --project benchmarks/Readiness.Benchmarks -- scale-growth [10k,100k,1M] [CYCLES]</c>
/// (3 cycles by default).
/// </summary>
/// <remarks>
/// As <see cref="ScaleCurve"/>: one cold fit (JIT included); peak memory is the process's peak resident set during the
/// fit, the simulation's objects collected and the kernel's high-water mark reset first.
/// </remarks>
internal static class GrowthScaleCurve
{
    public static int Run(string[] args)
    {
        var cycles = args.Length > 2 ? args[2] : "3";
        Console.WriteLine($"Scale curve, longitudinal model, {cycles} cycles, local design, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}");
        Console.WriteLine("| ratings a cycle | cycles | ratings | people | fit (s) | peak RSS during fit (MB) | allocated (GB) | iterations |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        ScaleRun.Children("scale-growth-one", args.Length > 1 ? args[1] : "10k,100k,1M", [cycles], timeColumn: 5);
        return 0;
    }

    public static int RunOne(string[] args)
    {
        var target = long.Parse(args[1], CultureInfo.InvariantCulture);
        var cycles = int.Parse(args[2], CultureInfo.InvariantCulture);
        var perPerson = OrganisationSimulator.Generate(new SimulationOptions { People = 2_000, Seed = 16, Cycles = cycles }).Ratings.Length / (2_000.0 * cycles);
        var people = (int)Math.Max(20, Math.Round(target / perPerson));
        var organisation = OrganisationSimulator.Generate(new SimulationOptions { People = people, Seed = 16, Cycles = cycles });
        var calendar = organisation.ReviewCycles!;
        var ratings = organisation.TakeInRatings().Ratings;
        organisation = null;
        ScaleRun.ResetPeak();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var fit = new LongitudinalCalibrator().Calibrate(ratings, calendar);
        var seconds = clock.Elapsed.TotalSeconds;
        var peak = ScaleRun.PeakMegabytes();
        var gigabytes = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1e9;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {target:N0} | {cycles} | {ratings.Count:N0} | {people:N0} | {seconds:F2} | {peak:N0} | {gigabytes:F2} | {fit.Iterations} |"));
        GC.KeepAlive(fit);
        return 0;
    }
}
