namespace Readiness.Evidence;

/// <summary>The outcome of a bulk intake of performance records.</summary>
/// <param name="Performance">The accepted records.</param>
/// <param name="Report">How many records were submitted and which were refused, and why.</param>
public sealed record PerformanceIntake(PerformanceSet Performance, IntakeReport Report);
