using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Readiness.Calibration.Internal;

namespace Readiness.Core.Tests.Calibration;

/// <summary>The fill-reducing order: its column patterns are the filled graph's, and its fill is that of minimum degree.</summary>
public sealed class CliqueMinimumDegreeTests
{
    /// <summary>Random clique graphs: up to 60 nodes, up to 40 cliques of up to 12 nodes (repeats allowed, as in a panel listed twice).</summary>
    private static readonly Gen<(int Nodes, int[][] Cliques)> Graphs =
        from nodes in Gen.Choose(1, 60)
        from count in Gen.Choose(0, 40)
        from cliques in Gen.ArrayOf(
            from size in Gen.Choose(1, 12)
            from clique in Gen.ArrayOf(Gen.Choose(0, nodes - 1), size)
            select clique,
            count)
        select (nodes, cliques);

    [Property(MaxTest = 300)]
    public Property Each_column_pattern_is_the_nodes_later_in_the_order_that_elimination_connects_it_to() =>
        Prop.ForAll(Graphs.ToArbitrary(), graph =>
        {
            var (n, cliques) = graph;
            var (order, structure) = Order(n, cliques)!.Value;

            Assert.Equal(Enumerable.Range(0, n), order.Order());
            var expected = Eliminate(n, cliques, order);
            foreach (var v in order)
            {
                Assert.Equal(expected[v].Order(), structure[v].Order());
            }
        });

    [Property(MaxTest = 100)]
    public Property The_budget_refuses_exactly_the_factors_larger_than_it() =>
        Prop.ForAll(Graphs.ToArbitrary(), graph =>
        {
            var (n, cliques) = graph;
            var entries = Order(n, cliques)!.Value.Structure.Sum(s => (long)s.Length);

            Assert.NotNull(Order(n, cliques, entries));
            if (entries > 0)
            {
                Assert.Null(Order(n, cliques, entries - 1));
            }
        });

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Fill_is_no_worse_than_exact_minimum_degree_on_a_widely_crossed_panel_design(int seed)
    {
        // 300 raters, 120 people with 5 raters each drawn at random: the filled graph has a dense core.
        var random = new Random(seed);
        var cliques = Enumerable.Range(0, 120).Select(_ => Enumerable.Range(0, 300).OrderBy(_ => random.Next()).Take(5).ToArray()).ToArray();

        var amd = Order(300, cliques)!.Value.Structure.Sum(s => (long)s.Length);
        var exact = Eliminate(300, cliques, ExactMinimumDegreeOrder(300, cliques)).Sum(s => (long)s.Count);

        Assert.True(amd <= 1.1 * exact, $"approximate minimum degree: {amd} entries, exact minimum degree: {exact}");
    }

    private static (int[] Order, int[][] Structure)? Order(int n, int[][] cliques, long budget = long.MaxValue)
    {
        var start = new int[cliques.Length + 1];
        for (var c = 0; c < cliques.Length; c++)
        {
            start[c + 1] = start[c] + cliques[c].Length;
        }

        return CliqueMinimumDegree.Order(n, start, cliques.SelectMany(c => c).ToArray(), budget);
    }

    private static List<HashSet<int>> Graph(int n, int[][] cliques)
    {
        var adjacency = Enumerable.Range(0, n).Select(_ => new HashSet<int>()).ToList();
        foreach (var clique in cliques)
        {
            foreach (var a in clique)
            {
                adjacency[a].UnionWith(clique.Where(b => b != a));
            }
        }

        return adjacency;
    }

    /// <summary>Symbolic elimination in the given order: each node's neighbours when it is eliminated, which become a clique.</summary>
    private static List<HashSet<int>> Eliminate(int n, int[][] cliques, int[] order)
    {
        var adjacency = Graph(n, cliques);
        var result = Enumerable.Range(0, n).Select(_ => new HashSet<int>()).ToList();
        foreach (var v in order)
        {
            result[v] = [.. adjacency[v]];
            foreach (var u in adjacency[v])
            {
                adjacency[u].Remove(v);
                adjacency[u].UnionWith(adjacency[v].Where(w => w != u));
            }
        }

        return result;
    }

    private static int[] ExactMinimumDegreeOrder(int n, int[][] cliques)
    {
        var adjacency = Graph(n, cliques);
        var alive = Enumerable.Range(0, n).ToHashSet();
        var order = new List<int>();
        while (alive.Count > 0)
        {
            var v = alive.OrderBy(x => adjacency[x].Count).ThenBy(x => x).First();
            order.Add(v);
            alive.Remove(v);
            foreach (var u in adjacency[v])
            {
                adjacency[u].Remove(v);
                adjacency[u].UnionWith(adjacency[v].Where(w => w != u));
            }
        }

        return [.. order];
    }
}
