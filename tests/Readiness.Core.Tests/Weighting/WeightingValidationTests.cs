using Readiness.Competencies;
using Readiness.Weighting;

namespace Readiness.Core.Tests.Weighting;

public sealed class WeightingValidationTests
{
    [Theory]
    [InlineData(3.0, 0.5, "judgements[b, a]", "0.5 contradicts judgements[a, b] = 3")]
    [InlineData(-3.0, null, "judgements[a, b]", "-3 is not a judgement")]
    [InlineData(0.0, null, "judgements[a, b]", "0 is not a judgement")]
    [InlineData(double.NaN, null, "judgements[a, b]", "NaN is not a judgement")]
    [InlineData(double.PositiveInfinity, null, "judgements[a, b]", "Infinity is not a judgement")]
    [InlineData(10.0, null, "judgements[a, b]", "10 is outside Saaty's scale [1/9, 9]")]
    [InlineData(0.1, null, "judgements[a, b]", "0.1 is outside Saaty's scale [1/9, 9]")]
    public void Bad_judgements_are_named_with_the_rule(double ab, double? ba, string path, string message)
    {
        var matrix = new double?[,] { { 1, ab, 2 }, { ba, 1, 2 }, { null, null, 1 } };

        var e = Assert.Throws<ReadinessValidationException>(() => PairwiseComparisons.FromMatrix(["a", "b", "c"], matrix));

        var error = Assert.Single(e.Errors);
        Assert.Equal(path, error.Path);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_diagonal_must_be_1_and_the_matrix_square()
    {
        var e = Assert.Throws<ReadinessValidationException>(() => PairwiseComparisons.FromMatrix(["a", "b"], new double?[,] { { 2, 3 }, { null, 1 } }));
        Assert.Contains("judgements[a, a]: 2 is on the diagonal", e.Message, StringComparison.Ordinal);

        e = Assert.Throws<ReadinessValidationException>(() => PairwiseComparisons.FromMatrix(["a", "b", "c"], new double?[2, 2]));
        Assert.Contains("the matrix is 2×2 but there are 3 competencies", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_disconnected_incomplete_matrix_names_the_groups()
    {
        var comparisons = new PairwiseComparisonsBuilder(["a", "b", "c", "d"]).Compare("a", "b", 3).Compare("d", "c", 2);

        var e = Assert.Throws<ReadinessValidationException>(comparisons.Build);

        Assert.Contains("2 unconnected groups: {a, b} and {c, d}", Assert.Single(e.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_builder_names_unknown_competencies_self_comparisons_and_repeated_pairs()
    {
        var builder = new PairwiseComparisonsBuilder(["a", "b"])
            .Compare("a", "zz", 3)
            .Compare("a", "a", 1)
            .Compare("a", "b", 3)
            .Compare("b", "a", 1.0 / 3);

        var e = Assert.Throws<ReadinessValidationException>(builder.Build);

        Assert.Equal(["judgements[a, zz]", "judgements[a, a]", "judgements[b, a]"], e.Errors.Select(x => x.Path));
        Assert.Contains("'zz' is not one of the competencies compared", e.Message, StringComparison.Ordinal);
        Assert.Contains("the pair b and a is already judged", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ids_must_be_valid_and_unique()
    {
        var e = Assert.Throws<ReadinessValidationException>(() => PairwiseComparisons.FromMatrix(["a", "A", "bad id"], new double?[3, 3]));

        Assert.Equal(["competencies[1]", "competencies[2]"], e.Errors.Select(x => x.Path));
    }

    [Fact]
    public void The_eigenvector_of_an_incomplete_matrix_is_refused_not_switched()
    {
        var comparisons = new PairwiseComparisonsBuilder(["a", "b", "c"]).Compare("a", "b", 3).Compare("b", "c", 2).Build();

        var e = Assert.Throws<ReadinessValidationException>(() => new PairwiseWeighting(PairwiseMethod.Eigenvector).Analyze(comparisons));

        Assert.Contains("1 judgements are missing; the eigenvector method needs a complete matrix", e.Message, StringComparison.Ordinal);
        var automatic = new PairwiseWeighting().Analyze(comparisons);
        Assert.Equal(PairwiseMethod.GeometricMean, automatic.Method);
        Assert.Equal(1, automatic.MissingJudgements);
        Assert.Equal(6.0 / 9, automatic.Weights["a"].Fraction, 12);
    }

    [Fact]
    public void The_most_inconsistent_judgement_is_named_with_the_value_that_fits()
    {
        // Consistent with weights 8:4:2:1, except [a, d] which says 2 instead of 8.
        var matrix = new double?[,] { { 1, 2, 4, 2 }, { null, 1, 2, 4 }, { null, null, 1, 2 }, { null, null, null, 1 } };

        var analysis = new PairwiseWeighting().Analyze(PairwiseComparisons.FromMatrix(["a", "b", "c", "d"], matrix));

        var worst = analysis.MostInconsistent!;
        Assert.Equal(("a", "d", 2.0), (worst.Row, worst.Column, worst.Given));
        Assert.InRange(worst.ConsistentValue, 3, 9);
        Assert.True(worst.Deviation < 1);
        Assert.True(analysis.ConsistencyRatio > analysis.AcceptableConsistencyRatio);
        Assert.False(analysis.IsAcceptable);
    }

    [Fact]
    public void More_competencies_than_any_random_index_table_lists_are_refused_before_any_quadratic_work()
    {
        static string[] Ids(int n) => [.. Enumerable.Range(0, n).Select(i => $"c{i}")];
        static double?[,] Consistent(int n)
        {
            var matrix = new double?[n, n];
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    matrix[i, j] = Math.Pow(1.01, i - j);
                }
            }

            return matrix;
        }

        var largest = new PairwiseWeighting().Analyze(PairwiseComparisons.FromMatrix(Ids(PairwiseComparisons.MaxCompetencies), Consistent(PairwiseComparisons.MaxCompetencies)));
        Assert.Equal(0, largest.ConsistencyIndex, 9);
        Assert.Equal(PairwiseComparisons.MaxCompetencies, RandomIndexTable.All.Max(t => t.Orders[^1]));

        const string Rule = "there are 101 competencies; pairwise comparison takes at most 100 (PairwiseComparisons.MaxCompetencies, the largest order a published random-index table lists)";
        var fromMatrix = Assert.Throws<ReadinessValidationException>(() => PairwiseComparisons.FromMatrix(Ids(101), new double?[0, 0]));
        Assert.Contains(Rule, fromMatrix.Message, StringComparison.Ordinal);
        var builder = new PairwiseComparisonsBuilder(Ids(101));
        Assert.Contains(Rule, Assert.Throws<ReadinessValidationException>(builder.Build).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3, 1)]
    [InlineData(9, 2)]
    [InlineData(40, 3)]
    [InlineData(100, 4)]
    public void The_geometric_mean_finds_the_eigenvalue_the_eigendecomposition_does_without_one(int n, int seed)
    {
        // Random judgements, far from consistent: the power iteration from the geometric-mean weights must still reach λmax.
        var random = new Random(seed);
        var matrix = new double?[n, n];
        for (var i = 0; i < n; i++)
        {
            matrix[i, i] = 1;
            for (var j = i + 1; j < n; j++)
            {
                var judgement = random.Next(1, 10);
                matrix[i, j] = random.Next(2) == 0 ? judgement : 1.0 / judgement;
                matrix[j, i] = 1 / matrix[i, j];
            }
        }

        var comparisons = PairwiseComparisons.FromMatrix([.. Enumerable.Range(0, n).Select(i => $"c{i}")], matrix);

        var eigenvector = new PairwiseWeighting(PairwiseMethod.Eigenvector).Analyze(comparisons);
        var geometricMean = new PairwiseWeighting(PairwiseMethod.GeometricMean).Analyze(comparisons);

        Assert.Equal(eigenvector.LambdaMax, geometricMean.LambdaMax, 1e-10 * n);
        Assert.True(n < 5 || eigenvector.ConsistencyIndex > 0.3, "the judgements should be far from consistent");
    }

    [Fact]
    public void Rounded_reciprocals_are_told_to_be_fractions_and_the_message_lists_twenty_problems()
    {
        // 3 against 0.333 on every pair of 8 competencies: 28 problems.
        var n = 8;
        var matrix = new double?[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                matrix[i, j] = i == j ? 1 : i < j ? 3 : 0.333;
            }
        }

        var e = Assert.Throws<ReadinessValidationException>(() => PairwiseComparisons.FromMatrix([.. Enumerable.Range(0, n).Select(i => $"c{i}")], matrix));

        Assert.Equal(28, e.Errors.Length);
        Assert.Contains("write the reciprocal as a fraction (1/3), not a rounded decimal", e.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(21, e.Message.Split(Environment.NewLine).Count(l => l.StartsWith("- ", StringComparison.Ordinal)));
        Assert.EndsWith("- … and 8 more (Errors lists every one)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Orders_the_table_does_not_list_have_no_CR()
    {
        var ids = Enumerable.Range(0, 21).Select(i => $"c{i}").ToArray();
        var comparisons = WeightingGenerators.Consistent(ids, [.. ids.Select((_, i) => 1 + (i % 3))]);

        var analysis = new PairwiseWeighting(randomIndexTable: RandomIndexTable.DoneganDodd1991).Analyze(comparisons);

        Assert.Null(analysis.ConsistencyRatio);
        Assert.Null(analysis.RandomIndex);
        Assert.Null(analysis.IsAcceptable);
        Assert.Equal(0, new PairwiseWeighting().Analyze(new PairwiseComparisonsBuilder(["a", "b"]).Compare("a", "b", 9).Build()).ConsistencyRatio);
    }

    [Fact]
    public void Unknown_table_names_list_the_known_ones()
    {
        Assert.Same(RandomIndexTable.AlonsoLamata2006, RandomIndexTable.FromName("Alonso-Lamata"));
        var e = Assert.Throws<ArgumentException>(() => RandomIndexTable.FromName("saaty"));
        Assert.Contains("saaty1980, saaty2005, alonso-lamata, donegan-dodd", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1.0, "points[a]", "-1 points is not allowed")]
    [InlineData(double.NaN, "points[a]", "NaN points is not allowed")]
    [InlineData(0.0, "points", "every competency has 0 points")]
    public void Bad_points_are_rejected(double points, string path, string message)
    {
        var e = Assert.Throws<ReadinessValidationException>(() => new DirectPointsWeighting().Weigh([new("a", points), new("b", 0)]));

        Assert.Equal(path, e.Errors[0].Path);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_swings_ranks_and_ids_are_rejected()
    {
        var e = Assert.Throws<ReadinessValidationException>(() => new SwingWeighting().Weigh([new("a", 80), new("b", 40)]));
        Assert.Contains("no swing is rated 100 (the largest is 80)", e.Message, StringComparison.Ordinal);

        e = Assert.Throws<ReadinessValidationException>(() => new SwingWeighting().Weigh([new("a", 100), new("b", 140)]));
        Assert.Contains("swings[b]: 140 is not a swing rating", e.Message, StringComparison.Ordinal);

        e = Assert.Throws<ReadinessValidationException>(() => new RankOrderCentroidWeighting().Weigh([new("a", 0)]));
        Assert.Contains("ranks[a]: rank 0 is not allowed", e.Message, StringComparison.Ordinal);

        e = Assert.Throws<ReadinessValidationException>(() => new EqualWeighting().Weigh(["a", "A", "bad id"]));
        Assert.Equal(["competencies[A]", "competencies[bad id]"], e.Errors.Select(x => x.Path));

        e = Assert.Throws<ReadinessValidationException>(() => new EqualWeighting().Weigh([]));
        Assert.Contains("is empty", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rank_order_centroid_matches_Barron_and_Barrett_and_shares_ties()
    {
        var weights = new RankOrderCentroidWeighting().Weigh([new("a", 1), new("b", 2), new("c", 3)]);
        Assert.Equal([11.0 / 18, 5.0 / 18, 2.0 / 18], weights.Select(w => w.Value.Fraction), new Tolerance(1e-15));

        var tied = new RankOrderCentroidWeighting().Weigh([new("a", 1), new("b", 7), new("c", 7)]);
        Assert.Equal([11.0 / 18, 3.5 / 18, 3.5 / 18], tied.Select(w => w.Value.Fraction), new Tolerance(1e-15));
    }

    [Fact]
    public void Weights_from_fractions_must_sum_to_1()
    {
        Assert.Equal(0.25, CompetencyWeights.FromFractions([new("a", 0.25), new("b", 0.75)])["A"].Fraction);
        var e = Assert.Throws<ReadinessValidationException>(() => CompetencyWeights.FromFractions([new("a", 0.25), new("b", 0.7)]));
        Assert.Contains("the fractions sum to 0.95", e.Message, StringComparison.Ordinal);
        Assert.Throws<KeyNotFoundException>(() => CompetencyWeights.FromFractions([new("a", 1)])["b"]);
    }

    private sealed class Tolerance(double epsilon) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= epsilon;

        public int GetHashCode(double obj) => 0;
    }
}
