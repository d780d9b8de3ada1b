namespace Readiness.Calibration.Internal;

/// <summary>
/// The penalised least-squares system of the longitudinal model for given relative covariance parameters
/// θ = (θ_cell, λ₁₁, λ₂₁, λ₂₂, θ_rater), factored by a sparse Cholesky of the whole mixed-model matrix.
/// </summary>
/// <remarks>
/// <para>
/// lme4's formulation (Bates, Mächler, Bolker and Walker 2015, J. Stat. Softw. 67(1), section 3): b = Λu with Λ block
/// diagonal — θ_cell for each ratee × competency cell, the lower-triangular Λ_b = [λ₁₁ 0; λ₂₁ λ₂₂] for each ratee's level and
/// growth, θ_rater for each rater — and A = [ΛᵀZᵀZΛ + I, ΛᵀZᵀX; XᵀZΛ, XᵀX] = LLᵀ gives the profiled REML criterion
/// d(θ) = log|A| + (n − p)(1 + log(2π r²(θ)/(n − p))). The covariance of a ratee's level and growth is σ²Λ_bΛ_bᵀ.
/// </para>
/// <para>
/// Every rating couples its cell, its ratee's level and growth and its rater, so the sparse part is a union of those
/// cliques and the fixed effects are the dense tail (<see cref="SparseCholesky"/> orders and factors it). ZᵀZ, ZᵀX and XᵀX
/// are summed once in factor storage; each evaluation only rescales them by Λ, which mixes a ratee's level column with its
/// growth column: (ΛᵀMΛ)_ab = Σ Λ_a'a M_a'b' Λ_b'b over a' ∈ {a, growth(a)} when a is a level node.
/// </para>
/// </remarks>
internal sealed class GrowthSystem
{
    private const int CellNode = 0;
    private const int LevelNode = 1;
    private const int GrowthNode = 2;
    private const int RaterNode = 3;
    private const int FixedNode = 4;

    private readonly GrowthDesign _d;
    private readonly SparseCholesky _factor;
    private readonly int _sparse;
    private readonly int[] _kind;
    private readonly double[] _sums;
    private readonly int[] _entrySlot;
    private readonly int[] _entryA;
    private readonly int[] _entryB;
    private readonly int[] _growthA;
    private readonly int[] _growthB;
    private readonly int[] _growthAB;
    private readonly double[] _zy;
    private readonly double _yy;
    private readonly double[] _rhs;
    private readonly double[] _coefficient = new double[5];
    private double[] _theta = new double[5];

