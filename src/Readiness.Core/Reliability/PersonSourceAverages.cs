using System.Collections.Immutable;
using Readiness.Evidence;

namespace Readiness.Reliability;

/// <summary>What each rater source said of one person.</summary>
public sealed class PersonSourceAverages
{
    /// <summary>Initializes a new instance of the <see cref="PersonSourceAverages"/> class.</summary>
    /// <param name="person">The person.</param>
    /// <param name="averages">Per competency (in model order), then per source: the raters and their average, or none where kept back.</param>
    internal PersonSourceAverages(RateeId person, ImmutableArray<SourceAverage> averages)
    {
        Person = person;
        Averages = averages;
    }

    /// <summary>Gets the person.</summary>
    public RateeId Person { get; }

    /// <summary>Gets the averages per competency (in model order), then per source: the raters and their average, or none where kept back.</summary>
    public ImmutableArray<SourceAverage> Averages { get; }
}
