using System.Collections.Immutable;

namespace Readiness.Scoring;

/// <summary>Whether the evidence about a candidate is enough to score them, and if not, what is missing.</summary>
public sealed class EvidenceCheck
{
    /// <summary>Initializes a new instance of the <see cref="EvidenceCheck"/> class.</summary>
    /// <param name="isSufficient">True when the candidate can be scored.</param>
    /// <param name="missing">What is missing, one sentence each (empty when sufficient).</param>
    internal EvidenceCheck(bool isSufficient, ImmutableArray<string> missing)
    {
        IsSufficient = isSufficient;
        Missing = missing;
    }

    /// <summary>Gets a value indicating whether the candidate can be scored.</summary>
    public bool IsSufficient { get; }

    /// <summary>Gets what is missing, one sentence each (empty when sufficient).</summary>
    public ImmutableArray<string> Missing { get; }
}
