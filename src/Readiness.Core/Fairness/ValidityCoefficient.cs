namespace Readiness.Fairness;

/// <summary>A predictor's correlation with the outcome, with its confidence interval and test.</summary>
/// <param name="R">Pearson's r (point-biserial for a binary outcome).</param>
/// <param name="Lower">The interval's lower end (Fisher's z transformation).</param>
/// <param name="Upper">Its upper end.</param>
/// <param name="P">The two-sided p-value of r = 0 (t test on n − 2 degrees of freedom).</param>
/// <param name="Corrected">r corrected for the outcome's unreliability (r / √reliability, capped at ±1), or null when no reliability was given.</param>
public sealed record ValidityCoefficient(double R, double Lower, double Upper, double P, double? Corrected);
