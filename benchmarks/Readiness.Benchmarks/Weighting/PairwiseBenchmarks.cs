using BenchmarkDotNet.Attributes;
using MathNet.Numerics.LinearAlgebra;
using Readiness.Competencies;
using Readiness.Weighting;

namespace Readiness.Benchmarks.Weighting;

/// <summary>
/// AHP on the built-in framework's 14 competencies: the full analysis (canonical ordering,
/// eigen-decomposition, consistency report) against the raw MathNet eigen-decomposition it is built on.
/// </summary>
[MemoryDiagnoser]
public class PairwiseBenchmarks
{
    private static readonly double[] Saaty = [1.0 / 9, 1.0 / 7, 1.0 / 5, 1.0 / 3, 1, 3, 5, 7, 9];
    private PairwiseComparisons _comparisons = null!;
    private Matrix<double> _matrix = null!;

    [GlobalSetup]
    public void Setup()
    {
        var ids = LeadershipFramework.Model.Competencies.Select(c => c.Id.Value).ToArray();
        var random = new Random(42);
        var matrix = new double?[ids.Length, ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            for (var j = i + 1; j < ids.Length; j++)
            {
                matrix[i, j] = Saaty[random.Next(Saaty.Length)];
            }
        }

        _comparisons = PairwiseComparisons.FromMatrix(ids, matrix);
        _matrix = Matrix<double>.Build.Dense(ids.Length, ids.Length, (i, j) => _comparisons[ids[i], ids[j]]!.Value);
    }

    [Benchmark(Baseline = true, Description = "MathNet Evd (raw kernel)")]
    public double RawEigen() => _matrix.Evd(Symmetricity.Asymmetric).EigenValues[0].Real;

    [Benchmark(Description = "PairwiseWeighting.Analyze (eigenvector)")]
    public double Eigenvector() => new PairwiseWeighting(PairwiseMethod.Eigenvector).Analyze(_comparisons).LambdaMax;

    [Benchmark(Description = "PairwiseWeighting.Analyze (geometric mean)")]
    public double GeometricMean() => new PairwiseWeighting(PairwiseMethod.GeometricMean).Analyze(_comparisons).LambdaMax;
}
