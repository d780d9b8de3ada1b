using System.Collections.Immutable;
using Readiness.Internal;

namespace Readiness.Fairness;

/// <summary>The conventions of an adverse-impact audit.</summary>
public sealed record AuditOptions
{
    /// <summary>Gets the impact ratio below which a group is flagged (the EEOC Uniform Guidelines' four-fifths rule). The default value is 0.8.</summary>
    public double ImpactRatioThreshold { get; init; } = 0.8;

    /// <summary>Gets the significance level of the tests. The default value is 0.05.</summary>
    public double SignificanceLevel { get; init; } = 0.05;

    /// <summary>
    /// Gets the share of the audited people below which a group is left out of the comparison (its numbers still shown);
    /// New York City's bias-audit rules allow leaving out categories under 2%. The default value is 0 (none left out).
    /// </summary>
    public double MinimumShare { get; init; }

    /// <summary>
    /// Gets the fewest people a group needs for its numbers to be shown, and the fewest selected and not selected (a count
    /// of zero excepted: hiding that no one in a group was selected would hide the finding the audit exists for). Smaller
    /// groups are suppressed, with whatever other groups would let them be recovered by subtraction across every table
    /// written together. The default value is 0 (no suppression).
    /// </summary>
    public int MinimumCellSize { get; init; }

    /// <summary>
    /// Gets how many times the group labels are shuffled for the adjusted p-values (and for the omnibus test when the
    /// table is too large to be enumerated). The Monte-Carlo standard error of a p-value near 0.05 is about
    /// √(0.05 · 0.95 / draws): 0.0022 at the default. The default value is 10,000.
    /// </summary>
    public int Permutations { get; init; } = 10_000;

    /// <summary>Gets the seed of the shuffles, so that an audit is reproducible. The default value is 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Lists every rule these options break, each message naming the property, its value and the rule.</summary>
    /// <returns>The broken rules; empty when the options are valid.</returns>
    public ImmutableArray<string> Validate()
    {
        var rules = new OptionRules();
        rules.Require(ImpactRatioThreshold is > 0 and <= 1, $"ImpactRatioThreshold was {Guard.Format(ImpactRatioThreshold)}; it must be in (0, 1].");
        rules.Require(SignificanceLevel is > 0 and < 1, $"SignificanceLevel was {Guard.Format(SignificanceLevel)}; it must be in (0, 1).");
        rules.Require(MinimumShare is >= 0 and < 1, $"MinimumShare was {Guard.Format(MinimumShare)}; it must be in [0, 1).");
        rules.AtLeast(MinimumCellSize, 0);
        rules.AtLeast(Permutations, 100);
        return rules.Broken;
    }

    internal AuditOptions Validated() => OptionRules.Valid(this, Validate());
}
