using System.Text.Json.Nodes;

namespace Readiness.Cli.Tests;

public sealed class ReliabilityVerbTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("readiness-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Reliability_writes_icc_and_alpha_per_competency_rater_diagnostics_and_self_other_agreement()
    {
        var organisation = Path.Combine(_directory, "org");
        var output = Path.Combine(_directory, "out");
        Assert.Equal(0, ScoreVerbTests.Run("simulate", "--people", "150", "--seed", "9", "--out", organisation).Code);

        var (code, text, _) = ScoreVerbTests.Run("reliability", "--ratings", Path.Combine(organisation, "ratings.csv"), "--out", output);

        Assert.Equal(0, code);
        Assert.Contains("raters flagged", text, StringComparison.Ordinal);
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "reliability.json")))!;
        var competencies = json["competencies"]!.AsArray();
        Assert.Equal(14, competencies.Count);
        foreach (var c in competencies.Append(json["overall"]))
        {
            Assert.Equal(6, c!["icc"]!.AsObject().Count);
            Assert.InRange((double)c["icc"]!["ICC(1,1)"]!["value"]!, 0.05, 0.95);
            Assert.InRange((double)c["krippendorffAlpha"]!["interval"]!, 0.05, 0.95);
            Assert.True((int)c["iccTargets"]! >= 0.8 * 150 - 1);
        }

        Assert.Empty(json["anonymisedSources"]!.AsArray());
        Assert.InRange((int)json["evidencePlanning"]!["ratersFor80"]!, 2, 30);
        Assert.InRange((int)json["evidencePlanning"]!["simulatedRatersFor80"]!, 2, 12);
        Assert.Equal(12, json["evidencePlanning"]!["simulated"]!.AsArray().Count);
        var agreement = File.ReadAllLines(Path.Combine(output, "agreement.csv"));
        Assert.Equal("ratee,competency,people,mean_sd,rwg", agreement[0]);
        Assert.Equal(14, agreement.Count(l => l.StartsWith(',')));
        var diagnostics = File.ReadAllLines(Path.Combine(output, "rater-diagnostics.csv"));
        Assert.Equal("rater,ratings,ratees,leniency,se,leniency_p,spread_ratio,spread_p,halo_ratio,halo_p,mean_square,mean_square_p,flags", diagnostics[0]);
        Assert.Contains(diagnostics, l => l.EndsWith("lenient", StringComparison.Ordinal) || l.Contains("lenient;", StringComparison.Ordinal));
        var selfOther = File.ReadAllLines(Path.Combine(output, "self-other.csv"));
        Assert.Equal(150, selfOther.Count(l => l.Contains(",overall,", StringComparison.Ordinal)));
    }
    [Fact]
    public void Reliability_of_an_anonymised_export_says_what_it_leaves_out()
    {
        var organisation = Path.Combine(_directory, "anonymised");
        var output = Path.Combine(_directory, "anonymised-out");
        Assert.Equal(0, ScoreVerbTests.Run("simulate", "--people", "150", "--seed", "9", "--design", "anonymised", "--out", organisation).Code);

        var (code, text, _) = ScoreVerbTests.Run("reliability", "--ratings", Path.Combine(organisation, "ratings.csv"), "--out", output);

        Assert.Equal(0, code);
        Assert.Contains("peer, direct-report and skip-level ratings carry rater ids that do not repeat", text, StringComparison.Ordinal);
        Assert.Contains("the raters a reliability needs are not estimated", text, StringComparison.Ordinal);
        Assert.Contains("no named rater to diagnose;", text, StringComparison.Ordinal);
        Assert.DoesNotContain("0 of 0", text, StringComparison.Ordinal);
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "reliability.json")))!;
        Assert.Contains("peer", json["anonymisedSources"]!.AsArray().Select(s => (string)s!));
        Assert.Null(json["evidencePlanning"]);
        Assert.True(json.AsObject().ContainsKey("evidencePlanning"));
        Assert.Equal(0, (int)json["overall"]!["iccTargets"]!);
        Assert.All(json["competencies"]!.AsArray(), c => Assert.InRange((double)c!["icc"]!["ICC(1,1)"]!["value"]!, 0.05, 0.95));
        Assert.Single(File.ReadAllLines(Path.Combine(output, "rater-diagnostics.csv")));
    }
}
