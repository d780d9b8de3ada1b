using System.Net;
using System.Text;

namespace Readiness.Demo;

/// <summary>
/// Writes the story as one self-contained HTML page: charts are embedded as SVG data URIs (so they open offline and their
/// element ids cannot collide), tables and text are the ones the console showed, and the CLI's files are linked.
/// </summary>
internal static class HtmlReport
{
    private const string Style = """
        body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em; color: #222; }
        h1 { font-size: 1.7em; } h2 { margin-top: 2.2em; border-bottom: 1px solid #ddd; padding-bottom: .2em; }
        table { border-collapse: collapse; margin: 1em 0; font-size: .9em; } caption { text-align: left; font-weight: 600; padding: .3em 0; }
        th, td { border: 1px solid #ddd; padding: .25em .55em; vertical-align: top; } th { background: #f5f5f5; }
        td { font-variant-numeric: tabular-nums; } p.key { font-weight: 600; }
        figure { margin: 1.2em 0; } figure img { max-width: 100%; border: 1px solid #eee; } figcaption { color: #555; font-size: .9em; }
        code { background: #f5f5f5; padding: 0 .25em; }
        """;

    public static void Write(Story story, string title, DemoFiles inputs, IReadOnlyList<(string Verb, string Directory, string[] Files)> cliOutputs, string path)
    {
        var reportDirectory = Path.GetDirectoryName(path)!;
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html>")
            .AppendLine("<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .AppendLine($"<title>{Encode(title)}</title>")
            .AppendLine($"<style>{Style}</style></head><body>")
            .AppendLine($"<h1>{Encode(title)}</h1>");
        foreach (var step in story.Steps)
        {
            html.AppendLine($"<h2>{(step.Number == 0 ? string.Empty : $"{step.Number}. ")}{Encode(step.Title)}</h2>");
            foreach (var block in step.Blocks)
            {
                Append(html, block);
            }
        }

        html.AppendLine("<h2>The files behind this report</h2>")
            .AppendLine($"<p>The inputs: {Links(reportDirectory, [inputs.Ratings, inputs.Performance, inputs.Groups, inputs.Outcomes])}. The charts are in <a href=\"charts/\">charts/</a>. " +
                "The same inputs through the command-line verbs (<code>dotnet run --project samples/Readiness.Cli -- VERB …</code>):</p>")
            .AppendLine("<table><tr><th>Verb</th><th>Files</th></tr>");
        foreach (var (verb, directory, files) in cliOutputs)
        {
            var links = string.Join(", ", files.Select(f => $"<a href=\"{Encode(directory)}/{Encode(f)}\">{Encode(f)}</a>"));
            html.AppendLine($"<tr><td><code>{Encode(verb)}</code></td><td>{links}</td></tr>");
        }

        html.AppendLine("</table></body></html>");
        File.WriteAllText(path, html.ToString());
    }

    private static void Append(StringBuilder html, StoryBlock block)
    {
        switch (block)
        {
            case Paragraph p:
                html.AppendLine(p.Emphasis ? $"<p class=\"key\">{Encode(p.Text)}</p>" : $"<p>{Encode(p.Text)}</p>");
                break;
            case TableBlock t:
                html.AppendLine($"<table><caption>{Encode(t.Title)}</caption><tr>{string.Concat(t.Columns.Select(c => $"<th>{Encode(c)}</th>"))}</tr>");
                foreach (var row in t.Rows)
                {
                    html.AppendLine($"<tr>{string.Concat(row.Select(c => $"<td>{Encode(c)}</td>"))}</tr>");
                }

                html.AppendLine("</table>");
                break;
            case ChartBlock c:
                var data = Convert.ToBase64String(Encoding.UTF8.GetBytes(c.Svg));
                html.AppendLine($"<figure><img src=\"data:image/svg+xml;base64,{data}\" alt=\"{Encode(c.Caption)}\"><figcaption>{Encode(c.Caption)} (<a href=\"charts/{Encode(c.File)}\">{Encode(c.File)}</a>)</figcaption></figure>");
                break;
        }
    }

    private static string Links(string directory, IEnumerable<FileInfo?> files) => string.Join(", ", files.OfType<FileInfo>().Select(f =>
    {
        var relative = Path.GetRelativePath(directory, f.FullName).Replace('\\', '/');
        return $"<a href=\"{Encode(relative)}\">{Encode(relative)}</a>";
    }));

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
