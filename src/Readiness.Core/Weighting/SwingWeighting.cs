using Readiness.Internal;

namespace Readiness.Weighting;

/// <summary>
/// Swing weighting: imagine each competency moving from the worst to the best level on the scale. The swing that matters
/// most gets 100; every other swing is rated 0–100 relative to it. Weights are the ratings divided by their total.
/// </summary>
/// <remarks>
/// Unlike direct points, swing ratings make the judge think about the range of the scale, which is what a weight in an
/// additive score multiplies. Exactly one anchor at 100 is not required, but at least one rating must be 100.
/// </remarks>
/// <threadsafety>Stateless; safe to share.</threadsafety>
public sealed class SwingWeighting : IWeightingStrategy<IEnumerable<KeyValuePair<string, double>>>
{
    /// <summary>The rating of the most important swing, which every other rating is relative to.</summary>
    public const double Anchor = 100;

    /// <inheritdoc/>
    public string Method => "swing";

    /// <summary>Turns swing ratings into weights.</summary>
    /// <param name="input">Competency id and swing rating in [0, 100]; the largest must be 100.</param>
    /// <returns>Ratings divided by their total.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="Competencies.ReadinessValidationException">An id is invalid or repeated, a rating is outside [0, 100] or NaN, or no rating is 100.</exception>
    public CompetencyWeights Weigh(IEnumerable<KeyValuePair<string, double>> input)
    {
        var (ids, swings) = WeightingInput.Read(input, "swings", static (v, errors, path) =>
        {
            if (!(v >= 0 && v <= Anchor))
            {
                errors.Add(new(path, $"{Guard.Format(v)} is not a swing rating; ratings are in [0, 100] relative to the most important swing at 100"));
            }
        });
        if (!swings.Contains(Anchor))
        {
            WeightingInput.Throw("swings for weighting", "swings", $"no swing is rated 100 (the largest is {Guard.Format(swings.Max())}); rate the most important swing 100 and the others relative to it");
        }

        return CompetencyWeights.Normalise(ids, swings);
    }
}
