using Readiness.Competencies;
using Readiness.Internal;

namespace Readiness.Evidence;

/// <summary>Bulk intake of ratings into a <see cref="RatingSet"/>: checks every row and reports every row it refuses.</summary>
/// <remarks>
/// <para>
/// A row is refused, never dropped: an invalid ratee or rater id, an undefined source, a competency the model does not
/// have, a NaN or infinite value, a value off the model's scale, a self-rating whose rater is not the ratee (or a rating
/// of oneself not marked <see cref="RaterSource.Self"/>), a blank cycle label. Rows a caller's reader could not parse are
/// counted with <see cref="Reject"/>, so that accepted + rejected == submitted holds for the whole file.
/// </para>
/// <para>
/// Duplicates (same ratee, rater, competency and cycle) are resolved without depending on row order: exact repeats
/// (same source and value) keep the first row and refuse the rest; conflicting rows are all refused, because choosing
/// one would be a guess.
/// </para>
/// </remarks>
/// <threadsafety>Not thread-safe: use one builder per intake.</threadsafety>
public sealed class RatingSetBuilder
{
    private const int MaxCycleLength = 64;

    private readonly CompetencyModel _model;
    private readonly Dictionary<string, int> _competencyIndex;
    private readonly Dictionary<RateeId, int> _ratees = [];
    private readonly Dictionary<RaterId, int> _raters = [];
    private readonly Dictionary<string, int> _cycles = new(StringComparer.Ordinal);
    private readonly List<RejectedRow> _rejected = [];
    private readonly List<Row> _rows = [];
    private int _submitted;

