namespace Readiness.Reliability;

/// <summary>The thresholds of the rater diagnostics; each is the caller's to change.</summary>
public sealed record RaterDiagnosticOptions
{
    /// <summary>Gets the leniency or severity, in scale points, beyond which a rater is flagged. The default value is 0.5.</summary>
    public double LeniencyThreshold { get; init; } = 0.5;

    /// <summary>Gets the spread ratio below which a rater is flagged for central tendency. The default value is 0.6.</summary>
    public double CentralTendencyThreshold { get; init; } = 0.6;

    /// <summary>Gets the halo ratio below which a rater is flagged for halo. The default value is 0.5.</summary>
    public double HaloThreshold { get; init; } = 0.5;

    /// <summary>Gets the mean square above which a rater is flagged for misfit. The default value is 2.</summary>
    public double MisfitThreshold { get; init; } = 2;

    /// <summary>Gets the fewest ratees a rater needs to be examined. The default value is 2.</summary>
    public int MinimumRatees { get; init; } = 2;
}
