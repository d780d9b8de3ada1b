namespace Readiness.Calibration;

/// <summary>What a growth rate rests on.</summary>
public enum GrowthBasis
{
    /// <summary>Nothing measured: the rate assumed in the options.</summary>
    Assumed,

    /// <summary>The cohort's measured growth: the person was rated at one time only, so their own growth is the cohort's.</summary>
    Cohort,

    /// <summary>The person's own growth, measured across two or more cycles and shrunk towards the cohort's.</summary>
    Person,
}
