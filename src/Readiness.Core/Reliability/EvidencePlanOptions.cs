using Readiness.Internal;

namespace Readiness.Reliability;

/// <summary>Settings of the simulated evidence plan (<see cref="EvidencePlan.Simulate"/>).</summary>
public sealed record EvidencePlanOptions
{
    /// <summary>Gets the reliability the plan must reach. The default value is 0.8.</summary>
    public double Target { get; init; } = 0.8;

    /// <summary>Gets the most raters per person tried. The default value is 20.</summary>
    public int MaxRaters { get; init; } = 20;

    /// <summary>Gets the number of simulated cycles per number of raters. The default value is 20.</summary>
    public int Replications { get; init; } = 20;

    /// <summary>Gets the seed of the simulation: the same seed gives the same plan. The default value is 1.</summary>
    public int Seed { get; init; } = 1;

    internal EvidencePlanOptions Validated()
    {
        if (!(Target > 0 && Target < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Target), Target, $"{nameof(Target)} was {Guard.Format(Target)}; it must be in (0, 1).");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRaters, 1, nameof(MaxRaters));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxRaters, 100, nameof(MaxRaters));
        ArgumentOutOfRangeException.ThrowIfLessThan(Replications, 2, nameof(Replications));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Replications, 10_000, nameof(Replications));
        return this;
    }
}
