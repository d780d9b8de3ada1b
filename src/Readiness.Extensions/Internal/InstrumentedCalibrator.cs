using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Readiness.Calibration;
using Readiness.Evidence;

namespace Readiness.Internal;

/// <summary>The registered calibrator with logs, metrics and a trace around every fit; the numbers are the inner calibrator's.</summary>
/// <remarks>Logs carry counts, the method and timings only: refusal messages can name people, so only the exception type is logged.</remarks>
internal sealed partial class InstrumentedCalibrator(IRatingCalibrator inner, ILogger<InstrumentedCalibrator> logger) : IRatingCalibrator
{
    public IRatingCalibrator Inner => inner;

    public CalibrationMethod Method => inner.Method;

    public CalibrationResult Calibrate(RatingSet ratings, IProgress<CalibrationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        var method = new KeyValuePair<string, object?>("readiness.method", inner.Method.ToString());
        using var activity = ReadinessTelemetry.ActivitySource.StartActivity("Readiness.Calibrate");
        activity?.SetTag("readiness.method", inner.Method.ToString());
        activity?.SetTag("readiness.ratings", ratings.Count);
        var start = Stopwatch.GetTimestamp();
        try
        {
            var result = inner.Calibrate(ratings, progress, cancellationToken);
            var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            Record(method, "success", seconds);
            ReadinessTelemetry.RatingsCalibrated.Add(ratings.Count, method);
            activity?.SetTag("readiness.converged", result.Converged);
            Calibrated(logger, inner.Method, ratings.Count, seconds, result.Estimates.Length, result.Iterations, result.Converged, result.Warnings.Length);
            return result;
        }
        catch (Exception e) when (e is InsufficientRatingsException or OperationCanceledException)
        {
            var outcome = e is OperationCanceledException ? "cancelled" : "refused";
            Record(method, outcome, Stopwatch.GetElapsedTime(start).TotalSeconds);
            activity?.SetStatus(ActivityStatusCode.Error, outcome);
            NotCalibrated(logger, inner.Method, ratings.Count, outcome, e.GetType().Name);
            throw;
        }
    }

    private static void Record(KeyValuePair<string, object?> method, string outcome, double seconds)
    {
        var tag = new KeyValuePair<string, object?>("readiness.outcome", outcome);
        ReadinessTelemetry.Calibrations.Add(1, method, tag);
        ReadinessTelemetry.CalibrationDuration.Record(seconds, method, tag);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Calibrated {Ratings} ratings by {Method} in {Seconds} s: {Estimates} estimates, {Iterations} iterations, converged {Converged}, {Warnings} warning(s)")]
    private static partial void Calibrated(ILogger logger, CalibrationMethod method, int ratings, double seconds, int estimates, int iterations, bool converged, int warnings);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Calibration of {Ratings} ratings by {Method} {Outcome} ({ExceptionType})")]
    private static partial void NotCalibrated(ILogger logger, CalibrationMethod method, int ratings, string outcome, string exceptionType);
}
