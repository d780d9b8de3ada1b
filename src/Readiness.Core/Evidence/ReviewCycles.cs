using System.Collections.Immutable;
using System.Globalization;
using Readiness.Internal;

namespace Readiness.Evidence;

/// <summary>
/// The dated review cycles of an organisation: what turns the cycle labels that ratings carry into time, so that growth
/// can be measured across them.
/// </summary>
/// <remarks>
/// Time is counted in years of 365.25 days since the <see cref="Origin"/>, the earliest cycle's date. Labels are compared
/// exactly (ordinal), as ratings carry them. Two labels may share a date (two instruments taken in one review).
/// </remarks>
public sealed class ReviewCycles
{
    private const double DaysPerYear = 365.25;
    private readonly Dictionary<string, DateOnly> _dates;

    private ReviewCycles(List<ReviewCycle> cycles)
    {
        Cycles = [.. cycles.OrderBy(c => c.Date).ThenBy(c => c.Label, StringComparer.Ordinal)];
        _dates = cycles.ToDictionary(c => c.Label, c => c.Date, StringComparer.Ordinal);
    }

    /// <summary>Gets the cycles, earliest first (ties by label).</summary>
    public ImmutableArray<ReviewCycle> Cycles { get; }

    /// <summary>Gets the earliest cycle's date, from which time is counted.</summary>
    public DateOnly Origin => Cycles[0].Date;

    /// <summary>Creates the calendar from labelled dates.</summary>
    /// <param name="cycles">The cycles; at least one, each label once.</param>
    /// <returns>The calendar.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="cycles"/> is null.</exception>
    /// <exception cref="ArgumentException">An element is null, there is no cycle, or a label appears twice.</exception>
    public static ReviewCycles Create(IEnumerable<ReviewCycle> cycles)
    {
        var list = Guard.NoNulls(cycles, "cycle").ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("There are no review cycles; at least one is needed.", nameof(cycles));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in list)
        {
            if (!seen.Add(c.Label))
            {
                throw new ArgumentException($"The review cycle '{c.Label}' is listed twice; each label appears once.", nameof(cycles));
            }
        }

        return new ReviewCycles(list);
    }

    /// <summary>Creates the calendar from labels that are ISO 8601 dates (<c>yyyy-MM-dd</c>), each its own cycle's date.</summary>
    /// <param name="labels">The labels; at least one. Repeats are taken once.</param>
    /// <returns>The calendar.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="labels"/> is null.</exception>
    /// <exception cref="ArgumentException">An element is null, or there is no label.</exception>
    /// <exception cref="FormatException">A label is not an ISO date; the message names it.</exception>
    public static ReviewCycles FromDateLabels(IEnumerable<string> labels)
    {
        var cycles = new List<ReviewCycle>();
        foreach (var label in Guard.NoNulls(labels, "label").Distinct(StringComparer.Ordinal))
        {
            if (!DateOnly.TryParseExact(label, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw new FormatException($"The cycle label '{label}' is not an ISO date (yyyy-MM-dd); give the cycles' dates separately when labels are names.");
            }

            cycles.Add(new ReviewCycle(label, date));
        }

        return Create(cycles);
    }

    /// <summary>Gets the date of the cycle labelled <paramref name="label"/>.</summary>
    /// <param name="label">The label.</param>
    /// <param name="date">The cycle's date, when the label is known.</param>
    /// <returns>Whether the label is a known cycle.</returns>
    public bool TryGetDate(string label, out DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(label);
        return _dates.TryGetValue(label, out date);
    }

    /// <summary>Gets the time from the <see cref="Origin"/> to <paramref name="date"/> in years of 365.25 days (negative before it).</summary>
    /// <param name="date">The date.</param>
    /// <returns>The years since the origin.</returns>
    public double YearsSinceOrigin(DateOnly date) => (date.DayNumber - Origin.DayNumber) / DaysPerYear;

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Cycles.Length} review cycle{(Cycles.Length == 1 ? "" : "s")}, {Origin:yyyy-MM-dd} to {Cycles[^1].Date:yyyy-MM-dd}");
}
