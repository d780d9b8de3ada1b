using MathNet.Numerics.LinearAlgebra;

namespace Readiness.Weighting;

/// <summary>
/// The analytic hierarchy process (AHP) for one level: weights from pairwise judgements by the principal eigenvector or
/// logarithmic least squares, with λmax, the consistency index and ratio, and the most inconsistent judgement.
/// </summary>
/// <remarks>
/// <para>
/// Complete matrices use the <see cref="PairwiseMethod.Eigenvector"/> unless another method is chosen; incomplete ones use
/// <see cref="PairwiseMethod.GeometricMean"/> (logarithmic least squares over the judgements given), and asking for the
/// eigenvector of an incomplete matrix is refused rather than quietly switched.
/// </para>
/// <para>
/// Computation runs in ordinal id order and results are mapped back, so relabelling or reordering the competencies permutes
/// the weights and leaves every other number bit-identical.
/// </para>
/// </remarks>
/// <threadsafety>Immutable and stateless; safe to share.</threadsafety>
public sealed class PairwiseWeighting : IWeightingStrategy<PairwiseComparisons>
{
    /// <summary>Initializes a new instance of the <see cref="PairwiseWeighting"/> class.</summary>
    /// <param name="method">The method; null (the default) for the eigenvector when the matrix is complete, geometric mean otherwise.</param>
    /// <param name="randomIndexTable">The random-index table for the consistency ratio; null for <see cref="RandomIndexTable.Default"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="method"/> is not a defined method.</exception>
    public PairwiseWeighting(PairwiseMethod? method = null, RandomIndexTable? randomIndexTable = null)
    {
        if (method is { } m && !Enum.IsDefined(m))
        {
            throw new ArgumentOutOfRangeException(nameof(method), m, $"{(int)m} is not a PairwiseMethod; use Eigenvector or GeometricMean.");
        }

        PreferredMethod = method;
        RandomIndexTable = randomIndexTable ?? RandomIndexTable.Default;
    }

    /// <summary>Gets the method asked for, or null for the eigenvector when complete and geometric mean otherwise.</summary>
    public PairwiseMethod? PreferredMethod { get; }

    /// <summary>Gets the random-index table used for consistency ratios.</summary>
    public RandomIndexTable RandomIndexTable { get; }

    /// <inheritdoc/>
    public string Method => "pairwise comparison (AHP)";

    /// <inheritdoc/>
    public CompetencyWeights Weigh(PairwiseComparisons input) => Analyze(input).Weights;

    /// <summary>Derives weights and consistency diagnostics from pairwise comparisons.</summary>
    /// <param name="comparisons">The judgements.</param>
    /// <returns>The weights, λmax, CI, CR and the most inconsistent judgement.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="comparisons"/> is null.</exception>
    /// <exception cref="Competencies.ReadinessValidationException">The eigenvector method was asked for and judgements are missing.</exception>
    public PairwiseAnalysis Analyze(PairwiseComparisons comparisons)
    {
        ArgumentNullException.ThrowIfNull(comparisons);
        var method = PreferredMethod ?? (comparisons.IsComplete ? PairwiseMethod.Eigenvector : PairwiseMethod.GeometricMean);
        if (method == PairwiseMethod.Eigenvector && !comparisons.IsComplete)
        {
            WeightingInput.Throw("pairwise comparisons", "judgements", $"{comparisons.MissingJudgements} judgements are missing; the eigenvector method needs a complete matrix. Use PairwiseMethod.GeometricMean, which weighs incomplete matrices by logarithmic least squares");
        }

        var n = comparisons.Count;
        var order = CompetencyWeights.CanonicalOrder(comparisons.CompetencyIds);
        var a = Matrix<double>.Build.Dense(n, n, (i, j) => comparisons.Matrix[order[i], order[j]]);

        double[] canonicalWeights;
        double lambdaMax;
        if (method == PairwiseMethod.Eigenvector)
        {
            (lambdaMax, canonicalWeights) = PrincipalEigen(a);
        }
        else
        {
            canonicalWeights = LogLeastSquares(a);

            // λmax of an incomplete matrix is that of the matrix completed with the ratios of its own weights.
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    if (double.IsNaN(a[i, j]))
                    {
                        a[i, j] = canonicalWeights[i] / canonicalWeights[j];
                    }
                }
            }

