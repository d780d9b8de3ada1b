namespace Readiness.Fairness;

/// <summary>One group's place in a <see cref="PotentialGapResult"/>: its performance, its readiness, and its readiness for its performance.</summary>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed class PotentialGapGroup
{
    internal PotentialGapGroup(string group, int? people, double? performance, double? readiness, double? gap, double? p, double? adjustedP)
    {
        Group = group;
        People = people;
        Performance = performance;
        Readiness = readiness;
        Gap = gap;
        P = p;
        AdjustedP = adjustedP;
    }

    /// <summary>Gets the group (a category of the attribute).</summary>
    public string Group { get; }

    /// <summary>Gets the people in it with both a readiness index and a performance measure; null when the group is suppressed.</summary>
    public int? People { get; }

    /// <summary>Gets their mean performance, in standard deviations from the cohort's mean; null when suppressed.</summary>
    public double? Performance { get; }

    /// <summary>Gets their mean readiness index, in standard deviations from the cohort's mean; null when suppressed.</summary>
    public double? Readiness { get; }

    /// <summary>
    /// Gets their readiness for their performance: the mean residual of readiness regressed on performance over the cohort,
    /// in readiness standard deviations. Negative: rated less ready than people who perform as well — the pattern Benson, Li
    /// and Shue found for women. Null when suppressed.
    /// </summary>
    public double? Gap { get; }

    /// <summary>Gets whether the group's numbers are withheld, as the audit withholds them (too few people, or able to give such a group away).</summary>
    public bool IsSuppressed => People is null;

    /// <summary>Gets the two-sided p-value of the gap against shuffled group labels, unadjusted; null for a group under the minimum size or suppressed.</summary>
    public double? P { get; }

    /// <summary>Gets the p-value adjusted for the number of groups (the largest standardised gap over shuffled labels); null for a group under the minimum size or suppressed.</summary>
    public double? AdjustedP { get; }
}
