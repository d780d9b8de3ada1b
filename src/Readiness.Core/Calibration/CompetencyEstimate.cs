using MathNet.Numerics.Distributions;
using Readiness.Competencies;
using Readiness.Evidence;
using Readiness.Internal;

namespace Readiness.Calibration;

/// <summary>A person's calibrated level on one competency, with its uncertainty and the evidence behind it.</summary>
public sealed class CompetencyEstimate
{
    /// <summary>Initializes a new instance of the <see cref="CompetencyEstimate"/> class.</summary>
    /// <param name="person">The person.</param>
    /// <param name="competency">The competency id.</param>
    /// <param name="estimate">The level on the model's scale, as an average rater other than the person themselves would rate it.</param>
    /// <param name="standardError">The standard error of <paramref name="estimate"/>, in scale points.</param>
    /// <param name="ratings">The number of ratings that informed the estimate.</param>
    /// <param name="raters">The number of distinct raters among them.</param>
    /// <param name="reliability">How much of the person's own evidence the estimate keeps, in (0, 1]: 1 (the default) for a method that does not pull estimates toward a mean; see <see cref="Reliability"/>.</param>
    /// <param name="shrunkToward">The mean the estimate was pulled toward; required when <paramref name="reliability"/> is below 1.</param>
    /// <exception cref="ArgumentException"><paramref name="competency"/> is the default value (a string converts implicitly, and throws when it is not a valid id).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The estimate is not finite, the standard error is not finite or is negative, there is no rating, the raters are fewer than 1 or more than the ratings, the reliability is not in (0, 1], or a reliability below 1 comes without a finite <paramref name="shrunkToward"/>.</exception>
    public CompetencyEstimate(RateeId person, CompetencyId competency, double estimate, double standardError, int ratings, int raters, double reliability = 1, double? shrunkToward = null)
    {
        if (ratings < 1 || raters < 1 || raters > ratings)
        {
            throw new ArgumentOutOfRangeException(
                nameof(raters), raters, $"The estimate of {person} on {competency} rests on {ratings} ratings from {raters} raters; an estimate rests on at least one rating, from at least one and at most that many raters.");
        }

        Person = person;
        Competency = competency.IsEmpty ? throw new ArgumentException("The competency id is the default value, which holds no id.", nameof(competency)) : competency;
        if (!double.IsFinite(estimate))
        {
            throw new ArgumentOutOfRangeException(nameof(estimate), estimate, $"The estimate of {person} on {competency} was {Guard.Format(estimate)}; it must be a finite number.");
        }

        if (!(double.IsFinite(standardError) && standardError >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(standardError), standardError, $"The standard error of {person} on {competency} was {Guard.Format(standardError)}; it must be finite and at least 0.");
        }

        Estimate = estimate;
        StandardError = standardError;
        Ratings = ratings;
        Raters = raters;
        if (!(reliability is > 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(reliability), reliability, $"The reliability of {person} on {competency} was {Guard.Format(reliability)}; it must be in (0, 1] (1 when the estimate is not pulled toward a mean).");
        }

        if (shrunkToward is { } toward ? !double.IsFinite(toward) : reliability < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(shrunkToward), shrunkToward, $"The estimate of {person} on {competency} was given a mean it was pulled toward of {(shrunkToward is { } m ? Guard.Format(m) : "none")} at reliability {Guard.Format(reliability)}; that mean must be finite, and given whenever the reliability is below 1.");
        }

        Reliability = reliability;
        ShrunkToward = shrunkToward;
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

    /// <summary>Gets how much of the person's own evidence the estimate keeps, in (0, 1]: 1 for a method that does not pull estimates toward a mean.</summary>
    /// <remarks>
    /// The crossed model's estimates are best linear unbiased predictions: each is pulled from what the person's ratings
    /// alone say toward <see cref="ShrunkToward"/>, the competency's mean, the more so the less evidence there is. That makes
    /// them the best guesses on average, but for someone truly far from the mean the estimate is biased toward it, and
    /// the interval <see cref="Estimate"/> ± z·<see cref="StandardError"/> (the spread of the true level around the estimate
    /// over people like this one) misses such people more often than it says. This is Kelley's reliability,
    /// 1 − <see cref="StandardError"/>² / (the variance of true levels), and <see cref="Interval"/> undoes the pull with it.
    /// </remarks>
    public double Reliability { get; }

    /// <summary>Gets the mean the estimate was pulled toward, when one was given (the crossed model gives it whenever <see cref="Reliability"/> is below 1).</summary>
    public double? ShrunkToward { get; }

    /// <summary>Gets what the person's own evidence says, undoing the pull toward <see cref="ShrunkToward"/>: the centre of <see cref="Interval"/>.</summary>
    internal double Unshrunk => ShrunkToward is { } m ? m + ((Estimate - m) / Reliability) : Estimate;

    /// <summary>Gets the standard error of <see cref="Unshrunk"/> given the person's true level.</summary>
    internal double UnshrunkStandardError => StandardError / Math.Sqrt(Reliability);

    /// <summary>A confidence interval for the person's true level that holds its coverage whatever that level is, the scale's ends included.</summary>
    /// <param name="level">The coverage, in (0, 1); 0.9 for a 90% interval.</param>
    /// <param name="scale">The model's scale, to keep the interval on it (a true level is never off the scale, so this loses no coverage); null to leave it as computed.</param>
    /// <returns>
    /// What the person's own evidence says ± z·its standard error (<see cref="StandardError"/> / √<see cref="Reliability"/>),
    /// widened where needed to hold <see cref="Estimate"/>, and with a scale cut to it (but never so as to leave out
    /// <see cref="Estimate"/>). For an estimate not pulled toward a mean it is <see cref="Estimate"/> ± z·<see cref="StandardError"/>.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not in (0, 1).</exception>
    public EstimateInterval Interval(double level, ProficiencyScale? scale = null)
    {
        if (!(level is > 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, $"The interval's level was {Guard.Format(level)}; it must be in (0, 1), e.g. 0.9 for 90%.");
        }

        return IntervalAt(Normal.InvCDF(0, 1, 0.5 + (level / 2)), scale);
    }

    /// <summary><see cref="Interval"/> at the normal quantile <paramref name="z"/> of its level, for callers that hold it.</summary>
    internal EstimateInterval IntervalAt(double z, ProficiencyScale? scale)
    {
        var half = z * UnshrunkStandardError;
        var (lower, upper) = (Math.Min(Estimate, Unshrunk - half), Math.Max(Estimate, Unshrunk + half));
        return scale is null
            ? new EstimateInterval(lower, upper)
            : new EstimateInterval(Math.Max(lower, Math.Min(scale.Minimum, Estimate)), Math.Min(upper, Math.Max(scale.Maximum, Estimate)));
    }
}
