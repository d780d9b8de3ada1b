using System.Collections;
using System.Reflection;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Readiness.Calibration;
using Readiness.Internal;
using Readiness.Scoring;

namespace Readiness.Extensions.Tests;

/// <summary>Every property of Core's calibrator and scorer options is a configuration key, and every key reaches Core.</summary>
public sealed class OptionsShapeTests
{
    /// <summary>Every setting at a valid value other than its default.</summary>
    private const string EverySetting = """
        { "Readiness": {
            "Calibration": {
              "Method": "{METHOD}",
              "Crossed": { "Path": "Exact", "ExactPathMaxFactorEntries": 1000000, "MaxMemoryBytes": 1000000000, "ExactPathMaxSeconds": 10,
                           "Tolerance": 1e-7, "MaxIterations": 100, "MaxDegreeOfParallelism": 1, "PersonEffect": "PerDomain" },
              "Rasch": { "SourceFacet": true, "ScoreTolerance": 1e-6, "MaxIterations": 200, "ExtremeScoreAdjustment": 0.25, "MaxStep": 0.5 }
            },
            "Scoring": {
              "Policy": "Conjunctive", "ProfilePolicies": { "team-lead": "Compensatory" }, "OvershootCap": 0.2, "IntervalLevel": 0.8,
              "BandBasis": "LowerBound", "BandConfidence": 0.9, "ReadyNowMinimumIndex": 85, "OnTrackMinimumIndex": 40,
              "ReadyNowMaxYears": 0.25, "NearTermMaxYears": 1.5, "LongTermMaxYears": 4, "DevelopmentRate": 0.4,
              "DevelopmentRates": { "Delegation": 0.3 }, "CriticalGapBand": "ReadyIn3PlusYears", "MinimumRaters": 2,
              "MinimumSources": 1, "MinimumCoverage": 0.8, "SelfInflationThreshold": 0.5, "RaterDisagreementThreshold": 1.5,
              "CohortTopShare": 0.2
            }
        } }
        """;

    public static TheoryData<Type, Type> Mirrors => new()
    {
        { typeof(ScoringOptions), typeof(ReadinessScoringOptions) },
        { typeof(CrossedModelOptions), typeof(ReadinessCrossedModelOptions) },
        { typeof(RaschOptions), typeof(ReadinessRaschOptions) },
    };

    [Theory]
    [MemberData(nameof(Mirrors))]
    public void Every_Core_property_has_a_setting_of_the_same_name_kind_and_default(Type core, Type setting)
    {
        var coreDefaults = Activator.CreateInstance(core)!;
        var converted = Convert(Activator.CreateInstance(setting)!);
        var settings = setting.GetProperties(BindingFlags.Public | BindingFlags.Instance).ToDictionary(p => p.Name);

        Assert.Equal(core.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).Order(), settings.Keys.Order());
        foreach (var property in core.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var value = property.GetValue(coreDefaults);
            if (value is IEnumerable collection)
            {
                Assert.Empty(collection);
                Assert.Empty((IEnumerable)property.GetValue(converted)!);
            }
            else
            {
                Assert.Equal(property.PropertyType, settings[property.Name].PropertyType);
                Assert.Equal(value, property.GetValue(converted));
            }
        }
    }

    [Theory]
    [InlineData("CrossedRandomEffects")]
    [InlineData("ManyFacetRasch")]
    public void Every_setting_bound_from_configuration_reaches_the_calibrator_and_the_scorer(string method)
    {
        var json = EverySetting.Replace("{METHOD}", method, StringComparison.Ordinal);
        using var provider = new ServiceCollection()
            .AddReadiness(new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build().GetSection("Readiness"))
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        provider.GetRequiredService<IStartupValidator>().Validate();

        var calibrator = Assert.IsType<InstrumentedCalibrator>(provider.GetRequiredService<IRatingCalibrator>()).Inner;
        object calibration = calibrator switch
        {
            CrossedRandomEffectsCalibrator crossed => crossed.Options,
            ManyFacetRaschCalibrator rasch => rasch.Options,
            _ => throw new InvalidOperationException(calibrator.GetType().Name),
        };
        var scorer = Assert.IsType<ReadinessScorer>(Assert.IsType<InstrumentedScorer>(provider.GetRequiredService<IReadinessScorer>()).Inner);
        AssertNoDefaults(calibration);
        AssertNoDefaults(scorer.Options);
        Assert.Equal(ScoringPolicy.Compensatory, scorer.Options.PolicyFor("team-lead"));
        Assert.Equal(ScoringPolicy.Conjunctive, scorer.Options.PolicyFor("Team-Lead"));
        Assert.Equal(0.3, scorer.Options.DevelopmentRateFor("DELEGATION"));

        // The JSON reader for hosts without configuration reads the same document to the same options.
        var read = ReadinessOptionsJson.Parse(json);
        Assert.Equal(scorer.Options.ReadyNowMinimumIndex, read.Scoring.ToScoringOptions().ReadyNowMinimumIndex);
        AssertNoDefaults(read.Scoring.ToScoringOptions());
        AssertNoDefaults(read.Calibration.Crossed.ToCrossedModelOptions());
        AssertNoDefaults(read.Calibration.Rasch.ToRaschOptions());
    }

    [Fact]
    public void Calibration_settings_break_Cores_rules_under_their_keys()
    {
        var options = new ReadinessOptions();
        options.Calibration.Crossed.Tolerance = double.NaN;
        options.Calibration.Crossed.MaxDegreeOfParallelism = 0;
        options.Calibration.Rasch.MaxStep = 20;
        options.Scoring.DevelopmentRates["ACME.Delegation"] = -1;

        var failures = new ReadinessOptionsValidator().Validate(null, options).Failures!.ToArray();

        Assert.Equal(
        [
            "Readiness:Calibration:Crossed:Tolerance was NaN; it must be in [1E-14, 0.01].",
            "Readiness:Calibration:Crossed:MaxDegreeOfParallelism was 0; it must be -1 (one per processor) or at least 1.",
            "Readiness:Calibration:Rasch:MaxStep was 20; it must be in [0.01, 10].",
            "Readiness:Scoring:DevelopmentRates['ACME.Delegation'] was -1; it must be a positive number of scale points per year.",
        ], failures);
    }

    private static object Convert(object setting) => setting switch
    {
        ReadinessScoringOptions s => s.ToScoringOptions(),
        ReadinessCrossedModelOptions c => c.ToCrossedModelOptions(),
        ReadinessRaschOptions r => r.ToRaschOptions(),
        _ => throw new ArgumentOutOfRangeException(nameof(setting)),
    };

    /// <summary>Every property differs from a new instance's: each one was bound, not left at its default.</summary>
    private static void AssertNoDefaults(object options)
    {
        var defaults = Activator.CreateInstance(options.GetType())!;
        foreach (var property in options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var (value, fallback) = (property.GetValue(options), property.GetValue(defaults));
            Assert.True(value is IEnumerable collection ? collection.Cast<object>().Any() : !Equals(value, fallback), $"{options.GetType().Name}.{property.Name} kept its default.");
        }
    }
}
