using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Readiness.Calibration;
using Readiness.Scoring;
using Readiness.Simulation;

namespace Readiness.Extensions.Tests;

public sealed class ReadinessOptionsTests
{
    private static readonly ServiceProviderOptions Strict = new() { ValidateOnBuild = true, ValidateScopes = true };

    [Fact]
    public void Ctor_Defaults_are_Cores_defaults()
    {
        var options = new ReadinessOptions();

        Assert.Equal(CalibrationMethod.CrossedRandomEffects, options.Calibration.Method);
        Assert.Equal(CrossedModelPath.Auto, options.Calibration.Crossed.Path);
        Assert.False(options.Calibration.Rasch.SourceFacet);
        Assert.Equal(new ScoringOptions() with { }, options.Scoring.ToScoringOptions() with { });
    }

    [Fact]
    public void Settings_bound_from_appsettings_json_reach_the_calibrator_and_the_scorer()
    {
        using var provider = new ServiceCollection()
            .AddReadiness(Json("""{ "Readiness": { "Calibration": { "Method": "ManyFacetRasch", "Rasch": { "SourceFacet": true } }, "Scoring": { "Policy": "Conjunctive", "ReadyNowMinimumIndex": 85, "MinimumRaters": 4 } } }""").GetSection("Readiness"))
            .BuildServiceProvider(Strict);

        provider.GetRequiredService<IStartupValidator>().Validate();

        var calibrator = Assert.IsType<ManyFacetRaschCalibrator>(Assert.IsType<Readiness.Internal.InstrumentedCalibrator>(provider.GetRequiredService<IRatingCalibrator>()).Inner);
        Assert.True(calibrator.Options.SourceFacet);
        var scorer = BuiltInScorer(provider);
        Assert.Equal(ScoringPolicy.Conjunctive, scorer.Options.Policy);
        Assert.Equal(85, scorer.Options.ReadyNowMinimumIndex);
        Assert.Equal(4, scorer.Options.MinimumRaters);
        Assert.Equal(50, scorer.Options.OnTrackMinimumIndex);
    }

    [Fact]
    public void Bad_configuration_fails_at_start_naming_every_bad_key()
    {
        using var provider = new ServiceCollection()
            .AddReadiness(Json("""{ "Readiness": { "Scoring": { "ReadyNowMinimumIndex": 120, "OnTrackMinimumIndex": -5, "IntervalLevel": 1.5, "MinimumRaters": 0 } } }""").GetSection("Readiness"))
            .BuildServiceProvider(Strict);

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(error.Failures, f => f.StartsWith("Readiness:Scoring:ReadyNowMinimumIndex was 120", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Readiness:Scoring:OnTrackMinimumIndex was -5", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Readiness:Scoring:IntervalLevel was 1.5", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Readiness:Scoring:MinimumRaters was 0", StringComparison.Ordinal));
        Assert.Equal(4, error.Failures.Count());
    }

    [Fact]
    public void A_method_is_bound_by_name_and_one_that_is_not_built_in_fails_at_start_pointing_to_registration()
    {
        using var lower = new ServiceCollection()
            .AddReadiness(Json("""{ "Readiness": { "Calibration": { "Method": "meancentring" } } }""").GetSection("Readiness"))
            .BuildServiceProvider(Strict);
        Assert.IsType<MeanCentringCalibrator>(Assert.IsType<Readiness.Internal.InstrumentedCalibrator>(lower.GetRequiredService<IRatingCalibrator>()).Inner);

        using var provider = new ServiceCollection()
            .AddReadiness(Json("""{ "Readiness": { "Calibration": { "Method": "VendorIrt" } } }""").GetSection("Readiness"))
            .BuildServiceProvider(Strict);

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        var failure = Assert.Single(error.Failures);
        Assert.StartsWith("Readiness:Calibration:Method was 'VendorIrt'; it must be one of None, MeanCentring,", failure, StringComparison.Ordinal);
        Assert.Contains("registered as the IRatingCalibrator service before AddReadiness", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_key_fails_at_start_instead_of_leaving_the_default_in_force()
    {
        using var provider = new ServiceCollection()
            .AddReadiness(Json("""{ "Readiness": { "Scoring": { "ReadyNowMinimumIdex": 80 } } }""").GetSection("Readiness"))
            .BuildServiceProvider(Strict);

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("ReadyNowMinimumIdex", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_in_code_are_validated_too()
    {
        using var provider = new ServiceCollection()
            .AddReadiness(o => o.Scoring.ReadyNowMaxYears = 3)
            .BuildServiceProvider(Strict);

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Readiness:Scoring:ReadyNowMaxYears", Assert.Single(error.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void The_overloads_stay_idempotent_and_a_callers_registration_still_wins()
    {
        var mine = new MeanCentringCalibrator();
        var services = new ServiceCollection().AddSingleton<IRatingCalibrator>(mine).AddReadiness(o => o.Calibration.Method = CalibrationMethod.ManyFacetRasch);
        var count = services.Count;

        services.AddReadiness(o => o.Scoring.MinimumRaters = 2);

        Assert.Equal(count + 1, services.Count); // only the second Configure action is added
        using var provider = services.BuildServiceProvider(Strict);
        Assert.Same(mine, provider.GetRequiredService<IRatingCalibrator>());
        Assert.Equal(2, BuiltInScorer(provider).Options.MinimumRaters);
        Assert.Single(services, d => d.ServiceType == typeof(IValidateOptions<ReadinessOptions>));

        var after = new StandardisationCalibrator();
        using var later = new ServiceCollection().AddReadiness().AddSingleton<IRatingCalibrator>(after).BuildServiceProvider(Strict);
        Assert.Same(after, later.GetRequiredService<IRatingCalibrator>());
    }

    [Fact]
    public void The_resolved_singletons_give_the_same_results_from_many_threads_as_serially()
    {
        using var provider = new ServiceCollection().AddReadiness().BuildServiceProvider(Strict);
        var calibrator = provider.GetRequiredService<IRatingCalibrator>();
        var scorer = provider.GetRequiredService<IReadinessScorer>();
        var role = provider.GetRequiredService<Readiness.Competencies.RoleProfile>();
        var ratings = OrganisationSimulator.Generate(new SimulationOptions { People = 80, Seed = 9 }).TakeInRatings().Ratings;
        var candidates = ReadinessCandidate.FromCalibration(calibrator.Calibrate(ratings), ratings);
        var serial = candidates.Select(c => scorer.Score(c, role).Index).ToArray();

        var parallel = new double?[8][];
        Parallel.For(0, parallel.Length, t =>
        {
            var calibration = calibrator.Calibrate(ratings);
            parallel[t] = [.. ReadinessCandidate.FromCalibration(calibration, ratings).Select(c => scorer.Score(c, role).Index)];
        });

        Assert.All(parallel, p => Assert.Equal(serial, p));
    }

    private static ReadinessScorer BuiltInScorer(ServiceProvider provider) =>
        Assert.IsType<ReadinessScorer>(Assert.IsType<Readiness.Internal.InstrumentedScorer>(provider.GetRequiredService<IReadinessScorer>()).Inner);

    private static IConfiguration Json(string json) =>
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
}
