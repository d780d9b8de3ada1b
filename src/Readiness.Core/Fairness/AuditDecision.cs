using Readiness.Evidence;

namespace Readiness.Fairness;

/// <summary>One person's outcome in an audit: selected (ready now, on the slate, above the cut-off…) or not.</summary>
/// <param name="Person">The person.</param>
/// <param name="Selected">Whether the outcome selected them.</param>
public readonly record struct AuditDecision(RateeId Person, bool Selected);
