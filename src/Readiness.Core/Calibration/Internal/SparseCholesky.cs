using System.Numerics;
using static Readiness.Internal.VectorMath;

namespace Readiness.Calibration.Internal;

/// <summary>
/// Cholesky factorisation A = LLᵀ of a symmetric positive-definite matrix whose sparse part is a union of cliques (the
/// raters who rated the same person) and whose last rows are dense (the fixed effects). The structure is analysed once —
/// a minimum-degree ordering and the exact pattern of L — and the numbers are refactored for every θ of a fit.
/// </summary>
/// <remarks>
/// <para>
/// This is lme4's approach (a sparse Cholesky of the mixed-model matrix, CHOLMOD there) written for our one structure.
/// After the cells and ratees are eliminated in closed form the raters remain, coupled only when they rated a common
/// person. In an organisation that graph is local (a manager, the team, the team's reports), so a minimum-degree order
/// keeps the fill small; the dense factor this replaces cost O(R³) per evaluation.
/// </para>
/// <para>
/// The order is approximate minimum degree (<see cref="CliqueMinimumDegree"/>). Columns with the same rows below them
/// form supernodes (a widely crossed design ends in one dense block of hundreds of raters), each stored as a dense
/// column-major block over its rows: column j's entries are contiguous, its diagonal first, then its rows in ascending
/// order, so every column-wise algorithm below reads it as compressed columns. The numeric factorisation is left-looking
/// by supernode: each gathers the updates of the earlier supernodes that reach it (linked lists by next row) as dense
/// column operations, vectorised, then factors its own block. Node numbers in the public members are the caller's;
/// positions are factor order. Deterministic: the order and every sum are fixed by the structure. One instance serves
/// one fit on one thread.
/// </para>
/// </remarks>
internal sealed class SparseCholesky
{
    private readonly int _n;
    private readonly int[] _position;
    private readonly int[] _node;
    private readonly int[] _columnStart;
    private readonly int[] _columnEnd;
    private readonly int[] _row;
    private readonly int[] _superStart;
    private readonly int[] _superOf;
    private readonly double[] _value;
    private readonly int[] _rowSlot;
    private readonly int[] _next;
    private readonly int[] _head;
    private readonly int[] _link;
    private int[] _map = [];
    private double[] _inverseX = [];
    private double[] _inverseU = [];
    private double[] _inverseZb = [];
    private double[] _inverseZbj = [];
    private int[] _runEnd = [];
    private double[] _pack = [];

    /// <summary>Columns per group of the blocked factorisation of a supernode, the width of its register kernel.</summary>
    private const int Group = 4;

    /// <summary>Runs of rows shorter than this are updated entry by entry: a vector call costs more than it saves.</summary>
    private const int ShortRun = 8;

    private SparseCholesky(int[] position, int[] node, int[] columnStart, int[] columnEnd, int[] row, int[] superStart, int[] superOf)
    {
        _n = position.Length;
        _position = position;
        _node = node;
        _columnStart = columnStart;
        _columnEnd = columnEnd;
        _row = row;
        _superStart = superStart;
        _superOf = superOf;
        _value = new double[row.Length];
        _rowSlot = new int[_n];
        var supernodes = superStart.Length - 1;
        _next = new int[supernodes];
        _head = new int[supernodes];
        _link = new int[supernodes];
    }

    /// <summary>Gets the values in factor storage: the assembled lower triangle of A before <see cref="TryFactor"/>, L after.</summary>
    /// <remarks>Slots above the diagonal of a supernode's block are storage only: nothing reads them, and the factorisation may leave numbers there.</remarks>
    public Span<double> Values => _value;

    /// <summary>Gets the number of entries of the factor on and below the diagonal.</summary>
    public long Entries
    {
        get
        {
            var entries = 0L;
            for (var j = 0; j < _n; j++)
            {
                entries += _columnEnd[j] - _columnStart[j];
            }

            return entries;
        }
    }

    /// <summary>Gets the multiply–adds of one factorisation, Σ over columns of the squared column length: the cost model's measure.</summary>
    public double Operations
    {
        get
        {
            var operations = 0.0;
            for (var j = 0; j < _n; j++)
            {
                var length = (double)(_columnEnd[j] - _columnStart[j]);
                operations += length * length;
            }

            return operations;
        }
    }

