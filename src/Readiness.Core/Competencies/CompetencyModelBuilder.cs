using Readiness.Internal;

namespace Readiness.Competencies;

/// <summary>Assembles a <see cref="CompetencyModel"/>; <see cref="Build"/> validates the whole model and reports every problem at once.</summary>
/// <example>
/// <code>
/// var model = new CompetencyModelBuilder("team-lead", "Team lead model")
///     .AddCompetency("delegates", "Delegates genuinely", CompetencyDomain.Leadership, c => c
///         .WithDefinition("Hands over whole pieces of work with the authority to decide.")
///         .AddAnchor(1, "Keeps all meaningful work; hands over only chores.")
///         .AddAnchor(5, "Grows the team's capability by delegating stretch work and coaching through it."))
///     .AddCompetency("delivers", "Delivers results", CompetencyDomain.IndividualPerformance, c => c
///         .WithDefinition("Completes own commitments on time and to standard."))
///     .Build();
/// </code>
/// </example>
/// <remarks>A builder is mutable and not thread-safe; the model it builds is immutable.</remarks>
public sealed class CompetencyModelBuilder
{
    private readonly string? _id;
    private readonly string? _name;
    private readonly List<CompetencyBuilder> _competencies = [];
    private string? _description;
    private ProficiencyScale _scale = ProficiencyScale.Default;

    /// <summary>Initializes a new instance of the <see cref="CompetencyModelBuilder"/> class.</summary>
    /// <param name="id">The model's id: 1–64 ASCII letters, digits, '-', '_' or '.', starting with a letter or digit.</param>
    /// <param name="name">The display name; required, at most 200 characters.</param>
    /// <remarks>Arguments are checked by <see cref="Build"/>, together with everything else.</remarks>
    public CompetencyModelBuilder(string? id, string? name)
    {
        _id = id;
        _name = name;
    }

    /// <summary>Sets an optional description of the model.</summary>
    /// <param name="description">At most 4000 characters; null for none.</param>
    /// <returns>This builder.</returns>
    public CompetencyModelBuilder WithDescription(string? description)
    {
        _description = description;
        return this;
    }

    /// <summary>Sets the scale every competency is rated on.</summary>
    /// <param name="scale">The scale. The default value is <see cref="ProficiencyScale.Default"/> (1–5).</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="scale"/> is null.</exception>
    public CompetencyModelBuilder WithScale(ProficiencyScale scale)
    {
        ArgumentNullException.ThrowIfNull(scale);
        _scale = scale;
        return this;
    }

    /// <summary>Adds a competency.</summary>
    /// <param name="id">The competency id, unique in the model ignoring case.</param>
    /// <param name="name">The display name, unique in the model ignoring case.</param>
    /// <param name="domain">Individual performance or leadership.</param>
    /// <param name="configure">Sets the definition (required), indicators and behavioural anchors.</param>
    /// <returns>This builder.</returns>
    public CompetencyModelBuilder AddCompetency(string? id, string? name, CompetencyDomain domain, Action<CompetencyBuilder>? configure = null)
    {
        var competency = new CompetencyBuilder(id, name, domain);
        configure?.Invoke(competency);
        _competencies.Add(competency);
        return this;
    }

