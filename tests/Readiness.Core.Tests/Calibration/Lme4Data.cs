using System.Globalization;
using System.IO.Compression;
using Readiness.Competencies;
using Readiness.Evidence;

namespace Readiness.Core.Tests.Calibration;

/// <summary>Reads the lme4 test data (Data/lme4, produced by fit_lme4.R): the ratings and what lmer fitted to them.</summary>
internal sealed class Lme4Data
{
    private Lme4Data(string name, string fits)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Data", "lme4");
        using (var gz = new GZipStream(File.OpenRead(Path.Combine(folder, name + "_ratings.csv.gz")), CompressionMode.Decompress))
        using (var reader = new StreamReader(gz))
        {
            Ratings = ReadRatings(reader);
        }

        Variances = Rows(folder, fits + "_variance.csv").ToDictionary(r => r[0], r => Number(r[1]));
        Fixed = Rows(folder, fits + "_fixed.csv").ToDictionary(r => r[0], r => (Estimate: Number(r[1]), Se: Number(r[2])));
        using (var gz = new GZipStream(File.OpenRead(Path.Combine(folder, fits + "_blups.csv.gz")), CompressionMode.Decompress))
        using (var reader = new StreamReader(gz))
        {
            reader.ReadLine();
            Blups = [];
            while (reader.ReadLine() is { } line)
            {
                var r = line.Split(',');
                Blups.Add((r[0], r[1]), Number(r[2]));
            }
        }
        Fit = Rows(folder, fits + "_fit.csv", header: false).ToDictionary(r => r[0], r => r[1]);
    }

    public RatingSet Ratings { get; }

    public Dictionary<string, double> Variances { get; }

    public Dictionary<string, (double Estimate, double Se)> Fixed { get; }

    public Dictionary<(string Term, string Level), double> Blups { get; }

    public Dictionary<string, string> Fit { get; }

    /// <summary>The ratings <paramref name="name"/> and lmer's fit to them, <paramref name="fits"/> when another formula's (default: the same name).</summary>
    public static Lme4Data Load(string name, string? fits = null) => new(name, fits ?? name);

    /// <summary>lme4 names treatment contrasts by pasting factor and level (competencydelegates, sourcepeer); ours are competency:delegates, source:Peer.</summary>
    public static string Lme4Name(string ours) => ours switch
    {
        "(Intercept)" => ours,
        _ when ours.StartsWith("competency:", StringComparison.Ordinal) => "competency" + ours["competency:".Length..],
        _ => "source" + SourceName(Enum.Parse<RaterSource>(ours["source:".Length..])),
    };

    public static string SourceName(RaterSource source) => source switch
    {
        RaterSource.DirectReport => "direct-report",
        RaterSource.SkipLevel => "skip-level",
        _ => source.ToString().ToLowerInvariant(),
    };

    private static RatingSet ReadRatings(StreamReader reader)
    {
        var header = reader.ReadLine()!.Split(',');
        var builder = new RatingSetBuilder(LeadershipFramework.Model);
        while (reader.ReadLine() is { } line)
        {
            var f = line.Split(',');
            string Field(string name) => f[Array.IndexOf(header, name)];
            var source = Enum.GetValues<RaterSource>().Single(s => SourceName(s) == Field("source"));
            builder.Add(new Rating(new RateeId(Field("ratee")), new RaterId(Field("rater")), source, Field("competency"), Number(Field("value"))));
        }

        var intake = builder.Build();
        Assert.Empty(intake.Report.Rejected);
        return intake.Ratings;
    }

    private static IEnumerable<string[]> Rows(string folder, string file, bool header = true) =>
        File.ReadLines(Path.Combine(folder, file)).Skip(header ? 1 : 0).Select(l => l.Split(','));

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}
