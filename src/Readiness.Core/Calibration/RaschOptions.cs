using System.Collections.Immutable;
using Readiness.Internal;

namespace Readiness.Calibration;

/// <summary>Settings of the many-facet Rasch calibrator.</summary>
/// <remarks>Checked when the calibrator is created; a bad value gets an exception naming the property and the rule.</remarks>
public sealed record RaschOptions
{
    /// <summary>Gets a value indicating whether rater source (manager, peer, direct report, …) is a facet of its own. The default value is false.</summary>
    /// <remarks>
    /// Off, a source's systematic leniency is part of each rater's measure (a peer panel that rates high makes each of its
    /// peers lenient). On, sources are centred on 0 like raters and each rater's measure is relative to their source.
    /// </remarks>
    public bool SourceFacet { get; init; }

    /// <summary>Gets the largest difference between an element's observed and expected score, in rating points, at which estimation stops. The default value is 1e-8.</summary>
    /// <remarks>The likelihood equations of every non-extreme ratee, competency, rater and source, and of every threshold, hold to this.</remarks>
    public double ScoreTolerance { get; init; } = 1e-8;

    /// <summary>Gets the most joint maximum likelihood iterations (each one Newton step for every measure and threshold at once; about ten are needed). The default value is 1,000.</summary>
    public int MaxIterations { get; init; } = 1000;

    /// <summary>Gets the score points an extreme score is moved inward to estimate the element (FACETS' default). The default value is 0.3.</summary>
    /// <remarks>
    /// An element whose every rating is the lowest or highest category has an infinite maximum likelihood estimate. It is
    /// left out of estimation and then measured as if its score were this much less than the maximum (or more than the
    /// minimum), with every other element held. The same rule gives each person × competency fair average whose ratings are
    /// all at one end of the scale.
    /// </remarks>
    public double ExtremeScoreAdjustment { get; init; } = 0.3;

    /// <summary>Gets the largest Newton step, in logits. The default value is 1.</summary>
    public double MaxStep { get; init; } = 1;

        /// <summary>Lists every rule these options break, each message naming the property, its value and the rule.</summary>
    /// <returns>The broken rules; empty when the options are valid.</returns>
    public ImmutableArray<string> Validate()
    {
        var rules = new OptionRules();
        rules.InRange(ScoreTolerance, 1e-12, 1e-2);
        rules.AtLeast(MaxIterations, 1);
        rules.InRange(ExtremeScoreAdjustment, 0.01, 0.5);
        rules.InRange(MaxStep, 0.01, 10);
        return rules.Broken;
    }

    internal RaschOptions Validated() => OptionRules.Valid(this, Validate());
}