    /// <summary>Gets the number of columns of the largest supernode, the dense block that dominates the cost.</summary>
    public int LargestSupernode
    {
        get
        {
            var largest = 0;
            for (var s = 0; s + 1 < _superStart.Length; s++)
            {
                largest = Math.Max(largest, _superStart[s + 1] - _superStart[s]);
            }

            return largest;
        }
    }

    /// <summary>
    /// Analyses the structure: nodes 0..<paramref name="sparse"/>−1 are coupled within each clique
    /// (<paramref name="cliqueStart"/>/<paramref name="cliqueNodes"/>, CSR), and the <paramref name="dense"/> nodes after them
    /// are coupled with everything and kept last, in order.
    /// </summary>
    /// <returns>The analysed factor, or null when L would hold more than <paramref name="maxEntries"/> entries (the analysis
    /// stops as soon as it knows, so a design that fills in badly costs little to turn down).</returns>
    public static SparseCholesky? TryAnalyse(int sparse, int dense, ReadOnlySpan<int> cliqueStart, ReadOnlySpan<int> cliqueNodes, long maxEntries)
    {
        var n = sparse + dense;
        var denseEntries = ((long)sparse * (dense + 1)) + ((long)dense * (dense + 1) / 2);
        if (denseEntries > maxEntries)
        {
            return null;
        }

        var ordering = CliqueMinimumDegree.Order(sparse, cliqueStart, cliqueNodes, maxEntries - denseEntries);
        if (ordering is not var (order, structure))
        {
            return null;
        }

        var position = new int[n];
        for (var k = 0; k < sparse; k++)
        {
            position[order[k]] = k;
        }

        for (var j = 0; j < dense; j++)
        {
            position[sparse + j] = sparse + j;
        }

        // Each column's rows below the diagonal, in factor order, the dense rows last.
        var below = new int[n][];
        for (var k = 0; k < n; k++)
        {
            var tail = n - Math.Max(k + 1, sparse);
            var sparseRows = k < sparse ? structure[order[k]].Length : 0;
            var rows = new int[sparseRows + tail];
            for (var i = 0; i < sparseRows; i++)
            {
                rows[i] = position[structure[order[k]][i]];
            }

            Array.Sort(rows, 0, sparseRows);
            for (var i = 0; i < tail; i++)
            {
                rows[sparseRows + i] = n - tail + i;
            }

            below[k] = rows;
        }

        // Supernodes: column k joins k − 1's when k is k − 1's first row below and k − 1's other rows are exactly k's.
        var superStart = new List<int> { 0 };
        for (var k = 1; k < n; k++)
        {
            var previous = below[k - 1];
            if (!(previous.Length == below[k].Length + 1 && previous[0] == k))
            {
                superStart.Add(k);
            }
        }

        superStart.Add(n);
        var superOf = new int[n];
        var columnStart = new int[n];
        var columnEnd = new int[n];
        var size = 0L;
        for (var s = 0; s + 1 < superStart.Count; s++)
        {
            var (first, last) = (superStart[s], superStart[s + 1]);
            var height = (last - first) + below[last - 1].Length;
            for (var j = first; j < last; j++)
            {
                superOf[j] = s;
                columnStart[j] = (int)(size + ((long)(j - first) * height) + (j - first));
                columnEnd[j] = (int)(size + ((long)(j - first + 1) * height));
            }

            size += (long)height * (last - first);
            if (size > Array.MaxLength)
            {
                return null;
            }
        }

        var row = new int[size];
        Array.Fill(row, -1);
        for (var j = 0; j < n; j++)
        {
            row[columnStart[j]] = j;
            below[j].CopyTo(row, columnStart[j] + 1);
        }

        var node = new int[n];
        for (var v = 0; v < n; v++)
        {
            node[position[v]] = v;
        }

        return new SparseCholesky(position, node, columnStart, columnEnd, row, [.. superStart], superOf);
    }

    /// <summary>A factor of the same structure with its own numbers and work space, for another thread.</summary>
    public SparseCholesky WithSameStructure() => new(_position, _node, _columnStart, _columnEnd, _row, _superStart, _superOf);

