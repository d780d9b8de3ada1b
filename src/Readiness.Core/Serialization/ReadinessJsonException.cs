using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Readiness.Competencies;

namespace Readiness.Serialization;

/// <summary>
/// Thrown when <see cref="ReadinessJson"/> cannot read a document: it is not well-formed JSON, is over a
/// <see cref="JsonReadLimits"/> limit, has the wrong shape (unknown or repeated property, wrong value type), or describes
/// a model or role profile that breaks a rule. The message carries the JSON path and the rule broken, for every problem.
/// </summary>
/// <remarks>
/// <see cref="JsonException.Path"/> is the path of the first problem (e.g. <c>$.competencies[2].id</c>);
/// <see cref="Errors"/> lists all of them. Structural problems stop reading at the first one; rule violations in a
/// well-formed document are all reported together.
/// </remarks>
[SuppressMessage("Design", "CA1032:Implement standard exception constructors", Justification = "Always carries a path and a rule; created only by ReadinessJson.")]
public sealed class ReadinessJsonException : JsonException
{
    internal ReadinessJsonException(IReadOnlyList<ValidationError> errors, Exception? innerException = null)
        : base(BuildMessage(errors), errors[0].Path, null, null, innerException)
    {
        Errors = [.. errors];
    }

    internal ReadinessJsonException(string path, string rule, Exception? innerException = null)
        : this([new ValidationError(path, rule)], innerException)
    {
    }

    /// <summary>Gets every problem found, each with its JSON path (<c>$.requirements[0].target</c>) and rule.</summary>
    public ImmutableArray<ValidationError> Errors { get; }

    /// <summary>Gets the rule broken at <see cref="JsonException.Path"/>.</summary>
    public string Rule => Errors[0].Message;

    private static string BuildMessage(IReadOnlyList<ValidationError> errors) =>
        errors.Count == 1
            ? $"The JSON document is invalid at {errors[0]}"
            : $"The JSON document is invalid ({errors.Count} problems):{Environment.NewLine}- " + string.Join(Environment.NewLine + "- ", errors);
}
