using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Readiness.Competencies;
using Readiness.Serialization;

namespace Readiness.Extensions.Tests;

public sealed class ConfiguredModelTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("readiness-configured-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Models_and_profiles_named_in_configuration_are_registered_by_key()
    {
        var model = Path.Combine(_directory, "tenant-a.json");
        File.WriteAllText(model, ReadinessJson.Write(LeadershipFramework.Model));
        var profile = Path.Combine(_directory, "tenant-a-manager.json");
        File.WriteAllText(profile, ReadinessJson.Write(LeadershipFramework.FirstLineManager));
        var settings = new Dictionary<string, string?>
        {
            ["Readiness:Models:tenant-a"] = model,
            ["Readiness:Profiles:tenant-a-manager:Model"] = "tenant-a",
            ["Readiness:Profiles:tenant-a-manager:Path"] = profile,
        };

        using var provider = new ServiceCollection().AddReadiness(Section(settings)).BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.Equal(LeadershipFramework.Model.Id, provider.GetRequiredKeyedService<CompetencyModel>("tenant-a").Id);
        Assert.Equal(LeadershipFramework.FirstLineManager.Id, provider.GetRequiredKeyedService<RoleProfile>("tenant-a-manager").Id);
    }

    [Fact]
    public void A_profile_of_an_unconfigured_model_or_a_missing_file_stops_registration_naming_the_key()
    {
        var orphan = new Dictionary<string, string?> { ["Readiness:Profiles:p:Model"] = "nobody", ["Readiness:Profiles:p:Path"] = "x.json" };
        var missing = new Dictionary<string, string?> { ["Readiness:Models:m"] = Path.Combine(_directory, "none.json") };

        var noModel = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddReadiness(Section(orphan)));
        var noFile = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddReadiness(Section(missing)));

        Assert.Contains("Readiness:Profiles:p:Model is 'nobody'", noModel.Message, StringComparison.Ordinal);
        Assert.Contains("none.json", noFile.Message, StringComparison.Ordinal);
    }

    private static IConfigurationSection Section(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection("Readiness");
}
