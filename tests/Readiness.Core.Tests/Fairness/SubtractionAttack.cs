using System.Numerics;
using Readiness.Fairness;

namespace Readiness.Core.Tests.Fairness;

/// <summary>
/// An attacker who reads every number a set of audits shows — each shown group's people and selected, each table's
/// unknown-category count and total, which groups exist — and, given also the selections among the people of unknown
/// category, solves exactly (rational Gaussian elimination) for the people and selected of every suppressed group; and who
/// uses that counts are never negative: a sum of none makes every cell in it empty, and it reads a table's suppressed groups as all unselected (or all selected) when their total says so.
/// </summary>
internal static class SubtractionAttack
{
    /// <summary>Every suppressed group whose people or selected the attacker recovers, with what was recovered.</summary>
    /// <param name="audits">Audits of one outcome, published together.</param>
    /// <param name="selectedAmongUnknown">Per audit, the selected among its people of unknown category.</param>
    /// <param name="totalSelected">The selected among everyone (known from the scores).</param>
    public static List<string> Recovered(IReadOnlyList<AdverseImpactAudit> audits, IReadOnlyList<int> selectedAmongUnknown, int totalSelected)
    {
        var attributes = audits.SelectMany(a => a.Attributes).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var categories = attributes.Select(name => audits.Where(a => a.Attributes.Contains(name, StringComparer.OrdinalIgnoreCase))
            .SelectMany(a => a.Groups.Select(g => g.Categories[a.Attributes.IndexOf(a.Attributes.First(x => string.Equals(x, name, StringComparison.OrdinalIgnoreCase)))]))
            .Distinct(StringComparer.OrdinalIgnoreCase).Append(null).ToArray()).ToArray();

        // The unknowns: one count per combination of categories (or unknown) on every attribute.
        var cells = Product(categories).ToArray();
        var (people, selected) = (new List<(BigInteger[] Row, BigInteger Value)>(), new List<(BigInteger[] Row, BigInteger Value)>());
        var hidden = new List<(string Name, BigInteger[] Row)>();
        for (var t = 0; t < audits.Count; t++)
        {
            var audit = audits[t];
            var index = audit.Attributes.Select(a => Array.FindIndex(attributes, x => string.Equals(x, a, StringComparison.OrdinalIgnoreCase))).ToArray();
            BigInteger[] Where(Func<string?[], bool> keep) => [.. cells.Select(c => keep(c) ? BigInteger.One : BigInteger.Zero)];
            bool Matches(string?[] cell, IReadOnlyList<string> group) => index.Select((a, i) => string.Equals(cell[a], group[i], StringComparison.OrdinalIgnoreCase)).All(x => x);

            people.Add((Where(_ => true), audit.Audited + audit.MissingDemographics));
            var unknown = Where(c => index.Any(a => c[a] is null));
            people.Add((unknown, audit.MissingDemographics));
            selected.Add((unknown, selectedAmongUnknown[t]));
            foreach (var g in audit.Groups)
            {
                var row = Where(c => Matches(c, g.Categories));
                if (g.Status == GroupStatus.Suppressed)
                {
                    hidden.Add(($"{string.Join(" × ", audit.Attributes)}: {g.Group}", row));
                    continue;
                }

                people.Add((row, g.Count!.Value));
                selected.Add((row, g.Selected!.Value));
            }

            // A combination the table does not list has no one in it.
            foreach (var absent in Product(index.Select(a => categories[a][..^1]).ToArray()).Where(combo => !audit.Groups.Any(g => g.Categories.SequenceEqual(combo.Select(x => x!), StringComparer.OrdinalIgnoreCase))))
            {
                var row = Where(c => Matches(c, [.. absent.Select(x => x!)]));
                people.Add((row, 0));
                selected.Add((row, 0));
            }
        }

        // Counts cannot be negative: an equation of people summing to none makes each of its cells empty.
        foreach (var (row, _) in people.Where(e => e.Value.IsZero).ToArray())
        {
            for (var c = 0; c < cells.Length; c++)
            {
                if (!row[c].IsZero)
                {
                    BigInteger[] unit = [.. cells.Select((_, i) => i == c ? BigInteger.One : BigInteger.Zero)];
                    people.Add((unit, 0));
                    selected.Add((unit, 0));
                }
            }
        }

        var found = new List<string>();
        foreach (var (name, row) in hidden)
        {
            if (Solve(people, row) is { } count)
            {
                found.Add($"{name} has {count} people");
            }

            if (Solve(selected, row) is { } chosen)
            {
                found.Add($"{name} has {chosen} selected");
            }
        }

        // The bounds attack: a table's suppressed groups with no one (or everyone) selected among them.
        for (var t = 0; t < audits.Count; t++)
        {
            var audit = audits[t];
            if (audit.Groups.Count(g => g.Status == GroupStatus.Suppressed) > 1)
            {
                var shown = audit.Groups.Where(g => g.Status != GroupStatus.Suppressed).ToArray();
                var hiddenPeople = audit.Audited - shown.Sum(g => g.Count!.Value);
                var hiddenSelected = totalSelected - selectedAmongUnknown[t] - shown.Sum(g => g.Selected!.Value);
                var audited = totalSelected - selectedAmongUnknown[t];

                // Not when the totals alone say it (no one, or everyone, audited was selected): that is no leak of the table's.
                if ((hiddenSelected == 0 || hiddenSelected == hiddenPeople) && audited != 0 && audited != audit.Audited)
                {
                    found.Add($"{string.Join(" × ", audit.Attributes)}: every suppressed group has {(hiddenSelected == 0 ? "no one" : "everyone")} selected");
                }
            }
        }

        return found;
    }

