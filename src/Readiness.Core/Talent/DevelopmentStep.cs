using System.Collections.Immutable;
using Readiness.Competencies;
using Readiness.Internal;

namespace Readiness.Talent;

/// <summary>One gap in a development plan and what to do about it.</summary>
/// <param name="Order">The step's place in the plan, 1 first.</param>
/// <param name="Competency">The competency id.</param>
/// <param name="Domain">Leadership or individual performance.</param>
/// <param name="Gap">Scale points short of the role's target (always above 0).</param>
/// <param name="Weight">The competency's weight in the role.</param>
/// <param name="BelowCriticalMinimum">Whether the estimate is below the critical minimum (such a gap caps the band).</param>
/// <param name="Interventions">The catalogue's interventions for the competency.</param>
/// <param name="YearsToClose">The gap at the competency's development rate.</param>
/// <param name="ReassessOn">When to reassess: when the gap should be closed, and no later than the options' interval.</param>
public sealed record DevelopmentStep(
    int Order,
    string Competency,
    CompetencyDomain Domain,
    double Gap,
    double Weight,
    bool BelowCriticalMinimum,
    ImmutableArray<Intervention> Interventions,
    double YearsToClose,
    DateOnly ReassessOn)
{
    // Compared item by item (an ImmutableArray compares by reference), so equal results are equal.
    private readonly EquatableArray<Intervention> _interventions = new(Interventions);

    /// <summary>Gets the catalogue's interventions for the competency.</summary>
    public ImmutableArray<Intervention> Interventions { get => _interventions.Items; init => _interventions = new(value); }

    /// <summary>Gets the weighted gap (weight × gap) the plan is ordered by.</summary>
    public double WeightedGap => Weight * Gap;
}
