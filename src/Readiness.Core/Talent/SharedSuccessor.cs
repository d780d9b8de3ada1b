using System.Collections.Immutable;
using Readiness.Evidence;

namespace Readiness.Talent;

/// <summary>A person named on several slates: the bench is thinner than the counts suggest, since one person fills one role.</summary>
public sealed class SharedSuccessor
{
    /// <summary>Initializes a new instance of the <see cref="SharedSuccessor"/> class.</summary>
    /// <param name="person">The person.</param>
    /// <param name="roles">The roles whose slates name them, in the order the slates were given.</param>
    /// <param name="readyNowFor">How many of those roles they are ready now for.</param>
    internal SharedSuccessor(RateeId person, ImmutableArray<string> roles, int readyNowFor)
    {
        Person = person;
        ReadyNowFor = readyNowFor;
        Roles = roles;
    }

    /// <summary>Gets the person.</summary>
    public RateeId Person { get; }

    /// <summary>Gets how many of those roles they are ready now for.</summary>
    public int ReadyNowFor { get; }

    /// <summary>Gets the roles whose slates name them, in the order the slates were given.</summary>
    public ImmutableArray<string> Roles { get; }
}
