using Readiness.Calibration;
using Readiness.Competencies;
using Readiness.Evidence;
using Readiness.Simulation;
using static Readiness.Competencies.LeadershipFramework;

namespace Readiness.Core.Tests.Calibration;

/// <summary>
/// <see cref="PersonEffect.PerDomain"/>: the model with <c>(1 | ratee:domain)</c> in place of
/// <c>(1 | ratee)</c>, fitted on made-up units and given back per person.
/// </summary>
public sealed class PersonEffectPerDomainTests
{
    private static readonly CrossedRandomEffectsCalibrator PerDomain = new(new CrossedModelOptions { PersonEffect = PersonEffect.PerDomain, Path = CrossedModelPath.Exact });
    private static readonly CrossedRandomEffectsCalibrator Shared = new(new CrossedModelOptions { PersonEffect = PersonEffect.Shared, Path = CrossedModelPath.Exact });
    private static readonly CrossedRandomEffectsCalibrator Automatic = new(new CrossedModelOptions { Path = CrossedModelPath.Exact });

    [Fact]
    public void It_is_the_crossed_model_of_the_same_ratings_with_each_person_split_by_domain()
    {
        // The same model written out by hand — each person's ratings under one id per domain, as lme4 would take
        // (1 | ratee:domain) — gives the same fit, estimate for estimate.
        var ratings = OrganisationSimulator.Generate(new SimulationOptions { People = 120, Seed = 3 }).TakeInRatings().Ratings;
        var byHand = new RatingSetBuilder(Model);
        foreach (var r in ratings.AsEnumerable())
        {
            byHand.Add(r with { Ratee = new RateeId($"{r.Ratee.Value}@{Model.GetCompetency(r.Competency).Domain}") });
        }

        var fit = PerDomain.Calibrate(ratings);
        var written = Shared.Calibrate(byHand.Build().Ratings);

        // The library analyses a person's two units as one panel (so that their covariance can be read from the factor),
        // which orders the factor differently from the fit by hand: the same optimum, rounded differently.
        Assert.Equal(written.Estimates.Length, fit.Estimates.Length);
        foreach (var e in written.Estimates)
        {
            var person = new RateeId(e.Person.Value.Split('@')[0]);
            Assert.True(fit.TryGetEstimate(person, e.Competency, out var same));
            Assert.Equal(e.Estimate, same.Estimate, 1e-8);
            Assert.Equal(e.StandardError, same.StandardError, 1e-8);
            Assert.Equal(e.Reliability, same.Reliability, 1e-8);
        }

        Assert.All(written.VarianceComponents.Zip(fit.VarianceComponents), pair => Assert.Equal(pair.First.Variance, pair.Second.Variance, 1e-8));
        Assert.Equal(written.Objective!.Value, fit.Objective!.Value, 7);
        Assert.EndsWith("; a person effect per competency domain, (1 | ratee:domain)", fit.Algorithm, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_person_is_given_back_whole_with_their_domains_correlated_through_the_raters_on_the_exact_path_only()
    {
        var ratings = OrganisationSimulator.Generate(new SimulationOptions { People = 80, Seed = 5 }).TakeInRatings().Ratings;

        var fit = PerDomain.Calibrate(ratings);
        var scalable = new CrossedRandomEffectsCalibrator(new CrossedModelOptions { PersonEffect = PersonEffect.PerDomain, Path = CrossedModelPath.Scalable }).Calibrate(ratings);
        var shared = Shared.Calibrate(ratings);

        Assert.Equal(ratings.WithoutSource(RaterSource.Self).Ratees, fit.Estimates.Select(e => e.Person).Distinct());
        foreach (var person in ratings.Ratees.Take(10))
        {
            // In the model's order, as a fit without units gives them.
            var estimates = fit.EstimatesFor(person);
            Assert.Equal(shared.EstimatesFor(person).Select(e => e.Competency), estimates.Select(e => e.Competency));
            var domains = estimates.Select(e => Model.GetCompetency(e.Competency).Domain).ToArray();
            foreach (var (correlations, exact) in new[] { (fit.ErrorCorrelations(person)!, true), (fit.ConditionalErrorCorrelations(person)!, true), (scalable.ErrorCorrelations(person)!, false) })
            {
                Assert.Equal(estimates.Length, correlations.Count);
                for (var i = 1; i < estimates.Length; i++)
                {
                    for (var j = 0; j < i; j++)
                    {
                        if (domains[i] != domains[j])
                        {
                            // The raters' leniency, estimated, moves both domains' estimates (the dense test checks the value);
                            // the scalable path's errors are conditional on the raters and leave that out.
                            Assert.True(exact ? correlations[i, j] is > 0 and < 0.5 : correlations[i, j] == 0, $"{person}: {estimates[i].Competency} and {estimates[j].Competency}: {correlations[i, j]}");
                        }
                        else
                        {
                            Assert.True(correlations[i, j] > 0, $"{person}: {estimates[i].Competency} and {estimates[j].Competency} share the domain's effect");
                        }
                    }
                }
            }
        }
    }

    [Fact]
    public void With_the_competencies_rated_all_of_one_domain_it_changes_nothing()
    {
        var ratings = OrganisationSimulator.Generate(new SimulationOptions { People = 80, Seed = 5 }).TakeInRatings().Ratings;
        var leadershipOnly = new RatingSetBuilder(Model);
        foreach (var r in ratings.AsEnumerable().Where(r => Model.GetCompetency(r.Competency).Domain == CompetencyDomain.Leadership))
        {
            leadershipOnly.Add(r);
        }

        var set = leadershipOnly.Build().Ratings;
        var (split, shared) = (PerDomain.Calibrate(set), Shared.Calibrate(set));

        Assert.Equivalent(shared.Estimates.ToArray(), split.Estimates.ToArray(), strict: true);
        Assert.Equal(shared.Algorithm, split.Algorithm);
        var warning = Assert.Single(split.Warnings, w => w.Code == CalibrationWarningCodes.OneDomain);
        Assert.StartsWith("A person effect per competency domain was asked for (PersonEffect = PerDomain), but every competency rated is of one domain (Leadership)", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(shared.Warnings, w => w.Code == CalibrationWarningCodes.OneDomain);

        // Not asked for, nothing to warn about: the default fits the one effect there is, silently.
        var automatic = Automatic.Calibrate(set);
        Assert.Equivalent(shared.Estimates.ToArray(), automatic.Estimates.ToArray(), strict: true);
        Assert.Empty(automatic.Warnings.Where(w => w.Code == CalibrationWarningCodes.OneDomain));
        Assert.False(automatic.Crossed!.PersonEffectPerDomain);
    }

    [Fact]
    public void By_default_each_person_has_an_effect_per_domain_where_both_are_rated_and_the_raters_can_be_examined()
    {
        var named = OrganisationSimulator.Generate(new SimulationOptions { People = 120, Seed = 6 }).TakeInRatings().Ratings;
        var response = 0;
        var anonymised = new RatingSetBuilder(Model)
            .AddRange(named.AsEnumerable().Select(r => r.Source is RaterSource.Self or RaterSource.Manager ? r : r with { Rater = new RaterId($"A{++response:D6}") }))
            .Build().Ratings;

        var (automatic, split) = (Automatic.Calibrate(named), PerDomain.Calibrate(named));
        Assert.True(automatic.Crossed!.PersonEffectPerDomain);
        Assert.Equivalent(split.Estimates.ToArray(), automatic.Estimates.ToArray(), strict: true);
        Assert.Equal(split.Algorithm, automatic.Algorithm);
        Assert.False(Shared.Calibrate(named).Crossed!.PersonEffectPerDomain);

        // With the peers' and reports' ids never repeating, the styled raters among them cannot be screened out, and the
        // effect per domain was measured over-confident there: the default shares one effect, and has nothing to warn of.
        var (onExport, sharedOnExport) = (Automatic.Calibrate(anonymised), Shared.Calibrate(anonymised));
        Assert.False(onExport.Crossed!.PersonEffectPerDomain);
        Assert.Equivalent(sharedOnExport.Estimates.ToArray(), onExport.Estimates.ToArray(), strict: true);
        Assert.DoesNotContain(onExport.Warnings, w => w.Code == CalibrationWarningCodes.PerDomainOnAnonymisedExport);
        Assert.True(PerDomain.Calibrate(anonymised).Crossed!.PersonEffectPerDomain);

        // One id per questionnaire (every rater but the managers a new id for each person they rated): the ids repeat, but
        // the screen cannot examine a rater who rated one person, so the default shares one effect there too.
        var questionnaires = new RatingSetBuilder(Model)
            .AddRange(named.AsEnumerable().Select(r => r.Source is RaterSource.Self or RaterSource.Manager ? r : r with { Rater = new RaterId($"{r.Rater.Value}~{r.Ratee.Value}") }))
            .Build().Ratings;
        Assert.False(Automatic.Calibrate(questionnaires).Crossed!.PersonEffectPerDomain);
        Assert.True(PerDomain.Calibrate(questionnaires).Crossed!.PersonEffectPerDomain);
    }

    [Fact]
    public void The_designs_warnings_count_people_not_their_domains()
    {
        // Two people rated by one other rater each, on both domains: two people, not four units.
        var builder = new RatingSetBuilder(Model);
        var organisation = OrganisationSimulator.Generate(new SimulationOptions { People = 60, Seed = 2 }).TakeInRatings().Ratings;
        foreach (var r in organisation.AsEnumerable())
        {
            builder.Add(r);
        }

        foreach (var (person, rater) in new[] { ("Z1", "P001"), ("Z2", "P002") })
        {
            foreach (var competency in Model.Competencies)
            {
                builder.Add(new Rating(new RateeId(person), new RaterId(rater), RaterSource.Peer, competency.Id.Value, 3));
            }
        }

        var fit = PerDomain.Calibrate(builder.Build().Ratings);

        Assert.Contains(fit.Warnings, w => w.Message.StartsWith("2 person(s) were rated by at most one rater", StringComparison.Ordinal));
    }
}
