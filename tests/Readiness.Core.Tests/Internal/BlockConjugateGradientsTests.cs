using Readiness.Internal;

namespace Readiness.Core.Tests.Internal;

public sealed class BlockConjugateGradientsTests
{
    /// <summary>A dense matrix with a diagonal preconditioner, applied column by column to a block stored side by side.</summary>
    private sealed class Dense(double[,] a) : IBlockOperator
    {
        public int Unknowns => a.GetLength(0);

        public void Multiply(double[] p, double[] q, int width)
        {
            for (var i = 0; i < Unknowns; i++)
            {
                for (var k = 0; k < width; k++)
                {
                    var sum = 0.0;
                    for (var j = 0; j < Unknowns; j++)
                    {
                        sum += a[i, j] * p[(j * width) + k];
                    }

                    q[(i * width) + k] = sum;
                }
            }
        }

        public void Precondition(double[] r, double[] z, int width)
        {
            for (var u = 0; u < Unknowns * width; u++)
            {
                var d = a[u / width, u / width];
                z[u] = d > 0 ? r[u] / d : 0;
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(9)]
    public void Every_column_of_a_block_is_solved_as_if_alone(int width)
    {
        var random = new Random(width);
        const int n = 12;
        var m = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                m[i, j] = random.NextDouble() - 0.5;
            }
        }

        // AᵀA + I: symmetric positive definite.
        var a = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                for (var l = 0; l < n; l++)
                {
                    a[i, j] += m[l, i] * m[l, j];
                }

                a[i, j] += i == j ? 1 : 0;
            }
        }

        var b = Enumerable.Range(0, n * width).Select(_ => random.NextDouble()).ToArray();
        var reference = new double[width];
        BlockConjugateGradients.ColumnDots(b, b, n, width, reference);
        var x = new double[n * width];
        var (_, converged) = BlockConjugateGradients.Solve(
            new Dense(a), width, x, (double[])b.Clone(), (new double[n * width], new double[n * width], new double[n * width]),
            reference, [.. Enumerable.Repeat(1e-12, width)], 1000, null, CancellationToken.None);

        Assert.True(converged);
        var matrix = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(a);
        for (var k = 0; k < width; k++)
        {
            var expected = matrix.Solve(MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(n, i => b[(i * width) + k]));
            for (var i = 0; i < n; i++)
            {
                Assert.Equal(expected[i], x[(i * width) + k], 9);
            }
        }
    }

    [Fact]
    public void A_direction_without_curvature_stops_the_column_where_it_is_and_says_so()
    {
        // Semidefinite: the second unknown has no curvature, and the right-hand side has a part there that no step reduces.
        var a = new double[,] { { 2, 0 }, { 0, 0 } };
        var x = new double[2];
        var r = new double[] { 0, 1 };

        var (iterations, converged) = BlockConjugateGradients.Solve(new Dense(a), 1, x, r, (new double[2], new double[2], new double[2]), [1], [1e-8], 100, null, CancellationToken.None);

        Assert.False(converged);
        Assert.Equal(1, iterations);
        Assert.Equal([0.0, 0.0], x);
    }
}
