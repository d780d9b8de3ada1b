using System.Diagnostics;
using OxyPlot;
using Spectre.Console;

namespace Readiness.Demo;

/// <summary>One block of the story: a paragraph, a table or a chart.</summary>
internal abstract record StoryBlock;

/// <summary>A paragraph; <paramref name="Emphasis"/> marks the sentences the step exists for.</summary>
internal sealed record Paragraph(string Text, bool Emphasis = false) : StoryBlock;

/// <summary>A table of plain-text cells.</summary>
internal sealed record TableBlock(string Title, string[] Columns, IReadOnlyList<string[]> Rows) : StoryBlock;

/// <summary>A chart written to <c>charts/FILE</c> as SVG.</summary>
internal sealed record ChartBlock(string File, string Caption, string Svg) : StoryBlock;

/// <summary>A numbered step of the story.</summary>
internal sealed record StoryStep(int Number, string Title)
{
    public List<StoryBlock> Blocks { get; } = [];
}

/// <summary>
/// Tells the story once and keeps it: every block is shown on the console as it is told and kept for report.html, so the
/// console and the report cannot say different things. Timings go to the console only (the report is deterministic).
/// </summary>
internal sealed class Story(IAnsiConsole console, DirectoryInfo output)
{
    private const double ChartWidth = 860;
    private const double ChartHeight = 560;

    public List<StoryStep> Steps { get; } = [];

    public IAnsiConsole Console => console;

    public DirectoryInfo ChartDirectory { get; } = output.CreateSubdirectory("charts");

    private StoryStep Current => Steps[^1];

    public void Step(string title)
    {
        Steps.Add(new StoryStep(Steps.Count, title));
        console.WriteLine();
        console.Write(new Rule($"[bold]{(Current.Number == 0 ? string.Empty : $"{Current.Number}. ")}{Markup.Escape(title)}[/]").LeftJustified());
    }

    public void Say(string text, bool emphasis = false)
    {
        Current.Blocks.Add(new Paragraph(text, emphasis));
        console.MarkupLine(emphasis ? $"[bold]{Markup.Escape(text)}[/]" : Markup.Escape(text));
    }

    public TableBlock Table(string title, string[] columns, IEnumerable<string[]> rows)
    {
        var block = new TableBlock(title, columns, rows.ToArray());
        Current.Blocks.Add(block);
        var table = new Table().Title(Markup.Escape(title)).AddColumns(columns.Select(c => new TableColumn(Markup.Escape(c))).ToArray());
        foreach (var row in block.Rows)
        {
            table.AddRow(row.Select(Markup.Escape).ToArray());
        }

        console.Write(table);
        return block;
    }

    /// <summary>Renders the chart to <c>charts/NAME.svg</c> and keeps it for the report.</summary>
    public void Chart(string name, string caption, PlotModel model)
    {
        var exporter = new SvgExporter
        {
            Width = ChartWidth, Height = ChartHeight, TextMeasurer = new RoomyTextMeasurer(),

            // Viewers differ in dominant-baseline support; without this, titles are clipped and legend labels drift off their markers.
            UseVerticalTextAlignmentWorkaround = true,
        };
        var svg = exporter.ExportToString(model);
        var file = $"{name}.svg";
        File.WriteAllText(Path.Combine(ChartDirectory.FullName, file), svg);
        Current.Blocks.Add(new ChartBlock(file, caption, svg));
        console.MarkupLine($"[grey]Chart: {Markup.Escape(caption)} → charts/{Markup.Escape(file)}[/]");
    }

    /// <summary>The table as Markdown (for the README and contrast.md).</summary>
    public static string Markdown(TableBlock table)
    {
        static string Row(IEnumerable<string> cells) => "| " + string.Join(" | ", cells.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))) + " |";
        return string.Join('\n', [Row(table.Columns.Select(c => c.Trim())), Row(table.Columns.Select(_ => "---")), .. table.Rows.Select(Row)]);
    }

    /// <summary>Runs a long step behind a status line (console only), then says how long it took.</summary>
    public T Run<T>(string what, Func<Action<string>, T> work)
    {
        var clock = Stopwatch.StartNew();
        var result = console.Status().Start(what, context => work(status => context.Status($"{what}: {status}")));
        console.MarkupLine($"[grey]{Markup.Escape(what)}: {clock.Elapsed.TotalSeconds:0.0} s[/]");
        return result;
    }

    /// <summary>
    /// Measures text with OxyPlot's built-in Helvetica metrics, 30% wider: the SVG is drawn in whatever sans-serif font the
    /// viewer has, most of them wider than Helvetica, and OxyPlot clips legends and axis labels to the measured size.
    /// </summary>
    private sealed class RoomyTextMeasurer() : PdfRenderContext(1, 1, OxyColors.Undefined)
    {
        public override OxySize MeasureText(string text, string fontFamily, double fontSize, double fontWeight)
        {
            var size = base.MeasureText(text, fontFamily, fontSize, fontWeight);
            return new OxySize(size.Width * 1.3, size.Height);
        }
    }
}
