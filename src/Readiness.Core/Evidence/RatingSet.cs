using System.Collections.Immutable;
using Readiness.Competencies;

namespace Readiness.Evidence;

/// <summary>An immutable, columnar set of accepted ratings in one competency model.</summary>
/// <remarks>
/// <para>
/// Ids are interned to integer indices and every field lives in its own contiguous array, so calibration runs over
/// spans rather than object graphs. Ratees, raters and cycles are numbered in ordinal id order, competencies in model
/// order, and rows are kept in one canonical order (ratee, competency, rater, cycle, source): whatever order the rows
/// were submitted in, the set — and so every result computed from it — is the same, bit for bit.
/// </para>
/// <para>Created only by <see cref="RatingSetBuilder"/>, which checks every row.</para>
/// </remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed class RatingSet
{
    private readonly int[] _ratee;
    private readonly int[] _rater;
    private readonly int[] _competency;
    private readonly RaterSource[] _source;
    private readonly int[] _cycle;
    private readonly double[] _value;
    private readonly Dictionary<RateeId, int> _rateeIndex;
    private readonly Dictionary<RaterId, int> _raterIndex;

    internal RatingSet(
        CompetencyModel model,
        ImmutableArray<RateeId> ratees,
        ImmutableArray<RaterId> raters,
        ImmutableArray<string?> cycles,
        int[] ratee,
        int[] rater,
        int[] competency,
        RaterSource[] source,
        int[] cycle,
        double[] value)
    {
        Model = model;
        Ratees = ratees;
        Raters = raters;
        Cycles = cycles;
        _ratee = ratee;
        _rater = rater;
        _competency = competency;
        _source = source;
        _cycle = cycle;
        _value = value;
        _rateeIndex = Enumerable.Range(0, ratees.Length).ToDictionary(i => ratees[i]);
        _raterIndex = Enumerable.Range(0, raters.Length).ToDictionary(i => raters[i]);
    }

    /// <summary>Gets the competency model the ratings were taken in; its scale bounds every value.</summary>
    public CompetencyModel Model { get; }

    /// <summary>Gets the number of ratings.</summary>
    public int Count => _value.Length;

    /// <summary>Gets every person rated, in ordinal id order; <see cref="RateeIndices"/> point into this list.</summary>
    public ImmutableArray<RateeId> Ratees { get; }

    /// <summary>Gets every rater, in ordinal id order; <see cref="RaterIndices"/> point into this list.</summary>
    public ImmutableArray<RaterId> Raters { get; }

    /// <summary>Gets every review cycle, in ordinal order with null (no cycle) first; <see cref="CycleIndices"/> point into this list.</summary>
    public ImmutableArray<string?> Cycles { get; }

    /// <summary>Gets, for each rating, the index of its ratee in <see cref="Ratees"/>.</summary>
    public ReadOnlySpan<int> RateeIndices => _ratee;

    /// <summary>Gets, for each rating, the index of its rater in <see cref="Raters"/>.</summary>
    public ReadOnlySpan<int> RaterIndices => _rater;

    /// <summary>Gets, for each rating, the index of its competency in the model's <see cref="CompetencyModel.Competencies"/>.</summary>
    public ReadOnlySpan<int> CompetencyIndices => _competency;

    /// <summary>Gets, for each rating, its source.</summary>
    public ReadOnlySpan<RaterSource> Sources => _source;

    /// <summary>Gets, for each rating, the index of its cycle in <see cref="Cycles"/>.</summary>
    public ReadOnlySpan<int> CycleIndices => _cycle;

    /// <summary>Gets the rating values, on the model's scale.</summary>
    public ReadOnlySpan<double> Values => _value;

    /// <summary>Gets one rating as an object.</summary>
    /// <param name="index">The position of the rating, in [0, <see cref="Count"/>).</param>
    /// <returns>The rating.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside [0, <see cref="Count"/>).</exception>
    public Rating this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            return new Rating(
                Ratees[_ratee[index]],
                Raters[_rater[index]],
                _source[index],
                Model.Competencies[_competency[index]].Id.Value,
                _value[index],
                Cycles[_cycle[index]]);
        }
    }

    /// <summary>Finds the index of a ratee in <see cref="Ratees"/>.</summary>
    /// <param name="ratee">The ratee.</param>
    /// <param name="index">The index, or -1.</param>
    /// <returns>True when the ratee has ratings in this set.</returns>
    public bool TryGetRateeIndex(RateeId ratee, out int index)
    {
        if (_rateeIndex.TryGetValue(ratee, out index))
        {
            return true;
        }

        index = -1;
        return false;
    }

    /// <summary>Finds the index of a rater in <see cref="Raters"/>.</summary>
    /// <param name="rater">The rater.</param>
    /// <param name="index">The index, or -1.</param>
    /// <returns>True when the rater gave ratings in this set.</returns>
    public bool TryGetRaterIndex(RaterId rater, out int index)
    {
        if (_raterIndex.TryGetValue(rater, out index))
        {
            return true;
        }

        index = -1;
        return false;
    }

    /// <summary>Returns every rating as an object, in the set's canonical order.</summary>
    /// <returns>The ratings.</returns>
    public IEnumerable<Rating> AsEnumerable()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    /// <summary>The same set without the ratings of some raters (a rater diagnosed as not differentiating, for example).</summary>
    /// <param name="raters">The raters to leave out; ids the set does not hold are ignored.</param>
    /// <returns>The ratings of every other rater, in the same order; people and cycles left with no rating are dropped.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="raters"/> is null.</exception>
    public RatingSet WithoutRaters(IEnumerable<RaterId> raters)
    {
        ArgumentNullException.ThrowIfNull(raters);
        var left = Marked(raters);
        return left.Contains(true) ? Where(i => !left[_rater[i]]) : this;
    }

    /// <summary>A flag per rater index: whether <paramref name="raters"/> names it.</summary>
    private bool[] Marked(IEnumerable<RaterId> raters)
    {
        var marked = new bool[Raters.Length];
        foreach (var r in raters)
        {
            if (TryGetRaterIndex(r, out var index))
            {
                marked[index] = true;
            }
        }

        return marked;
    }

    /// <summary>
    /// The same set without the ratings some raters gave of others; their self-ratings stay, and so do the ratings of the
    /// (ratee, rater) index pairs <paramref name="kept"/> holds, when given.
    /// </summary>
    internal RatingSet WithoutRatingsOfOthersBy(IEnumerable<RaterId> raters, IReadOnlySet<(int Ratee, int Rater)>? kept = null)
    {
        var left = Marked(raters);
        return left.Contains(true) ? Where(i => !left[_rater[i]] || _source[i] == RaterSource.Self || (kept?.Contains((_ratee[i], _rater[i])) ?? false)) : this;
    }

    /// <summary>The same set without the ratings from one source; people and cycles left with no rating are dropped.</summary>
    internal RatingSet WithoutSource(RaterSource excluded) => Where(i => _source[i] != excluded);

    /// <summary>The ratings of the cycles <paramref name="keep"/> accepts (a label, or null for ratings without one); people and cycles left with no rating are dropped.</summary>
    internal RatingSet InCycles(Func<string?, bool> keep)
    {
        var kept = Cycles.Select(keep).ToArray();
        return Where(i => kept[_cycle[i]]);
    }

    /// <summary>The ratings whose row index <paramref name="row"/> accepts, in the same order; people, raters and cycles left with no rating are dropped.</summary>
    private RatingSet Where(Func<int, bool> row)
    {
        var keep = new List<int>(Count);
        for (var i = 0; i < Count; i++)
        {
            if (row(i))
            {
                keep.Add(i);
            }
        }

        if (keep.Count == Count)
        {
            return this;
        }

        // Filtering keeps the canonical row order, so only the id numbering needs compacting.
        int[] Take(int[] column) => [.. keep.Select(i => column[i])];
        var ratee = Take(_ratee);
        var rater = Take(_rater);
        var cycle = Take(_cycle);
        var rateeMap = Compact(ratee, Ratees.Length);
        var raterMap = Compact(rater, Raters.Length);
        var cycleMap = Compact(cycle, Cycles.Length);
        return new RatingSet(
            Model,
            [.. Ratees.Where((_, i) => rateeMap[i] >= 0)],
            [.. Raters.Where((_, i) => raterMap[i] >= 0)],
            [.. Cycles.Where((_, i) => cycleMap[i] >= 0)],
            ratee,
            rater,
            Take(_competency),
            [.. keep.Select(i => _source[i])],
            cycle,
            [.. keep.Select(i => _value[i])]);
    }

    /// <summary>
    /// Renumbers the indices in <paramref name="column"/> (each in [0, <paramref name="count"/>)) to 0, 1, … over the values
    /// that occur, keeping their order, in place; returns the map from old to new index (−1 for values that do not occur).
    /// </summary>
    internal static int[] Compact(int[] column, int count)
    {
        var map = new int[count];
        Array.Fill(map, -1);
        foreach (var k in column)
        {
            map[k] = 0;
        }

        var next = 0;
        for (var i = 0; i < count; i++)
        {
            if (map[i] == 0)
            {
                map[i] = next++;
            }
        }

        for (var i = 0; i < column.Length; i++)
        {
            column[i] = map[column[i]];
        }

        return map;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Count} ratings of {Ratees.Length} people by {Raters.Length} raters in {Model.Id}";
}
