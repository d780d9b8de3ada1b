namespace Readiness.Reliability;

/// <summary>The level of measurement Krippendorff's alpha treats the values at: how different two values are.</summary>
public enum AlphaMetric
{
    /// <summary>Categories: any two different values differ equally.</summary>
    Nominal = 0,

    /// <summary>Ranks: the difference between two values grows with how many observed values lie between them.</summary>
    Ordinal = 1,

    /// <summary>Equal intervals: the squared difference.</summary>
    Interval = 2,

    /// <summary>Ratios (values ≥ 0 with a true zero): the squared difference relative to the sum.</summary>
    Ratio = 3,
}
