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
/// Storage is compressed by column in factor (permuted) order; each column holds its diagonal first, then its rows in
/// ascending order. The numeric factorisation is left-looking (each column gathers the updates of the earlier columns
/// that reach it, through linked lists of columns by their next row), in place over the assembled matrix. Node numbers
/// in the public members are the caller's; positions are factor order. Deterministic: ties in the ordering go to the
/// lower node number. One instance serves one fit on one thread.
/// </para>
/// </remarks>
internal sealed class SparseCholesky
{
    private readonly int _n;
    private readonly int[] _position;
    private readonly int[] _node;
    private readonly int[] _columnStart;
    private readonly int[] _row;
    private readonly double[] _value;
    private readonly int[] _rowSlot;
    private readonly int[] _next;
    private readonly int[] _head;
    private readonly int[] _link;

    private SparseCholesky(int[] position, int[] node, int[] columnStart, int[] row)
    {
        _n = position.Length;
        _position = position;
        _node = node;
        _columnStart = columnStart;
        _row = row;
        _value = new double[row.Length];
        _rowSlot = new int[_n];
        _next = new int[_n];
        _head = new int[_n];
        _link = new int[_n];
    }

    /// <summary>Gets the values in factor storage: the assembled lower triangle of A before <see cref="TryFactor"/>, L after.</summary>
    public Span<double> Values => _value;

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

        var ordering = MinimumDegree(sparse, cliqueStart, cliqueNodes, maxEntries - denseEntries);
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

        var columnStart = new int[n + 1];
        var rows = new List<int>();
        for (var k = 0; k < n; k++)
        {
            columnStart[k] = rows.Count;
            rows.Add(k);
            if (k < sparse)
            {
                var below = structure[order[k]].Select(v => position[v]).ToArray();
                Array.Sort(below);
                rows.AddRange(below);
            }

            for (var j = Math.Max(k + 1, sparse); j < n; j++)
            {
                rows.Add(j);
            }
        }

        columnStart[n] = rows.Count;
        var node = new int[n];
        for (var v = 0; v < n; v++)
        {
            node[position[v]] = v;
        }

