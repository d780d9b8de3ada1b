using System.CommandLine;
using System.Globalization;
using Readiness.Cli;
using Spectre.Console;

namespace Readiness.Demo;

/// <summary>Runs the CLI's verbs in-process on the story's files, so the report links the exact files the CLI writes.</summary>
internal static class CliOutputs
{
    public static List<(string Verb, string Directory, string[] Files)> Write(DemoFiles files, DateOnly reviewDate, DirectoryInfo output, Story story)
    {
        // The ratings as the user gave them: their model and column names.
        var ratings = new List<string> { "--ratings", files.Ratings.FullName };
        ratings.AddRange(files.Model is { } model ? ["--model", model.FullName] : []);
        ratings.AddRange(files.Columns is { } columns ? ["--columns", columns] : []);
        ratings.AddRange(files.SourceValues is { } words ? ["--source-values", words] : []);
        var common = new List<string>(ratings);
        common.AddRange(files.Role is { } role ? ["--role", role.FullName] : []);
        if (files.Performance is { } performance)
        {
            common.AddRange(["--performance", performance.FullName]);
        }

        var runs = new List<(string Verb, string[] Arguments)>
        {
            ("calibrate", [.. ratings]),
            ("reliability", [.. ratings]),
            ("score", [.. common]),
            ("talent", [.. common, "--date", reviewDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]),
        };
        if (files.Groups is { } groups)
        {
            runs.Add(("audit", [.. common, "--groups", groups.FullName]));
        }

        if (files.Outcomes is { } outcomes)
        {
            runs.Add(("validity", [.. common, "--outcomes", outcomes.FullName]));
        }

        var written = new List<(string, string, string[])>();
        story.Run("Writing the CLI verbs' files", status =>
        {
            foreach (var (verb, arguments) in runs)
            {
                status(verb);
                var directory = Path.Combine(output.FullName, "cli", verb);
                using var console = new StringWriter(CultureInfo.InvariantCulture);
                using var error = new StringWriter(CultureInfo.InvariantCulture);
                var code = ReadinessCommand.Run([verb, .. arguments, "--out", directory], new InvocationConfiguration { Output = console, Error = error });
                if (code != 0)
                {
                    story.Console.MarkupLine($"[yellow]The CLI's {verb} verb stopped (exit code {code}): {Markup.Escape(error.ToString().Trim())}[/]");
                    continue;
                }

                written.Add(($"readiness {verb}", $"cli/{verb}", Directory.GetFiles(directory).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray()));
            }

            return written.Count;
        });
        return written;
    }
}
