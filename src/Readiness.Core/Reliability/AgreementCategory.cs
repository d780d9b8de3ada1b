namespace Readiness.Reliability;

/// <summary>Yammarino and Atwater's (1997) categories of self–other agreement.</summary>
public enum AgreementCategory
{
    /// <summary>Rates themselves above how others rate them.</summary>
    OverEstimator = 0,

    /// <summary>Rates themselves below how others rate them.</summary>
    UnderEstimator = 1,

    /// <summary>Self and others agree, and others rate them well.</summary>
    InAgreementGood = 2,

    /// <summary>Self and others agree, and others rate them poorly.</summary>
    InAgreementPoor = 3,
}
