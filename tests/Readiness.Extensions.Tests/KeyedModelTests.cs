using Microsoft.Extensions.DependencyInjection;
using Readiness.Competencies;
using Readiness.Serialization;

namespace Readiness.Extensions.Tests;

public sealed class KeyedModelTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("readiness-keyed-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Two_tenants_models_and_profiles_resolve_side_by_side_from_json_files()
    {
        var emea = File(LeadershipFramework.Model, "emea-model.json");
        var apac = new CompetencyModelBuilder("apac", "APAC model")
            .AddCompetency("leads", "Leads", CompetencyDomain.Leadership, c => c.WithDefinition("Leads people."))
            .Build();
        var profile = Path.Combine(_directory, "emea-manager.json");
        System.IO.File.WriteAllText(profile, ReadinessJson.Write(LeadershipFramework.FirstLineManager));

        using var provider = new ServiceCollection()
            .AddReadiness()
            .AddReadinessModel("emea", emea)
            .AddReadinessModel("apac", apac)
            .AddReadinessRoleProfile("emea-manager", LeadershipFramework.Model, profile)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Assert.Equal(LeadershipFramework.Model.Competencies.Length, provider.GetRequiredKeyedService<CompetencyModel>("emea").Competencies.Length);
        Assert.Same(apac, provider.GetRequiredKeyedService<CompetencyModel>("apac"));
        Assert.Same(provider.GetRequiredKeyedService<CompetencyModel>("emea"), provider.GetRequiredKeyedService<CompetencyModel>("emea"));
        Assert.Equal(LeadershipFramework.FirstLineManager.Id, provider.GetRequiredKeyedService<RoleProfile>("emea-manager").Id);
        Assert.Same(LeadershipFramework.Model, provider.GetRequiredService<CompetencyModel>()); // the unkeyed default stays
    }

    [Fact]
    public void A_key_names_one_model_and_registering_the_same_one_again_adds_nothing()
    {
        var services = new ServiceCollection().AddReadinessModel("emea", LeadershipFramework.Model);
        var count = services.Count;

        services.AddReadinessModel("emea", LeadershipFramework.Model);
        var error = Assert.Throws<InvalidOperationException>(() => services.AddReadinessModel("emea", File(LeadershipFramework.Model, "copy.json")));

        Assert.Equal(count, services.Count);
        Assert.Contains("'emea'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_file_stops_registration_naming_the_file()
    {
        var path = Path.Combine(_directory, "broken.json");
        System.IO.File.WriteAllText(path, """{ "id": "x" """);

        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddReadinessModel("x", path));
        var missing = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddReadinessModel("x", Path.Combine(_directory, "none.json")));

        Assert.Contains("broken.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("none.json", missing.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddReadinessModel(" ", LeadershipFramework.Model));
    }

    private string File(CompetencyModel model, string name)
    {
        var path = Path.Combine(_directory, name);
        System.IO.File.WriteAllText(path, ReadinessJson.Write(model));
        return path;
    }
}
