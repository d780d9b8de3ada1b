using System.Collections.Immutable;
using Readiness.Evidence;

namespace Readiness.Reliability;

/// <summary>What each rater source said of one person.</summary>
/// <param name="Person">The person.</param>
/// <param name="Averages">Per competency (in model order), then per source: the raters and their average, or none where kept back.</param>
public sealed record PersonSourceAverages(RateeId Person, ImmutableArray<SourceAverage> Averages);
