using System.Collections.Immutable;

namespace Readiness.Calibration;

/// <summary>
/// The crossed random-effects model behind a calibration, beside <see cref="RaschFit"/> for the Rasch model: the path the
/// fit took and each variance component by name, so that code reads <c>fit.Rater.Variance</c> rather than looking a
/// string up in <see cref="CalibrationResult.VarianceComponents"/>.
/// </summary>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed class CrossedModelFit
{
    internal CrossedModelFit(CrossedModelPath path, ImmutableArray<VarianceComponent> components, double? remlCriterion, int? probes, bool personEffectPerDomain = false, bool componentsHeld = false)
    {
        PersonEffectPerDomain = personEffectPerDomain;
        ComponentsHeld = componentsHeld;
        Path = path;
        Ratee = components.Single(c => c.Name == VarianceComponent.Ratee);
        RateeCompetency = components.SingleOrDefault(c => c.Name == VarianceComponent.RateeCompetency);
        Rater = components.SingleOrDefault(c => c.Name == VarianceComponent.Rater);
        RateeSource = components.SingleOrDefault(c => c.Name == VarianceComponent.RateeSource);
        Residual = components.Single(c => c.Name == VarianceComponent.Residual);
        RemlCriterion = remlCriterion;
        Probes = probes;
    }

    /// <summary>Gets the path the fit took: <see cref="CrossedModelPath.Exact"/> or <see cref="CrossedModelPath.Scalable"/> (never <see cref="CrossedModelPath.Auto"/>).</summary>
    public CrossedModelPath Path { get; }

    /// <summary>Gets a value indicating whether each person had one effect per competency domain (<see cref="CrossedModelOptions.PersonEffect"/>); <see cref="Ratee"/> is then the variance of a person's level within a domain.</summary>
    public bool PersonEffectPerDomain { get; }

    /// <summary>
    /// Gets a value indicating whether the variance components were held (relative to the residual) at those of another
    /// fit instead of estimated: the styled-rater screen's refit holds those of the ratings without any flagged rater
    /// (<see cref="Reliability.StyledRaterScreen.Refit"/>).
    /// </summary>
    public bool ComponentsHeld { get; }

    /// <summary>Gets the between-person component: how far people's general levels differ.</summary>
    public VarianceComponent Ratee { get; }

    /// <summary>Gets the person × competency component (people's profiles), or null when the term was left out (one rating per person and competency).</summary>
    public VarianceComponent? RateeCompetency { get; }

    /// <summary>Gets the rater component (leniency and severity), or null when the term was left out (one rater, or raters who rated once).</summary>
    public VarianceComponent? Rater { get; }

    /// <summary>Gets the person × source component, in place of <see cref="Rater"/> when raters' ids do not repeat (an anonymised export: the leniency a person's raters of one source share); null otherwise.</summary>
    public VarianceComponent? RateeSource { get; }

    /// <summary>Gets the residual component.</summary>
    public VarianceComponent Residual { get; }

    /// <summary>Gets the REML criterion at the optimum, or at the held components (−2 × the restricted log-likelihood, as lme4 reports it), on the exact path; null on the scalable path, which does not evaluate it.</summary>
    public double? RemlCriterion { get; }

    /// <summary>Gets the random probe vectors the scalable path estimated its traces with; null on the exact path.</summary>
    public int? Probes { get; }

    /// <summary>This fit as one with a person effect per domain.</summary>
    internal CrossedModelFit PerDomain() => new(Path, [Ratee, .. new[] { RateeCompetency, Rater, RateeSource }.OfType<VarianceComponent>(), Residual], RemlCriterion, Probes, personEffectPerDomain: true, ComponentsHeld);

    /// <summary>Gets the share of the rating variance that is the rater's (leniency and severity), 0 without the rater term.</summary>
    public double RaterShare => (Rater?.Variance ?? 0) / (Ratee.Variance + (RateeCompetency?.Variance ?? 0) + (Rater?.Variance ?? 0) + (RateeSource?.Variance ?? 0) + Residual.Variance);
}
