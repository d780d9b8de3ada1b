namespace Readiness.Reliability;

/// <summary>One Shrout–Fleiss intraclass correlation with its F test and confidence interval.</summary>
/// <param name="Form">The form, e.g. <c>ICC(2,1)</c> (random judges, single rating) or <c>ICC(3,k)</c> (fixed judges, mean of k).</param>
/// <param name="Value">The correlation; can be negative when targets differ less than judges disagree.</param>
/// <param name="F">The F statistic testing a correlation of 0.</param>
/// <param name="Df1">Its numerator degrees of freedom.</param>
/// <param name="Df2">Its denominator degrees of freedom.</param>
/// <param name="P">The p-value of the F test.</param>
/// <param name="Lower">The lower end of the confidence interval.</param>
/// <param name="Upper">The upper end of the confidence interval.</param>
public sealed record IccEstimate(string Form, double Value, double F, double Df1, double Df2, double P, double Lower, double Upper);
