using System.Collections.Immutable;
using Readiness.Internal;

namespace Readiness.Calibration;

/// <summary>Settings of the <see cref="LongitudinalCalibrator"/>.</summary>
public sealed record LongitudinalModelOptions
{
    /// <summary>Gets the REML optimisation's tolerance on the relative covariance parameters. The default value is 1e-6.</summary>
    public double Tolerance { get; init; } = 1e-6;

    /// <summary>Gets the most REML criterion evaluations the optimisation may use. The default value is 5000.</summary>
    public int MaxIterations { get; init; } = 5000;

    /// <summary>Gets the broken rules, each naming the value and the rule; empty when the options are valid.</summary>
    /// <returns>The problems, if any.</returns>
    public ImmutableArray<string> Validate()
    {
        var rules = new OptionRules();
        rules.InRange(Tolerance, 1e-14, 1e-2);
        rules.AtLeast(MaxIterations, 1);
        return rules.Broken;
    }

    internal LongitudinalModelOptions Validated() => OptionRules.Valid(this, Validate());
}
