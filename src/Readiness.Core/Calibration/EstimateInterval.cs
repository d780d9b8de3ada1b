namespace Readiness.Calibration;

/// <summary>A confidence interval for a person's true level on one competency (<see cref="CompetencyEstimate.Interval"/>).</summary>
public readonly record struct EstimateInterval
{
    /// <summary>Initializes a new instance of the <see cref="EstimateInterval"/> structure.</summary>
    /// <param name="lower">The lower end, on the model's scale.</param>
    /// <param name="upper">The upper end, on the model's scale.</param>
    public EstimateInterval(double lower, double upper)
    {
        Lower = lower;
        Upper = upper;
    }

    /// <summary>Gets the lower end, on the model's scale.</summary>
    public double Lower { get; }

    /// <summary>Gets the upper end, on the model's scale.</summary>
    public double Upper { get; }
}
