namespace Readiness.Fairness.Internal;

/// <summary>
/// The Fisher–Freeman–Halton exact test of a 2 × k table (selected and not selected by group): the probability, with
/// every margin fixed, of the tables no more probable than the one observed — R's <c>fisher.test</c> on an r × c table.
/// </summary>
/// <remarks>
/// The tables are walked group by group as Mehta and Patel's network algorithm walks them: a partial table whose every
/// completion is at most as probable as the observed one adds all its completions at once (their total is a binomial
/// coefficient, by Vandermonde's identity), one none of whose completions can be is dropped, and only partial tables
/// that straddle the observed probability are extended; partial tables with the same remaining count and the same
/// probability so far are merged. The bounds on the completions come from a dynamic programme over (group, remaining
/// count). Groups are taken smallest first, so that the two largest — whose completions are summed directly — come last.
/// </remarks>
internal static class FreemanHaltonTest
{
    /// <summary>The most partial tables extended before the walk gives up (the caller then draws tables at random).</summary>
    public const int DefaultBudget = 4_000_000;

    /// <summary>The largest groups × selected product the bounds' dynamic programme is built for.</summary>
    private const long LargestBoundsWork = 50_000_000;

    /// <summary>The exact p-value, or null when the table is too large for the walk within <paramref name="budget"/>.</summary>
    /// <param name="sizes">Each group's people.</param>
    /// <param name="selected">Each group's selected people.</param>
    /// <param name="logFactorials">log n! up to the total.</param>
    /// <param name="budget">The most partial tables to extend.</param>
    public static double? Exact(IReadOnlyList<int> sizes, IReadOnlyList<int> selected, LogFactorials logFactorials, int budget = DefaultBudget)
    {
        var k = sizes.Count;
        if (k < 2)
        {
            return 1;
        }

        var order = Enumerable.Range(0, k).OrderBy(i => sizes[i]).ToArray();
        var n = order.Select(i => sizes[i]).ToArray();
        var total = n.Sum();
        var chosen = order.Sum(i => selected[i]);
        if ((long)total * (chosen + 1) > LargestBoundsWork)
        {
            return null;
        }

        var threshold = order.Sum(i => logFactorials.Choose(sizes[i], selected[i])) + FisherExactTest.RelativeTolerance;
        var logAll = logFactorials.Choose(total, chosen);
        var rest = new int[k + 1];
        for (var i = k - 1; i >= 0; i--)
        {
            rest[i] = rest[i + 1] + n[i];
        }

        var (most, least) = Bounds(n, rest, chosen, logFactorials);
        var lastTwo = new LastTwoGroups(n[k - 2], n[k - 1], logFactorials);
        var p = 0.0;
        var extended = 0;

        // Partial tables that straddle the observed probability, by remaining count and (rounded) log-probability so far.
        var stage = new Dictionary<(int Remaining, long Key), (double Log, double Paths)>();
        Place(stage, 0, chosen, 0, 1);
        for (var i = 0; i < k - 2 && stage.Count > 0; i++)
        {
            var next = new Dictionary<(int Remaining, long Key), (double Log, double Paths)>();
            foreach (var ((r, _), (log, paths)) in stage)
            {
                if ((extended += Math.Min(n[i], r) + 1) > budget)
                {
                    return null;
                }

                var (low, high) = (Math.Max(0, r - rest[i + 1]), Math.Min(n[i], r));
                for (var x = low; x <= high; x++)
                {
                    Place(next, i + 1, r - x, log + logFactorials.Choose(n[i], x), paths);
                }
            }

            stage = next;
        }

        foreach (var ((r, _), (log, paths)) in stage)
        {
            p += paths * Math.Exp(log + logFactorials.Choose(rest[k - 2], r) - logAll) * lastTwo.TailProbability(r, threshold - log);
        }

        return Math.Min(1, p);

        // A partial table at stage i with r still to place: counted whole, dropped, or kept to be extended.
        void Place(Dictionary<(int Remaining, long Key), (double Log, double Paths)> at, int i, int r, double log, double paths)
        {
            if (log + most[i][r] <= threshold)
            {
                p += paths * Math.Exp(log + logFactorials.Choose(rest[i], r) - logAll);
            }
            else if (log + least[i][r] <= threshold)
            {
                var key = (r, (long)Math.Round(log * 1e8));
                at[key] = at.TryGetValue(key, out var merged) ? (merged.Log, merged.Paths + paths) : (log, paths);
            }
        }
    }

