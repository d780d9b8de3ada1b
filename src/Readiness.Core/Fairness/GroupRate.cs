using System.Collections.Immutable;
using Readiness.Internal;

namespace Readiness.Fairness;

/// <summary>One group's row in an audit: its selection rate, its impact ratio and whether the difference is significant.</summary>
/// <param name="Group">The group's name: its categories joined with " × " (e.g. "female × Black").</param>
/// <param name="Categories">The group's category on each audited attribute, in the audit's attribute order.</param>
/// <param name="Status">How the group takes part.</param>
/// <param name="Count">The group's audited people; null when suppressed.</param>
/// <param name="Selected">How many of them were selected; null when suppressed.</param>
/// <param name="Rate">Selected over count; null when suppressed.</param>
/// <param name="ImpactRatio">The rate over the reference group's rate, in [0, 1]; null when not compared or the reference rate is 0.</param>
/// <param name="AdverseImpact">Whether the impact ratio is below the threshold (four-fifths); null without a ratio.</param>
/// <param name="FisherP">Fisher's exact test (two-sided) of this group against the reference group; null when not compared.</param>
/// <param name="Z">The two-proportion z statistic (pooled), this group's rate minus the reference's; null when not compared or undefined.</param>
/// <param name="ZTestP">Its two-sided p-value; null with it.</param>
public sealed record GroupRate(
    string Group,
    ImmutableArray<string> Categories,
    GroupStatus Status,
    int? Count,
    int? Selected,
    double? Rate,
    double? ImpactRatio,
    bool? AdverseImpact,
    double? FisherP,
    double? Z,
    double? ZTestP)
{
    // Compared item by item (an ImmutableArray compares by reference), so equal results are equal.
    private readonly EquatableArray<string> _categories = new(Categories);

    /// <summary>Gets the group's category on each audited attribute, in the audit's attribute order.</summary>
    public ImmutableArray<string> Categories { get => _categories.Items; init => _categories = new(value); }
}
