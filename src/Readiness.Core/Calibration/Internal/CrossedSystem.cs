namespace Readiness.Calibration.Internal;

/// <summary>
/// The penalised least-squares system of the crossed model for given relative standard deviations θ = (θ_cell, θ_ratee,
/// θ_rater), solved by block elimination: cells (a diagonal block), then ratees (diagonal once cells are eliminated), then
/// a dense Cholesky of what remains (raters and the fixed effects).
/// </summary>
/// <remarks>
/// <para>
/// Follows lme4's formulation (Bates, Mächler, Bolker and Walker 2015, J. Stat. Softw. 67(1), section 3): with
/// Λ = diag(θ), the matrix A = [ΛZᵀZΛ + I, ΛZᵀX; XᵀZΛ, XᵀX] = LLᵀ gives the profiled REML criterion
/// d(θ) = log|A| + (n − p)(1 + log(2π r²(θ)/(n − p))), where r² is the penalised residual sum of squares.
/// </para>
/// <para>
/// Reuses its buffers between evaluations; one instance serves one fit on one thread.
/// </para>
/// </remarks>
internal sealed class CrossedSystem
{
    private readonly CrossedDesign _d;
    private readonly int _m;
    private readonly double[] _matrix;
    private readonly double[] _rhs;
    private readonly double[] _cellPivot;
    private readonly double[] _cellRhs;
    private readonly double[] _rateePivot;
    private readonly double[] _rateeRhs;
    private readonly double[] _rateeRaterCoupling;
    private readonly double[] _rateeFixedCoupling;
    private readonly int[] _position;
    private double[] _theta = [0, 0, 0];

    public CrossedSystem(CrossedDesign design)
    {
        _d = design;
        _m = design.Raters + design.P;
        _matrix = new double[_m * _m];
        _rhs = new double[_m];
        _cellPivot = new double[design.Cells];
        _cellRhs = new double[design.Cells];
        _rateePivot = new double[design.Ratees];
        _rateeRhs = new double[design.Ratees];
        _rateeRaterCoupling = new double[design.RateeRaterIndex.Length];
        _rateeFixedCoupling = new double[design.Ratees * design.P];
        _position = new int[design.Raters];
    }

    public double PenalisedRss { get; private set; }

    public double LogDeterminant { get; private set; }

    public int DegreesOfFreedom => _d.N - _d.P;

    /// <summary>Factors the system for θ and returns the REML criterion; +∞ when the fixed part is rank deficient.</summary>
    public double Criterion(ReadOnlySpan<double> theta)
    {
        _theta = [Math.Abs(theta[0]), Math.Abs(theta[1]), Math.Abs(theta[2])];
        if (!Factor())
        {
            return double.PositiveInfinity;
        }

        var n = DegreesOfFreedom;
        return LogDeterminant + (n * (1 + Math.Log(2 * Math.PI * PenalisedRss / n)));
    }

    /// <summary>The solution of the last factored system: β and the random effects on the scale of y (b = θ u).</summary>
    public (double[] Beta, double[] Cell, double[] Ratee, double[] Rater) Solve()
    {
        var d = _d;
        var (t1, t2, t3) = (_theta[0], _theta[1], _theta[2]);
        var x = (double[])_rhs.Clone();
        DenseCholesky.ForwardSolve(_matrix, _m, x);
        DenseCholesky.BackSolve(_matrix, _m, x);
        var beta = x[d.Raters..];
        var rater = new double[d.Raters];
        for (var r = 0; r < d.Raters; r++)
        {
            rater[r] = t3 * x[r];
        }

        var ratee = new double[d.Ratees];
        var cell = new double[d.Cells];
        for (var t = 0; t < d.Ratees; t++)
        {
            var value = _rateeRhs[t];
            for (var k = d.RateeRaterStart[t]; k < d.RateeRaterStart[t + 1]; k++)
            {
                value -= _rateeRaterCoupling[k] * x[d.RateeRaterIndex[k]];
            }

            for (var j = 0; j < d.P; j++)
            {
                value -= _rateeFixedCoupling[(t * d.P) + j] * beta[j];
            }

            var ut = value / _rateePivot[t];
            ratee[t] = t2 * ut;
            for (var c = d.RateeCellStart[t]; c < d.RateeCellStart[t + 1]; c++)
            {
                var uc = _cellRhs[c] - (t1 * t2 * d.CellN[c] * ut);
                for (var k = d.CellRaterStart[c]; k < d.CellRaterStart[c + 1]; k++)
                {
                    uc -= t1 * t3 * d.CellRaterCount[k] * x[d.CellRaterIndex[k]];
                }

                for (var j = 0; j < d.P; j++)
                {
                    uc -= t1 * d.CellX[(c * d.P) + j] * beta[j];
                }

                cell[c] = t1 * (uc / _cellPivot[c]);
            }
        }

        return (beta, cell, ratee, rater);
    }

