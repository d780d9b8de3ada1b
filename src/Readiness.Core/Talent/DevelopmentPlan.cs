using System.Collections.Immutable;
using Readiness.Evidence;

namespace Readiness.Talent;

/// <summary>A person's development plan towards a role: the gaps in the order to work on them, and the dates.</summary>
/// <param name="Person">The person.</param>
/// <param name="ProfileId">The role profile the plan prepares for.</param>
/// <param name="Start">The plan's start.</param>
/// <param name="LeadershipFirst">Whether leadership gaps come before individual-performance ones (the high performer with low readiness).</param>
/// <param name="Steps">The steps; empty when every target is met.</param>
/// <param name="YearsToReady">The longest step's years to close (gaps close in parallel); 0 without steps.</param>
/// <param name="ReadyBy">The start plus the years to ready.</param>
/// <param name="NextReassessment">The earliest step's reassessment date, or the start plus the interval without steps.</param>
public sealed record DevelopmentPlan(
    RateeId Person,
    string ProfileId,
    DateOnly Start,
    bool LeadershipFirst,
    ImmutableArray<DevelopmentStep> Steps,
    double YearsToReady,
    DateOnly ReadyBy,
    DateOnly NextReassessment);
