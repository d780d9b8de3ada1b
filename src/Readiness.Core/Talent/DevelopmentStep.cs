using System.Collections.Immutable;
using Readiness.Calibration;
using Readiness.Competencies;

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
