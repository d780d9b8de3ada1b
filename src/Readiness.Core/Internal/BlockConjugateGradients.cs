using System.Numerics;
using System.Runtime.InteropServices;

namespace Readiness.Internal;

/// <summary>
/// A symmetric positive (semi-)definite system that <see cref="BlockConjugateGradients"/> solves, given only its products:
/// A p and the preconditioner's M⁻¹ r, each for a block of <c>width</c> columns stored side by side (unknown u of column
/// k at u·width + k), so that one pass over the data serves every column.
/// </summary>
/// <remarks>
/// A constrained system is solved by projected conjugate gradients: both products return their result projected onto
/// the constraints (unknowns held at 0 left at 0, a block kept summing to 0), and the recursion stays in that subspace.
/// </remarks>
internal interface IBlockOperator
{
    /// <summary>Gets the unknowns per column.</summary>
    int Unknowns { get; }

    /// <summary>q = A p for each column.</summary>
    void Multiply(double[] p, double[] q, int width);

    /// <summary>z = M⁻¹ r for each column.</summary>
    void Precondition(double[] r, double[] z, int width);
}

/// <summary>
/// Preconditioned conjugate gradients, matrix-free, for a block of right-hand sides stored side by side: each column is
/// its own recursion, but the operator is applied to all of them at once and the vector arithmetic runs in SIMD lanes
/// across columns. Every sum runs in row order, so a column's result does not depend on the block it is solved in.
/// The crossed model's mixed-model equations and the Rasch model's Newton steps are both solved here.
/// </summary>
internal static class BlockConjugateGradients
{
    /// <summary>Gets the columns one SIMD vector holds (1 without SIMD).</summary>
    public static int Lane => Vector.IsHardwareAccelerated ? Vector<double>.Count : 1;

    /// <summary>
    /// Iterates until each column's ‖r‖ ≤ tolerance · ‖reference‖ (<c>referenceSquares</c> holds each column's ‖b‖², or its starting residual's), or
    /// <paramref name="maxIterations"/>; <paramref name="onIteration"/> hears the largest ‖r‖/‖reference‖ still open. On entry
    /// <paramref name="x"/> holds the start and <paramref name="r"/> = b − A x; on return x holds the solution. A column
    /// whose direction has no positive curvature (pᵀAp ≤ 0: the operator is only semidefinite there) stops where it is.
    /// </summary>
    /// <returns>The iterations used, and whether every column met its target.</returns>
    public static (int Iterations, bool Converged) Solve(
        IBlockOperator a,
        int width,
        double[] x,
        double[] r,
        (double[] Z, double[] Q, double[] P) work,
        double[] referenceSquares,
        double[] tolerance,
        int maxIterations,
        Action<int, double>? onIteration,
        CancellationToken cancellationToken)
    {
        var n = a.Unknowns;
        var (z, q, p) = work;
        a.Precondition(r, z, width);
        Array.Copy(z, p, n * width);
        var rz = new double[width];
        var rzNext = new double[width];
        var pq = new double[width];
        var residual = new double[width];
        var alpha = new double[width];
        var beta = new double[width];
        ColumnDots(r, z, n, width, rz);
        ColumnDots(r, r, n, width, residual);
        var active = new bool[width];
        var target = new double[width];
        var open = 0;
        var stalled = false;
        for (var k = 0; k < width; k++)
        {
            target[k] = tolerance[k] * Math.Sqrt(referenceSquares[k]);
            active[k] = Math.Sqrt(residual[k]) > target[k];
            open += active[k] ? 1 : 0;
        }

        var iterations = 0;
        while (open > 0 && iterations < maxIterations)
        {
            cancellationToken.ThrowIfCancellationRequested();
            iterations++;
            a.Multiply(p, q, width);
            ColumnDots(p, q, n, width, pq);
            for (var k = 0; k < width; k++)
            {
                if (active[k] && !(pq[k] > 0 && rz[k] > 0))
                {
                    (active[k], stalled) = (false, true);
                    open--;
                }

                alpha[k] = active[k] ? rz[k] / pq[k] : 0;
            }

            Step(x, r, p, q, alpha, n, width, residual);
            var worst = 0.0;
            for (var k = 0; k < width; k++)
            {
                if (active[k])
                {
                    worst = Math.Max(worst, Math.Sqrt(residual[k] / referenceSquares[k]));
                    if (Math.Sqrt(residual[k]) <= target[k])
                    {
                        active[k] = false;
                        open--;
                    }
                }
            }

            onIteration?.Invoke(iterations, worst);
            if (open == 0)
            {
                break;
            }

            a.Precondition(r, z, width);
            ColumnDots(r, z, n, width, rzNext);
            for (var k = 0; k < width; k++)
            {
                // A finished column keeps its direction (β = NaN: p unchanged): it is still multiplied, but no longer moves.
                beta[k] = active[k] ? rzNext[k] / rz[k] : double.NaN;
            }

            Redirect(p, z, beta, n, width);
            (rz, rzNext) = (rzNext, rz);
        }

        return (iterations, open == 0 && !stalled);
    }

