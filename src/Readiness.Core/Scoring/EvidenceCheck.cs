using System.Collections.Immutable;
using Readiness.Internal;

namespace Readiness.Scoring;

/// <summary>Whether the evidence about a candidate is enough to score them, and if not, what is missing.</summary>
/// <param name="IsSufficient">True when the candidate can be scored.</param>
/// <param name="Missing">What is missing, one sentence each (empty when sufficient).</param>
public sealed record EvidenceCheck(bool IsSufficient, ImmutableArray<string> Missing)
{
    // Compared item by item (an ImmutableArray compares by reference), so equal results are equal.
    private readonly EquatableArray<string> _missing = new(Missing);

    /// <summary>Gets what is missing, one sentence each (empty when sufficient).</summary>
    public ImmutableArray<string> Missing { get => _missing.Items; init => _missing = new(value); }
}
