using System.Collections.Immutable;
using Readiness.Evidence;

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
    ImmutableArray<(string Competency, double Self, double Others, double Difference)> Competencies)
{
    /// <summary>Gets self minus others.</summary>
    public double Difference => Self - Others;
}