    /// <summary>Index into <see cref="Values"/> of the diagonal entry of <paramref name="node"/>.</summary>
    public int DiagonalIndex(int node) => _columnStart[_position[node]];

    /// <summary>Index into <see cref="Values"/> of the entry (a, b), which must be in the pattern; −1 when it is not.</summary>
    public int IndexOf(int a, int b)
    {
        var (pa, pb) = (_position[a], _position[b]);
        var (column, row) = pa <= pb ? (pa, pb) : (pb, pa);
        if (row == column)
        {
            return _columnStart[column];
        }

        var found = Array.BinarySearch(_row, _columnStart[column] + 1, _columnEnd[column] - _columnStart[column] - 1, row);
        return found >= 0 ? found : -1;
    }

    /// <summary>Index into <see cref="Values"/> of the entry of dense node <paramref name="tail"/> in the column of <paramref name="node"/>.</summary>
    /// <remarks>Dense nodes are the last rows of every column, in order, so this needs no search.</remarks>
    public int TailIndex(int node, int tail) => _columnEnd[_position[node]] - (_n - _position[tail]);

    /// <summary>Factors the assembled matrix in place; false when it is not numerically positive definite.</summary>
    public bool TryFactor()
    {
        var row = _row;
        var slot = _rowSlot;
        Array.Fill(_head, -1);
        for (var s = 0; s + 1 < _superStart.Length; s++)
        {
            var first = _superStart[s];
            var last = _superStart[s + 1];
            var height = _columnEnd[first] - _columnStart[first];
            var baseIndex = _columnStart[first];
            for (var i = 0; i < height; i++)
            {
                slot[row[baseIndex + i]] = i;
            }

            // Supernodes k < s with rows in [first, last) wait in the list of s; each subtracts its part of L(:, k)·L(:, k)ᵀ.
            var k = _head[s];
            while (k >= 0)
            {
                var following = _link[k];
                Update(k, first, last, height, baseIndex);
                k = following;
            }

            if (!FactorBlock(first, last, height))
            {
                return false;
            }

            Enqueue(s, first, last, height);
        }

        return true;
    }

    /// <summary>
    /// Subtracts supernode k's update to the supernode whose columns are [first, last): for each of k's rows c among those
    /// columns, column c less Σ_t L(rows ≥ c, t)·L(c, t), applied straight into the target block along runs of rows that
    /// are consecutive there too (vectorised; in a dense final block nearly every row is). Then moves k on to its next row.
    /// </summary>
    private void Update(int k, int first, int last, int height, int baseIndex)
    {
        var value = _value;
        var row = _row;
        var slot = _rowSlot;
        var kFirst = _superStart[k];
        var kWidth = _superStart[k + 1] - kFirst;
        var kBase = _columnStart[kFirst];
        var kHeight = _columnEnd[kFirst] - kBase;

        // k's block rows from `from` (the first at or after `first`); those before `inside` are columns of the target.
        var from = _next[k];
        var inside = from;
        while (inside < kHeight && row[kBase + inside] < last)
        {
            inside++;
        }

        var rows = kHeight - from;
        if (_map.Length < rows + 1)
        {
            _map = new int[Math.Max(rows + 1, _map.Length * 2)];
            _runEnd = new int[_map.Length];
        }

        // Where each row lands in the target block, and where each run of consecutive landing places ends.
        var map = _map;
        var runEnd = _runEnd;
        for (var i = 0; i < rows; i++)
        {
            map[i] = slot[row[kBase + from + i]];
        }

        runEnd[rows - 1] = rows;
        for (var i = rows - 2; i >= 0; i--)
        {
            runEnd[i] = map[i + 1] == map[i] + 1 ? runEnd[i + 1] : i + 1;
        }

        for (var c = 0; c < inside - from; c++)
        {
            var target = baseIndex + ((row[kBase + from + c] - first) * height);
            for (var i = c; i < rows;)
            {
                var end = runEnd[i];
                if (end - i >= ShortRun)
                {
                    var destination = value.AsSpan(target + map[i], end - i);
                    for (var t = 0; t < kWidth; t++)
                    {
                        var column = kBase + (t * kHeight) + from;
                        AddScaled(destination, value.AsSpan(column + i, end - i), -value[column + c]);
                    }
                }
                else
                {
                    for (; i < end; i++)
                    {
                        var sum = 0.0;
                        for (var t = 0; t < kWidth; t++)
                        {
                            var column = kBase + (t * kHeight) + from;
                            sum += value[column + i] * value[column + c];
                        }

                        value[target + map[i]] -= sum;
                    }
                }

                i = end;
            }
        }

        if (inside < kHeight)
        {
            _next[k] = inside;
            var r = _superOf[row[kBase + inside]];
            _link[k] = _head[r];
            _head[r] = k;
        }
    }

