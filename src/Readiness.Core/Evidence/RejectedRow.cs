namespace Readiness.Evidence;

/// <summary>A row that bulk intake refused, with where it was and why.</summary>
public sealed record RejectedRow
{
    /// <summary>Initializes a new instance of the <see cref="RejectedRow"/> record.</summary>
    /// <param name="row">The zero-based position of the row among all rows submitted.</param>
    /// <param name="reason">The rule the row broke.</param>
    /// <param name="message">A sentence naming the offending value and the rule.</param>
    internal RejectedRow(int row, RejectReason reason, string message)
    {
        Row = row;
        Reason = reason;
        Message = message;
    }

    /// <summary>Gets the zero-based position of the row among all rows submitted.</summary>
    public int Row { get; }

    /// <summary>Gets the rule the row broke.</summary>
    public RejectReason Reason { get; }

    /// <summary>Gets a sentence naming the offending value and the rule.</summary>
    public string Message { get; }
}
