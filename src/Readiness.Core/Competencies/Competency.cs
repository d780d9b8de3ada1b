using System.Collections.Immutable;

namespace Readiness.Competencies;

/// <summary>A competency of a model: what it is, which domain it belongs to, how it shows and what each level looks like.</summary>
/// <remarks>Created by <see cref="CompetencyModelBuilder"/>; every competency belongs to exactly one <see cref="CompetencyModel"/>.</remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed class Competency
{
    internal Competency(
        CompetencyId id,
        string name,
        string definition,
        CompetencyDomain domain,
        ImmutableArray<string> indicators,
        ImmutableArray<BehaviouralAnchor> anchors)
    {
        Id = id;
        Name = name;
        Definition = definition;
        Domain = domain;
        Indicators = indicators;
        Anchors = anchors;
    }

    /// <summary>Gets the stable id that ratings, role profiles and files refer to, e.g. <c>delegates</c>.</summary>
    public CompetencyId Id { get; }

    /// <summary>Gets the display name, e.g. <c>Delegates genuinely</c>.</summary>
    public string Name { get; }

    /// <summary>Gets what the competency means, in one or two sentences.</summary>
    public string Definition { get; }

    /// <summary>Gets the domain: individual performance or leadership.</summary>
    public CompetencyDomain Domain { get; }

    /// <summary>Gets the behavioural indicators: observable signs of the competency, in the order given.</summary>
    public ImmutableArray<string> Indicators { get; }

    /// <summary>Gets the behavioural anchors in ascending order of level; a model may leave levels unanchored.</summary>
    public ImmutableArray<BehaviouralAnchor> Anchors { get; }

    /// <summary>Gets the behavioural anchor for a level, if the competency has one.</summary>
    /// <param name="level">A level of the model's scale.</param>
    /// <returns>The anchor, or null when the level has none.</returns>
    public BehaviouralAnchor? AnchorFor(int level)
    {
        foreach (var anchor in Anchors)
        {
            if (anchor.Level == level)
            {
                return anchor;
            }
        }

        return null;
    }

    /// <summary>Returns <c>id (name)</c>.</summary>
    /// <returns>The competency as text.</returns>
    public override string ToString() => $"{Id} ({Name})";
}
