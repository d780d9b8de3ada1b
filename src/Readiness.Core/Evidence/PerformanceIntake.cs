namespace Readiness.Evidence;

/// <summary>The outcome of a bulk intake of performance records.</summary>
public sealed class PerformanceIntake
{
    /// <summary>Initializes a new instance of the <see cref="PerformanceIntake"/> class.</summary>
    /// <param name="performance">The accepted records.</param>
    /// <param name="report">How many records were submitted and which were refused, and why.</param>
    internal PerformanceIntake(PerformanceSet performance, IntakeReport report)
    {
        Performance = performance;
        Report = report;
    }

    /// <summary>Gets the accepted records.</summary>
    public PerformanceSet Performance { get; }

    /// <summary>Gets how many records were submitted and which were refused, and why.</summary>
    public IntakeReport Report { get; }
}
