using System.Collections.Immutable;
using Readiness.Evidence;
using Readiness.Internal;

namespace Readiness.Reliability;

/// <summary>What each rater source said of one person.</summary>
public sealed record PersonSourceAverages
{
    /// <summary>Initializes a new instance of the <see cref="PersonSourceAverages"/> record.</summary>
    /// <param name="person">The person.</param>
    /// <param name="averages">Per competency (in model order), then per source: the raters and their average, or none where kept back.</param>
    internal PersonSourceAverages(RateeId person, ImmutableArray<SourceAverage> averages)
    {
        Person = person;
        _averages = new(averages);
    }

    /// <summary>Gets the person.</summary>
    public RateeId Person { get; }

    // Compared item by item (an ImmutableArray compares by reference), so equal results are equal.
    private readonly EquatableArray<SourceAverage> _averages;

    /// <summary>Gets the averages per competency (in model order), then per source: the raters and their average, or none where kept back.</summary>
    public ImmutableArray<SourceAverage> Averages => _averages.Items;
}
