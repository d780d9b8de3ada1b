using System.Globalization;
using System.Text;
using Readiness.Competencies;
using Readiness.Serialization;
using IOFile = System.IO.File;

namespace Readiness.Cli.Tests;

/// <summary>
/// An analyst's own framework — six competencies with their own ids on a 1–4 scale, a role written for it — through every
/// verb that reads ratings, and the errors such a user meets, each naming the file and every problem.
/// </summary>
public sealed class CustomModelTests : IDisposable
{
    private static readonly string[] Leadership = ["acme.coach", "acme.direct", "acme.grow", "acme.trust"];
    private static readonly string[] Performance = ["acme.ship", "acme.craft"];
    private static readonly string[] ExportColumns = ["--columns", "ratee=employee_id,rater=rater_id,source=rater_type,value=score"];
    private readonly string _directory = Directory.CreateTempSubdirectory("readiness-cli-custom-").FullName;

    public CustomModelTests()
    {
        var builder = new CompetencyModelBuilder("acme", "Acme model")
            .WithScale(ProficiencyScale.Create(Enumerable.Range(1, 4).Select(v => new ScaleLevel(v, $"level {v}", $"Level {v} of 4."))));
        foreach (var id in Leadership.Concat(Performance))
        {
            builder.AddCompetency(id, id, Leadership.Contains(id) ? CompetencyDomain.Leadership : CompetencyDomain.IndividualPerformance, b => b.WithDefinition($"What {id} asks."));
        }

        var model = builder.Build();
        IOFile.WriteAllText(File("model.json"), ReadinessJson.Write(model));
        IOFile.WriteAllText(File("lead.json"), ReadinessJson.Write(Role(model, "acme-lead", 3)));
        IOFile.WriteAllText(File("senior.json"), ReadinessJson.Write(Role(model, "acme-senior", 4)));
        WriteCohort(people: 90);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("csv")]
    [InlineData("xlsx")]
    public void Every_verb_that_reads_ratings_takes_the_users_model_roles_and_column_names(string format)
    {
        // An HR export's own column names, mapped onto the ratings fields; as CSV, or as a workbook.
        string[] common = ["--ratings", WriteExport(format), "--model", File("model.json"), .. ExportColumns];

        Assert.Equal(0, Verb("calibrate", common, "--out", File("cal")).Code);
        Assert.Contains("acme.coach", IOFile.ReadAllText(Path.Combine(File("cal"), "estimates.csv")), StringComparison.Ordinal);

        var score = Verb("score", common, "--role", File("lead.json"), "--performance", File("performance.csv"), "--out", File("score"));
        Assert.Equal(0, score.Code);
        Assert.Contains("Scored 90 people against acme-lead", score.Output, StringComparison.Ordinal);

        var talent = Verb("talent", common, "--role", File("lead.json"), "--role", File("senior.json"), "--performance", File("performance.csv"), "--out", File("talent"));
        Assert.Equal(0, talent.Code);
        Assert.True(IOFile.Exists(Path.Combine(File("talent"), "slate-acme-senior.csv")));

        Assert.Equal(0, Verb("audit", common, "--role", File("lead.json"), "--groups", File("groups.csv"), "--out", File("audit")).Code);
        Assert.Equal(0, Verb("validity", common, "--role", File("lead.json"), "--outcomes", File("outcomes.csv"), "--performance", File("performance.csv"), "--out", File("validity")).Code);

        var reliability = Verb("reliability", common, "--out", File("reliability"));
        Assert.Equal(0, reliability.Code);
        Assert.Contains("\"acme.grow\"", IOFile.ReadAllText(Path.Combine(File("reliability"), "reliability.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_of_ones_own_without_a_role_is_refused_saying_what_to_give()
    {
        var (code, _, error) = Verb("score", ["--ratings", File("ratings.csv"), "--model", File("model.json")], "--out", File("out"));

        Assert.Equal(2, code);
        Assert.Equal(
            "error: --role: the model 'acme' is your own, and the built-in role is written for the built-in framework; give --role ROLE.json with a role for your model (readiness scaffold --ratings FILE.csv writes a first one; readiness framework --role first-line-manager shows the format).\n",
            error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_role_that_does_not_fit_the_model_is_named_with_every_problem()
    {
        IOFile.WriteAllText(File("bad.json"), IOFile.ReadAllText(File("lead.json"))
            .Replace("\"acme.grow\"", "\"acme.growth\"", StringComparison.Ordinal)
            .Replace("\"target\": 3,", "\"target\": 5,", StringComparison.Ordinal));

        var (code, _, error) = Verb("talent", ["--ratings", File("ratings.csv"), "--model", File("model.json")], "--role", File("lead.json"), "--role", File("bad.json"), "--out", File("out"));

        Assert.Equal(2, code);
        var lines = error.ReplaceLineEndings("\n").TrimEnd().Split('\n');
        Assert.Equal("error: bad.json: The JSON document is invalid (7 problems):", lines[0]);
        Assert.Contains("- $.requirements[2].competency: 'acme.growth' is not a competency of model 'acme'", lines);
        Assert.Equal(6, lines.Count(l => l.StartsWith("- $.requirements[", StringComparison.Ordinal) && l.Contains(".target: 5 is not on the scale 1–4", StringComparison.Ordinal)));
        Assert.False(Directory.Exists(File("out")));
    }

    [Theory]
    [InlineData("missing.json", null, "error: missing.json: the file does not exist\n")]
    [InlineData("broken.json", "{ \"formatVersion\": 1, ", "error: broken.json: The JSON document is invalid at $.formatVersion: the document is not well-formed JSON")]
    public void A_model_file_that_cannot_be_read_is_named_not_the_ratings(string name, string? content, string expected)
    {
        if (content is not null)
        {
            IOFile.WriteAllText(File(name), content);
        }

        foreach (var verb in new[] { "calibrate", "reliability", "score" })
        {
            var (code, _, error) = Verb(verb, ["--ratings", File("ratings.csv"), "--model", File(name)], "--out", File("out"));

            Assert.Equal(2, code);
            Assert.StartsWith(expected, error.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Ratings_of_an_own_model_read_against_the_built_in_one_say_why_and_write_the_rejects()
    {
        var (code, _, error) = Verb("reliability", ["--ratings", File("ratings.csv")], "--out", File("out"));

        Assert.Equal(2, code);
        var lines = error.ReplaceLineEndings("\n").TrimEnd().Split('\n');
        Assert.Equal($"error: ratings.csv: none of the {IOFile.ReadAllLines(File("ratings.csv")).Length - 1} rows could be used; rejects.csv in {File("out")} lists each:", lines[0]);
        Assert.StartsWith("  ", lines[1], StringComparison.Ordinal);
        Assert.Contains("× unknown-competency, e.g. line 2: Competency 'acme.", lines[1], StringComparison.Ordinal);
        Assert.Equal("hint: ratings of a competency model of your own need --model MODEL.json.", lines[^1]);
        Assert.True(IOFile.Exists(Path.Combine(File("out"), "rejects.csv")));
    }

    [Fact]
    public void An_output_directory_that_holds_an_input_of_the_same_name_is_refused_and_the_input_kept()
    {
        var before = IOFile.ReadAllText(File("model.json"));

        var (code, _, error) = Verb("calibrate", ["--ratings", File("ratings.csv"), "--model", File("model.json")], "--out", _directory);

        Assert.Equal(2, code);
        Assert.Equal("error: model.json: it is an input, and the run would write its model.json over it; choose another --out directory.\n", error.ReplaceLineEndings("\n"));
        Assert.Equal(before, IOFile.ReadAllText(File("model.json")));
        Assert.False(IOFile.Exists(File("estimates.csv")));
    }

    [Fact]
    public void A_run_that_scores_nobody_fails_with_the_reasons_unless_the_evidence_rules_or_the_caller_allow_it()
    {
        // Without a source column every rater counts as a peer: one source, and the default rule asks for two.
        IOFile.WriteAllLines(File("nosource.csv"), IOFile.ReadAllLines(File("ratings.csv")).Select(l => string.Join(',', l.Split(',').Where((_, i) => i != 2))));
        string[] common = ["--ratings", File("nosource.csv"), "--model", File("model.json"), "--role", File("lead.json")];

        var (code, _, error) = Verb("score", common, "--out", File("out"));

        Assert.Equal(2, code);
        Assert.Equal(
            "error: nobody could be scored against acme-lead: all 90 lack the evidence the rules ask for; the commonest reasons:\n"
            + "  90 × 1 source(s) other than self (peer); 2 are needed.\n"
            + "hint: --min-raters and --min-sources set the evidence rules (a ratings file without a source column counts every rater as a peer); --allow-unscored writes the results anyway.\n",
            error.ReplaceLineEndings("\n"));
        Assert.False(IOFile.Exists(Path.Combine(File("out"), "readiness.csv")));

        var relaxed = Verb("score", common, "--min-sources", "1", "--out", File("relaxed"));
        Assert.Equal(0, relaxed.Code);
        Assert.DoesNotContain("insufficient-evidence", relaxed.Output, StringComparison.Ordinal);

        var unused = Verb("score", common, "--source-values", "Boss=manager", "--min-sources", "1", "--out", File("unused"));
        Assert.Equal(0, unused.Code);
        Assert.Equal("warning: nosource.csv has no source column, so --source-values is not used: every rater counts as a peer (a rating of oneself as a self-rating); --columns source=COLUMN names the export's own.\n", unused.Error.ReplaceLineEndings("\n"));

        var allowed = Verb("talent", common, "--allow-unscored", "--out", File("allowed"));
        Assert.Equal(0, allowed.Code);
        Assert.Equal("error: --min-raters was 0; it must be at least 1.", Verb("audit", common, "--groups", File("groups.csv"), "--min-raters", "0").Error.Split('\n')[0]);
    }

    [Fact]
    public void Column_names_the_map_does_not_find_are_named_with_the_header_and_a_bad_map_is_refused()
    {
        IOFile.WriteAllLines(File("export.csv"), ["employee_id,rater_id,competency,score", "E001,E002,acme.coach,3"]);

        var (code, _, error) = Verb("score", ["--ratings", File("export.csv"), "--model", File("model.json"), "--role", File("lead.json")], "--columns", "ratee=employee_id,value=scroe", "--out", File("out"));

        Assert.Equal(2, code);
        Assert.Equal(
            "error: export.csv: the header lacks rater, scroe (the value column, by --columns); required columns are ratee,rater,competency,value "
            + "(source and cycle are optional), and --columns maps an export's own names (ratee=employee_id,value=score); the header is employee_id,rater_id,competency,score\n",
            error.ReplaceLineEndings("\n"));

        // An optional column misspelt in the map is refused too, not read as left out.
        var optional = Verb("calibrate", ["--ratings", File("export.csv")], "--columns", "ratee=employee_id,rater=rater_id,value=score,cycle=perod");
        Assert.Equal(2, optional.Code);
        Assert.Equal("error: export.csv: --columns maps cycle to 'perod', which is not in the header; the header is employee_id,rater_id,competency,score", optional.Error.Split('\n')[0].TrimEnd());

        foreach (var (map, problem) in new[]
        {
            ("rating=score", "'rating' is not a ratings field; the fields are ratee, rater, source, competency, value, cycle"),
            ("ratee=employee_id,ratee=id", "ratee is mapped twice"),
            ("ratee=id,rater=ID", "column 'id' is mapped to both ratee and rater"),
            ("ratee", "'ratee' is not field=column; write for example ratee=employee_id,value=score"),
        })
        {
            Assert.Equal($"error: --columns: {problem}.", Verb("calibrate", ["--ratings", File("export.csv")], "--columns", map).Error.Split('\n')[0]);
        }
    }

    [Fact]
    public void Person_ids_a_spreadsheet_would_run_as_formulas_are_written_neutralised()
    {
        var hostile = new Dictionary<string, string> { ["E000"] = "=HYPERLINK(\"http://x\")", ["E001"] = "@SUM(1)", ["E002"] = "-2+3", ["E003"] = "+E003" };
        IOFile.WriteAllLines(File("hostile.csv"), IOFile.ReadAllLines(File("ratings.csv")).Select(l =>
            string.Join(',', l.Split(',').Select((cell, i) => i < 2 && hostile.TryGetValue(cell, out var id) ? "\"" + id.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell))));

        Assert.Equal(0, Verb("calibrate", ["--ratings", File("hostile.csv"), "--model", File("model.json")], "--out", File("out")).Code);

        var estimates = IOFile.ReadAllLines(Path.Combine(File("out"), "estimates.csv"));
        var raters = IOFile.ReadAllLines(Path.Combine(File("out"), "raters.csv"));
        Assert.Contains(estimates, l => l.StartsWith("\"'=HYPERLINK(\"\"http://x\"\")\",acme.", StringComparison.Ordinal));
        Assert.Contains(estimates, l => l.StartsWith("\"'@SUM(1)\",", StringComparison.Ordinal));
        Assert.Contains(raters, l => l.StartsWith("\"'-2+3\",", StringComparison.Ordinal));
        Assert.Contains(raters, l => l.StartsWith("\"'+E003\",", StringComparison.Ordinal));
        Assert.DoesNotContain(estimates.Concat(raters), l => l[0] is '=' or '+' or '-' or '@');
    }

    [Fact]
    public void Scaffold_writes_a_model_and_role_for_an_export_that_score_then_reads()
    {
        string[] columns = ExportColumns;

        var (code, output, _) = Verb("scaffold", ["--ratings", WriteExport("csv"), .. columns], "--out", File("framework"));

        Assert.Equal(0, code);
        Assert.StartsWith("6 competencies on a 1–4 scale; every requirement at 3, importance 1.", output, StringComparison.Ordinal);
        var model = ReadinessJson.ReadCompetencyModel(IOFile.ReadAllText(Path.Combine(File("framework"), "model.json")));
        Assert.Equal(Leadership.Concat(Performance), model.Competencies.Select(c => c.Id.Value));
        Assert.Equal((1, 4), (model.Scale.Minimum, model.Scale.Maximum));
        var score = Verb("score", ["--ratings", File("export.csv"), .. columns, "--model", Path.Combine(File("framework"), "model.json")], "--role", Path.Combine(File("framework"), "role.json"), "--out", File("out"));
        Assert.Equal(0, score.Code);
        Assert.Contains("Scored 90 people against role", score.Output, StringComparison.Ordinal);

        IOFile.WriteAllLines(File("wide.csv"), ["ratee,rater,competency,value", "a,b,x,0", "a,c,x,20"]);
        var wide = Verb("scaffold", ["--ratings", File("wide.csv")], "--out", File("wide"));
        Assert.Equal(2, wide.Code);
        Assert.Equal("error: wide.csv: the values run from 0 to 20, 21 whole-number levels; a scale has 2 to 11.\n", wide.Error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Excel_workbooks_are_read_wherever_csv_is_with_the_same_mapped_columns_and_numbers()
    {
        // The export as an HR system saves it: a workbook with its own column names, scores as numbers.
        var export = WriteExport("xlsx");
        MiniExcelLibs.MiniExcel.SaveAs(File("performance.xlsx"), IOFile.ReadAllLines(File("performance.csv")).Skip(1).Select(l => l.Split(','))
            .Select(c => new Dictionary<string, object> { ["ratee"] = c[0], ["performance"] = double.Parse(c[1], CultureInfo.InvariantCulture) }));

        var fromExcel = Verb("score", ["--ratings", export, .. ExportColumns, "--model", File("model.json")], "--role", File("lead.json"), "--performance", File("performance.xlsx"), "--out", File("excel"));
        var fromCsv = Verb("score", ["--ratings", File("ratings.csv"), "--model", File("model.json")], "--role", File("lead.json"), "--performance", File("performance.csv"), "--out", File("csv"));

        Assert.Equal(0, fromExcel.Code);
        Assert.Equal(0, fromCsv.Code);
        Assert.Equal(IOFile.ReadAllText(Path.Combine(File("csv"), "readiness.csv")), IOFile.ReadAllText(Path.Combine(File("excel"), "readiness.csv")));

        IOFile.WriteAllText(File("fake.xlsx"), "ratee,rater,competency,value");
        var fake = Verb("calibrate", ["--ratings", File("fake.xlsx"), "--model", File("model.json")], "--out", File("fake"));
        Assert.Equal(2, fake.Code);
        Assert.Equal("error: fake.xlsx: the file is not a readable Excel workbook (.xlsx); save it again from the spreadsheet, or as CSV.\n", fake.Error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Two_roles_whose_slates_would_share_a_file_are_refused()
    {
        var model = ReadinessJson.ReadCompetencyModel(IOFile.ReadAllText(File("model.json")));
        IOFile.WriteAllText(File("dot.json"), ReadinessJson.Write(Role(model, "team.lead", 3)));
        IOFile.WriteAllText(File("underscore.json"), ReadinessJson.Write(Role(model, "team_lead", 3)));

        var (code, _, error) = Verb("talent", ["--ratings", File("ratings.csv"), "--model", File("model.json")], "--role", File("dot.json"), "--role", File("underscore.json"), "--out", File("out"));

        Assert.Equal(2, code);
        Assert.Equal("error: role profiles 'team.lead' and 'team_lead' would both be written to slate-team-lead.csv; give one of them another id\n", error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Categories_with_control_or_invisible_characters_are_counted_unknown_and_never_echoed_raw()
    {
        var groups = IOFile.ReadAllLines(File("groups.csv"));
        groups[1] = groups[1].Split(',')[0] + ",north\u200B";
        groups[2] = groups[2].Split(',')[0] + ",\u001B]0;owned\u0007south";
        IOFile.WriteAllLines(File("groups.csv"), groups);

        var (code, _, error) = Verb("audit", ["--ratings", File("ratings.csv"), "--model", File("model.json")], "--role", File("lead.json"), "--groups", File("groups.csv"), "--out", File("out"));

        Assert.Equal(0, code);
        Assert.Contains("warning: groups.csv line 2: the site category 'north\\u200B' holds a control or invisible formatting character; counted as unknown.", error, StringComparison.Ordinal);
        Assert.Contains("the site category '?]0;owned?south'", error, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001B', error);
        Assert.DoesNotContain('\u0007', error);

        IOFile.WriteAllLines(File("groups.csv"), ["ratee,site\u202E", "E000,north"]);
        var refused = Verb("audit", ["--ratings", File("ratings.csv"), "--model", File("model.json")], "--role", File("lead.json"), "--groups", File("groups.csv"), "--out", File("out2"));
        Assert.Equal(2, refused.Code);
        Assert.Contains("the attribute name 'site\\u202E' holds a control or invisible formatting character", refused.Error, StringComparison.Ordinal);
    }

    /// <summary>The cohort's ratings as an HR system exports them: its own column names, as CSV or as a workbook (scores as numbers).</summary>
    [Fact]
    public void An_exports_own_words_for_the_sources_are_mapped_and_unmapped_ones_are_rejected_with_a_hint()
    {
        var rows = IOFile.ReadAllLines(File("ratings.csv")).Skip(1)
            .Select(l => l.Replace(",manager,", ",Line Manager,", StringComparison.Ordinal).Replace(",direct-report,", ",Direct Report (360),", StringComparison.Ordinal)).ToArray();
        IOFile.WriteAllLines(File("hr.csv"), ["employee_id,rater_id,rater_type,competency,score", .. rows]);
        string[] common = ["--ratings", File("hr.csv"), "--model", File("model.json"), "--role", File("lead.json"), .. ExportColumns];
        var renamed = rows.Count(r => r.Contains(",Line Manager,", StringComparison.Ordinal) || r.Contains(",Direct Report (360),", StringComparison.Ordinal));

        var unmapped = Verb("score", common, "--allow-unscored", "--out", File("unmapped"));
        var mapped = Verb("score", common, "--source-values", "line manager=manager, Direct Report (360)=DirectReport", "--out", File("mapped"));
        var bad = Verb("score", common, "--source-values", "Line Manager=boss");

        Assert.Equal(0, unmapped.Code);
        Assert.StartsWith($"warning: hr.csv: {renamed} of {rows.Length} rows were rejected; rejects.csv in {File("unmapped")} lists each:\n  {renamed} × invalid-source, e.g. line ", unmapped.Error.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("hint: --source-values maps an export's own words for the sources (\"Line Manager=manager\").", unmapped.Error, StringComparison.Ordinal);
        Assert.Equal(renamed + 1, IOFile.ReadAllLines(Path.Combine(File("unmapped"), "rejects.csv")).Length);
        Assert.Equal(0, mapped.Code);
        Assert.Contains($"Read {rows.Length} submitted, {rows.Length} accepted, 0 rejected.", mapped.Output, StringComparison.Ordinal);
        Assert.Equal(string.Empty, mapped.Error);
        Assert.Equal(2, bad.Code);
        Assert.StartsWith("error: --source-values: 'boss' is not a source; the sources are self, manager, peer, direct-report, skip-level, assessor.", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Scoring_options_come_from_the_json_a_host_configures_and_the_command_line_overrides_them()
    {
        // Without a source column every rater is a peer: the default rule (two sources) scores nobody.
        IOFile.WriteAllLines(File("nosource.csv"), IOFile.ReadAllLines(File("ratings.csv")).Select(l => string.Join(',', l.Split(',').Where((_, i) => i != 2))));
        string[] common = ["--ratings", File("nosource.csv"), "--model", File("model.json"), "--role", File("lead.json")];
        IOFile.WriteAllText(File("appsettings.json"), """
            {
              // an appsettings.json: other sections are left alone
              "Logging": { "LogLevel": { "Default": "Information" } },
              "Readiness": {
                "calibration": { "Method": "MeanCentring" },
                "Scoring": { "Policy": "Compensatory", "MinimumSources": 1, "ReadyNowMinimumIndex": "95" },
              }
            }
            """);
        IOFile.WriteAllText(File("misspelt.json"), """{ "Scoring": { "MinimumSource": 1 } }""");
        IOFile.WriteAllText(File("broken.json"), """{ "Scoring": { "ReadyNowMinimumIndex": 120, "MinimumRaters": 0 }, "Calibration": { "Method": "Magic", "Rasch": { "MaxIterations": 0 } } }""");

        var configured = Verb("score", common, "--options", File("appsettings.json"), "--out", File("configured"));
        var overridden = Verb("score", common, "--options", File("appsettings.json"), "--min-sources", "2", "--out", File("overridden"));
        var misspelt = Verb("score", common, "--options", File("misspelt.json"), "--out", File("misspelt"));
        var broken = Verb("score", common, "--options", File("broken.json"), "--out", File("broken"));

        Assert.Equal(0, configured.Code);
        var explanations = System.Text.Json.Nodes.JsonNode.Parse(IOFile.ReadAllText(Path.Combine(File("configured"), "explanations.json")))!.AsArray();
        Assert.All(explanations, e => Assert.Equal("compensatory", (string)e!["policy"]!));
        Assert.Contains(explanations, e => e!["index"] is not null);
        var manifest = System.Text.Json.Nodes.JsonNode.Parse(IOFile.ReadAllText(Path.Combine(File("configured"), "manifest.json")))!;
        Assert.Contains(manifest["inputs"]!.AsArray(), i => ((string)i!["file"]!).EndsWith("appsettings.json", StringComparison.Ordinal));
        Assert.Equal(2, overridden.Code);
        Assert.Contains("all 90 lack the evidence", overridden.Error, StringComparison.Ordinal);
        Assert.Equal(2, misspelt.Code);
        Assert.StartsWith("error: misspelt.json: Readiness:Scoring:MinimumSource is not a setting (line 1); the settings there are Policy, ProfilePolicies, OvershootCap, IntervalLevel, ", misspelt.Error, StringComparison.Ordinal);
        Assert.Equal(2, broken.Code);
        Assert.Equal(
            "error: broken.json: Readiness:Calibration:Method was 'Magic'; it must be one of None, MeanCentring, Standardisation, CrossedRandomEffects, ManyFacetRasch (a calibrator of your own is registered as the IRatingCalibrator service before AddReadiness, not named here).\n"
            + "Readiness:Calibration:Rasch:MaxIterations was 0; it must be at least 1.\n"
            + "Readiness:Scoring:ReadyNowMinimumIndex was 120; it must be in [0, 100].\n"
            + "Readiness:Scoring:MinimumRaters was 0; it must be at least 1.\n",
            broken.Error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Outputs_never_land_on_an_input_through_a_link_on_a_file_or_on_a_completed_scaffold()
    {
        var inputs = Directory.CreateDirectory(File("inputs")).FullName;
        IOFile.Copy(File("ratings.csv"), Path.Combine(inputs, "estimates.csv"));
        var link = File("link");
        Directory.CreateSymbolicLink(link, inputs);
        string[] ratings = ["--ratings", Path.Combine(inputs, "estimates.csv"), "--model", File("model.json")];
        var before = IOFile.ReadAllText(Path.Combine(inputs, "estimates.csv"));

        var throughLink = Verb("calibrate", ratings, "--out", link);
        var ontoFile = Verb("calibrate", ratings, "--out", File("model.json"));
        Assert.Equal(0, Verb("scaffold", ["--ratings", File("ratings.csv")], "--out", File("framework")).Code);
        IOFile.WriteAllText(Path.Combine(File("framework"), "model.json"), "{ \"edited\": true }");
        var again = Verb("scaffold", ["--ratings", File("ratings.csv")], "--out", File("framework"));

        Assert.Equal((2, "error: estimates.csv: it is an input, and the run would write its estimates.csv over it; choose another --out directory.\n"), (throughLink.Code, throughLink.Error.ReplaceLineEndings("\n")));
        Assert.Equal(before, IOFile.ReadAllText(Path.Combine(inputs, "estimates.csv")));
        Assert.Equal((2, $"error: --out: '{File("model.json")}' is a file; --out names a directory for the run's files.\n"), (ontoFile.Code, ontoFile.Error.ReplaceLineEndings("\n")));
        Assert.Equal(2, again.Code);
        Assert.StartsWith($"error: model.json: {Path.Combine(File("framework"), "model.json")} exists (perhaps already completed); scaffold does not overwrite it", again.Error, StringComparison.Ordinal);
        Assert.Equal("{ \"edited\": true }", IOFile.ReadAllText(Path.Combine(File("framework"), "model.json")));
    }

    [Fact]
    public void An_exclusion_of_someone_nobody_rated_is_said_to_have_no_effect()
    {
        IOFile.WriteAllLines(File("exclude.csv"), ["ratee,reason", "NOBODY,typo", $"{IOFile.ReadAllLines(File("ratings.csv"))[1].Split(',')[0]},moving"]);

        var (code, _, error) = Verb("talent", ["--ratings", File("ratings.csv"), "--model", File("model.json"), "--role", File("lead.json")], "--exclude", File("exclude.csv"), "--out", File("talent"));

        Assert.Equal(0, code);
        Assert.Contains("warning: exclude.csv: 'NOBODY' is not among the people rated; the exclusion has no effect.", error, StringComparison.Ordinal);
        Assert.DoesNotContain("moving", error, StringComparison.Ordinal);
    }

    private string WriteExport(string format)
    {
        var rows = IOFile.ReadAllLines(File("ratings.csv")).Skip(1).ToArray();
        if (format == "csv")
        {
            IOFile.WriteAllLines(File("export.csv"), ["employee_id,rater_id,rater_type,competency,score", .. rows]);
        }
        else
        {
            MiniExcelLibs.MiniExcel.SaveAs(File("export.xlsx"), rows.Select(l => l.Split(',')).Select(c => new Dictionary<string, object>
            {
                ["employee_id"] = c[0], ["rater_id"] = c[1], ["rater_type"] = c[2], ["competency"] = c[3], ["score"] = double.Parse(c[4], CultureInfo.InvariantCulture),
            }));
        }

        return File($"export.{format}");
    }

    private static RoleProfile Role(CompetencyModel model, string id, int target)
    {
        var builder = new RoleProfileBuilder(id, id);
        foreach (var c in model.Competencies)
        {
            builder.Require(c.Id.Value, target, Leadership.Contains(c.Id.Value) ? 3 : 1);
        }

        return builder.Build(model);
    }

    private static (int Code, string Output, string Error) Verb(string verb, string[] common, params string[] rest) =>
        ScoreVerbTests.Run([verb, .. common, .. rest]);

    private string File(string name) => Path.Combine(_directory, name);

    /// <summary>Each person rated by themselves, a manager and four peers on every competency, 1–4; groups, performance and outcomes for everyone.</summary>
    private void WriteCohort(int people)
    {
        var random = new Random(11);
        var ratings = new StringBuilder("ratee,rater,source,competency,value\n");
        var level = Enumerable.Range(0, people).Select(_ => random.NextDouble() - 0.5).ToArray();
        var lenient = Enumerable.Range(0, people).Select(_ => (random.NextDouble() - 0.5) * 0.6).ToArray();
        for (var p = 0; p < people; p++)
        {
            var raters = new List<(int Rater, string Source)> { (p, "self"), ((p + 1) % people, "manager") };
            raters.AddRange(Enumerable.Range(2, 4).Select(k => ((p + (k * 7)) % people, "peer")));
            foreach (var (rater, source) in raters)
            {
                foreach (var c in Leadership.Concat(Performance))
                {
                    var value = Math.Clamp(Math.Round(2.5 + level[p] + lenient[rater] + ((random.NextDouble() - 0.5) * 1.2)), 1, 4);
                    ratings.Append(CultureInfo.InvariantCulture, $"E{p:000},E{rater:000},{source},{c},{value}\n");
                }
            }
        }

        IOFile.WriteAllText(File("ratings.csv"), ratings.ToString());
        IOFile.WriteAllLines(File("groups.csv"), ["ratee,site", .. Enumerable.Range(0, people).Select(p => $"E{p:000},{(p % 3 == 0 ? "north" : "south")}")]);
        IOFile.WriteAllLines(File("performance.csv"), ["ratee,performance", .. Enumerable.Range(0, people).Select(p => FormattableString.Invariant($"E{p:000},{3 + level[p]:0.00}"))]);
        IOFile.WriteAllLines(File("outcomes.csv"), ["ratee,outcome", .. Enumerable.Range(0, people).Select(p => $"E{p:000},{(level[p] > 0 ? 1 : 0)}")]);
    }
}
