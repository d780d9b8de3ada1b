using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Readiness.Evidence;
using Readiness.Internal;

namespace Readiness.Calibration;

/// <summary>The outcome of a calibration: every person's calibrated levels and how they were produced.</summary>
/// <remarks>
/// Estimates are on the model's original scale and are reported for the "other raters" reference: the level an average
/// rater other than the person themselves would give, so self-ratings never lift a person's estimate. A caller never has
/// to guess how a number was produced: the method, the algorithm, iterations, convergence and warnings travel with it.
/// </remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed class CalibrationResult
{
    // Built on first lookup: most callers read the arrays, and a fit should not pay for hashing every key.
    private Dictionary<(RateeId, string), int>? _estimateIndex;
    private Dictionary<RaterId, int>? _raterIndex;

    internal CalibrationResult(
        CalibrationMethod method,
        string algorithm,
        ImmutableArray<CompetencyEstimate> estimates,
        ImmutableArray<RaterEffect> raterEffects,
        ImmutableArray<SourceEffect> sourceEffects,
        ImmutableArray<VarianceComponent> varianceComponents,
        ImmutableArray<FixedEffect> fixedEffects,
        int iterations,
        bool converged,
        double? objective,
        ImmutableArray<string> warnings,
        RaschFit? rasch = null)
    {
        Method = method;
        Algorithm = algorithm;
        Estimates = estimates;
        RaterEffects = raterEffects;
        SourceEffects = sourceEffects;
        VarianceComponents = varianceComponents;
        FixedEffects = fixedEffects;
        Iterations = iterations;
        Converged = converged;
        Objective = objective;
        Warnings = warnings;
        Rasch = rasch;
    }

    /// <summary>Gets the method applied.</summary>
    public CalibrationMethod Method { get; }

    /// <summary>Gets the algorithm that produced the numbers, for example <c>REML, exact (block elimination and supernodal sparse Cholesky: …)</c>, with the size of what it factored.</summary>
    public string Algorithm { get; }

    /// <summary>Gets one estimate per ratee and competency rated, ordered by ratee id and then model order.</summary>
    public ImmutableArray<CompetencyEstimate> Estimates { get; }

    /// <summary>Gets every rater's effect (positive = lenient), ordered by rater id; empty for <see cref="CalibrationMethod.None"/>.</summary>
    public ImmutableArray<RaterEffect> RaterEffects { get; }

    /// <summary>Gets every source's effect relative to the other-raters reference, in <see cref="RaterSource"/> order.</summary>
    public ImmutableArray<SourceEffect> SourceEffects { get; }

    /// <summary>Gets the variance components (<see cref="VarianceComponent.Ratee"/>, …, <see cref="VarianceComponent.Residual"/>) the method estimates.</summary>
    public ImmutableArray<VarianceComponent> VarianceComponents { get; }

    /// <summary>Gets the fixed-effect coefficients, for methods with a fixed part.</summary>
    public ImmutableArray<FixedEffect> FixedEffects { get; }

    /// <summary>Gets the number of iterations of the fitting algorithm (0 for closed-form methods).</summary>
    public int Iterations { get; }

    /// <summary>Gets a value indicating whether the fit converged; closed-form methods always do.</summary>
    public bool Converged { get; }

    /// <summary>Gets the value of the objective at the solution (for REML, the REML criterion −2 log L_R; for the Rasch model, the joint −2 log L of the ratings used), when there is one.</summary>
    public double? Objective { get; }

    /// <summary>Gets what a careful reader should know about this fit (thin evidence, boundary estimates, disconnected raters, …).</summary>
    public ImmutableArray<string> Warnings { get; }

    /// <summary>Gets the many-facet Rasch measures, fit statistics and rating-scale structure, for <see cref="CalibrationMethod.ManyFacetRasch"/>; null for every other method.</summary>
    public RaschFit? Rasch { get; }

    internal CalibrationResult WithSourceEffects(ImmutableArray<SourceEffect> sourceEffects) =>
        new(Method, Algorithm, Estimates, RaterEffects, sourceEffects, VarianceComponents, FixedEffects, Iterations, Converged, Objective, Warnings, Rasch);

    /// <summary>Finds a person's estimate on one competency.</summary>
    /// <param name="ratee">The person.</param>
    /// <param name="competency">The competency id (case-insensitive, as everywhere in a model).</param>
    /// <param name="estimate">The estimate, or null.</param>
    /// <returns>True when the person was rated on the competency.</returns>
    public bool TryGetEstimate(RateeId ratee, string competency, [NotNullWhen(true)] out CompetencyEstimate? estimate)
    {
        var index = LazyInitializer.EnsureInitialized(ref _estimateIndex, () =>
        {
            var built = new Dictionary<(RateeId, string), int>(Estimates.Length, new EstimateKeyComparer());
            for (var i = 0; i < Estimates.Length; i++)
            {
                built.Add((Estimates[i].Ratee, Estimates[i].Competency), i);
            }

            return built;
        });
        estimate = competency is not null && index.TryGetValue((ratee, competency), out var found) ? Estimates[found] : null;
        return estimate is not null;
    }

    /// <summary>Gets every estimate of one person, in model order.</summary>
    /// <param name="ratee">The person.</param>
    /// <returns>The estimates; empty when the person was not rated.</returns>
    public ImmutableArray<CompetencyEstimate> EstimatesFor(RateeId ratee) => [.. Estimates.Where(e => e.Ratee == ratee)];

    /// <summary>Finds a rater's effect.</summary>
    /// <param name="rater">The rater.</param>
    /// <param name="effect">The effect, or null.</param>
    /// <returns>True when the method estimated an effect for the rater.</returns>
    public bool TryGetRaterEffect(RaterId rater, [NotNullWhen(true)] out RaterEffect? effect)
    {
        var index = LazyInitializer.EnsureInitialized(ref _raterIndex, () => Enumerable.Range(0, RaterEffects.Length).ToDictionary(i => RaterEffects[i].Rater));
        effect = index.TryGetValue(rater, out var found) ? RaterEffects[found] : null;
        return effect is not null;
    }

    /// <summary>Gets a variance component by name.</summary>
    /// <param name="name">One of the names on <see cref="VarianceComponent"/>.</param>
    /// <returns>The variance, or null when the method does not estimate that component.</returns>
    public double? VarianceOf(string name) => VarianceComponents.FirstOrDefault(v => v.Name == name)?.Variance;

    /// <inheritdoc />
    public override string ToString() =>
        $"{Method} ({Algorithm}): {Estimates.Length} estimates, {RaterEffects.Length} raters, {(Converged ? "converged" : "NOT converged")} in {Iterations} iterations";

    private sealed class EstimateKeyComparer : IEqualityComparer<(RateeId Ratee, string Competency)>
    {
        public bool Equals((RateeId Ratee, string Competency) x, (RateeId Ratee, string Competency) y) =>
            x.Ratee == y.Ratee && IdRules.Comparer.Equals(x.Competency, y.Competency);

        public int GetHashCode((RateeId Ratee, string Competency) obj) =>
            HashCode.Combine(obj.Ratee, IdRules.Comparer.GetHashCode(obj.Competency));
    }
}
