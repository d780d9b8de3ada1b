namespace Readiness.Fairness;

/// <summary>How well a predictor separates successes from failures: the area under the ROC curve with its interval.</summary>
/// <param name="Auc">The probability that a random success scores above a random failure (ties count half).</param>
/// <param name="Lower">The interval's lower end (Hanley and McNeil's standard error, clipped to [0, 1]).</param>
/// <param name="Upper">Its upper end.</param>
public sealed record AreaUnderCurve(double Auc, double Lower, double Upper);
