namespace Readiness.Weighting;

/// <summary>Turns one way of expressing priorities (points, a ranking, swings, pairwise judgements) into normalised weights.</summary>
/// <typeparam name="TInput">The judgements the strategy reads.</typeparam>
/// <remarks>Implementations are stateless and thread-safe, so one instance can be shared (registered as a singleton).</remarks>
public interface IWeightingStrategy<in TInput>
{
    /// <summary>Gets the method's name as shown in reports, e.g. <c>rank-order centroid</c>.</summary>
    string Method { get; }

    /// <summary>Computes the weights.</summary>
    /// <param name="input">The judgements.</param>
    /// <returns>Non-negative weights summing to 1, one per competency in the input, in input order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="Competencies.ReadinessValidationException">The input breaks a rule of the strategy; every problem is listed.</exception>
    CompetencyWeights Weigh(TInput input);
}
