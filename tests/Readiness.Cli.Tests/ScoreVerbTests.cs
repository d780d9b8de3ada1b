using System.CommandLine;
using System.Text.Json.Nodes;

namespace Readiness.Cli.Tests;

public sealed class ScoreVerbTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("readiness-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Score_writes_readiness_and_explanations_for_every_ratee()
    {
        var organisation = Path.Combine(_directory, "org");
        var output = Path.Combine(_directory, "out");
        Assert.Equal(0, Run("simulate", "--people", "120", "--seed", "4", "--out", organisation).Code);

        var (code, text, _) = Run("score", "--ratings", Path.Combine(organisation, "ratings.csv"), "--performance", Path.Combine(organisation, "performance.csv"), "--out", output);

        Assert.Equal(0, code);
        Assert.Contains("Scored 120 people against first-line-manager", text, StringComparison.Ordinal);
        var lines = File.ReadAllLines(Path.Combine(output, "readiness.csv"));
        Assert.Equal("ratee,index,lower,upper,band,performance,flags,p_ready_now,p_ready_within_2y,rank_low,rank_high,years_to_ready,years_low,years_high,development_basis", lines[0]);
        Assert.Equal(121, lines.Length);
        Assert.Contains(lines, l => l.Contains(",ready-", StringComparison.Ordinal));
        var explanations = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "explanations.json")))!.AsArray();
        Assert.Equal(120, explanations.Count);
        foreach (var person in explanations.Where(p => p!["index"] is not null))
        {
            var sum = person!["competencies"]!.AsArray().Sum(c => (double)c!["contribution"]!);
            Assert.Equal((double)person["index"]!, sum, 1e-9);
        }
    }

    [Fact]
    public void A_run_that_succeeds_lists_the_rows_it_rejected_and_one_with_none_writes_no_rejects()
    {
        var organisation = Path.Combine(_directory, "org");
        Assert.Equal(0, Run("simulate", "--people", "120", "--seed", "4", "--out", organisation).Code);
        var ratings = Path.Combine(organisation, "ratings.csv");
        var rows = File.ReadAllLines(ratings).Length;
        var spoiled = Path.Combine(_directory, "spoiled.csv");
        File.WriteAllLines(spoiled, [.. File.ReadAllLines(ratings), "P001,P002,peer,delegates,9,"]);

        var clean = Run("score", "--ratings", ratings, "--out", Path.Combine(_directory, "clean"));
        var (code, text, _) = Run("score", "--ratings", spoiled, "--out", Path.Combine(_directory, "spoiled"));

        Assert.Equal(0, clean.Code);
        Assert.False(File.Exists(Path.Combine(_directory, "clean", "rejects.csv")));
        Assert.Contains("warnings.txt, set-aside-raters.csv and manifest.json", clean.Output, StringComparison.Ordinal);
        Assert.Equal(0, code);
        Assert.Contains("warnings.txt, set-aside-raters.csv, rejects.csv and manifest.json", text, StringComparison.Ordinal);
        var rejects = File.ReadAllLines(Path.Combine(_directory, "spoiled", "rejects.csv"));
        Assert.Equal(2, rejects.Length);
        Assert.StartsWith($"{rows + 1},value-off-scale,", rejects[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Explanations_show_a_sources_average_only_where_enough_of_its_raters_rated_the_person()
    {
        var organisation = Path.Combine(_directory, "org");
        Assert.Equal(0, Run("simulate", "--people", "120", "--seed", "4", "--out", organisation).Code);
        var ratings = Path.Combine(organisation, "ratings.csv");

        Assert.Equal(0, Run("score", "--ratings", ratings, "--out", Path.Combine(_directory, "default")).Code);
        Assert.Equal(0, Run("score", "--ratings", ratings, "--anonymity", "1", "--out", Path.Combine(_directory, "all")).Code);
        var (code, _, error) = Run("score", "--ratings", ratings, "--anonymity", "0", "--out", Path.Combine(_directory, "none"));

        // Self and manager are shown whatever their number; any other source only from three raters up, with the count
        // always given.
        var shown = Sources("default");
        Assert.Contains(shown, s => s.Withheld);
        Assert.Contains(shown, s => s.Source == "direct-report" && !s.Withheld);
        Assert.All(shown, s => Assert.Equal(s.Source is not "self" and not "manager" && s.Raters < 3, s.Withheld));
        Assert.All(shown, s => Assert.Equal(s.Withheld, s.Average is null));
        Assert.DoesNotContain(Sources("all"), s => s.Withheld);
        Assert.Equal(2, code);
        Assert.Equal("error: --anonymity was 0; it must be at least 1 (1 shows every source's average).", error.Split('\n')[0].TrimEnd());
    }

    private (string Source, int Raters, double? Average, bool Withheld)[] Sources(string run) =>
        [.. JsonNode.Parse(File.ReadAllText(Path.Combine(_directory, run, "explanations.json")))!.AsArray()
            .SelectMany(p => p!["competencies"]!.AsArray())
            .SelectMany(c => c!["sources"]!.AsArray())
            .Select(s => ((string)s!["source"]!, (int)s["raters"]!, (double?)s["average"], (bool)s["withheld"]!))];

    [Fact]
    public void The_framework_verb_writes_the_profile_that_score_reads()
    {
        var organisation = Path.Combine(_directory, "org");
        var role = Path.Combine(_directory, "role.json");
        Assert.Equal(0, Run("simulate", "--people", "60", "--seed", "2", "--out", organisation).Code);
        Assert.Equal(0, Run("framework", "--role", "first-line-manager", "--out", role).Code);
        Assert.Equal(0, Run("framework").Code);

        var (code, text, _) = Run("score", "--ratings", Path.Combine(organisation, "ratings.csv"), "--role", role, "--out", Path.Combine(_directory, "out"));

        Assert.Equal(0, code);
        Assert.Contains("first-line-manager", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_framework_verb_makes_the_folder_of_its_file_and_names_a_path_it_cannot_write()
    {
        var nested = Path.Combine(_directory, "roles", "2027", "role.json");
        Assert.Equal(0, Run("framework", "--role", "first-line-manager", "--out", nested).Code);
        Assert.True(File.Exists(nested));

        var blocked = Path.Combine(nested, "role.json"); // under a file, not a folder
        var (code, _, error) = Run("framework", "--out", blocked);

        Assert.Equal(2, code);
        Assert.StartsWith($"error: {blocked}: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void When_the_rows_kept_cannot_be_calibrated_the_rejected_ones_are_listed_and_their_reason_said_first()
    {
        // Every rating by someone else carries a source value of the file's own ('line_manager'); only self-ratings remain.
        var ratings = Path.Combine(_directory, "own-sources.csv");
        var lines = new List<string> { "ratee,rater,source,competency,value" };
        foreach (var (person, own) in new[] { ("P1", 2), ("P2", 3), ("P3", 4) })
        {
            lines.Add($"{person},{person},self,delegates,{own}");
            lines.AddRange(new[] { "R1", "R2", "R3" }.Select(rater => $"{person},{rater},line_manager,delegates,3"));
        }

        File.WriteAllLines(ratings, lines);
        var output = Path.Combine(_directory, "out");

        var (code, _, error) = Run("score", "--ratings", ratings, "--out", output);

        Assert.Equal(2, code);
        Assert.Contains("9 of 12 rows were rejected", error, StringComparison.Ordinal);
        Assert.Contains("9 × invalid-source, e.g. line 3: Source 'line_manager' is not one of", error, StringComparison.Ordinal);
        Assert.True(error.IndexOf("InvalidSource", StringComparison.Ordinal) < error.IndexOf("calibration is not possible", StringComparison.Ordinal), error);
        Assert.Equal(10, File.ReadAllLines(Path.Combine(output, "rejects.csv")).Length);
    }

    [Fact]
    public void Unusable_input_gets_one_line_and_exit_code_2()
    {
        var empty = Path.Combine(_directory, "empty.csv");
        File.WriteAllText(empty, string.Empty);
        var badRole = Path.Combine(_directory, "role.json");
        File.WriteAllText(badRole, "{ \"id\": 3 }");

        var (code, _, error) = Run("score", "--ratings", empty, "--out", Path.Combine(_directory, "out"));
        Assert.Equal(2, code);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Contains("empty", error, StringComparison.Ordinal);

        (code, _, error) = Run("score", "--ratings", empty, "--role", badRole);
        Assert.Equal(2, code);
        Assert.StartsWith("error:", error, StringComparison.Ordinal);

        (code, _, error) = Run("framework", "--role", "ceo");
        Assert.Equal(2, code);
        Assert.Contains("not built in", error, StringComparison.Ordinal);
    }

    internal static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = ReadinessCommand.Run(args, new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }
}
