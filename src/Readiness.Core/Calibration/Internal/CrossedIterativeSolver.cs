using System.Numerics;
using System.Runtime.InteropServices;
using Readiness.Internal;

namespace Readiness.Calibration.Internal;

/// <summary>
/// Solves the mixed-model equations of the crossed model for given variance components by preconditioned conjugate
/// gradients, in O(N) per iteration and O(cells + ratees + raters) memory: the scalable path's BLUPs, the covariance of
/// its fixed effects and the solves of its REML iterations.
/// </summary>
/// <remarks>
/// <para>
/// The system is Henderson's: [XᵀX, XᵀZ; ZᵀX, ZᵀZ + Λ] [β; u] = [Xᵀy; Zᵀy], with Λ = σ²_e G⁻¹ (one ratio per random term),
/// symmetric positive definite. The preconditioner is its block diagonal — XᵀX, each ratee together with its
/// ratee × competency cells (solved in closed form: cells nest within ratees), and each rater — the blocks backfitting
/// updates one after another (Ghosh, Hastie and Owen 2022). Conjugate gradients combine those block solves optimally
/// instead of cycling through them, which cuts hundreds of backfitting sweeps to tens of iterations.
/// </para>
/// <para>
/// Several right-hand sides are solved together (<c>SolveMany</c>): each is its own conjugate-gradient recursion, but
/// one pass over the ratings multiplies all of them, the values of an unknown stored side by side, so the ratings' indices
/// are read once for the lot and the arithmetic runs in SIMD lanes. Columns are shared out over the threads in contiguous
/// groups. Each column's arithmetic is the same whatever the group it runs in, so results do not depend on the threads.
/// </para>
/// <para>A term whose variance is 0 is absent: its effects stay 0. Every sum runs in a fixed order.</para>
/// </remarks>
internal sealed class CrossedIterativeSolver : IBlockOperator
{
    /// <summary>The most columns one conjugate-gradient recursion carries at once.</summary>
    private const int MaxGroupWidth = 16;

    /// <summary>The work space of one group (five vectors per column) above which groups are narrowed, down to one SIMD vector.</summary>
    private const long GroupWorkBytes = 64L << 20;

    private readonly CrossedDesign _d;
    private readonly double _lambdaCell;
    private readonly double _lambdaRatee;
    private readonly double _lambdaRater;
    private readonly double[] _xtxInverse;

    // Each ratee-with-cells block eliminated in closed form: a cell's share n_c/(n_c + Λ_cell) of its ratee (0 when the
    // cell term is absent), and the ratee's pivot n_t + Λ_ratee − Σ n_c·share_c. Every use of the block reads these.
    private readonly double[] _cellShare;
    private readonly double[] _rateePivot;
    private readonly int _n;
    private readonly int _workers;
    private readonly Workspace? _workspace;

    /// <param name="design">The design.</param>
    /// <param name="variance">The variance components; 0 leaves a term out.</param>
    /// <param name="workers">The threads <c>SolveMany</c> may use.</param>
    /// <param name="workspace">Work vectors kept from one solver to the next (a REML fit builds one per iteration); null rents them from the shared pool.</param>
    public CrossedIterativeSolver(CrossedDesign design, (double Cell, double Ratee, double Rater, double Residual) variance, int workers = 1, Workspace? workspace = null)
    {
        _workspace = workspace;
        _d = design;
        _lambdaCell = Ratio(variance.Residual, variance.Cell);
        _lambdaRatee = Ratio(variance.Residual, variance.Ratee);
        _lambdaRater = Ratio(variance.Residual, variance.Rater);
        var p = design.P;
        var inverse = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(p, p, (i, j) => design.XtX[(i * p) + j]).Inverse();
        _xtxInverse = new double[p * p];
        for (var i = 0; i < p; i++)
        {
            for (var j = 0; j < p; j++)
            {
                _xtxInverse[(i * p) + j] = inverse[i, j];
            }
        }

        _n = design.P + design.Cells + design.Ratees + design.Raters;
        _workers = Math.Max(1, workers);
        _cellShare = new double[design.Cells];
        _rateePivot = new double[design.Ratees];
        var cells = !double.IsPositiveInfinity(_lambdaCell);
        for (var t = 0; t < design.Ratees; t++)
        {
            _rateePivot[t] = design.RateeN[t] + _lambdaRatee;
            for (var c = design.RateeCellStart[t]; cells && c < design.RateeCellStart[t + 1]; c++)
            {
                var nc = design.CellN[c];
                _cellShare[c] = nc / (nc + _lambdaCell);
                _rateePivot[t] -= nc * _cellShare[c];
            }
        }
    }

