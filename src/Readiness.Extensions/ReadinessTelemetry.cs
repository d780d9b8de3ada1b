using System.Diagnostics;
using System.Diagnostics.Metrics;
using Readiness.Evidence;

namespace Readiness;

/// <summary>
/// The names under which Readiness reports to dashboards: one <see cref="Meter"/> and one <see cref="ActivitySource"/>,
/// both named <see cref="Name"/>. Nothing personal is ever recorded: counts, durations, methods and outcomes only.
/// </summary>
/// <remarks>
/// Instruments: <c>readiness.calibrations</c> (calibrations run; tags <c>readiness.method</c>, <c>readiness.outcome</c> =
/// success, refused or cancelled), <c>readiness.calibration.duration</c> (seconds, same tags),
/// <c>readiness.ratings.calibrated</c> (ratings taken in by calibrations), <c>readiness.ratings.rejected</c> (rows refused
/// at intake, tag <c>readiness.reason</c>; recorded by <see cref="RecordIntake"/>) and <c>readiness.assessments.scored</c>.
/// Activities: <c>Readiness.Calibrate</c> and <c>Readiness.Score</c>. The calibrator and scorer that
/// <c>AddReadiness</c> registers report them; ones you register yourself do not.
/// </remarks>
public static class ReadinessTelemetry
{
    /// <summary>The name of the meter and of the activity source.</summary>
    public const string Name = "Readiness";

    internal static readonly ActivitySource ActivitySource = new(Name);

    private static readonly Meter Meter = new(Name);

    internal static readonly Counter<long> Calibrations = Meter.CreateCounter<long>("readiness.calibrations", description: "Calibrations run.");

    internal static readonly Histogram<double> CalibrationDuration = Meter.CreateHistogram<double>("readiness.calibration.duration", "s", "How long calibrations took.");

    internal static readonly Counter<long> RatingsCalibrated = Meter.CreateCounter<long>("readiness.ratings.calibrated", description: "Ratings taken in by calibrations.");

    internal static readonly Counter<long> AssessmentsScored = Meter.CreateCounter<long>("readiness.assessments.scored", description: "Readiness assessments scored.");

    private static readonly Counter<long> RatingsRejected = Meter.CreateCounter<long>("readiness.ratings.rejected", description: "Rating rows refused at intake.");

    /// <summary>Records an intake's rejected rows by reason (intake runs in your code, before any service sees the ratings).</summary>
    /// <param name="report">The intake report.</param>
    /// <exception cref="ArgumentNullException"><paramref name="report"/> is null.</exception>
    public static void RecordIntake(IntakeReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        foreach (var group in report.Rejected.GroupBy(r => r.Reason))
        {
            RatingsRejected.Add(group.Count(), new KeyValuePair<string, object?>("readiness.reason", group.Key.ToString()));
        }
    }
}