            lambdaMax = PerronValue(a, canonicalWeights);
        }

        var consistencyIndex = n <= 2 ? 0 : Math.Max(0, (lambdaMax - n) / (n - 1));

        var weights = new double[n];
        for (var i = 0; i < n; i++)
        {
            weights[order[i]] = canonicalWeights[i];
        }

        var result = CompetencyWeights.Normalise(comparisons.CompetencyIds, weights);
        return new PairwiseAnalysis(result, method, lambdaMax, consistencyIndex, RandomIndexTable, n, comparisons.MissingJudgements, FindMostInconsistent(comparisons, weights));
    }

    /// <summary>
    /// The Perron eigenpair of a positive matrix: the eigenvalue with the largest real part and its vector, made positive
    /// (its entries share one sign); the caller normalises it.
    /// </summary>
    private static (double Value, double[] Vector) PrincipalEigen(Matrix<double> a)
    {
        var evd = a.Evd(Symmetricity.Asymmetric);
        var k = 0;
        for (var i = 1; i < evd.EigenValues.Count; i++)
        {
            if (evd.EigenValues[i].Real > evd.EigenValues[k].Real)
            {
                k = i;
            }
        }

        return (evd.EigenValues[k].Real, [.. evd.EigenVectors.Column(k).Select(Math.Abs)]);
    }

    /// <summary>
    /// λmax of a positive matrix by power iteration from <paramref name="start"/> — the geometric-mean weights, the Perron
    /// vector itself when the judgements are consistent and close to it otherwise — at O(n²) an iteration where the
    /// eigendecomposition costs O(n³); that is the fallback if the iteration has not settled after a thousand steps.
    /// </summary>
    private static double PerronValue(Matrix<double> a, double[] start)
    {
        // x ≥ 0 sums to 1, so Σ(Ax) is λmax once x is the Perron vector, and approaches it as x does.
        var x = Vector<double>.Build.DenseOfArray(start);
        x /= x.Sum();
        var lambda = double.NaN;
        for (var i = 0; i < 1000; i++)
        {
            var y = a * x;
            var next = y.Sum();
            x = y / next;
            if (Math.Abs(next - lambda) <= 1e-14 * next)
            {
                return next;
            }

            lambda = next;
        }

        return PrincipalEigen(a).Value;
    }

    /// <summary>
    /// Logarithmic least squares over the judgements given: with v = ln w, minimise Σ (ln a_ij − v_i + v_j)². The normal
    /// equations are the graph Laplacian L v = b (b_i = Σ_j ln a_ij); fixing v_0 = 0 makes the reduced system positive
    /// definite for a connected graph. A complete matrix reduces to the row means of ln a (the geometric-mean method).
    /// Returns w up to scale (the caller normalises), shifted so the largest is 1 and a long chain of 9s cannot overflow.
    /// </summary>
    private static double[] LogLeastSquares(Matrix<double> a)
    {
        var n = a.RowCount;
        var v = new double[n];
        if (n > 1)
        {
            var laplacian = Matrix<double>.Build.Dense(n - 1, n - 1);
            var b = Vector<double>.Build.Dense(n - 1);
            for (var i = 1; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    if (i != j && !double.IsNaN(a[i, j]))
                    {
                        laplacian[i - 1, i - 1] += 1;
                        b[i - 1] += Math.Log(a[i, j]);
                        if (j > 0)
                        {
                            laplacian[i - 1, j - 1] -= 1;
                        }
                    }
                }
            }

            var solution = laplacian.Cholesky().Solve(b);
            for (var i = 1; i < n; i++)
            {
                v[i] = solution[i - 1];
            }
        }

        var max = v.Max();
        return [.. v.Select(x => Math.Exp(x - max))];
    }

    private static InconsistentJudgement? FindMostInconsistent(PairwiseComparisons comparisons, double[] weights)
    {
        const double Agreement = 1e-10;
        var ids = comparisons.CompetencyIds;
        (int Row, int Column, double Contribution)? worst = null;
        for (var i = 0; i < ids.Length; i++)
        {
            for (var j = i + 1; j < ids.Length; j++)
            {
                var given = comparisons.Matrix[i, j];
                if (double.IsNaN(given))
                {
                    continue;
                }

                var deviation = given * weights[j] / weights[i];
                var contribution = deviation + (1 / deviation) - 2;
                if (contribution > Agreement && (worst is null || contribution > worst.Value.Contribution))
                {
                    worst = (i, j, contribution);
                }
            }
        }

        return worst is { } w
            ? new InconsistentJudgement(ids[w.Row], ids[w.Column], comparisons.Matrix[w.Row, w.Column], weights[w.Row] / weights[w.Column])
            : null;
    }
}
