using System.Globalization;
using Readiness.Calibration;
using Readiness.Fairness;
using Readiness.Simulation;
using Xunit.Abstractions;

namespace Readiness.Core.Tests.Fairness;

/// <summary>
/// How often <see cref="RaterGroupBias"/> finds planted group-favouring raters, by how many ratees they have in the smaller
/// group, and how often it flags anyone else — over several seeds, the numbers the README states (run with a detailed
/// console logger to see them).
/// </summary>
public sealed class RaterGroupBiasPowerTests(ITestOutputHelper output)
{
    [Theory]
    [Trait("Category", "Slow")]
    [InlineData(1.0)]
    [InlineData(0.5)]
    public void Planted_bias_is_found_in_proportion_to_the_ratees_and_others_are_rarely_flagged(double bias)
    {
        var (examined, found, others, flaggedOthers, notExamined, planted) = (new int[4], new int[4], 0, 0, 0, 0);
        var buckets = new[] { "2", "3–4", "5–9", "10+" };
        int Bucket(int n) => n switch { 2 => 0, 3 or 4 => 1, < 10 => 2, _ => 3 };
        for (var seed = 1; seed <= 5; seed++)
        {
            var organisation = OrganisationSimulator.Generate(new SimulationOptions { People = 1200, Seed = seed, GroupBiasedRaterShare = 0.05, FavouredGroupBias = bias });
            var ratings = organisation.TakeInRatings().Ratings;
            var result = RaterGroupBias.Analyze(ratings, new CrossedRandomEffectsCalibrator().Calibrate(ratings), organisation.Demographics, "sex",
                new RaterGroupBiasOptions { MinimumDifference = bias / 2 });
            var favouring = organisation.Raters.Where(r => r.Style == RaterStyle.FavoursGroup).Select(r => r.Rater).ToHashSet();
            planted += favouring.Count;
            notExamined += favouring.Count - result.Splits.Count(s => favouring.Contains(s.Rater));
            foreach (var split in result.Splits)
            {
                if (favouring.Contains(split.Rater))
                {
                    var b = Bucket(split.Groups.Min(g => g.Ratees));
                    examined[b]++;
                    found[b] += split.Flagged ? 1 : 0;
                }
                else
                {
                    others++;
                    flaggedOthers += split.Flagged ? 1 : 0;
                }
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bias {bias}: planted {planted}, not examined {notExamined}; others flagged {flaggedOthers} of {others}"));
        for (var b = 0; b < 4; b++)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  smaller group {buckets[b]}: found {found[b]} of {examined[b]}"));
        }

        // Found more often with more ratees; among all flags, few are not planted (the false-discovery rate is 5%).
        var flagged = found.Sum() + flaggedOthers;
        Assert.True(flaggedOthers <= Math.Max(2, 0.1 * flagged), $"{flaggedOthers} of {flagged} flags not planted");
        Assert.True(found[2] + found[3] >= 0.6 * (examined[2] + examined[3]) || bias < 1, $"{found[2] + found[3]} of {examined[2] + examined[3]} with 5+ ratees in each group");
    }
}
