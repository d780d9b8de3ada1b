using BenchmarkDotNet.Attributes;
using Readiness.Calibration;
using Readiness.Evidence;
using Readiness.Simulation;

namespace Readiness.Benchmarks.Calibration;

/// <summary>
/// Calibration of a simulated organisation's 360° cycle by every method, against raw means (the simplest correct method,
/// one pass over the ratings). People: 1,600 ≈ 127,000 ratings (106,000 from other raters: the lme4 comparison set);
/// 16,000 ≈ 1.3 million.
/// </summary>
[MemoryDiagnoser]
[MonitoringJob(warmupCount: 1, iterationCount: 5)]
public class CalibrationBenchmarks
{
    private RatingSet _ratings = null!;

    [ParamsSource(nameof(PeopleSizes))]
    public int People { get; set; }

    public static IEnumerable<int> PeopleSizes => Smoke.Sizes(200, 1_600, 16_000);

    [GlobalSetup]
    public void Setup() => _ratings = OrganisationSimulator.Generate(new SimulationOptions { People = People, Seed = 16 }).TakeInRatings().Ratings;

    [Benchmark(Baseline = true, Description = "Raw means (baseline)")]
    public CalibrationResult RawMeans() => new RawMeanCalibrator().Calibrate(_ratings);

    [Benchmark(Description = "Mean-centring")]
    public CalibrationResult MeanCentring() => new MeanCentringCalibrator().Calibrate(_ratings);

    [Benchmark(Description = "Crossed, exact REML")]
    public CalibrationResult CrossedExact() =>
        new CrossedRandomEffectsCalibrator(new CrossedModelOptions { Path = CrossedModelPath.Exact }).Calibrate(_ratings);

    [Benchmark(Description = "Crossed, exact REML, 1 thread")]
    public CalibrationResult CrossedExactSerial() =>
        new CrossedRandomEffectsCalibrator(new CrossedModelOptions { Path = CrossedModelPath.Exact, MaxDegreeOfParallelism = 1 }).Calibrate(_ratings);

    [Benchmark(Description = "Crossed, scalable")]
    public CalibrationResult CrossedScalable() =>
        new CrossedRandomEffectsCalibrator(new CrossedModelOptions { Path = CrossedModelPath.Scalable }).Calibrate(_ratings);
}
