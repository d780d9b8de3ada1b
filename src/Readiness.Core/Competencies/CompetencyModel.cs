using System.Collections.Frozen;
using System.Collections.Immutable;
using Readiness.Internal;

namespace Readiness.Competencies;

/// <summary>A validated set of competencies in two domains, rated on one proficiency scale.</summary>
/// <remarks>
/// Built with <see cref="CompetencyModelBuilder"/>. Competency ids are unique ignoring case; lookups by id are
/// case-insensitive. <see cref="Competencies"/> keeps the order in which competencies were added.
/// </remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed class CompetencyModel
{
    private readonly FrozenDictionary<string, Competency> _byId;

    internal CompetencyModel(string id, string name, string? description, ProficiencyScale scale, ImmutableArray<Competency> competencies)
    {
        Id = id;
        Name = name;
        Description = description;
        Scale = scale;
        Competencies = competencies;
        _byId = competencies.ToFrozenDictionary(c => c.Id.Value, IdRules.Comparer);
    }

    /// <summary>Gets the model's stable id.</summary>
    public string Id { get; }

    /// <summary>Gets the display name.</summary>
    public string Name { get; }

    /// <summary>Gets an optional description of the model's purpose and origin.</summary>
    public string? Description { get; }

    /// <summary>Gets the scale every competency of the model is rated on.</summary>
    public ProficiencyScale Scale { get; }

    /// <summary>Gets the competencies in the order they were added.</summary>
    public ImmutableArray<Competency> Competencies { get; }

    /// <summary>Gets a competency by id (ignoring case).</summary>
    /// <param name="id">The competency id.</param>
    /// <returns>The competency.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is the default value, or text that is not a valid id.</exception>
    /// <exception cref="KeyNotFoundException">The model has no competency with that id.</exception>
    public Competency GetCompetency(CompetencyId id)
    {
        if (id.IsEmpty)
        {
            throw new ArgumentException("The competency id is the default value, which holds no id.", nameof(id));
        }

        return _byId.TryGetValue(id.Value, out var competency)
            ? competency
            : throw new KeyNotFoundException($"Competency '{id}' is not part of model '{Id}'.");
    }

    /// <summary>Looks up a competency by id text (ignoring case), as it arrives from a file or a form.</summary>
    /// <param name="id">The competency id; text that is not a valid id is simply not found.</param>
    /// <param name="competency">The competency, when found.</param>
    /// <returns>True when the model has a competency with that id.</returns>
    public bool TryGetCompetency(string? id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Competency? competency)
    {
        competency = null;
        return id is not null && _byId.TryGetValue(id, out competency);
    }

    /// <summary>Gets the competencies of one domain, in model order.</summary>
    /// <param name="domain">The domain.</param>
    /// <returns>The competencies of that domain; empty when there are none.</returns>
    public ImmutableArray<Competency> InDomain(CompetencyDomain domain) => [.. Competencies.Where(c => c.Domain == domain)];

    /// <summary>Returns <c>id (name)</c>.</summary>
    /// <returns>The model as text.</returns>
    public override string ToString() => $"{Id} ({Name})";
}
