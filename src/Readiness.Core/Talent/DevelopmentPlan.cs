using System.Collections.Immutable;
using Readiness.Evidence;
using Readiness.Internal;
using Readiness.Scoring;

namespace Readiness.Talent;

/// <summary>A person's development plan towards a role: the gaps in the order to work on them, and the dates.</summary>
/// <param name="Person">The person.</param>
/// <param name="ProfileId">The role profile the plan prepares for.</param>
/// <param name="Start">The plan's start.</param>
/// <param name="LeadershipFirst">Whether leadership gaps come before individual-performance ones (the high performer with low readiness).</param>
/// <param name="Steps">The steps; empty when every target is met.</param>
/// <param name="YearsToReady">The longest step's years to close (gaps close in parallel); 0 without steps.</param>
/// <param name="ReadyBy">The start plus the years to ready: when the gaps on the estimates close. <see cref="Band"/> and <see cref="ProbabilityReadyNow"/> say how sure that is.</param>
/// <param name="NextReassessment">The earliest step's reassessment date, or the start plus the interval without steps.</param>
public sealed record DevelopmentPlan(
    RateeId Person,
    string ProfileId,
    DateOnly Start,
    bool LeadershipFirst,
    ImmutableArray<DevelopmentStep> Steps,
    double YearsToReady,
    DateOnly ReadyBy,
    DateOnly NextReassessment)
{
    // Compared item by item (an ImmutableArray compares by reference), so equal results are equal.
    private readonly EquatableArray<DevelopmentStep> _steps = new(Steps);

    /// <summary>Gets the steps; empty when every target is met.</summary>
    public ImmutableArray<DevelopmentStep> Steps { get => _steps.Items; init => _steps = new(value); }

    /// <summary>Gets the assessment's band (under the default basis, the one reached with the stated probability): with no gap on the estimates a person can still be 1–2 years away when the evidence is thin.</summary>
    public ReadinessBand Band { get; init; }

    /// <summary>Gets the assessment's P(ready now), when the scorer gives it.</summary>
    public double? ProbabilityReadyNow { get; init; }

    /// <summary>Gets the assessment's P(ready within the near term), when the scorer gives it.</summary>
    public double? ProbabilityReadyNearTerm { get; init; }
}
