namespace Readiness.Fairness.Internal;

/// <summary>
/// Which groups of a set of audit tables written together must be suppressed so that no small count can be recovered
/// from the others: not by subtracting a table's shown groups from its total, nor by combining an attribute's table with
/// the intersection table (a margin minus the other cells of its row), nor through the counts of people whose category
/// is unknown.
/// </summary>
/// <remarks>
/// <para>
/// The attacker is assumed to know every number shown: each shown group's people and selected, each table's count of
/// people with an unknown category, and the totals (and, to be safe, the selections among the unknown). All of these are
/// sums over the finest cells — one per combination of categories (or "unknown") on every audited attribute — so a
/// suppressed group is disclosed exactly when its cells' indicator lies in the span of the shown sums. The same span
/// protects the selected counts, which are the same sums over the selections.
/// </para>
/// <para>
/// Complementary suppression is greedy, cheapest first: for each disclosed group, every single shown group (in any
/// table) and every hypercube of the group's own table (the other corners of a box spanned by one other category per
/// attribute — a rectangle in a two-way table, as the hypercube method of statistical agencies does) is tried, and the
/// set that hides the group with the fewest people is suppressed — every set tied at that cost, so that the choice never
/// rests on names. When none does, every pair of shown groups in any tables is tried the same way (a group whose table
/// is hidden whole can still be given away by another table: its complement is one shown cell when everyone in it shares
/// a category on the other attribute); when no pair does either, the whole table is suppressed, or every group shown
/// once the table is hidden already.
/// </para>
/// </remarks>
internal sealed class DisclosureControl
{
    private const double Tolerance = 1e-9;

    private readonly int _columns;
    private readonly List<Group> _groups = [];
    private readonly List<double[]> _fixedRows = [];

    /// <param name="cells">The finest cells: each one's category per attribute (null when unknown) and people.</param>
    /// <param name="tables">Each table's attributes, as indices into the cells' categories.</param>
    public DisclosureControl(IReadOnlyList<(string?[] Categories, int People)> cells, IReadOnlyList<int[]> tables)
    {
        _columns = cells.Count;
        _fixedRows.Add([.. Enumerable.Repeat(1.0, _columns)]);
        for (var t = 0; t < tables.Count; t++)
        {
            var attributes = tables[t];
            var missing = new double[_columns];
            var byKey = new Dictionary<string, Group>(StringComparer.OrdinalIgnoreCase);
            for (var c = 0; c < cells.Count; c++)
            {
                var categories = attributes.Select(a => cells[c].Categories[a]).ToArray();
                if (categories.Any(x => x is null))
                {
                    missing[c] = 1;
                    continue;
                }

                var key = string.Join(" × ", categories);
                if (!byKey.TryGetValue(key, out var group))
                {
                    group = new Group(t, key, [.. categories.Select(x => x!)], new double[_columns]);
                    byKey.Add(key, group);
                    _groups.Add(group);
                }

                group.Indicator[c] = 1;
                group.People += cells[c].People;
            }

            if (missing.Any(x => x != 0))
            {
                _fixedRows.Add(missing);
            }
        }
    }

    /// <summary>Returns, per table, the keys of the groups to suppress: <paramref name="primary"/> and their complements.</summary>
    /// <param name="primary">Per table, the keys of the groups too small to show.</param>
    public HashSet<string>[] Suppress(IReadOnlyList<IReadOnlySet<string>> primary)
    {
        foreach (var g in _groups)
        {
            g.Suppressed = primary[g.Table].Contains(g.Key);
        }

        var sensitive = _groups.Where(g => g.Suppressed).ToArray();
        while (sensitive.FirstOrDefault(IsDisclosed) is { } disclosed)
        {
            HideWithFewestPeople(disclosed);
        }

        var result = new HashSet<string>[primary.Count];
        for (var t = 0; t < result.Length; t++)
        {
            result[t] = new HashSet<string>(_groups.Where(g => g.Table == t && g.Suppressed).Select(g => g.Key), StringComparer.OrdinalIgnoreCase);
        }

        return result;
    }

    private void HideWithFewestPeople(Group disclosed)
    {
        var shown = _groups.Where(g => !g.Suppressed).ToArray();
        var chosen = Cheapest(disclosed, shown.Select(g => new[] { g }).Concat(Hypercubes(disclosed, shown)));

        // Nothing short of its table hides it, or its table is hidden already and another table's groups give it away
        // (a margin known as the one cell it lives in): two shown groups, any tables, cheapest first.
        chosen = chosen.Count > 0 ? chosen : Cheapest(disclosed, Pairs(shown));
        var ownTable = shown.Where(g => g.Table == disclosed.Table).ToArray();
        var suppress = chosen.Count > 0 ? chosen.SelectMany(s => s) : ownTable.Length > 0 ? ownTable : shown;
        var any = false;
        foreach (var g in suppress)
        {
            any |= !g.Suppressed;
            g.Suppressed = true;
        }

        if (!any)
        {
            // Nothing is shown but the totals and the unknown counts: nothing more can be hidden, and the loop must not ask again.
            disclosed.Unprotectable = true;
        }
    }

