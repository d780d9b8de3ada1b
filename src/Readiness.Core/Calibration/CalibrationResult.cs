using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Readiness.Competencies;
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
    private Dictionary<(RateeId, CompetencyId), int>? _estimateIndex;
    private Dictionary<RaterId, int>? _raterIndex;
    private readonly IReadOnlyDictionary<RateeId, EstimateCorrelations>? _correlations;
    private readonly IReadOnlyDictionary<RateeId, EstimateCorrelations>? _conditionalCorrelations;

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
        ImmutableArray<CalibrationWarning> warnings,
        RaschFit? rasch = null,
        IReadOnlyDictionary<RateeId, EstimateCorrelations>? correlations = null,
        CrossedModelFit? crossed = null,
        IReadOnlyDictionary<RateeId, EstimateCorrelations>? conditionalCorrelations = null)
    {
        _correlations = correlations;
        _conditionalCorrelations = conditionalCorrelations;
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
        Crossed = crossed;
    }

    /// <summary>
    /// Creates the result of a calibration done outside this library (an <see cref="IRatingCalibrator"/> of your own), so
    /// that everything downstream — candidates, scoring, reliability, audits — takes it like a built-in one.
    /// </summary>
    /// <param name="method">The method, usually your own (<c>new CalibrationMethod("VendorIrt")</c>).</param>
    /// <param name="algorithm">What produced the numbers, in a few words a reader can follow up.</param>
    /// <param name="estimates">One estimate per person and competency rated; ordered here by person, keeping your order within each.</param>
    /// <param name="raterEffects">Each rater's effect (positive = lenient), if the method estimates them; ordered here by rater.</param>
    /// <param name="sourceEffects">Each source's effect relative to the other-raters reference, if estimated; ordered here by source.</param>
    /// <param name="varianceComponents">The variance components, if estimated (the names on <see cref="VarianceComponent"/> are the ones reliability and evidence planning read).</param>
    /// <param name="fixedEffects">Fixed-effect coefficients, if the method has a fixed part.</param>
    /// <param name="iterations">The fitting algorithm's iterations (0 for a closed form).</param>
    /// <param name="converged">Whether the fit converged.</param>
    /// <param name="objective">The objective at the solution, if there is one.</param>
    /// <param name="warnings">What a careful reader should know about the fit.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="algorithm"/> or <paramref name="estimates"/> is null, or a collection holds null.</exception>
    /// <exception cref="ArgumentException">A value breaks its rule — an estimate or effect that is not finite, a standard error below 0, fewer raters than ratings allow, a person rated twice on one competency, a rater, source, component or fixed effect listed twice, an empty text; the message names the value and the rule.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="iterations"/> is negative, or <paramref name="objective"/> is not finite.</exception>
    public static CalibrationResult Create(
        CalibrationMethod method,
        string algorithm,
        IEnumerable<CompetencyEstimate> estimates,
        IEnumerable<RaterEffect>? raterEffects = null,
        IEnumerable<SourceEffect>? sourceEffects = null,
        IEnumerable<VarianceComponent>? varianceComponents = null,
        IEnumerable<FixedEffect>? fixedEffects = null,
        int iterations = 0,
        bool converged = true,
        double? objective = null,
        IEnumerable<CalibrationWarning>? warnings = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(algorithm);
        ArgumentNullException.ThrowIfNull(estimates);
        ArgumentOutOfRangeException.ThrowIfNegative(iterations);
        if (objective is { } o && !double.IsFinite(o))
        {
            throw new ArgumentOutOfRangeException(nameof(objective), o, $"The objective was {Guard.Format(o)}; it must be finite (or null when there is none).");
        }

        // Each element checked its own numbers and id when it was built; what is left is what only the whole result can break.
        var estimateList = Checked(estimates, nameof(estimates));
        Unique(estimateList, e => (e.Person, e.Competency), nameof(estimates), e => $"{e.Person} on {e.Competency}");
        var raters = Checked(raterEffects ?? [], nameof(raterEffects));
        Unique(raters, r => r.Rater, nameof(raterEffects), r => $"rater {r.Rater}");
        var sources = Checked(sourceEffects ?? [], nameof(sourceEffects));
        Unique(sources, e => e.Source, nameof(sourceEffects), e => $"source {e.Source}");
        var components = Checked(varianceComponents ?? [], nameof(varianceComponents));
        Unique(components, v => v.Name, nameof(varianceComponents), v => $"component {v.Name}");
        var fixedList = Checked(fixedEffects ?? [], nameof(fixedEffects));
        Unique(fixedList, f => f.Name, nameof(fixedEffects), f => $"fixed effect {f.Name}");
        var notes = Checked(warnings ?? [], nameof(warnings));

        return new CalibrationResult(
            method,
            algorithm,
            [.. estimateList.OrderBy(e => e.Person)],
            [.. raters.OrderBy(r => r.Rater)],
            [.. sources.OrderBy(e => e.Source)],
            [.. components],
            [.. fixedList],
            iterations,
            converged,
            objective,
            [.. notes]);
    }

    /// <summary>The items, each null-checked and checked by <paramref name="problem"/> (null when it is fine).</summary>
    private static List<T> Checked<T>(IEnumerable<T> items, string name, Func<T, string?>? problem = null)
    {
        ArgumentNullException.ThrowIfNull(items, name);
        var list = new List<T>();
        foreach (var item in items)
        {
            if (item is null)
            {
                throw new ArgumentNullException(name, $"{name}[{list.Count}] is null.");
            }

            if (problem?.Invoke(item) is { } why)
            {
                throw new ArgumentException($"{name}[{list.Count}] is refused: {why}.", name);
            }

            list.Add(item);
        }

        return list;
    }

    private static void Unique<T, TKey>(List<T> items, Func<T, TKey> key, string name, Func<T, string> describe)
        where TKey : notnull
    {
        var seen = new HashSet<TKey>();
        foreach (var item in items)
        {
            if (!seen.Add(key(item)))
            {
                throw new ArgumentException($"{name} lists {describe(item)} twice; each appears once.", name);
            }
        }
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

    /// <summary>Gets what a careful reader should know about this fit (thin evidence, boundary estimates, disconnected raters, …), each with a code (<see cref="CalibrationWarningCodes"/>).</summary>
    public ImmutableArray<CalibrationWarning> Warnings { get; }

    /// <summary>Gets the many-facet Rasch measures, fit statistics and rating-scale structure, for <see cref="CalibrationMethod.ManyFacetRasch"/>; null for every other method.</summary>
    public RaschFit? Rasch { get; }

    /// <summary>Gets the crossed random-effects model's path and variance components by name, for <see cref="CalibrationMethod.CrossedRandomEffects"/>; null for every other method.</summary>
    public CrossedModelFit? Crossed { get; }

    internal CalibrationResult WithSourceEffects(ImmutableArray<SourceEffect> sourceEffects) => With(sourceEffects: sourceEffects);

    internal CalibrationResult WithWarning(CalibrationWarning warning) => With(warnings: Warnings.Add(warning));

    /// <summary>
    /// The same result with some people's estimates and error correlations replaced (the same estimates in the same order,
    /// with other standard errors), and <paramref name="why"/> added to the algorithm.
    /// </summary>
    internal CalibrationResult WithErrorsOf(
        IReadOnlyDictionary<RateeId, (ImmutableArray<CompetencyEstimate> Estimates, EstimateCorrelations? Posterior, EstimateCorrelations? Conditional)> people, string why)
    {
        var estimates = Estimates.ToArray();
        var first = new Dictionary<RateeId, int>();
        for (var i = estimates.Length - 1; i >= 0; i--)
        {
            first[estimates[i].Person] = i;
        }

        var (correlations, conditional) = (_correlations?.ToDictionary(), _conditionalCorrelations?.ToDictionary());
        foreach (var (person, (replaced, posterior, given)) in people)
        {
            var at = first[person];
            for (var i = 0; i < replaced.Length; i++)
            {
                estimates[at + i] = replaced[i];
            }

            if (posterior is not null && correlations is not null)
            {
                correlations[person] = posterior;
            }

            if (given is not null && conditional is not null)
            {
                conditional[person] = given;
            }
        }

        return With($"{Algorithm}; {why}", [.. estimates], correlations: correlations, conditional: conditional);
    }

    /// <summary>The same result with the parts given replaced.</summary>
    private CalibrationResult With(
        string? algorithm = null,
        ImmutableArray<CompetencyEstimate>? estimates = null,
        ImmutableArray<SourceEffect>? sourceEffects = null,
        ImmutableArray<CalibrationWarning>? warnings = null,
        IReadOnlyDictionary<RateeId, EstimateCorrelations>? correlations = null,
        IReadOnlyDictionary<RateeId, EstimateCorrelations>? conditional = null) =>
        new(Method, algorithm ?? Algorithm, estimates ?? Estimates, RaterEffects, sourceEffects ?? SourceEffects, VarianceComponents, FixedEffects, Iterations, Converged, Objective,
            warnings ?? Warnings, Rasch, correlations ?? _correlations, Crossed, conditional ?? _conditionalCorrelations)
        {
            UnitCrossings = UnitCrossings,
        };

    /// <summary>Gets, for a fit on domain units, the error correlations of each unit's estimates with the previous unit's of the same person, keyed by the later unit; null otherwise.</summary>
    internal IReadOnlyDictionary<RateeId, Internal.UnitCrossing>? UnitCrossings { get; init; }

    /// <summary>Gets the correlations of the errors of one person's estimates, in the order of <see cref="EstimatesFor"/>.</summary>
    /// <param name="person">The person.</param>
    /// <returns>
    /// The correlations, or null when the person was not rated or the method does not give them. The crossed model gives
    /// them exactly on its exact path (from the inverse of the mixed-model equations, like its standard errors) and
    /// conditionally on the rater and fixed effects on its scalable path.
    /// </returns>
    public EstimateCorrelations? ErrorCorrelations(RateeId person) =>
        _correlations is not null && _correlations.TryGetValue(person, out var found) ? found : null;

    /// <summary>Gets the correlations of the errors of one person's unshrunk estimates given their true levels, in the order of <see cref="EstimatesFor"/>: what the confidence intervals of <see cref="CompetencyEstimate.Interval"/> and of the readiness index rest on.</summary>
    /// <param name="person">The person.</param>
    /// <returns>
    /// The correlations, or null when the person was not rated or the method does not give them. They differ from
    /// <see cref="ErrorCorrelations"/>, which describe how a person's true levels spread around the shrunk estimates: given
    /// the true levels, the estimates move together more, because the person's effect, estimated from all their ratings,
    /// carries each rating's error into every competency. The crossed model gives them in closed form from the person's
    /// own ratings, plus what the uncertainty of the rater and fixed effects adds on the exact path.
    /// </returns>
    public EstimateCorrelations? ConditionalErrorCorrelations(RateeId person) =>
        _conditionalCorrelations is not null && _conditionalCorrelations.TryGetValue(person, out var found) ? found : null;

    /// <summary>Finds a person's estimate on one competency.</summary>
    /// <param name="person">The person.</param>
    /// <param name="competency">The competency id (case-insensitive, as everywhere in a model).</param>
    /// <param name="estimate">The estimate, or null.</param>
    /// <returns>True when the person was rated on the competency.</returns>
    public bool TryGetEstimate(RateeId person, CompetencyId competency, [NotNullWhen(true)] out CompetencyEstimate? estimate)
    {
        var index = LazyInitializer.EnsureInitialized(ref _estimateIndex, () =>
        {
            var built = new Dictionary<(RateeId, CompetencyId), int>(Estimates.Length);
            for (var i = 0; i < Estimates.Length; i++)
            {
                built.Add((Estimates[i].Person, Estimates[i].Competency), i);
            }

            return built;
        });
        estimate = index.TryGetValue((person, competency), out var found) ? Estimates[found] : null;
        return estimate is not null;
    }

    /// <summary>Gets every estimate of one person, in model order.</summary>
    /// <param name="person">The person.</param>
    /// <returns>The estimates; empty when the person was not rated.</returns>
    public ImmutableArray<CompetencyEstimate> EstimatesFor(RateeId person) => [.. Estimates.Where(e => e.Person == person)];

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
}
