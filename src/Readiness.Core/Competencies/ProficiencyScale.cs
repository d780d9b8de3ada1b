using System.Collections.Immutable;

namespace Readiness.Competencies;

/// <summary>An ordered rating scale of consecutive integer levels, each with a label and a general description.</summary>
/// <remarks>
/// A scale has 2 to 11 levels numbered consecutively (e.g. 1–5 or 0–10), with labels unique ignoring case.
/// Ratings and role targets are real numbers within [<see cref="Minimum"/>, <see cref="Maximum"/>]: calibrated estimates
/// fall between levels. <see cref="Default"/> is the library's 1–5 scale.
/// </remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed class ProficiencyScale
{
    /// <summary>The fewest levels a scale may have.</summary>
    public const int MinLevels = 2;

    /// <summary>The most levels a scale may have.</summary>
    public const int MaxLevels = 11;

    private ProficiencyScale(ImmutableArray<ScaleLevel> levels) => Levels = levels;

    /// <summary>Gets the library's default 1–5 scale, from "Not yet shown" to "Role model".</summary>
    public static ProficiencyScale Default { get; } = Create(
    [
        new ScaleLevel(1, "Not yet shown", "The behaviour is rarely seen, or its absence causes problems that others have to fix."),
        new ScaleLevel(2, "Developing", "The behaviour appears inconsistently, or only with prompting and support."),
        new ScaleLevel(3, "Proficient", "The behaviour is shown reliably in familiar situations without prompting."),
        new ScaleLevel(4, "Advanced", "The behaviour is shown reliably in difficult, ambiguous or high-stakes situations."),
        new ScaleLevel(5, "Role model", "The behaviour is shown at a level others learn from; it shapes how the wider team works."),
    ]);

    /// <summary>Gets the levels in ascending order of value.</summary>
    public ImmutableArray<ScaleLevel> Levels { get; }

    /// <summary>Gets the lowest level's value.</summary>
    public int Minimum => Levels[0].Value;

    /// <summary>Gets the highest level's value.</summary>
    public int Maximum => Levels[^1].Value;

    /// <summary>Creates a scale from its levels, given in any order.</summary>
    /// <param name="levels">The levels: 2 to 11 of them, consecutive integer values, unique labels.</param>
    /// <returns>The scale, levels sorted by value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="levels"/> or one of its elements is null.</exception>
    /// <exception cref="ReadinessValidationException">The levels break a rule; every broken rule is listed.</exception>
    public static ProficiencyScale Create(IEnumerable<ScaleLevel> levels)
    {
        ArgumentNullException.ThrowIfNull(levels);
        var given = levels.ToImmutableArray();
        for (var i = 0; i < given.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(given[i], $"{nameof(levels)}[{i}]");
        }

        var errors = Validate(given);
        if (errors.Count > 0)
        {
            throw new ReadinessValidationException("proficiency scale", errors);
        }

        return new ProficiencyScale([.. given.OrderBy(l => l.Value)]);
    }

    /// <summary>Tells whether a rating or target lies on the scale: finite and within [<see cref="Minimum"/>, <see cref="Maximum"/>].</summary>
    /// <param name="value">The value to test.</param>
    /// <returns>True when the value is on the scale; false for NaN, infinities and values outside it.</returns>
    public bool Contains(double value) => value >= Minimum && value <= Maximum;

    /// <summary>Gets the level with the given value.</summary>
    /// <param name="value">A level's value, in [<see cref="Minimum"/>, <see cref="Maximum"/>].</param>
    /// <returns>The level.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is not a level of this scale.</exception>
    public ScaleLevel GetLevel(int value) =>
        value >= Minimum && value <= Maximum
            ? Levels[value - Minimum]
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"Level {value} is not on the scale {this}; levels run from {Minimum} to {Maximum}.");

    /// <summary>Returns the scale's range and labels, e.g. <c>1–5 (Not yet shown … Role model)</c>.</summary>
    /// <returns>The scale as text.</returns>
    public override string ToString() => $"{Minimum}–{Maximum} ({Levels[0].Label} … {Levels[^1].Label})";

    /// <summary>Lists the rules that a set of levels breaks, with paths relative to the scale (<c>levels[2].label</c>).</summary>
    internal static List<ValidationError> Validate(IReadOnlyList<ScaleLevel> levels, string path = "levels")
    {
        var errors = new List<ValidationError>();
        if (levels.Count is < MinLevels or > MaxLevels)
        {
            errors.Add(new(path, $"the scale has {levels.Count} levels; a scale needs {MinLevels} to {MaxLevels}"));
        }

        var firstIndexByValue = new Dictionary<int, int>();
        var firstIndexByLabel = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < levels.Count; i++)
        {
            if (!firstIndexByValue.TryAdd(levels[i].Value, i))
            {
                errors.Add(new($"{path}[{i}].value", $"level {levels[i].Value} is already defined by {path}[{firstIndexByValue[levels[i].Value]}]; level values must be unique"));
            }

            if (!firstIndexByLabel.TryAdd(levels[i].Label, i))
            {
                errors.Add(new($"{path}[{i}].label", $"label '{levels[i].Label}' is already used by {path}[{firstIndexByLabel[levels[i].Label]}]; labels must be unique (ignoring case)"));
            }
        }

        if (firstIndexByValue.Count >= 2)
        {
            var min = firstIndexByValue.Keys.Min();
            var max = firstIndexByValue.Keys.Max();
            if ((long)max - min + 1 != firstIndexByValue.Count)
            {
                var missing = Enumerable.Range(min, (int)Math.Min((long)max - min, 50)).Where(v => !firstIndexByValue.ContainsKey(v));
                errors.Add(new(path, $"level values must be consecutive integers; between {min} and {max} the scale lacks {string.Join(", ", missing)}"));
            }
        }

        return errors;
    }
}