    public GrowthSystem(GrowthDesign design)
    {
        _d = design;
        var cells = design.CellTerm ? design.Cells : 0;
        var growth = design.Growth ? design.Ratees : 0;
        FirstLevel = cells;
        FirstGrowth = cells + design.Ratees;
        FirstRater = FirstGrowth + growth;
        _sparse = FirstRater + design.Raters;
        _kind = new int[_sparse + design.P];
        for (var v = 0; v < _kind.Length; v++)
        {
            _kind[v] = v < FirstLevel ? CellNode : v < FirstGrowth ? LevelNode : v < FirstRater ? GrowthNode : v < _sparse ? RaterNode : FixedNode;
        }

        // One clique per distinct (cell, rater): the cell, the ratee's level and growth, the rater.
        var cliqueStart = new List<int> { 0 };
        var cliqueNodes = new List<int>();
        Span<int> nodes = stackalloc int[4];
        for (var i = 0; i < design.N; i++)
        {
            if (i > 0 && design.RowCell[i] == design.RowCell[i - 1] && design.RowRater[i] == design.RowRater[i - 1])
            {
                continue;
            }

            var count = RandomNodes(i, nodes);
            for (var k = 0; k < count; k++)
            {
                cliqueNodes.Add(nodes[k]);
            }

            cliqueStart.Add(cliqueNodes.Count);
        }

        _factor = SparseCholesky.TryAnalyse(_sparse, design.P, [.. cliqueStart], [.. cliqueNodes], long.MaxValue)
            ?? throw new InvalidOperationException("The longitudinal model's factor could not be analysed.");

        // Unscaled ZᵀZ, ZᵀX and XᵀX in factor storage, and the entries they occupy.
        _sums = new double[_factor.Values.Length];
        var entryOf = new int[_sums.Length];
        Array.Fill(entryOf, -1);
        var (slots, aNodes, bNodes) = (new List<int>(), new List<int>(), new List<int>());
        void Add(int slot, int a, int b, double value)
        {
            _sums[slot] += value;
            if (entryOf[slot] < 0)
            {
                entryOf[slot] = slots.Count;
                slots.Add(slot);
                aNodes.Add(a);
                bNodes.Add(b);
            }
        }

        _zy = new double[_sparse + design.P];
        Span<double> z = stackalloc double[4];
        var x = new (int Column, double Value)[design.MaxFixedEntries];
        for (var i = 0; i < design.N; i++)
        {
            var count = RandomNodes(i, nodes);
            for (var k = 0; k < count; k++)
            {
                z[k] = _kind[nodes[k]] == GrowthNode ? design.Time[i] : 1;
            }

            var fixedCount = design.FixedEntries(i, x);
            var y = design.Y[i];
            _yy += y * y;
            for (var k = 0; k < count; k++)
            {
                _zy[nodes[k]] += z[k] * y;
                for (var l = 0; l <= k; l++)
                {
                    Add(_factor.IndexOf(nodes[k], nodes[l]), nodes[k], nodes[l], z[k] * z[l]);
                }

                for (var j = 0; j < fixedCount; j++)
                {
                    Add(_factor.TailIndex(nodes[k], _sparse + x[j].Column), nodes[k], _sparse + x[j].Column, z[k] * x[j].Value);
                }
            }

            for (var j = 0; j < fixedCount; j++)
            {
                _zy[_sparse + x[j].Column] += x[j].Value * y;
                for (var k = 0; k <= j; k++)
                {
                    Add(_factor.IndexOf(_sparse + x[j].Column, _sparse + x[k].Column), _sparse + x[j].Column, _sparse + x[k].Column, x[j].Value * x[k].Value);
                }
            }
        }

        _entrySlot = [.. slots];
        _entryA = [.. aNodes];
        _entryB = [.. bNodes];

        // Where a level node's growth partner meets the other node: the second term of Λᵀ M Λ.
        _growthA = new int[_entrySlot.Length];
        _growthB = new int[_entrySlot.Length];
        _growthAB = new int[_entrySlot.Length];
        for (var e = 0; e < _entrySlot.Length; e++)
        {
            var (a, b) = (_entryA[e], _entryB[e]);
            var (ga, gb) = (GrowthOf(a), GrowthOf(b));
            _growthA[e] = ga < 0 ? -1 : Slot(ga, b);
            _growthB[e] = gb < 0 ? -1 : Slot(a, gb);
            _growthAB[e] = ga < 0 || gb < 0 ? -1 : Slot(ga, gb);
        }

        _rhs = new double[_sparse + design.P];
    }

    /// <summary>Gets the first ratee-level node; nodes before it are cells.</summary>
    public int FirstLevel { get; }

    /// <summary>Gets the first ratee-growth node.</summary>
    public int FirstGrowth { get; }

    /// <summary>Gets the first rater node; fixed effects follow the last rater.</summary>
    public int FirstRater { get; }

    /// <summary>Gets the number of random-effect nodes; the fixed effects are nodes <c>Sparse</c>..<c>Sparse + P − 1</c>.</summary>
    public int Sparse => _sparse;

    /// <summary>Gets the penalised residual sum of squares at the last evaluated θ.</summary>
    public double PenalisedRss { get; private set; }

    public int DegreesOfFreedom => _d.N - _d.P;

    public SparseCholesky Factor => _factor;

    /// <summary>The profiled REML criterion at θ = (θ_cell, λ₁₁, λ₂₁, λ₂₂, θ_rater); +∞ where A is not positive definite.</summary>
    public double Criterion(double[] theta)
    {
        _theta = (double[])theta.Clone();
        _coefficient[CellNode] = theta[0];
        _coefficient[LevelNode] = theta[1];
        _coefficient[GrowthNode] = theta[3];
        _coefficient[RaterNode] = theta[4];
        _coefficient[FixedNode] = 1;
        var l21 = theta[2];
        var v = _factor.Values;
        v.Clear();
        var kind = _kind;
        for (var e = 0; e < _entrySlot.Length; e++)
        {
            var (ca, cb) = (_coefficient[kind[_entryA[e]]], _coefficient[kind[_entryB[e]]]);
            var value = ca * cb * _sums[_entrySlot[e]];
            if (_growthA[e] >= 0)
            {
                value += l21 * cb * _sums[_growthA[e]];
            }

            if (_growthB[e] >= 0)
            {
                value += ca * l21 * _sums[_growthB[e]];
            }

            if (_growthAB[e] >= 0)
            {
                value += l21 * l21 * _sums[_growthAB[e]];
            }

            v[_entrySlot[e]] = value;
        }

        for (var node = 0; node < _sparse; node++)
        {
            v[_factor.DiagonalIndex(node)] += 1;
        }

        if (!_factor.TryFactor())
        {
            PenalisedRss = double.NaN;
            return double.PositiveInfinity;
        }

        ScaledRightHandSide();
        var forward = _factor.ForwardSolve(_rhs);
        var rss = _yy;
        foreach (var f in forward)
        {
            rss -= f * f;
        }

        PenalisedRss = rss;
        var df = DegreesOfFreedom;
        return rss <= 0 ? double.PositiveInfinity : _factor.LogDeterminant() + (df * (1 + Math.Log(2 * Math.PI * rss / df)));
    }