    /// <summary>Starts an intake for ratings in <paramref name="model"/>.</summary>
    /// <param name="model">The competency model; ratings must name its competencies and lie on its scale.</param>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    public RatingSetBuilder(CompetencyModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        _competencyIndex = new Dictionary<string, int>(IdRules.Comparer);
        for (var i = 0; i < model.Competencies.Length; i++)
        {
            _competencyIndex.Add(model.Competencies[i].Id.Value, i);
        }
    }

    /// <summary>Gets the number of rows submitted so far, accepted or not.</summary>
    public int Submitted => _submitted;

    /// <summary>Submits one rating.</summary>
    /// <param name="rating">The rating.</param>
    /// <returns>True when the row passed the row checks; duplicates are only found by <see cref="Build"/>.</returns>
    public bool Add(Rating rating)
    {
        var row = _submitted++;
        if (CheckRow(rating) is ({ } reason, { } message))
        {
            _rejected.Add(new RejectedRow(row, reason, message));
            return false;
        }

        _rows.Add(new Row(
            Intern(_ratees, rating.Ratee),
            Intern(_raters, rating.Rater),
            _competencyIndex[rating.Competency],
            rating.Cycle is null ? -1 : Intern(_cycles, rating.Cycle),
            rating.Source,
            rating.Value,
            row));
        return true;
    }

    /// <summary>Submits several ratings.</summary>
    /// <param name="ratings">The ratings.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ratings"/> is null.</exception>
    public RatingSetBuilder AddRange(IEnumerable<Rating> ratings)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        foreach (var rating in ratings)
        {
            Add(rating);
        }

        return this;
    }

    /// <summary>Counts a row that the caller could not turn into a <see cref="Rating"/> (for example a malformed CSV line).</summary>
    /// <param name="reason">Why the row is refused.</param>
    /// <param name="message">A sentence naming the offending value and the rule.</param>
    /// <exception cref="ArgumentException"><paramref name="message"/> is null or blank.</exception>
    public void Reject(RejectReason reason, string message)
    {
        Guard.NotBlank(message);
        _rejected.Add(new RejectedRow(_submitted++, reason, message));
    }

    /// <summary>Resolves duplicates and builds the rating set with its intake report.</summary>
    /// <returns>The accepted ratings and the report of every submitted row.</returns>
    public RatingIntake Build()
    {
        var rateeIds = SortedKeys(_ratees, (a, b) => a.CompareTo(b), out var rateeRank);
        var raterIds = SortedKeys(_raters, (a, b) => a.CompareTo(b), out var raterRank);
        var cycleIds = SortedKeys(_cycles, string.CompareOrdinal, out var cycleRank);

        // Ranks follow id order, so sorting on them gives the canonical order whatever order rows came in.
        var rows = new Row[_rows.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            var r = _rows[i];
            rows[i] = r with { Ratee = rateeRank[r.Ratee], Rater = raterRank[r.Rater], Cycle = r.Cycle < 0 ? -1 : cycleRank[r.Cycle] };
        }

        rows.AsSpan().Sort(default(Row.CanonicalOrder));
        var rejected = new List<RejectedRow>(_rejected);
        var n = ResolveDuplicates(rows, rateeIds, raterIds, cycleIds, rejected);
        var accepted = rows.AsSpan(0, n);

        var ratee = new int[n];
        var rater = new int[n];
        var competency = new int[n];
        var source = new RaterSource[n];
        var cycle = new int[n];
        var value = new double[n];
        for (var i = 0; i < n; i++)
        {
            var r = accepted[i];
            (ratee[i], rater[i], competency[i], source[i], cycle[i], value[i]) = (r.Ratee, r.Rater, r.Competency, r.Source, r.Cycle + 1, r.Value);
        }

        // Renumber so that only people and cycles with accepted ratings are listed.
        var rateeMap = RatingSet.Compact(ratee, rateeIds.Length);
        var raterMap = RatingSet.Compact(rater, raterIds.Length);
        var cycleMap = RatingSet.Compact(cycle, cycleIds.Length + 1);
        var set = new RatingSet(
            _model,
            [.. rateeIds.Where((_, i) => rateeMap[i] >= 0)],
            [.. raterIds.Where((_, i) => raterMap[i] >= 0)],
            [.. cycleIds.Prepend(null).Where((_, i) => cycleMap[i] >= 0)],
            ratee,
            rater,
            competency,
            source,
            cycle,
            value);
        rejected.Sort((a, b) => a.Row.CompareTo(b.Row));
        return new RatingIntake(set, new IntakeReport(_submitted, [.. rejected]));
    }

    /// <summary>Moves the rows kept to the front of <paramref name="rows"/>, in order, and returns how many there are.</summary>
    private int ResolveDuplicates(
        Row[] rows, RateeId[] ratees, RaterId[] raters, string[] cycles, List<RejectedRow> rejected)
    {
        var accepted = 0;
        var start = 0;
        while (start < rows.Length)
        {
            var end = start + 1;
            while (end < rows.Length && rows[end].SameKey(rows[start]))
            {
                end++;
            }

            if (end - start == 1)
            {
                rows[accepted++] = rows[start];
            }
            else
            {
                // A copy: the kept row may be written over the group's first.
                var group = rows[start..end];
                var first = group[0];
                var cycle = first.Cycle < 0 ? string.Empty : $" in cycle '{cycles[first.Cycle]}'";
                var what = $"Rater '{raters[first.Rater]}' rated '{ratees[first.Ratee]}' on '{_model.Competencies[first.Competency].Id}'{cycle}";
                var identical = group[^1].Source == first.Source && group[^1].Value.Equals(first.Value);
                if (identical)
                {
                    // Exact repeats: keeping the earliest loses nothing and does not depend on row order.
                    var earliest = group.MinBy(r => r.Submitted);
                    rows[accepted++] = earliest;
                    foreach (var r in group)
                    {
                        if (r.Submitted != earliest.Submitted)
                        {
                            rejected.Add(new RejectedRow(r.Submitted, RejectReason.DuplicateRating,
                                $"{what} again; the row repeats row {earliest.Submitted} exactly and only one is kept."));
                        }
                    }
                }
                else
                {
                    var rowList = string.Join(", ", group.Select(r => r.Submitted).Order());
                    // Equal values under two sources (a rater recorded as both manager and peer) conflict too: say which differs.
                    var differ = group.All(r => r.Value.Equals(first.Value)) ? "sources" : "values";
                    foreach (var r in group)
                    {
                        rejected.Add(new RejectedRow(r.Submitted, RejectReason.DuplicateRating,
                            $"{what} {group.Length} times with different {differ} (rows {rowList}); conflicting duplicates are all refused."));
                    }
                }
            }

            start = end;
        }

        return accepted;
    }

    private static int Intern<T>(Dictionary<T, int> index, T key)
        where T : notnull
    {
        if (!index.TryGetValue(key, out var i))
        {
            i = index.Count;
            index.Add(key, i);
        }

        return i;
    }

    private static T[] SortedKeys<T>(Dictionary<T, int> index, Comparison<T> compare, out int[] rank)
        where T : notnull
    {
        var keys = new T[index.Count];
        foreach (var (key, i) in index)
        {
            keys[i] = key;
        }

        var order = Enumerable.Range(0, keys.Length).ToArray();
        Array.Sort(order, (a, b) => compare(keys[a], keys[b]));
        rank = new int[keys.Length];
        for (var r = 0; r < order.Length; r++)
        {
            rank[order[r]] = r;
        }

        return [.. order.Select(i => keys[i])];
    }

    private (RejectReason?, string?) CheckRow(in Rating rating)
    {
        if (rating.Ratee.IsEmpty)
        {
            return (RejectReason.InvalidRatee, "Ratee id is missing; every rating needs the person rated.");
        }

        if (rating.Rater.IsEmpty)
        {
            return (RejectReason.InvalidRater, "Rater id is missing; every rating needs the person rating.");
        }

        if (!Enum.IsDefined(rating.Source))
        {
            return (RejectReason.InvalidSource,
                $"Source {(int)rating.Source} is not defined; sources are {string.Join(", ", Enum.GetNames<RaterSource>())}.");
        }

        if (rating.Competency is null || !_competencyIndex.ContainsKey(rating.Competency))
        {
            return (RejectReason.UnknownCompetency,
                $"Competency '{rating.Competency}' is not in model '{_model.Id}'.");
        }

        if (!double.IsFinite(rating.Value))
        {
            return (RejectReason.ValueNotFinite, $"Value was {Guard.Format(rating.Value)}; a rating must be a finite number.");
        }

        if (!_model.Scale.Contains(rating.Value))
        {
            return (RejectReason.ValueOffScale,
                $"Value {Guard.Format(rating.Value)} is off the scale; ratings must be in [{_model.Scale.Minimum}, {_model.Scale.Maximum}].");
        }

        var ratesSelf = string.Equals(rating.Ratee.Value, rating.Rater.Value, StringComparison.Ordinal);
        if (rating.Source == RaterSource.Self && !ratesSelf)
        {
            return (RejectReason.SelfRatingMismatch,
                $"Self-rating of '{rating.Ratee}' was given by '{rating.Rater}'; a self-rating's rater must be the ratee.");
        }

        if (rating.Source != RaterSource.Self && ratesSelf)
        {
            return (RejectReason.SelfRatingMismatch,
                $"'{rating.Rater}' rated themselves with source {rating.Source}; a rating of oneself must have source Self.");
        }

        if (rating.Cycle is { } cycle && (PersonIdRules.Check(cycle) is not null || cycle.Length > MaxCycleLength))
        {
            return (RejectReason.InvalidCycle,
                $"Cycle '{cycle}' is not a valid cycle label; labels are 1 to {MaxCycleLength} characters, no control characters and no leading or trailing white space.");
        }

        return (null, null);
    }

    private readonly record struct Row(int Ratee, int Rater, int Competency, int Cycle, RaterSource Source, double Value, int Submitted)
    {
        public bool SameKey(Row other) =>
            Ratee == other.Ratee && Competency == other.Competency && Rater == other.Rater && Cycle == other.Cycle;

        /// <summary>Ratee, competency, rater, cycle, then the rest; a struct so that the sort compares inline rather than through a delegate.</summary>
        public readonly struct CanonicalOrder : IComparer<Row>
        {
            public int Compare(Row a, Row b) => Row.Compare(a, b);
        }

        private static int Compare(Row a, Row b)
        {
            var c = a.Ratee.CompareTo(b.Ratee);
            if (c == 0) c = a.Competency.CompareTo(b.Competency);
            if (c == 0) c = a.Rater.CompareTo(b.Rater);
            if (c == 0) c = a.Cycle.CompareTo(b.Cycle);
            if (c == 0) c = a.Source.CompareTo(b.Source);
            if (c == 0) c = a.Value.CompareTo(b.Value);
            return c != 0 ? c : a.Submitted.CompareTo(b.Submitted);
        }
    }
}
