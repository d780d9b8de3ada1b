namespace Readiness.Calibration.Internal;

/// <summary>
/// Solves the mixed-model equations of the crossed model for given variance components by preconditioned conjugate
/// gradients, in O(N) per iteration and O(cells + ratees + raters) memory: the scalable path's BLUPs and the covariance of
/// its fixed effects.
/// </summary>
/// <remarks>
/// <para>
/// The system is Henderson's: [XᵀX, XᵀZ; ZᵀX, ZᵀZ + Λ] [β; u] = [Xᵀy; Zᵀy], with Λ = σ²_e G⁻¹ (one ratio per random term),
/// symmetric positive definite. The preconditioner is its block diagonal — XᵀX (Cholesky), each ratee together with its
/// ratee × competency cells (solved in closed form: cells nest within ratees), and each rater — the blocks backfitting
/// updates one after another (Ghosh, Hastie and Owen 2022). Conjugate gradients combine those block solves optimally
/// instead of cycling through them, which on simulated organisations cuts hundreds of backfitting sweeps to tens of
/// iterations.
/// </para>
/// <para>
/// A term whose variance is 0 is absent: its effects stay 0. Deterministic: every sum runs in row order. One instance
/// serves one fit on one thread.
/// </para>
/// </remarks>
internal sealed class CrossedIterativeSolver
{
    private readonly CrossedDesign _d;
    private readonly double _lambdaCell;
    private readonly double _lambdaRatee;
    private readonly double _lambdaRater;
    private readonly MathNet.Numerics.LinearAlgebra.Factorization.Cholesky<double> _xtx;
    private readonly int _n;

    public CrossedIterativeSolver(CrossedDesign design, (double Cell, double Ratee, double Rater, double Residual) variance)
    {
        _d = design;
        _lambdaCell = Ratio(variance.Residual, variance.Cell);
        _lambdaRatee = Ratio(variance.Residual, variance.Ratee);
        _lambdaRater = Ratio(variance.Residual, variance.Rater);
        _xtx = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(design.P, design.P, (i, j) => design.XtX[(i * design.P) + j]).Cholesky();
        _n = design.P + design.Cells + design.Ratees + design.Raters;
    }

    /// <summary>Gets the number of unknowns: β, then cells, ratees and raters.</summary>
    public int Unknowns => _n;

    /// <summary>The right-hand side [Xᵀy; Zᵀy] of the BLUP equations.</summary>
    public double[] Rhs()
    {
        var d = _d;
        var b = new double[_n];
        for (var i = 0; i < d.N; i++)
        {
            Scatter(b, i, d.Y[i]);
        }

        Mask(b);
        return b;
    }

    /// <summary>Solves A x = b to ‖r‖ ≤ tolerance ‖b‖; returns x, the iterations used and whether the tolerance was met.</summary>
    public (double[] X, int Iterations, bool Converged) Solve(double[] b, double tolerance, int maxIterations, Action<int, double>? onIteration, CancellationToken cancellationToken)
    {
        var x = new double[_n];
        var r = (double[])b.Clone();
        var z = new double[_n];
        Precondition(r, z);
        var p = (double[])z.Clone();
        var q = new double[_n];
        var rz = Dot(r, z);
        var target = tolerance * Math.Sqrt(Dot(b, b));
        if (target == 0)
        {
            return (x, 0, true);
        }

        for (var k = 1; k <= maxIterations; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Multiply(p, q);
            var alpha = rz / Dot(p, q);
            for (var i = 0; i < _n; i++)
            {
                x[i] += alpha * p[i];
                r[i] -= alpha * q[i];
            }

            var residual = Math.Sqrt(Dot(r, r));
            onIteration?.Invoke(k, residual / (target / tolerance));
            if (residual <= target)
            {
                return (x, k, true);
            }

            Precondition(r, z);
            var rzNext = Dot(r, z);
            var beta = rzNext / rz;
            rz = rzNext;
            for (var i = 0; i < _n; i++)
            {
                p[i] = z[i] + (beta * p[i]);
            }
        }

        return (x, maxIterations, false);
    }

    /// <summary>Splits a solution into β, cells, ratees and raters.</summary>
    public (double[] Beta, double[] Cell, double[] Ratee, double[] Rater) Split(double[] x)
    {
        var d = _d;
        var cell = d.P;
        var ratee = cell + d.Cells;
        var rater = ratee + d.Ratees;
        return (x[..cell], x[cell..ratee], x[ratee..rater], x[rater..]);
    }

