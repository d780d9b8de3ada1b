using System.CommandLine;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Readiness.Cli.Tests;

/// <summary>Every run leaves a manifest that proves which files it read and wrote, and with which version and arguments.</summary>
public sealed class RunManifestTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("readiness-manifest-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_run_records_its_verb_arguments_version_and_the_hash_of_every_input_and_output()
    {
        var organisation = Path.Combine(_directory, "org");
        var output = Path.Combine(_directory, "out");
        Assert.Equal(0, Run("simulate", "--people", "40", "--seed", "4", "--out", organisation).Code);
        var ratings = Path.Combine(organisation, "ratings.csv");
        string[] arguments = ["calibrate", "--ratings", ratings, "--method", "mean-centre", "--out", output];

        Assert.Equal(0, Run(arguments).Code);

        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "manifest.json")))!;
        Assert.Equal("calibrate", (string)manifest["verb"]!);
        Assert.Equal(arguments, manifest["arguments"]!.AsArray().Select(a => (string)a!));
        Assert.StartsWith(typeof(Readiness.Evidence.RatingSet).Assembly.GetName().Version!.ToString(3), (string)manifest["version"]!, StringComparison.Ordinal);
        Assert.True(DateTimeOffset.Parse((string)manifest["started"]!) <= DateTimeOffset.Parse((string)manifest["finished"]!));

        var input = Assert.Single(manifest["inputs"]!.AsArray())!;
        Assert.Equal("ratings.csv", (string)input["file"]!);
        Assert.Equal(Path.GetFullPath(ratings), (string)input["path"]!);
        Assert.Equal(new FileInfo(ratings).Length, (long)input["bytes"]!);
        Assert.Equal(Sha256(ratings), (string)input["sha256"]!);

        // Every other file of the run is listed with its hash, and nothing else.
        var outputs = manifest["outputs"]!.AsArray().ToDictionary(o => (string)o!["file"]!, o => (string)o!["sha256"]!);
        var written = Directory.EnumerateFiles(output).Select(Path.GetFileName).Where(n => n != "manifest.json").Order(StringComparer.Ordinal);
        Assert.Equal(written, outputs.Keys);
        Assert.All(outputs, o => Assert.Equal(Sha256(Path.Combine(output, o.Key)), o.Value));

        // The simulation that made the ratings has its own, with its seed among the arguments.
        var simulation = JsonNode.Parse(File.ReadAllText(Path.Combine(organisation, "manifest.json")))!;
        Assert.Equal("simulate", (string)simulation["verb"]!);
        Assert.Contains("--seed", simulation["arguments"]!.AsArray().Select(a => (string)a!));
        Assert.Empty(simulation["inputs"]!.AsArray());
    }

    [Fact]
    public void A_refused_run_records_its_rejects_alone_and_a_manifest_never_replaces_an_input()
    {
        var organisation = Path.Combine(_directory, "org");
        Assert.Equal(0, Run("simulate", "--people", "40", "--seed", "4", "--out", organisation).Code);
        var output = Path.Combine(_directory, "out");
        File.WriteAllText(Path.Combine(_directory, "broken.csv"), "ratee,rater,competency,value\n");

        // Refused, it writes the one output it has, rejects.csv, with a manifest that lists that and nothing else.
        Assert.Equal(2, Run("calibrate", "--ratings", Path.Combine(_directory, "broken.csv"), "--out", output).Code);
        var refused = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "manifest.json")))!;
        Assert.Equal(["rejects.csv"], refused["outputs"]!.AsArray().Select(o => (string)o!["file"]!));
        Directory.Delete(output, recursive: true);

        // A model file that happens to be called manifest.json, in the output directory, is an input: refused, untouched.
        var model = Path.Combine(output, "manifest.json");
        Directory.CreateDirectory(output);
        File.WriteAllText(model, "{}");
        var (code, _, error) = Run("calibrate", "--ratings", Path.Combine(organisation, "ratings.csv"), "--model", model, "--out", output);
        Assert.Equal(2, code);
        Assert.Contains("manifest.json: it is an input, and the run would write its manifest.json over it", error, StringComparison.Ordinal);
        Assert.Equal("{}", File.ReadAllText(model));
    }

    [Fact]
    public void A_rerun_removes_what_its_earlier_run_wrote_and_it_did_not_and_nothing_else()
    {
        var organisation = Path.Combine(_directory, "org");
        Assert.Equal(0, Run("simulate", "--people", "60", "--seed", "4", "--out", organisation).Code);
        var roles = Path.Combine(_directory, "roles");
        Assert.Equal(0, Run("framework", "--role", "first-line-manager", "--out", Path.Combine(roles, "lead.json")).Code);
        var senior = File.ReadAllText(Path.Combine(roles, "lead.json")).Replace("\"id\": \"first-line-manager\"", "\"id\": \"senior-lead\"", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(roles, "senior.json"), senior);
        var output = Path.Combine(_directory, "talent");
        string[] common = ["talent", "--ratings", Path.Combine(organisation, "ratings.csv"), "--allow-unscored", "--out", output];
        Assert.Equal(0, Run([.. common, "--role", Path.Combine(roles, "lead.json"), "--role", Path.Combine(roles, "senior.json")]).Code);
        Assert.True(File.Exists(Path.Combine(output, "slate-senior-lead.csv")));
        File.WriteAllText(Path.Combine(output, "my-notes.txt"), "mine");
        Assert.Equal(0, Run("calibrate", "--ratings", Path.Combine(organisation, "ratings.csv"), "--method", "mean-centre", "--out", Path.Combine(_directory, "other")).Code);

        // The second run asks for one role: the other's slate is the first run's, not this one's, and goes.
        Assert.Equal(0, Run([.. common, "--role", Path.Combine(roles, "lead.json")]).Code);

        Assert.False(File.Exists(Path.Combine(output, "slate-senior-lead.csv")));
        Assert.True(File.Exists(Path.Combine(output, "slate-first-line-manager.csv")));
        Assert.Equal("mine", File.ReadAllText(Path.Combine(output, "my-notes.txt")));
        var listed = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "manifest.json")))!["outputs"]!.AsArray().Select(o => (string)o!["file"]!);
        Assert.Equal(Directory.EnumerateFiles(output).Select(Path.GetFileName).Where(n => n is not ("manifest.json" or "my-notes.txt")).Order(StringComparer.Ordinal), listed);

        // Another verb's run in the same folder leaves this one's files alone, and never removes its own inputs.
        Assert.Equal(0, Run("calibrate", "--ratings", Path.Combine(organisation, "ratings.csv"), "--method", "mean-centre", "--out", output).Code);
        Assert.True(File.Exists(Path.Combine(output, "slate-first-line-manager.csv")));
        Assert.Equal(0, Run("simulate", "--people", "30", "--seed", "5", "--out", output).Code);
        Assert.Equal(0, Run("calibrate", "--ratings", Path.Combine(output, "ratings.csv"), "--method", "mean-centre", "--out", output).Code);
        Assert.True(File.Exists(Path.Combine(output, "ratings.csv")));
    }

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = ReadinessCommand.Run(args, new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }
}
