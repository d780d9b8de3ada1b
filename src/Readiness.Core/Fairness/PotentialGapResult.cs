using System.Collections.Immutable;

namespace Readiness.Fairness;

/// <summary>The potential-gap check of one attribute (<see cref="PotentialGap"/>).</summary>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed class PotentialGapResult
{
    internal PotentialGapResult(string attribute, PotentialGapOptions options, bool usesPerformanceRecords, double slope, ImmutableArray<PotentialGapGroup> groups, double? omnibusP, int left)
    {
        Attribute = attribute;
        Options = options;
        UsesPerformanceRecords = usesPerformanceRecords;
        Slope = slope;
        Groups = groups;
        OmnibusP = omnibusP;
        LeftOut = left;
    }

    /// <summary>Gets the attribute whose categories form the groups.</summary>
    public string Attribute { get; }

    /// <summary>Gets the options used.</summary>
    public PotentialGapOptions Options { get; }

    /// <summary>Gets whether performance is the performance records (true) or, with none, the role's individual-performance index.</summary>
    public bool UsesPerformanceRecords { get; }

    /// <summary>Gets the regression slope of readiness on performance (both standardised): how far readiness follows performance in the cohort.</summary>
    public double Slope { get; }

    /// <summary>Gets one row per group, by name.</summary>
    public ImmutableArray<PotentialGapGroup> Groups { get; }

    /// <summary>Gets the p-value of "readiness for performance does not depend on the group" (between-group variance of the residuals, against shuffled labels); null with fewer than two tested groups.</summary>
    public double? OmnibusP { get; }

    /// <summary>Gets the people left out for lacking a category, a readiness index or a performance measure.</summary>
    public int LeftOut { get; }
}
