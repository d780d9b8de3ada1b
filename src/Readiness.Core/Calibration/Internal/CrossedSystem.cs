using System.Diagnostics;
using static Readiness.Internal.VectorMath;

namespace Readiness.Calibration.Internal;

/// <summary>
/// The penalised least-squares system of the crossed model for given relative standard deviations θ = (θ_cell, θ_ratee,
/// θ_rater), solved by block elimination: cells (a diagonal block), then ratees (diagonal once cells are eliminated), then
/// a sparse Cholesky of what remains (raters, coupled where they rated a common person, and the fixed effects).
/// </summary>
/// <remarks>
/// <para>
/// Follows lme4's formulation (Bates, Mächler, Bolker and Walker 2015, J. Stat. Softw. 67(1), section 3): with
/// Λ = diag(θ), the matrix A = [ΛZᵀZΛ + I, ΛZᵀX; XᵀZΛ, XᵀX] = LLᵀ gives the profiled REML criterion
/// d(θ) = log|A| + (n − p)(1 + log(2π r²(θ)/(n − p))), where r² is the penalised residual sum of squares.
/// </para>
/// <para>
/// The rater block's structure does not depend on θ, so it is analysed once (<see cref="SparseCholesky"/>) and only the
/// numbers are refactored per evaluation. Each ratee's eliminations — its cells, summed by cell size in advance
/// (<see cref="CellGroups"/>), then the ratee itself — are gathered in a small dense block over that ratee's raters and
/// added into the factor storage through precomputed indices. Reuses its buffers between evaluations; one instance serves
/// one fit on one thread (<see cref="WithOwnWorkspace"/> makes another for another thread).
/// </para>
/// </remarks>
internal sealed class CrossedSystem
{
    private readonly CrossedDesign _d;
    private readonly SparseCholesky _factor;
    private readonly int[] _pairStart;
    private readonly int[] _pairIndex;
    private readonly int[] _fixedIndex;
    private readonly double[] _rhs;
    private readonly double[] _rateePivot;
    private readonly double[] _rateeRhs;
    private readonly double[] _rateeRaterCoupling;
    private readonly double[] _rateeFixedCoupling;
    private readonly int[] _position;
    private readonly int[] _tailStart;
    private readonly double[] _fixedBlock;
    private readonly double[] _pairBuffer;
    private readonly CellGroups _groups;
    private readonly double[] _scaleBySize;
    private double[] _theta = [0, 0, 0];
    private double? _criterion;

    private CrossedSystem(CrossedDesign design, SparseCholesky factor)
    {
        _d = design;
        var p = design.P;
        var raters = design.Raters;
        _factor = factor;

        // Where each (rater k, rater l ≤ k) pair of each ratee's panel lives in the factor storage.
        _pairStart = new int[design.Ratees + 1];
        for (var t = 0; t < design.Ratees; t++)
        {
            var k = design.RateeRaterStart[t + 1] - design.RateeRaterStart[t];
            _pairStart[t + 1] = _pairStart[t] + (k * (k + 1) / 2);
        }

        _pairIndex = new int[_pairStart[design.Ratees]];
        for (var t = 0; t < design.Ratees; t++)
        {
            var rs = design.RateeRaterStart[t];
            var slot = _pairStart[t];
            for (var k = rs; k < design.RateeRaterStart[t + 1]; k++)
            {
                for (var l = rs; l <= k; l++)
                {
                    _pairIndex[slot++] = _factor.IndexOf(design.RateeRaterIndex[k], design.RateeRaterIndex[l]);
                }
            }
        }

        _fixedIndex = new int[p * p];
        for (var j = 0; j < p; j++)
        {
            for (var k = 0; k <= j; k++)
            {
                _fixedIndex[(j * p) + k] = _fixedIndex[(k * p) + j] = _factor.IndexOf(raters + j, raters + k);
            }
        }

        _tailStart = new int[raters];
        for (var r = 0; r < raters; r++)
        {
            _tailStart[r] = _factor.TailIndex(r, raters);
        }

        _rhs = new double[raters + p];
        _rateePivot = new double[design.Ratees];
        _rateeRhs = new double[design.Ratees];
        _rateeRaterCoupling = new double[design.RateeRaterIndex.Length];
        _rateeFixedCoupling = new double[design.Ratees * p];
        _position = new int[raters];
        _fixedBlock = new double[p * p];
        _pairBuffer = new double[MaxPairs()];
        _groups = new CellGroups(design);
        _scaleBySize = new double[_groups.CellsOfSize.Length];
    }

