using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Readiness.Cli;

namespace Readiness.Hardening.Tests;

/// <summary>
/// Pairwise matrices (BadInput/pairwise) and the per-person side files (performance, groups, outcomes) through the CLI, as
/// a user meets them: a file that cannot be used gets one line naming the file and the problem, and exit code 2; an
/// inconsistent but usable matrix is analysed and reported as inconsistent, not refused.
/// </summary>
public sealed class CliCorpusTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("readiness-hardening-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    public static TheoryData<string, string> RefusedMatrices => new()
    {
        { "empty.csv", "the file is empty" },
        { "not-square.csv", "must be square" },
        { "short-row.csv", "has 2 judgements; expected 3" },
        { "rows-out-of-order.csv", "rows must list the competencies in the header's order" },
        { "not-reciprocal.csv", "reciprocal" },
        { "zero.csv", "0" },
        { "negative.csv", "-3" },
        { "beyond-saaty-scale.csv", "12" },
        { "divide-by-zero.csv", "'1/0' is not a judgement" },
        { "not-a-number.csv", "'three' is not a judgement" },
        { "diagonal-not-one.csv", "diagonal" },
        { "disconnected.csv", "connected" },
        { "duplicate-competency.csv", "delegates" },
    };

    [Fact]
    public void One_stray_quote_costs_one_row_and_a_huge_field_one_short_reject()
    {
        // Issue 37: a quote opened on line 2 and never closed took the other 2.39 million rows with it (2.0 GB, "none of
        // the 1 rows could be used"); a 50 MB ratee id was echoed whole into a 52 MB rejects file.
        var lines = SimulatedRatings(200);
        var stray = Path.Combine(_directory, "stray.csv");
        File.WriteAllLines(stray, [lines[0], "\"" + lines[1], .. lines[2..]]);
        var huge = Path.Combine(_directory, "huge-id.csv");
        File.WriteAllLines(huge, [lines[0], "P" + new string('x', 3_000_000) + lines[1][lines[1].IndexOf(',', StringComparison.Ordinal)..], .. lines[2..]]);

        foreach (var (file, fragment) in new[] { (stray, "It ran on to line"), (huge, "A field longer than 1,000,000 characters") })
        {
            var output = Path.Combine(_directory, Path.GetFileNameWithoutExtension(file));
            var (code, text, error) = Run("calibrate", "--ratings", file, "--method", "mean-centre", "--out", output);

            Assert.True(code == 0, error);
            Assert.Contains($"Read {lines.Length - 1} submitted, {lines.Length - 2} accepted, 1 rejected.", text, StringComparison.Ordinal);
            var rejects = File.ReadAllLines(Path.Combine(output, "rejects.csv"));
            Assert.StartsWith("2,unreadable,", rejects[1], StringComparison.Ordinal);
            Assert.Contains(fragment, rejects[1], StringComparison.Ordinal);
            Assert.True(new FileInfo(Path.Combine(output, "rejects.csv")).Length < 1_000);
        }
    }

    [Fact]
    public void Control_characters_from_a_file_never_reach_the_terminal_or_the_rejects_file()
    {
        // An OSC sequence that retitles the terminal (ESC ] 0 ; … BEL) in a competency and in an id.
        var lines = SimulatedRatings(60);
        var file = Path.Combine(_directory, "escapes.csv");
        File.WriteAllLines(file, [lines[0], "P0001,P0002,peer,dele\u001b]0;PWNED\u0007gates,3,", "P\u001b[2J,P0002,peer,delegates,3,", .. lines[1..]]);
        var output = Path.Combine(_directory, "escapes");

        var (code, text, error) = Run("calibrate", "--ratings", file, "--method", "mean-centre", "--out", output);

        Assert.True(code == 0, error);
        var rejects = File.ReadAllText(Path.Combine(output, "rejects.csv"));
        Assert.Contains("'dele?]0;PWNED?gates'", rejects, StringComparison.Ordinal);
        Assert.All(new[] { text, error, rejects }, t => Assert.DoesNotContain(t, c => c is '\u001b' or '\u0007'));
    }

    [Fact]
    public void Reliability_answers_for_ninety_thousand_raters_who_each_rated_once()
    {
        // Issue 37: a file of 1M raters who each rate once ended in an OutOfMemoryException and a half-written
        // reliability.json (its alpha tables were raters × ratees: here about 90,000 × 1,400 per competency). 2M ratings of 1.66M
        // such raters now take 1.19 GB and 33 s.
        var organisation = Path.Combine(_directory, "anonymised");
        Assert.Equal(0, Run("simulate", "--people", "1400", "--seed", "3", "--design", "anonymised", "--out", organisation).Code);
        var output = Path.Combine(_directory, "reliability");

        var (code, text, error) = Run("reliability", "--ratings", Path.Combine(organisation, "ratings.csv"), "--out", output);

        Assert.True(code == 0, error);
        Assert.Contains("Rater ids almost never repeat here", text, StringComparison.Ordinal);
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "reliability.json")))!;
        Assert.All(json["competencies"]!.AsArray(), c => Assert.InRange(c!["krippendorffAlpha"]!["interval"]!.GetValue<double>(), 0.05, 0.95));

        // "Overall" rests on each rater's mean over the competencies they rated a person on, which one-rating ids do not have.
        Assert.Null(json["overall"]!["krippendorffAlpha"]!["interval"]);
        Assert.Contains("the overall reliability leaves them out", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gigabyte_model_file_is_refused_after_its_first_megabytes_not_read_whole()
    {
        // Issue 37: a 1 GB model cost 4.0 GB and 13 s to refuse. The file is sparse: it takes no disk.
        var model = Path.Combine(_directory, "huge-model.json");
        using (var stream = File.Create(model))
        {
            stream.SetLength(1L << 30);
        }

        // The model is read on the calling thread, before anything runs in parallel; other tests allocate on theirs.
        var before = GC.GetAllocatedBytesForCurrentThread();
        var (code, _, error) = Run("calibrate", "--ratings", Refusal.Corpus("degenerate", "two-rows.csv"), "--model", model, "--out", Path.Combine(_directory, "out"));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(2, code);
        Assert.Contains("huge-model.json", error, StringComparison.Ordinal);
        Assert.Contains("JsonReadLimits.MaxBytes", error, StringComparison.Ordinal);
        Assert.True(allocated < 256L << 20, $"{allocated:N0} bytes allocated to refuse it");
    }

    [Fact]
    public void A_header_with_control_characters_is_named_without_them()
    {
        var file = Path.Combine(_directory, "header.csv");
        File.WriteAllText(file, "ratee,rater\u001b]0;PWNED\u0007,competency,score\nP1,P2,delegates,3\n");

        var (code, _, error) = Run("calibrate", "--ratings", file, "--out", Path.Combine(_directory, "out"));

        Assert.Equal(2, code);
        Assert.Contains("rater?]0;PWNED?", error, StringComparison.Ordinal);
        Assert.DoesNotContain(error, c => c is '\u001b' or '\u0007');
    }

    [Fact]
    public void A_refused_rerun_leaves_its_rejects_alone_in_the_folder_owner_only()
    {
        var lines = SimulatedRatings(60);
        var output = Path.Combine(_directory, "rerun");
        Assert.Equal(0, Run("calibrate", "--ratings", Path.Combine(_directory, "org-60", "ratings.csv"), "--method", "mean-centre", "--out", output).Code);
        var unusable = Path.Combine(_directory, "unusable.csv");
        File.WriteAllLines(unusable, [lines[0], .. lines[1..4].Select(l => l.Replace(",peer,", ",nobody,", StringComparison.Ordinal).Replace(",manager,", ",nobody,", StringComparison.Ordinal).Replace(",self,", ",nobody,", StringComparison.Ordinal))]);

        var (code, _, error) = Run("calibrate", "--ratings", unusable, "--method", "mean-centre", "--out", output);

        Assert.Equal(2, code);
        Assert.Contains("rejects.csv", error, StringComparison.Ordinal);
        // The earlier run's estimates would sit beside rejects that say the data could not be used.
        Assert.Equal(["manifest.json", "rejects.csv"], Directory.EnumerateFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(output, "rejects.csv")));
        }
    }

    [Fact]
    public void A_matrix_larger_than_pairwise_comparison_serves_is_refused_before_its_eigenvalues()
    {
        // 2,000 × 2,000 took 84–110 s in a full eigendecomposition; every order above 100 is refused after reading.
        const int N = 2_000;
        var file = Path.Combine(_directory, "huge.csv");
        File.WriteAllLines(file, [string.Concat(Enumerable.Range(0, N).Select(i => $",c{i}")), .. Enumerable.Range(0, N).Select(i => $"c{i}" + string.Concat(Enumerable.Repeat(",1", N)))]);

        var (code, _, error) = Run("weights", "--pairwise", file);

        Assert.Equal(2, code);
        Assert.Contains("there are 2000 competencies; pairwise comparison takes at most 100", error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RefusedMatrices))]
    public void A_matrix_that_cannot_be_used_gets_one_line_and_exit_code_2(string file, string fragment)
    {
        var (code, _, error) = Run("weights", "--pairwise", Refusal.Corpus("pairwise", file));

        Assert.Equal(2, code);
        Assert.StartsWith($"error: {file}: ", error, StringComparison.Ordinal);
        Assert.Contains(fragment, error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Theory]
    [InlineData("valid.csv", true)]
    [InlineData("cyclic.csv", false)]
    [InlineData("unknown-competency.csv", true)]
    public void A_usable_matrix_is_analysed_and_an_inconsistent_one_says_so(string file, bool acceptable)
    {
        var (code, output, error) = Run("weights", "--pairwise", Refusal.Corpus("pairwise", file));

        Assert.True(code == 0, error);
        var json = JsonNode.Parse(output)!;
        Assert.Equal(acceptable, (bool)json["acceptable"]!);
        Assert.Equal(1.0, json["weights"]!.AsObject().Sum(w => (double)w.Value!), 9);
    }

    [Fact]
    public void Too_few_usable_ratings_to_calibrate_still_leave_the_reject_report()
    {
        var output = Path.Combine(_directory, "calibration");

        var (code, _, error) = Run("calibrate", "--ratings", Refusal.Corpus("ratings", "off-scale.csv"), "--out", output);

        Assert.Equal(2, code);
        Assert.StartsWith("warning: off-scale.csv: 4 of 7 rows were rejected; rejects.csv in ", error, StringComparison.Ordinal);
        Assert.Contains("\nerror: off-scale.csv: ", error.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Equal(["2,value-off-scale", "3,value-off-scale", "4,value-off-scale", "5,value-off-scale"],
            File.ReadAllLines(Path.Combine(output, "rejects.csv")).Skip(1).Select(l => string.Join(',', l.Split(',').Take(2))));
    }

    [Theory]
    [InlineData("performance", "ratee,performance\nP001,NaN\nP002,Infinity\nP003,\"3,5\"\nP004,3.5\nP004,3.6\n,2\n", "line 2")]
    [InlineData("groups", "ratee,sex\nP001,female\nP001,male\nP002\n", "line 3")]
    [InlineData("outcomes", "ratee,outcome\nP001,-Infinity\nP002,1\n", "line 2")]
    public void Bad_rows_in_a_side_file_are_reported_and_left_out(string kind, string content, string line)
    {
        var (_, _, error) = RunWithSideFile(kind, content);

        Assert.Contains($"{kind}.csv {line}", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("performance", "name,score\nP001,3\n", "expected a header row with ratee,performance")]
    [InlineData("groups", "ratee,sex,sex\nP001,f,f\n", "expected a header row ratee,ATTRIBUTE[,ATTRIBUTE…] with distinct attribute names")]
    [InlineData("outcomes", "", "expected a header row with ratee,outcome")]
    public void A_side_file_without_its_header_is_refused_naming_it(string kind, string content, string fragment)
    {
        var (code, _, error) = RunWithSideFile(kind, content);

        Assert.Equal(2, code);
        Assert.Contains($"{kind}.csv: {fragment}", error, StringComparison.Ordinal);
    }

    /// <summary>The verb that reads the side file (score: performance, audit: groups, validity: outcomes) on a simulated organisation.</summary>
    /// <summary>Designs that leave a quantity undefined (issue 37): every method refuses with one line, or fits and writes complete files.</summary>
    [Theory]
    [InlineData("two-rows.csv")]
    [InlineData("one-rater-once-per-cell.csv")]
    [InlineData("self-ratings-only.csv")]
    [InlineData("every-rating-its-own-rater.csv")]
    public void A_degenerate_design_is_refused_or_fitted_by_every_method_without_a_stack_trace(string file)
    {
        Assert.True(File.Exists(Refusal.Corpus("degenerate", file)), file);
        foreach (var method in new[] { "none", "mean-centre", "standardise", "crossed", "rasch" })
        {
            var output = Path.Combine(_directory, $"{Path.GetFileNameWithoutExtension(file)}-{method}");
            var (code, _, error) = Run("calibrate", "--ratings", Refusal.Corpus("degenerate", file), "--method", method, "--out", output);

            Assert.True(code is 0 or 2, $"{method}: exit {code}: {error}");
            Assert.DoesNotContain("Unhandled", error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
            if (code == 2)
            {
                Assert.StartsWith($"error: {file}: ", error.Split('\n').First(l => !l.TrimStart().StartsWith('[')), StringComparison.Ordinal);
            }
            else
            {
                // A fit writes a whole model.json whose every number is defined.
                var model = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "model.json")))!;
                Assert.All(model["varianceComponents"]!.AsObject(), v => Assert.True(double.IsFinite((double)v.Value!), $"{method}: {v.Key}"));
            }
        }
    }

    /// <summary>
    /// Issue 32's unidentified rater term (and any calibration warning) is said by every verb that calibrates, not by
    /// calibrate alone: on the console and in warnings.txt beside the verb's results.
    /// </summary>
    [Theory]
    [InlineData("calibrate")]
    [InlineData("score")]
    [InlineData("talent")]
    [InlineData("reliability")]
    public void Every_verb_that_calibrates_says_what_the_calibration_warned(string verb)
    {
        var directory = Path.Combine(_directory, verb);
        // Nobody in this file meets the evidence rules; the verbs that score are asked to write their results anyway.
        string[] unscored = verb is "score" or "talent" ? ["--allow-unscored"] : [];
        var (code, output, error) = Run([verb, "--ratings", Refusal.Corpus("degenerate", "every-rating-its-own-rater.csv"), "--out", directory, .. unscored]);

        Assert.True(code == 0, error);
        const string Warning = "Every one of the 270 raters gave exactly one rating";
        Assert.Contains($"warning: {Warning}", output, StringComparison.Ordinal);
        Assert.Contains("warnings.txt", output, StringComparison.Ordinal);
        var lines = File.ReadAllLines(Path.Combine(directory, "warnings.txt"));
        Assert.Contains(lines, l => l.StartsWith(Warning, StringComparison.Ordinal));
        Assert.Equal(output.Split('\n').Count(l => l.StartsWith("warning: ", StringComparison.Ordinal)), lines.Length);
    }

    /// <summary>The lines of a simulated organisation's ratings.csv, header first.</summary>
    private string[] SimulatedRatings(int people)
    {
        var organisation = Path.Combine(_directory, $"org-{people}");
        Assert.Equal(0, Run("simulate", "--people", people.ToString(CultureInfo.InvariantCulture), "--seed", "3", "--out", organisation).Code);
        return File.ReadAllLines(Path.Combine(organisation, "ratings.csv"));
    }

    private (int Code, string Output, string Error) RunWithSideFile(string kind, string content)
    {
        var organisation = Path.Combine(_directory, "org");
        Assert.Equal(0, Run("simulate", "--people", "60", "--seed", "3", "--out", organisation).Code);
        var side = Path.Combine(_directory, $"{kind}.csv");
        File.WriteAllText(side, content);
        var (verb, option) = kind switch
        {
            "performance" => ("score", "--performance"),
            "groups" => ("audit", "--groups"),
            _ => ("validity", "--outcomes"),
        };
        return Run(verb, "--ratings", Path.Combine(organisation, "ratings.csv"), option, side, "--out", Path.Combine(_directory, "out"));
    }

    internal static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var code = ReadinessCommand.Run(args, new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }
}
