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
        if (pairs.Length == 0)
        {
            errors.Add(new(name, "is empty; at least one competency is required"));
        }

        var firstIndex = new Dictionary<string, int>(IdRules.Comparer);
        for (var i = 0; i < pairs.Length; i++)
        {
            var path = $"{name}[{pairs[i].Key ?? "null"}]";
            var problem = IdRules.Check(pairs[i].Key);
            errors.AddProblem(path, problem);
            if (problem is null && !firstIndex.TryAdd(pairs[i].Key, i))
            {
                errors.Add(new(path, $"'{pairs[i].Key}' is listed twice; each competency is weighted once"));
            }

            check(pairs[i].Value, errors, path);
        }

        return errors.Count == 0
            ? ([.. pairs.Select(p => p.Key)], [.. pairs.Select(p => p.Value)])
            : throw new ReadinessValidationException($"{name} for weighting", errors);
    }

    public static void Throw(string subject, string path, string message) =>
        throw new ReadinessValidationException(subject, [new ValidationError(path, message)]);
}
