using BenchmarkDotNet.Attributes;
using Readiness.Calibration;
using Readiness.Evidence;
using Readiness.Simulation;

namespace Readiness.Benchmarks.Calibration;

/// <summary>
/// The longitudinal model on a simulated organisation rated in three yearly cycles, against the crossed model on the same
/// ratings pooled (the baseline: the same REML machinery without time, on one thread as the longitudinal fit runs).
/// People: 400 ≈ 95,000 ratings; 1,200 ≈ 286,000.
/// </summary>
[MemoryDiagnoser]
[MonitoringJob(warmupCount: 1, iterationCount: 5)]
public class LongitudinalBenchmarks
{
    private RatingSet _ratings = null!;
    private ReviewCycles _cycles = null!;

    [ParamsSource(nameof(PeopleSizes))]
    public int People { get; set; }

    public static IEnumerable<int> PeopleSizes => Smoke.Sizes(60, 400, 1_200);

    [GlobalSetup]
    public void Setup()
    {
        var organisation = OrganisationSimulator.Generate(new SimulationOptions { People = People, Seed = 16, Cycles = 3 });
        (_ratings, _cycles) = (organisation.TakeInRatings().Ratings, organisation.ReviewCycles!);
    }

    [Benchmark(Baseline = true, Description = "Crossed, exact REML, 1 thread, cycles pooled (baseline)")]
    public CalibrationResult Crossed() =>
        new CrossedRandomEffectsCalibrator(new CrossedModelOptions { Path = CrossedModelPath.Exact, MaxDegreeOfParallelism = 1 }).Calibrate(_ratings);

    [Benchmark(Description = "Longitudinal REML")]
    public GrowthCalibration Longitudinal() => new LongitudinalCalibrator().Calibrate(_ratings, _cycles);
}
