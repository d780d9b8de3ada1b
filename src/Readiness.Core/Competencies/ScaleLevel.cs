using Readiness.Internal;

namespace Readiness.Competencies;

/// <summary>One level of a proficiency scale: its number, a short label and what the level means in general.</summary>
/// <remarks>
/// The general description applies to every competency; each competency adds its own behavioural anchor for the level
/// (see <see cref="Competency.Anchors"/>), which is what raters read when they choose a rating.
/// </remarks>
public sealed class ScaleLevel
{
    /// <summary>Initializes a new instance of the <see cref="ScaleLevel"/> class.</summary>
    /// <param name="value">The level's number on the scale, e.g. 3.</param>
    /// <param name="label">A short label, e.g. <c>Proficient</c>; at most 200 characters.</param>
    /// <param name="description">What the level means for any competency; at most 4000 characters.</param>
    /// <exception cref="ArgumentNullException"><paramref name="label"/> or <paramref name="description"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="label"/> or <paramref name="description"/> is blank or too long.</exception>
    public ScaleLevel(int value, string label, string description)
    {
        Value = value;
        Label = CheckText(value, label, TextRules.MaxNameLength, nameof(label));
        Description = CheckText(value, description, TextRules.MaxTextLength, nameof(description));
    }

    /// <summary>Gets the level's number on the scale.</summary>
    public int Value { get; }

    /// <summary>Gets the short label.</summary>
    public string Label { get; }

    /// <summary>Gets what the level means for any competency.</summary>
    public string Description { get; }

    /// <summary>Returns <c>value – label</c>.</summary>
    /// <returns>The level as text.</returns>
    public override string ToString() => $"{Value} – {Label}";

    private static string CheckText(int value, string text, int maxLength, string paramName)
    {
        ArgumentNullException.ThrowIfNull(text, paramName);
        var problem = TextRules.CheckRequired(text, maxLength);
        return problem is null ? text : throw new ArgumentException($"The {paramName} of scale level {value} {problem}.", paramName);
    }
}