        return new SparseCholesky(position, node, columnStart, [.. rows]);
    }

    /// <summary>A factor of the same structure with its own numbers and work space, for another thread.</summary>
    public SparseCholesky WithSameStructure() => new(_position, _node, _columnStart, _row);

    /// <summary>Index into <see cref="Values"/> of the diagonal entry of <paramref name="node"/>.</summary>
    public int DiagonalIndex(int node) => _columnStart[_position[node]];

    /// <summary>Index into <see cref="Values"/> of the entry (a, b), which must be in the pattern; −1 when it is not.</summary>
    public int IndexOf(int a, int b)
    {
        var (pa, pb) = (_position[a], _position[b]);
        // Stryker disable once Equality : equivalent; pa == pb is the diagonal, the same entry whichever way round.
        var (column, row) = pa <= pb ? (pa, pb) : (pb, pa);
        if (row == column)
        {
            return _columnStart[column];
        }

        var found = Array.BinarySearch(_row, _columnStart[column] + 1, _columnStart[column + 1] - _columnStart[column] - 1, row);
        // Stryker disable once Equality : equivalent; the search starts past the first diagonal, so found is never 0.
        return found >= 0 ? found : -1;
    }

    /// <summary>Index into <see cref="Values"/> of the entry of dense node <paramref name="tail"/> in the column of <paramref name="node"/>.</summary>
    /// <remarks>Dense nodes are the last rows of every column, in order, so this needs no search.</remarks>
    public int TailIndex(int node, int tail) => _columnStart[_position[node] + 1] - (_n - _position[tail]);

    /// <summary>Factors the assembled matrix in place; false when it is not numerically positive definite.</summary>
    public bool TryFactor()
    {
        var n = _n;
        var start = _columnStart;
        var row = _row;
        var value = _value;
        var slot = _rowSlot;
        Array.Fill(_head, -1);
        for (var j = 0; j < n; j++)
        {
            var s = start[j];
            var e = start[j + 1];
            for (var p = s; p < e; p++)
            {
                slot[row[p]] = p;
            }

            // Columns k < j with L(j, k) ≠ 0 wait in the list of row j; each applies its part at and below row j.
            var k = _head[j];
            while (k >= 0)
            {
                var following = _link[k];
                var p0 = _next[k];
                var ljk = value[p0];
                var ke = start[k + 1];
                for (var p = p0; p < ke; p++)
                {
                    value[slot[row[p]]] -= value[p] * ljk;
                }

                Enqueue(k, p0 + 1, ke);
                k = following;
            }

            var pivot = value[s];
            if (!(pivot > 0) || !double.IsFinite(pivot))
            {
                return false;
            }

            var d = Math.Sqrt(pivot);
            value[s] = d;
            for (var p = s + 1; p < e; p++)
            {
                value[p] /= d;
            }

            Enqueue(j, s + 1, e);
        }

        return true;
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
            for (var p = s + 1; p < _columnStart[j + 1]; p++)
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
            for (var p = s + 1; p < _columnStart[j + 1]; p++)
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
    /// The entries of A⁻¹ on the pattern of L (indexed like <see cref="Values"/>), by the Takahashi recurrence
    /// Z(i, j) = −(1/L_jj) Σ_k L_kj Z(i, k) over the rows k of column j, from the last column back.
    /// </summary>
    /// <remarks>
    /// Erisman and Tinney (1975), Takahashi, Fagan and Chen (1973). Every Z(i, k) the recurrence needs lies in the pattern
    /// (the rows of a column form a clique of the filled graph), so no other entry of the inverse is formed. Costs about
    /// as much as the factorisation.
    /// </remarks>
    public double[] SelectedInverse()
    {
        var n = _n;
        var start = _columnStart;
        var row = _row;
        var l = _value;
        var z = new double[l.Length];
        var slot = _rowSlot;
        // Clears the factorisation's leftovers. The recurrence never reads them (every row it looks up was set by this column
        // or cleared by a later one); the fill keeps correctness from resting on that.
        // Stryker disable once Statement,Unary : equivalent; as just said.
        Array.Fill(slot, -1);
        var sum = new double[n];
        for (var j = n - 1; j >= 0; j--)
        {
            var s = start[j];
            var e = start[j + 1];
            for (var p = s + 1; p < e; p++)
            {
                slot[row[p]] = p;
                sum[row[p]] = 0;
            }

            for (var p = s + 1; p < e; p++)
            {
                var i = row[p];
                var lij = l[p];
                var acc = lij * z[start[i]];
                for (var q = start[i] + 1; q < start[i + 1]; q++)
                {
                    var pk = slot[row[q]];
                    // Stryker disable once Equality : equivalent; slots hold off-diagonal indices (at least 1) or −1, never 0.
                    if (pk >= 0)
                    {
                        acc += l[pk] * z[q];
                        sum[row[q]] += lij * z[q];
                    }
                }

                sum[i] += acc;
            }

            var diagonal = 1 / l[s];
            for (var p = s + 1; p < e; p++)
            {
                z[p] = -sum[row[p]] / l[s];
                diagonal -= l[p] * z[p];
            }

            z[s] = diagonal / l[s];
            for (var p = s + 1; p < e; p++)
            {
                slot[row[p]] = -1;
            }
        }

        return z;
    }

    /// <summary>Minimum-degree elimination of the clique graph; returns the order and, per node, its neighbours when eliminated.</summary>
    private static (int[] Order, int[][] Structure)? MinimumDegree(int n, ReadOnlySpan<int> cliqueStart, ReadOnlySpan<int> cliqueNodes, long maxOffDiagonal)
    {
        var adjacency = new HashSet<int>[n];
        for (var v = 0; v < n; v++)
        {
            adjacency[v] = [];
        }

        for (var c = 0; c + 1 < cliqueStart.Length; c++)
        {
            var members = cliqueNodes[cliqueStart[c]..cliqueStart[c + 1]];
            foreach (var a in members)
            {
                foreach (var b in members)
                {
                    if (a != b)
                    {
                        adjacency[a].Add(b);
                    }
                }
            }
        }

        var queue = new SortedSet<(int Degree, int Node)>();
        for (var v = 0; v < n; v++)
        {
            // Stryker disable once Linq : HashSet.Count is a property; the Count→Sum mutation does not compile.
            queue.Add((adjacency[v].Count, v));
        }

        var order = new int[n];
        var structure = new int[n][];
        var entries = 0L;
        for (var k = 0; k < n; k++)
        {
            var (_, v) = queue.Min;
            queue.Remove(queue.Min);
            order[k] = v;
            entries += adjacency[v].Count;
            if (entries > maxOffDiagonal)
            {
                return null;
            }

            var neighbours = adjacency[v].ToArray();
            structure[v] = neighbours;
            foreach (var u in neighbours)
            {
                var set = adjacency[u];
                // Stryker disable once Linq : as above.
                queue.Remove((set.Count, u));
                set.Remove(v);
                foreach (var w in neighbours)
                {
                    if (w != u)
                    {
                        set.Add(w);
                    }
                }

                // Stryker disable once Linq : as above.
                queue.Add((set.Count, u));
            }

            adjacency[v] = [];
        }

        return (order, structure);
    }

    private void Enqueue(int column, int next, int end)
    {
        if (next < end)
        {
            _next[column] = next;
            var r = _row[next];
            _link[column] = _head[r];
            _head[r] = column;
        }
    }
}
