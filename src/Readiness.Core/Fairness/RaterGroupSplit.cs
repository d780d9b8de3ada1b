using System.Collections.Immutable;
using Readiness.Evidence;

namespace Readiness.Fairness;

/// <summary>
/// One rater's ratings split by the ratee's group: how far above what the other raters of the same people see the rater
/// rates each group, once the rater's slope on the ratees' level is allowed for.
/// </summary>
public sealed class RaterGroupSplit
{
    /// <summary>Initializes a new instance of the <see cref="RaterGroupSplit"/> class.</summary>
    /// <param name="rater">The rater.</param>
    /// <param name="groups">Per group of their ratees: how many, and the mean left-out residual, in scale points.</param>
    /// <param name="highGroup">The group they rate most generously, level allowed for.</param>
    /// <param name="lowGroup">The group they rate least generously, level allowed for.</param>
    /// <param name="difference">The high group's effect minus the low group's, level allowed for.</param>
    /// <param name="standardError">The difference's standard error.</param>
    /// <param name="degreesOfFreedom">The test's degrees of freedom: the regression's residual ones plus the prior's, at most every rater's together.</param>
    /// <param name="p">The p-value of "the group makes no difference" (F test of the group terms).</param>
    /// <param name="qValue">The p-value adjusted for every rater examined on the attribute (Benjamini–Hochberg).</param>
    /// <param name="levelSlope">How the rater's residuals change with the ratee's level (negative: a compressed scale); null when the level did not vary within a group.</param>
    /// <param name="flagged">Whether the difference is at least the options' size and the q-value at most their false-discovery rate.</param>
    internal RaterGroupSplit(RaterId rater, ImmutableArray<RaterGroupMean> groups, string highGroup, string lowGroup, double difference, double standardError,
        double degreesOfFreedom, double p, double qValue, double? levelSlope, bool flagged)
    {
        Rater = rater;
        HighGroup = highGroup;
        LowGroup = lowGroup;
        Difference = difference;
        StandardError = standardError;
        DegreesOfFreedom = degreesOfFreedom;
        P = p;
        QValue = qValue;
        LevelSlope = levelSlope;
        Flagged = flagged;
        Groups = groups;
    }

    /// <summary>Gets the rater.</summary>
    public RaterId Rater { get; }

    /// <summary>Gets the group they rate most generously, level allowed for.</summary>
    public string HighGroup { get; }

    /// <summary>Gets the group they rate least generously, level allowed for.</summary>
    public string LowGroup { get; }

    /// <summary>Gets the high group's effect minus the low group's, in scale points, level allowed for.</summary>
    public double Difference { get; }

    /// <summary>Gets the difference's standard error (ordinary least squares over the rater's ratees, at the moderated residual variance).</summary>
    public double StandardError { get; }

    /// <summary>
    /// Gets the test's degrees of freedom: the regression's residual ones (ratees − groups, − 1 more when the level is a
    /// term) plus those of the prior the rater's variance was moderated toward, at most all examined raters' together (the
    /// pooled variance's, used when the raters' variances differ no more than chance).
    /// </summary>
    public double DegreesOfFreedom { get; }

    /// <summary>Gets the p-value of "the group makes no difference to this rater": the F test of the group terms (for two groups, the two-sided t test of the difference).</summary>
    public double P { get; }

    /// <summary>Gets the p-value adjusted for every rater examined on the attribute (Benjamini–Hochberg q-value).</summary>
    public double QValue { get; }

    /// <summary>Gets how the rater's residuals change per scale point of the ratee's level (negative: a compressed scale); null when the level did not vary within a group of the ratees.</summary>
    public double? LevelSlope { get; }

    /// <summary>Gets whether the difference is at least the options' size and the q-value at most their false-discovery rate.</summary>
    public bool Flagged { get; }

    /// <summary>Gets the rater's ratees per group: how many, and the mean left-out residual (rating − the estimate without it), in scale points.</summary>
    public ImmutableArray<RaterGroupMean> Groups { get; }

    /// <summary>Gets the difference over its standard error: a t statistic on <see cref="DegreesOfFreedom"/>.</summary>
    public double T => Difference / StandardError;
}
