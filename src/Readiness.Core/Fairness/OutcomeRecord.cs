using Readiness.Evidence;

namespace Readiness.Fairness;

/// <summary>A later outcome for one person, e.g. their team's performance or engagement twelve months after promotion; 0/1 for success or failure.</summary>
/// <param name="Person">The person.</param>
/// <param name="Value">The outcome.</param>
public readonly record struct OutcomeRecord(RateeId Person, double Value);
