using System.Collections.Immutable;
using Readiness.Evidence;

namespace Readiness.Talent;

/// <summary>One person across the talent review: their box, the slates that name them and their plans.</summary>
/// <param name="Person">The person.</param>
/// <param name="Placement">Their 9-box placement, or null when they were not boxed.</param>
/// <param name="Slates">The slates that name them: role and entry.</param>
/// <param name="Plans">Their development plans.</param>
public sealed record PersonSummary(
    RateeId Person,
    NineBoxPlacement? Placement,
    ImmutableArray<(string Role, SlateEntry Entry)> Slates,
    ImmutableArray<DevelopmentPlan> Plans);
