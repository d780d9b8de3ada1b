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
    public void An_outside_calibrator_and_scorer_go_through_the_whole_pipeline()
    {
        using var provider = new ServiceCollection()
            .AddSingleton<IRatingCalibrator, CellMeanCalibrator>()
            .AddSingleton<IReadinessScorer, ThresholdScorer>()
            .AddReadiness()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        var ratings = Readiness.Simulation.OrganisationSimulator.Generate(new Readiness.Simulation.SimulationOptions { People = 60, Seed = 2 }).TakeInRatings().Ratings;

        var calibration = provider.GetRequiredService<IRatingCalibrator>().Calibrate(ratings);
        var assessments = provider.GetRequiredService<IReadinessScorer>().ScoreCohort(ReadinessCandidate.FromCalibration(calibration, ratings), provider.GetRequiredService<RoleProfile>());
        var slate = Readiness.Talent.SuccessionSlate.Build("first-line-manager", assessments);

        Assert.Equal("CellMean", calibration.Method.Name);
        Assert.Equal(60, assessments.Length);
        Assert.All(slate.Entries, e => Assert.InRange(e.Index, 0, 100));
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

    /// <summary>The mean of the other raters' ratings per person and competency.</summary>
    private sealed class CellMeanCalibrator : IRatingCalibrator
    {
        public CalibrationMethod Method { get; } = new("CellMean");

        public CalibrationResult Calibrate(Readiness.Evidence.RatingSet ratings, IProgress<CalibrationProgress>? progress = null, CancellationToken cancellationToken = default) =>
            CalibrationResult.Create(Method, "cell means", ratings.AsEnumerable()
                .Where(r => r.Source != Readiness.Evidence.RaterSource.Self)
                .GroupBy(r => (r.Ratee, r.Competency))
                .Select(c => new CompetencyEstimate(c.Key.Ratee, c.Key.Competency, c.Average(r => r.Value), 0.8 / Math.Sqrt(c.Count()), c.Count(), c.Select(r => r.Rater).Distinct().Count())));
    }

    /// <summary>The share of requirements met, as an index with no interval width.</summary>
    private sealed class ThresholdScorer : IReadinessScorer
    {
        public ReadinessAssessment Score(ReadinessCandidate candidate, RoleProfile profile)
        {
            var scores = profile.Requirements.Select(r => (r, e: candidate.FindEstimate(r.Competency.Id))).Select(x => new CompetencyScore(
                x.r.Competency.Id, x.r.Target, x.r.CriticalMinimum, x.r.Weight.Fraction, x.e?.Estimate, x.e?.StandardError,
                x.e is null ? null : Math.Max(0, x.r.Target - x.e.Estimate), null, null, x.e?.Estimate < x.r.CriticalMinimum)).ToList();
            var index = 100.0 * scores.Count(s => s.Gap == 0) / scores.Count;
            return ReadinessAssessment.Scored(candidate.Person, profile.Id, ScoringPolicy.Compensatory, index, index, index, 0.9,
                index >= 90 ? ReadinessBand.ReadyNow : ReadinessBand.NotOnLeadershipTrack, 0, scores);
        }

        public System.Collections.Immutable.ImmutableArray<ReadinessAssessment> ScoreCohort(IEnumerable<ReadinessCandidate> candidates, RoleProfile profile) =>
            [.. candidates.Select(c => Score(c, profile))];
    }
}
