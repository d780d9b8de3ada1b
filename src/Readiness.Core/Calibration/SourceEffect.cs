using Readiness.Evidence;
using Readiness.Internal;

namespace Readiness.Calibration;

/// <summary>How much one rater source runs above (positive) or below the other raters' reference, in scale points.</summary>
public sealed class SourceEffect
{
    /// <summary>Initializes a new instance of the <see cref="SourceEffect"/> class.</summary>
    /// <param name="source">The source.</param>
    /// <param name="effect">The source's effect relative to the reference that estimates are reported for: the average non-self rating.</param>
    /// <param name="standardError">The standard error of <paramref name="effect"/>; infinite when the ratings carry no information about the source, NaN when the method does not estimate one.</param>
    /// <param name="ratings">The number of ratings from the source.</param>
    /// <exception cref="ArgumentOutOfRangeException">The source is not defined, the effect is not finite, the standard error is negative, or the ratings are negative.</exception>
    public SourceEffect(RaterSource source, double effect, double standardError, int ratings)
    {
        if (!Enum.IsDefined(source))
        {
            throw new ArgumentOutOfRangeException(nameof(source), source, $"source was {(int)source}; it must be a defined RaterSource.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(ratings);
        Source = source;
        Effect = Guard.Finite(effect);
        StandardError = standardError >= 0 || double.IsNaN(standardError) ? standardError
            : throw new ArgumentOutOfRangeException(nameof(standardError), standardError, $"standardError was {Guard.Format(standardError)}; it must be at least 0 (infinite when the ratings carry no information, NaN when not estimated).");
        Ratings = ratings;
    }

    /// <summary>Gets the source.</summary>
    public RaterSource Source { get; }

    /// <summary>Gets the source's effect relative to the reference that estimates are reported for: the average non-self rating.</summary>
    public double Effect { get; }

    /// <summary>Gets the standard error of <see cref="Effect"/>; infinite when the ratings carry no information about the source, NaN when the method does not estimate one.</summary>
    public double StandardError { get; }

    /// <summary>Gets the number of ratings from the source.</summary>
    public int Ratings { get; }
}
