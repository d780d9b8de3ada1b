using System.Collections.Immutable;
using Readiness.Evidence;

namespace Readiness.Talent;

/// <summary>A person named on several slates: the bench is thinner than the counts suggest, since one person fills one role.</summary>
/// <param name="Person">The person.</param>
/// <param name="Roles">The roles whose slates name them, in the order the slates were given.</param>
/// <param name="ReadyNowFor">How many of those roles they are ready now for.</param>
public sealed record SharedSuccessor(RateeId Person, ImmutableArray<string> Roles, int ReadyNowFor);
