namespace Readiness.Weighting;

/// <summary>How weights are derived from a pairwise-comparison matrix.</summary>
public enum PairwiseMethod
{
    /// <summary>
    /// The principal right eigenvector (Saaty). Needs a complete matrix. The default for complete matrices.
    /// </summary>
    Eigenvector = 0,

    /// <summary>
    /// Logarithmic least squares: minimises Σ (ln a_ij − ln w_i + ln w_j)² over the judgements given. For a complete matrix
    /// this is the normalised geometric mean of each row; it also weighs incomplete matrices.
    /// </summary>
    GeometricMean = 1,
}
