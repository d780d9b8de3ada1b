using System.Collections.Immutable;
using Readiness.Evidence;
using Readiness.Scoring;

namespace Readiness.Talent;

/// <summary>Who goes on a succession slate.</summary>
public sealed record SlateOptions
{
    /// <summary>Gets people to leave off, with the caller's reason (flight risks, pending moves). The default value is empty.</summary>
    public ImmutableDictionary<RateeId, string> Exclude { get; init; } = ImmutableDictionary<RateeId, string>.Empty;

    /// <summary>Gets the lowest band a successor may have. The default value is <see cref="ReadinessBand.ReadyIn3PlusYears"/> (people not on a leadership track are left off).</summary>
    public ReadinessBand LowestBand { get; init; } = ReadinessBand.ReadyIn3PlusYears;

    /// <summary>Gets the most successors to list, or null for all. The default value is null.</summary>
    public int? MaxLength { get; init; }

    /// <summary>Gets how many of a successor's gaps to list, largest weighted gap first. The default value is 3.</summary>
    public int KeyGaps { get; init; } = 3;
}
