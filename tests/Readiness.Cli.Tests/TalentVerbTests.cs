using System.Text.Json.Nodes;

namespace Readiness.Cli.Tests;

public sealed class TalentVerbTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("readiness-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Talent_writes_the_nine_box_a_slate_per_role_the_bench_and_plans_accounting_for_everyone()
    {
        var organisation = Path.Combine(_directory, "org");
        var output = Path.Combine(_directory, "out");
        Assert.Equal(0, ScoreVerbTests.Run("simulate", "--people", "120", "--seed", "4", "--out", organisation).Code);
        var flm = Path.Combine(_directory, "flm.json");
        Assert.Equal(0, ScoreVerbTests.Run("framework", "--role", "first-line-manager", "--out", flm).Code);
        var teamLead = Path.Combine(_directory, "team-lead.json");
        File.WriteAllText(teamLead, File.ReadAllText(flm).Replace("\"first-line-manager\"", "\"team-lead\"", StringComparison.Ordinal));
        var exclude = Path.Combine(_directory, "exclude.csv");
        File.WriteAllLines(exclude, ["ratee,reason", "P001,flight risk", "P001,listed twice"]);

        var (code, text, error) = ScoreVerbTests.Run("talent", "--ratings", Path.Combine(organisation, "ratings.csv"), "--performance", Path.Combine(organisation, "performance.csv"),
            "--role", flm, "--role", teamLead, "--exclude", exclude, "--date", "2027-01-04", "--out", output);

        Assert.Equal(0, code);
        Assert.Contains("line 3", error, StringComparison.Ordinal);
        Assert.Matches(@"9-box for first-line-manager: \d+ of 120 people boxed( \(\d+ not scored for lack of evidence\))?, \d+ of them less than 80% sure of their box;", text);
        var box = File.ReadAllLines(Path.Combine(output, "nine-box.csv"));
        Assert.Equal(121, box.Length);
        var excluded = Array.IndexOf(box[0].Split(','), "excluded");
        Assert.Equal("p_box", box[0].Split(',')[^1]);
        Assert.All(box.Skip(1), l => Assert.True(l.Split(',')[1].Length > 0 ^ l.Split(',')[excluded].Length > 0));

        // Everyone boxed carries the chance of the box; nobody else does.
        Assert.All(box.Skip(1), l => Assert.Equal(l.Split(',')[1].Length > 0, l.Split(',')[^1] is { Length: > 0 } p && double.Parse(p, System.Globalization.CultureInfo.InvariantCulture) is >= 0 and <= 1));
        var bench = File.ReadAllLines(Path.Combine(output, "bench.csv"));
        Assert.Equal(3, bench.Length);
        foreach (var role in new[] { "first-line-manager", "team-lead" })
        {
            var slate = File.ReadAllLines(Path.Combine(output, $"slate-{role}.csv"));
            Assert.Equal(121, slate.Length);
            Assert.Contains(slate, l => l.StartsWith(",P001,", StringComparison.Ordinal) && l.Contains("excluded-by-caller: flight risk", StringComparison.Ordinal));
            var listed = slate.Skip(1).Count(l => !l.StartsWith(',')).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(listed, bench.Single(l => l.StartsWith(role + ",", StringComparison.Ordinal)).Split(',')[5]);
        }

        var plans = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "plans.json")))!.AsArray();
        Assert.NotEmpty(plans);
        Assert.All(plans, p => Assert.All(p!["steps"]!.AsArray(), s => Assert.True((double)s!["gap"]! > 0)));
        var talent = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "talent.json")))!;
        Assert.Equal("2027-01-04", (string)talent["date"]!);
        Assert.Equal(2, talent["slates"]!.AsArray().Count);
        Assert.Equal(plans.Count, talent["plans"]!.AsArray().Count);

        // Without a performance file, and with a role of leadership competencies only, nobody has a performance measure to
        // be boxed by: the console says why rather than a bare "0 of 120".
        var leadership = JsonNode.Parse(File.ReadAllText(flm))!;
        var requirements = leadership["requirements"]!.AsArray();
        foreach (var performance in requirements.Where(r => (string)r!["competency"]! is "delivers-results" or "quality-of-work" or "technical-expertise" or "productivity").ToArray())
        {
            requirements.Remove(performance);
        }

        var lead = Path.Combine(_directory, "lead.json");
        File.WriteAllText(lead, leadership.ToJsonString());
        var bare = ScoreVerbTests.Run("talent", "--ratings", Path.Combine(organisation, "ratings.csv"), "--role", lead, "--date", "2027-01-04", "--out", Path.Combine(_directory, "bare"));
        Assert.Equal(0, bare.Code);
        Assert.Matches(@"9-box for first-line-manager: 0 of 120 people boxed \((\d+ not scored for lack of evidence, )?\d+ without a performance measure \(--performance FILE\.csv gives one, as does a role with individual-performance competencies\)\),", bare.Output);
    }

    [Fact]
    public void A_role_given_twice_or_a_bad_exclusion_file_gets_one_line_and_exit_code_2()
    {
        var organisation = Path.Combine(_directory, "org");
        Assert.Equal(0, ScoreVerbTests.Run("simulate", "--people", "40", "--seed", "2", "--out", organisation).Code);
        var flm = Path.Combine(_directory, "flm.json");
        Assert.Equal(0, ScoreVerbTests.Run("framework", "--role", "first-line-manager", "--out", flm).Code);
        var ratings = Path.Combine(organisation, "ratings.csv");

        var (code, _, error) = ScoreVerbTests.Run("talent", "--ratings", ratings, "--role", flm, "--role", flm, "--out", Path.Combine(_directory, "out"));
        Assert.Equal(2, code);
        Assert.Contains("given 2 times", error, StringComparison.Ordinal);

        var exclude = Path.Combine(_directory, "exclude.csv");
        File.WriteAllText(exclude, "person,why\n");
        (code, _, error) = ScoreVerbTests.Run("talent", "--ratings", ratings, "--exclude", exclude, "--out", Path.Combine(_directory, "out"));
        Assert.Equal(2, code);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Contains("ratee,reason", error, StringComparison.Ordinal);
    }
}
