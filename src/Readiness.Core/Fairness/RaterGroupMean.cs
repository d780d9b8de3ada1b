namespace Readiness.Fairness;

/// <summary>One group of a rater's ratees: how many, and how far above the calibrated estimates the rater rates them.</summary>
/// <param name="Group">The group.</param>
/// <param name="Ratees">The rater's ratees in the group.</param>
/// <param name="MeanResidual">The mean residual (rating − calibrated estimate), in scale points.</param>
public sealed record RaterGroupMean(string Group, int Ratees, double MeanResidual);
