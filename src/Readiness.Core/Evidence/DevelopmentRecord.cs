using Readiness.Internal;

namespace Readiness.Evidence;

/// <summary>
/// One person's part in a development intervention — a programme, coaching, a stretch assignment, by whatever name the
/// organisation gives it — on one competency or on all of them, from its start to its end.
/// </summary>
public sealed class DevelopmentRecord
{
    /// <summary>Initializes a new instance of the <see cref="DevelopmentRecord"/> class.</summary>
    /// <param name="person">The person developed.</param>
    /// <param name="intervention">The intervention's name, as the organisation calls it; records of one name are estimated together.</param>
    /// <param name="start">The first day.</param>
    /// <param name="end">The last day; null while it goes on.</param>
    /// <param name="competency">The competency id it develops; null for every competency.</param>
    /// <exception cref="ArgumentException"><paramref name="intervention"/> is blank, or <paramref name="competency"/> is given blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="end"/> is before <paramref name="start"/>.</exception>
    public DevelopmentRecord(RateeId person, string intervention, DateOnly start, DateOnly? end = null, string? competency = null)
    {
        Person = person;
        Intervention = Guard.NotBlank(intervention);
        if (end is { } last && last < start)
        {
            throw new ArgumentOutOfRangeException(nameof(end), last, $"The intervention '{intervention}' of {person} ends ({last.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}) before it starts ({start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}).");
        }

        Competency = competency is null ? null : Guard.NotBlank(competency);
        Start = start;
        End = end;
    }

    /// <summary>Gets the person developed.</summary>
    public RateeId Person { get; }

    /// <summary>Gets the intervention's name.</summary>
    public string Intervention { get; }

    /// <summary>Gets the first day.</summary>
    public DateOnly Start { get; }

    /// <summary>Gets the last day, or null while it goes on.</summary>
    public DateOnly? End { get; }

    /// <summary>Gets the competency id it develops, or null for every competency.</summary>
    public string? Competency { get; }

    /// <summary>
    /// Whether this record and <paramref name="other"/> count the same months twice: the same person in the same intervention
    /// (names compared exactly), overlapping in time (an open end runs on; touching ends do not overlap), on a competency
    /// both develop (no competency: all of them; ids ignoring case).
    /// </summary>
    /// <param name="other">The other record.</param>
    /// <returns>Whether they overlap.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    public bool Overlaps(DevelopmentRecord other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Person == other.Person && Intervention == other.Intervention
            && (Competency is null || other.Competency is null || IdRules.Comparer.Equals(Competency, other.Competency))
            && Start < (other.End ?? DateOnly.MaxValue) && other.Start < (End ?? DateOnly.MaxValue);
    }
}
