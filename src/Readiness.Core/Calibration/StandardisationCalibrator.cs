using Readiness.Calibration.Internal;
using Readiness.Evidence;

namespace Readiness.Calibration;

/// <summary>Per-rater standardisation: removes each rater's leniency and their use of the scale (spread), then returns to the scale.</summary>
/// <remarks>
/// <para>
/// A rating becomes <c>grand mean + pooled SD × (rating − rater mean) / rater SD</c>, where the pooled SD is the
/// within-rater standard deviation pooled over raters — so raters who use only the middle of the scale are stretched and
/// raters who use its extremes are compressed. Raters with one rating, or who gave the same value every time, have no
/// spread to standardise: they are only centred, and the result says how many.
/// </para>
/// <para>Adding a constant to one rater's ratings behaves as for <see cref="MeanCentringCalibrator"/>.</para>
/// </remarks>
/// <threadsafety>Stateless; safe to share as a singleton.</threadsafety>
public sealed class StandardisationCalibrator : IRatingCalibrator
{
    /// <inheritdoc />
    public CalibrationMethod Method => CalibrationMethod.Standardisation;

    /// <inheritdoc />
    public CalibrationResult Calibrate(RatingSet ratings, IProgress<CalibrationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        DesignChecks.ThrowIfUnusable(Method, ratings, parameters: 3);
        var warnings = new List<CalibrationWarning>();
        DesignChecks.AddDesignWarnings(ratings, warnings);
        var (mean, sd, count, grand, pooled) = AdjustedRatings.RaterMoments(ratings);
        DesignChecks.ThrowIfNoRaterRepeats(Method, count);
        var values = ratings.Values;
        var rater = ratings.RaterIndices;
        var adjusted = new double[values.Length];
        for (var i = 0; i < adjusted.Length; i++)
        {
            var r = rater[i];
            if (count[r] == 0)
            {
                adjusted[i] = values[i];
                continue;
            }

            var deviation = values[i] - mean[r];
            adjusted[i] = grand + (sd[r] > 0 ? pooled * deviation / sd[r] : deviation);
        }

        var unscaled = sd.Where((_, r) => count[r] > 0).Count(s => !(s > 0));
        if (unscaled > 0)
        {
            warnings.Add(CalibrationWarningCodes.UnscaledRaters, $"{unscaled} rater(s) gave a single rating or the same value every time; they were centred but not rescaled.");
        }

        var effects = AdjustedRatings.RaterEffects(ratings, mean, count, grand, pooled);
        return AdjustedRatings.ToResult(Method, "per-rater standardisation", ratings, adjusted, effects, warnings);
    }
}
