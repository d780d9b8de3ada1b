using System.Collections.Immutable;
using Readiness.Evidence;
using Readiness.Internal;

namespace Readiness.Talent;

/// <summary>A person named on several slates: the bench is thinner than the counts suggest, since one person fills one role.</summary>
public sealed record SharedSuccessor
{
    /// <summary>Initializes a new instance of the <see cref="SharedSuccessor"/> record.</summary>
    /// <param name="person">The person.</param>
    /// <param name="roles">The roles whose slates name them, in the order the slates were given.</param>
    /// <param name="readyNowFor">How many of those roles they are ready now for.</param>
    internal SharedSuccessor(RateeId person, ImmutableArray<string> roles, int readyNowFor)
    {
        Person = person;
        ReadyNowFor = readyNowFor;
        _roles = new(roles);
    }

    /// <summary>Gets the person.</summary>
    public RateeId Person { get; }

    /// <summary>Gets how many of those roles they are ready now for.</summary>
    public int ReadyNowFor { get; }

    // Compared item by item (an ImmutableArray compares by reference), so equal results are equal.
    private readonly EquatableArray<string> _roles;

    /// <summary>Gets the roles whose slates name them, in the order the slates were given.</summary>
    public ImmutableArray<string> Roles => _roles.Items;
}