    /// <summary>The solution at the last evaluated θ: the spherical random effects u (b = Λu) and the fixed effects β.</summary>
    public (double[] U, double[] Beta) Solve()
    {
        var x = _factor.Solve(_rhs);
        return (x[.._sparse], x[_sparse..]);
    }

    /// <summary>The random effects b = Λu: per cell, per ratee (level, growth), per rater.</summary>
    public (double[] Cell, double[] Level, double[] Growth, double[] Rater) Effects(double[] u)
    {
        var cell = new double[_d.Cells];
        for (var c = 0; _d.CellTerm && c < _d.Cells; c++)
        {
            cell[c] = _theta[0] * u[c];
        }

        var (level, growth) = (new double[_d.Ratees], new double[_d.Ratees]);
        for (var t = 0; t < _d.Ratees; t++)
        {
            var ul = u[FirstLevel + t];
            var ug = _d.Growth ? u[FirstGrowth + t] : 0;
            level[t] = _theta[1] * ul;
            growth[t] = (_theta[2] * ul) + (_theta[3] * ug);
        }

        var rater = new double[_d.Raters];
        for (var r = 0; r < _d.Raters; r++)
        {
            rater[r] = _theta[4] * u[FirstRater + r];
        }

        return (cell, level, growth, rater);
    }

    /// <summary>The node of cell <paramref name="cell"/>, or −1 without the cell term.</summary>
    public int CellNodeOf(int cell) => _d.CellTerm ? cell : -1;

    /// <summary>The node of ratee <paramref name="ratee"/>'s growth, or −1 without growth in the fit.</summary>
    public int GrowthNodeOf(int ratee) => _d.Growth ? FirstGrowth + ratee : -1;

    private int GrowthOf(int node) => _kind[node] == LevelNode && _d.Growth ? FirstGrowth + (node - FirstLevel) : -1;

    /// <summary>Σ gₐ g_b (A⁻¹)ₐ_b over the given nodes, from the selected inverse; every pair must lie in one clique or the fixed tail.</summary>
    public double Quadratic(double[] inverse, ReadOnlySpan<int> nodes, ReadOnlySpan<double> weights)
    {
        var sum = 0.0;
        for (var i = 0; i < nodes.Length; i++)
        {
            if (weights[i] == 0)
            {
                continue;
            }

            sum += weights[i] * weights[i] * inverse[Slot(nodes[i], nodes[i])];
            for (var j = 0; j < i; j++)
            {
                sum += 2 * weights[i] * weights[j] * inverse[Slot(nodes[i], nodes[j])];
            }
        }

        return sum;
    }

    /// <summary>(A⁻¹)ₐ_b from the selected inverse; the pair must lie in one clique or the fixed tail.</summary>
    public double InverseEntry(double[] inverse, int a, int b) => inverse[Slot(a, b)];

    private int Slot(int a, int b) =>
        _kind[a] == FixedNode && _kind[b] == FixedNode ? _factor.IndexOf(a, b)
        : _kind[a] == FixedNode ? _factor.TailIndex(b, a)
        : _kind[b] == FixedNode ? _factor.TailIndex(a, b)
        : _factor.IndexOf(a, b);

    private int RandomNodes(int i, Span<int> nodes)
    {
        var count = 0;
        var cell = _d.RowCell[i];
        if (_d.CellTerm)
        {
            nodes[count++] = cell;
        }

        var ratee = _d.CellRatee[cell];
        nodes[count++] = FirstLevel + ratee;
        if (_d.Growth)
        {
            nodes[count++] = FirstGrowth + ratee;
        }

        if (_d.RaterTerm)
        {
            nodes[count++] = FirstRater + _d.RowRater[i];
        }

        return count;
    }

    private void ScaledRightHandSide()
    {
        for (var node = 0; node < _rhs.Length; node++)
        {
            _rhs[node] = _kind[node] switch
            {
                LevelNode => (_theta[1] * _zy[node]) + (_d.Growth ? _theta[2] * _zy[GrowthOf(node)] : 0),
                FixedNode => _zy[node],
                var k => _coefficient[k] * _zy[node],
            };
        }
    }
}