    /// <summary>q = A p: one pass over the ratings (fitted values, then their sums by fixed column, cell, ratee and rater).</summary>
    private void Multiply(double[] p, double[] q)
    {
        var d = _d;
        Array.Clear(q);
        var (cellOffset, rateeOffset, raterOffset) = (d.P, d.P + d.Cells, d.P + d.Cells + d.Ratees);
        var competencyColumn = d.RowCompetencyColumn;
        var sourceColumn = d.RowSourceColumn;
        var rowCell = d.RowCell;
        var rowRater = d.RowRater;
        var cellRatee = d.CellRatee;

        // Written out rather than through FixedPart/RowColumns: this loop is the whole cost of an iteration.
        var intercept = 0.0;
        for (var i = 0; i < d.N; i++)
        {
            var c = rowCell[i];
            var t = rateeOffset + cellRatee[c];
            var r = raterOffset + rowRater[i];
            var cc = competencyColumn[i];
            var sc = sourceColumn[i];
            var fitted = p[0] + (cc >= 0 ? p[cc] : 0) + (sc >= 0 ? p[sc] : 0) + p[cellOffset + c] + p[t] + p[r];
            intercept += fitted;
            if (cc >= 0)
            {
                q[cc] += fitted;
            }

            if (sc >= 0)
            {
                q[sc] += fitted;
            }

            q[cellOffset + c] += fitted;
            q[t] += fitted;
            q[r] += fitted;
        }

        q[0] += intercept;

        for (var c = 0; c < d.Cells; c++)
        {
            q[cellOffset + c] += Penalty(_lambdaCell) * p[cellOffset + c];
        }

        for (var t = 0; t < d.Ratees; t++)
        {
            q[rateeOffset + t] += Penalty(_lambdaRatee) * p[rateeOffset + t];
        }

        for (var r = 0; r < d.Raters; r++)
        {
            q[raterOffset + r] += Penalty(_lambdaRater) * p[raterOffset + r];
        }

        Mask(q);
    }

    /// <summary>Adds one rating's value to the rows of A (or Aᵀ) it touches: its fixed columns, cell, ratee and rater.</summary>
    private void Scatter(double[] into, int i, double value)
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

    /// <summary>The block-diagonal solve: XᵀX for β, each ratee with its cells in closed form, each rater alone.</summary>
    private void Precondition(double[] r, double[] z)
    {
        var d = _d;
        Array.Clear(z);
        var beta = _xtx.Solve(MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(r[..d.P]));
        for (var j = 0; j < d.P; j++)
        {
            z[j] = beta[j];
        }

        var (cellOffset, rateeOffset, raterOffset) = (d.P, d.P + d.Cells, d.P + d.Cells + d.Ratees);
        var cells = !double.IsPositiveInfinity(_lambdaCell);
        var ratees = !double.IsPositiveInfinity(_lambdaRatee);
        for (var t = 0; t < d.Ratees; t++)
        {
            var rt = r[rateeOffset + t];
            var pivot = d.RateeN[t] + _lambdaRatee;
            if (cells)
            {
                for (var c = d.RateeCellStart[t]; c < d.RateeCellStart[t + 1]; c++)
                {
                    var nc = d.CellN[c];
                    rt -= nc * r[cellOffset + c] / (nc + _lambdaCell);
                    pivot -= nc * nc / (nc + _lambdaCell);
                }
            }

            var zt = ratees ? rt / pivot : 0;
            z[rateeOffset + t] = zt;
            if (cells)
            {
                for (var c = d.RateeCellStart[t]; c < d.RateeCellStart[t + 1]; c++)
                {
                    z[cellOffset + c] = (r[cellOffset + c] - (d.CellN[c] * zt)) / (d.CellN[c] + _lambdaCell);
                }
            }
        }

        if (!double.IsPositiveInfinity(_lambdaRater))
        {
            for (var k = 0; k < d.Raters; k++)
            {
                z[raterOffset + k] = r[raterOffset + k] / (d.RaterN[k] + _lambdaRater);
            }
        }
    }

    /// <summary>Zeroes the rows of absent terms (variance 0), so their effects stay 0.</summary>
    private void Mask(double[] v)
    {
        var d = _d;
        if (double.IsPositiveInfinity(_lambdaCell))
        {
            Array.Clear(v, d.P, d.Cells);
        }

        if (double.IsPositiveInfinity(_lambdaRatee))
        {
            Array.Clear(v, d.P + d.Cells, d.Ratees);
        }

        if (double.IsPositiveInfinity(_lambdaRater))
        {
            Array.Clear(v, d.P + d.Cells + d.Ratees, d.Raters);
        }
    }

    private static double Penalty(double lambda) => double.IsPositiveInfinity(lambda) ? 0 : lambda;

    private static double Ratio(double residual, double variance) => variance > 0 ? residual / variance : double.PositiveInfinity;

    private static double Dot(double[] x, double[] y)
    {
        var sum = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            sum += x[i] * y[i];
        }

        return sum;
    }
}
