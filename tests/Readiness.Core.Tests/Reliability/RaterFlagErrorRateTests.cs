using System.Globalization;
using Readiness.Calibration;
using Readiness.Reliability;
using Readiness.Simulation;
using Xunit.Abstractions;

namespace Readiness.Core.Tests.Reliability;

/// <summary>
/// How often each rater flag fires on raters who have no such habit, and on raters who have it, by ratees per rater —
/// the numbers the README publishes (run with a detailed console logger to see the table).
/// </summary>
public sealed class RaterFlagErrorRateTests(ITestOutputHelper output)
{
    private static readonly (string Name, Func<int, bool> Holds)[] Buckets =
        [("2", n => n == 2), ("3–4", n => n is 3 or 4), ("5–9", n => n is >= 5 and <= 9), ("10+", n => n >= 10)];

    private static readonly (RaterIssues Flag, RaterStyle Style)[] Flags =
        [(RaterIssues.Lenient | RaterIssues.Severe, RaterStyle.Lenient), (RaterIssues.CentralTendency, RaterStyle.CentralTendency), (RaterIssues.Halo, RaterStyle.Halo), (RaterIssues.Misfit, RaterStyle.Erratic)];

    private static List<(RaterStyle Style, RaterDiagnostic Diagnostic)> Diagnose(SimulationOptions options, int seeds)
    {
        var all = new List<(RaterStyle, RaterDiagnostic)>();
        for (var seed = 1; seed <= seeds; seed++)
        {
            var organisation = OrganisationSimulator.Generate(options with { Seed = seed });
            var ratings = organisation.TakeInRatings().Ratings;
            var style = organisation.Raters.ToDictionary(r => r.Rater, r => r.Style);
            all.AddRange(RaterDiagnostics.Analyze(ratings, new CrossedRandomEffectsCalibrator().Calibrate(ratings)).Select(d => (style[d.Rater], d)));
        }

        return all;
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Each_flag_fires_on_at_most_five_percent_of_raters_without_the_habit_and_on_most_raters_with_it()
    {
        // The null: every rater rates as the model says (no leniency, no style). Then the planted habits, a tenth each, with
        // the default sizes: leniency ±0.9, central pull 0.35, halo, noise × 2.5.
        // Half the null organisations have half the usual spread of true levels (0.35): lower signal, where halo's profile
        // is faint and a test without a null flagged dozens of raters.
        var none = new SimulationOptions { People = 1200, RaterLeniencySd = 0, BiasedRaterShare = 0, CentralTendencyShare = 0, HaloShare = 0 };
        var nulls = Diagnose(none, seeds: 2).Concat(Diagnose(none with { TrueLevelSd = 0.35 }, seeds: 2)).ToList();
        var planted = Diagnose(new SimulationOptions { People = 1200, BiasedRaterShare = 0.2, CentralTendencyShare = 0.1, HaloShare = 0.1, ErraticShare = 0.1 }, seeds: 3);

        string Rate(IEnumerable<RaterDiagnostic> raters, RaterIssues flag)
        {
            var list = raters.ToArray();
            return list.Length == 0 ? "—" : string.Create(CultureInfo.InvariantCulture, $"{list.Count(d => (d.Issues & flag) != 0) / (double)list.Length:P1} of {list.Length}");
        }

        output.WriteLine("flag | ratees | false positives (no habit) | detected (planted)");
        foreach (var (flag, style) in Flags)
        {
            foreach (var (name, holds) in Buckets)
            {
                output.WriteLine($"{flag} | {name} | {Rate(nulls.Where(x => holds(x.Diagnostic.Ratees)).Select(x => x.Diagnostic), flag)} | " +
                    $"{Rate(planted.Where(x => holds(x.Diagnostic.Ratees) && (x.Style == style || (style == RaterStyle.Lenient && x.Style == RaterStyle.Severe))).Select(x => x.Diagnostic), flag)}");
            }

            // The flag needs its test at 5%: on raters without the habit it fires at most that often, in every bucket with enough raters.
            foreach (var (name, holds) in Buckets)
            {
                var raters = nulls.Where(x => holds(x.Diagnostic.Ratees)).Select(x => x.Diagnostic).ToArray();
                var rate = raters.Count(d => (d.Issues & flag) != 0) / (double)raters.Length;
                Assert.True(raters.Length < 100 || rate <= 0.05 + (3 * Math.Sqrt(0.05 * 0.95 / raters.Length)), $"{flag} at {name} ratees: {rate:P1} of {raters.Length}");
            }
        }

        // Separated: central-tendency raters are not flagged for halo; and every habit is found in most raters with 5+ ratees.
        var central = planted.Where(x => x.Style == RaterStyle.CentralTendency).Select(x => x.Diagnostic).ToArray();
        output.WriteLine($"central-tendency raters flagged for halo: {Rate(central, RaterIssues.Halo)}");
        Assert.True(central.Count(d => d.Issues.HasFlag(RaterIssues.Halo)) <= 0.05 * central.Length, $"central-tendency raters flagged for halo: {Rate(central, RaterIssues.Halo)}");
        foreach (var (flag, style) in Flags)
        {
            var many = planted.Where(x => x.Diagnostic.Ratees >= 5 && (x.Style == style || (style == RaterStyle.Lenient && x.Style == RaterStyle.Severe))).Select(x => x.Diagnostic).ToArray();
            Assert.True(many.Count(d => (d.Issues & flag) != 0) >= 0.7 * many.Length, $"{flag} on planted raters with 5+ ratees: {Rate(many, flag)}");
        }
    }
}
