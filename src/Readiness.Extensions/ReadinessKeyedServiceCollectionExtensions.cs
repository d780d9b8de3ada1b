using Microsoft.Extensions.DependencyInjection;
using Readiness.Competencies;
using Readiness.Serialization;

namespace Readiness;

/// <summary>Registers several competency models and role profiles side by side, each under a key (a tenant or business unit).</summary>
/// <remarks>
/// Resolve them with <c>provider.GetRequiredKeyedService&lt;CompetencyModel&gt;("emea")</c> or <c>[FromKeyedServices("emea")]</c>.
/// Files are read and checked when registered, so a broken model stops the host at start-up with the file named, not at
/// the first request. The same key registered twice with a different model is refused: one tenant silently getting
/// another's model is the error this guards against.
/// </remarks>
public static class ReadinessKeyedServiceCollectionExtensions
{
    /// <summary>Registers a competency model under a key, as a keyed singleton.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="key">The key (tenant, business unit).</param>
    /// <param name="model">The model.</param>
    /// <returns>The same service collection, for chaining.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="key"/> is blank.</exception>
    /// <exception cref="InvalidOperationException">Another model is already registered under <paramref name="key"/>.</exception>
    public static IServiceCollection AddReadinessModel(this IServiceCollection services, string key, CompetencyModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return AddKeyed(services, key, model, "competency model");
    }

    /// <summary>Reads a competency model from a JSON file and registers it under a key.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="key">The key (tenant, business unit).</param>
    /// <param name="path">The model's JSON file (the format <see cref="ReadinessJson"/> writes).</param>
    /// <returns>The same service collection, for chaining.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidOperationException">The file cannot be read or is not a valid model (the message names the file and every problem), or another model has the key.</exception>
    public static IServiceCollection AddReadinessModel(this IServiceCollection services, string key, string path) =>
        services.AddReadinessModel(key, ReadModel(path));

    internal static CompetencyModel ReadModel(string path) => Read(path, ReadinessJson.ReadCompetencyModel);

    /// <summary>Registers a role profile under a key, as a keyed singleton.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="key">The key.</param>
    /// <param name="profile">The profile.</param>
    /// <returns>The same service collection, for chaining.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="key"/> is blank.</exception>
    /// <exception cref="InvalidOperationException">Another profile is already registered under <paramref name="key"/>.</exception>
    public static IServiceCollection AddReadinessRoleProfile(this IServiceCollection services, string key, RoleProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return AddKeyed(services, key, profile, "role profile");
    }

    /// <summary>Reads a role profile of a registered model from a JSON file and registers it under a key.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="key">The profile's key.</param>
    /// <param name="model">The model the profile is written against (for example the one registered under the tenant's key).</param>
    /// <param name="path">The profile's JSON file.</param>
    /// <returns>The same service collection, for chaining.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidOperationException">The file cannot be read or is not a valid profile of <paramref name="model"/>, or another profile has the key.</exception>
    public static IServiceCollection AddReadinessRoleProfile(this IServiceCollection services, string key, CompetencyModel model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        return services.AddReadinessRoleProfile(key, Read(path, json => ReadinessJson.ReadRoleProfile(json, model)));
    }

    private static IServiceCollection AddKeyed<T>(IServiceCollection services, string key, T value, string what)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        var existing = services.FirstOrDefault(d => d.ServiceType == typeof(T) && d.IsKeyedService && Equals(d.ServiceKey, key));
        if (existing is not null)
        {
            return ReferenceEquals(existing.KeyedImplementationInstance, value)
                ? services
                : throw new InvalidOperationException($"A {what} is already registered under the key '{key}'; each key names one {what}.");
        }

        services.AddKeyedSingleton(key, value);
        return services;
    }

    private static T Read<T>(string path, Func<string, T> parse)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return parse(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or Competencies.ReadinessValidationException)
        {
            throw new InvalidOperationException($"'{path}' could not be loaded: {e.Message}", e);
        }
    }
}
