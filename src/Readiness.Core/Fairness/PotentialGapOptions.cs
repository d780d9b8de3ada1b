using System.Collections.Immutable;
using Readiness.Internal;

namespace Readiness.Fairness;

/// <summary>The conventions of <see cref="PotentialGap"/>.</summary>
public sealed record PotentialGapOptions
{
    /// <summary>Gets the fewest people a group needs to be tested (smaller groups are shown, not tested). The default value is 5.</summary>
    public int MinimumGroupSize { get; init; } = 5;

    /// <summary>Gets the significance level of the tests. The default value is 0.05.</summary>
    public double SignificanceLevel { get; init; } = 0.05;

    /// <summary>Gets how many times the group labels are shuffled for the p-values. The default value is 10,000.</summary>
    public int Permutations { get; init; } = 10_000;

    /// <summary>Gets the seed of the shuffles, so that a check is reproducible. The default value is 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Lists every rule these options break, each message naming the property, its value and the rule.</summary>
    /// <returns>The broken rules; empty when the options are valid.</returns>
    public ImmutableArray<string> Validate()
    {
        var rules = new OptionRules();
        rules.AtLeast(MinimumGroupSize, 2);
        rules.Require(SignificanceLevel is > 0 and < 1, $"SignificanceLevel was {Guard.Format(SignificanceLevel)}; it must be in (0, 1).");
        rules.AtLeast(Permutations, 100);
        return rules.Broken;
    }

    internal PotentialGapOptions Validated() => OptionRules.Valid(this, Validate());
}
