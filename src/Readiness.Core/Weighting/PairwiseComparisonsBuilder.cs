using Readiness.Competencies;

namespace Readiness.Weighting;

/// <summary>Collects pairwise judgements one at a time; <see cref="Build"/> validates them all at once.</summary>
/// <example>
/// <code>
/// var comparisons = new PairwiseComparisonsBuilder(["delegates", "develops-others", "technical-expertise"])
///     .Compare("delegates", "technical-expertise", 5)      // delegation matters 5× more
///     .Compare("develops-others", "technical-expertise", 3)
///     .Compare("delegates", "develops-others", 2)
///     .Build();
/// </code>
/// </example>
/// <remarks>A builder is mutable and not thread-safe.</remarks>
public sealed class PairwiseComparisonsBuilder
{
    private readonly List<string?> _ids;
    private readonly List<(string? More, string? Less, double Value)> _judgements = [];

    /// <summary>Initializes a new instance of the <see cref="PairwiseComparisonsBuilder"/> class.</summary>
    /// <param name="competencyIds">The competencies to compare, in the order results are reported.</param>
    /// <exception cref="ArgumentNullException"><paramref name="competencyIds"/> is null.</exception>
    public PairwiseComparisonsBuilder(IEnumerable<string> competencyIds)
    {
        ArgumentNullException.ThrowIfNull(competencyIds);
        _ids = [.. competencyIds];
    }

    /// <summary>Records that <paramref name="row"/> matters <paramref name="value"/> times as much as <paramref name="column"/>.</summary>
    /// <param name="row">A competency id.</param>
    /// <param name="column">Another competency id.</param>
    /// <param name="value">The ratio on Saaty's scale [1/9, 9]: 1 equal, 3 moderately, 5 strongly, 7 very strongly, 9 extremely more important.</param>
    /// <returns>This builder.</returns>
    public PairwiseComparisonsBuilder Compare(string? row, string? column, double value)
    {
        _judgements.Add((row, column, value));
        return this;
    }

    /// <summary>Validates the judgements and builds the matrix.</summary>
    /// <returns>The comparisons.</returns>
    /// <exception cref="ReadinessValidationException">
    /// More than <see cref="PairwiseComparisons.MaxCompetencies"/> competencies; or an id is invalid or repeated, a judgement
    /// names an unknown competency, compares a competency with itself, repeats a pair, or breaks a rule of
    /// <see cref="PairwiseComparisons"/> (range, NaN, connectivity), every problem listed.
    /// </exception>
    public PairwiseComparisons Build()
    {
        PairwiseComparisons.ThrowIfTooMany(_ids.Count);
        var index = new Dictionary<string, int>(Internal.IdRules.Comparer);
        for (var i = 0; i < _ids.Count; i++)
        {
            if (_ids[i] is { } id)
            {
                index.TryAdd(id, i);
            }
        }

        var errors = new List<ValidationError>();
        var judged = new HashSet<(int, int)>();
        var judgements = new List<(int Row, int Column, double Value)>();
        foreach (var (row, column, value) in _judgements)
        {
            var path = $"judgements[{row}, {column}]";
            if (row is null || column is null || !index.TryGetValue(row, out var i) || !index.TryGetValue(column, out var j))
            {
                var unknown = row is null || !index.ContainsKey(row) ? row : column;
                errors.Add(new(path, $"'{unknown}' is not one of the competencies compared ({string.Join(", ", _ids)})"));
            }
            else if (i == j)
            {
                errors.Add(new(path, "compares a competency with itself; judgements compare two different competencies"));
            }
            else if (!judged.Add((Math.Min(i, j), Math.Max(i, j))))
            {
                errors.Add(new(path, $"the pair {row} and {column} is already judged; judge each pair once"));
            }
            else
            {
                judgements.Add((i, j, value));
            }
        }

        return errors.Count == 0
            ? PairwiseComparisons.Create(_ids, judgements)
            : throw new ReadinessValidationException("pairwise comparisons", errors);
    }
}
