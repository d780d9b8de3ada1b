using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Readiness.Competencies;
using Readiness.Serialization;
using IOFile = System.IO.File;

namespace Readiness.Cli.Tests;

/// <summary>The progress verb: growth across review cycles, on the simulator's cycles and on an analyst's own framework, column names and cycle names.</summary>
public sealed class ProgressVerbTests : IDisposable
{
    private static readonly string[] Competencies = ["acme.coach", "acme.direct", "acme.grow", "acme.ship"];
    private static readonly string[] Cycles = ["FY24 review", "FY25 review", "FY26 review"];
    private readonly string _directory = Directory.CreateTempSubdirectory("readiness-cli-progress-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_model_file_writes_the_formula_the_fit_took()
    {
        // A newcomer's check: on an anonymised export the rater term was left out while model.json still wrote (1 | rater).
        var organisation = File("anonymised");
        Assert.Equal(0, Run("simulate", "--people", "60", "--seed", "3", "--design", "anonymised", "--cycles", "2", "--out", organisation).Code);

        var (code, _, error) = Run("progress", "--ratings", Path.Combine(organisation, "ratings.csv"), "--out", File("out"));

        Assert.True(code == 0, error);
        var model = JsonNode.Parse(IOFile.ReadAllText(Path.Combine(File("out"), "model.json")))!;
        Assert.Equal("value ~ competency + competency:time + source + (1 + time | ratee) + (1 | ratee:competency)", (string)model["formula"]!);
        Assert.DoesNotContain("rater", model["varianceComponents"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void Simulated_cycles_give_trajectories_growth_and_the_model()
    {
        var organisation = File("org");
        Assert.Equal(0, Run("simulate", "--people", "60", "--seed", "4", "--cycles", "3", "--out", organisation).Code);
        Assert.Equal(["cycle,date", "2024-03-01,2024-03-01", "2025-03-01,2025-03-01", "2026-03-01,2026-03-01"], IOFile.ReadAllLines(Path.Combine(organisation, "cycles.csv")));
        Assert.Contains(IOFile.ReadLines(Path.Combine(organisation, "truth.csv")), l => l.StartsWith("growth,P01,", StringComparison.Ordinal));

        var (code, text, error) = Run("progress", "--ratings", Path.Combine(organisation, "ratings.csv"), "--out", File("out"));

        Assert.True(code == 0, error);
        Assert.Contains("Longitudinal model over 3 cycles (2024-03-01 to 2026-03-01): converged", text, StringComparison.Ordinal);
        Assert.Contains("Each of the 60 people was rated in two or more cycles", text, StringComparison.Ordinal);
        var trajectories = IOFile.ReadAllLines(Path.Combine(File("out"), "trajectories.csv"));
        Assert.Equal("ratee,competency,cycle,estimate,se", trajectories[0]);
        Assert.Equal((60 * 14 * 3) + 1, trajectories.Length);
        var growth = IOFile.ReadAllLines(Path.Combine(File("out"), "growth.csv"));
        Assert.Equal("ratee,growth,se,basis", growth[0]);
        Assert.Equal(61, growth.Length);
        Assert.All(growth.Skip(1), l => Assert.EndsWith(",person", l, StringComparison.Ordinal));
        var model = JsonNode.Parse(IOFile.ReadAllText(Path.Combine(File("out"), "model.json")))!;
        Assert.Equal(["ratee_competency", "ratee", "ratee_time", "rater", "residual"], model["varianceComponents"]!.AsObject().Select(p => p.Key));
        Assert.InRange((double)model["correlation"]!, -1, 1);
        Assert.Equal(14, model["competencyGrowth"]!.AsArray().Count);
        Assert.Equal("value ~ competency + competency:time + source + (1 + time | ratee) + (1 | ratee:competency) + (1 | rater)", (string)model["formula"]!);
        Assert.False(IOFile.Exists(Path.Combine(File("out"), "readiness.csv")));

        // With a role, readiness at the last cycle, each gap closing at the person's own measured growth.
        Assert.Equal(0, Run("framework", "--role", "first-line-manager", "--out", File("flm.json")).Code);
        var scored = Run("progress", "--ratings", Path.Combine(organisation, "ratings.csv"), "--role", File("flm.json"), "--performance", Path.Combine(organisation, "performance.csv"), "--out", File("scored"));
        Assert.True(scored.Code == 0, scored.Error);
        Assert.Contains("Readiness for first-line-manager at 2026-03-01 (the last cycle rated):", scored.Output, StringComparison.Ordinal);
        Assert.Contains("Time to ready rests on the person's own measured growth for ", scored.Output, StringComparison.Ordinal);
        var readiness = IOFile.ReadAllLines(Path.Combine(File("scored"), "readiness.csv"));
        Assert.EndsWith(",years_to_ready,years_low,years_high,development_basis", readiness[0], StringComparison.Ordinal);
        Assert.All(readiness.Skip(1).Where(l => !l.Contains("insufficient-evidence", StringComparison.Ordinal)), l => Assert.EndsWith(",person", l, StringComparison.Ordinal));
        var explanations = JsonNode.Parse(IOFile.ReadAllText(Path.Combine(File("scored"), "explanations.json")))!.AsArray();
        Assert.Contains(explanations, e => (string)e!["developmentBasis"]! == "person" && (double)e["yearsToReadyUpper"]! >= (double)e["yearsToReady"]!);
    }

    [Fact]
    public void Promotions_are_followed_up_against_readiness_at_their_date_and_team_outcomes()
    {
        var organisation = File("org");
        Assert.Equal(0, Run("simulate", "--people", "200", "--seed", "6", "--cycles", "2", "--promotion-share", "0.2", "--out", organisation).Code);
        Assert.Equal(41, IOFile.ReadAllLines(Path.Combine(organisation, "promotions.csv")).Length);
        Assert.Equal(0, Run("framework", "--role", "first-line-manager", "--out", File("flm.json")).Code);
        string[] inputs = ["progress", "--ratings", Path.Combine(organisation, "ratings.csv"), "--cycles", Path.Combine(organisation, "cycles.csv"), "--promotions", Path.Combine(organisation, "promotions.csv")];

        var (code, text, error) = Run([.. inputs, "--role", File("flm.json"), "--performance", Path.Combine(organisation, "performance.csv"), "--outcomes", Path.Combine(organisation, "outcomes.csv"), "--out", File("out")]);

        Assert.True(code == 0, error);
        Assert.Contains("Promotions followed up: 40 people promoted, 40 with a team outcome a year on, 1 not scored at the date of their promotion.", text, StringComparison.Ordinal);
        Assert.Contains("Team outcome a year on against readiness at promotion: r = ", text, StringComparison.Ordinal);
        var followUp = JsonNode.Parse(IOFile.ReadAllText(Path.Combine(File("out"), "promotions.json")))!;
        var promotions = followUp["promotions"]!.AsArray();
        Assert.Equal(40, promotions.Count);
        Assert.All(promotions, p => Assert.Equal("2025-03-01", (string)p!["date"]!));
        Assert.Equal((int)followUp["study"]!["sample"]!, followUp["byBand"]!.AsArray().Sum(b => (int)b!["people"]!));
        Assert.Equal(promotions.Count(p => (bool)p!["scored"]!), (int)followUp["study"]!["sample"]!);
        Assert.InRange((double)followUp["study"]!["readiness"]!["r"]!, -1, 1);

        // Promotions need the role they were into; outcomes need the promotions; a promotion into another role is refused by name.
        var noRole = Run([.. inputs, "--out", File("no-role")]);
        Assert.Equal(2, noRole.Code);
        Assert.StartsWith("error: --promotions (promotions.csv) needs --role", noRole.Error, StringComparison.Ordinal);
        var performanceAlone = Run("progress", "--ratings", Path.Combine(organisation, "ratings.csv"), "--performance", Path.Combine(organisation, "performance.csv"), "--out", File("performance-alone"));
        Assert.Equal(2, performanceAlone.Code);
        Assert.StartsWith("error: --performance (performance.csv) needs --role", performanceAlone.Error, StringComparison.Ordinal);
        var noPromotions = Run("progress", "--ratings", Path.Combine(organisation, "ratings.csv"), "--role", File("flm.json"), "--outcomes", Path.Combine(organisation, "outcomes.csv"), "--out", File("no-promotions"));
        Assert.Equal(2, noPromotions.Code);
        Assert.Contains("--outcomes (outcomes.csv) needs --promotions", noPromotions.Error, StringComparison.Ordinal);
        IOFile.WriteAllText(File("other.csv"), "ratee,date,role\nP001,2025-03-01,head-of-sales\n");
        var other = Run("progress", "--ratings", Path.Combine(organisation, "ratings.csv"), "--role", File("flm.json"), "--promotions", File("other.csv"), "--out", File("other"));
        Assert.Equal(2, other.Code);
        Assert.Contains("the promotion of P001 names the role 'head-of-sales', but --role gives 'first-line-manager'", other.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(File("other")));
    }

    [Fact]
    public void Styled_raters_set_aside_on_request_are_listed_with_their_diagnostics()
    {
        var organisation = File("org");
        Assert.Equal(0, Run("simulate", "--people", "150", "--seed", "8", "--cycles", "2", "--out", organisation).Code);

        var (code, text, error) = Run("progress", "--ratings", Path.Combine(organisation, "ratings.csv"), "--set-aside-styled-raters", "--out", File("out"));

        Assert.True(code == 0, error);
        var setAside = IOFile.ReadAllLines(Path.Combine(File("out"), "set-aside-raters.csv"));
        Assert.Equal("rater,ratings,ratees,leniency,se,leniency_p,spread_ratio,spread_p,halo_ratio,halo_p,mean_square,mean_square_p,flags", setAside[0]);
        Assert.Matches($@"Set aside {setAside.Length - 1} raters flagged for central tendency \(\d+\) or halo \(\d+(; \d+ of them for both)?\), and their [\d,]+ ratings", text);
        var styles = IOFile.ReadLines(Path.Combine(organisation, "truth.csv")).Select(l => l.Split(',')).Where(c => c[0] == "rater").ToDictionary(c => c[1], c => c[4]);
        Assert.All(setAside.Skip(1).Select(l => l.Split(',')), c => Assert.Contains(styles[c[0]], new[] { "central-tendency", "halo" }));
        Assert.Contains("set-aside-raters.csv", text, StringComparison.Ordinal);

        // The verbs that score take the same option on one date's ratings.
        Assert.Equal(0, Run("simulate", "--people", "150", "--seed", "8", "--out", File("one")).Code);
        var scored = Run("score", "--ratings", Path.Combine(File("one"), "ratings.csv"), "--styled-raters", "set-aside-always", "--allow-unscored", "--out", File("scored"));
        Assert.True(scored.Code == 0, scored.Error);
        Assert.Matches(@"Set aside \d+ raters flagged for central tendency \(\d+\) or halo \(\d+(; \d+ of them for both)?\)", scored.Output);
        Assert.True(IOFile.ReadAllLines(Path.Combine(File("scored"), "set-aside-raters.csv")).Length > 1);

        Assert.DoesNotContain("were kept", scored.Output, StringComparison.Ordinal);

        // By default nobody goes unscored for a styled manager: their ratings stay where a person needs them for the evidence rules.
        var kept = Run("score", "--ratings", Path.Combine(File("one"), "ratings.csv"), "--allow-unscored", "--out", File("kept"));
        Assert.True(kept.Code == 0, kept.Error);
        var keptCount = int.Parse(System.Text.RegularExpressions.Regex.Match(kept.Output, @"\(for (\d+) people who would otherwise have fewer raters or sources than the evidence rules ask, or than they had, the ratings of as few of them as they need were kept, and the model.s variance components are those of the ratings without any of them, those people.s standard errors widened by the error those raters. style carries\)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(keptCount, IOFile.ReadLines(Path.Combine(File("kept"), "readiness.csv")).Count(l => l.Contains("styled-raters-kept", StringComparison.Ordinal)));
        var all = Run("score", "--ratings", Path.Combine(File("one"), "ratings.csv"), "--styled-raters", "keep", "--allow-unscored", "--out", File("all"));
        static int Unscored(string output) => output.Split('\n').Single(l => l.StartsWith("Scored ", StringComparison.Ordinal)) is var line && line.Contains("insufficient-evidence ", StringComparison.Ordinal)
            ? int.Parse(line.Split("insufficient-evidence ")[1].Split(',')[0], System.Globalization.CultureInfo.InvariantCulture) : 0;
        Assert.Equal(Unscored(all.Output), Unscored(kept.Output));
        Assert.True(Unscored(scored.Output) > Unscored(kept.Output), scored.Output);
        Assert.False(IOFile.Exists(Path.Combine(File("all"), "set-aside-raters.csv")));
        Assert.DoesNotContain("Set aside", all.Output, StringComparison.Ordinal);
        var unknown = Run("score", "--ratings", Path.Combine(File("one"), "ratings.csv"), "--styled-raters", "sometimes", "--out", File("unknown"));
        Assert.Equal(2, unknown.Code);
        Assert.Contains("set-aside-unless-needed", unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_input_that_is_a_pipe_is_refused_with_what_to_give_instead()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // A pipe can be read once: hashed for the manifest, nothing would be left to use. A named pipe stands in for
        // bash's <(…), fed by a writer of its own.
        var fifo = File("ratings.fifo");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", fifo))
        {
            await mkfifo.WaitForExitAsync();
        }

        var writer = Task.Run(() =>
        {
            try
            {
                IOFile.WriteAllText(fifo, "ratee,rater,competency,value,cycle\n");
            }
            catch (IOException)
            {
                // The run may close its end before the writer writes (a broken pipe): that is the refusal being quick.
            }
        });
        var (code, _, error) = Run("progress", "--ratings", fifo, "--out", File("out"));
        await writer.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, code);
        Assert.Contains("is not a regular file (a pipe or a device)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Development_records_give_each_interventions_change_in_growth_with_the_warning()
    {
        var organisation = File("org");
        Assert.Equal(0, Run("simulate", "--people", "80", "--seed", "4", "--cycles", "3", "--development-share", "0.4", "--out", organisation).Code);
        Assert.Equal("ratee,intervention,competency,start,end", IOFile.ReadLines(Path.Combine(organisation, "development.csv")).First());

        var (code, text, error) = Run("progress", "--ratings", Path.Combine(organisation, "ratings.csv"), "--development", Path.Combine(organisation, "development.csv"), "--out", File("out"));

        Assert.True(code == 0, error);
        Assert.Contains("warning: Development was not assigned at random", text, StringComparison.Ordinal);
        Assert.Matches(@"Development 'leadership programme' \(\d+ people\): change in growth a year while in it [+-]\d\.\d\d \[[+-]\d\.\d\d, [+-]\d\.\d\d\]; after it ended [+-]\d\.\d\d", text);
        var rows = IOFile.ReadAllLines(Path.Combine(File("out"), "interventions.csv"));
        Assert.Equal("intervention,people,during,during_se,during_low,during_high,after,after_se,after_low,after_high,competencies", rows[0]);
        var cells = Assert.Single(rows.Skip(1)).Split(',');
        Assert.Equal("leadership programme", cells[0]);
        Assert.All(cells.Skip(2).SkipLast(1), c => Assert.True(double.TryParse(c, System.Globalization.CultureInfo.InvariantCulture, out _), c));
        Assert.Equal(string.Join(';', LeadershipFramework.Model.Competencies.Where(c => c.Domain == CompetencyDomain.Leadership).Select(c => c.Id.Value)), cells[^1]);
        Assert.Contains("development-not-randomised", IOFile.ReadAllText(Path.Combine(File("out"), "model.json")), StringComparison.Ordinal);
        Assert.False(IOFile.Exists(Path.Combine(File("out"), "plans.json")));

        // A development row left out is said on the console and kept in warnings.txt.
        IOFile.WriteAllLines(File("development-bad.csv"), [.. IOFile.ReadAllLines(Path.Combine(organisation, "development.csv")), "P01,coaching,,2025-01-01,2024-01-01"]);
        var bad = Run("progress", "--ratings", Path.Combine(organisation, "ratings.csv"), "--development", File("development-bad.csv"), "--out", File("bad"));
        Assert.True(bad.Code == 0, bad.Error);
        var line = $"warning: development-bad.csv line {IOFile.ReadAllLines(File("development-bad.csv")).Length}: the end '2024-01-01' is not an ISO date on or after the start; left out.";
        Assert.Contains(line, bad.Error, StringComparison.Ordinal);
        Assert.Contains(line, IOFile.ReadAllLines(Path.Combine(File("bad"), "warnings.txt")));

        // With a role as well: plans that use what the programme was measured to do.
        Assert.Equal(0, Run("framework", "--role", "first-line-manager", "--out", File("flm.json")).Code);
        var planned = Run("progress", "--ratings", Path.Combine(organisation, "ratings.csv"), "--development", Path.Combine(organisation, "development.csv"), "--role", File("flm.json"), "--out", File("plans"));
        Assert.True(planned.Code == 0, planned.Error);
        var plans = JsonNode.Parse(IOFile.ReadAllText(Path.Combine(File("plans"), "plans.json")))!.AsArray();
        Assert.NotEmpty(plans);
        var helped = double.Parse(cells[4], System.Globalization.CultureInfo.InvariantCulture) > 0;
        Assert.Contains(helped ? "Development plans for " : "no intervention was measured to help", planned.Output, StringComparison.Ordinal);
        foreach (var step in plans.SelectMany(p => p!["steps"]!.AsArray()))
        {
            // The programme develops the leadership competencies only.
            var developed = helped && (string)step!["domain"]! == "Leadership";
            Assert.Equal(developed, (string?)step!["measuredIntervention"] == "leadership programme");
            Assert.Equal(developed, step["interventions"]![0]!["measured"] is not null);
            Assert.True(!developed || (double)step["yearsToCloseWithMeasured"]! < (double)step["yearsToClose"]!);
        }
    }

    [Fact]
    public void An_analysts_own_framework_columns_and_named_cycles_with_a_calendar()
    {
        WriteOwnData(people: 50);
        string[] common = ["--ratings", File("export.csv"), "--model", File("model.json"), "--columns", "ratee=employee_id,rater=assessor,competency=skill,value=score,cycle=review"];

        var (code, text, error) = Run(["progress", .. common, "--cycles", File("cycles.csv"), "--out", File("out")]);

        Assert.True(code == 0, error);
        Assert.Contains("over 3 cycles (2024-01-15 to 2025-11-30)", text, StringComparison.Ordinal);
        var rows = IOFile.ReadAllLines(Path.Combine(File("out"), "trajectories.csv")).Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.Equal(Cycles, rows.Select(r => r[2]).Distinct());
        Assert.Equal(Competencies, rows.Select(r => r[1]).Distinct());
        // A person who joined in the last cycle has the cohort's growth, and says so.
        Assert.Contains(IOFile.ReadLines(Path.Combine(File("out"), "growth.csv")), l => l.StartsWith("late01,", StringComparison.Ordinal) && l.EndsWith(",cohort", StringComparison.Ordinal));
        Assert.Contains("49 of 50 people were rated in two or more cycles", text, StringComparison.Ordinal);

        // Without the calendar the labels would have to be dates, and the error says what to give.
        var undated = Run(["progress", .. common, "--out", File("undated")]);
        Assert.Equal(2, undated.Code);
        Assert.Contains("'FY24 review' is not an ISO date", undated.Error, StringComparison.Ordinal);
        Assert.Contains("--cycles FILE", undated.Error, StringComparison.Ordinal);

        // A calendar that leaves a cycle out names it.
        IOFile.WriteAllLines(File("short.csv"), ["cycle,date", "FY24 review,2024-01-15", "FY25 review,2024-12-01"]);
        var missing = Run(["progress", .. common, "--cycles", File("short.csv"), "--out", File("short")]);
        Assert.Equal(2, missing.Code);
        Assert.Contains("in the review cycle 'FY26 review', which the calendar does not date", missing.Error, StringComparison.Ordinal);

        // A calendar with a cycle to come: assessed at the last cycle rated, and said so.
        IOFile.WriteAllLines(File("ahead.csv"), ["cycle,date", "FY24 review,2024-01-15", "FY25 review,2024-12-01", "FY26 review,2025-11-30", "FY27 review,2026-12-01"]);
        var ahead = Run(["progress", .. common, "--cycles", File("ahead.csv"), "--out", File("ahead")]);
        Assert.Equal(0, ahead.Code);
        Assert.Contains("warning: the calendar lists 1 cycle no rating carries ('FY27 review')", ahead.Output, StringComparison.Ordinal);
        Assert.Equal(4, IOFile.ReadLines(Path.Combine(File("ahead"), "trajectories.csv")).Skip(1).Select(l => l.Split(',')[2]).Distinct().Count());

        IOFile.WriteAllLines(File("bad.csv"), ["cycle,date", "FY24 review,15/01/2024"]);
        var bad = Run(["progress", .. common, "--cycles", File("bad.csv"), "--out", File("bad")]);
        Assert.Equal(2, bad.Code);
        Assert.Contains("bad.csv: line 2 is not a cycle label and an ISO date", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Ratings_without_cycles_are_refused_saying_why()
    {
        var organisation = File("org");
        Assert.Equal(0, Run("simulate", "--people", "30", "--seed", "4", "--out", organisation).Code);

        var (code, _, error) = Run("progress", "--ratings", Path.Combine(organisation, "ratings.csv"), "--out", File("out"));

        Assert.Equal(2, code);
        Assert.Contains("the ratings carry no review cycle", error, StringComparison.Ordinal);
    }

    /// <summary>A 1–4 model of four competencies, and an export of three named review cycles, one person joining late.</summary>
    private void WriteOwnData(int people)
    {
        var builder = new CompetencyModelBuilder("acme", "Acme model")
            .WithScale(ProficiencyScale.Create(Enumerable.Range(1, 4).Select(v => new ScaleLevel(v, $"level {v}", $"Level {v} of 4."))));
        foreach (var id in Competencies)
        {
            builder.AddCompetency(id, id, id == "acme.ship" ? CompetencyDomain.IndividualPerformance : CompetencyDomain.Leadership, b => b.WithDefinition($"What {id} asks."));
        }

        IOFile.WriteAllText(File("model.json"), ReadinessJson.Write(builder.Build()));
        IOFile.WriteAllLines(File("cycles.csv"), ["cycle,date", "FY24 review,2024-01-15", "FY25 review,2024-12-01", "FY26 review,2025-11-30"]);
        var random = new Random(7);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var leniency = Enumerable.Range(0, 20).Select(_ => 0.3 * Normal()).ToArray();
        var lines = new List<string> { "employee_id,assessor,rater_type,skill,score,review" };
        for (var p = 0; p < people; p++)
        {
            var id = p == 0 ? "late01" : $"e{p:D3}";
            var (level, growth) = (2.3 + (0.5 * Normal()), 0.25 + (0.15 * Normal()));
            for (var k = p == 0 ? 2 : 0; k < Cycles.Length; k++)
            {
                foreach (var r in Enumerable.Range(0, 20).OrderBy(_ => random.Next()).Take(4))
                {
                    foreach (var c in Competencies)
                    {
                        var score = Math.Clamp(Math.Round(level + (growth * k) + leniency[r] + (0.5 * Normal())), 1, 4);
                        lines.Add(string.Create(CultureInfo.InvariantCulture, $"{id},a{r:D2},peer,{c},{score},{Cycles[k]}"));
                    }
                }
            }
        }

        IOFile.WriteAllLines(File("export.csv"), lines);
    }

    private string File(string name) => Path.Combine(_directory, name);

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = ReadinessCommand.Run(args, new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }
}
