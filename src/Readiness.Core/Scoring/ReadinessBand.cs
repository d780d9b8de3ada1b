namespace Readiness.Scoring;

/// <summary>When a candidate is expected to be ready for the role.</summary>
public enum ReadinessBand
{
    /// <summary>Not scored: the evidence does not meet the requirements (see <see cref="ReadinessAssessment.Evidence"/>).</summary>
    InsufficientEvidence = 0,

    /// <summary>Ready now: the index reaches the ready-now threshold, the remaining gaps close within the ready-now horizon, and no critical gap.</summary>
    ReadyNow = 1,

    /// <summary>Ready within the near-term horizon (two years by default, <see cref="ScoringOptions.NearTermMaxYears"/>), not now.</summary>
    ReadyIn1To2Years = 2,

    /// <summary>
    /// Ready later: within the longest horizon (five years by default, <see cref="ScoringOptions.LongTermMaxYears"/>) but not
    /// within the near term. Under <see cref="BandBasis.Probability"/> this is the cautious reading — a person whose
    /// <see cref="ReadinessAssessment.YearsToReady"/> is under two years is here when their chance of being ready within two
    /// years is below <see cref="ScoringOptions.BandConfidence"/>.
    /// </summary>
    ReadyIn3PlusYears = 3,

    /// <summary>Not on a leadership track for this role: the index is below the on-track threshold or the gaps would take longer than the longest horizon.</summary>
    NotOnLeadershipTrack = 4,
}

/// <summary>The bands' names in files and messages (<see cref="Serialization.WireNames"/> gives them to callers).</summary>
internal static class ReadinessBandNames
{
    public static string Of(ReadinessBand band) => band switch
    {
        ReadinessBand.ReadyNow => "ready-now",
        ReadinessBand.ReadyIn1To2Years => "ready-1-2-years",
        ReadinessBand.ReadyIn3PlusYears => "ready-3-plus-years",
        ReadinessBand.NotOnLeadershipTrack => "not-on-track",
        ReadinessBand.InsufficientEvidence => "insufficient-evidence",
        _ => ((int)band).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