    /// <summary>
    /// Prediction-error variances (in units of σ²) from the explicit inverse of the last factored system: for each cell
    /// of the combination reference'β + b_ratee + w_cell, for each rater of a_rater, and the covariance of β.
    /// </summary>
    /// <remarks>
    /// Uses the block-elimination identity hᵀA⁻¹h = h₁²/d₁ + (g − v h₁/d₁)ᵀ S⁻¹ (g − v h₁/d₁) twice (cells, then ratees),
    /// so only the dense remainder needs inverting.
    /// </remarks>
    public (double[] Cell, double[] Rater, double[] BetaCovariance) PredictionVariances(Func<int, double[]> referenceRow)
    {
        var d = _d;
        var p = d.P;
        var (t1, t2, t3) = (_theta[0], _theta[1], _theta[2]);
        var inverse = DenseCholesky.Inverse(_matrix, _m);
        var rater = new double[d.Raters];
        for (var r = 0; r < d.Raters; r++)
        {
            rater[r] = t3 * t3 * inverse[(r * _m) + r];
        }

        var betaCovariance = new double[p * p];
        for (var j = 0; j < p; j++)
        {
            for (var k = 0; k < p; k++)
            {
                betaCovariance[(j * p) + k] = inverse[((d.Raters + j) * _m) + d.Raters + k];
            }
        }

        var cell = new double[d.Cells];
        Array.Fill(_position, -1);
        var count = 0;
        var vector = new double[_m];
        var support = new int[_m];
        for (var t = 0; t < d.Ratees; t++)
        {
            var rs = d.RateeRaterStart[t];
            var re = d.RateeRaterStart[t + 1];
            count = 0;
            for (var k = rs; k < re; k++)
            {
                _position[d.RateeRaterIndex[k]] = count;
                support[count++] = d.RateeRaterIndex[k];
            }

            for (var j = 0; j < p; j++)
            {
                support[count++] = d.Raters + j;
            }

            for (var c = d.RateeCellStart[t]; c < d.RateeCellStart[t + 1]; c++)
            {
                var dc = _cellPivot[c];
                var a = t1 * t2 * d.CellN[c];
                var reference = referenceRow(d.CellCompetency[c]);

                // g − v h₁/d₁ with h₁ = θ₁ (the cell), g = (θ₂ at the ratee, reference at β).
                var gt = t2 - (a * t1 / dc);
                Array.Clear(vector, 0, count);
                for (var k = d.CellRaterStart[c]; k < d.CellRaterStart[c + 1]; k++)
                {
                    vector[_position[d.CellRaterIndex[k]]] -= t1 * t3 * d.CellRaterCount[k] * t1 / dc;
                }

                for (var j = 0; j < p; j++)
                {
                    vector[re - rs + j] = reference[j] - (t1 * d.CellX[(c * p) + j] * t1 / dc);
                }

                // Then m − w_t g_t / D_t.
                var scale = gt / _rateePivot[t];
                for (var k = rs; k < re; k++)
                {
                    vector[k - rs] -= _rateeRaterCoupling[k] * scale;
                }

                for (var j = 0; j < p; j++)
                {
                    vector[re - rs + j] -= _rateeFixedCoupling[(t * p) + j] * scale;
                }

                var quadratic = 0.0;
                for (var i = 0; i < count; i++)
                {
                    var row = support[i] * _m;
                    var sum = 0.0;
                    for (var k = 0; k < count; k++)
                    {
                        sum += inverse[row + support[k]] * vector[k];
                    }

                    quadratic += vector[i] * sum;
                }

                cell[c] = (t1 * t1 / dc) + (gt * gt / _rateePivot[t]) + quadratic;
            }

            for (var k = rs; k < re; k++)
            {
                _position[d.RateeRaterIndex[k]] = -1;
            }
        }

        return (cell, rater, betaCovariance);
    }