    /// <summary>The value of <paramref name="target"/>·x when the equations determine it, else null.</summary>
    private static BigInteger? Solve(List<(BigInteger[] Row, BigInteger Value)> equations, BigInteger[] target)
    {
        // Reduce the equations to echelon form (fraction-free), then the target against them.
        var rows = equations.Select(e => (Row: (BigInteger[])e.Row.Clone(), e.Value)).ToList();
        var pivots = new List<(int Column, BigInteger[] Row, BigInteger Value)>();
        foreach (var (row, value) in rows)
        {
            var (r, v) = Reduce(row, value, pivots);
            var column = Array.FindIndex(r, x => !x.IsZero);
            if (column >= 0)
            {
                // Divide out the common factor, so that the integers stay small.
                var divisor = r.Aggregate(BigInteger.Abs(v), BigInteger.GreatestCommonDivisor);
                pivots.Add((column, [.. r.Select(x => x / divisor)], v / divisor));
            }
        }

        var (left, result) = Reduce((BigInteger[])target.Clone(), BigInteger.Zero, pivots);
        if (left.Any(x => !x.IsZero))
        {
            return null;
        }

        // target = Σ λ·rows, tracked as target − Σ λ·rows = 0 with value 0 − Σ λ·values: the value is −result.
        return -result;
    }

    private static (BigInteger[] Row, BigInteger Value) Reduce(BigInteger[] row, BigInteger value, List<(int Column, BigInteger[] Row, BigInteger Value)> pivots)
    {
        var scale = BigInteger.One;
        foreach (var (column, pivotRow, pivotValue) in pivots)
        {
            if (row[column].IsZero)
            {
                continue;
            }

            // row ← pivot[column]·row − row[column]·pivot, keeping integers; the value follows, and the scale records the factor.
            var (a, b) = (pivotRow[column], row[column]);
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = (a * row[i]) - (b * pivotRow[i]);
            }

            value = (a * value) - (b * pivotValue);
            scale *= a;
        }

        if (scale != BigInteger.One && row.All(x => x.IsZero))
        {
            // Only the value matters once the row is gone: undo the scaling (exact when the target is determined).
            value /= scale;
        }

        return (row, value);
    }

    private static IEnumerable<string?[]> Product(string?[][] choices)
    {
        IEnumerable<string?[]> partial = [[]];
        foreach (var choice in choices)
        {
            var before = partial;
            partial = before.SelectMany(p => choice.Select(c => (string?[])[.. p, c]));
        }

        return partial;
    }
}
