using System.Numerics;
using BenchmarkDotNet.Attributes;
using Readiness.Calibration;
using Readiness.Competencies;
using Readiness.Evidence;
using Readiness.Scoring;

namespace Readiness.Benchmarks.Scoring;

/// <summary>
/// Batch scoring of a population against the built-in first-line-manager profile (14 requirements): the scorer's batch
/// path (index, interval ends and band per candidate) against a raw vectorised weighted sum over the same data — the
/// estimates and their standard errors, Σ w·x and Σ w·se per candidate: the memory-bandwidth floor of any score with an
/// interval. Minimum and median are shown beside the mean: on a shared virtual machine the mean carries the neighbours' load.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class BatchScoringBenchmarks
{
    private readonly ReadinessScorer _scorer = new();
    private readonly ReadinessScorer _pointScorer = new(new ScoringOptions { BandBasis = BandBasis.PointEstimate });
    private RoleProfile _profile = null!;
    private double[] _estimates = null!;
    private double[] _errors = null!;
    private double[] _weights = null!;
    private double[] _index = null!;
    private double[] _lower = null!;
    private double[] _upper = null!;
    private ReadinessBand[] _bands = null!;
    private double[] _readyNow = null!;
    private double[] _nearTerm = null!;
    private double[] _nearEstimates = null!;

    [ParamsSource(nameof(CandidateSizes))]
    public int Candidates { get; set; }

    public static IEnumerable<int> CandidateSizes => Smoke.Sizes(1_000, 1_000_000);

    [GlobalSetup]
    public void Setup()
    {
        _profile = LeadershipFramework.FirstLineManager;
        var k = _profile.Requirements.Length;
        var random = new Random(42);
        _estimates = [.. Enumerable.Range(0, Candidates * k).Select(_ => 1 + (4 * random.NextDouble()))];
        _errors = [.. Enumerable.Range(0, Candidates * k).Select(_ => 0.05 + (0.45 * random.NextDouble()))];
        _weights = [.. _profile.Requirements.Select(r => r.Weight.Fraction)];
        _index = new double[Candidates];
        _lower = new double[Candidates];
        _upper = new double[Candidates];
        _bands = new ReadinessBand[Candidates];
        _readyNow = new double[Candidates];
        _nearTerm = new double[Candidates];

        // A population close to the profile (a person level around the targets, competencies spread about it): few rows
        // settle a probability at 0 or 1 from the years alone, so the index's threshold is searched for in most of them.
        var targets = _profile.Requirements.Select(r => r.Target).ToArray();
        _nearEstimates = new double[Candidates * k];
        for (var i = 0; i < Candidates; i++)
        {
            var person = 0.5 * Normal(random);
            for (var j = 0; j < k; j++)
            {
                _nearEstimates[(i * k) + j] = targets[j] + person + (0.3 * Normal(random));
            }
        }
    }

    private static double Normal(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    [Benchmark(Baseline = true, Description = "Raw weighted sums of x and se (vectorised)")]
    public double RawWeightedSum()
    {
        var k = _weights.Length;
        var estimates = _estimates.AsSpan();
        var errors = _errors.AsSpan();
        for (var i = 0; i < _index.Length; i++)
        {
            var row = estimates.Slice(i * k, k);
            var se = errors.Slice(i * k, k);
            var j = 0;
            var sum = Vector<double>.Zero;
            var width = Vector<double>.Zero;
            for (; j <= k - Vector<double>.Count; j += Vector<double>.Count)
            {
                var w = new Vector<double>(_weights, j);
                sum += new Vector<double>(row[j..]) * w;
                width += new Vector<double>(se[j..]) * w;
            }

            var total = Vector.Sum(sum);
            var spread = Vector.Sum(width);
            for (; j < k; j++)
            {
                total += row[j] * _weights[j];
                spread += se[j] * _weights[j];
            }

            _index[i] = total;
            _upper[i] = spread;
        }

        return _index[^1];
    }

    [Benchmark(Description = "ReadinessScorer.ScoreBatch (bands on the estimates)")]
    public double ScoreBatchOnEstimates()
    {
        _pointScorer.ScoreBatch(_profile, _estimates, _errors, _index, _lower, _upper, _bands);
        return _index[^1];
    }

    [Benchmark(Description = "ReadinessScorer.ScoreBatch (bands by probability, the default)")]
    public double ScoreBatch()
    {
        _scorer.ScoreBatch(_profile, _estimates, _errors, _index, _lower, _upper, _bands);
        return _index[^1];
    }

    [Benchmark(Description = "ReadinessScorer.ScoreBatch with P(ready now) and P(ready within 2 years)")]
    public double ScoreBatchWithProbabilities()
    {
        _scorer.ScoreBatch(_profile, _estimates, _errors, _index, _lower, _upper, _bands, _readyNow, _nearTerm);
        return _readyNow[^1];
    }

    [Benchmark(Description = "ReadinessScorer.ScoreBatch with probabilities, a population near the targets")]
    public double ScoreBatchWithProbabilitiesNearTargets()
    {
        _scorer.ScoreBatch(_profile, _nearEstimates, _errors, _index, _lower, _upper, _bands, _readyNow, _nearTerm);
        return _readyNow[^1];
    }

    [Benchmark(Description = "ReadinessScorer.ScoreBatchParallel (all cores)")]
    public double ScoreBatchParallel()
    {
        _scorer.ScoreBatchParallel(_profile, _estimates, _errors, _index, _lower, _upper, _bands);
        return _index[^1];
    }
}

/// <summary>One candidate against the built-in first-line-manager profile: the whole assessment, against the batch path's arithmetic for one row.</summary>
[MemoryDiagnoser]
public class SingleAssessmentBenchmarks
{
    private readonly ReadinessScorer _scorer = new();
    private readonly double[] _index = new double[1];
    private readonly double[] _lower = new double[1];
    private readonly double[] _upper = new double[1];
    private readonly ReadinessBand[] _bands = new ReadinessBand[1];
    private ReadinessCandidate _candidate = null!;
    private ReadinessCandidate _correlated = null!;
    private ReadinessCandidate _calibrated = null!;
    private double[] _estimates = null!;
    private double[] _errors = null!;

    [GlobalSetup]
    public void Setup()
    {
        var id = new RateeId("P0001");
        var random = new Random(7);
        var profile = LeadershipFramework.FirstLineManager;
        _estimates = [.. profile.Requirements.Select(_ => 2.5 + (2 * random.NextDouble()))];
        _errors = [.. profile.Requirements.Select(_ => 0.1 + (0.3 * random.NextDouble()))];
        _candidate = new ReadinessCandidate(
            id,
            profile.Requirements.Select((r, j) => new CompetencyEstimate(id, r.Competency.Id, _estimates[j], _errors[j], 12, 6)),
            6,
            [RaterSource.Manager, RaterSource.Peer, RaterSource.DirectReport]);

        // Error correlations as a calibration gives them: the draws then decide the probabilities.
        var k = profile.Requirements.Length;
        _correlated = new ReadinessCandidate(id, _candidate.Estimates, 6, _candidate.Sources,
            errorCorrelations: EstimateCorrelations.FromLowerTriangle(k, Enumerable.Repeat(0.3, k * (k - 1) / 2)));

        // As the crossed model gives them: estimates pulled toward a mean, so the index interval takes a second set of draws
        // around the unshrunk estimates with the conditional correlations.
        _calibrated = new ReadinessCandidate(id,
            profile.Requirements.Select((r, j) => new CompetencyEstimate(id, r.Competency.Id, _estimates[j], _errors[j], 12, 6, reliability: 0.8, shrunkToward: 3)),
            6, _candidate.Sources,
            errorCorrelations: EstimateCorrelations.FromLowerTriangle(k, Enumerable.Repeat(0.3, k * (k - 1) / 2)),
            conditionalErrorCorrelations: EstimateCorrelations.FromLowerTriangle(k, Enumerable.Repeat(0.45, k * (k - 1) / 2)));
    }

    [Benchmark(Baseline = true, Description = "Batch path, one row (the arithmetic)")]
    public double OneRow()
    {
        _scorer.ScoreBatch(LeadershipFramework.FirstLineManager, _estimates, _errors, _index, _lower, _upper, _bands);
        return _index[0];
    }

    [Benchmark(Description = "ReadinessScorer.Score (the explained assessment; errors move together: exact probabilities)")]
    public ReadinessAssessment Score() => _scorer.Score(_candidate, LeadershipFramework.FirstLineManager);

    [Benchmark(Description = "ReadinessScorer.Score (with error correlations: 1,021 joint draws)")]
    public ReadinessAssessment ScoreCorrelated() => _scorer.Score(_correlated, LeadershipFramework.FirstLineManager);

    [Benchmark(Description = "ReadinessScorer.Score (a calibration's candidate: joint draws, then draws for the confidence interval)")]
    public ReadinessAssessment ScoreCalibrated() => _scorer.Score(_calibrated, LeadershipFramework.FirstLineManager);
}
