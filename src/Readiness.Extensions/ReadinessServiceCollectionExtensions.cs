using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Readiness.Calibration;
using Readiness.Competencies;
using Readiness.Scoring;
using Readiness.Talent;

// The Readiness namespace, not Microsoft.Extensions.DependencyInjection: "using Readiness;" is what brings AddReadiness in.
namespace Readiness;

/// <summary>Registers Readiness in a <see cref="IServiceCollection"/>.</summary>
public static class ReadinessServiceCollectionExtensions
{
    /// <summary>
    /// Registers the built-in <see cref="LeadershipFramework.Model"/> as the <see cref="CompetencyModel"/>,
    /// <see cref="LeadershipFramework.FirstLineManager"/> as the <see cref="RoleProfile"/>, the crossed random-effects
    /// model as the <see cref="IRatingCalibrator"/> and <see cref="ReadinessScorer"/> as the <see cref="IReadinessScorer"/>
    /// (default settings), all singletons: every one is immutable or stateless.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same service collection, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    /// <remarks>
    /// Idempotent: every registration uses <c>TryAdd</c>, so calling it twice registers nothing twice, and a model,
    /// profile, calibrator, scorer or development planner you registered before calling it is kept.
    /// </remarks>
    public static IServiceCollection AddReadiness(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(LeadershipFramework.Model);
        services.TryAddSingleton(LeadershipFramework.FirstLineManager);
        services.TryAddSingleton<IRatingCalibrator>(_ => new CrossedRandomEffectsCalibrator());
        services.TryAddSingleton<IReadinessScorer>(_ => new ReadinessScorer());
        services.TryAddSingleton<IDevelopmentPlanner>(_ => new DevelopmentPlanner());
        return services;
    }
}
