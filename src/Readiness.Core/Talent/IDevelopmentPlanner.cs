using Readiness.Competencies;
using Readiness.Scoring;

namespace Readiness.Talent;

/// <summary>Turns an assessment's gaps against a role into a development plan that starts before the promotion.</summary>
public interface IDevelopmentPlanner
{
    /// <summary>Plans a scored person's development towards the role.</summary>
    /// <param name="assessment">The person's scored assessment against <paramref name="profile"/>.</param>
    /// <param name="profile">The role profile.</param>
    /// <param name="start">When development starts.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="ArgumentException">The assessment was not scored, or is against another profile.</exception>
    DevelopmentPlan Plan(ReadinessAssessment assessment, RoleProfile profile, DateOnly start);
}