    /// <summary>The work space one group of <c>SolveMany</c> holds at once (five vectors per column), for a system of that many unknowns.</summary>
    public static long GroupBytes(long unknowns) => 5L * 8 * unknowns * WidestGroup(unknowns);

    /// <summary>Gets the design.</summary>
    public CrossedDesign Design => _d;

    /// <summary>Gets the number of unknowns: β, then cells, ratees and raters.</summary>
    public int Unknowns => _n;

    /// <summary>Gets the offsets of the cells', ratees' and raters' unknowns.</summary>
    public (int Cell, int Ratee, int Rater) Offsets => (_d.P, _d.P + _d.Cells, _d.P + _d.Cells + _d.Ratees);

    /// <summary>The right-hand side [Xᵀy; Zᵀy] of the BLUP equations.</summary>
    public double[] Rhs()
    {
        var d = _d;
        var b = new double[_n];
        for (var i = 0; i < d.N; i++)
        {
            Scatter(b, i, d.Y[i]);
        }

        Mask(b, 1);
        return b;
    }

    /// <summary>Adds one rating's value to the rows of A (or Aᵀ) it touches: its fixed columns, cell, ratee and rater.</summary>
    public void Scatter(double[] into, int i, double value)
    {
        var d = _d;
        foreach (var j in d.RowColumns(i))
        {
            into[j] += value;
        }

        var c = d.RowCell[i];
        into[d.P + c] += value;
        into[d.P + d.Cells + d.CellRatee[c]] += value;
        into[d.P + d.Cells + d.Ratees + d.RowRater[i]] += value;
    }

    /// <summary>The fitted value of rating i, (Xβ + Zu)ᵢ, for a solution x.</summary>
    public double Fitted(double[] x, int i)
    {
        var d = _d;
        var c = d.RowCell[i];
        return d.FixedPart(i, x) + x[d.P + c] + x[d.P + d.Cells + d.CellRatee[c]] + x[d.P + d.Cells + d.Ratees + d.RowRater[i]];
    }

    /// <summary>Solves A x = b to ‖r‖ ≤ tolerance ‖b‖; returns x, the iterations used and whether the tolerance was met.</summary>
    public (double[] X, int Iterations, bool Converged) Solve(double[] b, double tolerance, int maxIterations, Action<int, double>? onIteration, CancellationToken cancellationToken)
    {
        var (x, iterations, converged) = SolveBlock([b], null, [tolerance], maxIterations, onIteration, false, cancellationToken);
        return (x[0], iterations, converged);
    }

    /// <summary>
    /// Solves A xₖ = bₖ for every column, each to ‖rₖ‖ ≤ tolerance ‖bₖ‖, from the starting points given (null, or a null
    /// column: 0); returns
    /// the solutions, the most iterations any column used and whether every column met the tolerance.
    /// </summary>
    public (double[][] X, int Iterations, bool Converged) SolveMany(double[][] b, double[]?[]? start, double tolerance, int maxIterations, CancellationToken cancellationToken, bool overwriteStarts = false) =>
        SolveMany(b, start, [.. b.Select(_ => tolerance)], maxIterations, cancellationToken, overwriteStarts);

