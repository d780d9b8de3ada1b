using System.Collections.Immutable;
using Readiness.Competencies;
using Readiness.Scoring;

namespace Readiness.Pipeline;

/// <summary>A cohort's assessments against one role.</summary>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed class RoleAssessments
{
    internal RoleAssessments(RoleProfile role, ImmutableArray<ReadinessAssessment> assessments) => (Role, Assessments) = (role, assessments);

    /// <summary>Gets the role.</summary>
    public RoleProfile Role { get; }

    /// <summary>Gets one assessment per candidate, in the candidates' order.</summary>
    public ImmutableArray<ReadinessAssessment> Assessments { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Role.Id}: {Assessments.Count(a => a.IsScored)} of {Assessments.Length} scored";
}
