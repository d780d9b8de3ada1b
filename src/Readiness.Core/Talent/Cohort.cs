using Readiness.Internal;
using Readiness.Scoring;

namespace Readiness.Talent;

/// <summary>Checks shared by the talent views.</summary>
internal static class Cohort
{
    /// <summary>The assessments as an array, refusing nulls, a person twice, and a mix of role profiles.</summary>
    public static ReadinessAssessment[] Check(IEnumerable<ReadinessAssessment> assessments, string paramName)
    {
        var all = Guard.NoNulls(assessments, "Assessment", paramName);

        if (all.GroupBy(a => a.Person).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"'{twice.Key}' appears {twice.Count()} times; a cohort holds one assessment per person.", paramName);
        }

        var profiles = all.Select(a => a.ProfileId).Distinct(IdRules.Comparer).ToArray();
        if (profiles.Length > 1)
        {
            throw new ArgumentException($"The assessments are against {profiles.Length} role profiles ({string.Join(", ", profiles.Take(3))}); a cohort is assessed against one.", paramName);
        }

        return all;
    }

    /// <summary>The competencies short of target, largest weighted gap (weight × gap) first, ties by id.</summary>
    public static IEnumerable<CompetencyScore> Gaps(ReadinessAssessment assessment) =>
        assessment.Competencies.Where(c => c.Gap > 0).OrderByDescending(c => c.Weight * c.Gap!.Value).ThenBy(c => c.Competency.Value, StringComparer.Ordinal);
}
