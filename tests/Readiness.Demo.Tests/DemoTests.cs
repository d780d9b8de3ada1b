using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Xml;
using Spectre.Console;

namespace Readiness.Demo.Tests;

public sealed class DemoTests : IDisposable
{
    private static readonly string[] Charts = ["bands.svg", "nine-box.svg", "raters.svg", "raw-vs-calibrated.svg", "validity.svg"];

    private readonly string _directory = Directory.CreateTempSubdirectory("readiness-demo-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_demo_tells_the_story_on_a_small_organisation_and_writes_a_report_whose_charts_are_valid_svg()
    {
        var output = Path.Combine(_directory, "report");

        var (code, text, error) = Run("--people", "400", "--seed", "3", "--out", output);

        Assert.True(code == 0, error);
        Assert.Contains("Of the ten best performers", text, StringComparison.Ordinal);
        Assert.Contains("rows submitted =", text, StringComparison.Ordinal);
        Assert.Equal(Charts, Directory.GetFiles(Path.Combine(output, "charts")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var report = File.ReadAllText(Path.Combine(output, "report.html"));
        foreach (var chart in Charts)
        {
            var svg = File.ReadAllText(Path.Combine(output, "charts", chart));
            AssertValidSvg(chart, svg);

            // Self-contained: the report carries each chart itself, not a link the browser must follow.
            Assert.Contains(HtmlReport.DataUri(svg), report, StringComparison.Ordinal);
        }

        // The last step: two years on, growth, the programme and the promotions followed up.
        Assert.Contains("The leadership programme (", text, StringComparison.Ordinal);
        Assert.Contains("Among the promoted, how their teams did a year on", text, StringComparison.Ordinal);
        for (var step = 1; step <= 11; step++)
        {
            Assert.Contains($"<h2>{step}. ", report, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("http://", report.Replace("http://www.w3.org", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        foreach (var file in new[] { "calibrate/estimates.csv", "calibrate/rejects.csv", "reliability/reliability.json", "score/readiness.csv", "talent/nine-box.csv", "audit/audit.csv", "validity/validity.json" })
        {
            Assert.True(File.Exists(Path.Combine(output, "cli", file)), file);
            Assert.Contains($"cli/{file.Split('/')[0]}/{file.Split('/')[1]}", report, StringComparison.Ordinal);
        }

        // The spoiled rows are all accounted for: the CLI's reject report lists each of them.
        Assert.Equal(11, File.ReadAllLines(Path.Combine(output, "cli", "calibrate", "rejects.csv")).Length);
        Assert.StartsWith("| # | Top performer |", File.ReadAllText(Path.Combine(output, "contrast.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_seed_writes_the_same_report_byte_for_byte()
    {
        var first = Path.Combine(_directory, "first");
        var second = Path.Combine(_directory, "second");

        Assert.Equal(0, Run("--people", "400", "--seed", "8", "--out", first).Code);
        Assert.Equal(0, Run("--people", "400", "--seed", "8", "--out", second).Code);

        foreach (var file in Directory.GetFiles(first, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(first, file);
            if (Path.GetFileName(file) == "manifest.json")
            {
                // A run's manifest records when and where it ran; what it read and wrote must hash the same.
                static string Hashes(string path, string list) => string.Join(' ',
                    System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))![list]!.AsArray().Select(f => $"{Path.GetFileName((string)f!["file"]!)}:{(string)f!["sha256"]!}"));
                Assert.Equal(Hashes(file, "inputs"), Hashes(Path.Combine(second, relative), "inputs"));
                Assert.Equal(Hashes(file, "outputs"), Hashes(Path.Combine(second, relative), "outputs"));
                continue;
            }

            Assert.True(File.ReadAllBytes(file).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(second, relative))), relative);
        }
    }

    [Fact]
    public void Run_on_an_unfamiliar_export_it_reports_the_bad_rows_and_the_missing_files_and_still_reports_on_the_good_rows()
    {
        var organisation = Path.Combine(_directory, "organisation");
        Assert.Equal(0, Run("--people", "400", "--seed", "5", "--out", organisation).Code);
        var lines = File.ReadAllLines(Path.Combine(organisation, "data", "ratings.csv"));
        var export = Path.Combine(_directory, "export.csv");
        File.WriteAllLines(export, [lines[0], .. lines.Skip(1).Take(20_000), "P0001,P0002,peer,delegates,\"3,5\",", "P0001,P0002,peer,not-a-competency,3,", "a line, cut short"], new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        var output = Path.Combine(_directory, "mine");

        var (code, text, error) = Run("--ratings", export, "--out", output);

        Assert.True(code == 0, error);
        Assert.Contains("20,003 rows submitted = 20,000 accepted + 3 rejected", text, StringComparison.Ordinal);
        Assert.Contains("use a point as the decimal separator", text, StringComparison.Ordinal);
        Assert.Contains("No groups file (--groups FILE.csv", text, StringComparison.Ordinal);
        Assert.Contains("No outcomes file (--outcomes FILE.csv", text, StringComparison.Ordinal);
        Assert.Contains("No performance file", text, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(output, "report.html")));
        Assert.Equal(["bands.svg", "nine-box.svg", "raters.svg", "raw-vs-calibrated.svg"], Directory.GetFiles(Path.Combine(output, "charts")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(output, "cli", "audit")));
    }

    [Fact]
    public void What_the_calibration_warns_is_said_in_the_story_and_the_report()
    {
        // An export that anonymises every response: each rating has its own rater id, so leniency cannot be estimated.
        var export = Path.Combine(_directory, "anonymised.csv");
        File.WriteAllLines(export, ["ratee,rater,source,competency,value", .. Enumerable.Range(0, 30).SelectMany(p => new[] { "delegates", "builds-trust", "influences" }
            .SelectMany((c, k) => Enumerable.Range(0, 3).Select(r => $"P{p:00},R{p:00}{k}{r},peer,{c},{1 + ((p + k + r) % 5)}")))]);
        var output = Path.Combine(_directory, "anonymised-out");

        var (code, text, error) = Run("--ratings", export, "--out", output);

        Assert.True(code == 0, error);
        const string Warning = "Warning from the calibration: Every one of the 270 raters gave exactly one rating";
        Assert.Contains(Warning, text.ReplaceLineEndings(" ").Replace("  ", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains(Warning, File.ReadAllText(Path.Combine(output, "report.html")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("person,score\nP1,3\n", "export.csv: the header lacks ratee, rater, competency, value")]
    [InlineData("ratee,rater,competency,value\nP1,P2,delegates,9\nP1,P3,delegates,NaN\n", "none of the 2 rows could be used")]
    [InlineData("", "export.csv: the file is empty")]
    [InlineData("ratee;rater;competency;value\nP1;P2;delegates;3\n", "the file seems to use semicolons")]
    [InlineData("ratee,rater,competency,value\n\"P1,P2,delegates,3\n", "export.csv: ")]
    public void A_ratings_file_it_cannot_use_gets_a_clear_error_and_exit_code_2(string content, string expected)
    {
        var export = Path.Combine(_directory, "export.csv");
        File.WriteAllText(export, content);

        var (code, _, error) = Run("--ratings", export, "--out", Path.Combine(_directory, "out"));

        Assert.Equal(2, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--people", "10", "--people was 10")]
    [InlineData("--groups", "groups.csv", "groups.csv was given without --ratings")]
    public void Options_that_cannot_work_are_refused_with_exit_code_2(string option, string value, string expected)
    {
        var (code, _, error) = Run(option, value, "--out", Path.Combine(_directory, "out"));

        Assert.Equal(2, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_ratings_file_is_named()
    {
        var (code, _, error) = Run("--ratings", Path.Combine(_directory, "absent.csv"), "--out", Path.Combine(_directory, "out"));

        Assert.Equal(2, code);
        Assert.Contains("absent.csv", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Run_on_a_framework_of_ones_own_it_tells_the_story_with_that_model_role_and_column_names(bool leadershipOnly)
    {
        string[] ids = ["acme.coach", "acme.direct", "acme.grow", "acme.trust", "acme.ship", "acme.craft"];
        var builder = new Readiness.Competencies.CompetencyModelBuilder("acme", "Acme model")
            .WithScale(Readiness.Competencies.ProficiencyScale.Create(Enumerable.Range(1, 4).Select(v => new Readiness.Competencies.ScaleLevel(v, $"level {v}", $"Level {v} of 4."))));
        foreach (var id in ids)
        {
            builder.AddCompetency(id, id, !leadershipOnly && (id.EndsWith("ship", StringComparison.Ordinal) || id.EndsWith("craft", StringComparison.Ordinal))
                ? Readiness.Competencies.CompetencyDomain.IndividualPerformance : Readiness.Competencies.CompetencyDomain.Leadership, c => c.WithDefinition($"What {id} asks."));
        }

        var model = builder.Build();
        var role = new Readiness.Competencies.RoleProfileBuilder("acme-lead", "Acme team lead");
        foreach (var id in ids)
        {
            role.Require(id, 3, id.StartsWith("acme.c", StringComparison.Ordinal) ? 1 : 3);
        }

        File.WriteAllText(Path.Combine(_directory, "model.json"), Readiness.Serialization.ReadinessJson.Write(model));
        File.WriteAllText(Path.Combine(_directory, "role.json"), Readiness.Serialization.ReadinessJson.Write(role.Build(model)));
        var random = new Random(3);
        var rows = new List<string> { "employee_id,rater_id,rater_type,competency,score" };
        for (var p = 0; p < 150; p++)
        {
            var level = random.NextDouble() - 0.5;
            foreach (var (rater, source) in new[] { (p, "self"), ((p + 1) % 150, "manager"), ((p + 7) % 150, "peer"), ((p + 14) % 150, "peer"), ((p + 21) % 150, "peer") })
            {
                rows.AddRange(ids.Select(id => FormattableString.Invariant($"E{p:000},E{rater:000},{source},{id},{Math.Clamp(Math.Round(2.5 + level + random.NextDouble() - 0.5), 1, 4)}")));
            }
        }

        File.WriteAllLines(Path.Combine(_directory, "export.csv"), rows);

        // A groups file with a category that would retitle the terminal (ESC … BEL): it is counted unknown and shown escaped.
        File.WriteAllLines(Path.Combine(_directory, "groups.csv"), ["ratee,site", "E000,\u001B]0;owned\u0007north", .. Enumerable.Range(1, 149).Select(p => $"E{p:000},{(p % 2 == 0 ? "north" : "south")}")]);
        string[] mine = ["--ratings", Path.Combine(_directory, "export.csv"), "--columns", "ratee=employee_id,rater=rater_id,source=rater_type,value=score", "--model", Path.Combine(_directory, "model.json")];
        var output = Path.Combine(_directory, "mine");

        var (code, text, error) = Run([.. mine, "--role", Path.Combine(_directory, "role.json"), "--groups", Path.Combine(_directory, "groups.csv"), "--out", output]);

        Assert.True(code == 0, error);
        Assert.Contains("The competency model and the role: Acme model", text, StringComparison.Ordinal);
        Assert.Contains("4,500 rows submitted = 4,500 accepted + 0 rejected", text, StringComparison.Ordinal);
        Assert.Contains("written for the built-in framework", text, StringComparison.Ordinal);
        Assert.DoesNotContain("The story stops here", text, StringComparison.Ordinal);
        Assert.Equal(leadershipOnly, text.Contains("Every competency of the role is in one domain (Leadership)", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(output, "report.html")));
        Assert.Contains("'?]0;owned?north' holds a control or invisible formatting character", text.ReplaceLineEndings(" "), StringComparison.Ordinal);
        Assert.DoesNotContain(text + error + File.ReadAllText(Path.Combine(output, "report.html")), c => c is '\u001B' or '\u0007');
        Assert.Contains("acme.", File.ReadAllText(Path.Combine(output, "cli", "score", "readiness.csv")) + File.ReadAllText(Path.Combine(output, "cli", "calibrate", "estimates.csv")), StringComparison.Ordinal);

        var (refused, _, why) = Run([.. mine, "--out", Path.Combine(_directory, "no-role")]);
        Assert.Equal(2, refused);
        Assert.Contains("error: --role: the model 'acme' is your own", why, StringComparison.Ordinal);
    }

    internal static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 240;
        var code = DemoCommand.Create(console).Parse(args).Invoke(new InvocationConfiguration { Error = error });
        return (code, output.ToString(), error.ToString());
    }

    private static void AssertValidSvg(string name, string svg)
    {
        var document = new XmlDocument { XmlResolver = null };
        using (var reader = XmlReader.Create(new StringReader(svg), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null }))
        {
            document.Load(reader);
        }

        var root = document.DocumentElement!;
        Assert.Equal("svg", root.LocalName);
        Assert.Equal("http://www.w3.org/2000/svg", root.NamespaceURI);
        Assert.True(double.Parse(root.GetAttribute("width"), CultureInfo.InvariantCulture) > 0, name);
        Assert.True(double.Parse(root.GetAttribute("height"), CultureInfo.InvariantCulture) > 0, name);
        var namespaces = new XmlNamespaceManager(document.NameTable);
        namespaces.AddNamespace("s", "http://www.w3.org/2000/svg");
        Assert.True(document.SelectNodes("//s:polyline|//s:polygon|//s:path|//s:rect|//s:ellipse", namespaces)!.Count > 20, $"{name} draws almost nothing");
        Assert.True(document.SelectNodes("//s:text", namespaces)!.Count > 5, $"{name} has no labels");
    }
}
