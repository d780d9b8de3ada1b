namespace Readiness.Calibration.Internal;

/// <summary>
/// A fill-reducing elimination order for a graph given as a union of cliques (the raters who rated the same person), by
/// approximate minimum degree on the quotient graph, with supervariables and element absorption.
/// </summary>
/// <remarks>
/// <para>
/// Amestoy, Davis and Duff (1996), "An approximate minimum degree ordering algorithm", SIAM J. Matrix Anal. Appl. 17(4).
/// The graph is never formed: an eliminated node's neighbours become one element (a clique, stored as its member list),
/// and the cliques it absorbed are dropped, so storage stays within the input plus the pattern of the factor. Here every
/// edge comes from a clique, so a node is adjacent to elements only, which the bookkeeping below relies on.
/// </para>
/// <para>
/// Degrees are AMD's approximate external degrees (an upper bound that is exact for most nodes), computed from the sizes
/// |Lₑ \ Lₚ| of the elements around the new element Lₚ. Nodes that belong to exactly the same elements are
/// indistinguishable: they are merged into one supervariable and eliminated together, which is what keeps the cost low
/// when the remaining graph becomes dense (it collapses into a few supervariables), and what gives the numeric phase its
/// supernodes. Deterministic: ties go to the lower node number, and merges follow the order of the new element.
/// </para>
/// </remarks>
internal sealed class CliqueMinimumDegree
{
    private readonly int _n;
    private readonly List<int[]> _members = [];
    private readonly List<long> _weight = [];
    private readonly List<bool> _alive = [];
    private readonly List<int>[] _elementsOf;
    private readonly int[] _nv;
    private readonly List<int>[] _super;
    private readonly long[] _degree;
    private readonly int[] _mark;
    private (long Key, int Position, int Node)[] _hashed = [];
    private int _stamp;

    private CliqueMinimumDegree(int n, ReadOnlySpan<int> cliqueStart, ReadOnlySpan<int> cliqueNodes)
    {
        _n = n;
        _elementsOf = new List<int>[n];
        _super = new List<int>[n];
        _nv = new int[n];
        _degree = new long[n];
        _mark = new int[n];
        for (var v = 0; v < n; v++)
        {
            _elementsOf[v] = [];
            _super[v] = [v];
            _nv[v] = 1;
        }

        var distinct = new List<int>();
        for (var c = 0; c + 1 < cliqueStart.Length; c++)
        {
            _stamp++;
            distinct.Clear();
            foreach (var v in cliqueNodes[cliqueStart[c]..cliqueStart[c + 1]])
            {
                if (_mark[v] != _stamp)
                {
                    _mark[v] = _stamp;
                    distinct.Add(v);
                }
            }

            // A clique of one node couples nothing.
            if (distinct.Count > 1)
            {
                var e = NewElement([.. distinct]);
                foreach (var v in distinct)
                {
                    _elementsOf[v].Add(e);
                }
            }
        }
    }

    /// <summary>
    /// Orders the nodes; returns the order and, per node, its neighbours among the nodes after it (the pattern of its column
    /// of the factor), or null as soon as the factor is known to hold more than <paramref name="maxOffDiagonal"/> entries
    /// below the diagonal.
    /// </summary>
    public static (int[] Order, int[][] Structure)? Order(int n, ReadOnlySpan<int> cliqueStart, ReadOnlySpan<int> cliqueNodes, long maxOffDiagonal)
    {
        var graph = new CliqueMinimumDegree(n, cliqueStart, cliqueNodes);
        return graph.Run(maxOffDiagonal);
    }

    private int NewElement(int[] members)
    {
        var weight = 0L;
        foreach (var v in members)
        {
            weight += _nv[v];
        }

        _members.Add(members);
        _weight.Add(weight);
        _alive.Add(true);
        return _members.Count - 1;
    }

