using Readiness.Competencies;

namespace Readiness.Weighting;

/// <summary>Applies weights from any strategy to a role profile.</summary>
public static class RoleProfileWeighting
{
    /// <summary>Returns a copy of the profile whose requirements carry the given weights.</summary>
    /// <param name="profile">The profile; its targets and critical minimums are kept.</param>
    /// <param name="weights">One weight per requirement of the profile, from any <see cref="IWeightingStrategy{TInput}"/>.</param>
    /// <returns>The re-weighted profile; each requirement's importance becomes its weight.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ReadinessValidationException">
    /// A weighted competency is not a requirement of the profile, or a requirement has no weight. Every problem is listed.
    /// </exception>
    public static RoleProfile WithWeights(this RoleProfile profile, CompetencyWeights weights)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(weights);
        var errors = new List<ValidationError>();
        foreach (var id in weights.CompetencyIds.Where(id => profile.FindRequirement(id) is null))
        {
            errors.Add(new($"weights[{id}]", profile.Model.TryGetCompetency(id, out _)
                ? $"'{id}' is not a requirement of role profile '{profile.Id}'; add it to the profile or drop its weight"
                : $"'{id}' is not a competency of model '{profile.Model.Id}'"));
        }

        foreach (var requirement in profile.Requirements.Where(r => !weights.TryGetWeight(r.Competency.Id.Value, out _)))
        {
            errors.Add(new($"weights[{requirement.Competency.Id}]", $"requirement '{requirement.Competency.Id}' has no weight; weigh every requirement of the role"));
        }

        if (errors.Count > 0)
        {
            throw new ReadinessValidationException($"weights for role profile '{profile.Id}'", errors);
        }

        var requirements = profile.Requirements.Select(r =>
        {
            var weight = weights[r.Competency.Id.Value];
            return new RoleRequirement(r.Competency, r.Target, r.CriticalMinimum, weight.Fraction, weight);
        });
        return new RoleProfile(profile.Id, profile.Name, profile.Description, profile.Model, [.. requirements]);
    }
}