    /// <summary>Copies the structure (shared, read-only) and allocates fresh work space: a system for another thread.</summary>
    private CrossedSystem(CrossedSystem structure)
    {
        _d = structure._d;
        _factor = structure._factor.WithSameStructure();
        _pairStart = structure._pairStart;
        _pairIndex = structure._pairIndex;
        _fixedIndex = structure._fixedIndex;
        _tailStart = structure._tailStart;
        _rhs = new double[structure._rhs.Length];
        _rateePivot = new double[structure._rateePivot.Length];
        _rateeRhs = new double[structure._rateeRhs.Length];
        _rateeRaterCoupling = new double[structure._rateeRaterCoupling.Length];
        _rateeFixedCoupling = new double[structure._rateeFixedCoupling.Length];
        _position = new int[structure._position.Length];
        _fixedBlock = new double[structure._fixedBlock.Length];
        _pairBuffer = new double[structure._pairBuffer.Length];
        _groups = structure._groups;
        _scaleBySize = new double[structure._scaleBySize.Length];
    }

    /// <summary>Gets the factor of the raters' block: its size and operation count feed the cost model.</summary>
    public SparseCholesky RaterFactor => _factor;

    public double PenalisedRss { get; private set; }

    public double LogDeterminant { get; private set; }

    public int DegreesOfFreedom => _d.N - _d.P;

    /// <summary>
    /// Analyses the design; null when the rater block's factor would hold more than <paramref name="maxFactorEntries"/>
    /// entries. Where <paramref name="joinsPrevious"/> says ratee t is another unit of ratee t − 1's person, the two units'
    /// raters are analysed as one panel, so that the factor's pattern holds every pair the units' covariance reads
    /// (<see cref="PredictionVariances"/>); the pairs that adds are structural zeros of the matrix.
    /// </summary>
    public static CrossedSystem? TryCreate(CrossedDesign design, long maxFactorEntries, Func<int, bool>? joinsPrevious = null)
    {
        var (start, nodes) = joinsPrevious is null ? (design.RateeRaterStart, design.RateeRaterIndex) : PersonPanels(design, joinsPrevious);
        var factor = SparseCholesky.TryAnalyse(design.Raters, design.P, start, nodes, maxFactorEntries);
        return factor is null ? null : new CrossedSystem(design, factor);
    }

    /// <summary>Each person's raters: the panels of the units that join the one before them merged into it.</summary>
    private static (int[] Start, int[] Nodes) PersonPanels(CrossedDesign d, Func<int, bool> joinsPrevious)
    {
        var start = new List<int> { 0 };
        var nodes = new List<int>(d.RateeRaterIndex.Length);
        var panel = new SortedSet<int>();
        for (var t = 0; t < d.Ratees; t++)
        {
            if (t > 0 && !joinsPrevious(t))
            {
                nodes.AddRange(panel);
                start.Add(nodes.Count);
                panel.Clear();
            }

            for (var k = d.RateeRaterStart[t]; k < d.RateeRaterStart[t + 1]; k++)
            {
                panel.Add(d.RateeRaterIndex[k]);
            }
        }

        nodes.AddRange(panel);
        start.Add(nodes.Count);
        return ([.. start], [.. nodes]);
    }

    /// <summary>A system over the same design and structure with its own work space, so criteria can be evaluated in parallel.</summary>
    public CrossedSystem WithOwnWorkspace() => new(this);

    /// <summary>Factors the system for θ and returns the REML criterion; +∞ when the fixed part is rank deficient.</summary>
    public double Criterion(ReadOnlySpan<double> theta)
    {
        double[] next = [Math.Abs(theta[0]), Math.Abs(theta[1]), Math.Abs(theta[2])];
        if (_criterion is { } last && next.AsSpan().SequenceEqual(_theta))
        {
            // The optimum is usually the point last evaluated: its factor is still here.
            return last;
        }

        _theta = next;
        _criterion = null;
        if (!Factor())
        {
            return double.PositiveInfinity;
        }

        var n = DegreesOfFreedom;
        _criterion = LogDeterminant + (n * (1 + Math.Log(2 * Math.PI * PenalisedRss / n)));
        return _criterion.Value;
    }