    private bool Factor()
    {
        var d = _d;
        var m = _m;
        var p = d.P;
        var rOffset = d.Raters;
        var (t1, t2, t3) = (_theta[0], _theta[1], _theta[2]);
        var a = _matrix.AsSpan();
        a.Clear();
        for (var r = 0; r < d.Raters; r++)
        {
            a[(r * m) + r] = (t3 * t3 * d.RaterN[r]) + 1;
            _rhs[r] = t3 * d.RaterY[r];
            for (var j = 0; j < p; j++)
            {
                a[((rOffset + j) * m) + r] = t3 * d.RaterX[(r * p) + j];
            }
        }

        for (var j = 0; j < p; j++)
        {
            _rhs[rOffset + j] = d.Xty[j];
            for (var k = 0; k <= j; k++)
            {
                a[((rOffset + j) * m) + rOffset + k] = d.XtX[(j * p) + k];
            }
        }

        var logDet = 0.0;
        var quadratic = 0.0;
        Array.Fill(_position, -1);
        Span<double> f = stackalloc double[p];
        for (var t = 0; t < d.Ratees; t++)
        {
            var rs = d.RateeRaterStart[t];
            var re = d.RateeRaterStart[t + 1];
            var wr = _rateeRaterCoupling.AsSpan(rs, re - rs);
            var wf = _rateeFixedCoupling.AsSpan(t * p, p);
            for (var k = rs; k < re; k++)
            {
                _position[d.RateeRaterIndex[k]] = k - rs;
                wr[k - rs] = t2 * t3 * d.RateeRaterCount[k];
            }

            for (var j = 0; j < p; j++)
            {
                wf[j] = t2 * d.RateeX[(t * p) + j];
            }

            var pivot = (t2 * t2 * d.RateeN[t]) + 1;
            var rhsT = t2 * d.RateeY[t];
            for (var c = d.RateeCellStart[t]; c < d.RateeCellStart[t + 1]; c++)
            {
                var dc = (t1 * t1 * d.CellN[c]) + 1;
                var ac = t1 * t2 * d.CellN[c];
                var rc = t1 * d.CellY[c];
                _cellPivot[c] = dc;
                _cellRhs[c] = rc;
                logDet += Math.Log(dc);
                quadratic += rc * rc / dc;
                pivot -= ac * ac / dc;
                rhsT -= ac * rc / dc;
                if (t1 == 0)
                {
                    continue;
                }

                for (var j = 0; j < p; j++)
                {
                    f[j] = t1 * d.CellX[(c * p) + j];
                }

                var cs = d.CellRaterStart[c];
                var ce = d.CellRaterStart[c + 1];
                for (var k = cs; k < ce; k++)
                {
                    var r = d.CellRaterIndex[k];
                    var b = t1 * t3 * d.CellRaterCount[k];
                    wr[_position[r]] -= ac * b / dc;
                    _rhs[r] -= b * rc / dc;
                    var row = r * m;
                    for (var l = cs; l <= k; l++)
                    {
                        a[row + d.CellRaterIndex[l]] -= b * t1 * t3 * d.CellRaterCount[l] / dc;
                    }

                    for (var j = 0; j < p; j++)
                    {
                        a[((rOffset + j) * m) + r] -= f[j] * b / dc;
                    }
                }

                for (var j = 0; j < p; j++)
                {
                    if (f[j] == 0)
                    {
                        continue;
                    }

                    wf[j] -= ac * f[j] / dc;
                    _rhs[rOffset + j] -= f[j] * rc / dc;
                    var row = (rOffset + j) * m;
                    for (var k = 0; k <= j; k++)
                    {
                        a[row + rOffset + k] -= f[j] * f[k] / dc;
                    }
                }
            }

            _rateePivot[t] = pivot;
            _rateeRhs[t] = rhsT;
            logDet += Math.Log(pivot);
            quadratic += rhsT * rhsT / pivot;
            for (var k = 0; k < wr.Length; k++)
            {
                var r = d.RateeRaterIndex[rs + k];
                var scaled = wr[k] / pivot;
                _rhs[r] -= scaled * rhsT;
                var row = r * m;
                for (var l = 0; l <= k; l++)
                {
                    a[row + d.RateeRaterIndex[rs + l]] -= scaled * wr[l];
                }
            }

            for (var j = 0; j < p; j++)
            {
                var scaled = wf[j] / pivot;
                _rhs[rOffset + j] -= scaled * rhsT;
                var row = (rOffset + j) * m;
                for (var k = 0; k < wr.Length; k++)
                {
                    a[row + d.RateeRaterIndex[rs + k]] -= scaled * wr[k];
                }

                for (var k = 0; k <= j; k++)
                {
                    a[row + rOffset + k] -= scaled * wf[k];
                }
            }

            for (var k = rs; k < re; k++)
            {
                _position[d.RateeRaterIndex[k]] = -1;
            }
        }

        if (!DenseCholesky.TryFactor(a, m))
        {
            return false;
        }

        logDet += DenseCholesky.LogDeterminant(a, m);
        var z = (double[])_rhs.Clone();
        DenseCholesky.ForwardSolve(a, m, z);
        quadratic += DenseCholesky.Dot(z, z);
        LogDeterminant = logDet;
        PenalisedRss = Math.Max(d.YtY - quadratic, double.Epsilon);
        return true;
    }
}
