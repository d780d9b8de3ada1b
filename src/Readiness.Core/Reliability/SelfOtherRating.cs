using System.Collections.Immutable;
using Readiness.Evidence;

namespace Readiness.Reliability;

/// <summary>One person's self-view against the others' view of them.</summary>
public sealed class SelfOtherRating
{
    /// <summary>Initializes a new instance of the <see cref="SelfOtherRating"/> class.</summary>
    /// <param name="person">The person.</param>
    /// <param name="self">The mean of their self-ratings, over the competencies they rated themselves on.</param>
    /// <param name="others">The mean of the other raters' ratings of them, over the same competencies.</param>
    /// <param name="category">Their agreement category.</param>
    /// <param name="competencies">Per competency they rated themselves and were rated on: self mean, others' mean and the difference.</param>
    internal SelfOtherRating(RateeId person, double self, double others, AgreementCategory category, ImmutableArray<SelfOtherCompetency> competencies)
    {
        Person = person;
        Self = self;
        Others = others;
        Category = category;
        Competencies = competencies;
    }

    /// <summary>Gets the person.</summary>
    public RateeId Person { get; }

    /// <summary>Gets the mean of their self-ratings, over the competencies they rated themselves on.</summary>
    public double Self { get; }

    /// <summary>Gets the mean of the other raters' ratings of them, over the same competencies.</summary>
    public double Others { get; }

    /// <summary>Gets their agreement category.</summary>
    public AgreementCategory Category { get; }

    /// <summary>Gets each competency they rated themselves and were rated on: self mean, others' mean and the difference.</summary>
    public ImmutableArray<SelfOtherCompetency> Competencies { get; }

    /// <summary>Gets self minus others, in scale points.</summary>
    public double Difference => Self - Others;
}
