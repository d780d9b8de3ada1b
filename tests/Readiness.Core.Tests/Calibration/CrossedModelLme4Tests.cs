using Readiness.Calibration;

namespace Readiness.Core.Tests.Calibration;

/// <summary>The crossed model against lme4::lmer on the same data (Data/lme4; fit_lme4.R says how the values were made), on every rating design.</summary>
/// <remarks>
/// Both optimisers stop where the REML criterion no longer changes in its tenth significant digit; a variance component
/// the data pin down loosely (ten assessors' leniency in <c>centre300</c>) moves by up to 1.3e-5 relative along that flat
/// stretch (the criteria agree to 1.2e-10), the others by at most 3e-6.
/// </remarks>
public sealed class CrossedModelLme4Tests
{
    public static TheoryData<string> Datasets => new() { "org120", "org1600", "wide300", "wide1100", "centre300", "matrix300", "anon300", "mixed300", "stalled36" };

    [Theory]
    [MemberData(nameof(Datasets))]
    public void Exact_path_reproduces_lmer(string name)
    {
        var data = Lme4Data.Load(name);

        var result = new CrossedRandomEffectsCalibrator(new CrossedModelOptions { PersonEffect = PersonEffect.Shared, Path = CrossedModelPath.Exact }).Calibrate(data.Ratings);

        Assert.True(result.Converged);
        AssertExactFit(result, data);
        AssertBlups(result, data, spread: 2e-6, rater: 1e-6);

        // The typed fit holds the same components by name, the path taken and lme4's criterion.
        var fit = result.Crossed!;
        Assert.Equal(CrossedModelPath.Exact, fit.Path);
        Assert.Equal(result.Objective, fit.RemlCriterion);
        Assert.Null(fit.Probes);
        Assert.Equal(data.Variances[VarianceComponent.Ratee], fit.Ratee.Variance, 2e-5 * data.Variances[VarianceComponent.Ratee]);
        Assert.Equal(result.VarianceOf(VarianceComponent.Rater), fit.Rater?.Variance);
        Assert.Equal(result.VarianceOf(VarianceComponent.RateeCompetency), fit.RateeCompetency?.Variance);
        Assert.Equal(result.VarianceOf(VarianceComponent.Residual), fit.Residual.Variance);
        Assert.Equal((fit.Rater?.Variance ?? 0) / result.VarianceComponents.Sum(c => c.Variance), fit.RaterShare, 12);
    }

    [Theory]
    [Trait("Category", "Slow")]
    [MemberData(nameof(Datasets))]
    public void Scalable_path_reproduces_lmer_within_its_Monte_Carlo_error(string name)
    {
        var data = Lme4Data.Load(name);

        var result = new CrossedRandomEffectsCalibrator(new CrossedModelOptions { PersonEffect = PersonEffect.Shared, Path = CrossedModelPath.Scalable }).Calibrate(data.Ratings);

        Assert.True(result.Converged);
        var standIns = result.Warnings.Any(w => w.Code == CalibrationWarningCodes.RaterTermPerPersonSource);
        foreach (var component in result.VarianceComponents)
        {
            var expected = data.Variances[component.Name];
            // The person × source stand-ins of anonymised sources (about 1,000 levels, each nested in one person) need more
            // probes than a term gets: their component's error stays at about 1.3e-3 of it, and the fit says so.
            var error = component.MonteCarloError!.Value;
            var capped = standIns && component.Name is VarianceComponent.RateeSource or VarianceComponent.Rater;
            Assert.True(error <= (capped ? 2e-3 : 3e-4) * expected, $"{component.Name}: Monte-Carlo error {error} of {expected}");
            Assert.True(Math.Abs(component.Variance - expected) <= 1e-3 * expected, $"{component.Name}: {component.Variance} vs lme4 {expected}");
        }

        Assert.Equal(result.VarianceComponents.Any(c => c.MonteCarloError > 3e-4 * data.Variances[c.Name]), result.Warnings.Any(w => w.Code == CalibrationWarningCodes.FewProbes));

        // Effects move with the components: by a few hundredths of their standard errors at most.
        foreach (var effect in result.FixedEffects)
        {
            var (estimate, se) = data.Fixed[Lme4Data.Lme4Name(effect.Name)];
            Assert.True(Math.Abs(effect.Estimate - estimate) <= 0.01 * se, $"{effect.Name}: {effect.Estimate} vs lme4 {estimate}");
        }

        AssertBlups(result, data, spread: 5e-4, rater: 5e-4);
    }

