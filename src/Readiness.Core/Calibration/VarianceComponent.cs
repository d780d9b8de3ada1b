using Readiness.Internal;

namespace Readiness.Calibration;

/// <summary>One variance component of a calibration model, in squared scale points.</summary>
public sealed class VarianceComponent
{
    /// <summary>Initializes a new instance of the <see cref="VarianceComponent"/> class.</summary>
    /// <param name="name">The component: <c>ratee</c>, <c>ratee_competency</c>, <c>rater</c> or <c>residual</c>.</param>
    /// <param name="variance">The estimated variance, never negative.</param>
    /// <param name="monteCarloError">The Monte-Carlo standard error of <paramref name="variance"/> when it was estimated with random probes; null when it was computed exactly.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The variance or the Monte-Carlo error is not finite or is negative.</exception>
    public VarianceComponent(string name, double variance, double? monteCarloError = null)
    {
        Name = Guard.NotBlank(name);
        Variance = Guard.FiniteNonNegative(variance);
        MonteCarloError = monteCarloError is { } error ? Guard.FiniteNonNegative(error, nameof(monteCarloError)) : null;
    }

    /// <summary>Gets the component: <c>ratee</c>, <c>ratee_time</c> (the longitudinal model's), <c>ratee_competency</c>, <c>rater</c>, <c>ratee_source</c> (in place of <c>rater</c> when raters' ids do not repeat) or <c>residual</c>.</summary>
    public string Name { get; }

    /// <summary>Gets the estimated variance, never negative.</summary>
    public double Variance { get; }

    /// <summary>The name of the between-person component (a person's general level).</summary>
    public const string Ratee = "ratee";

    /// <summary>The name of the person-by-competency component (a person's profile across competencies).</summary>
    public const string RateeCompetency = "ratee_competency";

    /// <summary>The name of the between-person growth component of the longitudinal model (a person's change a year).</summary>
    public const string RateeTime = "ratee_time";

    /// <summary>The name of the rater component (leniency and severity).</summary>
    public const string Rater = "rater";

    /// <summary>The name of the person-by-source component, in place of the rater component when raters' ids do not repeat (an anonymised export): the leniency a person's raters of one source share.</summary>
    public const string RateeSource = "ratee_source";

    /// <summary>The name of the residual component (everything else, noise included).</summary>
    public const string Residual = "residual";

    /// <summary>Gets the Monte-Carlo standard error of <see cref="Variance"/> when it was estimated with random probes (the crossed model's scalable path); null when it was computed exactly.</summary>
    /// <remarks>
    /// The scalable path estimates the traces in the REML equations from fixed random vectors; this is how far the estimate
    /// may sit from the exact REML optimum on that account (one standard error). Its iterative solves add up to about 2e-6
    /// of the component on the designs tested, which dominates where the traces were computed exactly and this error is
    /// near 0. It is not the sampling error of the component, which is far larger.
    /// </remarks>
    public double? MonteCarloError { get; }

    /// <summary>Gets the standard deviation, in scale points.</summary>
    public double StandardDeviation => Math.Sqrt(Variance);
}
