using BenchmarkDotNet.Attributes;
using Readiness.Calibration;
using Readiness.Evidence;
using Readiness.Simulation;

namespace Readiness.Benchmarks.Calibration;

/// <summary>
/// The many-facet Rasch fit of a simulated organisation's 360° cycle with about a million ratings (12,600 people ≈ 1.0
/// million ratings, 0.96 million from other raters), against raw means (one pass over the ratings) and the crossed model.
/// </summary>
[MemoryDiagnoser]
[MonitoringJob(warmupCount: 1, iterationCount: 3)]
public class RaschBenchmarks
{
    private RatingSet _ratings = null!;

    [ParamsSource(nameof(PeopleSizes))]
    public int People { get; set; }

    public static IEnumerable<int> PeopleSizes => Smoke.Sizes(150, 12_600);

    [GlobalSetup]
    public void Setup() => _ratings = OrganisationSimulator.Generate(new SimulationOptions { People = People, Seed = 16 }).TakeInRatings().Ratings;

    [Benchmark(Baseline = true, Description = "Raw means (baseline)")]
    public CalibrationResult RawMeans() => new RawMeanCalibrator().Calibrate(_ratings);

    [Benchmark(Description = "Crossed, exact REML")]
    public CalibrationResult Crossed() => new CrossedRandomEffectsCalibrator().Calibrate(_ratings);

    [Benchmark(Description = "Many-facet Rasch, JMLE")]
    public CalibrationResult Rasch() => new ManyFacetRaschCalibrator().Calibrate(_ratings);
}
