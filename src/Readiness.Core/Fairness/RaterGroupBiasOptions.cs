using System.Collections.Immutable;
using Readiness.Internal;

namespace Readiness.Fairness;

/// <summary>The conventions of <see cref="RaterGroupBias"/>.</summary>
public sealed record RaterGroupBiasOptions
{
    /// <summary>Gets the fewest ratees a group needs in a rater's split; a rater needs two such groups. The default value is 2.</summary>
    public int MinimumRateesPerGroup { get; init; } = 2;

    /// <summary>Gets the smallest difference between groups, in scale points, that is flagged. The default value is 0.5.</summary>
    public double MinimumDifference { get; init; } = 0.5;

    /// <summary>
    /// Gets the false-discovery rate at which raters are flagged (Benjamini–Hochberg over every rater examined on the
    /// attribute): among the raters flagged, at most this share is expected to have no group bias. The default value is 0.05.
    /// </summary>
    public double FalseDiscoveryRate { get; init; } = 0.05;

    /// <summary>Lists every rule these options break, each message naming the property, its value and the rule.</summary>
    /// <returns>The broken rules; empty when the options are valid.</returns>
    public ImmutableArray<string> Validate()
    {
        var rules = new OptionRules();
        rules.AtLeast(MinimumRateesPerGroup, 2);
        rules.InRange(MinimumDifference, 0, 100);
        rules.Require(FalseDiscoveryRate is > 0 and < 1, $"FalseDiscoveryRate was {Guard.Format(FalseDiscoveryRate)}; it must be in (0, 1).");
        return rules.Broken;
    }

    internal RaterGroupBiasOptions Validated() => OptionRules.Valid(this, Validate());
}
