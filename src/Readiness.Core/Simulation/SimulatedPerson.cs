using System.Collections.Immutable;
using Readiness.Evidence;
using Readiness.Internal;

namespace Readiness.Simulation;

/// <summary>One person of a simulated organisation, with the true levels the ratings were generated from.</summary>
/// <param name="Id">The person's id (as ratee; the same text is their rater id).</param>
/// <param name="Manager">The person's manager, or null for the head of the organisation.</param>
/// <param name="DirectReports">How many people report to this person; managers have at least one.</param>
/// <param name="TrueLevels">The true level on each competency, in model order, on the model's scale.</param>
/// <param name="TrueLeadership">The mean true level over the model's leadership competencies.</param>
/// <param name="TrueIndividualPerformance">The mean true level over the model's individual-performance competencies.</param>
/// <param name="Performance">The observed individual-performance measure (a review score, with noise).</param>
public sealed record SimulatedPerson(
    RateeId Id,
    RateeId? Manager,
    int DirectReports,
    ImmutableArray<double> TrueLevels,
    double TrueLeadership,
    double TrueIndividualPerformance,
    double Performance)
{
    // Compared item by item (an ImmutableArray compares by reference), so equal results are equal.
    private readonly EquatableArray<double> _trueLevels = new(TrueLevels);

    /// <summary>Gets the true level on each competency, in model order, on the model's scale.</summary>
    public ImmutableArray<double> TrueLevels { get => _trueLevels.Items; init => _trueLevels = new(value); }

    /// <summary>Gets a value indicating whether the person manages anyone.</summary>
    public bool IsManager => DirectReports > 0;
}
