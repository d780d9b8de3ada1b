using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Readiness.Weighting;

namespace Readiness.Core.Tests.Weighting;

public sealed class WeightingPropertyTests
{
    private static readonly Gen<(string[] Ids, double[] Points)> PointsGen =
        from ids in WeightingGenerators.Ids
        from points in Gen.ArrayOf(Gen.Choose(0, 1000).Select(p => p / 10.0), ids.Length).Where(p => p.Sum() > 0)
        select (ids, points);

    [Property]
    public Property Every_strategy_gives_non_negative_weights_summing_to_1() =>
        Prop.ForAll(
            (from p in PointsGen
             from ranks in Gen.ArrayOf(Gen.Choose(1, 5), p.Ids.Length)
             from comparisons in WeightingGenerators.Comparisons(allowMissing: true)
             select (p.Ids, p.Points, Ranks: ranks, Comparisons: comparisons)).ToArbitrary(),
            c =>
            {
                var swings = c.Points.Select(x => 100 * x / c.Points.Max()).ToArray();
                AssertNormalised(new EqualWeighting().Weigh(c.Ids));
                AssertNormalised(new DirectPointsWeighting().Weigh(Pairs(c.Ids, c.Points)));
                AssertNormalised(new SwingWeighting().Weigh(Pairs(c.Ids, swings)));
                AssertNormalised(new RankOrderCentroidWeighting().Weigh(Pairs(c.Ids, c.Ranks)));
                AssertNormalised(new PairwiseWeighting(PairwiseMethod.GeometricMean).Weigh(c.Comparisons));
                if (c.Comparisons.IsComplete)
                {
                    AssertNormalised(new PairwiseWeighting(PairwiseMethod.Eigenvector).Weigh(c.Comparisons));
                }
            });

    [Property]
    public Property A_consistent_matrix_returns_the_weights_it_was_built_from_with_CR_0() =>
        Prop.ForAll(
            (from ids in WeightingGenerators.Ids
             from weights in WeightingGenerators.TrueWeights(ids.Length)
             from missing in Gen.ArrayOf(Gen.Elements(false, true), ids.Length * ids.Length)
             select (ids, weights, missing)).ToArbitrary(),
            c =>
            {
                var total = c.weights.Sum();
                var complete = WeightingGenerators.Consistent(c.ids, c.weights);
                var incomplete = WeightingGenerators.Consistent(c.ids, c.weights, c.missing);
                foreach (var analysis in new[]
                {
                    new PairwiseWeighting(PairwiseMethod.Eigenvector).Analyze(complete),
                    new PairwiseWeighting(PairwiseMethod.GeometricMean).Analyze(complete),
                    new PairwiseWeighting().Analyze(incomplete),
                })
                {
                    for (var i = 0; i < c.ids.Length; i++)
                    {
                        Assert.Equal(c.weights[i] / total, analysis.Weights[c.ids[i]].Fraction, 1e-9);
                    }

                    Assert.Equal(0, analysis.ConsistencyRatio!.Value, 1e-9);
                    Assert.Null(analysis.MostInconsistent);
                }
            });

    [Property]
    public Property Relabelling_competencies_permutes_the_weights_the_same_way() =>
        Prop.ForAll(
            (from comparisons in WeightingGenerators.Comparisons(allowMissing: true)
             from order in Gen.Shuffle(Enumerable.Range(0, comparisons.Count).ToArray())
             select (comparisons, order)).ToArbitrary(),
            c =>
            {
                var ids = c.comparisons.CompetencyIds;
                var permutedIds = c.order.Select(i => ids[i]).ToArray();
                var matrix = new double?[ids.Length, ids.Length];
                for (var i = 0; i < ids.Length; i++)
                {
                    for (var j = 0; j < ids.Length; j++)
                    {
                        matrix[i, j] = c.comparisons[permutedIds[i], permutedIds[j]];
                    }
                }

                var weighting = new PairwiseWeighting(PairwiseMethod.GeometricMean);
                var original = weighting.Analyze(c.comparisons);
                var permuted = weighting.Analyze(PairwiseComparisons.FromMatrix(permutedIds, matrix));

                Assert.Equal(permutedIds, permuted.Weights.CompetencyIds);
                Assert.All(ids, id => Assert.Equal(original.Weights[id], permuted.Weights[id]));
                Assert.Equal(original.LambdaMax, permuted.LambdaMax);
                Assert.Equal(original.ConsistencyRatio, permuted.ConsistencyRatio);
            });

    [Property]
    public Property Direct_points_are_scale_invariant() =>
        Prop.ForAll(
            PointsGen.Zip(Gen.Choose(1, 1_000_000).Select(k => k / 1000.0)).ToArbitrary(),
            c =>
            {
                var ((ids, points), factor) = c;
                var weighting = new DirectPointsWeighting();
                var original = weighting.Weigh(Pairs(ids, points));
                var scaled = weighting.Weigh(Pairs(ids, points.Select(p => p * factor).ToArray()));
                Assert.All(ids, id => Assert.Equal(original[id].Fraction, scaled[id].Fraction, 1e-12));
            });

    [Property]
    public Property Rank_order_centroid_weights_are_monotone_in_rank() =>
        Prop.ForAll(
            (from ids in WeightingGenerators.Ids
             from ranks in Gen.ArrayOf(Gen.Choose(1, 6), ids.Length)
             select (ids, ranks)).ToArbitrary(),
            c =>
            {
                var weights = new RankOrderCentroidWeighting().Weigh(Pairs(c.ids, c.ranks));
                for (var i = 0; i < c.ids.Length; i++)
                {
                    for (var j = 0; j < c.ids.Length; j++)
                    {
                        var (wi, wj) = (weights[c.ids[i]].Fraction, weights[c.ids[j]].Fraction);
                        if (c.ranks[i] < c.ranks[j])
                        {
                            Assert.True(wi > wj, $"rank {c.ranks[i]} got {wi}, rank {c.ranks[j]} got {wj}");
                        }
                        else if (c.ranks[i] == c.ranks[j])
                        {
                            Assert.Equal(wi, wj);
                        }
                    }
                }
            });

    private static void AssertNormalised(CompetencyWeights weights)
    {
        Assert.All(weights, w => Assert.True(w.Value.Fraction >= 0));
        Assert.Equal(1.0, weights.Sum(w => w.Value.Fraction), 1e-12);
    }

    private static KeyValuePair<string, T>[] Pairs<T>(string[] ids, T[] values) => [.. ids.Zip(values, KeyValuePair.Create)];
}
