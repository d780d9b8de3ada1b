namespace Readiness.Scoring;

/// <summary>One requirement of the role, as the candidate meets it: the estimate against the target, the gap and the part of the index it explains.</summary>
/// <param name="Competency">The competency id.</param>
/// <param name="Target">The role's target level.</param>
/// <param name="CriticalMinimum">The critical minimum, or null.</param>
/// <param name="Weight">The requirement's weight in the role, in [0, 1].</param>
/// <param name="Estimate">The calibrated estimate, or null when there is none.</param>
/// <param name="StandardError">Its standard error, or null.</param>
/// <param name="Gap">How far the estimate falls short of the target, in scale points (0 when met); null without an estimate.</param>
/// <param name="YearsToClose">The gap divided by the competency's development rate; null without an estimate.</param>
/// <param name="Contribution">The index points this requirement contributes; the contributions add up to the index. Null when not scored.</param>
/// <param name="BelowCriticalMinimum">Whether the estimate is below the critical minimum.</param>
public sealed record CompetencyScore(
    string Competency,
    double Target,
    double? CriticalMinimum,
    double Weight,
    double? Estimate,
    double? StandardError,
    double? Gap,
    double? YearsToClose,
    double? Contribution,
    bool BelowCriticalMinimum);
