using Readiness.Evidence;

namespace Readiness.Talent;

/// <summary>A person left out of a 9-box or a slate, and why: nobody is dropped silently.</summary>
/// <param name="Person">The person.</param>
/// <param name="Reason">Why.</param>
/// <param name="Detail">The specifics, in words.</param>
public sealed record TalentExclusion(RateeId Person, ExclusionReason Reason, string Detail);