    /// <summary>As <see cref="SolveMany(double[][], double[][], double, int, CancellationToken, bool)"/>, with a tolerance for each column.</summary>
    /// <remarks>With <c>overwriteStarts</c>, a column's solution is written over its starting point (the previous iteration's solution, no longer needed) instead of into a new array.</remarks>
    public (double[][] X, int Iterations, bool Converged) SolveMany(double[][] b, double[]?[]? start, double[] tolerance, int maxIterations, CancellationToken cancellationToken, bool overwriteStarts = false)
    {
        // Groups of whole SIMD vectors, at most MaxGroupWidth columns (fewer where their work space would pass
        // GroupWorkBytes), at least one per thread while there are vectors to share: wider groups gain little (a pass is
        // then limited by memory, not by reading the indices) and cost work space in proportion; a group narrower than a
        // vector runs scalar.
        var lane = BlockConjugateGradients.Lane;
        var vectors = (b.Length + lane - 1) / lane;
        var widest = WidestGroup(_n);
        var count = Math.Max(Math.Min(_workers, vectors), (b.Length + widest - 1) / widest);
        var bounds = new int[count + 1];
        for (var g = 1; g <= count; g++)
        {
            bounds[g] = Math.Min(b.Length, (int)((long)vectors * g / count) * lane);
        }

        if (count == 1)
        {
            return SolveBlock(b, start, tolerance, maxIterations, null, overwriteStarts, cancellationToken);
        }

        var parts = new (double[][] X, int Iterations, bool Converged)[count];
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = _workers, CancellationToken = cancellationToken }, g =>
            parts[g] = SolveBlock(b[bounds[g]..bounds[g + 1]], start?[bounds[g]..bounds[g + 1]], tolerance[bounds[g]..bounds[g + 1]], maxIterations, null, overwriteStarts, cancellationToken));
        return ([.. parts.SelectMany(p => p.X)], parts.Max(p => p.Iterations), parts.All(p => p.Converged));
    }

    /// <summary>Splits a solution into β, cells, ratees and raters.</summary>
    public (double[] Beta, double[] Cell, double[] Ratee, double[] Rater) Split(double[] x)
    {
        var (cell, ratee, rater) = Offsets;
        return (x[..cell], x[cell..ratee], x[ratee..rater], x[rater..]);
    }

    /// <summary>z = M⁻¹ r for one vector: the block-diagonal solve.</summary>
    public double[] Precondition(double[] r)
    {
        var z = new double[_n];
        Precondition(r, z, 1);
        return z;
    }

    /// <summary>
    /// (M⁻¹v) over one random term's block for a vector v that is zero outside it: the same arithmetic as
    /// <see cref="Precondition(double[])"/> over that block, in time and memory of the block rather than of every unknown (a
    /// REML iteration applies it to each probe). Written into <paramref name="into"/> when given (at least the block's length).
    /// </summary>
    public double[] PreconditionBlock(double[] v, int offset, int length, double[]? into = null)
    {
        var d = _d;
        var (cellOffset, rateeOffset, raterOffset) = Offsets;
        var z = into ?? new double[length];
        if (offset == raterOffset)
        {
            for (var a = 0; a < length; a++)
            {
                z[a] = v[raterOffset + a] * (1 / (d.RaterN[a] + _lambdaRater));
            }

            return z;
        }

        var cells = !double.IsPositiveInfinity(_lambdaCell);
        var ratees = !double.IsPositiveInfinity(_lambdaRatee);
        for (var t = 0; t < d.Ratees; t++)
        {
            var rt = v[rateeOffset + t];
            for (var c = d.RateeCellStart[t]; cells && c < d.RateeCellStart[t + 1]; c++)
            {
                rt += -_cellShare[c] * v[cellOffset + c];
            }

            var zt = ratees ? rt / _rateePivot[t] : 0;
            if (offset == rateeOffset)
            {
                z[t] = zt;
                continue;
            }

            for (var c = d.RateeCellStart[t]; cells && c < d.RateeCellStart[t + 1]; c++)
            {
                z[c] = (v[cellOffset + c] - (d.CellN[c] * zt)) * (1 / (d.CellN[c] + _lambdaCell));
            }
        }

        return z;
    }

    /// <summary>
    /// The raters' coupling terms: without the fixed effects the raters' block of C⁻¹ is (M_r − B)⁻¹ = M_r⁻¹ + K + K M_r K + …,
    /// with K = M_r⁻¹ B M_r⁻¹ and B = C_ro M_o⁻¹ C_or over the cells and ratees o, since those are coupled only through
    /// raters and M_o is their block of C exactly. Writes K v into <paramref name="into"/>, and with <paramref name="next"/>
    /// also K M_r K v into it and their sum into <paramref name="into"/>. Vectors over the rater block side by side (column j
    /// of rater a at a·width + j); <paramref name="v"/> is overwritten; <paramref name="local"/> holds at least (the most
    /// cells of a ratee + 1)·width.
    /// </summary>
    public void RaterCoupling(double[] v, double[] into, int width, double[] local, double[]? next = null)
    {
        Couple(v, into, width, local);
        if (next is null)
        {
            return;
        }

        for (var a = 0; a < _d.Raters; a++)
        {
            into.AsSpan(a * width, width).CopyTo(v.AsSpan(a * width, width));
            VectorMath.Scale(v.AsSpan(a * width, width), _d.RaterN[a] + _lambdaRater);
        }

        Couple(v, next, width, local);
        VectorMath.Add(into.AsSpan(0, _d.Raters * width), next.AsSpan(0, _d.Raters * width));
    }

    /// <summary>
    /// The traces of K and of K M_r K (<see cref="RaterCoupling"/>): Σ_a B_aa / m_a² and Σ_ab B_ab² / (m_a² m_b), with
    /// m_a = n_a + Λ and B ratee by ratee in closed form. The second is null when forming B's rows would take more than
    /// <paramref name="maxProducts"/> products (Σ over cells and ratees of their raters squared).
    /// </summary>
    public (double First, double? Second) RaterCouplingTraces(long maxProducts)
    {
        var d = _d;
        var cells = !double.IsPositiveInfinity(_lambdaCell);
        var ratees = !double.IsPositiveInfinity(_lambdaRatee);

        // B_ab = Σ_c n_ca n_cb / (n_c + Λ_c) + Σ_t s_ta s_tb / pivot_t, where s_ta = Σ_(c in t) n_ca (1 − share_c) is what is
        // left of rater a's ratings of t once t's cells are eliminated.
        var cellWeight = new double[d.Cells];
        var pivot = new double[d.Ratees];
        var s = new double[d.RateeRaterIndex.Length];
        var position = new int[d.Raters];
        for (var t = 0; t < d.Ratees; t++)
        {
            for (var e = d.RateeRaterStart[t]; e < d.RateeRaterStart[t + 1]; e++)
            {
                position[d.RateeRaterIndex[e]] = e;
            }

            for (var c = d.RateeCellStart[t]; c < d.RateeCellStart[t + 1]; c++)
            {
                cellWeight[c] = cells ? 1 / (d.CellN[c] + _lambdaCell) : 0;
                for (var e = d.CellRaterStart[c]; e < d.CellRaterStart[c + 1]; e++)
                {
                    s[position[d.CellRaterIndex[e]]] += d.CellRaterCount[e] * (1 - _cellShare[c]);
                }
            }

            pivot[t] = ratees ? 1 / _rateePivot[t] : 0;
        }

        var diagonal = new double[d.Raters];
        var products = 0L;
        for (var c = 0; c < d.Cells; c++)
        {
            var raters = d.CellRaterStart[c + 1] - d.CellRaterStart[c];
            products += (long)raters * raters;
            for (var e = d.CellRaterStart[c]; e < d.CellRaterStart[c + 1]; e++)
            {
                diagonal[d.CellRaterIndex[e]] += d.CellRaterCount[e] * d.CellRaterCount[e] * cellWeight[c];
            }
        }

        for (var t = 0; t < d.Ratees; t++)
        {
            var raters = d.RateeRaterStart[t + 1] - d.RateeRaterStart[t];
            products += (long)raters * raters;
            for (var e = d.RateeRaterStart[t]; e < d.RateeRaterStart[t + 1]; e++)
            {
                diagonal[d.RateeRaterIndex[e]] += s[e] * s[e] * pivot[t];
            }
        }

        var m = new double[d.Raters];
        var first = 0.0;
        for (var a = 0; a < d.Raters; a++)
        {
            m[a] = 1 / (d.RaterN[a] + _lambdaRater);
            first += diagonal[a] * m[a] * m[a];
        }

        if (products > maxProducts)
        {
            return (first, null);
        }

        // Row a of B from the cells and ratees rater a rated (the lists transposed), squared and weighted.
        var (cellStart, cellEntries) = Transpose(d.CellRaterIndex, d.Raters);
        var (rateeStart, rateeEntries) = Transpose(d.RateeRaterIndex, d.Raters);
        var cellOf = Owners(d.CellRaterStart);
        var rateeOf = Owners(d.RateeRaterStart);
        var row = new double[d.Raters];
        var touched = new List<int>();
        var second = 0.0;
        for (var a = 0; a < d.Raters; a++)
        {
            for (var k = cellStart[a]; k < cellStart[a + 1]; k++)
            {
                var e = cellEntries[k];
                var c = cellOf[e];
                var weight = d.CellRaterCount[e] * cellWeight[c];
                for (var f = d.CellRaterStart[c]; f < d.CellRaterStart[c + 1]; f++)
                {
                    Accumulate(d.CellRaterIndex[f], weight * d.CellRaterCount[f]);
                }
            }

            for (var k = rateeStart[a]; k < rateeStart[a + 1]; k++)
            {
                var e = rateeEntries[k];
                var t = rateeOf[e];
                var weight = s[e] * pivot[t];
                for (var f = d.RateeRaterStart[t]; f < d.RateeRaterStart[t + 1]; f++)
                {
                    Accumulate(d.RateeRaterIndex[f], weight * s[f]);
                }
            }

            var sum = 0.0;
            foreach (var b in touched)
            {
                sum += row[b] * row[b] * m[b];
                row[b] = 0;
            }

            touched.Clear();
            second += sum * m[a] * m[a];
        }

        return (first, second);

        void Accumulate(int b, double value)
        {
            if (row[b] == 0)
            {
                touched.Add(b);
            }

            row[b] += value;
        }
    }

    /// <summary>K v for vectors side by side (see <see cref="RaterCoupling"/>); scales <paramref name="v"/> by M_r⁻¹ in place.</summary>
    private void Couple(double[] v, double[] into, int width, double[] local)
    {
        var d = _d;
        var cells = !double.IsPositiveInfinity(_lambdaCell);
        var ratees = !double.IsPositiveInfinity(_lambdaRatee);
        var rowRater = d.RowRater;
        Array.Clear(into, 0, d.Raters * width);
        for (var a = 0; a < d.Raters; a++)
        {
            VectorMath.Scale(v.AsSpan(a * width, width), 1 / (d.RaterN[a] + _lambdaRater));
        }

        for (var t = 0; t < d.Ratees; t++)
        {
            var first = d.RateeCellStart[t];
            var count = d.RateeCellStart[t + 1] - first;
            var wt = local.AsSpan(count * width, width);
            wt.Clear();
            for (var c = first; c < first + count; c++)
            {
                var wc = local.AsSpan((c - first) * width, width);
                wc.Clear();
                for (var i = d.CellStart[c]; i < d.CellStart[c + 1]; i++)
                {
                    VectorMath.Add(wc, v.AsSpan(rowRater[i] * width, width));
                }

                VectorMath.Add(wt, wc);
                if (cells)
                {
                    VectorMath.AddScaled(wt, wc, -_cellShare[c]);
                }
            }

            // wt: the ratee's row once its cells are eliminated, then its solution.
            if (ratees)
            {
                VectorMath.Scale(wt, 1 / _rateePivot[t]);
            }
            else
            {
                wt.Clear();
            }

            for (var c = first; c < first + count; c++)
            {
                var wc = local.AsSpan((c - first) * width, width);
                if (cells)
                {
                    VectorMath.AddScaled(wc, wt, -d.CellN[c]);
                    VectorMath.Scale(wc, 1 / (d.CellN[c] + _lambdaCell));
                }
                else
                {
                    wc.Clear();
                }

                VectorMath.Add(wc, wt);
                for (var i = d.CellStart[c]; i < d.CellStart[c + 1]; i++)
                {
                    VectorMath.Add(into.AsSpan(rowRater[i] * width, width), wc);
                }
            }
        }

        for (var a = 0; a < d.Raters; a++)
        {
            VectorMath.Scale(into.AsSpan(a * width, width), 1 / (d.RaterN[a] + _lambdaRater));
        }
    }

    /// <summary>A CSR list's entries regrouped by the index they hold: for each index, the entries (positions) that hold it.</summary>
    private static (int[] Start, int[] Entries) Transpose(int[] index, int count)
    {
        var begin = new int[count + 1];
        foreach (var i in index)
        {
            begin[i + 1]++;
        }

        for (var i = 0; i < count; i++)
        {
            begin[i + 1] += begin[i];
        }

        var next = begin[..^1];
        var entries = new int[index.Length];
        for (var e = 0; e < index.Length; e++)
        {
            entries[next[index[e]]++] = e;
        }

        return (begin, entries);
    }

    /// <summary>For each entry of a CSR list, the row that owns it.</summary>
    private static int[] Owners(int[] start)
    {
        var owner = new int[start[^1]];
        for (var r = 0; r + 1 < start.Length; r++)
        {
            owner.AsSpan(start[r], start[r + 1] - start[r]).Fill(r);
        }

        return owner;
    }

    /// <summary>The diagonal of M⁻¹ (the preconditioner's inverse) over the random effects; 0 for β and absent terms.</summary>
    public double[] PreconditionerInverseDiagonal()
    {
        var d = _d;
        var diagonal = new double[_n];
        var (cellOffset, rateeOffset, raterOffset) = Offsets;
        var cells = !double.IsPositiveInfinity(_lambdaCell);
        var ratees = !double.IsPositiveInfinity(_lambdaRatee);
        for (var t = 0; t < d.Ratees; t++)
        {
            var pivot = _rateePivot[t];
            diagonal[rateeOffset + t] = ratees ? 1 / pivot : 0;
            for (var c = d.RateeCellStart[t]; cells && c < d.RateeCellStart[t + 1]; c++)
            {
                var share = _cellShare[c];
                diagonal[cellOffset + c] = (1 / (d.CellN[c] + _lambdaCell)) + (ratees ? share * share / pivot : 0);
            }
        }

        for (var r = 0; r < d.Raters && !double.IsPositiveInfinity(_lambdaRater); r++)
        {
            diagonal[raterOffset + r] = 1 / (d.RaterN[r] + _lambdaRater);
        }

        return diagonal;
    }

    /// <summary>Zeroes the rows of absent terms (variance 0) in one vector, so their effects stay 0.</summary>
    public void Mask(double[] v) => Mask(v, 1);

    /// <summary>Conjugate gradients for a block of columns stored side by side (unknown u of column k at u·width + k).</summary>
    /// <remarks>
    /// The five work vectors come from the workspace, or else the shared pool: a REML fit solves many blocks, and fresh
    /// arrays of this size would pile up on the large-object heap between collections. The pool rounds sizes up to powers
    /// of two and keeps a set per width, which held a widely crossed million's fit at 1 GB; a workspace holds a set of the
    /// widest group's size per thread.
    /// </remarks>
    private (double[][] X, int Iterations, bool Converged) SolveBlock(
        double[][] b,
        double[]?[]? start,
        double[] tolerance,
        int maxIterations,
        Action<int, double>? onIteration,
        bool overwriteStarts,
        CancellationToken cancellationToken)
    {
        var width = b.Length;
        var size = _n * width;
        if (_workspace is { } workspace && size <= workspace.Length)
        {
            var set = workspace.Take();
            try
            {
                return SolveBlock(b, start, tolerance, maxIterations, onIteration, (set[0], set[1], set[2], set[3], set[4]), overwriteStarts, cancellationToken);
            }
            finally
            {
                workspace.Return(set);
            }
        }

        var pool = System.Buffers.ArrayPool<double>.Shared;
        var x = pool.Rent(size);
        var r = pool.Rent(size);
        var z = pool.Rent(size);
        var q = pool.Rent(size);
        var p = pool.Rent(size);
        try
        {
            return SolveBlock(b, start, tolerance, maxIterations, onIteration, (x, r, z, q, p), overwriteStarts, cancellationToken);
        }
        finally
        {
            foreach (var work in (double[][])[x, r, z, q, p])
            {
                pool.Return(work);
            }
        }
    }

    private (double[][] X, int Iterations, bool Converged) SolveBlock(
        double[][] b,
        double[]?[]? start,
        double[] tolerance,
        int maxIterations,
        Action<int, double>? onIteration,
        (double[] X, double[] R, double[] Z, double[] Q, double[] P) work,
        bool overwriteStarts,
        CancellationToken cancellationToken)
    {
        var width = b.Length;
        var size = _n * width;
        var (x, r, z, q, p) = work;
        Array.Clear(x, 0, size);
        Interleave(b, r, width);
        var norm = new double[width];
        BlockConjugateGradients.ColumnDots(r, r, _n, width, norm);
        if (start is not null)
        {
            Interleave(start, x, width);
            Mask(x, width);
            Multiply(x, q, width);
            VectorMath.AddScaled(r.AsSpan(0, size), q.AsSpan(0, size), -1);
        }

        var (iterations, converged) = BlockConjugateGradients.Solve(this, width, x, r, (z, q, p), norm, tolerance, maxIterations, onIteration, cancellationToken);
        var solutions = new double[width][];
        for (var k = 0; k < width; k++)
        {
            solutions[k] = overwriteStarts && start?[k] is { } into ? into : new double[_n];
            for (var u = 0; u < _n; u++)
            {
                solutions[k][u] = x[(u * width) + k];
            }
        }

        return (solutions, iterations, converged);
    }

    /// <summary>q = A p for each column: one pass over the ratings (fitted values, then their sums by fixed column, cell, ratee and rater).</summary>
    public void Multiply(double[] p, double[] q, int width)
    {
        var d = _d;
        Array.Clear(q, 0, _n * width);
        var (cellOffset, rateeOffset, raterOffset) = Offsets;
        var sourceColumn = d.RowSourceColumn;
        var rowRater = d.RowRater;
        var lane = Vector.IsHardwareAccelerated ? Vector<double>.Count : int.MaxValue;
        ref var pBase = ref MemoryMarshal.GetArrayDataReference(p);
        ref var qBase = ref MemoryMarshal.GetArrayDataReference(q);

        // Cell by cell (a cell's ratings are contiguous): the intercept, competency, cell and ratee are the same for all of
        // them, so their part of the fitted value is read once and their rows of q take the cell's sum once; only the
        // rater and source rows are touched per rating. Written out rather than through FixedPart/RowColumns: this loop
        // is the whole cost of an iteration.
        for (var c = 0; c < d.Cells; c++)
        {
            var from = d.CellStart[c];
            var to = d.CellStart[c + 1];
            var cc = d.RowCompetencyColumn[from];
            var oc = (nuint)((cellOffset + c) * width);
            var ot = (nuint)((rateeOffset + d.CellRatee[c]) * width);
            var ocomp = (nuint)(Math.Max(cc, 0) * width);
            var k = 0;
            for (; k + lane <= width; k += lane)
            {
                var o = (nuint)k;
                var shared = Vector.LoadUnsafe(ref pBase, o) + Vector.LoadUnsafe(ref pBase, oc + o) + Vector.LoadUnsafe(ref pBase, ot + o);
                if (cc >= 0)
                {
                    shared += Vector.LoadUnsafe(ref pBase, ocomp + o);
                }

                var sum = Vector<double>.Zero;
                for (var i = from; i < to; i++)
                {
                    var sc = sourceColumn[i];
                    var or = (nuint)((raterOffset + rowRater[i]) * width) + o;
                    var fitted = shared + Vector.LoadUnsafe(ref pBase, or);
                    if (sc >= 0)
                    {
                        var os = (nuint)(sc * width) + o;
                        fitted += Vector.LoadUnsafe(ref pBase, os);
                        (Vector.LoadUnsafe(ref qBase, os) + fitted).StoreUnsafe(ref qBase, os);
                    }

                    (Vector.LoadUnsafe(ref qBase, or) + fitted).StoreUnsafe(ref qBase, or);
                    sum += fitted;
                }

                (Vector.LoadUnsafe(ref qBase, o) + sum).StoreUnsafe(ref qBase, o);
                (Vector.LoadUnsafe(ref qBase, oc + o) + sum).StoreUnsafe(ref qBase, oc + o);
                (Vector.LoadUnsafe(ref qBase, ot + o) + sum).StoreUnsafe(ref qBase, ot + o);
                if (cc >= 0)
                {
                    (Vector.LoadUnsafe(ref qBase, ocomp + o) + sum).StoreUnsafe(ref qBase, ocomp + o);
                }
            }

            for (; k < width; k++)
            {
                // The vector lanes' order of additions, so that a column's result does not depend on its group.
                var shared = p[k] + p[(int)oc + k] + p[(int)ot + k];
                if (cc >= 0)
                {
                    shared += p[(int)ocomp + k];
                }

                var sum = 0.0;
                for (var i = from; i < to; i++)
                {
                    var sc = sourceColumn[i];
                    var or = ((raterOffset + rowRater[i]) * width) + k;
                    var fitted = shared + p[or];
                    if (sc >= 0)
                    {
                        var os = (sc * width) + k;
                        fitted += p[os];
                        q[os] += fitted;
                    }

                    q[or] += fitted;
                    sum += fitted;
                }

                q[k] += sum;
                q[(int)oc + k] += sum;
                q[(int)ot + k] += sum;
                if (cc >= 0)
                {
                    q[(int)ocomp + k] += sum;
                }
            }
        }

        AddPenalty(p, q, cellOffset, d.Cells, _lambdaCell, width);
        AddPenalty(p, q, rateeOffset, d.Ratees, _lambdaRatee, width);
        AddPenalty(p, q, raterOffset, d.Raters, _lambdaRater, width);
        Mask(q, width);
    }

    private static void AddPenalty(double[] p, double[] q, int offset, int count, double lambda, int width)
    {
        if (double.IsPositiveInfinity(lambda))
        {
            return;
        }

        VectorMath.AddScaled(q.AsSpan(offset * width, count * width), p.AsSpan(offset * width, count * width), lambda);
    }

    /// <summary>The block-diagonal solve for each column: XᵀX for β, each ratee with its cells in closed form, each rater alone.</summary>
    public void Precondition(double[] r, double[] z, int width)
    {
        var d = _d;
        var p = d.P;
        Array.Clear(z, 0, p * width);
        for (var i = 0; i < p; i++)
        {
            for (var j = 0; j < p; j++)
            {
                VectorMath.AddScaled(z.AsSpan(i * width, width), r.AsSpan(j * width, width), _xtxInverse[(i * p) + j]);
            }
        }

        var (cellOffset, rateeOffset, raterOffset) = Offsets;
        var cells = !double.IsPositiveInfinity(_lambdaCell);
        var ratees = !double.IsPositiveInfinity(_lambdaRatee);
        Span<double> rt = width <= 256 ? stackalloc double[width] : new double[width];
        for (var t = 0; t < d.Ratees; t++)
        {
            var zt = z.AsSpan((rateeOffset + t) * width, width);
            r.AsSpan((rateeOffset + t) * width, width).CopyTo(rt);
            if (cells)
            {
                for (var c = d.RateeCellStart[t]; c < d.RateeCellStart[t + 1]; c++)
                {
                    VectorMath.AddScaled(rt, r.AsSpan((cellOffset + c) * width, width), -_cellShare[c]);
                }
            }

            if (ratees)
            {
                Divide(rt, _rateePivot[t], zt);
            }
            else
            {
                zt.Clear();
            }

            for (var c = d.RateeCellStart[t]; cells && c < d.RateeCellStart[t + 1]; c++)
            {
                var oc = (cellOffset + c) * width;
                CellSolve(r.AsSpan(oc, width), d.CellN[c], zt, 1 / (d.CellN[c] + _lambdaCell), z.AsSpan(oc, width));
            }
        }

        if (!cells)
        {
            Array.Clear(z, cellOffset * width, d.Cells * width);
        }

        if (double.IsPositiveInfinity(_lambdaRater))
        {
            Array.Clear(z, raterOffset * width, d.Raters * width);
            return;
        }

        for (var a = 0; a < d.Raters; a++)
        {
            var or = (raterOffset + a) * width;
            Scale(r.AsSpan(or, width), 1 / (d.RaterN[a] + _lambdaRater), z.AsSpan(or, width));
        }
    }

    /// <summary>into = x / s, element by element (SIMD, the same operation in every lane and in the scalar tail).</summary>
    private static void Divide(ReadOnlySpan<double> x, double s, Span<double> into)
    {
        var i = 0;
        for (; i < BlockConjugateGradients.VectorEnd(x.Length); i += BlockConjugateGradients.Lane)
        {
            (new Vector<double>(x[i..]) / s).CopyTo(into[i..]);
        }

        for (; i < x.Length; i++)
        {
            into[i] = x[i] / s;
        }
    }

    /// <summary>into = x · s, element by element.</summary>
    private static void Scale(ReadOnlySpan<double> x, double s, Span<double> into)
    {
        var i = 0;
        for (; i < BlockConjugateGradients.VectorEnd(x.Length); i += BlockConjugateGradients.Lane)
        {
            (new Vector<double>(x[i..]) * s).CopyTo(into[i..]);
        }

        for (; i < x.Length; i++)
        {
            into[i] = x[i] * s;
        }
    }

    /// <summary>A cell's solve given its ratee's: into = (r − n·zt) · s, element by element.</summary>
    private static void CellSolve(ReadOnlySpan<double> r, double n, ReadOnlySpan<double> zt, double s, Span<double> into)
    {
        var i = 0;
        for (; i < BlockConjugateGradients.VectorEnd(r.Length); i += BlockConjugateGradients.Lane)
        {
            ((new Vector<double>(r[i..]) - (n * new Vector<double>(zt[i..]))) * s).CopyTo(into[i..]);
        }

        for (; i < r.Length; i++)
        {
            into[i] = (r[i] - (n * zt[i])) * s;
        }
    }

    /// <summary>Zeroes the rows of absent terms (variance 0), so their effects stay 0.</summary>
    private void Mask(double[] v, int width)
    {
        var d = _d;
        var (cellOffset, rateeOffset, raterOffset) = Offsets;
        if (double.IsPositiveInfinity(_lambdaCell))
        {
            Array.Clear(v, cellOffset * width, d.Cells * width);
        }

        if (double.IsPositiveInfinity(_lambdaRatee))
        {
            Array.Clear(v, rateeOffset * width, d.Ratees * width);
        }

        if (double.IsPositiveInfinity(_lambdaRater))
        {
            Array.Clear(v, raterOffset * width, d.Raters * width);
        }
    }

    /// <summary>Stores the columns side by side; a null column is 0.</summary>
    private void Interleave(double[]?[] columns, double[] into, int width)
    {
        for (var k = 0; k < width; k++)
        {
            var column = columns[k];
            for (var u = 0; u < _n; u++)
            {
                into[(u * width) + k] = column?[u] ?? 0;
            }
        }
    }

    /// <summary>The most columns a group carries: whole SIMD vectors, at most MaxGroupWidth, narrower where the work space would pass GroupWorkBytes.</summary>
    private static int WidestGroup(long unknowns) => (int)Math.Clamp(GroupWorkBytes / (5L * 8 * Math.Max(1, unknowns)) / BlockConjugateGradients.Lane * BlockConjugateGradients.Lane, BlockConjugateGradients.Lane, MaxGroupWidth);

    /// <summary>The five work vectors of a group, sized for the widest group, one set per thread that asks.</summary>
    /// <param name="unknowns">The unknowns of the systems it serves.</param>
    internal sealed class Workspace(long unknowns)
    {
        private readonly System.Collections.Concurrent.ConcurrentBag<double[][]> _sets = [];

        /// <summary>Gets the length of each vector.</summary>
        public long Length { get; } = unknowns * WidestGroup(unknowns);

        public double[][] Take() =>
            _sets.TryTake(out var set) ? set : [.. Enumerable.Range(0, 5).Select(_ => new double[Length])];

        public void Return(double[][] set) => _sets.Add(set);
    }

    private static double Ratio(double residual, double variance) => variance > 0 ? residual / variance : double.PositiveInfinity;
}
