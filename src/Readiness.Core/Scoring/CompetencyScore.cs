using Readiness.Calibration;
using Readiness.Competencies;
using Readiness.Internal;

namespace Readiness.Scoring;

/// <summary>One requirement of the role, as the candidate meets it: the estimate against the target, the gap and the part of the index it explains.</summary>
public sealed class CompetencyScore
{
    /// <summary>Initializes a new instance of the <see cref="CompetencyScore"/> class, checking that its numbers agree.</summary>
    /// <param name="competency">The competency id.</param>
    /// <param name="target">The role's target level.</param>
    /// <param name="criticalMinimum">The critical minimum, at or below the target, or null.</param>
    /// <param name="weight">The requirement's weight in the role, in [0, 1].</param>
    /// <param name="estimate">The calibrated estimate, or null when there is none.</param>
    /// <param name="standardError">Its standard error, at least 0; null without an estimate.</param>
    /// <param name="gap">How far the estimate falls short of the target, in scale points: the target minus the estimate, 0 when met; null without an estimate.</param>
    /// <param name="yearsToClose">The gap divided by the competency's development rate, at least 0 (0 when the gap is 0); null without a gap.</param>
    /// <param name="contribution">The index points this requirement contributes; the contributions add up to the index. Null when not scored.</param>
    /// <param name="belowCriticalMinimum">Whether the estimate is below the critical minimum (false without one; with no estimate, whether the scorer counts the missing level as below it).</param>
    /// <param name="interval">The confidence interval of the true level at the assessment's level; null without an estimate.</param>
    /// <exception cref="ArgumentException"><paramref name="competency"/> is the default value, or a standard error, gap or interval is given without an estimate.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number is not finite or breaks its rule, or two disagree (a gap other than the target minus the estimate, years without a gap, a critical-minimum flag the estimate contradicts or without a critical minimum); the message names the competency, the value and the rule.</exception>
    public CompetencyScore(CompetencyId competency, double target, double? criticalMinimum, double weight, double? estimate, double? standardError, double? gap, double? yearsToClose, double? contribution, bool belowCriticalMinimum, EstimateInterval? interval = null)
    {
        if (competency.IsEmpty)
        {
            throw new ArgumentException("The competency id is the default value, which holds no id.", nameof(competency));
        }

        if (!double.IsFinite(target))
        {
            throw Refused(competency, nameof(target), target, "it must be a finite number");
        }

        if (criticalMinimum is { } minimum && !(double.IsFinite(minimum) && minimum <= target))
        {
            throw Refused(competency, nameof(criticalMinimum), minimum, $"it must be finite and at or below the target {Guard.Format(target)}");
        }

        if (!(weight is >= 0 and <= 1))
        {
            throw Refused(competency, nameof(weight), weight, "it must be in [0, 1]");
        }

        if (estimate is { } level)
        {
            if (!double.IsFinite(level))
            {
                throw Refused(competency, nameof(estimate), level, "it must be a finite number");
            }

            if (standardError is { } se && !(double.IsFinite(se) && se >= 0))
            {
                throw Refused(competency, nameof(standardError), se, "it must be finite and at least 0");
            }

            var shortfall = Math.Max(0, target - level);
            if (gap is { } g && !(Math.Abs(g - shortfall) <= 1e-9 * (1 + Math.Abs(target))))
            {
                throw Refused(competency, nameof(gap), g, $"with estimate {Guard.Format(level)} and target {Guard.Format(target)} it must be {Guard.Format(shortfall)} (the target minus the estimate, 0 when met)");
            }

            if (criticalMinimum is { } critical && belowCriticalMinimum != level < critical)
            {
                throw new ArgumentOutOfRangeException(nameof(belowCriticalMinimum), belowCriticalMinimum,
                    $"The score on {competency}: belowCriticalMinimum was {(belowCriticalMinimum ? "true" : "false")}; the estimate {Guard.Format(level)} is {(level < critical ? "below" : "at or above")} the critical minimum {Guard.Format(critical)}.");
            }
        }
        else if (standardError is not null || gap is not null || interval is not null)
        {
            throw new ArgumentException($"The score on {competency} has a standard error, gap or interval but no estimate; they need one.", nameof(estimate));
        }

        if (belowCriticalMinimum && criticalMinimum is null)
        {
            throw new ArgumentOutOfRangeException(nameof(belowCriticalMinimum), belowCriticalMinimum, $"The score on {competency}: belowCriticalMinimum was true; the requirement has no critical minimum to be below.");
        }

        if (yearsToClose is { } years && !(gap is { } open && double.IsFinite(years) && years >= 0 && (open > 0 || years == 0)))
        {
            throw Refused(competency, nameof(yearsToClose), years, "it must be finite, at least 0, given with a gap, and 0 when the gap is 0");
        }

        if (contribution is { } points && !double.IsFinite(points))
        {
            throw Refused(competency, nameof(contribution), points, "it must be a finite number");
        }

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

    private static ArgumentOutOfRangeException Refused(CompetencyId competency, string name, double value, string rule) =>
        new(name, value, $"The score on {competency}: {name} was {Guard.Format(value)}; {rule}.");
}