    /// <summary>The solution of the last factored system: β and the random effects on the scale of y (b = θ u).</summary>
    public (double[] Beta, double[] Cell, double[] Ratee, double[] Rater) Solve()
    {
        var d = _d;
        var (t1, t2, t3) = (_theta[0], _theta[1], _theta[2]);
        var x = _factor.Solve(_rhs);
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
                var uc = (t1 * d.CellY[c]) - (t1 * t2 * d.CellN[c] * ut);
                for (var k = d.CellRaterStart[c]; k < d.CellRaterStart[c + 1]; k++)
                {
                    uc -= t1 * t3 * d.CellRaterCount[k] * x[d.CellRaterIndex[k]];
                }

                for (var j = 0; j < d.P; j++)
                {
                    uc -= t1 * d.CellX[(c * d.P) + j] * beta[j];
                }

                cell[c] = t1 * (uc / ((t1 * t1 * d.CellN[c]) + 1));
            }
        }

        return (beta, cell, ratee, rater);
    }

    /// <summary>
    /// Prediction-error variances (in units of σ²) from the entries of the inverse of the last factored system on the
    /// factor's pattern: for each cell of the combination reference'β + b_ratee + w_cell, for each rater of a_rater, the
    /// covariance of β, and the covariances of each ratee's cells with one another (packed as <see cref="CellPairStarts"/> says).
    /// </summary>
    /// <remarks>
    /// Uses the block-elimination identity hᵀA⁻¹h = h₁²/d₁ + (g − v h₁/d₁)ᵀ S⁻¹ (g − v h₁/d₁) twice (cells, then ratees),
    /// so only the remainder's inverse is needed, and only between a ratee's raters and the fixed effects — entries the
    /// factor's pattern holds. Where <paramref name="joinsPrevious"/> says ratee t is another unit of ratee t − 1's person
    /// (one per competency domain), the covariances of t − 1's cells with t's are added to <c>UnitPairs</c> (row by row,
    /// as <see cref="UnitPairStarts"/> says): the two units share no eliminated block, so each is vᵀ S⁻¹ v' alone — the
    /// shared raters' and fixed effects' uncertainty, which moves both domains' estimates together.
    /// </remarks>
    public (double[] Cell, double[] Rater, double[] BetaCovariance, double[] CellPairs, double[] UnitPairs) PredictionVariances(
        Func<int, double[]> referenceRow, int workers = 1, Func<int, bool>? joinsPrevious = null)
    {
        var d = _d;
        var p = d.P;
        var (t1, t2, t3) = (_theta[0], _theta[1], _theta[2]);
        var inverse = _factor.SelectedInverse(workers);
        var rater = new double[d.Raters];
        for (var r = 0; r < d.Raters; r++)
        {
            rater[r] = t3 * t3 * inverse[_factor.DiagonalIndex(r)];
        }

        var betaCovariance = new double[p * p];
        for (var j = 0; j < p * p; j++)
        {
            betaCovariance[j] = inverse[_fixedIndex[j]];
        }

        var cell = new double[d.Cells];
        Array.Fill(_position, -1);
        var widest = 0;
        for (var t = 0; t < d.Ratees; t++)
        {
            widest = Math.Max(widest, d.RateeRaterStart[t + 1] - d.RateeRaterStart[t] + p);
        }

        // A ratee's cells share its pivot and remainder block, so the covariance of two of its cells is the same identity
        // with two vectors: g g'/D + vᵀ S⁻¹ v' (the cells' own pivots are independent).
        var mostCells = 0;
        for (var t = 0; t < d.Ratees; t++)
        {
            mostCells = Math.Max(mostCells, d.RateeCellStart[t + 1] - d.RateeCellStart[t]);
        }

        var pairStart = CellPairStarts(d);
        var pairs = new double[pairStart[d.Ratees]];
        var unitStart = UnitPairStarts(d, joinsPrevious);
        var unitPairs = new double[unitStart[d.Ratees]];
        var vectors = new double[mostCells * widest];
        var previous = new double[unitPairs.Length > 0 ? mostCells * widest : 0];
        var (crossBlock, crossProduct) = (new double[unitPairs.Length > 0 ? widest * widest : 0], new double[unitPairs.Length > 0 ? widest : 0]);
        var products = new double[mostCells * widest];
        var rateeParts = new double[mostCells];
        var block = new double[widest * widest];
        for (var t = 0; t < d.Ratees; t++)
        {
            var rs = d.RateeRaterStart[t];
            var re = d.RateeRaterStart[t + 1];
            var count = re - rs + p;
            LocalInverse(t, inverse, block, count);
            for (var k = rs; k < re; k++)
            {
                _position[d.RateeRaterIndex[k]] = k - rs;
            }

            var firstCell = d.RateeCellStart[t];
            var pair = pairStart[t];
            for (var c = firstCell; c < d.RateeCellStart[t + 1]; c++)
            {
                var vector = vectors.AsSpan((c - firstCell) * count, count);
                var product = products.AsSpan((c - firstCell) * count, count);
                var dc = (t1 * t1 * d.CellN[c]) + 1;
                var a = t1 * t2 * d.CellN[c];
                var reference = referenceRow(d.CellCompetency[c]);

                // g − v h₁/d₁ with h₁ = θ₁ (the cell), g = (θ₂ at the ratee, reference at β).
                var gt = t2 - (a * t1 / dc);
                vector.Clear();
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
                    product[i] = Dot(block.AsSpan(i * count, count), vector);
                    quadratic += vector[i] * product[i];
                }

                cell[c] = (t1 * t1 / dc) + (gt * gt / _rateePivot[t]) + quadratic;
                rateeParts[c - firstCell] = gt;
                for (var earlier = firstCell; earlier < c; earlier++)
                {
                    pairs[pair++] = (gt * rateeParts[earlier - firstCell] / _rateePivot[t]) + Dot(product, vectors.AsSpan((earlier - firstCell) * count, count));
                }
            }

            for (var k = rs; k < re; k++)
            {
                _position[d.RateeRaterIndex[k]] = -1;
            }

            if (unitStart[t + 1] > unitStart[t])
            {
                UnitCovariances(t, inverse, previous, vectors, crossBlock, crossProduct, unitPairs.AsSpan(unitStart[t], unitStart[t + 1] - unitStart[t]));
            }

            if (previous.Length > 0)
            {
                // Keep this ratee's vectors for the next, which may be the same person's other unit.
                (previous, vectors) = (vectors, previous);
            }
        }

        return (cell, rater, betaCovariance, pairs, unitPairs);
    }

    /// <summary>Where each ratee's covariances with the previous ratee's cells start (m_{t−1}·m_t of them when it joins it, else none).</summary>
    public static int[] UnitPairStarts(CrossedDesign d, Func<int, bool>? joinsPrevious)
    {
        var starts = new int[d.Ratees + 1];
        for (var t = 0; t < d.Ratees; t++)
        {
            var joins = t > 0 && joinsPrevious is not null && joinsPrevious(t);
            starts[t + 1] = starts[t] + (joins ? (d.RateeCellStart[t] - d.RateeCellStart[t - 1]) * (d.RateeCellStart[t + 1] - d.RateeCellStart[t]) : 0);
        }

        return starts;
    }

    /// <summary>
    /// vᵀ S⁻¹ v' for every cell of ratee t − 1 (its vectors in <paramref name="before"/>, over its raters then β) and every
    /// cell of ratee t (in <paramref name="vectors"/>), row by row into <paramref name="into"/> (<paramref name="cross"/> and <paramref name="product"/> are work space): S⁻¹ between the two panels
    /// from the selected inverse, whose pattern holds every pair of a person's raters (<see cref="TryCreate"/>).
    /// </summary>
    private void UnitCovariances(int t, double[] inverse, double[] before, double[] vectors, double[] cross, double[] product, Span<double> into)
    {
        var d = _d;
        var p = d.P;
        var (ps, pe, rs, re) = (d.RateeRaterStart[t - 1], d.RateeRaterStart[t], d.RateeRaterStart[t], d.RateeRaterStart[t + 1]);
        var (countBefore, count) = (pe - ps + p, re - rs + p);
        var (cellsBefore, cells) = (d.RateeCellStart[t] - d.RateeCellStart[t - 1], d.RateeCellStart[t + 1] - d.RateeCellStart[t]);
        int Global(int start, int raters, int i) => i < raters ? d.RateeRaterIndex[start + i] : d.Raters + i - raters;

        for (var i = 0; i < countBefore; i++)
        {
            for (var j = 0; j < count; j++)
            {
                var (a, b) = (Global(ps, pe - ps, i), Global(rs, re - rs, j));
                var index = a < d.Raters && b < d.Raters ? _factor.IndexOf(a, b)
                    : a < d.Raters ? _tailStart[a] + b - d.Raters
                    : b < d.Raters ? _tailStart[b] + a - d.Raters
                    : _fixedIndex[((a - d.Raters) * p) + b - d.Raters];
                Debug.Assert(index >= 0, "A person's raters meet in the factor's pattern: the analysis merged their units' panels.");
                cross[(i * count) + j] = inverse[index];
            }
        }

        for (var c = 0; c < cells; c++)
        {
            var vector = vectors.AsSpan(c * count, count);
            for (var i = 0; i < countBefore; i++)
            {
                product[i] = Dot(cross.AsSpan(i * count, count), vector);
            }

            for (var b = 0; b < cellsBefore; b++)
            {
                into[(b * cells) + c] = Dot(product.AsSpan(0, countBefore), before.AsSpan(b * countBefore, countBefore));
            }
        }
    }

    /// <summary>Where each ratee's cell pairs start in a packed array of them: ratee t's m cells have m(m − 1)/2 pairs, (1,0), (2,0), (2,1), ….</summary>
    public static int[] CellPairStarts(CrossedDesign d)
    {
        var starts = new int[d.Ratees + 1];
        for (var t = 0; t < d.Ratees; t++)
        {
            var m = d.RateeCellStart[t + 1] - d.RateeCellStart[t];
            starts[t + 1] = starts[t] + (m * (m - 1) / 2);
        }

        return starts;
    }

    /// <summary>The inverse restricted to ratee t's raters and the fixed effects, as a dense count × count block.</summary>
    private void LocalInverse(int t, double[] inverse, double[] block, int count)
    {
        var d = _d;
        var p = d.P;
        var rs = d.RateeRaterStart[t];
        var k = d.RateeRaterStart[t + 1] - rs;
        var slot = _pairStart[t];
        for (var i = 0; i < k; i++)
        {
            for (var l = 0; l <= i; l++)
            {
                block[(i * count) + l] = block[(l * count) + i] = inverse[_pairIndex[slot++]];
            }

            var r = d.RateeRaterIndex[rs + i];
            for (var j = 0; j < p; j++)
            {
                block[(i * count) + k + j] = block[((k + j) * count) + i] = inverse[_tailStart[r] + j];
            }
        }

        for (var j = 0; j < p; j++)
        {
            for (var l = 0; l < p; l++)
            {
                block[((k + j) * count) + k + l] = inverse[_fixedIndex[(j * p) + l]];
            }
        }
    }

    private bool Factor()
    {
        var d = _d;
        var p = d.P;
        var raters = d.Raters;
        var (t1, t2, t3) = (_theta[0], _theta[1], _theta[2]);
        var a = _factor.Values;
        a.Clear();
        var fixedBlock = _fixedBlock;
        Array.Copy(d.XtX, fixedBlock, p * p);
        for (var r = 0; r < raters; r++)
        {
            a[_factor.DiagonalIndex(r)] = (t3 * t3 * d.RaterN[r]) + 1;
            _rhs[r] = t3 * d.RaterY[r];
            for (var j = 0; j < p; j++)
            {
                a[_tailStart[r] + j] = t3 * d.RaterX[(r * p) + j];
            }
        }

        for (var j = 0; j < p; j++)
        {
            _rhs[raters + j] = d.Xty[j];
        }

        // Cells: every update divides by the cell's pivot dc = θ₁² n + 1, which depends only on the cell's size n, so the
        // cells' sums were grouped by size when the system was built (per ratee, and over all cells for the fixed part).
        var g = _groups;
        var logDet = 0.0;
        var quadratic = 0.0;
        var scaleBySize = _scaleBySize;
        for (var size = 0; size < scaleBySize.Length; size++)
        {
            var dc = (t1 * t1 * size) + 1;
            scaleBySize[size] = t1 * t1 / dc;
            logDet += g.CellsOfSize[size] * Math.Log(dc);
            quadratic += scaleBySize[size] * g.YSquaredOfSize[size];
            if (t1 != 0 && g.CellsOfSize[size] > 0)
            {
                AddScaled(_rhs.AsSpan(raters, p), g.XyOfSize.AsSpan(size * p, p), -scaleBySize[size]);
                AddScaled(fixedBlock, g.XxOfSize.AsSpan(size * p * p, p * p), -scaleBySize[size]);
            }
        }

        var pairs = _pairBuffer;
        for (var t = 0; t < d.Ratees; t++)
        {
            var rs = d.RateeRaterStart[t];
            var re = d.RateeRaterStart[t + 1];
            var k = re - rs;
            var wr = _rateeRaterCoupling.AsSpan(rs, k);
            var wf = _rateeFixedCoupling.AsSpan(t * p, p);
            var local = pairs.AsSpan(0, _pairStart[t + 1] - _pairStart[t]);
            local.Clear();
            for (var l = 0; l < k; l++)
            {
                wr[l] = t2 * t3 * d.RateeRaterCount[rs + l];
            }

            for (var j = 0; j < p; j++)
            {
                wf[j] = t2 * d.RateeX[(t * p) + j];
            }

            var pivot = (t2 * t2 * d.RateeN[t]) + 1;
            var rhsT = t2 * d.RateeY[t];
            for (var group = g.RateeStart[t]; t1 != 0 && group < g.RateeStart[t + 1]; group++)
            {
                var size = g.Size[group];
                var scale = scaleBySize[size];
                pivot -= g.Cells[group] * t2 * t2 * size * size * scale;
                rhsT -= t2 * size * scale * g.Y[group];
                var raterSums = g.RaterStart[group];
                AddScaled(wr, g.RaterCount.AsSpan(raterSums, k), -(t2 * t3 * size * scale));
                AddScaled(local, g.Pairs.AsSpan(g.PairStart[group], local.Length), -(t3 * t3 * scale));
                AddScaled(wf, g.X.AsSpan(group * p, p), -(t2 * size * scale));
                for (var l = 0; l < k; l++)
                {
                    var r = d.RateeRaterIndex[rs + l];
                    _rhs[r] -= t3 * scale * g.RaterY[raterSums + l];
                    AddScaled(a.Slice(_tailStart[r], p), g.RaterX.AsSpan((raterSums + l) * p, p), -(t3 * scale));
                }
            }

            _rateePivot[t] = pivot;
            _rateeRhs[t] = rhsT;
            logDet += Math.Log(pivot);
            quadratic += rhsT * rhsT / pivot;
            for (var l = 0; l < k; l++)
            {
                var r = d.RateeRaterIndex[rs + l];
                var scaled = wr[l] / pivot;
                _rhs[r] -= scaled * rhsT;
                AddScaled(local.Slice(l * (l + 1) / 2, l + 1), wr[..(l + 1)], -scaled);
                AddScaled(a.Slice(_tailStart[r], p), wf, -scaled);
            }

            var slot = _pairStart[t];
            foreach (var value in local)
            {
                a[_pairIndex[slot++]] += value;
            }

            for (var j = 0; j < p; j++)
            {
                var scaled = wf[j] / pivot;
                _rhs[raters + j] -= scaled * rhsT;
                AddScaled(fixedBlock.AsSpan(j * p, j + 1), wf[..(j + 1)], -scaled);
            }
        }

        for (var j = 0; j < p; j++)
        {
            for (var k = 0; k <= j; k++)
            {
                a[_fixedIndex[(j * p) + k]] = fixedBlock[(j * p) + k];
            }
        }

        if (!_factor.TryFactor())
        {
            return false;
        }

        logDet += _factor.LogDeterminant();
        var z = _factor.ForwardSolve(_rhs);
        quadratic += Dot(z, z);
        LogDeterminant = logDet;
        PenalisedRss = Math.Max(d.YtY - quadratic, double.Epsilon);
        return true;
    }

    private int MaxPairs()
    {
        var most = 0;
        for (var t = 0; t + 1 < _pairStart.Length; t++)
        {
            most = Math.Max(most, _pairStart[t + 1] - _pairStart[t]);
        }

        return most;
    }
}
