using Readiness.Competencies;
using Readiness.Weighting;
using static Readiness.Competencies.LeadershipFramework;

namespace Readiness.Core.Tests.Weighting;

/// <summary>
/// The whole text of every refusal in weighting, and the edges of each rule. Users act on these messages, so an emptied
/// subject, path or rule is a defect; mutation testing showed the earlier tests checked fragments only.
/// </summary>
public sealed class WeightingRefusalTests
{
    private static readonly string NewLine = Environment.NewLine;

    private static readonly Dictionary<string, (Action Act, string Message)> Refusals = new()
    {
        ["negative fraction"] = (() => CompetencyWeights.FromFractions([new("a", -0.5), new("b", 1.5)]),
            Invalid("fractions for weighting", "fractions[a]: -0.5 is not a weight; weights must be finite and >= 0")),
        ["infinite fraction"] = (() => CompetencyWeights.FromFractions([new("a", double.PositiveInfinity)]),
            Invalid("fractions for weighting", "fractions[a]: Infinity is not a weight; weights must be finite and >= 0")),
        ["fractions not summing to 1"] = (() => CompetencyWeights.FromFractions([new("a", 0.25), new("b", 0.7)]),
            Invalid("competency weights", "fractions: the fractions sum to 0.95; weights must sum to 1 (within 1e-9)")),
        ["no points"] = (() => new DirectPointsWeighting().Weigh([new("a", 0), new("b", 0)]),
            Invalid("points for weighting", "points: every competency has 0 points; at least one must have more")),
        ["points overflowing"] = (() => new DirectPointsWeighting().Weigh([new("a", double.MaxValue), new("b", double.MaxValue)]),
            Invalid("points for weighting", "points: the points add up to more than the largest finite number; use smaller values")),
        ["repeated id"] = (() => new DirectPointsWeighting().Weigh([new("a", 1), new("A", 2)]),
            Invalid("points for weighting", "points[A]: 'A' is listed twice; each competency appears once")),
        ["null id"] = (() => new DirectPointsWeighting().Weigh([new(null!, 1)]),
            Invalid("points for weighting", "points[null]: is missing; an id is required")),
        ["no swing at 100"] = (() => new SwingWeighting().Weigh([new("a", 80), new("b", 40)]),
            Invalid("swings for weighting", "swings: no swing is rated 100 (the largest is 80); rate the most important swing 100 and the others relative to it")),
        ["matrix of the wrong size"] = (() => PairwiseComparisons.FromMatrix(["a", "b", "c"], new double?[3, 2]),
            Invalid("pairwise comparisons", "judgements: the matrix is 3×2 but there are 3 competencies; it must be 3×3")),
        ["invalid competency id"] = (() => PairwiseComparisons.FromMatrix(["a", "a"], new double?[2, 2]),
            Invalid("pairwise comparisons", "competencies[1]: 'a' is listed twice; each competency appears once")),
        ["unconnected judgements"] = (() => PairwiseComparisons.FromMatrix(["a", "b", "c"], new double?[,] { { 1, 3, null }, { null, 1, null }, { null, null, 1 } }),
            Invalid("pairwise comparisons", "judgements: the judgements fall into 2 unconnected groups: {a, b} and {c}; add a judgement linking each group to another so the weights can be compared")),
        ["unknown row in the builder"] = (() => new PairwiseComparisonsBuilder(["a", "b"]).Compare("zz", "a", 3).Build(),
            Invalid("pairwise comparisons", "judgements[zz, a]: 'zz' is not one of the competencies compared (a, b)")),
        ["null row in the builder"] = (() => new PairwiseComparisonsBuilder(["a", "b"]).Compare(null, "a", 3).Build(),
            Invalid("pairwise comparisons", "judgements[, a]: '' is not one of the competencies compared (a, b)")),
        ["self comparison in the builder"] = (() => new PairwiseComparisonsBuilder(["a", "b"]).Compare("b", "b", 1).Build(),
            Invalid("pairwise comparisons", "judgements[b, b]: compares a competency with itself; judgements compare two different competencies")),
        ["eigenvector of an incomplete matrix"] = (() => new PairwiseWeighting(PairwiseMethod.Eigenvector).Analyze(new PairwiseComparisonsBuilder(["a", "b", "c"]).Compare("a", "b", 3).Compare("b", "c", 2).Build()),
            Invalid("pairwise comparisons", "judgements: 1 judgements are missing; the eigenvector method needs a complete matrix. Use PairwiseMethod.GeometricMean, which weighs incomplete matrices by logarithmic least squares")),
        ["weights for a role"] = (() => new RoleProfileBuilder("p", "P").Require(Delegates, 4, 1).Build(Model).WithWeights(new EqualWeighting().Weigh([Delegates, "nope"])),
            Invalid("weights for role profile 'p'", "weights[nope]: 'nope' is not a competency of model 'readiness-leadership'")),
        ["domain weights naming an unknown competency"] = (() => DomainWeighting.Combine(Model, 0.8, new EqualWeighting().Weigh([Delegates]), new EqualWeighting().Weigh([DeliversResults, "nope"])),
            Invalid("domain weighting", "individualPerformance[nope]: 'nope' is not a competency of model 'readiness-leadership'")),
        ["domain weights in the wrong domain"] = (() => DomainWeighting.Combine(Model, 0.8, new EqualWeighting().Weigh([Delegates]), new EqualWeighting().Weigh([Influences])),
            Invalid("domain weighting", "individualPerformance[influences]: 'influences' is a Leadership competency; it cannot be weighted within IndividualPerformance")),
    };

