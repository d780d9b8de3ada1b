using System.Collections.Immutable;
using Readiness.Scoring;

namespace Readiness.Pipeline;

/// <summary>
/// A run in which nobody met the evidence rules: a failure, not an empty success. The message says what they lacked (the
/// three commonest reasons, one line each with its count); <see cref="ReadinessPipelineOptions.AllowUnscored"/> lets such a run return instead.
/// </summary>
public sealed class NobodyScoredException : Exception
{
    /// <summary>Initialises the exception for the assessments of a role in which nobody was scored.</summary>
    /// <param name="role">The role's id.</param>
    /// <param name="assessments">The assessments, none scored.</param>
    public NobodyScoredException(string role, IReadOnlyCollection<ReadinessAssessment> assessments)
        : base(Describe(role, assessments ?? throw new ArgumentNullException(nameof(assessments))))
    {
        Role = role;
        Assessments = [.. assessments];
    }

    /// <summary>Gets the role nobody could be scored against.</summary>
    public string Role { get; }

    /// <summary>Gets the assessments, each saying what evidence it lacked.</summary>
    public ImmutableArray<ReadinessAssessment> Assessments { get; }

    private static string Describe(string role, IReadOnlyCollection<ReadinessAssessment> assessments)
    {
        var reasons = assessments.SelectMany(a => a.Evidence.Missing).GroupBy(m => m, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(3)
            .Select(g => $"\n  {g.Count()} × {g.Key}");
        return $"Nobody could be scored against {role}: all {assessments.Count} lack the evidence the rules ask for; the commonest reasons:{string.Concat(reasons)}";
    }
}
