using MathNet.Numerics.LinearAlgebra;
using Readiness.Calibration.Internal;

namespace Readiness.Core.Tests.Calibration;

/// <summary>The sparse factor against MathNet's dense Cholesky on random clique-structured matrices with a dense tail.</summary>
public sealed class SparseCholeskyTests
{
    [Theory]
    [InlineData(1, 0, 40, 25, 5)]
    [InlineData(2, 0, 40, 25, 5)]
    [InlineData(3, 0, 40, 25, 5)]
    [InlineData(4, 1, 40, 25, 5)]
    [InlineData(5, 3, 40, 25, 5)]
    // Cliques large enough to fill in: supernodes wider than the blocked kernel's group of columns, runs of rows long
    // enough for its vector path, and a dense final block (as a widely crossed design has).
    [InlineData(6, 0, 150, 60, 12)]
    [InlineData(7, 4, 150, 60, 12)]
    [InlineData(8, 19, 300, 200, 9)]
    [InlineData(9, 2, 120, 8, 40)]
    public void Factor_solve_and_selected_inverse_match_the_dense_computation(int seed, int dense, int sparse, int cliqueCount, int maxClique)
    {
        var random = new Random(seed);
        var cliques = Enumerable.Range(0, cliqueCount)
            .Select(_ => Enumerable.Range(0, sparse).OrderBy(_ => random.Next()).Take(random.Next(1, maxClique)).Order().ToArray())
            .ToArray();
        var start = new int[cliques.Length + 1];
        for (var c = 0; c < cliques.Length; c++)
        {
            start[c + 1] = start[c] + cliques[c].Length;
        }

        var nodes = cliques.SelectMany(c => c).ToArray();
        var n = sparse + dense;
        var a = Matrix<double>.Build.Dense(n, n);
        foreach (var clique in cliques)
        {
            foreach (var i in clique)
            {
                foreach (var j in clique)
                {
                    a[i, j] += i == j ? 0 : random.NextDouble() - 0.5;
                }
            }
        }

        for (var i = 0; i < n; i++)
        {
            for (var j = sparse; j < n; j++)
            {
                if (i != j)
                {
                    a[i, j] = a[j, i] = random.NextDouble() - 0.5;
                }
            }
        }

        a = (a + a.Transpose()) / 2;
        for (var i = 0; i < n; i++)
        {
            a[i, i] = n;
        }

        var factor = SparseCholesky.TryAnalyse(sparse, dense, start, nodes, long.MaxValue)!;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var index = factor.IndexOf(i, j);
                if (a[i, j] != 0)
                {
                    Assert.True(index >= 0, $"({i}, {j}) is not in the pattern");
                }

                if (index >= 0)
                {
                    factor.Values[index] = a[i, j];
                }
            }
        }

        // Dense nodes are the last rows of every column, so their entries are found without a search.
        for (var i = 0; i < n; i++)
        {
            for (var t = Math.Max(i + 1, sparse); t < n; t++)
            {
                Assert.Equal(factor.IndexOf(t, i), factor.TailIndex(i, t));
            }
        }

        Assert.True(factor.TryFactor());
        var b = Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray();
        var reference = a.Cholesky();
        Assert.Equal(reference.DeterminantLn, factor.LogDeterminant(), 10);
        var expected = reference.Solve(Vector<double>.Build.Dense(b));
        var x = factor.Solve(b);
        for (var i = 0; i < n; i++)
        {
            Assert.Equal(expected[i], x[i], 12);
        }

        var z = factor.ForwardSolve(b);
        Assert.Equal(Vector<double>.Build.Dense(b) * expected, z.Sum(v => v * v), 12);

        var inverse = a.Inverse();
        var selected = factor.SelectedInverse();

        // Supernodes at least 64 wide share their dense work between threads (seed 8 ends in one 145 wide), and every
        // number stays the same.
        Assert.True(seed != 8 || factor.LargestSupernode >= 64);
        Assert.Equal(selected, factor.SelectedInverse(workers: 3));
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var index = factor.IndexOf(i, j);
                if (index >= 0)
                {
                    Assert.Equal(inverse[i, j], selected[index], 12);
                }
            }
        }
    }

    [Fact]
    public void Analysis_is_turned_down_when_the_factor_would_exceed_its_budget()
    {
        // One clique of 30: the factor is dense, 30 × 31 / 2 entries.
        var nodes = Enumerable.Range(0, 30).ToArray();
        Assert.Null(SparseCholesky.TryAnalyse(30, 0, [0, 30], nodes, 464));
        Assert.NotNull(SparseCholesky.TryAnalyse(30, 0, [0, 30], nodes, 465));
    }

    [Theory]
    [InlineData(8, false)]
    [InlineData(9, true)]
    public void A_dense_tail_is_counted_against_the_budget_before_any_ordering(long budget, bool analysed)
    {
        // Two unconnected sparse nodes and two dense ones: each sparse column holds its diagonal and both dense rows
        // (2 × 3), the dense block its lower triangle (3), and elimination adds nothing: 9 entries.
        var factor = SparseCholesky.TryAnalyse(2, 2, [0, 1, 2], [0, 1], budget);

        Assert.Equal(analysed, factor is not null);
    }

    [Fact]
    public void An_entry_outside_the_pattern_is_minus_one()
    {
        var factor = SparseCholesky.TryAnalyse(3, 0, [0, 2, 3], [0, 1, 2], long.MaxValue)!;

        Assert.True(factor.IndexOf(1, 0) >= 0);
        Assert.Equal(-1, factor.IndexOf(2, 0));
        Assert.Equal(-1, factor.IndexOf(1, 2));
    }

    [Theory]
    [InlineData(1.0)] // singular: the second pivot is exactly 0
    [InlineData(2.0)] // indefinite: the second pivot is −3
    public void A_matrix_that_is_not_positive_definite_is_refused(double offDiagonal)
    {
        var factor = SparseCholesky.TryAnalyse(2, 0, [0, 2], [0, 1], long.MaxValue)!;
        factor.Values[factor.IndexOf(0, 0)] = 1;
        factor.Values[factor.IndexOf(1, 1)] = 1;
        factor.Values[factor.IndexOf(1, 0)] = offDiagonal;
        Assert.False(factor.TryFactor());
    }
}
