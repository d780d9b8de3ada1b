using System.CommandLine;
using System.Text.Json.Nodes;

namespace Readiness.Cli.Tests;

public sealed class CalibrateVerbTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("readiness-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("crossed")]
    [InlineData("none")]
    [InlineData("mean-centre")]
    [InlineData("standardise")]
    public void Simulate_then_calibrate_writes_the_four_outputs(string method)
    {
        var organisation = Path.Combine(_directory, "org");
        var output = Path.Combine(_directory, "out");
        Assert.Equal(0, Run("simulate", "--people", "40", "--seed", "4", "--out", organisation).Code);

        var (code, text, _) = Run("calibrate", "--ratings", Path.Combine(organisation, "ratings.csv"), "--method", method, "--out", output);

        Assert.Equal(0, code);
        Assert.Contains("0 rejected", text, StringComparison.Ordinal);
        var estimates = File.ReadLines(Path.Combine(output, "estimates.csv")).ToArray();
        Assert.Equal("ratee,competency,estimate,se,ratings,raters,reliability,low,high", estimates[0]);
        var rows = estimates.Skip(1).Select(line => line.Split(',')).Select(cells => (Estimate: Number(cells[2]), Se: Number(cells[3]), Reliability: Number(cells[6]), Low: Number(cells[7]), High: Number(cells[8]))).ToArray();
        Assert.All(rows, r => Assert.InRange(r.Estimate, r.Low, r.High));

        // Only the crossed model pulls estimates toward a mean; the others' intervals are the estimate ± 1.645 SE, kept on
        // the 1–5 scale (but never so as to leave out the estimate).
        Assert.Equal(method == "crossed", rows.Any(r => r.Reliability < 1));
        Assert.All(rows.Where(r => r.Reliability == 1), r =>
        {
            Assert.Equal(Math.Max(r.Estimate - (1.6449 * r.Se), Math.Min(1, r.Estimate)), r.Low, 1e-4);
            Assert.Equal(Math.Min(r.Estimate + (1.6449 * r.Se), Math.Max(5, r.Estimate)), r.High, 1e-4);
        });
        Assert.All(rows, r => Assert.True(r.Low >= Math.Min(1, r.Estimate) && r.High <= Math.Max(5, r.Estimate), $"{r.Low}–{r.High} is off the scale"));
        Assert.Equal("rater,effect,se,ratings", File.ReadLines(Path.Combine(output, "raters.csv")).First());
        Assert.Single(File.ReadLines(Path.Combine(output, "rejects.csv")));
        var model = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "model.json")))!;
        Assert.Equal(method, (string)model["method"]!);
        Assert.True((bool)model["converged"]!);
        Assert.NotNull(model["varianceComponents"]!["residual"]);
        Assert.True(File.Exists(Path.Combine(organisation, "truth.csv")));
        Assert.Equal("ratee,performance", File.ReadLines(Path.Combine(organisation, "performance.csv")).First());
    }

    [Fact]
    public void Set_aside_styled_raters_calibrates_without_them_and_lists_them()
    {
        var organisation = Path.Combine(_directory, "org");
        var output = Path.Combine(_directory, "out");
        Assert.Equal(0, Run("simulate", "--people", "200", "--seed", "5", "--out", organisation).Code);

        var (code, text, _) = Run("calibrate", "--ratings", Path.Combine(organisation, "ratings.csv"), "--styled-raters", "set-aside-always", "--out", output);

        Assert.Equal(0, code);
        var setAside = File.ReadLines(Path.Combine(output, "set-aside-raters.csv")).Skip(1).Select(line => line.Split(',')[0]).ToHashSet();
        Assert.NotEmpty(setAside);
        Assert.Contains($"Set aside {setAside.Count} raters flagged for central tendency", text, StringComparison.Ordinal);
        Assert.Contains("set-aside-raters.csv and manifest.json", text, StringComparison.Ordinal);
        var raters = File.ReadLines(Path.Combine(output, "raters.csv")).Skip(1).Select(line => line.Split(',')[0]).ToHashSet();
        Assert.Empty(raters.Intersect(setAside));
        var model = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "model.json")))!;
        Assert.Equal(setAside.Count, model["setAsideRaters"]!.GetValue<int>());
        Assert.True(model["setAsideRatings"]!.GetValue<int>() > setAside.Count);
    }

    [Fact]
    public void The_screen_and_the_person_effect_are_the_crossed_models_and_say_so()
    {
        var organisation = Path.Combine(_directory, "org");
        Assert.Equal(0, Run("simulate", "--people", "120", "--seed", "6", "--out", organisation).Code);
        var ratings = Path.Combine(organisation, "ratings.csv");

        var crossed = Run("calibrate", "--ratings", ratings, "--out", Path.Combine(_directory, "crossed"));
        Assert.Equal(0, crossed.Code);
        Assert.Contains("Each person has one effect per competency domain", crossed.Output, StringComparison.Ordinal);
        Assert.Equal("per-domain", JsonNode.Parse(File.ReadAllText(Path.Combine(_directory, "crossed", "model.json")))!["personEffect"]!.GetValue<string>());

        // The diagnostics were measured against the crossed model's fit; against the Rasch model's the halo test flags
        // mostly raters without halo, so the screen keeps every rater there and says why.
        var rasch = Run("calibrate", "--ratings", ratings, "--method", "rasch", "--out", Path.Combine(_directory, "rasch"));
        Assert.Equal(0, rasch.Code);
        Assert.Contains("No rater was screened for central tendency or halo: the screen diagnoses raters against the crossed model's fit", rasch.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_directory, "rasch", "set-aside-raters.csv")));
        var scored = Run("score", "--ratings", ratings, "--method", "rasch", "--allow-unscored", "--out", Path.Combine(_directory, "scored"));
        Assert.Contains("No rater was screened", scored.Output, StringComparison.Ordinal);

        var refused = Run("score", "--ratings", ratings, "--method", "rasch", "--person-effect", "per-domain", "--out", Path.Combine(_directory, "refused"));
        Assert.Equal(2, refused.Code);
        Assert.Contains("--person-effect was given with --method rasch", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Rasch_writes_fair_averages_and_the_measures_of_competencies_raters_and_thresholds()
    {
        var organisation = Path.Combine(_directory, "org");
        var output = Path.Combine(_directory, "out");
        Assert.Equal(0, Run("simulate", "--people", "60", "--seed", "4", "--out", organisation).Code);

        var (code, text, _) = Run("calibrate", "--ratings", Path.Combine(organisation, "ratings.csv"), "--method", "rasch", "--out", output);

        Assert.Equal(0, code);
        Assert.Contains("ManyFacetRasch", text, StringComparison.Ordinal);
        var model = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "model.json")))!;
        Assert.Equal("rasch", (string)model["method"]!);
        Assert.True((bool)model["converged"]!);
        var competencies = model["competencies"]!.AsObject();
        Assert.Equal(14, competencies.Count);
        Assert.Equal(0, competencies.Sum(c => (double)c.Value!["measure"]!), 1e-9);
        Assert.All(competencies, c => Assert.True((double)c.Value!["se"]! > 0 && (double)c.Value!["infit"]! > 0 && (double)c.Value!["outfit"]! > 0));
        var raters = model["raters"]!.AsObject();
        Assert.Equal(File.ReadLines(Path.Combine(output, "raters.csv")).Count() - 1, raters.Count);
        Assert.All(raters, r => Assert.NotNull(r.Value!["measure"]));
        var thresholds = model["thresholds"]!.AsArray().Select(t => (double)t!).ToArray();
        Assert.Equal(4, thresholds.Length);
        Assert.Equal(0, thresholds.Sum(), 1e-9);
        var estimates = File.ReadLines(Path.Combine(output, "estimates.csv")).Skip(1).Select(l => double.Parse(l.Split(',')[2], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.All(estimates, e => Assert.InRange(e, 1, 5));
        Assert.Contains(estimates, e => e != Math.Round(e));
    }

    [Fact]
    public void Bad_rows_become_rejects_with_their_line_and_reason()
    {
        var file = Write("ratee,rater,competency,value,source\n" +
                         "a,b,delegates,4,peer\nb,a,delegates,2,peer\na,c,delegates,3,manager\nb,c,delegates,5,manager\n" +
                         "a,b,builds-trust,3,peer\nb,a,builds-trust,4,peer\na,c,builds-trust,2,manager\nb,c,builds-trust,4,manager\n" +
                         "a,b,delegates,NaN,peer\nc,b,telepathy,3,peer\nc,d,delegates,\"3,5\",peer\nc,c,delegates,9,self\nc,d,delegates,3,boss\nc,d\n");
        var output = Path.Combine(_directory, "out");

        var (code, _, _) = Run("calibrate", "--ratings", file, "--method", "mean-centre", "--out", output);

        Assert.Equal(0, code);
        var rejects = File.ReadAllLines(Path.Combine(output, "rejects.csv"));
        Assert.Equal(7, rejects.Length);
        Assert.StartsWith("10,value-not-finite", rejects[1], StringComparison.Ordinal);
        Assert.StartsWith("11,unknown-competency", rejects[2], StringComparison.Ordinal);
        Assert.Contains("use a point as the decimal separator", rejects[3], StringComparison.Ordinal);
        Assert.StartsWith("13,value-off-scale", rejects[4], StringComparison.Ordinal);
        Assert.StartsWith("14,invalid-source", rejects[5], StringComparison.Ordinal);
        Assert.StartsWith("15,unreadable", rejects[6], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "the file is empty")]
    [InlineData("ratee,rater,value\na,b,3", "the header lacks competency")]
    [InlineData("ratee,rater,competency,value\na,b,delegates,3\nc,b,delegates,3", "all 2 ratings are 3")]
    public void Unusable_files_get_one_line_and_a_non_zero_exit_code(string content, string message)
    {
        var (code, _, error) = Run("calibrate", "--ratings", Write(content), "--out", Path.Combine(_directory, "out"));

        Assert.Equal(2, code);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_of_which_no_row_can_be_used_gets_the_commonest_reasons_each_with_an_example_line()
    {
        var ratings = Write("ratee,rater,competency,value\na,b,delegates,x\na,c,leads,3\n");
        var output = Path.Combine(_directory, "out");

        var (code, _, error) = Run("calibrate", "--ratings", ratings, "--out", output);

        Assert.Equal(2, code);
        Assert.Equal(
            [
                $"error: {Path.GetFileName(ratings)}: none of the 2 rows could be used; rejects.csv in {output} lists each:",
                "  1 × value-not-finite, e.g. line 2: Value 'x' is not a number.",
                "  1 × unknown-competency, e.g. line 3: Competency 'leads' is not in model 'readiness-leadership'.",
                "hint: ratings of a competency model of your own need --model MODEL.json.",
            ],
            error.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')));
        Assert.Equal(3, File.ReadAllLines(Path.Combine(output, "rejects.csv")).Length);
    }

    [Fact]
    public void Reasons_beyond_the_three_commonest_are_counted_not_dropped()
    {
        // Five reasons: the two non-numbers come first, then one line each of three others, which the console sums up.
        var ratings = Write("ratee,rater,competency,value\na,b,delegates,x\na,c,delegates,y\na,c,leads,3\na,d,delegates,9\na,e,delegates,3,\"\"\n");
        var output = Path.Combine(_directory, "out");

        var (code, _, error) = Run("calibrate", "--ratings", ratings, "--out", output);

        Assert.Equal(2, code);
        var lines = error.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.StartsWith("  2 × value-not-finite, e.g. line 2:", lines[1], StringComparison.Ordinal);
        Assert.Matches(@"^  and \d+ more for \d+ other reasons? \([a-z-]+(, [a-z-]+)*\)\.$", lines[4]);
        var listed = lines[1..4].Sum(l => int.Parse(l.TrimStart().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture));
        var more = int.Parse(lines[4].TrimStart().Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(File.ReadAllLines(Path.Combine(output, "rejects.csv")).Length - 1, listed + more);
    }

    [Fact]
    public void Rejects_name_the_lines_a_duplicate_repeats_not_the_library_s_row_numbers()
    {
        // Lines 2 and 4 are the same rating; lines 5, 6 and 7 rate one cell three times with different values.
        var ratings = Write("ratee,rater,competency,value\na,b,delegates,3\na,c,delegates,2\na,b,delegates,3\na,d,delegates,4\na,d,delegates,5\na,d,delegates,4\n");
        var output = Path.Combine(_directory, "out");

        Run("calibrate", "--ratings", ratings, "--out", output);

        var rejects = File.ReadAllLines(Path.Combine(output, "rejects.csv"));
        Assert.Contains(rejects, l => l.StartsWith("4,duplicate-rating,", StringComparison.Ordinal) && l.Contains("repeats line 2 exactly", StringComparison.Ordinal));
        Assert.Contains(rejects, l => l.StartsWith("5,duplicate-rating,", StringComparison.Ordinal) && l.Contains("(lines 5, 6, 7)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("scalable", "hint: on the command line, --max-memory-mb raises the memory allowed (0 for a quarter of the memory available).")]
    [InlineData("auto", "hint: on the command line, --max-memory-mb raises the memory allowed and --max-seconds the exact path's time (auto weighed both paths).")]
    public void A_fit_over_the_memory_allowed_is_refused_with_a_hint_that_fits_the_path_asked_for(string path, string hint)
    {
        var organisation = Path.Combine(_directory, "org");
        Assert.Equal(0, Run("simulate", "--people", "600", "--seed", "4", "--out", organisation).Code);

        var (code, _, error) = Run("calibrate", "--ratings", Path.Combine(organisation, "ratings.csv"), "--path", path, "--max-memory-mb", "1", "--out", Path.Combine(_directory, "out"));

        Assert.Equal(2, code);
        var lines = error.Trim().Split('\n').Select(l => l.TrimEnd()).Where(l => !l.TrimStart().StartsWith('[')).ToArray();
        Assert.Matches(@"^error: ratings\.csv: CrossedRandomEffects calibration was not run: the scalable path is predicted to need [0-9.]+ MB, more than the 1\.0 MB allowed \(MaxMemoryBytes\)", lines[0]);
        Assert.Equal(hint, lines[1]);
    }

    [Fact]
    public void A_forced_exact_fit_over_the_time_limit_is_refused_with_the_command_line_options_that_help()
    {
        var organisation = Path.Combine(_directory, "org");
        Assert.Equal(0, Run("simulate", "--people", "60", "--seed", "4", "--design", "widely-crossed", "--out", organisation).Code);
        var ratings = Path.Combine(organisation, "ratings.csv");

        var (code, _, error) = Run("calibrate", "--ratings", ratings, "--path", "exact", "--max-seconds", "0.000001", "--out", Path.Combine(_directory, "out"));

        Assert.Equal(2, code);
        var lines = error.Trim().Split('\n').Select(l => l.TrimEnd()).Where(l => !l.TrimStart().StartsWith('[')).ToArray();
        Assert.Matches(@"^error: ratings\.csv: CrossedRandomEffects calibration was not run: the exact path was not started: it is predicted to take [0-9.]+ s, more than the 1E-06 s allowed \(ExactPathMaxSeconds\)\.", lines[0]);
        Assert.Equal("hint: on the command line, --path scalable takes the scalable path, and --max-seconds and --max-memory-mb raise the limits.", lines[1]);

        // Auto takes the scalable path instead and says why.
        var (auto, text, _) = Run("calibrate", "--ratings", ratings, "--max-seconds", "0.000001", "--out", Path.Combine(_directory, "auto"));
        Assert.Equal(0, auto);
        Assert.Contains("(REML, scalable (average-information Newton; traces from ", text, StringComparison.Ordinal);
        Assert.Contains("warning: The exact REML path was not taken: it is predicted to take ", text, StringComparison.Ordinal);
        var model = JsonNode.Parse(File.ReadAllText(Path.Combine(_directory, "auto", "model.json")))!;
        var errors = model["varianceComponentMonteCarloErrors"]!.AsObject();
        Assert.Equal(model["varianceComponents"]!.AsObject().Select(p => p.Key), errors.Select(p => p.Key));
        Assert.All(errors, p => Assert.InRange(p.Value!.GetValue<double>(), 0, 1e-3 * model["varianceComponents"]![p.Key]!.GetValue<double>()));
    }

    [Theory]
    [InlineData("--max-seconds", "0", "error: --max-seconds was 0; it must be a number of seconds from 0.000001 to 1000000.\nhint: readiness calibrate --help lists the options.")]
    [InlineData("--max-seconds", "-1", "error: --max-seconds was -1; it must be a number of seconds from 0.000001 to 1000000.\nhint: readiness calibrate --help lists the options.")]
    [InlineData("--max-memory-mb", "-1", "error: --max-memory-mb was -1; it must be 0 (a quarter of the memory available) or a number of megabytes.\nhint: readiness calibrate --help lists the options.")]
    public void A_limit_out_of_range_is_refused_before_the_file_is_read(string option, string value, string message)
    {
        var (code, _, error) = Run("calibrate", "--ratings", Path.Combine(_directory, "missing.csv"), option, value, "--out", Path.Combine(_directory, "out"));

        Assert.Equal(2, code);
        Assert.Equal(message, error.Trim().ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData(new[] { "simulate", "--design", "foo", "--out", "x" }, "error: Argument 'foo' not recognized. Must be one of: 'local' 'widely-crossed' 'assessment-centre' 'matrix' 'anonymised'", "simulate")]
    [InlineData(new[] { "calibrate", "--out", "x" }, "error: Option '--ratings' is required.", "calibrate")]
    [InlineData(new[] { "calibrate", "--ratings", "r.csv", "--path", "fast" }, "error: Argument 'fast' not recognized. Must be one of: 'auto' 'exact' 'scalable'", "calibrate")]
    [InlineData(new[] { "calibrate", "--ratings", "r.csv", "--max-seconds", "1O" }, "error: Cannot parse argument '1O' for option '--max-seconds' as expected type 'System.Double'.", "calibrate")]
    [InlineData(new[] { "calibrate", "--ratings", "r.csv", "--max-memory-mb", "lots" }, "error: Cannot parse argument 'lots' for option '--max-memory-mb' as expected type 'System.Int64'.", "calibrate")]
    public void A_command_line_that_does_not_parse_gets_its_error_and_a_hint_not_the_whole_help(string[] args, string message, string verb)
    {
        var (code, output, error) = Run(args);

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.Equal([message, $"hint: readiness {verb} --help lists the options."], error.Trim().ReplaceLineEndings("\n").Split('\n'));
    }

    [Fact]
    public void Too_few_ratings_are_refused_and_rejects_csv_is_written_only_when_rows_were_rejected()
    {
        var four = Write("ratee,rater,competency,value\na,b,builds-trust,3\na,c,builds-trust,4\nd,b,builds-trust,2\nd,c,builds-trust,5\n");
        var (code, _, error) = Run("calibrate", "--ratings", four, "--out", Path.Combine(_directory, "four"));

        Assert.Equal(2, code);
        Assert.Contains("4 ratings cannot estimate 1 fixed effect and 4 variance components; at least 6 are needed.", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_directory, "four", "rejects.csv")));

        var withRejects = Write("ratee,rater,competency,value\na,b,builds-trust,3\na,c,builds-trust,4\nd,b,builds-trust,2\nd,c,builds-trust,5\nd,e,builds-trust,eleven\n");
        (code, _, error) = Run("calibrate", "--ratings", withRejects, "--out", Path.Combine(_directory, "rejects"));

        Assert.Equal(2, code);
        Assert.Contains("1 rejected row is listed in rejects.csv", error, StringComparison.Ordinal);
        Assert.Equal(2, File.ReadAllLines(Path.Combine(_directory, "rejects", "rejects.csv")).Length);
    }

    private string Write(string content)
    {
        var path = Path.Combine(_directory, $"{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, content);
        return path;
    }

    private static double Number(string cell) => double.Parse(cell, System.Globalization.CultureInfo.InvariantCulture);

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = ReadinessCommand.Run(args, new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }
}
