using System.Collections.Immutable;
using Readiness.Evidence;
using Readiness.Internal;

namespace Readiness.Reliability;

/// <summary>One person's self-view against the others' view of them.</summary>
/// <param name="Person">The person.</param>
/// <param name="Self">The mean of their self-ratings, over the competencies they rated themselves on.</param>
/// <param name="Others">The mean of the other raters' ratings of them, over the same competencies.</param>
/// <param name="Category">Their agreement category.</param>
/// <param name="Competencies">Per competency they rated themselves and were rated on: self mean, others' mean and the difference.</param>
public sealed record SelfOtherRating(
    RateeId Person,
    double Self,
    double Others,
    AgreementCategory Category,
    ImmutableArray<SelfOtherCompetency> Competencies)
{
    // Compared item by item (an ImmutableArray compares by reference), so equal results are equal.
    private readonly EquatableArray<SelfOtherCompetency> _competencies = new(Competencies);

    /// <summary>Gets each competency they rated themselves and were rated on: self mean, others' mean and the difference.</summary>
    public ImmutableArray<SelfOtherCompetency> Competencies { get => _competencies.Items; init => _competencies = new(value); }

    /// <summary>Gets self minus others.</summary>
    public double Difference => Self - Others;
}
