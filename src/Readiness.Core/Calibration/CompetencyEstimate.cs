using Readiness.Competencies;
using Readiness.Evidence;
using Readiness.Internal;

namespace Readiness.Calibration;

/// <summary>A person's calibrated level on one competency, with its uncertainty and the evidence behind it.</summary>
public sealed record CompetencyEstimate
{
    /// <summary>Initializes a new instance of the <see cref="CompetencyEstimate"/> record.</summary>
    /// <param name="person">The person.</param>
    /// <param name="competency">The competency id.</param>
    /// <param name="estimate">The level on the model's scale, as an average rater other than the person themselves would rate it.</param>
    /// <param name="standardError">The standard error of <paramref name="estimate"/>, in scale points.</param>
    /// <param name="ratings">The number of ratings that informed the estimate.</param>
    /// <param name="raters">The number of distinct raters among them.</param>
    /// <exception cref="ArgumentException"><paramref name="competency"/> is the default value (a string converts implicitly, and throws when it is not a valid id).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The estimate is not finite, the standard error is not finite or is negative, there is no rating, or the raters are fewer than 1 or more than the ratings.</exception>
    public CompetencyEstimate(RateeId person, CompetencyId competency, double estimate, double standardError, int ratings, int raters)
    {
        if (ratings < 1 || raters < 1 || raters > ratings)
        {
            throw new ArgumentOutOfRangeException(
                nameof(raters), raters, $"The estimate of {person} on {competency} rests on {ratings} ratings from {raters} raters; an estimate rests on at least one rating, from at least one and at most that many raters.");
        }

        Person = person;
        Competency = competency.IsEmpty ? throw new ArgumentException("The competency id is the default value, which holds no id.", nameof(competency)) : competency;
        Estimate = Guard.Finite(estimate);
        StandardError = Guard.FiniteNonNegative(standardError);
        Ratings = ratings;
        Raters = raters;
    }

    /// <summary>Gets the person.</summary>
    public RateeId Person { get; }

    /// <summary>Gets the competency id.</summary>
    public CompetencyId Competency { get; }

    /// <summary>Gets the level on the model's scale, as an average rater other than the person themselves would rate it.</summary>
    public double Estimate { get; }

    /// <summary>Gets the standard error of <see cref="Estimate"/>, in scale points.</summary>
    public double StandardError { get; }

    /// <summary>Gets the number of ratings that informed the estimate.</summary>
    public int Ratings { get; }

    /// <summary>Gets the number of distinct raters among them.</summary>
    public int Raters { get; }
}
