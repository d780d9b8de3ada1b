using BenchmarkDotNet.Attributes;
using Readiness.Calibration;
using Readiness.Evidence;
using Readiness.Simulation;

namespace Readiness.Benchmarks.Calibration;

/// <summary>
/// The crossed model on every rating design at about 100,000 ratings (1,100 people; about 88,000 from other raters in the
/// widely crossed design, the 73,000-rating case scaled up), against raw means. The exact path's cost follows the
/// design's structure, not the number of ratings: this is where that shows.
/// </summary>
[MemoryDiagnoser]
[MonitoringJob(warmupCount: 1, iterationCount: 5)]
public class CalibrationDesignBenchmarks
{
    private RatingSet _ratings = null!;

    [ParamsAllValues]
    public RatingDesign Design { get; set; }

    [GlobalSetup]
    public void Setup() =>
        _ratings = OrganisationSimulator.Generate(new SimulationOptions { People = Smoke.IsOn ? 120 : 1_100, Seed = 1, Design = Design }).TakeInRatings().Ratings;

    [Benchmark(Baseline = true, Description = "Raw means (baseline)")]
    public CalibrationResult RawMeans() => new RawMeanCalibrator().Calibrate(_ratings);

    [Benchmark(Description = "Crossed, auto")]
    public CalibrationResult CrossedAuto() => new CrossedRandomEffectsCalibrator().Calibrate(_ratings);

    [Benchmark(Description = "Crossed, exact REML")]
    public CalibrationResult CrossedExact() =>
        new CrossedRandomEffectsCalibrator(new CrossedModelOptions { Path = CrossedModelPath.Exact }).Calibrate(_ratings);

    [Benchmark(Description = "Crossed, scalable")]
    public CalibrationResult CrossedScalable() =>
        new CrossedRandomEffectsCalibrator(new CrossedModelOptions { Path = CrossedModelPath.Scalable }).Calibrate(_ratings);
}