    /// <summary>The sets, of those offered, that hide the group with the fewest people: every one tied at that cost, so that the choice never rests on names.</summary>
    private List<Group[]> Cheapest(Group disclosed, IEnumerable<Group[]> candidates)
    {
        var (cost, chosen) = (int.MaxValue, new List<Group[]>());
        foreach (var set in candidates)
        {
            var people = set.Sum(g => g.People);
            if (people > cost || !HidesWith(disclosed, set))
            {
                continue;
            }

            if (people < cost)
            {
                (cost, chosen) = (people, []);
            }

            chosen.Add(set);
        }

        return chosen;
    }

    /// <summary>Every pair of the groups, fewest people first (so the search stops paying for span checks past the cheapest that hides).</summary>
    private static IEnumerable<Group[]> Pairs(Group[] shown) =>
        shown.SelectMany((a, i) => shown.Skip(i + 1).Select(b => new[] { a, b })).OrderBy(pair => pair[0].People + pair[1].People);

    /// <summary>The other corners of every box spanned by the group and one other category on each of its table's attributes, when all are shown.</summary>
    private IEnumerable<Group[]> Hypercubes(Group group, Group[] shown)
    {
        var inTable = shown.Where(g => g.Table == group.Table).ToDictionary(g => g.Key, StringComparer.OrdinalIgnoreCase);
        var width = group.Categories.Length;
        if (width < 2)
        {
            yield break;
        }

        var alternatives = Enumerable.Range(0, width).Select(a => _groups.Where(g => g.Table == group.Table).Select(g => g.Categories[a])
            .Where(c => !string.Equals(c, group.Categories[a], StringComparison.OrdinalIgnoreCase)).Distinct(StringComparer.OrdinalIgnoreCase).ToArray()).ToArray();
        foreach (var other in Product(alternatives))
        {
            var corners = new List<Group>();
            var complete = true;
            for (var mask = 1; mask < 1 << width && complete; mask++)
            {
                var key = string.Join(" × ", Enumerable.Range(0, width).Select(a => (mask & (1 << a)) != 0 ? other[a] : group.Categories[a]));
                if (inTable.TryGetValue(key, out var corner))
                {
                    corners.Add(corner);
                }
                else
                {
                    complete = _groups.Any(g => g.Table == group.Table && g.Suppressed && string.Equals(g.Key, key, StringComparison.OrdinalIgnoreCase));
                }
            }

            if (complete && corners.Count > 0)
            {
                yield return [.. corners];
            }
        }
    }

    private static IEnumerable<string[]> Product(string[][] choices)
    {
        IEnumerable<string[]> partial = [[]];
        foreach (var choice in choices)
        {
            var before = partial;
            partial = before.SelectMany(p => choice.Select(c => (string[])[.. p, c]));
        }

        return partial;
    }

    private bool IsDisclosed(Group group) => !group.Unprotectable && InSpan(group.Indicator, Shown([]));

    private bool HidesWith(Group group, Group[] alsoHidden) => !InSpan(group.Indicator, Shown(alsoHidden));

    private IEnumerable<double[]> Shown(Group[] alsoHidden) =>
        _fixedRows.Concat(_groups.Where(g => !g.Suppressed && Array.IndexOf(alsoHidden, g) < 0).Select(g => g.Indicator));

    /// <summary>Whether <paramref name="target"/> is a linear combination of <paramref name="rows"/> (modified Gram–Schmidt, twice for stability).</summary>
    private bool InSpan(double[] target, IEnumerable<double[]> rows)
    {
        var basis = new List<double[]>();
        foreach (var row in rows)
        {
            var residual = Residual(row, basis);
            var norm = Math.Sqrt(Dot(residual, residual));
            if (norm > Tolerance)
            {
                for (var i = 0; i < _columns; i++)
                {
                    residual[i] /= norm;
                }

                basis.Add(residual);
            }
        }

        var left = Residual(target, basis);
        return Math.Sqrt(Dot(left, left)) <= Tolerance * Math.Max(1, Math.Sqrt(Dot(target, target)));
    }

    private static double[] Residual(double[] vector, List<double[]> basis)
    {
        var residual = (double[])vector.Clone();
        for (var pass = 0; pass < 2; pass++)
        {
            foreach (var b in basis)
            {
                var projection = Dot(residual, b);
                for (var i = 0; i < residual.Length; i++)
                {
                    residual[i] -= projection * b[i];
                }
            }
        }

        return residual;
    }

    private static double Dot(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    private sealed class Group(int table, string key, string[] categories, double[] indicator)
    {
        public int Table { get; } = table;

        public string Key { get; } = key;

        public string[] Categories { get; } = categories;

        public double[] Indicator { get; } = indicator;

        public int People { get; set; }

        public bool Suppressed { get; set; }

        public bool Unprotectable { get; set; }
    }
}
