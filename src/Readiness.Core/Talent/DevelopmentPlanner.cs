using System.Collections.Immutable;
using Readiness.Calibration;
using Readiness.Competencies;
using Readiness.Internal;
using Readiness.Scoring;
using Readiness.Scoring.Internal;

namespace Readiness.Talent;

/// <summary>The development planner: gaps ordered by what matters most for the role, each with fitting interventions and dates.</summary>
/// <remarks>
/// A plan lists only competencies short of their target (at the point estimate). Gaps below a critical minimum come first
/// — they cap the band whatever else improves — then the rest by weighted gap (weight × gap), largest first, ties by
/// competency id. For a person flagged <see cref="ReadinessSignals.HighPerformerLowReadiness"/> the leadership gaps come
/// before the individual-performance ones (see <see cref="DevelopmentPlanOptions.LeadershipFirstForHighPerformers"/>).
/// Years to close are the scorer's (the gap over the competency's development rate) on the estimates; the plan carries the
/// assessment's band and probabilities beside them, since thin evidence can leave a person with no gap on the estimates
/// short of ready now. A year is 365.25 days, and dates past the calendar's end are capped at 31 December 9999. With a
/// catalogue carrying measured effects (<see cref="InterventionCatalogue.WithMeasuredEffects"/>), each step lists the
/// interventions measured to help first and times the gap with the best of them as well.
/// </remarks>
/// <threadsafety>Immutable; safe to share as a singleton.</threadsafety>
public sealed class DevelopmentPlanner : IDevelopmentPlanner
{
    /// <summary>Creates a planner.</summary>
    /// <param name="catalogue">The interventions per competency; null for <see cref="InterventionCatalogue.Default"/>.</param>
    /// <param name="options">The layout options; null for the defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException">The reassessment interval is not between 1 and 120 months.</exception>
    public DevelopmentPlanner(InterventionCatalogue? catalogue = null, DevelopmentPlanOptions? options = null)
    {
        Catalogue = catalogue ?? InterventionCatalogue.Default;
        Options = (options ?? new DevelopmentPlanOptions()).Validated();
    }

    /// <summary>Gets the catalogue.</summary>
    public InterventionCatalogue Catalogue { get; }

    /// <summary>Gets the options.</summary>
    public DevelopmentPlanOptions Options { get; }

    /// <inheritdoc />
    public DevelopmentPlan Plan(ReadinessAssessment assessment, RoleProfile profile, DateOnly start)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(profile);
        if (!IdRules.Comparer.Equals(assessment.ProfileId, profile.Id))
        {
            throw new ArgumentException($"The assessment of '{assessment.Person}' is against '{assessment.ProfileId}', not '{profile.Id}'.", nameof(profile));
        }

        if (!assessment.IsScored)
        {
            throw new ArgumentException(
                $"'{assessment.Person}' was not scored ({string.Join(" ", assessment.Evidence.Missing)}); gather the missing evidence before planning.", nameof(assessment));
        }

        var leadershipFirst = Options.LeadershipFirstForHighPerformers && assessment.Signals.HasFlag(ReadinessSignals.HighPerformerLowReadiness);
        var months = Options.MaxMonthsToReassessment;
        var latest = start > DateOnly.MaxValue.AddMonths(-months) ? DateOnly.MaxValue : start.AddMonths(months);
        var steps = Cohort.Gaps(assessment)
            .Select(c => (Score: c, Competency: Requirement(profile, c.Competency)))
            .OrderBy(g => leadershipFirst && g.Competency.Domain != CompetencyDomain.Leadership)
            .ThenByDescending(g => g.Score.BelowCriticalMinimum)
            .ThenByDescending(g => g.Score.Weight * g.Score.Gap!.Value)
            .ThenBy(g => g.Score.Competency.Value, StringComparer.Ordinal)
            .Select((g, i) =>
            {
                var (gap, years) = (g.Score.Gap!.Value, g.Score.YearsToClose!.Value);
                var closed = DevelopmentPlan.After(start, years);
                var interventions = Catalogue.For(g.Competency);
                var helped = interventions.Where(v => v.MeasuredEffect is { HelpedWhileIn: true }).OrderByDescending(v => v.MeasuredEffect!.During!.Estimate).ToArray();
                var best = helped.FirstOrDefault();
                return new DevelopmentStep(i + 1, g.Score.Competency, g.Competency.Domain, gap, g.Score.Weight, g.Score.BelowCriticalMinimum,
                    [.. helped, .. interventions.Where(v => v.MeasuredEffect is not { HelpedWhileIn: true })], years, closed < latest ? closed : latest)
                {
                    MeasuredIntervention = best,

                    YearsToCloseWithMeasured = best is null ? null : YearsIn(best.MeasuredEffect!, gap, gap / years),
                };
            })
            .ToImmutableArray();
        var next = steps.IsEmpty ? latest : steps.Min(s => s.ReassessOn);
        return DevelopmentPlan.Create(assessment, start, steps, next, leadershipFirst);
    }

    /// <summary>
    /// The years to close <paramref name="gap"/> at <paramref name="rate"/> (the scorer's) plus what the intervention adds:
    /// its change in growth while in it for its typical length (for good, when none of its records ended), then its change
    /// after it (none when not measured), the rate held at 0.001 points a year as the scorer holds it.
    /// </summary>
    private static double YearsIn(InterventionEffect effect, double gap, double rate)
    {
        var during = Math.Max(rate + effect.During!.Estimate, ProfileKernel.SlowestRate);
        if (effect.TypicalYears is not { } length || during * length >= gap)
        {
            return gap / during;
        }

        return length + ((gap - (during * length)) / Math.Max(rate + (effect.After?.Estimate ?? 0), ProfileKernel.SlowestRate));
    }

    private static Competency Requirement(RoleProfile profile, CompetencyId id) =>
        profile.FindRequirement(id)?.Competency
        ?? throw new ArgumentException($"Competency '{id}' of the assessment is not a requirement of '{profile.Id}'; the assessment was made against another version of the profile.", nameof(profile));
}
