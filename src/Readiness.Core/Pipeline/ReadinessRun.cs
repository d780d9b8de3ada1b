using System.Collections.Immutable;
using Readiness.Calibration;
using Readiness.Evidence;
using Readiness.Fairness;
using Readiness.Reliability;
using Readiness.Scoring;
using Readiness.Talent;

namespace Readiness.Pipeline;

/// <summary>
/// A whole run of <see cref="ReadinessPipeline"/>: the intake, the calibration, the assessments against every role and
/// the steps their inputs enabled — the talent review, the fairness audit and the predictive-validity study.
/// </summary>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed class ReadinessRun
{
    internal ReadinessRun(
        ReadinessRunInput input,
        CalibrationResult calibration,
        ImmutableArray<ReadinessCandidate> candidates,
        ImmutableArray<RoleAssessments> roles,
        ImmutableArray<ReadinessAssessment> rawMeanAssessments,
        TalentPipeline? talent,
        FairnessReview? fairness,
        PredictiveValidityStudy? validity)
    {
        Input = input;
        Calibration = calibration;
        Candidates = candidates;
        Roles = roles;
        RawMeanAssessments = rawMeanAssessments;
        Talent = talent;
        Fairness = fairness;
        Validity = validity;
    }

    /// <summary>Gets what the run was given.</summary>
    public ReadinessRunInput Input { get; }

    /// <summary>Gets the intake's account of every rating row.</summary>
    public IntakeReport Intake => Input.Ratings.Report;

    /// <summary>Gets the ratings calibrated: the intake's, without those set aside (<see cref="Screen"/>).</summary>
    public RatingSet Ratings => Screen?.Ratings ?? Input.Ratings.Ratings;

    /// <summary>Gets the screen of the raters flagged for their style (<see cref="ReadinessPipelineOptions.StyledRaters"/>); null when they were kept.</summary>
    public StyledRaterScreen? Screen { get; init; }

    /// <summary>Gets the calibration: estimates with standard errors, rater effects, variance components, warnings.</summary>
    public CalibrationResult Calibration { get; }

    /// <summary>Gets one candidate per ratee, from the calibration (and the performance records, when given).</summary>
    public ImmutableArray<ReadinessCandidate> Candidates { get; }

    /// <summary>Gets the assessments against each role, in the input's order of roles.</summary>
    public ImmutableArray<RoleAssessments> Roles { get; }

    /// <summary>Gets the assessments against the first role.</summary>
    public ImmutableArray<ReadinessAssessment> Assessments => Roles[0].Assessments;

    /// <summary>
    /// Gets the first role's assessments on raw rating means (no calibration), in the same order; empty unless asked for
    /// (<see cref="ReadinessPipelineOptions.CompareWithRawMeans"/>) or there was an audit.
    /// </summary>
    public ImmutableArray<ReadinessAssessment> RawMeanAssessments { get; }

    /// <summary>Gets the talent review (9-box for the first role, a slate per role, bench, plans); null without a review date.</summary>
    public TalentPipeline? Talent { get; }

    /// <summary>Gets the fairness audit; null without demographic groups.</summary>
    public FairnessReview? Fairness { get; }

    /// <summary>Gets the predictive-validity study; null without outcomes.</summary>
    public PredictiveValidityStudy? Validity { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Intake}; {Calibration.Method}; {string.Join("; ", Roles)}";
}
