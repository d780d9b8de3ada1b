using Readiness.Internal;

namespace Readiness.Evidence;

/// <summary>A review cycle: the label its ratings carry (<see cref="Rating.Cycle"/>) and the date its reviews were taken at.</summary>
public sealed class ReviewCycle
{
    /// <summary>Initializes a new instance of the <see cref="ReviewCycle"/> class.</summary>
    /// <param name="label">The label the cycle's ratings carry; not blank.</param>
    /// <param name="date">The date the cycle's reviews were taken at.</param>
    /// <exception cref="ArgumentException"><paramref name="label"/> is null, empty or white space.</exception>
    public ReviewCycle(string label, DateOnly date)
    {
        Label = Guard.NotBlank(label);
        Date = date;
    }

    /// <summary>Gets the label the cycle's ratings carry.</summary>
    public string Label { get; }

    /// <summary>Gets the date the cycle's reviews were taken at.</summary>
    public DateOnly Date { get; }
}