    /// <summary>
    /// Factors the supernode's own block, left-looking in groups of <see cref="Group"/> columns: each group first takes the
    /// updates of every earlier column of the block through a register-blocked kernel (each earlier column is read once
    /// per group, not once per column — a widely crossed design's final block has hundreds of columns and does not fit in
    /// cache), then its own columns are factored one by one.
    /// </summary>
    private bool FactorBlock(int first, int last, int height)
    {
        var value = _value;
        var baseIndex = _columnStart[first];
        var width = last - first;
        if (_pack.Length < width * Group)
        {
            _pack = new double[width * Group];
        }

        for (var c0 = 0; c0 < width; c0 += Group)
        {
            var count = Math.Min(Group, width - c0);
            if (c0 > 0)
            {
                UpdateGroup(baseIndex, height, c0, count);
            }

            for (var j = c0; j < c0 + count; j++)
            {
                var column = value.AsSpan(baseIndex + (j * height) + j, height - j);
                for (var t = c0; t < j; t++)
                {
                    var earlier = baseIndex + (t * height);
                    AddScaled(column, value.AsSpan(earlier + j, height - j), -value[earlier + j]);
                }

                var pivot = column[0];
                if (!(pivot > 0) || !double.IsFinite(pivot))
                {
                    return false;
                }

                var d = Math.Sqrt(pivot);
                column[0] = d;
                var inverse = 1 / d;
                for (var i = 1; i < column.Length; i++)
                {
                    column[i] *= inverse;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// Columns c0 … c0 + count − 1 of the block, rows c0 and below, less Σ_{t &lt; c0} L(:, t) L(c, t): rows in blocks of two
    /// vectors, four columns at a time, the sums held in registers. Rows of the group above its diagonal are computed too
    /// and land in storage slots nothing reads.
    /// </summary>
    private void UpdateGroup(int baseIndex, int height, int c0, int count)
    {
        var value = _value;
        var pack = _pack;
        for (var t = 0; t < c0; t++)
        {
            var column = baseIndex + (t * height) + c0;
            for (var k = 0; k < Group; k++)
            {
                pack[(t * Group) + k] = k < count ? value[column + k] : 0;
            }
        }

        var lanes = Vector<double>.Count;
        var i = c0;
        if (Vector.IsHardwareAccelerated)
        {
            var span = value.AsSpan();
            for (; i + (2 * lanes) <= height; i += 2 * lanes)
            {
                Vector<double> a0 = default, a1 = default, a2 = default, a3 = default;
                Vector<double> b0 = default, b1 = default, b2 = default, b3 = default;
                for (var t = 0; t < c0; t++)
                {
                    var at = baseIndex + (t * height) + i;
                    var x0 = new Vector<double>(span[at..]);
                    var x1 = new Vector<double>(span[(at + lanes)..]);
                    var p = t * Group;
                    var y0 = new Vector<double>(pack[p]);
                    var y1 = new Vector<double>(pack[p + 1]);
                    var y2 = new Vector<double>(pack[p + 2]);
                    var y3 = new Vector<double>(pack[p + 3]);
                    a0 = MultiplyAdd(x0, y0, a0);
                    b0 = MultiplyAdd(x1, y0, b0);
                    a1 = MultiplyAdd(x0, y1, a1);
                    b1 = MultiplyAdd(x1, y1, b1);
                    a2 = MultiplyAdd(x0, y2, a2);
                    b2 = MultiplyAdd(x1, y2, b2);
                    a3 = MultiplyAdd(x0, y3, a3);
                    b3 = MultiplyAdd(x1, y3, b3);
                }

                Subtract(span, baseIndex + ((c0 + 0) * height) + i, lanes, a0, b0, count > 0);
                Subtract(span, baseIndex + ((c0 + 1) * height) + i, lanes, a1, b1, count > 1);
                Subtract(span, baseIndex + ((c0 + 2) * height) + i, lanes, a2, b2, count > 2);
                Subtract(span, baseIndex + ((c0 + 3) * height) + i, lanes, a3, b3, count > 3);
            }
        }

        for (; i < height; i++)
        {
            for (var k = 0; k < count; k++)
            {
                var sum = 0.0;
                for (var t = 0; t < c0; t++)
                {
                    sum += value[baseIndex + (t * height) + i] * pack[(t * Group) + k];
                }

                value[baseIndex + ((c0 + k) * height) + i] -= sum;
            }
        }
    }

    private static void Subtract(Span<double> value, int at, int lanes, Vector<double> first, Vector<double> second, bool used)
    {
        if (used)
        {
            (new Vector<double>(value[at..]) - first).CopyTo(value[at..]);
            (new Vector<double>(value[(at + lanes)..]) - second).CopyTo(value[(at + lanes)..]);
        }
    }

    /// <summary>log det A from the factor.</summary>
    public double LogDeterminant()
    {
        var sum = 0.0;
        for (var j = 0; j < _n; j++)
        {
            sum += Math.Log(_value[_columnStart[j]]);
        }

        return 2 * sum;
    }

    /// <summary>Returns z = L⁻¹ P b for a right-hand side in node order (P the ordering); zᵀz = bᵀA⁻¹b.</summary>
    public double[] ForwardSolve(ReadOnlySpan<double> b)
    {
        var z = new double[_n];
        for (var v = 0; v < _n; v++)
        {
            z[_position[v]] = b[v];
        }

        for (var j = 0; j < _n; j++)
        {
            var s = _columnStart[j];
            var zj = z[j] /= _value[s];
            for (var p = s + 1; p < _columnEnd[j]; p++)
            {
                z[_row[p]] -= _value[p] * zj;
            }
        }

        return z;
    }

    /// <summary>Solves A x = b; x in node order.</summary>
    public double[] Solve(ReadOnlySpan<double> b)
    {
        var z = ForwardSolve(b);
        for (var j = _n - 1; j >= 0; j--)
        {
            var s = _columnStart[j];
            var sum = z[j];
            for (var p = s + 1; p < _columnEnd[j]; p++)
            {
                sum -= _value[p] * z[_row[p]];
            }

            z[j] = sum / _value[s];
        }

        var x = new double[_n];
        for (var k = 0; k < _n; k++)
        {
            x[_node[k]] = z[k];
        }

        return x;
    }

    /// <summary>
    /// The entries of A⁻¹ on the pattern of L (indexed like <see cref="Values"/>), supernode by supernode from the last:
    /// with J a supernode's columns and B its rows below, Z_BJ = −Z_BB U and Z_JJ = L_JJ⁻ᵀL_JJ⁻¹ − UᵀZ_BJ, where
    /// U = L_BJ L_JJ⁻¹.
    /// </summary>
    /// <remarks>
    /// The supernodal form of the Takahashi recurrence (Takahashi, Fagan and Chen 1973; Erisman and Tinney 1975; as in
    /// Amestoy et al.'s and Lin et al.'s selected inversion). Z_BB lies in the pattern (B is a clique of the filled graph),
    /// in later supernodes, already computed; it is gathered into a dense block so that every product is a vectorised
    /// column operation. Costs about as much as the factorisation.
    /// </remarks>
    /// <param name="workers">Threads a wide supernode's block may use.</param>
    public double[] SelectedInverse(int workers = 1)
    {
        var l = _value;
        var row = _row;
        var z = new double[l.Length];
        var slot = _rowSlot;
        for (var s = _superStart.Length - 2; s >= 0; s--)
        {
            var first = _superStart[s];
            var width = _superStart[s + 1] - first;
            var baseIndex = _columnStart[first];
            var height = _columnEnd[first] - baseIndex;
            var below = height - width;
            var x = Buffer(ref _inverseX, width * width);
            var u = Buffer(ref _inverseU, below * width);
            var zb = Buffer(ref _inverseZb, below * below);
            var zbj = Buffer(ref _inverseZbj, below * width);

            // X = L_JJ⁻¹, by forward substitution down the columns of L_JJ, lower triangle, column-major. Wide blocks (a widely
            // crossed design ends in one of hundreds of columns, which does not fit in cache) go in groups of columns that
            // share each pass over L_JJ, the groups in parallel: every column's arithmetic is the same either way.
            ForEachGroup(width, workers, (j0, count) => InvertColumns(l, baseIndex, height, x, width, j0, count));

            // U = L_BJ X: column j of U is Σ_{k ≥ j} L_B,k X(k, j).
            u.AsSpan(0, below * width).Clear();
            for (var j = 0; j < width && below > 0; j++)
            {
                var column = u.AsSpan(j * below, below);
                for (var k = j; k < width; k++)
                {
                    AddScaled(column, l.AsSpan(baseIndex + (k * height) + width, below), x[(j * width) + k]);
                }
            }

            // Z_BB from the later supernodes holding B's columns (B is sorted, so they come in order).
            var current = -1;
            for (var q = 0; q < below; q++)
            {
                var c = row[baseIndex + width + q];
                var owner = _superOf[c];
                var ownerFirst = _superStart[owner];
                var ownerBase = _columnStart[ownerFirst];
                var ownerHeight = _columnEnd[ownerFirst] - ownerBase;
                if (owner != current)
                {
                    current = owner;
                    for (var i = 0; i < ownerHeight; i++)
                    {
                        slot[row[ownerBase + i]] = i;
                    }
                }

                var column = ownerBase + ((c - ownerFirst) * ownerHeight);
                for (var p = q; p < below; p++)
                {
                    zb[(q * below) + p] = zb[(p * below) + q] = z[column + slot[row[baseIndex + width + p]]];
                }
            }

            // Z_BJ = −Z_BB U.
            zbj.AsSpan(0, below * width).Clear();
            for (var j = 0; j < width && below > 0; j++)
            {
                var column = zbj.AsSpan(j * below, below);
                for (var q = 0; q < below; q++)
                {
                    var scale = u[(j * below) + q];
                    if (scale != 0)
                    {
                        AddScaled(column, zb.AsSpan(q * below, below), -scale);
                    }
                }
            }

            // Z_JJ = XᵀX − UᵀZ_BJ, then the block stored (in groups, as X was).
            ForEachGroup(width, workers, (j0, count) => InverseColumns(z, baseIndex, height, x, u, zbj, width, below, j0, count));
        }

        return z;
    }

    /// <summary>Supernodes at least this wide have their dense work split into groups of <see cref="Group"/> columns run in parallel.</summary>
    private const int ParallelWidth = 64;

    /// <summary>
    /// Runs <paramref name="body"/> over the columns [0, <paramref name="width"/>) in groups of <see cref="Group"/>, in order,
    /// or in parallel when the block is wide enough to repay the threads. Each group writes only its own columns.
    /// </summary>
    private static void ForEachGroup(int width, int workers, Action<int, int> body)
    {
        var groups = (width + Group - 1) / Group;
        if (workers > 1 && width >= ParallelWidth)
        {
            Parallel.For(0, groups, new ParallelOptions { MaxDegreeOfParallelism = workers }, g => body(g * Group, Math.Min(Group, width - (g * Group))));
            return;
        }

        for (var g = 0; g < groups; g++)
        {
            body(g * Group, Math.Min(Group, width - (g * Group)));
        }
    }

    /// <summary>Columns j0 … j0 + count − 1 of X = L_JJ⁻¹: each column of L_JJ is read once for the group (it stays in cache).</summary>
    private static void InvertColumns(double[] l, int baseIndex, int height, double[] x, int width, int j0, int count)
    {
        for (var c = 0; c < count; c++)
        {
            var column = x.AsSpan((j0 + c) * width, width);
            column.Clear();
            column[j0 + c] = 1;
        }

        for (var k = j0; k < width; k++)
        {
            var diagonal = l[baseIndex + (k * height) + k];
            var below = l.AsSpan(baseIndex + (k * height) + k + 1, width - k - 1);
            for (var c = 0; c < count && j0 + c <= k; c++)
            {
                var column = x.AsSpan((j0 + c) * width, width);
                var xk = column[k] /= diagonal;
                if (below.Length > 0 && xk != 0)
                {
                    AddScaled(column[(k + 1)..], below, -xk);
                }
            }
        }
    }

    /// <summary>
    /// Columns j0 … j0 + count − 1 of Z_JJ = XᵀX − UᵀZ_BJ into <paramref name="z"/>, and of Z_BJ below them. X is lower
    /// triangular, so (XᵀX)(i, j) sums rows from max(i, j). Row by row, column i of X is read once for the whole group,
    /// its products with the group's columns summed side by side (one sum at a time waits on each addition).
    /// </summary>
    private static void InverseColumns(double[] z, int baseIndex, int height, double[] x, double[] u, double[] zbj, int width, int below, int j0, int count)
    {
        Span<double> sums = stackalloc double[Group];
        for (var i = j0; i < width; i++)
        {
            var active = Math.Min(count, i - j0 + 1);
            if (active == Group)
            {
                ColumnProducts(x, width, i, j0, sums);
            }
            else
            {
                for (var c = 0; c < active; c++)
                {
                    sums[c] = Dot(x.AsSpan((i * width) + i, width - i), x.AsSpan(((j0 + c) * width) + i, width - i));
                }
            }

            for (var c = 0; c < active; c++)
            {
                var j = j0 + c;
                var value = sums[c];
                if (below > 0)
                {
                    value -= Dot(u.AsSpan(i * below, below), zbj.AsSpan(j * below, below));
                }

                z[baseIndex + (j * height) + i] = value;
            }
        }

        for (var j = j0; j < j0 + count; j++)
        {
            zbj.AsSpan(j * below, below).CopyTo(z.AsSpan(baseIndex + (j * height) + width, below));
        }
    }

    /// <summary>The products of column i of X, from row i, with columns j0 … j0 + 3, all four in one pass.</summary>
    private static void ColumnProducts(double[] x, int width, int i, int j0, Span<double> sums)
    {
        var length = width - i;
        var xi = x.AsSpan((i * width) + i, length);
        var x0 = x.AsSpan((j0 * width) + i, length);
        var x1 = x.AsSpan(((j0 + 1) * width) + i, length);
        var x2 = x.AsSpan(((j0 + 2) * width) + i, length);
        var x3 = x.AsSpan(((j0 + 3) * width) + i, length);
        var k = 0;
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        if (Vector.IsHardwareAccelerated && length >= Vector<double>.Count)
        {
            Vector<double> a0 = default, a1 = default, a2 = default, a3 = default;
            for (; k <= length - Vector<double>.Count; k += Vector<double>.Count)
            {
                var v = new Vector<double>(xi[k..]);
                a0 = MultiplyAdd(v, new Vector<double>(x0[k..]), a0);
                a1 = MultiplyAdd(v, new Vector<double>(x1[k..]), a1);
                a2 = MultiplyAdd(v, new Vector<double>(x2[k..]), a2);
                a3 = MultiplyAdd(v, new Vector<double>(x3[k..]), a3);
            }

            (s0, s1, s2, s3) = (Vector.Sum(a0), Vector.Sum(a1), Vector.Sum(a2), Vector.Sum(a3));
        }

        for (; k < length; k++)
        {
            s0 += xi[k] * x0[k];
            s1 += xi[k] * x1[k];
            s2 += xi[k] * x2[k];
            s3 += xi[k] * x3[k];
        }

        (sums[0], sums[1], sums[2], sums[3]) = (s0, s1, s2, s3);
    }

    private static double[] Buffer(ref double[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new double[Math.Max(length, buffer.Length * 2)];
        }

        return buffer;
    }

    /// <summary>Puts supernode <paramref name="s"/> in the list of the supernode holding its first row past its own columns.</summary>
    private void Enqueue(int s, int first, int last, int height)
    {
        var width = last - first;
        if (width < height)
        {
            _next[s] = width;
            var r = _superOf[_row[_columnStart[first] + width]];
            _link[s] = _head[r];
            _head[r] = s;
        }
    }
}
