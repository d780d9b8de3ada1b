namespace Readiness.Talent;

/// <summary>A third of a 9-box axis.</summary>
public enum TalentLevel
{
    /// <summary>Below the lower cut.</summary>
    Low = 0,

    /// <summary>From the lower cut up to the upper cut.</summary>
    Moderate = 1,

    /// <summary>At or above the upper cut.</summary>
    High = 2,
}
