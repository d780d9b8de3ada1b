namespace Readiness.Competencies;

/// <summary>Collects the definition, indicators and behavioural anchors of one competency while a model is built.</summary>
/// <remarks>Nothing is checked here: <see cref="CompetencyModelBuilder.Build"/> validates everything at once.</remarks>
public sealed class CompetencyBuilder
{
    internal CompetencyBuilder(string? id, string? name, CompetencyDomain domain)
    {
        Id = id;
        Name = name;
        Domain = domain;
    }

    internal string? Id { get; }

    internal string? Name { get; }

    internal CompetencyDomain Domain { get; }

    internal string? Definition { get; private set; }

    internal List<string?> Indicators { get; } = [];

    internal List<(int Level, string? Behaviour)> Anchors { get; } = [];

    /// <summary>Sets what the competency means.</summary>
    /// <param name="definition">One or two sentences; required, at most 4000 characters.</param>
    /// <returns>This builder.</returns>
    public CompetencyBuilder WithDefinition(string? definition)
    {
        Definition = definition;
        return this;
    }

    /// <summary>Adds an observable sign of the competency.</summary>
    /// <param name="indicator">The indicator; non-blank, unique within the competency, at most 4000 characters.</param>
    /// <returns>This builder.</returns>
    public CompetencyBuilder AddIndicator(string? indicator)
    {
        Indicators.Add(indicator);
        return this;
    }

    /// <summary>Adds the behavioural anchor for one level of the scale.</summary>
    /// <param name="level">A level of the model's scale; each level anchored at most once.</param>
    /// <param name="behaviour">What the competency looks like at that level; non-blank, at most 4000 characters.</param>
    /// <returns>This builder.</returns>
    public CompetencyBuilder AddAnchor(int level, string? behaviour)
    {
        Anchors.Add((level, behaviour));
        return this;
    }
}
