using System.Collections.Immutable;
using Readiness.Evidence;
using Readiness.Internal;
using Readiness.Scoring;

namespace Readiness.Talent;

/// <summary>Who goes on a succession slate.</summary>
public sealed record SlateOptions
{
    private readonly EquatableDictionary<RateeId, string> _exclude = new(ImmutableDictionary<RateeId, string>.Empty);

    /// <summary>Gets people to leave off, with the caller's reason (flight risks, pending moves). The default value is empty.</summary>
    public ImmutableDictionary<RateeId, string> Exclude { get => _exclude.Items!; init => _exclude = new(value); }

    /// <summary>Gets the lowest band a successor may have. The default value is <see cref="ReadinessBand.ReadyIn3PlusYears"/> (people not on a leadership track are left off).</summary>
    public ReadinessBand LowestBand { get; init; } = ReadinessBand.ReadyIn3PlusYears;

    /// <summary>Gets the most successors to list, or null for all. The default value is null.</summary>
    public int? MaxLength { get; init; }

    /// <summary>Gets how many of a successor's gaps to list, largest weighted gap first. The default value is 3.</summary>
    public int KeyGaps { get; init; } = 3;

    /// <summary>Lists every rule these options break, each message naming the property, its value and the rule.</summary>
    /// <returns>The broken rules; empty when the options are valid.</returns>
    public ImmutableArray<string> Validate()
    {
        var rules = new OptionRules();
        rules.Require(Exclude is not null, "Exclude must not be null.");
        rules.Require(Exclude is null || Exclude.Values.All(reason => reason is not null), "Exclude must give a reason (possibly empty) for everyone it leaves off, not null.");
        rules.Require(LowestBand is >= ReadinessBand.ReadyNow and <= ReadinessBand.NotOnLeadershipTrack, $"LowestBand was {LowestBand}; it must be a band a scored candidate can have.");
        rules.Require(MaxLength is null or >= 1, $"MaxLength was {MaxLength}; it must be at least 1, or null for no limit.");
        rules.AtLeast(KeyGaps, 0);
        return rules.Broken;
    }

    internal SlateOptions Validated() => OptionRules.Valid(this, Validate());
}
