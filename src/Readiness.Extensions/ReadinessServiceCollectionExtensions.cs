using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Readiness.Calibration;
using Readiness.Competencies;
using Readiness.Internal;
using Readiness.Scoring;
using Readiness.Talent;
using Readiness.Weighting;

// The Readiness namespace, not Microsoft.Extensions.DependencyInjection: "using Readiness;" is what brings AddReadiness in.
namespace Readiness;

/// <summary>Registers Readiness in a <see cref="IServiceCollection"/>.</summary>
public static class ReadinessServiceCollectionExtensions
{
    /// <summary>
    /// Registers the built-in <see cref="LeadershipFramework.Model"/> as the <see cref="CompetencyModel"/>,
    /// <see cref="LeadershipFramework.FirstLineManager"/> as the <see cref="RoleProfile"/>, the crossed random-effects
    /// model (or the method <see cref="ReadinessOptions"/> names) as the <see cref="IRatingCalibrator"/> and
    /// <see cref="ReadinessScorer"/> as the <see cref="IReadinessScorer"/>, all singletons: every one is immutable or stateless.
    /// The five weighting strategies are registered by type, and as <see cref="IWeightingStrategy{TInput}"/> for equal,
    /// rank-order centroid and pairwise weighting. The calibrator and scorer report logs (through <see cref="ILoggerFactory"/> when one is registered), metrics and traces
    /// (see <see cref="ReadinessTelemetry"/>).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same service collection, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    /// <remarks>
    /// Idempotent: every registration uses <c>TryAdd</c>, so calling it twice registers nothing twice, and a model,
    /// profile, calibrator, scorer or development planner you registered before calling it is kept. The calibrator and
    /// scorer follow <see cref="ReadinessOptions"/>, which are validated when the host starts (<c>ValidateOnStart</c>).
    /// </remarks>
    public static IServiceCollection AddReadiness(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        // ValidateOnStart adds a configure action every time it is called, so a marker keeps a second call from adding more.
        if (!services.Any(d => d.ServiceType == typeof(ReadinessMarker)))
        {
            services.AddSingleton<ReadinessMarker>();
            services.AddOptions<ReadinessOptions>().ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ReadinessOptions>, ReadinessOptionsValidator>());
        }

        services.TryAddSingleton(LeadershipFramework.Model);
        services.TryAddSingleton(LeadershipFramework.FirstLineManager);
        services.TryAddSingleton<IRatingCalibrator>(provider => new InstrumentedCalibrator(
            provider.GetRequiredService<IOptions<ReadinessOptions>>().Value.CreateCalibrator(),
            (provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger<InstrumentedCalibrator>()));
        services.TryAddSingleton<IReadinessScorer>(provider => new InstrumentedScorer(
            new ReadinessScorer(provider.GetRequiredService<IOptions<ReadinessOptions>>().Value.Scoring.ToScoringOptions())));
        services.TryAddSingleton<IDevelopmentPlanner>(_ => new DevelopmentPlanner());

        // Weighting strategies: each by its own type, and behind IWeightingStrategy<TInput> where the input names one
        // strategy (points and swings both read competency → number, so neither is that interface's default).
        services.TryAddSingleton(_ => new EqualWeighting());
        services.TryAddSingleton(_ => new DirectPointsWeighting());
        services.TryAddSingleton(_ => new RankOrderCentroidWeighting());
        services.TryAddSingleton(_ => new SwingWeighting());
        services.TryAddSingleton(_ => new PairwiseWeighting());
        services.TryAddSingleton<IWeightingStrategy<IEnumerable<string>>>(provider => provider.GetRequiredService<EqualWeighting>());
        services.TryAddSingleton<IWeightingStrategy<IEnumerable<KeyValuePair<string, int>>>>(provider => provider.GetRequiredService<RankOrderCentroidWeighting>());
        services.TryAddSingleton<IWeightingStrategy<PairwiseComparisons>>(provider => provider.GetRequiredService<PairwiseWeighting>());
        return services;
    }

    /// <summary>Registers Readiness (see <see cref="AddReadiness(IServiceCollection)"/>) with settings set in code.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options; validated at start-up with every broken rule reported at once.</param>
    /// <returns>The same service collection, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configure"/> is null.</exception>
    public static IServiceCollection AddReadiness(this IServiceCollection services, Action<ReadinessOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddReadiness().Configure(configure);
        return services;
    }

    /// <summary>Registers Readiness (see <see cref="AddReadiness(IServiceCollection)"/>) with settings bound from configuration.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="section">The configuration section, usually <c>configuration.GetSection("Readiness")</c>.</param>
    /// <returns>The same service collection, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="section"/> is null.</exception>
    /// <exception cref="InvalidOperationException">A model or profile file named in the section cannot be read or is invalid (the message names the file), or a profile names no configured model.</exception>
    /// <remarks>
    /// Bound with <c>ErrorOnUnknownConfiguration</c>: a misspelt key ("ReadyNowMinimumIdex") fails at start-up like a bad
    /// value does, instead of leaving the default silently in force. <c>Models</c> and <c>Profiles</c> entries are read and
    /// registered as keyed singletons now (see <see cref="ReadinessOptions.Models"/>). Binding uses reflection, as the configuration binder
    /// does; for trimmed or native-AOT hosts, use the <see cref="Action{T}"/> overload.
    /// </remarks>
    [RequiresUnreferencedCode("Binding configuration to ReadinessOptions uses reflection; use the Action<ReadinessOptions> overload in trimmed applications.")]
    [RequiresDynamicCode("Binding configuration to ReadinessOptions may need code generated at run time; use the Action<ReadinessOptions> overload with native AOT.")]
    public static IServiceCollection AddReadiness(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        services.AddReadiness().AddOptions<ReadinessOptions>().Bind(section, binder => binder.ErrorOnUnknownConfiguration = true);

        // Keyed models and profiles are registrations, so they are read now, not when the options are first resolved.
        var models = new Dictionary<string, CompetencyModel>(StringComparer.Ordinal);
        foreach (var entry in section.GetSection(nameof(ReadinessOptions.Models)).GetChildren())
        {
            var model = ReadinessKeyedServiceCollectionExtensions.ReadModel(ConfiguredPath(entry.Value, entry.Path));
            services.AddReadinessModel(entry.Key, model);
            models[entry.Key] = model;
        }

        foreach (var entry in section.GetSection(nameof(ReadinessOptions.Profiles)).GetChildren())
        {
            var modelKey = entry[nameof(ReadinessProfileFile.Model)];
            var model = modelKey is not null && models.TryGetValue(modelKey, out var found)
                ? found
                : throw new InvalidOperationException($"{entry.Path}:Model is '{modelKey}'; it must be the key of a model under {(section as IConfigurationSection)?.Path ?? "the section"}:Models.");
            services.AddReadinessRoleProfile(entry.Key, model, ConfiguredPath(entry[nameof(ReadinessProfileFile.Path)], entry.Path + ":Path"));
        }

        return services;
    }

    private static string ConfiguredPath(string? value, string key) =>
        string.IsNullOrWhiteSpace(value)
            ? throw new InvalidOperationException($"{key} is empty; it must name a JSON file.")
            : Path.Combine(AppContext.BaseDirectory, value);

    /// <summary>Marks a collection <see cref="AddReadiness(IServiceCollection)"/> has already run on.</summary>
    private sealed class ReadinessMarker;
}
