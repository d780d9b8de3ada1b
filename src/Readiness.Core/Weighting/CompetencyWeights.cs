using System.Collections;
using System.Collections.Frozen;
using System.Collections.Immutable;
using Readiness.Competencies;
using Readiness.Internal;

namespace Readiness.Weighting;

/// <summary>
/// Normalised weights keyed by competency id: every weight is non-negative and they sum to 1. Produced by a
/// <see cref="IWeightingStrategy{TInput}"/>; applied to a role with <see cref="RoleProfileWeighting.WithWeights"/>.
/// </summary>
/// <remarks>
/// Enumerates in the order the competencies were given. Lookups ignore case, like competency ids. Normalisation sums in
/// ordinal id order, so the same judgements given in any order give bit-identical weights.
/// </remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix", Justification = "Weights are a domain term; 'WeightsCollection' would say less.")]
public sealed class CompetencyWeights : IReadOnlyCollection<KeyValuePair<string, Weight>>
{
    private readonly ImmutableArray<double> _fractions;
    private readonly FrozenDictionary<string, int> _index;

    private CompetencyWeights(ImmutableArray<string> ids, ImmutableArray<double> fractions)
    {
        CompetencyIds = ids;
        _fractions = fractions;
        _index = WeightingInput.IndexById(ids);
    }

    /// <summary>Gets the competency ids, in the order they were given.</summary>
    public ImmutableArray<string> CompetencyIds { get; }

    /// <summary>Gets the number of competencies weighted.</summary>
    public int Count => CompetencyIds.Length;

    /// <summary>Gets the weight of a competency.</summary>
    /// <param name="competencyId">The competency id (case-insensitive).</param>
    /// <returns>The weight.</returns>
    /// <exception cref="KeyNotFoundException">The competency is not weighted here.</exception>
    public Weight this[string competencyId] =>
        TryGetWeight(competencyId, out var weight)
            ? weight
            : throw new KeyNotFoundException($"Competency '{competencyId}' is not weighted here; the weighted competencies are {string.Join(", ", CompetencyIds)}.");

    /// <summary>Creates weights from fractions that already sum to 1 (within 1e-9), e.g. read from a file; they are renormalised exactly.</summary>
    /// <param name="fractions">Competency id and fraction pairs: valid unique ids, finite non-negative fractions.</param>
    /// <returns>The weights.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="fractions"/> is null.</exception>
    /// <exception cref="ReadinessValidationException">An id is invalid or repeated, a fraction is negative or not finite, or the fractions do not sum to 1.</exception>
    public static CompetencyWeights FromFractions(IEnumerable<KeyValuePair<string, double>> fractions)
    {
        var (ids, values) = WeightingInput.Read(fractions, "fractions", (v, errors, path) =>
        {
            if (!(double.IsFinite(v) && v >= 0))
            {
                errors.Add(new(path, $"{Guard.Format(v)} is not a weight; weights must be finite and >= 0"));
            }
        });
        var total = values.Sum();
        if (Math.Abs(total - 1) > 1e-9)
        {
            throw new ReadinessValidationException("competency weights", [new ValidationError("fractions", $"the fractions sum to {Guard.Format(total)}; weights must sum to 1 (within 1e-9)")]);
        }

        return Normalise(ids, values);
    }

    /// <summary>Gets the weight of a competency, if it is weighted here.</summary>
    /// <param name="competencyId">The competency id (case-insensitive).</param>
    /// <param name="weight">The weight, or <see cref="Weight.Zero"/> when the competency is not weighted here.</param>
    /// <returns>True when the competency is weighted here.</returns>
    public bool TryGetWeight(string? competencyId, out Weight weight)
    {
        if (competencyId is not null && _index.TryGetValue(competencyId, out var i))
        {
            weight = Weight.FromFraction(_fractions[i]);
            return true;
        }

        weight = Weight.Zero;
        return false;
    }

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, Weight>> GetEnumerator()
    {
        for (var i = 0; i < CompetencyIds.Length; i++)
        {
            yield return KeyValuePair.Create(CompetencyIds[i], Weight.FromFraction(_fractions[i]));
        }
    }

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Returns the weights as <c>id 12.5%, id 87.5%</c>.</summary>
    /// <returns>The weights as text.</returns>
    public override string ToString() => string.Join(", ", this.Select(p => $"{p.Key} {p.Value}"));

    /// <summary>
    /// Divides non-negative values by their total. The total is summed in ordinal id order so that the result does not
    /// depend on the order the competencies were given in. The caller guarantees a positive finite total.
    /// </summary>
    internal static CompetencyWeights Normalise(ImmutableArray<string> ids, IReadOnlyList<double> values)
    {
        var total = 0.0;
        foreach (var i in CanonicalOrder(ids))
        {
            // Every strategy validates its input first, so a value that is negative or not finite is a defect here; refusing
            // it keeps a sign error upstream from cancelling out in the division.
            if (!(values[i] >= 0 && double.IsFinite(values[i])))
            {
                throw new InvalidOperationException($"Raw weight {Guard.Format(values[i])} for '{ids[i]}' is not finite and >= 0; this is a defect in the weighting strategy.");
            }

            total += values[i];
        }

        if (!(total > 0 && double.IsFinite(total)))
        {
            throw new InvalidOperationException($"Raw weights total {Guard.Format(total)}; a strategy must give a positive finite total.");
        }

        var fractions = new double[values.Count];
        for (var i = 0; i < fractions.Length; i++)
        {
            fractions[i] = Math.Min(1.0, values[i] / total);
        }

        return new CompetencyWeights(ids, [.. fractions]);
    }

    /// <summary>Indices of <paramref name="ids"/> sorted by id, ordinal and ignoring case: the order computations run in.</summary>
    internal static int[] CanonicalOrder(IReadOnlyList<string> ids)
    {
        var order = Enumerable.Range(0, ids.Count).ToArray();
        Array.Sort(order, (a, b) => IdRules.Comparer.Compare(ids[a], ids[b]));
        return order;
    }
}
