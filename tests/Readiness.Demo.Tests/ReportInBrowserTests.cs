using Microsoft.Playwright;

namespace Readiness.Demo.Tests;

/// <summary>
/// The demo's report opened in a real browser: Debian's Chromium (<c>apt-get install chromium</c>; CI installs it) driven by
/// Playwright, with no browser download. Where Chromium is not installed the test is reported as skipped, never passed.
/// </summary>
public sealed class ReportInBrowserTests : IDisposable
{
    private const string Chromium = "/usr/bin/chromium";

    /// <summary>The width the report must read at: a laptop's half screen, a tablet held upright.</summary>
    private const int Width = 700;

    private readonly string _directory = Directory.CreateTempSubdirectory("readiness-report-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [SkippableFact]
    [Trait("Category", "Slow")]
    public async Task The_report_renders_in_Chromium_at_700_px_with_no_console_error_no_outside_request_and_legible_charts()
    {
        Skip.IfNot(File.Exists(Chromium), $"Chromium is not installed at {Chromium} (apt-get install chromium): the report was not opened in a browser.");
        var output = Path.Combine(_directory, "report");
        var (code, _, error) = DemoTests.Run("--people", "1100", "--seed", "1", "--out", output);
        Assert.True(code == 0, error);
        var report = new FileInfo(Path.Combine(output, "report.html"));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            // Chromium's own background connections are refused on a closed network; they are not the page's.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = Width, Height = 900 } });
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                problems.Add($"console {message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, message) => problems.Add($"page error: {message}");
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith("file://", StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                problems.Add($"outside request: {request.Url}");
            }
        };

        await page.GotoAsync(new Uri(report.FullName).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load });

        Assert.Empty(problems);
        // Light: 1,100 people and 2,475 raters once took 1.8 MB, 860 KB of it one chart of every rater.
        Assert.True(report.Length < 800_000, $"report.html is {report.Length:N0} bytes");

        // Nothing scrolls the page sideways at 700 px (a wide table scrolls within itself), and no link leads off the page.
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= Width, "the page scrolls sideways at 700 px");
        Assert.Equal(0, await page.EvaluateAsync<int>("document.querySelectorAll('a[href]').length"));

        // Every chart decoded and drawn at no less than three quarters of its own size, so its 12 px labels stay at 9 px or
        // more.
        var charts = await page.EvaluateAsync<double[][]>("[...document.images].map(i => [i.naturalWidth, i.getBoundingClientRect().width])");
        Assert.Equal(5, charts.Length);
        Assert.All(charts, c =>
        {
            var (natural, drawn) = (c[0], c[1]);
            Assert.True(natural > 0, "a chart did not decode");
            Assert.True(drawn <= Width && drawn >= 0.75 * natural, $"a chart of {natural} px is drawn at {drawn} px");
        });
    }
}
