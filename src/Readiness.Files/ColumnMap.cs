using System.Diagnostics.CodeAnalysis;

namespace Readiness.Files;

/// <summary>
/// The ratings columns under the names an export gives them (<c>--columns ratee=employee_id,value=score</c>): each of
/// ratee, rater, source, competency, value and cycle at most once, matched to the header without regard to case.
/// </summary>
public sealed class ColumnMap
{
    /// <summary>The ratings fields, by their own names.</summary>
    private static readonly string[] Fields = ["ratee", "rater", "source", "competency", "value", "cycle"];

    private readonly Dictionary<string, string> _byField;

    private ColumnMap(Dictionary<string, string> byField, SourceValues sources) => (_byField, Sources) = (byField, sources);

    /// <summary>Gets the export's own words for the rater sources; default <see cref="SourceValues.None"/>.</summary>
    public SourceValues Sources { get; }

    /// <summary>Gets the identity map: every column under its own name.</summary>
    public static ColumnMap None { get; } = new(new Dictionary<string, string>(StringComparer.Ordinal), SourceValues.None);

    /// <summary>Reads a map written <c>field=column[,field=column…]</c>.</summary>
    /// <param name="text">The map, e.g. <c>ratee=employee_id,value=score</c>.</param>
    /// <returns>The map.</returns>
    /// <exception cref="FormatException">The text is not a map; the message says why.</exception>
    public static ColumnMap Parse(string text) =>
        TryParse(text, out var map, out var problem) ? map : throw new FormatException($"'{text}' is not a column map: {problem}.");

    /// <summary>Reads a map written <c>field=column[,field=column…]</c>, or says why the text is not one.</summary>
    /// <param name="text">The map, e.g. <c>ratee=employee_id,value=score</c>.</param>
    /// <param name="map">The map, when the text is one.</param>
    /// <param name="problem">Why the text is not a map (a pair that is not field=column, a field that is not one, a field or column twice).</param>
    /// <returns>Whether the text is a map.</returns>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ColumnMap? map, [NotNullWhen(false)] out string? problem)
    {
        (map, problem) = Read(text ?? string.Empty);
        return map is not null;
    }

    private static (ColumnMap? Map, string? Problem) Read(string text)
    {
        var byField = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length > 2 || (parts.Length == 2 && (parts[1].Contains(';', StringComparison.Ordinal) || parts[1].Contains('=', StringComparison.Ordinal))))
            {
                return (null, $"'{pair}' holds more than one pair; separate the pairs with commas (ratee=employee_id,value=score)");
            }

            if (parts.Length != 2 || parts[1].Length == 0)
            {
                return (null, $"'{pair}' is not field=column; write for example ratee=employee_id,value=score");
            }

            var field = parts[0].ToLowerInvariant();
            if (!Fields.Contains(field))
            {
                return (null, $"'{parts[0]}' is not a ratings field; the fields are {string.Join(", ", Fields)}");
            }

            if (!byField.TryAdd(field, parts[1]))
            {
                return (null, $"{field} is mapped twice");
            }
        }

        var shared = byField.GroupBy(p => p.Value, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        return shared is null ? (new ColumnMap(byField, SourceValues.None), null) : (null, $"column '{shared.Key}' is mapped to both {string.Join(" and ", shared.Select(p => p.Key))}");
    }

    /// <summary>The same columns, with the export's own words for the rater sources.</summary>
    /// <param name="sources">The words.</param>
    /// <returns>The map.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sources"/> is null.</exception>
    public ColumnMap WithSources(SourceValues sources) => new(_byField, sources ?? throw new ArgumentNullException(nameof(sources)));

    /// <summary>Whether the map names a column for <paramref name="field"/>.</summary>
    internal bool Maps(string field) => _byField.ContainsKey(field);

    /// <summary>The column name the file uses for a field.</summary>
    /// <param name="field">ratee, rater, source, competency, value or cycle.</param>
    /// <returns>The column's name.</returns>
    public string NameOf(string field) => _byField.TryGetValue(field, out var name) ? name : field;

    /// <summary>The field a header name stands for (lower case), or the name itself, lower case, when it maps to none.</summary>
    /// <param name="header">A column's name in the header.</param>
    /// <returns>The field, or the name.</returns>
    public string FieldOf(string header)
    {
        foreach (var (field, name) in _byField)
        {
            if (string.Equals(name, header, StringComparison.OrdinalIgnoreCase))
            {
                return field;
            }
        }

        // A column under a field's own name that the map gave to another column is not that field any more.
        var lower = header.ToLowerInvariant();
        return _byField.ContainsKey(lower) ? $"({lower})" : lower;
    }
}

