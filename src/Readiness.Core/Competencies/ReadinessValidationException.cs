using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace Readiness.Competencies;

/// <summary>
/// Thrown when a competency model, proficiency scale or role profile breaks one or more rules; lists every broken rule at once.
/// </summary>
/// <remarks>
/// Builders validate the whole object graph before throwing, so a caller fixes all problems in one pass instead of
/// discovering them one at a time. Derives from <see cref="ArgumentException"/> because the input to the builder is at fault.
/// </remarks>
[SuppressMessage("Design", "CA1032:Implement standard exception constructors", Justification = "Always carries the list of errors; a message-only constructor would lose them.")]
public sealed class ReadinessValidationException : ArgumentException
{
    /// <summary>Initializes a new instance of the <see cref="ReadinessValidationException"/> class.</summary>
    /// <param name="subject">What was being validated, e.g. <c>competency model 'core-leadership'</c>.</param>
    /// <param name="errors">The broken rules; at least one.</param>
    /// <exception cref="ArgumentException"><paramref name="errors"/> is empty.</exception>
    public ReadinessValidationException(string subject, IEnumerable<ValidationError> errors)
        : this(subject, (errors ?? throw new ArgumentNullException(nameof(errors))).ToImmutableArray())
    {
    }

    private ReadinessValidationException(string subject, ImmutableArray<ValidationError> errors)
        : base(BuildMessage(subject, errors))
    {
        Subject = subject;
        Errors = errors;
    }

    /// <summary>Gets what was being validated.</summary>
    public string Subject { get; }

    /// <summary>Gets every broken rule, in the order the elements appear.</summary>
    public ImmutableArray<ValidationError> Errors { get; }

    /// <summary>How many problems the message lists.</summary>
    private const int ListedInMessage = 20;

    private static string BuildMessage(string subject, ImmutableArray<ValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (errors.IsEmpty)
        {
            throw new ArgumentException("At least one validation error is required.", nameof(errors));
        }

        // The message lists the first problems; Errors holds every one (a 100 × 100 matrix of rounded reciprocals made a
        // message of 620,000 characters).
        var noun = errors.Length == 1 ? "problem" : "problems";
        var more = errors.Length > ListedInMessage ? $"{Environment.NewLine}- … and {errors.Length - ListedInMessage} more (Errors lists every one)" : string.Empty;
        return $"The {subject} is invalid ({errors.Length} {noun}):{Environment.NewLine}- "
            + string.Join(Environment.NewLine + "- ", errors.Take(ListedInMessage)) + more;
    }
}
