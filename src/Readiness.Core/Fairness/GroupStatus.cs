namespace Readiness.Fairness;

/// <summary>How a group takes part in an audit.</summary>
public enum GroupStatus
{
    /// <summary>Compared with the reference group.</summary>
    Compared = 0,

    /// <summary>The group with the highest selection rate: the others' impact ratios are relative to it.</summary>
    Reference = 1,

    /// <summary>Below <see cref="AuditOptions.MinimumShare"/> of the audited people: its numbers are shown, not compared.</summary>
    ExcludedSmallShare = 2,

    /// <summary>Below <see cref="AuditOptions.MinimumCellSize"/> (or suppressed so that it cannot be derived from the totals): no numbers shown.</summary>
    Suppressed = 3,
}
