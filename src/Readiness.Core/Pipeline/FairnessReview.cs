using System.Collections.Immutable;
using Readiness.Fairness;

namespace Readiness.Pipeline;

/// <summary>
/// The fairness audit of a run: the outcome by each attribute alone and, with several, by their intersection — on the
/// calibrated scores and on raw rating means — and per attribute the raters who favour one group and the potential gap.
/// </summary>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed class FairnessReview
{
    internal FairnessReview(ImmutableArray<string> attributes, ImmutableArray<AdverseImpactAudit> calibrated, ImmutableArray<AdverseImpactAudit> rawMeans, ImmutableArray<RaterGroupBiasResult> raterSplits, ImmutableArray<PotentialGapResult> potentialGaps)
    {
        PotentialGaps = potentialGaps;
        Attributes = attributes;
        Calibrated = calibrated;
        RawMeans = rawMeans;
        RaterSplits = raterSplits;
    }

    /// <summary>Gets the attributes audited, in order.</summary>
    public ImmutableArray<string> Attributes { get; }

    /// <summary>Gets the audits of the calibrated scores: each attribute alone, then (with several) all of them together.</summary>
    public ImmutableArray<AdverseImpactAudit> Calibrated { get; }

    /// <summary>Gets the same audits on raw rating means, in the same order.</summary>
    public ImmutableArray<AdverseImpactAudit> RawMeans { get; }

    /// <summary>Gets, per attribute, whether a group is rated less ready than people who perform as well (calibrated scores).</summary>
    public ImmutableArray<PotentialGapResult> PotentialGaps { get; }

    /// <summary>Gets, per attribute, the raters whose residuals differ between groups, and how many could not be examined.</summary>
    public ImmutableArray<RaterGroupBiasResult> RaterSplits { get; }
}
