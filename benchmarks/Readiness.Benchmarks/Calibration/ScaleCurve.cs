using System.Diagnostics;
using System.Globalization;
using Readiness.Calibration;
using Readiness.Simulation;

namespace Readiness.Benchmarks.Calibration;

/// <summary>
/// The scale curve: one crossed calibration per size, each in a fresh process so that time and peak memory belong to that
/// size alone. <c>dotnet run -c Release --project benchmarks/Readiness.Benchmarks -- scale [10k,100k,1M,10M] [auto|exact|scalable]
/// [local|widely-crossed|assessment-centre|matrix|anonymised]</c>.
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
        var path = args.Length > 2 ? args[2] : "auto";
        var design = args.Length > 3 ? args[3] : "local";
        Console.WriteLine($"Scale curve, crossed model ({path}), {design} design, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}");
        Console.WriteLine("| ratings | people | algorithm | fit (s) | peak RSS during fit (MB) | allocated (GB) | iterations |");
        Console.WriteLine("|---:|---:|---|---:|---:|---:|---:|");
        ScaleRun.Children("scale-one", args.Length > 1 ? args[1] : "10k,100k,1M,10M", [path, design], timeColumn: 4);
        return 0;
    }

    public static int RunOne(string[] args)
    {
        var target = long.Parse(args[1], CultureInfo.InvariantCulture);
        var path = Enum.Parse<CrossedModelPath>(args[2], ignoreCase: true);
        var design = Enum.Parse<RatingDesign>(args.Length > 3 ? args[3].Replace("-", string.Empty, StringComparison.Ordinal) : "local", ignoreCase: true);
        var perPerson = design == RatingDesign.Local
            ? RatingsPerPerson
            : OrganisationSimulator.Generate(new SimulationOptions { People = 2_000, Seed = 16, Design = design }).Ratings.Length / 2_000.0;
        var people = (int)Math.Max(20, Math.Round(target / perPerson));
        var ratings = OrganisationSimulator.Generate(new SimulationOptions { People = people, Seed = 16, Design = design }).TakeInRatings().Ratings;
        ScaleRun.ResetPeak();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var result = new CrossedRandomEffectsCalibrator(new CrossedModelOptions { Path = path }).Calibrate(ratings);
        var seconds = clock.Elapsed.TotalSeconds;
        var peak = ScaleRun.PeakMegabytes();
        var gigabytes = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1e9;
        var algorithm = result.Algorithm.StartsWith("REML, exact", StringComparison.Ordinal) ? "exact REML" : "scalable";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {ratings.Count:N0} | {people:N0} | {algorithm} | {seconds:F2} | {peak:N0} | {gigabytes:F2} | {result.Iterations} |"));
        return 0;
    }
}
