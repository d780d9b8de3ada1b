using Readiness.Evidence;
using Readiness.Internal;

namespace Readiness.Calibration;

/// <summary>How lenient (positive) or severe (negative) one rater is, in scale points.</summary>
public sealed class RaterEffect
{
    /// <summary>Initializes a new instance of the <see cref="RaterEffect"/> class.</summary>
    /// <param name="rater">The rater.</param>
    /// <param name="effect">The rater's leniency: how far above (or, negative, below) an average rater they rate the same person.</param>
    /// <param name="standardError">The standard error of <paramref name="effect"/>.</param>
    /// <param name="ratings">The number of ratings the rater gave.</param>
    /// <exception cref="ArgumentOutOfRangeException">The effect is not finite, the standard error is not finite or is negative, or there is no rating.</exception>
    public RaterEffect(RaterId rater, double effect, double standardError, int ratings)
    {
        if (ratings < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(ratings), ratings, $"Rater {rater} has {ratings} ratings; an effect rests on at least one.");
        }

        Rater = rater;
        Effect = Guard.Finite(effect);
        StandardError = Guard.FiniteNonNegative(standardError);
        Ratings = ratings;
    }

    /// <summary>Gets the rater.</summary>
    public RaterId Rater { get; }

    /// <summary>Gets the rater's leniency: how far above (or, negative, below) an average rater they rate the same person.</summary>
    public double Effect { get; }

    /// <summary>Gets the standard error of <see cref="Effect"/>.</summary>
    public double StandardError { get; }

    /// <summary>Gets the number of ratings the rater gave.</summary>
    public int Ratings { get; }
}
