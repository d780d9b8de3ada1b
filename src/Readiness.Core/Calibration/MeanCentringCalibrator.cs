using Readiness.Calibration.Internal;
using Readiness.Evidence;

namespace Readiness.Calibration;

/// <summary>Per-rater mean-centring: each rater's leniency is their mean minus the grand mean, and is subtracted from their ratings.</summary>
/// <remarks>
/// <para>
/// Simple and transparent, but it assumes every rater saw an average set of people: a manager whose team is genuinely
/// strong is "corrected" as if lenient. The crossed model does not make that assumption. A rater's effect is
/// <c>mean(rater) − mean(all ratings)</c>, both over ratings of other people (self-ratings say nothing about how a rater judges others), its standard error the pooled within-rater standard deviation over √n.
/// </para>
/// <para>
/// Location is a convention: adding a constant k to every rating of one rater changes that rater's effect relative to
/// every other rater by exactly k and moves every estimate by the same constant (k × that rater's share of the non-self
/// ratings, through the grand mean) — differences between people do not change.
/// </para>
/// </remarks>
/// <threadsafety>Stateless; safe to share as a singleton.</threadsafety>
public sealed class MeanCentringCalibrator : IRatingCalibrator
{
    /// <inheritdoc />
    public CalibrationMethod Method => CalibrationMethod.MeanCentring;

    /// <inheritdoc />
    public CalibrationResult Calibrate(RatingSet ratings, IProgress<CalibrationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        DesignChecks.ThrowIfUnusable(Method, ratings, parameters: 2);
        var warnings = new List<CalibrationWarning>();
        DesignChecks.AddDesignWarnings(ratings, warnings);
        var (mean, _, count, grand, pooled) = AdjustedRatings.RaterMoments(ratings);
        DesignChecks.ThrowIfNoRaterRepeats(Method, count);
        var values = ratings.Values;
        var rater = ratings.RaterIndices;
        var adjusted = new double[values.Length];
        for (var i = 0; i < adjusted.Length; i++)
        {
            // A rater who only rated themselves has no leniency toward others to remove.
            adjusted[i] = count[rater[i]] > 0 ? values[i] - mean[rater[i]] + grand : values[i];
        }

        var effects = AdjustedRatings.RaterEffects(ratings, mean, count, grand, pooled);
        return AdjustedRatings.ToResult(Method, "per-rater mean-centring", ratings, adjusted, effects, warnings);
    }
}
