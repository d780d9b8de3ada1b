using System.Collections.Immutable;

namespace Readiness.Fairness;

/// <summary>One group's row in an audit: its selection rate, its impact ratio and whether the difference is significant.</summary>
public sealed class GroupRate
{
    /// <summary>Initializes a new instance of the <see cref="GroupRate"/> class.</summary>
    /// <param name="group">The group's name: its categories joined with " × " (e.g. "female × Black").</param>
    /// <param name="categories">The group's category on each audited attribute, in the audit's attribute order.</param>
    /// <param name="status">How the group takes part.</param>
    /// <param name="count">The group's audited people; null when suppressed.</param>
    /// <param name="selected">How many of them were selected; null when suppressed.</param>
    /// <param name="rate">Selected over count; null when suppressed.</param>
    /// <param name="impactRatio">The rate over the reference group's rate, in [0, 1]; null when not compared or the reference rate is 0.</param>
    /// <param name="adverseImpact">Whether the impact ratio is below the threshold (four-fifths); null without a ratio.</param>
    /// <param name="impactRatioLower">The lower end of the impact ratio's confidence interval; null without a ratio or for the reference.</param>
    /// <param name="impactRatioUpper">Its upper end (may exceed 1); null with the lower.</param>
    /// <param name="fisherP">The p-value of Fisher's exact test (two-sided) of this group against the reference group, unadjusted; null when not compared.</param>
    /// <param name="adjustedP">The p-value adjusted for the number of groups and for the choice of the reference; null when not compared or for the reference.</param>
    /// <param name="z">The two-proportion z statistic (pooled), this group's rate minus the reference's; null when not compared or undefined.</param>
    /// <param name="zTestP">Its two-sided p-value; null with it.</param>
    internal GroupRate(string group, ImmutableArray<string> categories, GroupStatus status, int? count, int? selected, double? rate, double? impactRatio, double? impactRatioLower, double? impactRatioUpper, bool? adverseImpact, double? fisherP, double? adjustedP, double? z, double? zTestP)
    {
        Group = group;
        Status = status;
        Count = count;
        Selected = selected;
        Rate = rate;
        ImpactRatio = impactRatio;
        ImpactRatioLower = impactRatioLower;
        ImpactRatioUpper = impactRatioUpper;
        AdverseImpact = adverseImpact;
        FisherP = fisherP;
        AdjustedP = adjustedP;
        Z = z;
        ZTestP = zTestP;
        Categories = categories;
    }

    /// <summary>Gets the group's name: its categories joined with " × " (e.g. "female × Black").</summary>
    public string Group { get; }

    /// <summary>Gets how the group takes part.</summary>
    public GroupStatus Status { get; }

    /// <summary>Gets the group's audited people; null when suppressed.</summary>
    public int? Count { get; }

    /// <summary>Gets how many of them were selected; null when suppressed.</summary>
    public int? Selected { get; }

    /// <summary>Gets the selection rate, selected over count; null when suppressed.</summary>
    public double? Rate { get; }

    /// <summary>Gets the rate over the reference group's rate, in [0, 1]; null when not compared or the reference rate is 0.</summary>
    public double? ImpactRatio { get; }

    /// <summary>
    /// Gets the lower end of the impact ratio's confidence interval at the audit's confidence (1 − significance level), by
    /// the log method of Katz et al. (R's <c>epitools::riskratio.wald</c>), its lower end 0 when no one in the group was
    /// selected; null without a ratio or for the reference. Not adjusted for the number of groups.
    /// </summary>
    public double? ImpactRatioLower { get; }

    /// <summary>Gets the upper end of the impact ratio's confidence interval (it may exceed 1); null with the lower.</summary>
    public double? ImpactRatioUpper { get; }

    /// <summary>Gets whether the impact ratio is below the threshold (four-fifths); null without a ratio.</summary>
    public bool? AdverseImpact { get; }

    /// <summary>
    /// Gets the p-value of Fisher's exact test (two-sided) of this group against the reference group, unadjusted: read on
    /// its own it overstates the evidence, since the reference was chosen as the most-selected group and several groups
    /// were tested. Null when not compared.
    /// </summary>
    public double? FisherP { get; }

    /// <summary>
    /// Gets the p-value adjusted for the number of groups tested and for the reference having been chosen as the
    /// most-selected group (Westfall and Young's minP over shuffled group labels, <see cref="AdverseImpactAudit"/>); the
    /// one to read. Null when not compared or for the reference.
    /// </summary>
    public double? AdjustedP { get; }

    /// <summary>Gets the two-proportion z statistic (pooled), this group's rate minus the reference's; null when not compared or undefined.</summary>
    public double? Z { get; }

    /// <summary>Gets its two-sided p-value; null with it.</summary>
    public double? ZTestP { get; }

    /// <summary>Gets the group's category on each audited attribute, in the audit's attribute order.</summary>
    public ImmutableArray<string> Categories { get; }
}
