namespace Readiness.Weighting;

/// <summary>
/// Rank-order centroid (Barron &amp; Barrett, 1996): from a ranking alone, the weights at the centre of all weight vectors
/// consistent with it. With n competencies the one ranked k-th gets (1/n)·Σ_{i=k..n} 1/i.
/// </summary>
/// <remarks>
/// Ranks are positive integers, 1 the most important; only their order matters (1, 2, 3 and 1, 5, 9 give the same
/// weights). Tied competencies share equally the centroid weights of the positions they occupy together.
/// </remarks>
/// <threadsafety>Stateless; safe to share.</threadsafety>
public sealed class RankOrderCentroidWeighting : IWeightingStrategy<IEnumerable<KeyValuePair<string, int>>>
{
    /// <inheritdoc/>
    public string Method => "rank-order centroid";

    /// <summary>Computes centroid weights from a ranking.</summary>
    /// <param name="input">Competency id and rank (1 = most important, ties allowed).</param>
    /// <returns>The centroid weights: a better rank never gets a smaller weight.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="Competencies.ReadinessValidationException">An id is invalid or repeated, or a rank is below 1.</exception>
    public CompetencyWeights Weigh(IEnumerable<KeyValuePair<string, int>> input)
    {
        var (ids, ranks) = WeightingInput.Read(input, "ranks", static (v, errors, path) =>
        {
            if (v < 1)
            {
                errors.Add(new(path, $"rank {v} is not allowed; ranks start at 1 (the most important)"));
            }
        });
        var n = ranks.Length;

        // centroid[k] for position k (0-based) = (1/n) * sum_{i=k+1..n} 1/i, summed from the back; the 1/n is left to the
        // normalisation.
        var centroid = new double[n];
        var tail = 0.0;
        for (var k = n - 1; k >= 0; k--)
        {
            tail += 1.0 / (k + 1);
            centroid[k] = tail;
        }

        var byRank = Enumerable.Range(0, n).OrderBy(i => ranks[i]).ToArray();
        var weights = new double[n];
        for (var start = 0; start < n;)
        {
            var end = start;
            while (end + 1 < n && ranks[byRank[end + 1]] == ranks[byRank[start]])
            {
                end++;
            }

            var shared = 0.0;
            for (var k = start; k <= end; k++)
            {
                shared += centroid[k];
            }

            for (var k = start; k <= end; k++)
            {
                weights[byRank[k]] = shared / (end - start + 1);
            }

            start = end + 1;
        }

        return CompetencyWeights.Normalise(ids, weights);
    }
}
