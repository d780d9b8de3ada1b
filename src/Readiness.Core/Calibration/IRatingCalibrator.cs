using Readiness.Evidence;

namespace Readiness.Calibration;

/// <summary>Removes rater bias from a set of ratings and estimates every person's level on every competency rated.</summary>
/// <remarks>Implementations are stateless and safe to share as singletons.</remarks>
public interface IRatingCalibrator
{
    /// <summary>Gets the method this calibrator applies.</summary>
    CalibrationMethod Method { get; }

    /// <summary>Calibrates a set of ratings.</summary>
    /// <param name="ratings">The accepted ratings.</param>
    /// <param name="progress">Receives progress reports on long fits; may be null.</param>
    /// <param name="cancellationToken">Cancels a long fit.</param>
    /// <returns>Estimates with standard errors, rater and source effects, variance components and diagnostics.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ratings"/> is null.</exception>
    /// <exception cref="InsufficientRatingsException">The ratings cannot support the method (for example no ratings, or no variation at all); the message says why.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    CalibrationResult Calibrate(RatingSet ratings, IProgress<CalibrationProgress>? progress = null, CancellationToken cancellationToken = default);
}
