namespace Readiness.Weighting;

/// <summary>Weights derived from pairwise comparisons, with Saaty's consistency diagnostics.</summary>
/// <remarks>
/// λmax is the principal eigenvalue of the matrix (for an incomplete matrix, of the matrix completed with w_i/w_j from the
/// logarithmic-least-squares weights). CI = (λmax − n)/(n − 1); CR = CI / RI(n) under <see cref="RandomIndexTable"/>.
/// Saaty accepts CR ≤ 0.05 for n = 3, ≤ 0.08 for n = 4 and ≤ 0.10 above; see <see cref="AcceptableConsistencyRatio"/>.
/// </remarks>
public sealed class PairwiseAnalysis
{
    internal PairwiseAnalysis(
        CompetencyWeights weights,
        PairwiseMethod method,
        double lambdaMax,
        double consistencyIndex,
        RandomIndexTable table,
        int order,
        int missingJudgements,
        InconsistentJudgement? mostInconsistent)
    {
        Weights = weights;
        Method = method;
        LambdaMax = lambdaMax;
        ConsistencyIndex = consistencyIndex;
        RandomIndexTable = table;
        MissingJudgements = missingJudgements;
        MostInconsistent = mostInconsistent;
        if (order <= 2)
        {
            RandomIndex = 0;
            ConsistencyRatio = 0;
        }
        else if (table.TryGetRandomIndex(order, out var ri))
        {
            RandomIndex = ri;
            ConsistencyRatio = consistencyIndex / ri;
        }

        AcceptableConsistencyRatio = order switch { <= 3 => 0.05, 4 => 0.08, _ => 0.10 };
    }

    /// <summary>Gets the derived weights, in the order of the comparisons.</summary>
    public CompetencyWeights Weights { get; }

    /// <summary>Gets the method used to derive the weights.</summary>
    public PairwiseMethod Method { get; }

    /// <summary>Gets λmax, the principal eigenvalue of the (completed) matrix; n for a perfectly consistent matrix.</summary>
    public double LambdaMax { get; }

    /// <summary>Gets the consistency index (λmax − n)/(n − 1); 0 for n ≤ 2.</summary>
    public double ConsistencyIndex { get; }

    /// <summary>Gets RI(n) from <see cref="RandomIndexTable"/>, 0 for n ≤ 2, or null when the table does not list n.</summary>
    public double? RandomIndex { get; }

    /// <summary>Gets the consistency ratio CI / RI(n), 0 for n ≤ 2, or null when the table does not list n.</summary>
    public double? ConsistencyRatio { get; }

    /// <summary>Gets the random-index table the consistency ratio uses.</summary>
    public RandomIndexTable RandomIndexTable { get; }

    /// <summary>Gets Saaty's threshold for this matrix order: 0.05 for n ≤ 3, 0.08 for n = 4, 0.10 above.</summary>
    public double AcceptableConsistencyRatio { get; }

    /// <summary>Gets whether the judgements are consistent enough to use: CR at or below the threshold; null when CR is undefined.</summary>
    public bool? IsAcceptable => ConsistencyRatio is { } ratio ? ratio <= AcceptableConsistencyRatio : null;

    /// <summary>Gets the number of pairs that were not judged.</summary>
    public int MissingJudgements { get; }

    /// <summary>Gets the judgement contributing most to the inconsistency, or null when every judgement agrees with the weights.</summary>
    public InconsistentJudgement? MostInconsistent { get; }
}
