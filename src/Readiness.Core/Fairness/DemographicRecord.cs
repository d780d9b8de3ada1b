using Readiness.Evidence;

namespace Readiness.Fairness;

/// <summary>One person's category on one demographic attribute, e.g. (P017, "sex", "female"). Used only for audits.</summary>
/// <param name="Person">The person.</param>
/// <param name="Attribute">The attribute, e.g. "sex" or "race/ethnicity".</param>
/// <param name="Category">The person's category on it.</param>
public readonly record struct DemographicRecord(RateeId Person, string Attribute, string Category);