    /// <summary>
    /// The default model on a named two-domain export, a person effect per domain, against lmer with <c>(1 | ratee:domain)</c>
    /// in place of <c>(1 | ratee)</c> (fit_lme4.R given the competencies' domains): on a local, a widely crossed and a
    /// partly anonymised design (there asked for, since the default shares one effect on such exports).
    /// </summary>
    [Theory]
    [InlineData("org120")]
    [InlineData("wide300")]
    [InlineData("mixed300")]
    public void A_person_effect_per_domain_reproduces_lmer_with_ratee_by_domain(string name)
    {
        var data = Lme4Data.Load(name, name + "_domain");

        var result = new CrossedRandomEffectsCalibrator(new CrossedModelOptions { PersonEffect = PersonEffect.PerDomain, Path = CrossedModelPath.Exact }).Calibrate(data.Ratings);

        Assert.True(result.Crossed!.PersonEffectPerDomain);
        AssertExactFit(result, data);
        AssertBlups(result, data, spread: 2e-6, rater: 1e-6, unit: e => $"{e.Person.Value}:{data.Ratings.Model.GetCompetency(e.Competency).Domain}");
        if (name != "mixed300")
        {
            Assert.True(new CrossedRandomEffectsCalibrator(new CrossedModelOptions { Path = CrossedModelPath.Exact }).Calibrate(data.Ratings).Crossed!.PersonEffectPerDomain);
        }
    }

    /// <summary>
    /// Two tiny generated designs (raters who rated one or two people) whose REML criterion has a second optimum with a
    /// component at 0, where the search from the moments ended: the exact path reports lme4's, the lower, and says there
    /// are two.
    /// </summary>
    [Theory]
    [InlineData("confounded36")]
    [InlineData("confounded16")]
    public void Where_the_criterion_has_two_optima_the_exact_path_reports_lmers_lower_one_and_says_so(string name)
    {
        var data = Lme4Data.Load(name);

        var result = new CrossedRandomEffectsCalibrator(new CrossedModelOptions { PersonEffect = PersonEffect.Shared, Path = CrossedModelPath.Exact }).Calibrate(data.Ratings);

        Assert.True(result.Converged);
        Assert.Equal(double.Parse(data.Fit["reml_criterion"], System.Globalization.CultureInfo.InvariantCulture), result.Objective!.Value, 1e-6);
        var total = data.Variances.Values.Sum();
        foreach (var component in result.VarianceComponents)
        {
            var expected = data.Variances[component.Name];
            Assert.True(Math.Abs(component.Variance - expected) <= 1e-5 * total, $"{component.Name}: {component.Variance} vs lme4 {expected}");
        }

        Assert.Contains(result.Warnings, w => w.Message.Contains(CrossedRandomEffectsCalibrator.TwoOptima, StringComparison.Ordinal));
    }

    /// <summary>The exact path's REML criterion (1e-7), variance components (2e-5 relative), fixed effects and their standard errors (1e-6) are lmer's.</summary>
    private static void AssertExactFit(CalibrationResult result, Lme4Data data)
    {
        Assert.Equal(double.Parse(data.Fit["reml_criterion"], System.Globalization.CultureInfo.InvariantCulture), result.Objective!.Value, 1e-7);
        foreach (var component in result.VarianceComponents)
        {
            var expected = data.Variances[component.Name];
            Assert.True(Math.Abs(component.Variance - expected) <= 2e-5 * expected, $"{component.Name}: {component.Variance} vs lme4 {expected}");
        }

        foreach (var effect in result.FixedEffects)
        {
            var (estimate, se) = data.Fixed[Lme4Data.Lme4Name(effect.Name)];
            Assert.True(Math.Abs(effect.Estimate - estimate) <= 1e-6, $"{effect.Name}: {effect.Estimate} vs lme4 {estimate}");
            Assert.True(Math.Abs(effect.StandardError - se) <= 1e-6, $"{effect.Name} SE: {effect.StandardError} vs lme4 {se}");
        }
    }

    /// <summary>
    /// Estimates are the fixed part at the reference plus the ratee (or ratee × domain: <paramref name="unit"/>) and ratee × competency BLUPs: once lme4's BLUPs are
    /// taken away, what is left must be one constant per competency (the reference fixed part), within the spread given;
    /// rater effects are lme4's rater BLUPs.
    /// </summary>
    private static void AssertBlups(CalibrationResult result, Lme4Data data, double spread, double rater, Func<CompetencyEstimate, string>? unit = null)
    {
        unit ??= e => e.Person.Value;
        foreach (var group in result.Estimates.GroupBy(e => e.Competency))
        {
            var rests = group.Select(e => e.Estimate - data.Blups[("ratee", unit(e))] - data.Blups[("ratee_competency", $"{e.Person.Value}:{e.Competency}")]).ToArray();
            Assert.True(rests.Max() - rests.Min() <= spread, $"{group.Key}: BLUPs differ from lme4's by up to {rests.Max() - rests.Min()}");
        }

        foreach (var effect in result.RaterEffects)
        {
            var expected = data.Blups[("rater", effect.Rater.Value)];
            Assert.True(Math.Abs(effect.Effect - expected) <= rater, $"rater {effect.Rater}: {effect.Effect} vs lme4 {expected}");
        }
    }
}