    public static TheoryData<string> RefusalNames => [.. Refusals.Keys];

    [Theory]
    [MemberData(nameof(RefusalNames))]
    public void Each_refusal_says_what_is_invalid_where_and_why(string name)
    {
        var (act, message) = Refusals[name];

        var e = Assert.Throws<ReadinessValidationException>(act);

        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Lookups_of_competencies_not_weighted_or_not_compared_list_the_ones_that_are()
    {
        var weights = CompetencyWeights.FromFractions([new("a", 0.25), new("b", 0.75)]);
        var comparisons = new PairwiseComparisonsBuilder(["a", "b"]).Compare("a", "b", 3).Build();

        Assert.Equal("Competency 'c' is not weighted here; the weighted competencies are a, b.", Assert.Throws<KeyNotFoundException>(() => weights["c"]).Message);
        Assert.Equal("Competency 'c' is not in the comparisons; they compare a, b.", Assert.Throws<KeyNotFoundException>(() => comparisons["c", "a"]).Message);
        Assert.Equal("a 25.0%, b 75.0%", weights.ToString());
    }

    [Fact]
    public void Every_argument_is_checked_for_null_by_name()
    {
        var equal = new EqualWeighting().Weigh([Delegates]);
        var profile = new RoleProfileBuilder("p", "P").Require(Delegates, 4, 1).Build(Model);

        AssertNull("input", () => new EqualWeighting().Weigh(null!));
        AssertNull("points", () => new DirectPointsWeighting().Weigh(null!));
        AssertNull("comparisons", () => new PairwiseWeighting().Analyze(null!));
        AssertNull("competencyIds", () => PairwiseComparisons.FromMatrix(null!, new double?[1, 1]));
        AssertNull("matrix", () => PairwiseComparisons.FromMatrix(["a"], null!));
        AssertNull("competencyIds", () => _ = new PairwiseComparisonsBuilder(null!));
        AssertNull("model", () => DomainWeighting.Combine(null!, 0.5, equal, equal));
        AssertNull("leadership", () => DomainWeighting.Combine(Model, 0.5, null!, equal));
        AssertNull("individualPerformance", () => DomainWeighting.Combine(Model, 0.5, equal, null!));
        AssertNull("profile", () => RoleProfileWeighting.WithWeights(null!, equal));
        AssertNull("weights", () => profile.WithWeights(null!));

        static void AssertNull(string parameter, Action act) => Assert.Equal(parameter, Assert.Throws<ArgumentNullException>(act).ParamName);
    }

    [Fact]
    public void An_unknown_pairwise_method_is_refused_naming_the_value()
    {
        Assert.Equal("name", Assert.Throws<ArgumentNullException>(() => RandomIndexTable.FromName(null!)).ParamName);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => _ = new PairwiseWeighting((PairwiseMethod)7));

        Assert.StartsWith("7 is not a PairwiseMethod; use Eigenvector or GeometricMean.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_strategy_names_its_method()
    {
        Assert.Equal(
            ["equal", "direct points", "swing", "rank-order centroid", "pairwise comparison (AHP)"],
            [new EqualWeighting().Method, new DirectPointsWeighting().Method, new SwingWeighting().Method, new RankOrderCentroidWeighting().Method, new PairwiseWeighting().Method]);
    }

    [Fact]
    public void The_random_index_tables_cite_their_sources()
    {
        Assert.Equal(
            [
                "Saaty (1977) J. Math. Psych. 15:234-281; Saaty (1980) The Analytic Hierarchy Process. n = 11-15 from later Saaty texts.",
                "Saaty (2005) Theory and Applications of the Analytic Network Process, p. 31.",
                "Alonso & Lamata (2006) Int. J. Uncertainty, Fuzziness & Knowledge-Based Systems 14(4):445-459.",
                "Donegan & Dodd (1991) Math. Comput. Modelling 15(10):135-137.",
            ],
            RandomIndexTable.All.Select(t => t.Source));
    }

    [Fact]
    public void Zero_is_an_allowed_weight_swing_and_fraction_at_the_edge_of_each_range()
    {
        Assert.Equal(0, CompetencyWeights.FromFractions([new("a", 0), new("b", 1)])["a"].Fraction);
        Assert.Equal(0, new SwingWeighting().Weigh([new("a", 100), new("b", 0)])["b"].Fraction);
        Assert.Equal(0, new DirectPointsWeighting().Weigh([new("a", 5), new("b", 0)])["b"].Fraction);
    }

    [Fact]
    public void Judgements_at_the_ends_of_Saatys_scale_are_accepted_within_its_rounding_tolerance()
    {
        // The scale is [1/9, 9] widened by a relative 1e-9 so that values typed as decimals (0.111111111) are accepted.
        const double Tolerance = 1e-9;
        var low = OneJudgement(PairwiseComparisons.MinJudgement * (1 - Tolerance));
        var high = OneJudgement(PairwiseComparisons.MaxJudgement * (1 + Tolerance));

        Assert.Equal(PairwiseComparisons.MinJudgement * (1 - Tolerance), low["a", "b"]);
        Assert.Equal(PairwiseComparisons.MaxJudgement * (1 + Tolerance), high["a", "b"]);

        static PairwiseComparisons OneJudgement(double value) => new PairwiseComparisonsBuilder(["a", "b"]).Compare("a", "b", value).Build();
    }

    [Fact]
    public void Pairs_sharing_a_competency_are_different_pairs()
    {
        var comparisons = new PairwiseComparisonsBuilder(["a", "b", "c"]).Compare("a", "b", 2).Compare("a", "c", 3).Compare("b", "c", 2).Build();

        Assert.Equal(0, comparisons.MissingJudgements);
    }

    [Theory]
    [InlineData(2, 0.05)]
    [InlineData(3, 0.05)]
    [InlineData(4, 0.08)]
    [InlineData(5, 0.10)]
    [InlineData(9, 0.10)]
    public void The_acceptable_consistency_ratio_is_Saatys_threshold_for_the_order(int n, double threshold)
    {
        var ids = Enumerable.Range(0, n).Select(i => $"c{i}").ToArray();

        var analysis = new PairwiseWeighting().Analyze(WeightingGenerators.Consistent(ids, [.. ids.Select((_, i) => 1.0 + i)]));

        Assert.Equal(threshold, analysis.AcceptableConsistencyRatio);
        Assert.True(analysis.IsAcceptable);
    }

    [Fact]
    public void Two_competencies_are_always_consistent_and_one_has_all_the_weight()
    {
        var two = new PairwiseWeighting().Analyze(new PairwiseComparisonsBuilder(["a", "b"]).Compare("a", "b", 9).Build());
        Assert.Equal(0, two.ConsistencyIndex);
        Assert.Equal(0.9, two.Weights["a"].Fraction, 15);

        foreach (var method in new[] { PairwiseMethod.Eigenvector, PairwiseMethod.GeometricMean })
        {
            var one = new PairwiseWeighting(method).Analyze(PairwiseComparisons.FromMatrix(["a"], new double?[,] { { 1 } }));
            Assert.Equal(1, one.Weights["a"].Fraction);
            Assert.Equal((1.0, 0.0), (one.LambdaMax, one.ConsistencyIndex));
        }
    }

    [Fact]
    public void A_consistent_incomplete_matrix_is_completed_by_its_own_ratios_so_lambda_max_is_n()
    {
        var comparisons = new PairwiseComparisonsBuilder(["a", "b", "c", "d"]).Compare("a", "b", 2).Compare("b", "c", 3).Compare("c", "d", 1.5).Build();

        var analysis = new PairwiseWeighting().Analyze(comparisons);

        Assert.Equal(4, analysis.LambdaMax, 12);
        Assert.Equal(0, analysis.ConsistencyIndex, 12);
        Assert.Equal(9.0 / 16, analysis.Weights["a"].Fraction, 12); // a:b:c:d = 9 : 4.5 : 1.5 : 1
    }

    [Fact]
    public void The_most_inconsistent_judgement_is_reported_exactly_as_given()
    {
        // 0.19 is one of the values whose reciprocal's reciprocal is not 0.19 in binary floating point.
        Assert.NotEqual(0.19, 1 / (1 / 0.19));
        var matrix = new double?[,] { { 1, 0.5, 0.19 }, { null, 1, 0.5 }, { null, null, 1 } };

        var worst = new PairwiseWeighting().Analyze(PairwiseComparisons.FromMatrix(["a", "b", "c"], matrix)).MostInconsistent!;

        Assert.Equal(("a", "c", 0.19), (worst.Row, worst.Column, worst.Given));

        // The same with the judgement against ordinal order (c before a): weights 8:4:2:1 except [c, a], 0.22 instead of 4.
        Assert.NotEqual(0.22, 1 / (1 / 0.22));
        var reversed = new double?[,] { { 1, 2, 4, 8 }, { null, 1, 2, 0.22 }, { null, null, 1, 2 }, { null, null, null, 1 } };
        worst = new PairwiseWeighting().Analyze(PairwiseComparisons.FromMatrix(["d", "c", "b", "a"], reversed)).MostInconsistent!;
        Assert.Equal(("c", "a", 0.22), (worst.Row, worst.Column, worst.Given));
    }

    [Fact]
    public void A_consistency_ratio_exactly_at_the_threshold_is_acceptable()
    {
        var weights = new EqualWeighting().Weigh(["a", "b", "c", "d"]);

        // CI = 0.08 × RI(4) gives CR = 0.08 exactly in binary floating point (RI(4) = 0.90 in Saaty's table).
        var atThreshold = new PairwiseAnalysis(weights, PairwiseMethod.Eigenvector, 4.2, 0.08 * 0.90, RandomIndexTable.Saaty1980, 4, 0, null);

        Assert.Equal(0.08, atThreshold.ConsistencyRatio);
        Assert.True(atThreshold.IsAcceptable);
    }

    [Fact]
    public void A_long_chain_of_extreme_judgements_does_not_overflow()
    {
        // The most competencies allowed, each judged 9 times the one before: the largest weight is 9^99 (about 3e94) times
        // the smallest, and the completed matrix's entries reach that ratio.
        var ids = Enumerable.Range(0, PairwiseComparisons.MaxCompetencies).Select(i => $"c{i:D3}").ToArray();
        var builder = new PairwiseComparisonsBuilder(ids);
        for (var i = 1; i < ids.Length; i++)
        {
            builder.Compare(ids[i], ids[i - 1], 9);
        }

        var weights = new PairwiseWeighting().Analyze(builder.Build()).Weights;

        Assert.Equal(1 - (1.0 / 9), weights[ids[^1]].Fraction, 12);
        Assert.Equal(9, weights[ids[60]].Fraction / weights[ids[59]].Fraction, 9);
        Assert.True(weights[ids[0]].Fraction > 0);
    }

    [Fact]
    public void Normalising_refuses_raw_weights_a_strategy_should_never_produce()
    {
        Assert.Equal(
            "Raw weight -2 for 'a' is not finite and >= 0; this is a defect in the weighting strategy.",
            Assert.Throws<InvalidOperationException>(() => CompetencyWeights.Normalise(["a", "b"], [-2, -1])).Message);
        Assert.Throws<InvalidOperationException>(() => CompetencyWeights.Normalise(["a"], [double.PositiveInfinity]));
        Assert.Throws<InvalidOperationException>(() => CompetencyWeights.Normalise(["a"], [double.NaN]));
        Assert.Equal(
            "Raw weights total 0; a strategy must give a positive finite total.",
            Assert.Throws<InvalidOperationException>(() => CompetencyWeights.Normalise(["a", "b"], [0, 0])).Message);
        Assert.Throws<InvalidOperationException>(() => CompetencyWeights.Normalise(["a", "b"], [double.MaxValue, double.MaxValue]));
        Assert.Equal([0.0, 1.0], CompetencyWeights.Normalise(["a", "b"], [0, 3]).Select(w => w.Value.Fraction));
    }

    [Fact]
    public void A_full_matrix_gives_bit_identical_weights_whatever_the_order_of_its_competencies()
    {
        // Awkward values (1 / (1 / x) != x for 0.19 and 0.22) make the result depend on which triangle is stored.
        string[] ids = ["a", "b", "c", "d"];
        double[,] upper = { { 1, 0.19, 3, 0.22 }, { 0, 1, 5, 0.41 }, { 0, 0, 1, 0.73 }, { 0, 0, 0, 1 } };
        int[][] orders = [[0, 1, 2, 3], [3, 2, 1, 0], [1, 3, 0, 2], [2, 0, 3, 1]];
        var results = orders.Select(order =>
        {
            var matrix = new double?[4, 4];
            for (var i = 0; i < 4; i++)
            {
                for (var j = 0; j < 4; j++)
                {
                    var (r, c) = (order[i], order[j]);
                    matrix[i, j] = r <= c ? upper[r, c] : 1 / upper[c, r];
                }
            }

            var weights = new PairwiseWeighting().Analyze(PairwiseComparisons.FromMatrix([.. order.Select(k => ids[k])], matrix)).Weights;
            return ids.Select(id => BitConverter.DoubleToInt64Bits(weights[id].Fraction)).ToArray();
        }).ToArray();

        Assert.All(results, r => Assert.Equal(results[0], r));
    }

    private static string Invalid(string subject, string problem) => $"The {subject} is invalid (1 problem):{NewLine}- {problem}";
}
