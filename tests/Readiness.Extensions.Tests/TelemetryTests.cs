using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Readiness.Calibration;
using Readiness.Competencies;
using Readiness.Evidence;
using Readiness.Scoring;
using Readiness.Simulation;

namespace Readiness.Extensions.Tests;

public sealed class TelemetryTests
{
    [Fact]
    public void Calibration_and_scoring_report_metrics_traces_and_logs_without_personal_data()
    {
        var logs = new CapturingLoggerFactory();
        var measurements = new ConcurrentBag<(string Instrument, double Value, string Tags)>();
        using var meters = Listen(measurements);
        var activities = new ConcurrentBag<Activity>();
        using var traces = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ReadinessTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Add,
        };
        ActivitySource.AddActivityListener(traces);
        using var provider = new ServiceCollection().AddSingleton<ILoggerFactory>(logs).AddReadiness().BuildServiceProvider();
        var organisation = OrganisationSimulator.Generate(new SimulationOptions { People = 40, Seed = 2 });
        var intake = organisation.TakeInRatings();
        var ratings = intake.Ratings;

        var calibration = provider.GetRequiredService<IRatingCalibrator>().Calibrate(ratings);
        var assessments = provider.GetRequiredService<IReadinessScorer>().ScoreCohort(ReadinessCandidate.FromCalibration(calibration, ratings), LeadershipFramework.FirstLineManager);
        var empty = new RatingSetBuilder(LeadershipFramework.Model).Build();
        Assert.Throws<InsufficientRatingsException>(() => provider.GetRequiredService<IRatingCalibrator>().Calibrate(empty.Ratings));

        Assert.Contains(measurements, m => m.Instrument == "readiness.calibrations" && m.Tags.Contains("success", StringComparison.Ordinal) && m.Tags.Contains("CrossedRandomEffects", StringComparison.Ordinal));
        Assert.Contains(measurements, m => m.Instrument == "readiness.calibrations" && m.Tags.Contains("refused", StringComparison.Ordinal));
        Assert.Contains(measurements, m => m.Instrument == "readiness.calibration.duration" && m.Value > 0);
        Assert.Contains(measurements, m => m.Instrument == "readiness.ratings.calibrated" && m.Value == ratings.Count);
        Assert.Contains(measurements, m => m.Instrument == "readiness.assessments.scored" && m.Value == assessments.Length);
        Assert.Contains(activities, a => a.OperationName == "Readiness.Calibrate" && (int)a.GetTagItem("readiness.ratings")! == ratings.Count);
        Assert.Contains(activities, a => a.OperationName == "Readiness.Score");
        Assert.Contains(logs.Messages, m => m.StartsWith($"Calibrated {ratings.Count} ratings by CrossedRandomEffects", StringComparison.Ordinal));
        Assert.Contains(logs.Messages, m => m.Contains("refused (InsufficientRatingsException)", StringComparison.Ordinal));
        foreach (var person in ratings.Ratees.Select(r => r.Value).Concat(ratings.Raters.Select(r => r.Value)))
        {
            Assert.DoesNotContain(logs.Messages, m => m.Contains(person, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Intake_rejections_are_counted_by_reason()
    {
        var measurements = new ConcurrentBag<(string Instrument, double Value, string Tags)>();
        using var meters = Listen(measurements);
        var builder = new RatingSetBuilder(LeadershipFramework.Model);
        builder.Add(new Rating(new RateeId("a"), new RaterId("b"), RaterSource.Peer, LeadershipFramework.Delegates, double.NaN));
        builder.Add(new Rating(new RateeId("a"), new RaterId("c"), RaterSource.Peer, LeadershipFramework.Delegates, 9));

        ReadinessTelemetry.RecordIntake(builder.Build().Report);

        Assert.Equal(2, measurements.Where(m => m.Instrument == "readiness.ratings.rejected").Sum(m => m.Value));
    }

    /// <summary>Records every measurement of the Readiness meter as (instrument, value, "key=value;…").</summary>
    private static MeterListener Listen(ConcurrentBag<(string Instrument, double Value, string Tags)> measurements)
    {
        var meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == ReadinessTelemetry.Name)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<long>((i, v, tags, _) => measurements.Add((i.Name, v, Tags(tags))));
        meters.SetMeasurementEventCallback<double>((i, v, tags, _) => measurements.Add((i.Name, v, Tags(tags))));
        meters.Start();
        return meters;
    }

    private static string Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var parts = new List<string>();
        foreach (var (key, value) in tags)
        {
            parts.Add($"{key}={value}");
        }

        return string.Join(';', parts);
    }

    private sealed class CapturingLoggerFactory : ILoggerFactory
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(Messages);

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                messages.Enqueue(formatter(state, exception));
        }
    }
}
