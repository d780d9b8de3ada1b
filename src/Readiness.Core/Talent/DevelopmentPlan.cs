using System.Collections.Immutable;
using Readiness.Competencies;
using Readiness.Evidence;
using Readiness.Internal;
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

    /// <summary>
    /// Creates a plan from a planner of your own (an <see cref="IDevelopmentPlanner"/> outside this library), so that the
    /// pipeline, the talent summary and the files take it like a built-in one. The person, the role, the band and the
    /// probabilities come from the assessment, and each step's gap must be the assessment's, so the plan cannot contradict
    /// it; the years are the plan's own estimate (its interventions may close a gap sooner than the scorer's development
    /// rates say): the years to ready are the longest step's (gaps close in parallel), and the ready-by date that many
    /// years after the start.
    /// </summary>
    /// <param name="assessment">The scored assessment the plan answers.</param>
    /// <param name="start">When development starts.</param>
    /// <param name="steps">The steps in their order (their <see cref="DevelopmentStep.Order"/> 1, 2, …), each on a gap of the assessment (with its gap) and at most one per competency; none when every target is met.</param>
    /// <param name="nextReassessment">When to reassess first, not before <paramref name="start"/> nor after any step's <see cref="DevelopmentStep.ReassessOn"/>.</param>
    /// <param name="leadershipFirst">Whether leadership gaps were put before individual-performance ones.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="assessment"/> or <paramref name="steps"/> is null.</exception>
    /// <exception cref="ArgumentException">The assessment was not scored; a step is null, out of order, repeats a competency, is on one the assessment did not score or has another gap or weight than the assessment's; or <paramref name="nextReassessment"/> breaks its rule.</exception>
    public static DevelopmentPlan Create(ReadinessAssessment assessment, DateOnly start, IEnumerable<DevelopmentStep> steps, DateOnly nextReassessment, bool leadershipFirst = false)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        if (!assessment.IsScored)
        {
            throw new ArgumentException($"The assessment of '{assessment.Person}' was not scored; a plan answers a scored assessment.", nameof(assessment));
        }

        var all = Guard.NoNulls(steps, "Step");
        var scores = assessment.Competencies.ToDictionary(c => c.Competency);
        var seen = new HashSet<CompetencyId>();
        for (var i = 0; i < all.Length; i++)
        {
            var step = all[i];
            var which = $"Step {i + 1} of {all.Length}";
            if (step.Order != i + 1)
            {
                throw new ArgumentException($"{which} has order {step.Order}; the steps run 1, 2, … in the order given.", nameof(steps));
            }

            if (!scores.TryGetValue(step.Competency, out var score))
            {
                throw new ArgumentException($"{which} is on '{step.Competency}', which the assessment against '{assessment.ProfileId}' did not score; a plan has one step per gap of the assessment.", nameof(steps));
            }

            if (!seen.Add(step.Competency))
            {
                throw new ArgumentException($"{which} is on '{step.Competency}', which has a step already; a plan has one step per gap of the assessment.", nameof(steps));
            }

            // The gap and the weight are the assessment's (scale points short of the target, the requirement's share of the
            // role); the years are the plan's own estimate, which its interventions may shorten.
            var gap = score.Gap ?? 0;
            if (Math.Abs(step.Gap - gap) > 1e-9 * Math.Max(1, gap))
            {
                throw new ArgumentException(
                    $"{which} closes a gap of {Guard.Format(step.Gap)} on '{step.Competency}', where the assessment has {Guard.Format(gap)}; a step's gap is the assessment's.", nameof(steps));
            }

            if (Math.Abs(step.Weight - score.Weight) > 1e-9)
            {
                throw new ArgumentException(
                    $"{which} gives '{step.Competency}' a weight of {Guard.Format(step.Weight)}, where the assessment has {Guard.Format(score.Weight)}; a step's weight is the requirement's.", nameof(steps));
            }
        }

        if (nextReassessment < start || all.Any(s => nextReassessment > s.ReassessOn))
        {
            throw new ArgumentException(
                $"nextReassessment was {nextReassessment:yyyy-MM-dd}; it must be on or after the start ({start:yyyy-MM-dd}) and on or before every step's reassessment date.", nameof(nextReassessment));
        }

        var yearsToReady = all.Length == 0 ? 0 : all.Max(s => s.YearsToClose);
        return new DevelopmentPlan(assessment.Person, assessment.ProfileId, start, leadershipFirst, [.. all], yearsToReady, After(start, yearsToReady), nextReassessment)
        {
            Band = assessment.Band,
            ProbabilityReadyNow = assessment.ProbabilityReadyNow,
            ProbabilityReadyNearTerm = assessment.ProbabilityReadyNearTerm,
            YearsToReadyWithMeasured = all.Any(s => s.MeasuredIntervention is not null) ? all.Max(s => s.YearsToCloseWithMeasured ?? s.YearsToClose) : null,
        };
    }

    /// <summary>The date <paramref name="years"/> after <paramref name="start"/>, whole days rounded up, capped at the calendar's end.</summary>
    internal static DateOnly After(DateOnly start, double years)
    {
        var days = Math.Ceiling(years * 365.25);
        var room = DateOnly.MaxValue.DayNumber - start.DayNumber;
        return days >= room ? DateOnly.MaxValue : start.AddDays((int)days);
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
