using System.Collections.Immutable;

namespace Readiness.Scoring;

/// <summary>Whether the evidence about a candidate is enough to score them, and if not, what is missing.</summary>
/// <param name="IsSufficient">True when the candidate can be scored.</param>
/// <param name="Missing">What is missing, one sentence each (empty when sufficient).</param>
public sealed record EvidenceCheck(bool IsSufficient, ImmutableArray<string> Missing);
