using Readiness.Calibration.Internal;
using Readiness.Evidence;

namespace Readiness.Calibration;

/// <summary>No calibration: each estimate is the raw mean of the other raters' ratings — the baseline every method is compared with.</summary>
/// <remarks>Self-ratings are left out of every estimate. Standard errors use the pooled within-person-and-competency standard deviation.</remarks>
/// <threadsafety>Stateless; safe to share as a singleton.</threadsafety>
public sealed class RawMeanCalibrator : IRatingCalibrator
{
    /// <inheritdoc />
    public CalibrationMethod Method => CalibrationMethod.None;

    /// <inheritdoc />
    public CalibrationResult Calibrate(RatingSet ratings, IProgress<CalibrationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        DesignChecks.ThrowIfUnusable(Method, ratings, parameters: 1);
        return AdjustedRatings.ToResult(Method, "raw means", ratings, ratings.Values.ToArray(), [], []);
    }
}
