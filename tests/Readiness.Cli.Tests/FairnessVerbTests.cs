using System.Globalization;
using System.Text.Json.Nodes;

namespace Readiness.Cli.Tests;

public sealed class FairnessVerbTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("readiness-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Audit_and_validity_run_on_a_simulated_organisation()
    {
        var organisation = Path.Combine(_directory, "org");
        Assert.Equal(0, ScoreVerbTests.Run("simulate", "--people", "200", "--seed", "6", "--group-bias", "0.05", "--out", organisation).Code);
        Assert.True(File.Exists(Path.Combine(organisation, "groups.csv")));
        var ratings = Path.Combine(organisation, "ratings.csv");

        var (code, text, _) = ScoreVerbTests.Run("audit", "--ratings", ratings, "--groups", Path.Combine(organisation, "groups.csv"), "--min-cell", "5", "--out", Path.Combine(_directory, "audit"));

        Assert.Equal(0, code);
        Assert.Contains("by sex, ethnicity, sex × ethnicity", text, StringComparison.Ordinal);
        var rows = File.ReadAllLines(Path.Combine(_directory, "audit", "audit.csv")).Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.Equal(["calibrated", "raw-mean"], rows.Select(r => r[0]).Distinct().Order());
        Assert.Equal(["ethnicity", "sex", "sex × ethnicity"], rows.Select(r => r[1]).Distinct().Order());
        Assert.Subset(new HashSet<string> { "reference", "compared", "excluded-small-share", "suppressed", "omnibus", "unknown" }, rows.Select(r => r[3]).ToHashSet());
        Assert.All(rows.Where(r => r[3] == "suppressed"), r => Assert.All(r[4..], cell => Assert.Equal(string.Empty, cell)));

        // Per kind of score: the two sexes, the omnibus test, the unknown; the omnibus row sums the compared groups.
        Assert.Equal(2 * 4, rows.Count(r => r[1] == "sex"));
        Assert.Equal(6, rows.Count(r => r[3] == "omnibus"));
        var sex = rows.Where(r => r[0] == "calibrated" && r[1] == "sex").ToArray();
        Assert.Equal(sex.Where(r => r[3] is "reference" or "compared").Sum(r => int.Parse(r[4], CultureInfo.InvariantCulture)), int.Parse(sex.Single(r => r[3] == "omnibus")[4], CultureInfo.InvariantCulture));
        Assert.Contains("selection ", text, StringComparison.Ordinal);
        Assert.All(rows.Where(r => r[3] == "unknown"), r => Assert.Equal("0", r[4]));
        Assert.True(File.ReadAllLines(Path.Combine(_directory, "audit", "rater-splits.csv")).Length > 1);

        // The potential gap, written with the audit, withholds what the audit suppresses for that attribute (a minimum of 40
        // hides the smallest ethnicity and what would give it away).
        Assert.Equal(0, ScoreVerbTests.Run("audit", "--ratings", ratings, "--groups", Path.Combine(organisation, "groups.csv"), "--min-cell", "40", "--out", Path.Combine(_directory, "audit40")).Code);
        var strict = File.ReadAllLines(Path.Combine(_directory, "audit40", "audit.csv")).Skip(1).Select(l => l.Split(',')).ToArray();
        var gaps = File.ReadAllLines(Path.Combine(_directory, "audit40", "potential-gap.csv")).Skip(1).Select(l => l.Split(',')).ToArray();
        var hidden = strict.Where(r => r[0] == "calibrated" && r[1] is "sex" or "ethnicity" && r[3] == "suppressed").Select(r => (r[1], r[2])).ToArray();
        Assert.NotEmpty(hidden);
        Assert.All(hidden, h => Assert.All(gaps.Single(g => (g[0], g[1]) == h)[2..], cell => Assert.Equal(string.Empty, cell)));
        Assert.Equal(2, gaps.Count(g => g[1] == "(all tested)"));

        (code, text, _) = ScoreVerbTests.Run("validity", "--ratings", ratings, "--outcomes", Path.Combine(organisation, "outcomes.csv"), "--reliability", "0.8", "--out", Path.Combine(_directory, "validity"));

        Assert.Equal(0, code);
        Assert.Contains("readiness r =", text, StringComparison.Ordinal);
        var validity = JsonNode.Parse(File.ReadAllText(Path.Combine(_directory, "validity", "validity.json")))!;
        Assert.True((int)validity["sample"]! >= 190);
        Assert.NotNull(validity["readiness"]!["corrected"]);
        Assert.Null(validity["readinessAuc"]);
    }

    [Fact]
    public void Bad_group_files_outcomes_and_options_get_one_line_and_exit_code_2()
    {
        var organisation = Path.Combine(_directory, "org");
        Assert.Equal(0, ScoreVerbTests.Run("simulate", "--people", "24", "--seed", "2", "--out", organisation).Code);
        var ratings = Path.Combine(organisation, "ratings.csv");
        var groups = Path.Combine(_directory, "groups.csv");
        File.WriteAllText(groups, "person,sex\n");

        var (code, _, error) = ScoreVerbTests.Run("audit", "--ratings", ratings, "--groups", groups);
        Assert.Equal(2, code);
        Assert.Contains("expected a header row ratee,ATTRIBUTE", error, StringComparison.Ordinal);

        (code, _, error) = ScoreVerbTests.Run("audit", "--ratings", ratings, "--groups", Path.Combine(organisation, "groups.csv"), "--outcome", "best", "--out", Path.Combine(_directory, "a"));
        Assert.Equal(2, code);
        Assert.Contains("--outcome 'best'", error, StringComparison.Ordinal);

        (code, _, error) = ScoreVerbTests.Run("validity", "--ratings", ratings, "--outcomes", Path.Combine(organisation, "outcomes.csv"), "--out", Path.Combine(_directory, "v"));
        Assert.Equal(2, code);
        Assert.Contains("the study needs at least 30", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }
}
