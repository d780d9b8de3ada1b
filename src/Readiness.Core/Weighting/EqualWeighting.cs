namespace Readiness.Weighting;

/// <summary>Gives every competency the same weight, 1/n: the honest default when nobody has stated priorities.</summary>
/// <threadsafety>Stateless; safe to share.</threadsafety>
public sealed class EqualWeighting : IWeightingStrategy<IEnumerable<string>>
{
    /// <inheritdoc/>
    public string Method => "equal";

    /// <summary>Weighs the competencies equally.</summary>
    /// <param name="input">The competency ids: valid, unique ignoring case, at least one.</param>
    /// <returns>1/n for each competency.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="Competencies.ReadinessValidationException">An id is invalid or repeated, or there are none.</exception>
    public CompetencyWeights Weigh(IEnumerable<string> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (ids, values) = WeightingInput.Read(input.Select(id => KeyValuePair.Create(id, 1.0)), "competencies", static (_, _, _) => { });
        return CompetencyWeights.Normalise(ids, values);
    }
}
