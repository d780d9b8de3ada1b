using System.Globalization;
using System.Text.RegularExpressions;

namespace Readiness.Demo.Tests;

/// <summary>What the README shows from the demo is what the demo produces with its defaults, not something drawn by hand.</summary>
public sealed class ReadmeTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("readiness-readme-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_readme_shows_the_contrast_table_and_the_nine_box_chart_of_the_default_run()
    {
        var root = RepositoryRoot();

        var (code, _, error) = DemoTests.Run("--out", _directory);

        Assert.True(code == 0, error);
        var readme = File.ReadAllText(Path.Combine(root, "README.md")).ReplaceLineEndings("\n");
        var contrast = File.ReadAllText(Path.Combine(_directory, "contrast.md")).ReplaceLineEndings("\n");
        Assert.True(readme.Contains(contrast, StringComparison.Ordinal), $"README.md should show the default run's contrast.md:\n{contrast}");
        AssertSameDrawing(File.ReadAllText(Path.Combine(_directory, "charts", "nine-box.svg")), File.ReadAllText(Path.Combine(root, "docs", "images", "nine-box.svg")));
        Assert.Contains("](docs/images/nine-box.svg)", readme, StringComparison.Ordinal);
    }

    /// <summary>
    /// The same SVG up to coordinates within half a unit: the calibration's vectorised sums follow the machine's vector
    /// width, so another CPU may move a dot by a rounding error, never by a visible amount.
    /// </summary>
    private static void AssertSameDrawing(string expected, string actual)
    {
        var number = new Regex(@"-?\d+(\.\d+)?", RegexOptions.None, TimeSpan.FromSeconds(10));
        Assert.Equal(number.Replace(expected, "#"), number.Replace(actual, "#"));
        var (e, a) = (number.Matches(expected), number.Matches(actual));
        for (var i = 0; i < e.Count; i++)
        {
            var difference = Math.Abs(double.Parse(e[i].Value, CultureInfo.InvariantCulture) - double.Parse(a[i].Value, CultureInfo.InvariantCulture));
            Assert.True(difference <= 0.5, $"number {i}: {e[i].Value} in the demo's chart, {a[i].Value} in docs/images");
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Readiness.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Readiness.sln not found above the test's directory.");
    }
}
