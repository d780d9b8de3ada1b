namespace Readiness.Scoring.Internal;

/// <summary>What the joint uncertainty of a candidate's estimates says: the chances of the bands and the expected gaps.</summary>
/// <param name="ReadyNow">P(ready now).</param>
/// <param name="NearTerm">P(ready now or in 1–2 years).</param>
/// <param name="Shortfall">The expected shortfall below the targets, in index points.</param>
/// <param name="Surplus">The expected surplus above the targets, in index points.</param>
internal readonly record struct ReadinessChances(double ReadyNow, double NearTerm, double Shortfall, double Surplus);
