namespace Readiness.Scoring;

/// <summary>How a candidate's attainment on each requirement combines into the readiness index (assessment-centre conventions).</summary>
public enum ScoringPolicy
{
    /// <summary>
    /// Weighted attainment, except that a competency below its critical minimum earns nothing: strengths elsewhere cannot
    /// make up for a critical gap, in the index or in the band. The default.
    /// </summary>
    Hybrid = 0,

    /// <summary>Weighted attainment: strengths make up for gaps (up to the overshoot cap). Critical minimums still cap the band.</summary>
    Compensatory = 1,

    /// <summary>Multiple hurdles: the index is the attainment of the weakest requirement. Critical minimums still cap the band.</summary>
    Conjunctive = 2,
}
