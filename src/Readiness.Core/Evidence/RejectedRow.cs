namespace Readiness.Evidence;

/// <summary>A row that bulk intake refused, with where it was and why.</summary>
/// <param name="Row">The zero-based position of the row among all rows submitted.</param>
/// <param name="Reason">The rule the row broke.</param>
/// <param name="Message">A sentence naming the offending value and the rule.</param>
public sealed record RejectedRow(int Row, RejectReason Reason, string Message);
