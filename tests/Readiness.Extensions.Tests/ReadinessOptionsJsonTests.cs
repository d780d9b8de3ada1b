using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Readiness.Calibration;
using Readiness.Scoring;

namespace Readiness.Extensions.Tests;

/// <summary>The options file a tool without a configuration system reads is the same JSON a host binds, with the same rules.</summary>
public sealed class ReadinessOptionsJsonTests
{
    private const string AppSettings = """
        {
          // comments and trailing commas, as appsettings.json allows
          "Logging": { "LogLevel": { "Default": "Information" } },
          "readiness": {
            "Calibration": { "method": "ManyFacetRasch", "rasch": { "SourceFacet": true }, "Crossed": { "Path": "Scalable" } },
            "Scoring": { "Policy": "Conjunctive", "ReadyNowMinimumIndex": "85", "MinimumRaters": 4, "BandBasis": "PointEstimate", },
          },
        }
        """;

    [Fact]
    public void The_json_a_host_binds_gives_the_same_options()
    {
        var read = ReadinessOptionsJson.Parse(AppSettings);
        var bound = new ServiceCollection().AddReadiness(new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(AppSettings))).Build().GetSection("Readiness"))
            .BuildServiceProvider().GetRequiredService<IOptions<ReadinessOptions>>().Value;

        Assert.Equal(bound.Calibration.Method, read.Calibration.Method);
        Assert.Equal(CalibrationMethod.ManyFacetRasch, read.Calibration.Method);
        Assert.Equal((bound.Calibration.Rasch.SourceFacet, bound.Calibration.Crossed.Path), (read.Calibration.Rasch.SourceFacet, read.Calibration.Crossed.Path));
        Assert.Equal(bound.Scoring.ToScoringOptions() with { }, read.Scoring.ToScoringOptions() with { });
        Assert.Equal((ScoringPolicy.Conjunctive, 85, 4, BandBasis.PointEstimate), (read.Scoring.Policy, read.Scoring.ReadyNowMinimumIndex, read.Scoring.MinimumRaters, read.Scoring.BandBasis));
        Assert.Equal(new ReadinessScoringOptions().ToScoringOptions() with { }, ReadinessOptionsJson.Parse("""{ "Scoring": {} }""").Scoring.ToScoringOptions() with { });
    }

    [Fact]
    public void Every_problem_is_named_by_its_key()
    {
        Assert.Equal(
            ["Readiness:Scoring:ReadyNowMinimumIndx is not a setting (line 1); the settings there are Policy, ProfilePolicies, OvershootCap, IntervalLevel, BandBasis, BandConfidence, ReadyNowMinimumIndex, OnTrackMinimumIndex, ReadyNowMaxYears, NearTermMaxYears, LongTermMaxYears, DevelopmentRate, DevelopmentRates, CriticalGapBand, MinimumRaters, MinimumSources, MinimumCoverage, SelfInflationThreshold, RaterDisagreementThreshold, CohortTopShare."],
            Failures("""{ "Scoring": { "ReadyNowMinimumIndx": 95 } }"""));
        Assert.Equal(
            ["Readiness:Scoring:ReadyNowMinimumIndex was 120; it must be in [0, 100].", "Readiness:Scoring:MinimumRaters was 0; it must be at least 1."],
            Failures("""{ "Readiness": { "Scoring": { "ReadyNowMinimumIndex": 120, "MinimumRaters": 0 } } }"""));
        Assert.Equal(["Readiness:Scoring:Policy has a value of the wrong kind (line 3): a number, true or false, or one of the names the setting takes."],
            Failures("{\n \"Scoring\": {\n  \"Policy\": \"Generous\" } }"));
        Assert.StartsWith("The document is not JSON (line 1): ", Assert.Single(Failures("{ \"Scoring\": ")), StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => ReadinessOptionsJson.Parse(null!));
        Assert.Throws<FileNotFoundException>(() => ReadinessOptionsJson.Read(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".json")));
    }

    private static string[] Failures(string json) => [.. Assert.Throws<OptionsValidationException>(() => ReadinessOptionsJson.Parse(json)).Failures];
}
