using FsCheck;
using FsCheck.Fluent;
using Readiness.Weighting;

namespace Readiness.Core.Tests.Weighting;

internal static class WeightingGenerators
{
    /// <summary>1–12 distinct competency ids in a random order (so canonical and given order differ).</summary>
    public static Gen<string[]> Ids { get; } =
        from n in Gen.Choose(1, 12)
        from order in Gen.Shuffle(Enumerable.Range(0, n).Select(i => $"c{(char)('a' + i)}{i}").ToArray())
        select order;

    /// <summary>Positive weights whose ratios stay on Saaty's scale (each in [1/3, 3], so ratios in [1/9, 9]).</summary>
    public static Gen<double[]> TrueWeights(int n) => Gen.ArrayOf(Gen.Choose(0, 10_000).Select(k => Math.Pow(3, (k / 5000.0) - 1)), n);

    /// <summary>A random reciprocal matrix of Saaty-scale judgements; missing cells allowed but a chain keeps it connected.</summary>
    public static Gen<PairwiseComparisons> Comparisons(bool allowMissing) =>
        from ids in Ids
        from values in Gen.ArrayOf(Gen.Elements(1.0 / 9, 1.0 / 7, 1.0 / 5, 1.0 / 3, 1, 2, 3, 5, 7, 9), ids.Length * ids.Length)
        from missing in Gen.ArrayOf(Gen.Elements(false, false, true), ids.Length * ids.Length)
        select Build(ids, (i, j) => allowMissing && j != i + 1 && missing[(i * ids.Length) + j] ? null : values[(i * ids.Length) + j]);

    /// <summary>The matrix a_ij = w_i / w_j of given weights, optionally with missing cells (kept connected by a chain).</summary>
    public static PairwiseComparisons Consistent(string[] ids, double[] weights, bool[]? missing = null) =>
        Build(ids, (i, j) => missing is not null && j != i + 1 && missing[(i * ids.Length) + j] ? null : weights[i] / weights[j]);

    private static PairwiseComparisons Build(string[] ids, Func<int, int, double?> upper)
    {
        var matrix = new double?[ids.Length, ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            for (var j = i + 1; j < ids.Length; j++)
            {
                matrix[i, j] = upper(i, j);
            }
        }

        return PairwiseComparisons.FromMatrix(ids, matrix);
    }
}
