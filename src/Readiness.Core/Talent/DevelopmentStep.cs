using System.Collections.Immutable;
using Readiness.Calibration;
using Readiness.Competencies;
using Readiness.Internal;

namespace Readiness.Talent;

/// <summary>One gap in a development plan and what to do about it.</summary>
public sealed class DevelopmentStep
{
    /// <summary>Initializes a new instance of the <see cref="DevelopmentStep"/> class.</summary>
    /// <param name="order">The step's place in the plan, 1 first.</param>
    /// <param name="competency">The competency id.</param>
    /// <param name="domain">Leadership or individual performance.</param>
    /// <param name="gap">Scale points short of the role's target (always above 0).</param>
    /// <param name="weight">The competency's weight in the role.</param>
    /// <param name="belowCriticalMinimum">Whether the estimate is below the critical minimum (such a gap caps the band).</param>
    /// <param name="interventions">The catalogue's interventions for the competency, those measured to help first.</param>
    /// <param name="yearsToClose">The gap at the competency's development rate.</param>
    /// <param name="reassessOn">When to reassess: when the gap should be closed, and no later than the options' interval.</param>
    internal DevelopmentStep(int order, CompetencyId competency, CompetencyDomain domain, double gap, double weight, bool belowCriticalMinimum, ImmutableArray<Intervention> interventions, double yearsToClose, DateOnly reassessOn)
    {
        Order = order;
        Competency = competency;
        Domain = domain;
        Gap = gap;
        Weight = weight;
        BelowCriticalMinimum = belowCriticalMinimum;
        YearsToClose = yearsToClose;
        ReassessOn = reassessOn;
        Interventions = interventions;
    }

    /// <summary>
    /// Creates a step from a planner of your own (an <see cref="IDevelopmentPlanner"/> outside this library), for
    /// <see cref="DevelopmentPlan.Create"/>.
    /// </summary>
    /// <param name="order">The step's place in the plan, 1 first.</param>
    /// <param name="competency">The competency.</param>
    /// <param name="domain">Leadership or individual performance.</param>
    /// <param name="gap">Scale points short of the role's target, above 0.</param>
    /// <param name="weight">The competency's weight in the role, in [0, 1].</param>
    /// <param name="yearsToClose">The years the gap takes to close, at least 0.</param>
    /// <param name="reassessOn">When to reassess.</param>
    /// <param name="interventions">What to do about the gap, first choice first; none when null.</param>
    /// <param name="belowCriticalMinimum">Whether the estimate is below the role's critical minimum.</param>
    /// <returns>The step.</returns>
    /// <exception cref="ArgumentException"><paramref name="competency"/> is the default (empty) id, or <paramref name="interventions"/> holds null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number breaks its rule (the message names it), or <paramref name="domain"/> is not one the enum defines.</exception>
    public static DevelopmentStep Create(
        int order, CompetencyId competency, CompetencyDomain domain, double gap, double weight, double yearsToClose, DateOnly reassessOn,
        IEnumerable<Intervention>? interventions = null, bool belowCriticalMinimum = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(order, 1);
        if (competency.IsEmpty)
        {
            throw new ArgumentException("competency was the default (empty) id; a step is on a competency of the role.", nameof(competency));
        }

        if (!Enum.IsDefined(domain))
        {
            throw new ArgumentOutOfRangeException(nameof(domain), domain, $"domain was {domain}; it must be one the enum defines.");
        }

        if (!(double.IsFinite(gap) && gap > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(gap), gap, $"gap was {Guard.Format(gap)}; a step closes a gap, so it must be finite and above 0.");
        }

        Guard.InRange(weight, 0, 1);
        Guard.FiniteNonNegative(yearsToClose);
        var actions = Guard.NoNulls(interventions ?? [], "Intervention");
        return new DevelopmentStep(order, competency, domain, gap, weight, belowCriticalMinimum, [.. actions], yearsToClose, reassessOn);
    }

    /// <summary>Gets the step's place in the plan, 1 first.</summary>
    public int Order { get; }

    /// <summary>Gets the competency id.</summary>
    public CompetencyId Competency { get; }

    /// <summary>Gets the domain: leadership or individual performance.</summary>
    public CompetencyDomain Domain { get; }

    /// <summary>Gets scale points short of the role's target (always above 0).</summary>
    public double Gap { get; }

    /// <summary>Gets the competency's weight in the role.</summary>
    public double Weight { get; }

    /// <summary>Gets whether the estimate is below the critical minimum (such a gap caps the band).</summary>
    public bool BelowCriticalMinimum { get; }

    /// <summary>Gets the gap at the competency's development rate.</summary>
    public double YearsToClose { get; }

    /// <summary>Gets when to reassess: when the gap should be closed, and no later than the options' interval.</summary>
    public DateOnly ReassessOn { get; }

    /// <summary>Gets the catalogue's interventions for the competency: those measured to help first, largest effect first, then the rest in the catalogue's order.</summary>
    public ImmutableArray<Intervention> Interventions { get; }

    /// <summary>
    /// Gets the step's intervention measured to have helped (<see cref="InterventionEffect.HelpedWhileIn"/>) with the largest
    /// change in growth while in it, or null when none was measured to help (see <see cref="InterventionCatalogue.WithMeasuredEffects"/>).
    /// </summary>
    public Intervention? MeasuredIntervention { get; internal init; }

    /// <summary>
    /// Gets the years to close the gap by way of <see cref="MeasuredIntervention"/>: at the development rate plus its measured
    /// change in growth a year while in it, for its typical length (<see cref="InterventionEffect.TypicalYears"/>; for good
    /// when none of its records ended), then plus its measured change after it; null without one. The effect is an
    /// association in the organisation's records, not a promise (its places were not assigned at random).
    /// </summary>
    public double? YearsToCloseWithMeasured { get; internal init; }

    /// <summary>Gets the weighted gap (weight × gap) the plan is ordered by.</summary>
    public double WeightedGap => Weight * Gap;
}
