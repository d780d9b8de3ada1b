using System.Collections.Immutable;
using Readiness.Internal;

namespace Readiness.Talent;

/// <summary>How development plans are laid out.</summary>
public sealed record DevelopmentPlanOptions
{
    /// <summary>Gets the longest time, in months, before a gap is reassessed. The default value is 6.</summary>
    public int MaxMonthsToReassessment { get; init; } = 6;

    /// <summary>
    /// Gets a value indicating whether a high performer with low leadership readiness works on the leadership gaps before
    /// the individual-performance ones. The default value is true.
    /// </summary>
    /// <remarks>
    /// Their individual performance is already what got them noticed; more of it does not make a leader. The plan starts with
    /// the behaviours of leading through others — delegation, developing people — that the promotion will demand.
    /// </remarks>
    public bool LeadershipFirstForHighPerformers { get; init; } = true;

    /// <summary>Lists every rule these options break, each message naming the property, its value and the rule.</summary>
    /// <returns>The broken rules; empty when the options are valid.</returns>
    public ImmutableArray<string> Validate()
    {
        var rules = new OptionRules();
        rules.InRange(MaxMonthsToReassessment, 1, 120);
        return rules.Broken;
    }

    internal DevelopmentPlanOptions Validated() => OptionRules.Valid(this, Validate());
}