    /// <summary>Each column's xᵀy over the first <paramref name="n"/> rows, summed in row order (SIMD across columns, so a column's sum does not depend on its group).</summary>
    public static void ColumnDots(double[] x, double[] y, int n, int width, double[] sums)
    {
        var vectorEnd = VectorEnd(width);
        Span<Vector<double>> accumulators = stackalloc Vector<double>[Math.Max(1, vectorEnd / Lane)];
        accumulators.Clear();
        Array.Clear(sums);
        ref var xBase = ref MemoryMarshal.GetArrayDataReference(x);
        ref var yBase = ref MemoryMarshal.GetArrayDataReference(y);
        for (var u = 0; u < n * width; u += width)
        {
            for (var k = 0; k < vectorEnd; k += Lane)
            {
                var o = (nuint)(u + k);
                accumulators[k / Lane] += Vector.LoadUnsafe(ref xBase, o) * Vector.LoadUnsafe(ref yBase, o);
            }

            for (var k = vectorEnd; k < width; k++)
            {
                sums[k] += x[u + k] * y[u + k];
            }
        }

        for (var k = 0; k < vectorEnd; k++)
        {
            sums[k] = accumulators[k / Lane][k % Lane];
        }
    }

    /// <summary>x += α p and r −= α q for each column, with each column's new ‖r‖² summed on the way (one pass instead of two).</summary>
    private static void Step(double[] x, double[] r, double[] p, double[] q, double[] alpha, int n, int width, double[] residual)
    {
        var vectorEnd = VectorEnd(width);
        Span<Vector<double>> accumulators = stackalloc Vector<double>[Math.Max(1, vectorEnd / Lane)];
        Span<Vector<double>> scales = stackalloc Vector<double>[Math.Max(1, vectorEnd / Lane)];
        accumulators.Clear();
        for (var k = 0; k < vectorEnd; k += Lane)
        {
            scales[k / Lane] = new Vector<double>(alpha.AsSpan(k, Lane));
        }

        Array.Clear(residual);
        ref var xBase = ref MemoryMarshal.GetArrayDataReference(x);
        ref var rBase = ref MemoryMarshal.GetArrayDataReference(r);
        ref var pBase = ref MemoryMarshal.GetArrayDataReference(p);
        ref var qBase = ref MemoryMarshal.GetArrayDataReference(q);
        for (var u = 0; u < n * width; u += width)
        {
            for (var k = 0; k < vectorEnd; k += Lane)
            {
                var o = (nuint)(u + k);
                var a = scales[k / Lane];
                (Vector.LoadUnsafe(ref xBase, o) + (a * Vector.LoadUnsafe(ref pBase, o))).StoreUnsafe(ref xBase, o);
                var next = Vector.LoadUnsafe(ref rBase, o) - (a * Vector.LoadUnsafe(ref qBase, o));
                next.StoreUnsafe(ref rBase, o);
                accumulators[k / Lane] += next * next;
            }

            for (var k = vectorEnd; k < width; k++)
            {
                x[u + k] += alpha[k] * p[u + k];
                r[u + k] -= alpha[k] * q[u + k];
                residual[k] += r[u + k] * r[u + k];
            }
        }

        for (var k = 0; k < vectorEnd; k++)
        {
            residual[k] = accumulators[k / Lane][k % Lane];
        }
    }

    /// <summary>p = z + β p for each column with a finite β; a column whose β is NaN (finished) keeps its p.</summary>
    private static void Redirect(double[] p, double[] z, double[] beta, int n, int width)
    {
        var vectorEnd = VectorEnd(width);
        Span<Vector<double>> scales = stackalloc Vector<double>[Math.Max(1, vectorEnd / Lane)];
        Span<Vector<long>> keep = stackalloc Vector<long>[Math.Max(1, vectorEnd / Lane)];
        for (var k = 0; k < vectorEnd; k += Lane)
        {
            var b = new Vector<double>(beta.AsSpan(k, Lane));
            keep[k / Lane] = Vector.Equals(b, b);
            scales[k / Lane] = b;
        }

        ref var pBase = ref MemoryMarshal.GetArrayDataReference(p);
        ref var zBase = ref MemoryMarshal.GetArrayDataReference(z);
        for (var u = 0; u < n * width; u += width)
        {
            for (var k = 0; k < vectorEnd; k += Lane)
            {
                var o = (nuint)(u + k);
                var old = Vector.LoadUnsafe(ref pBase, o);
                Vector.ConditionalSelect(keep[k / Lane], Vector.LoadUnsafe(ref zBase, o) + (scales[k / Lane] * old), old).StoreUnsafe(ref pBase, o);
            }

            for (var k = vectorEnd; k < width; k++)
            {
                if (!double.IsNaN(beta[k]))
                {
                    p[u + k] = z[u + k] + (beta[k] * p[u + k]);
                }
            }
        }
    }

    /// <summary>The columns handled in whole SIMD vectors; those after it run scalar (with the same operations).</summary>
    public static int VectorEnd(int width) => Vector.IsHardwareAccelerated ? width / Lane * Lane : 0;
}
