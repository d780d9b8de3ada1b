namespace Readiness.Scoring;

/// <summary>Which estimates the band is decided on.</summary>
public enum BandBasis
{
    /// <summary>The point estimates. The default.</summary>
    PointEstimate = 0,

    /// <summary>The lower ends of the estimates' intervals: conservative, so thin evidence cannot carry someone into a better band.</summary>
    LowerBound = 1,
}
