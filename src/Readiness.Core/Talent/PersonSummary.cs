using System.Collections.Immutable;
using Readiness.Evidence;

namespace Readiness.Talent;

/// <summary>One person across the talent review: their box, the slates that name them and their plans.</summary>
public sealed class PersonSummary
{
    /// <summary>Initializes a new instance of the <see cref="PersonSummary"/> class.</summary>
    /// <param name="person">The person.</param>
    /// <param name="placement">Their 9-box placement, or null when they were not boxed.</param>
    /// <param name="slates">The slates that name them: role and entry.</param>
    /// <param name="plans">Their development plans.</param>
    internal PersonSummary(RateeId person, NineBoxPlacement? placement, ImmutableArray<RoleSlateEntry> slates, ImmutableArray<DevelopmentPlan> plans)
    {
        Person = person;
        Placement = placement;
        Slates = slates;
        Plans = plans;
    }

    /// <summary>Gets the person.</summary>
    public RateeId Person { get; }

    /// <summary>Gets their 9-box placement, or null when they were not boxed.</summary>
    public NineBoxPlacement? Placement { get; }

    /// <summary>Gets the slates that name them: role and entry.</summary>
    public ImmutableArray<RoleSlateEntry> Slates { get; }

    /// <summary>Gets their development plans.</summary>
    public ImmutableArray<DevelopmentPlan> Plans { get; }
}