    /// <summary>Validates everything added and builds the model.</summary>
    /// <returns>The immutable model.</returns>
    /// <exception cref="ReadinessValidationException">
    /// Any rule is broken: an invalid or duplicate id, a blank or duplicate name, a missing definition, an undefined domain,
    /// a blank or duplicate indicator, an anchor for a level that is not on the scale or anchored twice, no competencies,
    /// or no competency in the leadership domain. The exception lists every broken rule with its path.
    /// </exception>
    public CompetencyModel Build()
    {
        var errors = new List<ValidationError>();
        errors.AddProblem("id", IdRules.Check(_id));
        errors.AddProblem("name", TextRules.CheckRequired(_name, TextRules.MaxNameLength));
        if (_description is not null)
        {
            errors.AddProblem("description", TextRules.CheckRequired(_description, TextRules.MaxTextLength));
        }

        if (_competencies.Count == 0)
        {
            errors.Add(new("competencies", "the model has no competencies; at least one is required"));
        }
        else if (!_competencies.Any(c => c.Domain == CompetencyDomain.Leadership))
        {
            errors.Add(new("competencies", "the model has no competency in the Leadership domain; a readiness model needs at least one"));
        }

        var firstById = new Dictionary<string, int>(IdRules.Comparer);
        var firstByName = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < _competencies.Count; i++)
        {
            ValidateCompetency(_competencies[i], $"competencies[{i}]", errors, firstById, firstByName, i);
        }

        var subject = $"competency model '{_id}'";
        if (errors.Count > 0)
        {
            throw new ReadinessValidationException(subject, errors);
        }

        return new CompetencyModel(_id!, _name!, _description, _scale, [.. _competencies.Select(ToCompetency)]);
    }

    private void ValidateCompetency(
        CompetencyBuilder c,
        string path,
        List<ValidationError> errors,
        Dictionary<string, int> firstById,
        Dictionary<string, int> firstByName,
        int index)
    {
        var idProblem = IdRules.Check(c.Id);
        errors.AddProblem($"{path}.id", idProblem);
        if (idProblem is null && !firstById.TryAdd(c.Id!, index))
        {
            errors.Add(new($"{path}.id", $"'{c.Id}' is already the id of competencies[{firstById[c.Id!]}]; competency ids must be unique (ignoring case)"));
        }

        var nameProblem = TextRules.CheckRequired(c.Name, TextRules.MaxNameLength);
        errors.AddProblem($"{path}.name", nameProblem);
        if (nameProblem is null && !firstByName.TryAdd(c.Name!.Trim(), index))
        {
            errors.Add(new($"{path}.name", $"'{c.Name}' is already the name of competencies[{firstByName[c.Name.Trim()]}]; competency names must be unique (ignoring case)"));
        }

        errors.AddProblem($"{path}.definition", TextRules.CheckRequired(c.Definition, TextRules.MaxTextLength));
        if (!Enum.IsDefined(c.Domain))
        {
            errors.Add(new($"{path}.domain", $"{(int)c.Domain} is not a domain; use IndividualPerformance or Leadership"));
        }

        var indicators = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var j = 0; j < c.Indicators.Count; j++)
        {
            var problem = TextRules.CheckRequired(c.Indicators[j], TextRules.MaxTextLength);
            errors.AddProblem($"{path}.indicators[{j}]", problem);
            if (problem is null && !indicators.Add(c.Indicators[j]!.Trim()))
            {
                errors.Add(new($"{path}.indicators[{j}]", $"'{c.Indicators[j]}' is listed twice; indicators must be unique within a competency"));
            }
        }

        var anchoredLevels = new HashSet<int>();
        for (var j = 0; j < c.Anchors.Count; j++)
        {
            var (level, behaviour) = c.Anchors[j];
            if (!_scale.Contains(level))
            {
                errors.Add(new($"{path}.anchors[{j}].level", $"level {level} is not on the scale {_scale}"));
            }
            else if (!anchoredLevels.Add(level))
            {
                errors.Add(new($"{path}.anchors[{j}].level", $"level {level} is anchored twice; each level takes at most one anchor"));
            }

            errors.AddProblem($"{path}.anchors[{j}].behaviour", TextRules.CheckRequired(behaviour, TextRules.MaxTextLength));
        }
    }

    private static Competency ToCompetency(CompetencyBuilder c) => new(
        c.Id!,
        c.Name!,
        c.Definition!,
        c.Domain,
        [.. c.Indicators.Select(i => i!)],
        [.. c.Anchors.OrderBy(a => a.Level).Select(a => new BehaviouralAnchor(a.Level, a.Behaviour!))]);
}
