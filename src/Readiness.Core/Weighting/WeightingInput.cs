using System.Collections.Frozen;
using System.Collections.Immutable;
using Readiness.Competencies;
using Readiness.Internal;

namespace Readiness.Weighting;

/// <summary>Reads and validates id–value inputs shared by the weighting strategies: every problem is reported at once.</summary>
internal static class WeightingInput
{
    public delegate void ValueCheck<T>(T value, List<ValidationError> errors, string path);

    public static (ImmutableArray<string> Ids, T[] Values) Read<T>(IEnumerable<KeyValuePair<string, T>>? input, string name, ValueCheck<T> check)
    {
        ArgumentNullException.ThrowIfNull(input, name);
        var pairs = input.ToArray();
        var errors = new List<ValidationError>();
        string PathOf(int i) => $"{name}[{pairs[i].Key ?? "null"}]";
        CheckIds([.. pairs.Select(p => p.Key)], name, PathOf, errors);
        for (var i = 0; i < pairs.Length; i++)
        {
            check(pairs[i].Value, errors, PathOf(i));
        }

        return errors.Count == 0
            ? ([.. pairs.Select(p => p.Key)], [.. pairs.Select(p => p.Value)])
            : throw new ReadinessValidationException($"{name} for weighting", errors);
    }

    /// <summary>Reports an empty list, invalid ids and ids repeated (ignoring case), each at <paramref name="pathOf"/>(index).</summary>
    public static void CheckIds(IReadOnlyList<string?> ids, string listPath, Func<int, string> pathOf, List<ValidationError> errors)
    {
        if (ids.Count == 0)
        {
            errors.Add(new(listPath, "is empty; at least one competency is required"));
        }

        var seen = new HashSet<string>(IdRules.Comparer);
        for (var i = 0; i < ids.Count; i++)
        {
            var problem = IdRules.Check(ids[i]);
            errors.AddProblem(pathOf(i), problem);
            if (problem is null && !seen.Add(ids[i]!))
            {
                errors.Add(new(pathOf(i), $"'{ids[i]}' is listed twice; each competency appears once"));
            }
        }
    }

    /// <summary>Maps each id (ignoring case) to its position.</summary>
    public static FrozenDictionary<string, int> IndexById(IReadOnlyList<string> ids) =>
        ids.Select((id, i) => KeyValuePair.Create(id, i)).ToFrozenDictionary(IdRules.Comparer);

    public static void Throw(string subject, string path, string message) =>
        throw new ReadinessValidationException(subject, [new ValidationError(path, message)]);
}
