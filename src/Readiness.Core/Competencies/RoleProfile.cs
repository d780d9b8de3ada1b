using System.Collections.Immutable;

namespace Readiness.Competencies;

/// <summary>
/// What a target role needs: for each competency that matters, the target level, an optional critical minimum and a weight.
/// </summary>
/// <remarks>
/// Built with <see cref="RoleProfileBuilder"/> against one <see cref="CompetencyModel"/>. Competencies of the model that the
/// profile does not list do not count for the role. Weights are non-negative and sum to 1 (within 1e-12).
/// <see cref="Requirements"/> are in model order, whatever order they were added in.
/// </remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed class RoleProfile
{
    internal RoleProfile(string id, string name, string? description, CompetencyModel model, ImmutableArray<RoleRequirement> requirements)
    {
        Id = id;
        Name = name;
        Description = description;
        Model = model;
        Requirements = requirements;
    }

    /// <summary>Gets the profile's stable id, e.g. <c>first-line-manager</c>.</summary>
    public string Id { get; }

    /// <summary>Gets the role's display name.</summary>
    public string Name { get; }

    /// <summary>Gets an optional description of the role.</summary>
    public string? Description { get; }

    /// <summary>Gets the competency model the profile was validated against.</summary>
    public CompetencyModel Model { get; }

    /// <summary>Gets the requirements, one per competency that counts, in model order.</summary>
    public ImmutableArray<RoleRequirement> Requirements { get; }

    /// <summary>Gets the total weight of one domain's competencies: how much the role rests on leadership versus individual performance.</summary>
    /// <param name="domain">The domain.</param>
    /// <returns>The sum of the weights of that domain's requirements, in [0, 1].</returns>
    public double DomainWeight(CompetencyDomain domain) =>
        Math.Min(1.0, Requirements.Where(r => r.Competency.Domain == domain).Sum(r => r.Weight.Fraction));

    /// <summary>Looks up the requirement for a competency (id ignoring case).</summary>
    /// <param name="competencyId">The competency id.</param>
    /// <returns>The requirement, or null when the competency does not count for this role.</returns>
    public RoleRequirement? FindRequirement(CompetencyId competencyId)
    {
        foreach (var requirement in Requirements)
        {
            if (requirement.Competency.Id == competencyId)
            {
                return requirement;
            }
        }

        return null;
    }

    /// <summary>Returns <c>id (name)</c>.</summary>
    /// <returns>The profile as text.</returns>
    public override string ToString() => $"{Id} ({Name})";
}
