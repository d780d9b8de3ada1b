using System.Collections.Immutable;
using Readiness.Internal;

namespace Readiness.Scoring;

/// <summary>Whether the evidence about a candidate is enough to score them, and if not, what is missing.</summary>
public sealed record EvidenceCheck
{
    /// <summary>Initializes a new instance of the <see cref="EvidenceCheck"/> record.</summary>
    /// <param name="isSufficient">True when the candidate can be scored.</param>
    /// <param name="missing">What is missing, one sentence each (empty when sufficient).</param>
    internal EvidenceCheck(bool isSufficient, ImmutableArray<string> missing)
    {
        IsSufficient = isSufficient;
        _missing = new(missing);
    }

    /// <summary>Gets a value indicating whether the candidate can be scored.</summary>
    public bool IsSufficient { get; }

    // Compared item by item (an ImmutableArray compares by reference), so equal results are equal.
    private readonly EquatableArray<string> _missing;

    /// <summary>Gets what is missing, one sentence each (empty when sufficient).</summary>
    public ImmutableArray<string> Missing => _missing.Items;
}
