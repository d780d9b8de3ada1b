using System.Collections.Immutable;
using Readiness.Internal;

namespace Readiness.Reliability;

/// <summary>How many raters of a source must have rated a person before their average may be shown to the person.</summary>
public sealed record AnonymityOptions
{
    /// <summary>
    /// Gets the fewest different raters of a source whose average is shown. The default value is 3, the usual promise of
    /// 360° feedback; 1 shows every average. Self-ratings and the manager's are shown whatever the number.
    /// </summary>
    public int MinimumRaters { get; init; } = 3;

    /// <summary>Lists every rule these options break, each message naming the property, its value and the rule.</summary>
    /// <returns>The broken rules; empty when the options are valid.</returns>
    public ImmutableArray<string> Validate()
    {
        var rules = new OptionRules();
        rules.AtLeast(MinimumRaters, 1);
        return rules.Broken;
    }

    internal AnonymityOptions Validated() => OptionRules.Valid(this, Validate());
}
