using System.Collections.Frozen;
using System.Collections.Immutable;
using Readiness.Competencies;
using Readiness.Internal;

namespace Readiness.Weighting;

/// <summary>
/// A reciprocal matrix of pairwise judgements on Saaty's 1–9 scale: <c>[a, b] = 3</c> says competency a matters 3 times
/// as much as b for the role, and then <c>[b, a] = 1/3</c>. Judgements may be missing (an incomplete matrix) as long as
/// every competency is linked to every other through a chain of judgements.
/// </summary>
/// <remarks>
/// Judgements must be finite and within [1/9, 9] (a relative tolerance of 1e-9 admits rounded reciprocals such as
/// 0.111111111111111). When both [a, b] and [b, a] are given they must be reciprocal within a relative 1e-6; the matrix
/// then keeps one of them and its exact reciprocal. Create with <see cref="FromMatrix"/> or <see cref="PairwiseComparisonsBuilder"/>.
/// </remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed class PairwiseComparisons
{
    /// <summary>The smallest judgement on Saaty's scale, 1/9.</summary>
    public const double MinJudgement = 1.0 / 9;

    /// <summary>The largest judgement on Saaty's scale, 9.</summary>
    public const double MaxJudgement = 9;

    /// <summary>
    /// The most competencies compared: the largest order a published random-index table lists (Donegan and Dodd's 100).
    /// Beyond it no consistency ratio is defined, and nobody judges the 4,950 pairs it already takes.
    /// </summary>
    public const int MaxCompetencies = 100;

    private const double RangeTolerance = 1e-9;
    private const double ReciprocityTolerance = 1e-6;

    private readonly double[,] _matrix;
    private readonly FrozenDictionary<string, int> _index;

    private PairwiseComparisons(ImmutableArray<string> ids, double[,] matrix)
    {
        CompetencyIds = ids;
        _matrix = matrix;
        _index = WeightingInput.IndexById(ids);
        for (var i = 0; i < ids.Length; i++)
        {
            for (var j = i + 1; j < ids.Length; j++)
            {
                MissingJudgements += double.IsNaN(matrix[i, j]) ? 1 : 0;
            }
        }
    }

    /// <summary>Refuses more than <see cref="MaxCompetencies"/> competencies, before any work that grows with their square.</summary>
    internal static void ThrowIfTooMany(int count)
    {
        if (count > MaxCompetencies)
        {
            WeightingInput.Throw("pairwise comparisons", "competencies",
                $"there are {count} competencies; pairwise comparison takes at most {MaxCompetencies} (PairwiseComparisons.MaxCompetencies, the largest order a published random-index table lists). Weigh larger sets by domain first (DomainWeighting), or by points or rank");
        }
    }

    /// <summary>Gets the competency ids, in the order given.</summary>
    public ImmutableArray<string> CompetencyIds { get; }

    /// <summary>Gets the number of competencies compared (the matrix order).</summary>
    public int Count => CompetencyIds.Length;

    /// <summary>Gets the number of pairs without a judgement.</summary>
    public int MissingJudgements { get; }

    /// <summary>Gets a value indicating whether every pair has a judgement.</summary>
    public bool IsComplete => MissingJudgements == 0;

    /// <summary>Gets how many times as important <paramref name="row"/> is as <paramref name="column"/>.</summary>
    /// <param name="row">A competency id (case-insensitive).</param>
    /// <param name="column">A competency id (case-insensitive).</param>
    /// <returns>The judgement, 1 on the diagonal, or null when the pair was not judged.</returns>
    /// <exception cref="KeyNotFoundException">An id is not in the matrix.</exception>
    public double? this[string row, string column]
    {
        get
        {
            var value = _matrix[IndexOf(row), IndexOf(column)];
            return double.IsNaN(value) ? null : value;
        }
    }

    /// <summary>Creates the comparisons from a square matrix, e.g. read from a spreadsheet.</summary>
    /// <param name="competencyIds">The ids of the rows and columns, in order; valid and unique ignoring case.</param>
    /// <param name="matrix">
    /// The judgements: <c>matrix[i, j]</c> is how many times as important competency i is as j; null for a missing judgement.
    /// The diagonal must be 1 or null. A judgement given on one side only is completed with its reciprocal.
    /// </param>
    /// <returns>The comparisons.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ReadinessValidationException">
    /// More than <see cref="MaxCompetencies"/> competencies; the matrix is not square with one row per id, an id is invalid or repeated, a judgement is NaN, infinite, not positive,
    /// outside [1/9, 9] or not the reciprocal of its mirror, the diagonal is not 1, or the judgements leave competencies
    /// unconnected. Every problem is listed, naming the judgement as <c>judgements[row, column]</c>.
    /// </exception>
    public static PairwiseComparisons FromMatrix(IReadOnlyList<string> competencyIds, double?[,] matrix)
    {
        ArgumentNullException.ThrowIfNull(competencyIds);
        ArgumentNullException.ThrowIfNull(matrix);
        var n = competencyIds.Count;
        ThrowIfTooMany(n);
        if (matrix.GetLength(0) != n || matrix.GetLength(1) != n)
        {
            WeightingInput.Throw("pairwise comparisons", "judgements", $"the matrix is {matrix.GetLength(0)}×{matrix.GetLength(1)} but there are {n} competencies; it must be {n}×{n}");
        }

        var judgements = new List<(int Row, int Column, double Value)>();
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                if (matrix[i, j] is { } value)
                {
                    judgements.Add((i, j, value));
                }
            }
        }

        return Create(competencyIds, judgements);
    }

    /// <summary>Validates ids and judgements and assembles the reciprocal matrix; shared by <see cref="FromMatrix"/> and the builder.</summary>
    internal static PairwiseComparisons Create(IReadOnlyList<string?> competencyIds, IReadOnlyList<(int Row, int Column, double Value)> judgements)
    {
        var errors = new List<ValidationError>();
        var n = competencyIds.Count;
        WeightingInput.CheckIds(competencyIds, "competencies", i => $"competencies[{i}]", errors);

        if (errors.Count > 0)
        {
            throw new ReadinessValidationException("pairwise comparisons", errors);
        }

        var ids = competencyIds.Select(id => id!).ToImmutableArray();
        var rank = new int[n];
        var canonical = CompetencyWeights.CanonicalOrder(ids);
        for (var k = 0; k < n; k++)
        {
            rank[canonical[k]] = k;
        }

        var matrix = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                matrix[i, j] = i == j ? 1 : double.NaN;
            }
        }

        var offDiagonal = new List<(int Row, int Column, double Value, string Path)>();
        foreach (var (row, column, value) in judgements)
        {
            var path = $"judgements[{ids[row]}, {ids[column]}]";
            if (!(double.IsFinite(value) && value > 0))
            {
                errors.Add(new(path, $"{Guard.Format(value)} is not a judgement; judgements are positive ratios on Saaty's scale [1/9, 9]"));
            }
            else if (value < MinJudgement * (1 - RangeTolerance) || value > MaxJudgement * (1 + RangeTolerance))
            {
                errors.Add(new(path, $"{Guard.Format(value)} is outside Saaty's scale [1/9, 9]; 9 means extremely more important, 1/9 extremely less"));
            }
            else if (row == column)
            {
                if (Math.Abs(value - 1) > ReciprocityTolerance)
                {
                    errors.Add(new(path, $"{Guard.Format(value)} is on the diagonal; a competency compared with itself must be 1"));
                }
            }
            else
            {
                offDiagonal.Add((row, column, value, path));
            }
        }

        // Store each judgement exactly as given, with its reciprocal, taking first those given in canonical orientation
        // (earlier id in ordinal order as the row): which triangle of a full matrix is read first then cannot change a bit
        // of the result (1 / (1 / x) is not always x). A judgement of a pair already stored only has to agree.
        foreach (var (row, column, value, path) in offDiagonal.OrderBy(j => rank[j.Row] < rank[j.Column] ? 0 : 1))
        {
            if (double.IsNaN(matrix[row, column]))
            {
                matrix[row, column] = value;
                matrix[column, row] = 1 / value;
            }
            else if (Math.Abs((matrix[row, column] / value) - 1) > ReciprocityTolerance)
            {
                // A rounded reciprocal (0.333 against 3) misses by more than the tolerance but is plainly meant as one.
                var rounded = Math.Abs((matrix[row, column] / value) - 1) < 0.01 ? "; write the reciprocal as a fraction (1/3), not a rounded decimal" : string.Empty;
                errors.Add(new(path, $"{Guard.Format(value)} contradicts judgements[{ids[column]}, {ids[row]}] = {Guard.Format(matrix[column, row])}; the two must be reciprocal (a[i,j] × a[j,i] = 1){rounded}"));
            }
        }

        if (errors.Count == 0)
        {
            CheckConnected(ids, matrix, errors);
        }

        return errors.Count == 0 ? new PairwiseComparisons(ids, matrix) : throw new ReadinessValidationException("pairwise comparisons", errors);
    }

    /// <summary>Gets the matrix in the given order; missing judgements are NaN. Internal: callers must not modify it.</summary>
    internal double[,] Matrix => _matrix;

    private static void CheckConnected(ImmutableArray<string> ids, double[,] matrix, List<ValidationError> errors)
    {
        var n = ids.Length;
        var group = new int[n];
        Array.Fill(group, -1);
        var groups = new List<List<string>>();
        for (var start = 0; start < n; start++)
        {
            if (group[start] >= 0)
            {
                continue;
            }

            var members = new List<string>();
            var stack = new Stack<int>([start]);
            group[start] = groups.Count;
            while (stack.Count > 0)
            {
                var i = stack.Pop();
                members.Add(ids[i]);
                for (var j = 0; j < n; j++)
                {
                    if (group[j] < 0 && !double.IsNaN(matrix[i, j]))
                    {
                        group[j] = groups.Count;
                        stack.Push(j);
                    }
                }
            }

            groups.Add(members);
        }

        if (groups.Count > 1)
        {
            errors.Add(new("judgements", $"the judgements fall into {groups.Count} unconnected groups: "
                + string.Join(" and ", groups.Select(g => "{" + string.Join(", ", g) + "}"))
                + "; add a judgement linking each group to another so the weights can be compared"));
        }
    }

    private int IndexOf(string id) =>
        id is not null && _index.TryGetValue(id, out var i)
            ? i
            : throw new KeyNotFoundException($"Competency '{id}' is not in the comparisons; they compare {string.Join(", ", CompetencyIds)}.");
}
