using Readiness.Calibration;
using Readiness.Competencies;

namespace Readiness.Scoring;

/// <summary>One requirement of the role, as the candidate meets it: the estimate against the target, the gap and the part of the index it explains.</summary>
public sealed class CompetencyScore
{
    /// <summary>Initializes a new instance of the <see cref="CompetencyScore"/> class.</summary>
    /// <param name="competency">The competency id.</param>
    /// <param name="target">The role's target level.</param>
    /// <param name="criticalMinimum">The critical minimum, or null.</param>
    /// <param name="weight">The requirement's weight in the role, in [0, 1].</param>
    /// <param name="estimate">The calibrated estimate, or null when there is none.</param>
    /// <param name="standardError">Its standard error, or null.</param>
    /// <param name="gap">How far the estimate falls short of the target, in scale points (0 when met); null without an estimate.</param>
    /// <param name="yearsToClose">The gap divided by the competency's development rate; null without an estimate.</param>
    /// <param name="contribution">The index points this requirement contributes; the contributions add up to the index. Null when not scored.</param>
    /// <param name="belowCriticalMinimum">Whether the estimate is below the critical minimum.</param>
    /// <param name="interval">The confidence interval of the true level at the assessment's level, or null without an estimate.</param>
    public CompetencyScore(CompetencyId competency, double target, double? criticalMinimum, double weight, double? estimate, double? standardError, double? gap, double? yearsToClose, double? contribution, bool belowCriticalMinimum, EstimateInterval? interval = null)
    {
        Competency = competency;
        Target = target;
        CriticalMinimum = criticalMinimum;
        Weight = weight;
        Estimate = estimate;
        StandardError = standardError;
        Gap = gap;
        YearsToClose = yearsToClose;
        Contribution = contribution;
        BelowCriticalMinimum = belowCriticalMinimum;
        Interval = interval;
    }

    /// <summary>Gets the competency id.</summary>
    public CompetencyId Competency { get; }

    /// <summary>Gets the role's target level.</summary>
    public double Target { get; }

    /// <summary>Gets the critical minimum, or null.</summary>
    public double? CriticalMinimum { get; }

    /// <summary>Gets the requirement's weight in the role, in [0, 1].</summary>
    public double Weight { get; }

    /// <summary>Gets the calibrated estimate, or null when there is none.</summary>
    public double? Estimate { get; }

    /// <summary>Gets its standard error, or null.</summary>
    public double? StandardError { get; }

    /// <summary>Gets how far the estimate falls short of the target, in scale points (0 when met); null without an estimate.</summary>
    public double? Gap { get; }

    /// <summary>Gets the gap divided by the competency's development rate; null without an estimate.</summary>
    public double? YearsToClose { get; }

    /// <summary>Gets the index points this requirement contributes; the contributions add up to the index. Null when not scored.</summary>
    public double? Contribution { get; }

    /// <summary>Gets whether the estimate is below the critical minimum.</summary>
    public bool BelowCriticalMinimum { get; }

    /// <summary>Gets the confidence interval of the true level at the assessment's <see cref="ReadinessAssessment.IntervalLevel"/> (<see cref="CompetencyEstimate.Interval"/>), or null without an estimate.</summary>
    public EstimateInterval? Interval { get; }
}
