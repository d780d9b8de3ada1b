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
    /// Gets whether the raters the diagnostics flag for central tendency or halo are set aside before calibration
    /// (<see cref="Reliability.StyledRaterScreen"/>): a rater effect cannot undo those styles, which pull the estimates of
    /// people at the ends of the scale towards the middle. The ratings are calibrated once to diagnose the raters, and
    /// again without theirs of others (<see cref="ReadinessRun.Screen"/>). People left with fewer raters or sources than
    /// the evidence rules ask go unscored, unless <see cref="KeepStyledRatersForEvidence"/>. The default is false.
    /// </summary>
    public bool SetAsideStyledRaters { get; init; }

    /// <summary>
    /// Gets whether, with <see cref="SetAsideStyledRaters"/>, a person keeps their ratings by the raters set aside when
    /// without them they would fall short of the built-in scorer's <see cref="Scoring.ScoringOptions.MinimumRaters"/> or
    /// <see cref="Scoring.ScoringOptions.MinimumSources"/> (<see cref="Reliability.StyledRaterScreen.KeptFor"/>), so that
    /// nobody goes unscored for a styled manager. Their estimates then carry those raters' error: on 40 simulated
    /// 360° organisations with a person effect per domain, every P(ready now) decile bin was within 0.034 of the truth and
    /// 47,958 of 48,000 people were scored, against 0.024 with 11% of the people unscored; on the widely crossed and
    /// assessment-centre designs the kept raters' error shows (benchmarks/README.md). The default is false.
    /// An outside scorer's evidence rules are unknown to the pipeline: with one, nobody keeps them.
    /// </summary>
    public bool KeepStyledRatersForEvidence { get; init; }

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
        rules.Nested(NineBox, () => NineBox.Validate());
        rules.Nested(Slate, () => Slate.Validate());
        rules.Require(AuditOutcome is not null, "AuditOutcome must not be null.");
        rules.Nested(Audit, () => Audit.Validate());
        rules.Nested(Validity, () => Validity.Validate());
        return rules.Broken;
    }

    internal ReadinessPipelineOptions Validated() => OptionRules.Valid(this, Validate());
}
