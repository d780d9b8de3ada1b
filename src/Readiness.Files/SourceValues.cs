using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using Readiness.Evidence;
using Readiness.Serialization;

namespace Readiness.Files;

/// <summary>
/// An export's own words for the rater sources (<c>--source-values "Line Manager=manager,360 Peer=peer"</c>): each of its
/// values, matched without regard to case, stands for a source; any other value is read by its wire name
/// (<c>direct-report</c>, or a spelling such as <c>DirectReport</c>).
/// </summary>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed class SourceValues
{
    private readonly FrozenDictionary<string, RaterSource> _byValue;

    private SourceValues(FrozenDictionary<string, RaterSource> byValue) => _byValue = byValue;

    /// <summary>Gets the empty map: every value is read by its wire name.</summary>
    public static SourceValues None { get; } = new(FrozenDictionary<string, RaterSource>.Empty);

    /// <summary>Reads a map written <c>value=source[,value=source…]</c>.</summary>
    /// <param name="text">The map, e.g. <c>Line Manager=manager,360 Peer=peer</c>.</param>
    /// <returns>The map.</returns>
    /// <exception cref="FormatException">The text is not a map; the message says why.</exception>
    public static SourceValues Parse(string text) =>
        TryParse(text, out var values, out var problem) ? values : throw new FormatException($"'{text}' is not a map of source values: {problem}.");

    /// <summary>Reads a map written <c>value=source[,value=source…]</c>, or says why the text is not one.</summary>
    /// <param name="text">The map.</param>
    /// <param name="values">The map, when the text is one.</param>
    /// <param name="problem">Why the text is not a map (a pair that is not value=source, a source that is not one, a value twice).</param>
    /// <returns>Whether the text is a map.</returns>
    public static bool TryParse(string? text, [NotNullWhen(true)] out SourceValues? values, [NotNullWhen(false)] out string? problem)
    {
        values = null;
        var byValue = new Dictionary<string, RaterSource>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in (text ?? string.Empty).Split(',', StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0)
            {
                problem = $"'{CsvCells.Shown(pair)}' is not value=source; write for example Line Manager=manager";
                return false;
            }

            if (!WireNames.TryParse(parts[1], out RaterSource source))
            {
                problem = $"'{CsvCells.Shown(parts[1])}' is not a source; the sources are {string.Join(", ", Enum.GetValues<RaterSource>().Select(WireNames.Of))}";
                return false;
            }

            if (!byValue.TryAdd(parts[0], source))
            {
                problem = $"'{CsvCells.Shown(parts[0])}' is mapped twice";
                return false;
            }
        }

        values = new SourceValues(byValue.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase));
        problem = null;
        return true;
    }

    /// <summary>The source a cell of the source column stands for: the export's own word, else a wire name.</summary>
    /// <param name="value">The cell.</param>
    /// <param name="source">The source.</param>
    /// <returns>Whether the cell names a source.</returns>
    public bool TryGetSource(string? value, out RaterSource source)
    {
        source = default;
        return value is not null && (_byValue.TryGetValue(value, out source) || WireNames.TryParse(value, out source));
    }
}
