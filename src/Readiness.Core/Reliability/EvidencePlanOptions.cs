using System.Collections.Immutable;
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

        /// <summary>Lists every rule these options break, each message naming the property, its value and the rule.</summary>
    /// <returns>The broken rules; empty when the options are valid.</returns>
    public ImmutableArray<string> Validate()
    {
        var rules = new OptionRules();
        rules.Require(Target is > 0 and < 1, $"Target was {Guard.Format(Target)}; it must be in (0, 1).");
        rules.InRange(MaxRaters, 1, 100);
        rules.InRange(Replications, 2, 10_000);
        return rules.Broken;
    }

    internal EvidencePlanOptions Validated() => OptionRules.Valid(this, Validate());
}
