using System.Collections.Immutable;
using Readiness.Evidence;
using Readiness.Internal;

namespace Readiness.Reliability;

/// <summary>What each rater source said of one person.</summary>
/// <param name="Person">The person.</param>
/// <param name="Averages">Per competency (in model order), then per source: the raters and their average, or none where kept back.</param>
public sealed record PersonSourceAverages(RateeId Person, ImmutableArray<SourceAverage> Averages)
{
    // Compared item by item (an ImmutableArray compares by reference), so equal results are equal.
    private readonly EquatableArray<SourceAverage> _averages = new(Averages);

    /// <summary>Gets the averages per competency (in model order), then per source: the raters and their average, or none where kept back.</summary>
    public ImmutableArray<SourceAverage> Averages { get => _averages.Items; init => _averages = new(value); }
}
