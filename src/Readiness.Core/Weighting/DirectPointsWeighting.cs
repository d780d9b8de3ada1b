using Readiness.Internal;

namespace Readiness.Weighting;

/// <summary>
/// Direct points: each competency gets points (e.g. 100 points shared out, or 1–10 each) and the weights are the points
/// divided by their total. Only ratios matter, so multiplying every allocation by the same factor changes nothing.
/// </summary>
/// <threadsafety>Stateless; safe to share.</threadsafety>
public sealed class DirectPointsWeighting : IWeightingStrategy<IEnumerable<KeyValuePair<string, double>>>
{
    /// <inheritdoc/>
    public string Method => "direct points";

    /// <summary>Normalises points into weights.</summary>
    /// <param name="input">Competency id and points: finite, non-negative, not all zero.</param>
    /// <returns>Points divided by their total.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="Competencies.ReadinessValidationException">
    /// An id is invalid or repeated, points are negative, NaN or infinite, every allocation is zero, or the total overflows.
    /// </exception>
    public CompetencyWeights Weigh(IEnumerable<KeyValuePair<string, double>> input)
    {
        var (ids, points) = WeightingInput.Read(input, "points", static (v, errors, path) =>
        {
            if (!(double.IsFinite(v) && v >= 0))
            {
                errors.Add(new(path, $"{Guard.Format(v)} points is not allowed; points must be finite and >= 0"));
            }
        });
        var total = points.Sum();
        if (!(total > 0 && double.IsFinite(total)))
        {
            WeightingInput.Throw("points for weighting", "points", total == 0
                ? "every competency has 0 points; at least one must have more"
                : "the points add up to more than the largest finite number; use smaller values");
        }

        return CompetencyWeights.Normalise(ids, points);
    }
}
