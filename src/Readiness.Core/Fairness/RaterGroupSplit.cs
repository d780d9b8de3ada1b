using System.Collections.Immutable;
using Readiness.Evidence;
using Readiness.Internal;

namespace Readiness.Fairness;

/// <summary>One rater's ratings split by the ratee's group: how far above the calibrated estimates they rate each group.</summary>
/// <param name="Rater">The rater.</param>
/// <param name="Groups">Per group of their ratees: how many ratees, and the mean residual (rating − calibrated estimate), in scale points.</param>
/// <param name="HighGroup">The group they rate most generously.</param>
/// <param name="LowGroup">The group they rate least generously.</param>
/// <param name="Difference">The high group's mean residual minus the low group's.</param>
/// <param name="StandardError">The difference's standard error (Welch, over ratees).</param>
/// <param name="Flagged">Whether the difference is at least the options' size and its z at least the options' threshold.</param>
public sealed record RaterGroupSplit(
    RaterId Rater,
    ImmutableArray<RaterGroupMean> Groups,
    string HighGroup,
    string LowGroup,
    double Difference,
    double StandardError,
    bool Flagged)
{
    // Compared item by item (an ImmutableArray compares by reference), so equal results are equal.
    private readonly EquatableArray<RaterGroupMean> _groups = new(Groups);

    /// <summary>Gets the rater's ratees per group: how many, and the mean residual (rating − calibrated estimate), in scale points.</summary>
    public ImmutableArray<RaterGroupMean> Groups { get => _groups.Items; init => _groups = new(value); }

    /// <summary>Gets the difference over its standard error.</summary>
    public double Z => Difference / StandardError;
}
