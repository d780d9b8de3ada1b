namespace Readiness.Scoring.Internal;

/// <summary>
/// A scored candidate's estimates in requirement order with their uncertainty, and the arithmetic that scored them: what
/// draws of a cohort's true levels need, kept on the assessment so that later steps (ranks, the 9-box) can draw them.
/// </summary>
/// <param name="Kernel">The profile's arithmetic.</param>
/// <param name="Id">The candidate's id (it seeds their walk through the draws).</param>
/// <param name="X">The estimates, in requirement order (the scale minimum where one is missing).</param>
/// <param name="Se">Their standard errors (0 where missing).</param>
/// <param name="Correlation">The error correlation of requirements i and j (i &gt; j); null when the errors move together.</param>
internal sealed record JointEstimate(ProfileKernel Kernel, string Id, double[] X, double[] Se, Func<int, int, double>? Correlation);
