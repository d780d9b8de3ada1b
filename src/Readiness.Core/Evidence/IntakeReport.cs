using System.Collections.Immutable;

namespace Readiness.Evidence;

/// <summary>The account of a bulk intake: how many rows came in, how many were kept, and every row refused.</summary>
/// <remarks><see cref="Accepted"/> + <see cref="Rejected"/>.Length == <see cref="Submitted"/>, always.</remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed class IntakeReport
{
    internal IntakeReport(int submitted, ImmutableArray<RejectedRow> rejected)
    {
        Submitted = submitted;
        Rejected = rejected;
    }

    /// <summary>Gets the number of rows submitted.</summary>
    public int Submitted { get; }

    /// <summary>Gets the number of rows accepted.</summary>
    public int Accepted => Submitted - Rejected.Length;

    /// <summary>Gets every refused row, ordered by <see cref="RejectedRow.Row"/>.</summary>
    public ImmutableArray<RejectedRow> Rejected { get; }

    /// <summary>Gets the number of refused rows for each reason that occurred.</summary>
    /// <returns>Reason and count, ordered by reason.</returns>
    public ImmutableArray<KeyValuePair<RejectReason, int>> CountByReason() =>
        [.. Rejected.GroupBy(r => r.Reason).OrderBy(g => g.Key).Select(g => KeyValuePair.Create(g.Key, g.Count()))];

    /// <inheritdoc />
    public override string ToString() => $"{Submitted} submitted, {Accepted} accepted, {Rejected.Length} rejected";
}
