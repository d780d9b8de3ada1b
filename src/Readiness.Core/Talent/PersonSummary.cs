using System.Collections.Immutable;
using Readiness.Evidence;
using Readiness.Internal;

namespace Readiness.Talent;

/// <summary>One person across the talent review: their box, the slates that name them and their plans.</summary>
/// <param name="Person">The person.</param>
/// <param name="Placement">Their 9-box placement, or null when they were not boxed.</param>
/// <param name="Slates">The slates that name them: role and entry.</param>
/// <param name="Plans">Their development plans.</param>
public sealed record PersonSummary(
    RateeId Person,
    NineBoxPlacement? Placement,
    ImmutableArray<RoleSlateEntry> Slates,
    ImmutableArray<DevelopmentPlan> Plans)
{
    // Compared item by item (an ImmutableArray compares by reference), so equal results are equal.
    private readonly EquatableArray<RoleSlateEntry> _slates = new(Slates);
    private readonly EquatableArray<DevelopmentPlan> _plans = new(Plans);

    /// <summary>Gets the slates that name them: role and entry.</summary>
    public ImmutableArray<RoleSlateEntry> Slates { get => _slates.Items; init => _slates = new(value); }

    /// <summary>Gets their development plans.</summary>
    public ImmutableArray<DevelopmentPlan> Plans { get => _plans.Items; init => _plans = new(value); }
}
