using System.Collections.Immutable;
using Readiness.Evidence;
using Readiness.Internal;

namespace Readiness.Fairness;

/// <summary>One rater's ratings split by the ratee's group: how far above the calibrated estimates they rate each group.</summary>
public sealed record RaterGroupSplit
{
    /// <summary>Initializes a new instance of the <see cref="RaterGroupSplit"/> record.</summary>
    /// <param name="rater">The rater.</param>
    /// <param name="groups">Per group of their ratees: how many ratees, and the mean residual (rating − calibrated estimate), in scale points.</param>
    /// <param name="highGroup">The group they rate most generously.</param>
    /// <param name="lowGroup">The group they rate least generously.</param>
    /// <param name="difference">The high group's mean residual minus the low group's.</param>
    /// <param name="standardError">The difference's standard error (Welch, over ratees).</param>
    /// <param name="flagged">Whether the difference is at least the options' size and its z at least the options' threshold.</param>
    internal RaterGroupSplit(RaterId rater, ImmutableArray<RaterGroupMean> groups, string highGroup, string lowGroup, double difference, double standardError, bool flagged)
    {
        Rater = rater;
        HighGroup = highGroup;
        LowGroup = lowGroup;
        Difference = difference;
        StandardError = standardError;
        Flagged = flagged;
        _groups = new(groups);
    }

    /// <summary>Gets the rater.</summary>
    public RaterId Rater { get; }

    /// <summary>Gets the group they rate most generously.</summary>
    public string HighGroup { get; }

    /// <summary>Gets the group they rate least generously.</summary>
    public string LowGroup { get; }

    /// <summary>Gets the high group's mean residual minus the low group's.</summary>
    public double Difference { get; }

    /// <summary>Gets the difference's standard error (Welch, over ratees).</summary>
    public double StandardError { get; }

    /// <summary>Gets whether the difference is at least the options' size and its z at least the options' threshold.</summary>
    public bool Flagged { get; }

    // Compared item by item (an ImmutableArray compares by reference), so equal results are equal.
    private readonly EquatableArray<RaterGroupMean> _groups;

    /// <summary>Gets the rater's ratees per group: how many, and the mean residual (rating − calibrated estimate), in scale points.</summary>
    public ImmutableArray<RaterGroupMean> Groups => _groups.Items;

    /// <summary>Gets the difference over its standard error.</summary>
    public double Z => Difference / StandardError;
}
