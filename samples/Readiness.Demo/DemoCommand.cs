using System.CommandLine;
using System.Diagnostics;
using Readiness.Cli;
using Readiness.Files;
using Spectre.Console;

namespace Readiness.Demo;

/// <summary>The demo's options, and the run: read or simulate the data, tell the story, write the report.</summary>
internal static class DemoCommand
{
    public const string Title = "Readiness: your best performer is not automatically your best leader";

    public static RootCommand Create(IAnsiConsole console)
    {
        var people = new Option<int>("--people") { Description = "People in the simulated organisation (400–20000).", DefaultValueFactory = _ => 1200 };
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed tells the same story.", DefaultValueFactory = _ => 1 };
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory for report.html, charts/, data/ and the CLI verbs' files.", DefaultValueFactory = _ => new DirectoryInfo("readiness-report") };
        var ratings = new Option<FileInfo?>("--ratings") { Description = "Run the story on your own ratings export instead (CSV: ratee,rater,competency,value[,source][,cycle]); --people and --seed are then not used." };
        var performance = new Option<FileInfo?>("--performance") { Description = "With --ratings: CSV ratee,performance (the 9-box's and the contrast's performance)." };
        var groups = new Option<FileInfo?>("--groups") { Description = "With --ratings: CSV ratee,ATTRIBUTE[,ATTRIBUTE…] for the fairness audit." };
        var outcomes = new Option<FileInfo?>("--outcomes") { Description = "With --ratings: CSV ratee,outcome (later team results of the people promoted) for the validity check." };
        var model = new Option<FileInfo?>("--model") { Description = "With --ratings: your competency model JSON (default: the built-in framework)." };
        var role = new Option<FileInfo?>("--role") { Description = "With --ratings: a role profile JSON for the model (required with --model)." };
        var columns = new Option<string?>("--columns") { Description = "With --ratings: the export's own column names, e.g. ratee=employee_id,value=score." };
        columns.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1 && !ColumnMap.TryParse(result.Tokens[0].Value, out _, out var problem))
            {
                result.AddError($"--columns: {problem}.");
            }
        });
        var sourceValues = new Option<string?>("--source-values") { Description = "With --ratings: the export's own words for the rater sources, e.g. \"Line Manager=manager\"." };
        sourceValues.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1 && !SourceValues.TryParse(result.Tokens[0].Value, out _, out var problem))
            {
                result.AddError($"--source-values: {problem}.");
            }
        });
        var date = new Option<DateOnly?>("--date") { Description = "With --ratings: the review date development plans start from (yyyy-mm-dd); default: today." };
        var command = new RootCommand("Readiness demo: your best performer is not automatically your best leader.") { people, seed, output, ratings, performance, groups, outcomes, model, role, columns, sourceValues, date };
        command.SetAction(result =>
        {
            var error = result.InvocationConfiguration.Error;
            var ratingsFile = result.GetValue(ratings);
            var files = ratingsFile is null ? null : new DemoFiles(
                ratingsFile, result.GetValue(performance), result.GetValue(groups), result.GetValue(outcomes), result.GetValue(model), result.GetValue(role), result.GetValue(columns), result.GetValue(sourceValues), result.GetValue(date));
            if (files is null && (result.GetValue(performance) ?? result.GetValue(groups) ?? result.GetValue(outcomes) ?? result.GetValue(model) ?? result.GetValue(role)) is { } stray)
            {
                error.WriteLine($"error: {stray.Name} was given without --ratings; --performance, --groups, --outcomes, --model and --role go with your own ratings export.");
                return WeightsVerb.BadInput;
            }

            if (files is null && result.GetValue(date) is not null)
            {
                error.WriteLine("error: --date was given without --ratings; the simulated story keeps its own review date (2027-01-04), so its numbers match the README.");
                return WeightsVerb.BadInput;
            }

            var size = result.GetValue(people);
            if (files is null && size is < 400 or > 20_000)
            {
                error.WriteLine($"error: --people was {size}; the story needs between 400 and 20000 people (a slate of ten, 300 past promotions).");
                return WeightsVerb.BadInput;
            }

            return Run(console, error, result.GetRequiredValue(output), files, size, result.GetValue(seed));
        });
        return command;
    }

    private static int Run(IAnsiConsole console, TextWriter error, DirectoryInfo output, DemoFiles? files, int people, int seed)
    {
        var clock = Stopwatch.StartNew();
        DemoInputs inputs;
        try
        {
            output.Create();
            inputs = files is null ? DemoInputs.Simulate(people, seed, output.CreateSubdirectory("data")) : DemoInputs.Read(files);
        }
        catch (Exception e) when (BadInput.Is(e))
        {
            return BadInput.Report(e, error);
        }

        if (inputs.Ratings.Ratings.Count == 0)
        {
            error.WriteLine($"error: {inputs.Files.Ratings.Name}: none of the {inputs.Ratings.Report.Submitted} rows could be used; the first problems:");
            foreach (var rejected in inputs.Ratings.Report.Rejected.Take(5))
            {
                error.WriteLine($"  {inputs.Ratings.Describe(rejected)}");
            }

            return WeightsVerb.BadInput;
        }

        console.Write(new FigletText("Readiness").Color(Color.SteelBlue));
        console.MarkupLine($"[bold]{Markup.Escape(Title)}[/]");
        var story = new Story(console, output);
        try
        {
            File.WriteAllText(Path.Combine(output.FullName, "contrast.md"), DemoStory.Tell(inputs, story));
        }
        catch (Exception e) when (BadInput.Is(e, arguments: true))
        {
            // Too few usable ratings to calibrate, for example: say so, every line of it, in the report too, and keep what
            // was told so far.
            if (story.Steps.Count == 0)
            {
                story.Step("The story stops");
            }

            story.Say($"The story stops here: {e.Message}", emphasis: true);
        }

        var cli = CliOutputs.Write(inputs.Files, inputs.ReviewDate, output, story);
        var report = Path.Combine(output.FullName, "report.html");
        HtmlReport.Write(story, Title, inputs.Files, cli, report);
        console.WriteLine();
        console.MarkupLine($"Report: [link]{Markup.Escape(report)}[/] ({story.Steps.Sum(s => s.Blocks.OfType<ChartBlock>().Count())} charts; the CLI's files under cli/). {clock.Elapsed.TotalSeconds:0.0} s in all.");
        return WeightsVerb.Ok;
    }
}
