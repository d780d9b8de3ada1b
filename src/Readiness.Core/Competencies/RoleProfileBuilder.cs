using Readiness.Internal;

namespace Readiness.Competencies;

/// <summary>
/// Assembles a <see cref="RoleProfile"/>; <see cref="Build"/> validates it against a competency model and reports every problem at once.
/// </summary>
/// <remarks>
/// Importances are relative: <c>3, 1, 1</c> and <c>0.6, 0.2, 0.2</c> give the same weights. A builder is mutable and not
/// thread-safe; the profile it builds is immutable.
/// </remarks>
public sealed class RoleProfileBuilder
{
    private readonly string? _id;
    private readonly string? _name;
    private readonly List<Draft> _requirements = [];
    private string? _description;

    /// <summary>Initializes a new instance of the <see cref="RoleProfileBuilder"/> class.</summary>
    /// <param name="id">The profile's id: 1–64 ASCII letters, digits, '-', '_' or '.', starting with a letter or digit.</param>
    /// <param name="name">The role's display name; required, at most 200 characters.</param>
    public RoleProfileBuilder(string? id, string? name)
    {
        _id = id;
        _name = name;
    }

    /// <summary>Sets an optional description of the role.</summary>
    /// <param name="description">At most 4000 characters; null for none.</param>
    /// <returns>This builder.</returns>
    public RoleProfileBuilder WithDescription(string? description)
    {
        _description = description;
        return this;
    }

    /// <summary>Adds what the role needs of one competency.</summary>
    /// <param name="competencyId">The id of a competency of the model, listed once per profile.</param>
    /// <param name="target">The level the role needs; finite and on the model's scale.</param>
    /// <param name="importance">The relative importance; finite and non-negative. Normalised with the others into weights.</param>
    /// <param name="criticalMinimum">An optional non-compensatory minimum; on the scale and at or below <paramref name="target"/>.</param>
    /// <returns>This builder.</returns>
    public RoleProfileBuilder Require(string? competencyId, double target, double importance, double? criticalMinimum = null)
    {
        _requirements.Add(new Draft(competencyId, target, importance, criticalMinimum));
        return this;
    }

    /// <summary>Validates the profile against <paramref name="model"/> and builds it.</summary>
    /// <param name="model">The competency model whose competencies and scale the profile refers to.</param>
    /// <returns>The immutable profile, requirements in model order, weights normalised.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    /// <exception cref="ReadinessValidationException">
    /// Any rule is broken: an invalid id, a blank name, no requirements, an unknown or repeated competency, a target or
    /// critical minimum that is not finite or not on the scale, a critical minimum above the target, a negative or
    /// non-finite importance, or importances that are all zero. The exception lists every broken rule with its path.
    /// </exception>
    public RoleProfile Build(CompetencyModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var errors = new List<ValidationError>();
        errors.AddProblem("id", IdRules.Check(_id));
        errors.AddProblem("name", TextRules.CheckRequired(_name, TextRules.MaxNameLength));
        if (_description is not null)
        {
            errors.AddProblem("description", TextRules.CheckRequired(_description, TextRules.MaxTextLength));
        }

        if (_requirements.Count == 0)
        {
            errors.Add(new("requirements", "the profile has no requirements; at least one competency must count for the role"));
        }

        var scale = model.Scale;
        var firstByCompetency = new Dictionary<string, int>(IdRules.Comparer);
        var resolved = new List<(Competency Competency, Draft Draft)>();
        for (var i = 0; i < _requirements.Count; i++)
        {
            var r = _requirements[i];
            var path = $"requirements[{i}]";
            if (!model.TryGetCompetency(r.CompetencyId, out var competency))
            {
                errors.Add(new($"{path}.competency", r.CompetencyId is null
                    ? "is missing; a competency id is required"
                    : $"'{r.CompetencyId}' is not a competency of model '{model.Id}'"));
            }
            else if (!firstByCompetency.TryAdd(competency.Id.Value, i))
            {
                errors.Add(new($"{path}.competency", $"'{r.CompetencyId}' is already required by requirements[{firstByCompetency[competency.Id.Value]}]; each competency is listed once"));
            }
            else
            {
                resolved.Add((competency, r));
            }

            if (!scale.Contains(r.Target))
            {
                errors.Add(new($"{path}.target", $"{Guard.Format(r.Target)} is not on the scale {scale}; targets must be finite numbers in [{scale.Minimum}, {scale.Maximum}]"));
            }

            if (r.CriticalMinimum is { } minimum)
            {
                if (!scale.Contains(minimum))
                {
                    errors.Add(new($"{path}.criticalMinimum", $"{Guard.Format(minimum)} is not on the scale {scale}; critical minimums must be finite numbers in [{scale.Minimum}, {scale.Maximum}]"));
                }
                else if (minimum > r.Target)
                {
                    errors.Add(new($"{path}.criticalMinimum", $"{Guard.Format(minimum)} is above the target {Guard.Format(r.Target)}; a critical minimum cannot exceed the target"));
                }
            }

            if (!(double.IsFinite(r.Importance) && r.Importance >= 0))
            {
                errors.Add(new($"{path}.importance", $"{Guard.Format(r.Importance)} is not allowed; importance must be a finite number >= 0"));
            }
        }

        // Sum in model order, not insertion order, so the weights are bit-identical however the requirements were added.
        resolved.Sort((a, b) => model.Competencies.IndexOf(a.Competency).CompareTo(model.Competencies.IndexOf(b.Competency)));
        var total = 0.0;
        foreach (var (_, draft) in resolved)
        {
            // An importance that is not finite or negative has been reported above, and the total is used only when none was.
            total += draft.Importance;
        }

        if (errors.Count == 0 && !(total > 0 && double.IsFinite(total)))
        {
            errors.Add(new("requirements", double.IsFinite(total)
                ? "every importance is zero; at least one competency must have a positive importance"
                : "the importances add up to more than the largest finite number; use smaller values"));
        }

        if (errors.Count > 0)
        {
            throw new ReadinessValidationException($"role profile '{_id}'", errors);
        }

        var requirements = resolved.Select(x => new RoleRequirement(
            x.Competency, x.Draft.Target, x.Draft.CriticalMinimum, x.Draft.Importance, Weight.FromFraction(Math.Min(1.0, x.Draft.Importance / total))));
        return new RoleProfile(_id!, _name!, _description, model, [.. requirements]);
    }

    private readonly record struct Draft(string? CompetencyId, double Target, double Importance, double? CriticalMinimum);
}
