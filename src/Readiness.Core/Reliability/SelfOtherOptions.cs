using System.Collections.Immutable;
using Readiness.Internal;

namespace Readiness.Reliability;

/// <summary>Where self–other agreement ends and over- or under-estimation begins.</summary>
public sealed record SelfOtherOptions
{
    /// <summary>
    /// Gets the half-width of the agreement band around its centre. The default value is 0.5, in standard deviations of the
    /// cohort's self − others differences (the common operationalisation of Yammarino and Atwater's categories).
    /// </summary>
    public double AgreementHalfWidth { get; init; } = 0.5;

    /// <summary>
    /// Gets a value indicating whether the band is measured in standard deviations of the cohort's differences and centred
    /// on their mean (true), or in scale points around zero (false). The default value is true.
    /// </summary>
    public bool RelativeToCohort { get; init; } = true;

    /// <summary>Lists every rule these options break, each message naming the property, its value and the rule.</summary>
    /// <returns>The broken rules; empty when the options are valid.</returns>
    public ImmutableArray<string> Validate()
    {
        var rules = new OptionRules();
        rules.InRange(AgreementHalfWidth, 0, 1e6);
        return rules.Broken;
    }

    internal SelfOtherOptions Validated() => OptionRules.Valid(this, Validate());
}
