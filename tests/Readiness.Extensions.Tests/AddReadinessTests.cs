using Microsoft.Extensions.DependencyInjection;
using Readiness.Calibration;
using Readiness.Competencies;
using Readiness.Scoring;

namespace Readiness.Extensions.Tests;

public sealed class AddReadinessTests
{
    [Fact]
    public void Resolves_the_built_in_model_and_profile_as_singletons()
    {
        using var provider = new ServiceCollection().AddReadiness()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Assert.Same(LeadershipFramework.Model, provider.GetRequiredService<CompetencyModel>());
        Assert.Same(LeadershipFramework.FirstLineManager, provider.GetRequiredService<RoleProfile>());
        Assert.IsType<CrossedRandomEffectsCalibrator>(Assert.IsType<Readiness.Internal.InstrumentedCalibrator>(provider.GetRequiredService<IRatingCalibrator>()).Inner);
        Assert.Same(provider.GetRequiredService<IReadinessScorer>(), provider.GetRequiredService<IReadinessScorer>());
        Assert.Same(provider.GetRequiredService<Readiness.Talent.IDevelopmentPlanner>(), provider.GetRequiredService<Readiness.Talent.IDevelopmentPlanner>());
        Assert.Same(provider.GetRequiredService<Readiness.Weighting.SwingWeighting>(), provider.GetRequiredService<Readiness.Weighting.SwingWeighting>());
        Assert.NotNull(provider.GetRequiredService<Readiness.Weighting.DirectPointsWeighting>());
        Assert.Same(provider.GetRequiredService<Readiness.Weighting.PairwiseWeighting>(), provider.GetRequiredService<Readiness.Weighting.IWeightingStrategy<Readiness.Weighting.PairwiseComparisons>>());
        Assert.Same(provider.GetRequiredService<Readiness.Weighting.EqualWeighting>(), provider.GetRequiredService<Readiness.Weighting.IWeightingStrategy<IEnumerable<string>>>());
        Assert.IsType<Readiness.Weighting.RankOrderCentroidWeighting>(provider.GetRequiredService<Readiness.Weighting.IWeightingStrategy<IEnumerable<KeyValuePair<string, int>>>>());
    }

    [Fact]
    public void A_calibrator_or_scorer_registered_first_wins()
    {
        var scorer = new ReadinessScorer(new ScoringOptions { Policy = ScoringPolicy.Conjunctive });
        using var provider = new ServiceCollection()
            .AddSingleton<IRatingCalibrator, MeanCentringCalibrator>()
            .AddSingleton<IReadinessScorer>(scorer)
            .AddReadiness()
            .BuildServiceProvider();

        Assert.IsType<MeanCentringCalibrator>(provider.GetRequiredService<IRatingCalibrator>());
        Assert.Same(scorer, provider.GetRequiredService<IReadinessScorer>());
    }

    [Fact]
    public void Calling_twice_registers_nothing_twice()
    {
        var services = new ServiceCollection().AddReadiness();
        var count = services.Count;

        services.AddReadiness();

        Assert.Equal(count, services.Count);
    }

    [Fact]
    public void A_model_registered_first_wins()
    {
        var mine = new CompetencyModelBuilder("mine", "Mine")
            .AddCompetency("leads", "Leads", CompetencyDomain.Leadership, c => c.WithDefinition("Leads people."))
            .Build();
        var services = new ServiceCollection().AddSingleton(mine).AddReadiness();

        using var provider = services.BuildServiceProvider();

        Assert.Same(mine, provider.GetRequiredService<CompetencyModel>());
    }

    [Fact]
    public void Null_services_are_rejected()
    {
        var e = Assert.Throws<ArgumentNullException>(() => ReadinessServiceCollectionExtensions.AddReadiness(null!));
        Assert.Equal("services", e.ParamName);
    }
}
