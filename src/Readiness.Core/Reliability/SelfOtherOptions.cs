using System.Collections.Immutable;
using Readiness.Internal;

namespace Readiness.Reliability;

/// <summary>Where self–other agreement ends and over- or under-estimation begins.</summary>
public sealed record SelfOtherOptions
{
    /// <summary>
    /// Gets the half-width of the agreement band around its centre, in standard deviations of the cohort's self − others
    /// differences or in scale points (<see cref="WidthInStandardDeviations"/>). The default value is 0.5.
    /// </summary>
    public double AgreementHalfWidth { get; init; } = 0.5;

    /// <summary>
    /// Gets a value indicating whether <see cref="AgreementHalfWidth"/> is in standard deviations of the cohort's
    /// differences (true: the band adapts to the scale and the cohort's spread) or in scale points (false). The default
    /// value is true.
    /// </summary>
    public bool WidthInStandardDeviations { get; init; } = true;

    /// <summary>
    /// Gets a value indicating whether the band is centred on the cohort's mean difference (the cohort-relative variant
    /// of Atwater and Yammarino's 1992 study) instead of on zero. The default value is false: an over-estimator rates
    /// themselves above what others say, an under-estimator below, as Yammarino and Atwater (1997) define them. Centred
    /// on the cohort, a whole cohort that rates itself generously makes some people who rate themselves above others
    /// "under-estimators"; use it only to compare people with their cohort, and say so.
    /// </summary>
    public bool CentredOnCohortMean { get; init; }

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
