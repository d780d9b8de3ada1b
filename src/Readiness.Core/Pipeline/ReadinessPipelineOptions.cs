using System.Collections.Immutable;
using Readiness.Fairness;
using Readiness.Internal;
using Readiness.Scoring;
using Readiness.Talent;

namespace Readiness.Pipeline;

/// <summary>How <see cref="ReadinessPipeline"/> runs the steps after scoring.</summary>
public sealed record ReadinessPipelineOptions
{
    /// <summary>Gets whether a run in which nobody could be scored returns (true) or throws <see cref="NobodyScoredException"/> (false, the default).</summary>
    public bool AllowUnscored { get; init; }

    /// <summary>
    /// Gets what is done with the raters the diagnostics flag for central tendency or halo. The default value is
    /// <see cref="StyledRaterPolicy.SetAsideUnlessNeeded"/>.
    /// </summary>
    /// <remarks>
    /// Unless <see cref="StyledRaterPolicy.Keep"/>, or the calibrator is not the crossed model (<see cref="StyledRaterPolicy"/>
    /// says why), the ratings are calibrated once to diagnose the raters and, when any
    /// rating is set aside, again without it (<see cref="ReadinessRun.Screen"/>). On simulated 360° organisations with the
    /// simulator's rater styles, keeping them left the 90% intervals of the estimates covering 86.8% and P(ready now) off by
    /// up to 0.051; with the default and the default person effect, 89.2% and 0.032 (40 organisations), every person scored
    /// who was scored with every rater (<c>benchmarks/README.md</c>).
    /// </remarks>
    public StyledRaterPolicy StyledRaters { get; init; }

    /// <summary>
    /// Gets whether the first role is also scored on raw rating means (no calibration), for comparison: what calibration
    /// changed, and the fairness audit's "before". Always done when there is an audit. Default false.
    /// </summary>
    public bool CompareWithRawMeans { get; init; }

    /// <summary>Gets the 9-box's options (cuts and labels).</summary>
    public NineBoxOptions NineBox { get; init; } = new();

    /// <summary>Gets the slates' options; the input's <see cref="ReadinessRunInput.SlateExclusions"/> are added to its exclusions.</summary>
    public SlateOptions Slate { get; init; } = new();

    /// <summary>Gets the outcome the fairness audit examines, from the first role's assessments. Default: <see cref="AuditOutcome.ScoringRate"/>.</summary>
    public Func<IReadOnlyList<ReadinessAssessment>, AuditOutcome> AuditOutcome { get; init; } = assessments => Fairness.AuditOutcome.ScoringRate(assessments);

    /// <summary>Gets the fairness audit's options.</summary>
    public AuditOptions Audit { get; init; } = new();

    /// <summary>Gets the predictive-validity study's options.</summary>
    public ValidityOptions Validity { get; init; } = new();

    /// <summary>Lists every rule these options break, each message naming the property, its value and the rule.</summary>
    /// <returns>The broken rules; empty when the options are valid.</returns>
    public ImmutableArray<string> Validate()
    {
        var rules = new OptionRules();
        rules.Defined(StyledRaters);
        rules.Nested(NineBox, () => NineBox.Validate());
        rules.Nested(Slate, () => Slate.Validate());
        rules.Require(AuditOutcome is not null, "AuditOutcome must not be null.");
        rules.Nested(Audit, () => Audit.Validate());
        rules.Nested(Validity, () => Validity.Validate());
        return rules.Broken;
    }

    internal ReadinessPipelineOptions Validated() => OptionRules.Valid(this, Validate());
}