    private (int[] Order, int[][] Structure)? Run(long maxOffDiagonal)
    {
        var n = _n;
        Merge(Enumerable.Range(0, n).Where(v => _elementsOf[v].Count > 0).ToList());

        // A heap with lazy deletion: a node's entry goes stale when its degree changes or it is merged or eliminated, and
        // stale entries are skipped when they come up. Nodes come out by least degree, then lowest number, as with a sorted
        // set, without a tree's rebalancing and allocation per update.
        var queue = new PriorityQueue<int, (long Degree, int Node)>();
        for (var v = 0; v < n; v++)
        {
            if (_nv[v] > 0)
            {
                _stamp++;
                _mark[v] = _stamp;
                var degree = 0L;
                foreach (var e in _elementsOf[v])
                {
                    foreach (var u in _members[e])
                    {
                        if (_nv[u] > 0 && _mark[u] != _stamp)
                        {
                            _mark[u] = _stamp;
                            degree += _nv[u];
                        }
                    }
                }

                _degree[v] = degree;
                queue.Enqueue(v, (degree, v));
            }
        }

        var order = new int[n];

        // Each supervariable's members and the neighbours they share; the columns are written out only once the factor is
        // known to fit, so an analysis that gives up has not paid for them.
        var steps = new List<(List<int> Members, int[] Neighbours)>();
        var eliminated = 0;
        var entries = 0L;
        var pattern = new List<int>();
        var w = new long[_members.Count];
        var wMark = new int[_members.Count];
        while (queue.TryDequeue(out var p, out var key))
        {
            if (_nv[p] == 0 || _degree[p] != key.Degree)
            {
                continue;
            }

            // Lₚ: the live neighbours of p, the union of its elements' members.
            _stamp++;
            _mark[p] = _stamp;
            pattern.Clear();
            var patternWeight = 0L;
            foreach (var e in _elementsOf[p])
            {
                if (!_alive[e])
                {
                    continue;
                }

                foreach (var u in _members[e])
                {
                    if (_nv[u] > 0 && _mark[u] != _stamp)
                    {
                        _mark[u] = _stamp;
                        pattern.Add(u);
                        patternWeight += _nv[u];
                    }
                }

                _alive[e] = false;
            }

            // The supervariable's columns: each holds the members after it and every node of Lₚ.
            var members = _super[p];
            var size = members.Count;
            entries += ((long)size * (size - 1) / 2) + (size * patternWeight);
            if (entries > maxOffDiagonal)
            {
                return null;
            }

            var neighbours = new int[patternWeight];
            var filled = 0;
            foreach (var u in pattern)
            {
                _super[u].CopyTo(neighbours, filled);
                filled += _super[u].Count;
            }

            members.CopyTo(order, eliminated);
            steps.Add((members, neighbours));
            eliminated += size;
            _nv[p] = 0;
            _elementsOf[p].Clear();
            if (pattern.Count == 0)
            {
                continue;
            }

            var element = NewElement([.. pattern]);
            if (w.Length < _members.Count)
            {
                Array.Resize(ref w, 2 * _members.Count);
                Array.Resize(ref wMark, 2 * _members.Count);
            }

            // |Lₑ \ Lₚ| for every element e next to Lₚ: its weight less the weight of its members in Lₚ.
            _stamp++;
            foreach (var i in pattern)
            {
                var list = _elementsOf[i];
                RemoveAbsorbed(list);
                foreach (var e in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list))
                {
                    if (wMark[e] != _stamp)
                    {
                        wMark[e] = _stamp;
                        w[e] = _weight[e];
                    }

                    w[e] -= _nv[i];
                }
            }

            // An element inside Lₚ adds nothing Lₚ does not: it is absorbed.
            foreach (var i in pattern)
            {
                foreach (var e in _elementsOf[i])
                {
                    if (w[e] == 0)
                    {
                        _alive[e] = false;
                    }
                }
            }

            foreach (var i in pattern)
            {
                RemoveAbsorbed(_elementsOf[i]);
                _elementsOf[i].Add(element);
            }

            Merge(pattern);
            var remaining = (long)n - eliminated;
            foreach (var i in pattern)
            {
                var before = _degree[i];
                if (_nv[i] == 0)
                {
                    continue;
                }

                var external = patternWeight - _nv[i];
                foreach (var e in _elementsOf[i])
                {
                    if (e != element)
                    {
                        external += w[e];
                    }
                }

                var degree = Math.Min(Math.Min(external, remaining - _nv[i]), before + patternWeight - _nv[i]);
                _degree[i] = Math.Max(degree, 0);
                queue.Enqueue(i, (_degree[i], i));
            }
        }

        var structure = new int[n][];
        foreach (var (members, neighbours) in steps)
        {
            var size = members.Count;
            for (var t = 0; t < size; t++)
            {
                var column = new int[size - 1 - t + neighbours.Length];
                members.CopyTo(t + 1, column, 0, size - 1 - t);
                neighbours.CopyTo(column, size - 1 - t);
                structure[members[t]] = column;
            }
        }

        return (order, structure);
    }

    /// <summary>Drops the absorbed elements from a node's list, in place, keeping the order of the rest.</summary>
    private void RemoveAbsorbed(List<int> list)
    {
        var elements = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list);
        var kept = 0;
        foreach (var e in elements)
        {
            if (_alive[e])
            {
                elements[kept++] = e;
            }
        }

        list.RemoveRange(kept, list.Count - kept);
    }

    /// <summary>Merges the nodes of <paramref name="candidates"/> that belong to exactly the same elements into supervariables.</summary>
    private void Merge(List<int> candidates)
    {
        // Candidates by (hash of their element list, position): equal lists sit in one run, in candidate order, and the
        // first of a run absorbs the later ones equal to it, so merges follow the candidates' order (deterministic).
        if (_hashed.Length < candidates.Count)
        {
            _hashed = new (long, int, int)[Math.Max(candidates.Count, 2 * _hashed.Length)];
        }

        var count = 0;
        for (var position = 0; position < candidates.Count; position++)
        {
            var i = candidates[position];
            if (_nv[i] == 0)
            {
                continue;
            }

            var list = _elementsOf[i];
            list.Sort();
            var key = (long)list.Count;
            foreach (var e in list)
            {
                key = unchecked((key * 1_000_003) + e);
            }

            _hashed[count++] = (key, position, i);
        }

        var hashed = _hashed.AsSpan(0, count);
        hashed.Sort();
        for (var start = 0; start < count;)
        {
            var end = start + 1;
            while (end < count && hashed[end].Key == hashed[start].Key)
            {
                end++;
            }

            for (var a = start; a < end; a++)
            {
                var r = hashed[a].Node;
                for (var b = a + 1; b < end && _nv[r] > 0; b++)
                {
                    var i = hashed[b].Node;
                    if (_nv[i] > 0 && _elementsOf[r].SequenceEqual(_elementsOf[i]))
                    {
                        _nv[r] += _nv[i];
                        _nv[i] = 0;
                        _super[r].AddRange(_super[i]);
                        _super[i] = [];
                        _elementsOf[i] = [];
                    }
                }
            }

            start = end;
        }
    }
}
