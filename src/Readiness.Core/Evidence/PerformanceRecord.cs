namespace Readiness.Evidence;

/// <summary>A measure of one person's individual performance, kept apart from the leadership ratings.</summary>
/// <remarks>
/// Individual performance (personal execution: results, quality, expertise) is the axis that organisations promote on
/// and that this library sets beside leadership readiness. It comes from its own source — a performance-review score,
/// objective results — and is never derived from the leadership ratings. Any finite scale works; it is used only to
/// compare people with each other.
/// </remarks>
/// <param name="Person">The person.</param>
/// <param name="Value">The performance measure.</param>
/// <param name="Cycle">The review cycle, or null when there is one record per person.</param>
public readonly record struct PerformanceRecord(RateeId Person, double Value, string? Cycle = null);
