namespace Readiness.Scoring;

/// <summary>Which estimates the band is decided on.</summary>
public enum BandBasis
{
    /// <summary>The point estimates, ignoring their uncertainty.</summary>
    PointEstimate = 0,

    /// <summary>The lower ends of the estimates' intervals: conservative, so thin evidence cannot carry someone into a better band.</summary>
    LowerBound = 1,

    /// <summary>
    /// The probabilities under the joint uncertainty of the estimates: the best band the candidate's true levels reach with
    /// at least <see cref="ScoringOptions.BandConfidence"/> probability — ready now when P(ready now) reaches it, else ready
    /// in 1–2 years when P(ready within 2 years) does, and so on — so a band never contradicts the probabilities beside it.
    /// </summary>
    Probability = 2,
}
