using System.Collections.Immutable;
using Readiness.Evidence;
using Readiness.Internal;

namespace Readiness.Talent;

/// <summary>A person named on several slates: the bench is thinner than the counts suggest, since one person fills one role.</summary>
/// <param name="Person">The person.</param>
/// <param name="Roles">The roles whose slates name them, in the order the slates were given.</param>
/// <param name="ReadyNowFor">How many of those roles they are ready now for.</param>
public sealed record SharedSuccessor(RateeId Person, ImmutableArray<string> Roles, int ReadyNowFor)
{
    // Compared item by item (an ImmutableArray compares by reference), so equal results are equal.
    private readonly EquatableArray<string> _roles = new(Roles);

    /// <summary>Gets the roles whose slates name them, in the order the slates were given.</summary>
    public ImmutableArray<string> Roles { get => _roles.Items; init => _roles = new(value); }
}
