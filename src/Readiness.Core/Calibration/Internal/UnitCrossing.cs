namespace Readiness.Calibration.Internal;

/// <summary>
/// The error correlations of one domain unit's estimates with those of the same person's previous unit, row by row (the
/// previous unit's estimates are the rows): posterior, and given the true levels.
/// </summary>
/// <param name="Before">The previous unit.</param>
/// <param name="Posterior">The correlations of the errors around the shrunk estimates.</param>
/// <param name="Conditional">The correlations of the unshrunk estimates' errors given the true levels.</param>
internal sealed record UnitCrossing(Evidence.RateeId Before, double[] Posterior, double[] Conditional);