    /// <summary>
    /// The most and least probable completions (as Σ log C(n_j, x_j) over groups j ≥ i) of each remaining count r, or
    /// ±∞ where r cannot be placed in the remaining groups.
    /// </summary>
    private static (double[][] Most, double[][] Least) Bounds(int[] n, int[] rest, int chosen, LogFactorials logFactorials)
    {
        var k = n.Length;
        var most = new double[k][];
        var least = new double[k][];
        for (var i = k - 1; i >= 0; i--)
        {
            most[i] = new double[chosen + 1];
            least[i] = new double[chosen + 1];
            for (var r = 0; r <= chosen; r++)
            {
                var (high, low) = (double.NegativeInfinity, double.PositiveInfinity);
                var (from, to) = i == k - 1 ? (r, r) : (Math.Max(0, r - rest[i + 1]), Math.Min(n[i], r));
                for (var x = from; x <= Math.Min(to, n[i]); x++)
                {
                    var here = logFactorials.Choose(n[i], x);
                    var (after, afterLow) = i == k - 1 ? (0.0, 0.0) : (most[i + 1][r - x], least[i + 1][r - x]);
                    high = Math.Max(high, here + after);
                    low = Math.Min(low, here + afterLow);
                }

                (most[i][r], least[i][r]) = (high, low);
            }
        }

        return (most, least);
    }

    /// <summary>
    /// The last two groups, whose counts x and r − x given the remaining r follow a hypergeometric distribution, log-concave
    /// in x: the completions at most as probable as a bound form its two tails, found by bisection on each side of the mode
    /// and summed from cumulative probabilities built once per r.
    /// </summary>
    private sealed class LastTwoGroups(int first, int second, LogFactorials logFactorials)
    {
        private readonly Dictionary<int, (int Low, double[] Density, double[] Below, double[] Above)> _byRemaining = [];

        /// <summary>P(log C(first, x) + log C(second, r − x) ≤ bound) under the hypergeometric distribution of x given r.</summary>
        public double TailProbability(int r, double bound)
        {
            var (low, density, below, above) = Distribution(r);
            var high = low + density.Length - 1;
            var mode = low;
            for (int a = low, b = high; a <= b;)
            {
                // The first x from which the log-probability no longer rises: the mode.
                var mid = (a + b) >>> 1;
                if (mid < high && Log(r, mid + 1) > Log(r, mid))
                {
                    a = mid + 1;
                }
                else
                {
                    (mode, b) = (mid, mid - 1);
                }
            }

            // Below the mode the log-probability rises: the last x ≤ mode at or under the bound.
            var left = low - 1;
            for (int a = low, b = mode; a <= b;)
            {
                var mid = (a + b) >>> 1;
                (a, b, left) = Log(r, mid) <= bound ? (mid + 1, b, mid) : (a, mid - 1, left);
            }

            // Above it the log-probability falls: the first x > mode at or under the bound.
            var right = high + 1;
            for (int a = mode + 1, b = high; a <= b;)
            {
                var mid = (a + b) >>> 1;
                (a, b, right) = Log(r, mid) <= bound ? (a, mid - 1, mid) : (mid + 1, b, right);
            }

            return (left < low ? 0 : below[left - low]) + (right > high ? 0 : above[right - low]);
        }

        private double Log(int r, int x) => logFactorials.Choose(first, x) + logFactorials.Choose(second, r - x);

        private (int Low, double[] Density, double[] Below, double[] Above) Distribution(int r)
        {
            if (_byRemaining.TryGetValue(r, out var found))
            {
                return found;
            }

            var (low, high) = (Math.Max(0, r - second), Math.Min(first, r));
            var all = logFactorials.Choose(first + second, r);
            var density = new double[high - low + 1];
            for (var x = low; x <= high; x++)
            {
                density[x - low] = Math.Exp(Log(r, x) - all);
            }

            // Cumulative from each end, so that neither tail is a difference of numbers near 1.
            var (below, above) = (new double[density.Length], new double[density.Length]);
            for (var j = 0; j < density.Length; j++)
            {
                below[j] = density[j] + (j > 0 ? below[j - 1] : 0);
            }

            for (var j = density.Length - 1; j >= 0; j--)
            {
                above[j] = density[j] + (j < density.Length - 1 ? above[j + 1] : 0);
            }

            return _byRemaining[r] = (low, density, below, above);
        }
    }
}
