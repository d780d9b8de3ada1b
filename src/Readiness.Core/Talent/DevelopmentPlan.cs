using System.Collections.Immutable;
using Readiness.Evidence;
using Readiness.Scoring;

namespace Readiness.Talent;

/// <summary>A person's development plan towards a role: the gaps in the order to work on them, and the dates.</summary>
public sealed class DevelopmentPlan
{
    /// <summary>Initializes a new instance of the <see cref="DevelopmentPlan"/> class.</summary>
    /// <param name="person">The person.</param>
    /// <param name="profileId">The role profile the plan prepares for.</param>
    /// <param name="start">The plan's start.</param>
    /// <param name="leadershipFirst">Whether leadership gaps come before individual-performance ones (the high performer with low readiness).</param>
    /// <param name="steps">The steps; empty when every target is met.</param>
    /// <param name="yearsToReady">The longest step's years to close (gaps close in parallel); 0 without steps.</param>
    /// <param name="readyBy">The start plus the years to ready: when the gaps on the estimates close. <see cref="Band"/> and <see cref="ProbabilityReadyNow"/> say how sure that is.</param>
    /// <param name="nextReassessment">The earliest step's reassessment date, or the start plus the interval without steps.</param>
    internal DevelopmentPlan(RateeId person, string profileId, DateOnly start, bool leadershipFirst, ImmutableArray<DevelopmentStep> steps, double yearsToReady, DateOnly readyBy, DateOnly nextReassessment)
    {
        Person = person;
        ProfileId = profileId;
        Start = start;
        LeadershipFirst = leadershipFirst;
        YearsToReady = yearsToReady;
        ReadyBy = readyBy;
        NextReassessment = nextReassessment;
        Steps = steps;
    }

    /// <summary>Gets the person.</summary>
    public RateeId Person { get; }

    /// <summary>Gets the role profile the plan prepares for.</summary>
    public string ProfileId { get; }

    /// <summary>Gets the plan's start.</summary>
    public DateOnly Start { get; }

    /// <summary>Gets whether leadership gaps come before individual-performance ones (the high performer with low readiness).</summary>
    public bool LeadershipFirst { get; }

    /// <summary>Gets the longest step's years to close (gaps close in parallel); 0 without steps.</summary>
    public double YearsToReady { get; }

    /// <summary>Gets the start plus the years to ready: when the gaps on the estimates close. <see cref="Band"/> and <see cref="ProbabilityReadyNow"/> say how sure that is.</summary>
    public DateOnly ReadyBy { get; }

    /// <summary>Gets the earliest step's reassessment date, or the start plus the interval without steps.</summary>
    public DateOnly NextReassessment { get; }

    /// <summary>
    /// Gets the years to ready when every step with a <see cref="DevelopmentStep.MeasuredIntervention"/> takes it (the
    /// longest step's <see cref="DevelopmentStep.YearsToCloseWithMeasured"/>, or its <see cref="DevelopmentStep.YearsToClose"/>
    /// without one); null when no step has one.
    /// </summary>
    public double? YearsToReadyWithMeasured { get; internal init; }

    /// <summary>Gets the steps; empty when every target is met.</summary>
    public ImmutableArray<DevelopmentStep> Steps { get; }

    /// <summary>Gets the assessment's band (under the default basis, the one reached with the stated probability): with no gap on the estimates a person can still be 1–2 years away when the evidence is thin.</summary>
    public ReadinessBand Band { get; internal init; }

    /// <summary>Gets the assessment's P(ready now), when the scorer gives it.</summary>
    public double? ProbabilityReadyNow { get; internal init; }

    /// <summary>Gets the assessment's P(ready within the near term), when the scorer gives it.</summary>
    public double? ProbabilityReadyNearTerm { get; internal init; }
}
