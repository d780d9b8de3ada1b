using System.Collections.Immutable;

namespace Readiness.Fairness;

/// <summary>The raters examined for bias toward one group of an attribute, and how many could not be.</summary>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed class RaterGroupBiasResult
{
    internal RaterGroupBiasResult(string attribute, RaterGroupBiasOptions options, ImmutableArray<RaterGroupSplit> splits, int raters, int oneGroupOnly, int tooFewRatees)
    {
        Attribute = attribute;
        Options = options;
        Splits = splits;
        Raters = raters;
        OneGroupOnly = oneGroupOnly;
        TooFewRatees = tooFewRatees;
    }

    /// <summary>Gets the attribute whose categories form the groups.</summary>
    public string Attribute { get; }

    /// <summary>Gets the options used.</summary>
    public RaterGroupBiasOptions Options { get; }

    /// <summary>Gets the raters examined, smallest p-value first (ties by rater).</summary>
    public ImmutableArray<RaterGroupSplit> Splits { get; }

    /// <summary>Gets the raters who rated someone whose category on the attribute is known (self-ratings aside).</summary>
    public int Raters { get; }

    /// <summary>Gets the raters whose ratees (with a known category) are all in one group: nothing to compare.</summary>
    public int OneGroupOnly { get; }

    /// <summary>Gets the raters with ratees in two or more groups but too few in them to be examined.</summary>
    public int TooFewRatees { get; }

    /// <summary>Gets the raters who could not be examined: <see cref="OneGroupOnly"/> plus <see cref="TooFewRatees"/>.</summary>
    public int NotExamined => OneGroupOnly + TooFewRatees;
}
