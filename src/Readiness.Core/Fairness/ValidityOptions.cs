using System.Collections.Immutable;
using Readiness.Internal;

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

    /// <summary>Lists every rule these options break, each message naming the property, its value and the rule.</summary>
    /// <returns>The broken rules; empty when the options are valid.</returns>
    public ImmutableArray<string> Validate()
    {
        var rules = new OptionRules();
        rules.Require(MinimumSample >= 4, $"MinimumSample was {MinimumSample}; it must be at least 4 (a regression on two predictors needs n − 3 > 0).");
        rules.Require(ConfidenceLevel is > 0 and < 1, $"ConfidenceLevel was {Guard.Format(ConfidenceLevel)}; it must be in (0, 1).");
        rules.Require(OutcomeReliability is null or (> 0 and <= 1), $"OutcomeReliability was {Guard.Format(OutcomeReliability ?? 0)}; it must be in (0, 1], or null for no correction.");
        return rules.Broken;
    }

    internal ValidityOptions Validated() => OptionRules.Valid(this, Validate());
}
