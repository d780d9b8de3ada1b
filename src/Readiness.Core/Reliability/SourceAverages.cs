using System.Collections.Immutable;
using Readiness.Evidence;

namespace Readiness.Reliability;

/// <summary>
/// What each rater source said of each person, competency by competency, as a 360° report shows it to the person: the
/// source's raw average, kept back where too few of its raters rated the person for them to stay anonymous.
/// </summary>
/// <remarks>
/// A source's average is shown only where at least <see cref="AnonymityOptions.MinimumRaters"/> different raters of that
/// source rated the person on the competency (3 by default, as 360° practice promises raters): with two direct reports,
/// each can read the other's rating off the average and their own. Self-ratings and the manager's are exempt — the
/// person knows who gave them. A kept-back average still says how many raters there were, so the person learns that
/// the source was asked. Averages are of the raw ratings (what the raters said), not the calibrated estimates.
/// </remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed class SourceAverages
{
    private SourceAverages(ImmutableArray<PersonSourceAverages> people, int minimumRaters)
    {
        People = people;
        MinimumRaters = minimumRaters;
    }

    /// <summary>Gets one entry per person rated, by id.</summary>
    public ImmutableArray<PersonSourceAverages> People { get; }

    /// <summary>Gets the fewest raters of a source whose average is shown.</summary>
    public int MinimumRaters { get; }

    /// <summary>Averages every source's ratings of every person, per competency, keeping back those too few raters gave.</summary>
    /// <param name="ratings">The ratings, self-ratings included.</param>
    /// <param name="options">The anonymity threshold; null for the default of 3 raters.</param>
    /// <returns>The averages.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="AnonymityOptions.MinimumRaters"/> is below 1.</exception>
    public static SourceAverages Compute(RatingSet ratings, AnonymityOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        options = (options ?? new AnonymityOptions()).Validated();

        // Per person, competency and source: the sum of the values and the raters (a rater who rated a competency twice,
        // in two cycles, counts once).
        var cells = new Dictionary<(int Person, int Competency, RaterSource Source), (double Sum, int Ratings, HashSet<int> Raters)>();
        for (var i = 0; i < ratings.Count; i++)
        {
            var key = (ratings.RateeIndices[i], ratings.CompetencyIndices[i], ratings.Sources[i]);
            if (!cells.TryGetValue(key, out var cell))
            {
                cell = (0, 0, []);
            }

            cell.Raters.Add(ratings.RaterIndices[i]);
            cells[key] = (cell.Sum + ratings.Values[i], cell.Ratings + 1, cell.Raters);
        }

        var people = cells
            .GroupBy(c => c.Key.Person)
            .Select(person => new PersonSourceAverages(
                ratings.Ratees[person.Key],
                [.. person
                    .OrderBy(c => c.Key.Competency)
                    .ThenBy(c => c.Key.Source)
                    .Select(c =>
                    {
                        var raters = c.Value.Raters.Count;
                        var shown = IsExempt(c.Key.Source) || raters >= options.MinimumRaters;
                        return new SourceAverage(ratings.Model.Competencies[c.Key.Competency].Id, c.Key.Source, raters, shown ? c.Value.Sum / c.Value.Ratings : null);
                    })]))
            .OrderBy(p => p.Person)
            .ToImmutableArray();
        return new SourceAverages(people, options.MinimumRaters);
    }

    /// <summary>Gets whether a source's average is shown whatever its raters' number: the person knows who gave it.</summary>
    /// <param name="source">The source.</param>
    /// <returns>True for self-ratings and the manager's.</returns>
    public static bool IsExempt(RaterSource source) => source is RaterSource.Self or RaterSource.Manager;
}
