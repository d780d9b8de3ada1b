using Readiness.Internal;

namespace Readiness.Fairness.Internal;

/// <summary>
/// The audit's tests under "the group does not matter": the compared people's selections shuffled among them, the
/// margins fixed. Gives the Monte-Carlo Freeman–Halton p-value when the exact walk is too large, and each group's
/// p-value adjusted for the number of groups tested and for the reference having been chosen as the most-selected group
/// (Westfall and Young's single-step minP: in every shuffle the reference is chosen again by the same rule, every other
/// group is tested against it, and the smallest p-value is kept; a group's adjusted p-value is the share of shuffles
/// whose smallest p-value is at most the group's own).
/// </summary>
internal sealed class SelectionPermutations
{
    private readonly int[] _sizes;
    private readonly int[] _selected;
    private readonly LogFactorials _logFactorials;
    /// <summary>The most Fisher p-values remembered at once (tables met again and again in the shuffles).</summary>
    private const int LargestCache = 1 << 20;

    private readonly Dictionary<(int, int, int, int), double> _fisher = [];

    /// <param name="sizes">Each compared group's people, in the audit's (name) order.</param>
    /// <param name="selected">Each compared group's selected people.</param>
    /// <param name="logFactorials">log n! up to the compared total.</param>
    public SelectionPermutations(int[] sizes, int[] selected, LogFactorials logFactorials) =>
        (_sizes, _selected, _logFactorials) = (sizes, selected, logFactorials);

    /// <summary>
    /// The reference among groups with these selections: the highest rate, then the larger group, then the first in
    /// order. Rates are compared by cross-multiplying, exactly.
    /// </summary>
    public static int Reference(IReadOnlyList<int> sizes, IReadOnlyList<int> selected)
    {
        var best = 0;
        for (var i = 1; i < sizes.Count; i++)
        {
            var higher = ((long)selected[i] * sizes[best]).CompareTo((long)selected[best] * sizes[i]);
            if (higher > 0 || (higher == 0 && sizes[i] > sizes[best]))
            {
                best = i;
            }
        }

        return best;
    }

    /// <summary>Fisher's two-sided p-value of group <paramref name="group"/> against group <paramref name="reference"/>.</summary>
    public double FisherP(int group, int reference, IReadOnlyList<int> selected)
    {
        var key = (_sizes[group], selected[group], _sizes[reference], selected[reference]);
        if (!_fisher.TryGetValue(key, out var p))
        {
            if (_fisher.Count >= LargestCache)
            {
                // Shuffles of many large groups meet ever new tables: memory stays bounded, at the cost of recomputing.
                _fisher.Clear();
            }

            p = FisherExactTest.TwoSided(selected[group], _sizes[group] - selected[group], selected[reference], _sizes[reference] - selected[reference], _logFactorials);
            _fisher[key] = p;
        }

        return p;
    }

    /// <summary>
    /// Shuffles the selections <paramref name="draws"/> times and returns the Monte-Carlo Freeman–Halton p-value
    /// ((1 + tables at most as probable as the observed) / (1 + draws), as R's <c>simulate.p.value</c>) and the
    /// adjusted p-value of each group (null for the observed reference and any group identical to it).
    /// </summary>
    public (double Omnibus, double?[] Adjusted) Run(int draws, int seed)
    {
        var k = _sizes.Length;
        var labels = new int[_sizes.Sum()];
        for (int g = 0, at = 0; g < k; g++)
        {
            labels.AsSpan(at, _sizes[g]).Fill(g);
            at += _sizes[g];
        }

        var chosen = _selected.Sum();
        var observedLog = Enumerable.Range(0, k).Sum(g => _logFactorials.Choose(_sizes[g], _selected[g]));
        var reference = Reference(_sizes, _selected);
        var observedP = Enumerable.Range(0, k).Select(g => IsReference(g, reference, _selected) ? (double?)null : FisherP(g, reference, _selected)).ToArray();

        var random = new Random(seed);
        var counts = new int[k];
        var smallest = new double[draws];
        var asExtreme = 0;
        for (var b = 0; b < draws; b++)
        {
            Array.Clear(counts);

            // A partial Fisher–Yates shuffle: the first `chosen` places are a uniformly drawn set of the selected.
            for (var i = 0; i < chosen; i++)
            {
                var j = random.Next(i, labels.Length);
                (labels[i], labels[j]) = (labels[j], labels[i]);
                counts[labels[i]]++;
            }

            var log = 0.0;
            for (var g = 0; g < k; g++)
            {
                log += _logFactorials.Choose(_sizes[g], counts[g]);
            }

            if (log <= observedLog + FisherExactTest.RelativeTolerance)
            {
                asExtreme++;
            }

            var shuffledReference = Reference(_sizes, counts);
            var min = 1.0;
            for (var g = 0; g < k; g++)
            {
                if (!IsReference(g, shuffledReference, counts))
                {
                    min = Math.Min(min, FisherP(g, shuffledReference, counts));
                }
            }

            smallest[b] = min;
        }

        Array.Sort(smallest);
        // Never below the unadjusted p-value: the shuffles estimate the adjustment, and an estimate under it is noise.
        var adjusted = observedP.Select(p => p is { } observed
            ? (double?)Math.Max(observed, (1.0 + SortedSearch.UpperBound(smallest, observed * (1 + FisherExactTest.RelativeTolerance))) / (draws + 1))
            : null).ToArray();
        return ((1.0 + asExtreme) / (draws + 1), adjusted);
    }

    private bool IsReference(int group, int reference, int[] selected) =>
        _sizes[group] == _sizes[reference] && selected[group] == selected[reference];
}
