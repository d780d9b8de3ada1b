using System.Text.Json.Nodes;
using Readiness.Weighting;

namespace Readiness.Core.Tests.Weighting;

/// <summary>Reproduces every example of Data/ahp/ahp_expected.json (see Data/README.md for sources and tolerances).</summary>
public sealed class AhpReferenceTests
{
    private const double Computed = 1e-6;
    private static readonly JsonNode Reference = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "ahp", "ahp_expected.json")))!;

    public static TheoryData<string> Examples => new()
    {
        "drinks",
        "leader.criteria",
        "leader.by_criterion.Experience",
        "leader.by_criterion.Education",
        "leader.by_criterion.Charisma",
        "leader.by_criterion.Age",
        "cities.criteria",
        "cities.by_criterion.Culture",
        "cities.by_criterion.Family",
        "cities.by_criterion.Housing",
        "cities.by_criterion.Jobs",
        "cities.by_criterion.Transportation",
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void Eigenvector_weights_lambda_max_CI_and_CR_under_each_table(string example)
    {
        var node = Example(example);
        var comparisons = Comparisons(node);

        foreach (var (table, key) in new[] { (RandomIndexTable.Saaty1980, "CR_RI_saaty1980"), (RandomIndexTable.Saaty2005, "CR_RI_saaty2005"), (RandomIndexTable.AlonsoLamata2006, "CR_RI_alonso_lamata") })
        {
            var analysis = new PairwiseWeighting(PairwiseMethod.Eigenvector, table).Analyze(comparisons);

            AssertWeights(node["eigenvector"]!, analysis.Weights, Computed);
            Assert.Equal((double)node["lambda_max"]!, analysis.LambdaMax, Computed);
            Assert.Equal((double)node["CI"]!, analysis.ConsistencyIndex, Computed);
            Assert.Equal((double)node[key]!, analysis.ConsistencyRatio!.Value, Computed);
            Assert.Same(table, analysis.RandomIndexTable);
        }
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Geometric_mean_weights(string example)
    {
        var node = Example(example);

        var analysis = new PairwiseWeighting(PairwiseMethod.GeometricMean).Analyze(Comparisons(node));

        AssertWeights(node["geometric_mean_weights"]!, analysis.Weights, Computed);
        Assert.Equal(PairwiseMethod.GeometricMean, analysis.Method);
        Assert.Equal((double)node["lambda_max"]!, analysis.LambdaMax, Computed);
    }

    [Fact]
    public void Drinks_match_the_published_weights_and_CR()
    {
        var node = Example("drinks");
        var comparisons = Comparisons(node);

        var saaty2005 = new PairwiseWeighting(randomIndexTable: RandomIndexTable.Saaty2005).Analyze(comparisons);
        var doneganDodd = new PairwiseWeighting(randomIndexTable: RandomIndexTable.DoneganDodd1991).Analyze(comparisons);

        AssertWeights(node["published"]!["weights"]!, saaty2005.Weights, 0.001);
        Assert.Equal(0.022, saaty2005.ConsistencyRatio!.Value, 0.0005);
        Assert.Equal(0.0235, doneganDodd.ConsistencyRatio!.Value, 0.00005);
        Assert.Equal(1.2519, doneganDodd.RandomIndex);
        Assert.True(saaty2005.IsAcceptable);
    }

    [Theory]
    [InlineData("leader")]
    [InlineData("cities")]
    public void Criteria_weights_times_local_weights_give_the_published_global_priorities(string example)
    {
        var node = Reference["examples"]![example]!;
        var weighting = new PairwiseWeighting();
        var criteria = weighting.Weigh(Comparisons(node["criteria"]!));
        var global = new Dictionary<string, double>();
        foreach (var (criterion, weight) in criteria)
        {
            foreach (var (alternative, local) in weighting.Weigh(Comparisons(node["by_criterion"]![Name(criterion)]!)))
            {
                global[alternative] = global.GetValueOrDefault(alternative) + (weight.Fraction * local.Fraction);
            }
        }

        foreach (var (name, expected) in node["global_priorities"]!.AsObject())
        {
            Assert.Equal((double)expected!, global[Id(name)], Computed);
        }
    }

    [Fact]
    public void Saaty1980_is_the_default_and_every_published_table_is_built_in()
    {
        Assert.Same(RandomIndexTable.Saaty1980, RandomIndexTable.Default);
        foreach (var (key, table) in new[] { ("saaty1980", RandomIndexTable.Saaty1980), ("saaty2005", RandomIndexTable.Saaty2005), ("alonso_lamata2006", RandomIndexTable.AlonsoLamata2006), ("donegan_dodd1991", RandomIndexTable.DoneganDodd1991) })
        {
            var published = Reference["RI_tables"]![key]!;
            var orders = published["n"]!.AsArray().Select(n => (int)n!).ToArray();
            var indices = published["RI"]!.AsArray().Select(ri => (double)ri!).ToArray();
            Assert.Equal(orders.Where(n => n >= 3), table.Orders.Where(n => n >= 3));
            for (var i = 0; i < orders.Length; i++)
            {
                Assert.True(table.TryGetRandomIndex(orders[i], out var ri));
                Assert.Equal(indices[i], ri);
            }
        }
    }

    private static JsonNode Example(string path) =>
        path.Split('.').Aggregate(Reference["examples"]!, (node, step) => node[step]!);

    private static PairwiseComparisons Comparisons(JsonNode node)
    {
        var names = node["names"]!.AsArray().Select(n => Id((string)n!)).ToArray();
        var rows = node["matrix"]!.AsArray();
        var matrix = new double?[names.Length, names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            for (var j = 0; j < names.Length; j++)
            {
                matrix[i, j] = (double)rows[i]![j]!;
            }
        }

        return PairwiseComparisons.FromMatrix(names, matrix);
    }

    private static void AssertWeights(JsonNode expected, CompetencyWeights actual, double tolerance)
    {
        var pairs = expected.AsObject().ToArray();
        Assert.Equal(pairs.Length, actual.Count);
        foreach (var (name, value) in pairs)
        {
            Assert.Equal((double)value!, actual[Id(name)].Fraction, tolerance);
        }
    }

    // Competency ids allow no spaces; the reference names ("Santa Fe") are mapped both ways.
    private static string Id(string name) => name.Replace(' ', '_');

    private static string Name(string id) => id.Replace('_', ' ');
}
