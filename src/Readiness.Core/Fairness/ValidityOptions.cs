namespace Readiness.Fairness;

/// <summary>How a predictive-validity study is run.</summary>
public sealed record ValidityOptions
{
    /// <summary>Gets the fewest people with a readiness index, a performance value and an outcome the study needs. The default value is 30.</summary>
    public int MinimumSample { get; init; } = 30;

    /// <summary>Gets the coverage of the confidence intervals. The default value is 0.95.</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>Gets the outcome measure's reliability in (0, 1], to correct the correlations for it (attenuation), or null for none. The default value is null.</summary>
    public double? OutcomeReliability { get; init; }
}
