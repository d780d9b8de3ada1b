using Readiness.Calibration;
using Readiness.Evidence;
using Readiness.Simulation;
using static Readiness.Competencies.LeadershipFramework;

namespace Readiness.Core.Tests.Calibration;

/// <summary>Small rating sets and checks shared by the calibrators' edge tests.</summary>
internal static class Panels
{
    /// <summary>A simulated organisation of 40 people: every source, self-ratings, fitted in well under a second.</summary>
    public static readonly RatingSet Small = OrganisationSimulator.Generate(new SimulationOptions { People = 40, Seed = 5 }).TakeInRatings().Ratings;

    /// <summary>Eight people, p0 … p7, rated by v, x, y and z on Delegates with levels 2 to 4: no element extreme, thresholds ordered.</summary>
    public static IEnumerable<Rating> Graded()
    {
        int[][] levels = [[2, 3, 3, 2], [3, 3, 2, 3], [3, 4, 3, 3], [2, 3, 4, 3], [4, 3, 3, 4], [3, 2, 3, 3], [4, 4, 3, 3], [3, 3, 4, 2]];
        return levels.SelectMany((row, p) => row.Select((level, r) => Peer($"p{p}", "vxyz"[r].ToString(), level)));
    }

    public static RatingSet Set(IEnumerable<Rating> rows) => new RatingSetBuilder(Model).AddRange(rows).Build().Ratings;

    public static Rating Peer(string ratee, string rater, double value) =>
        new(new RateeId(ratee), new RaterId(rater), RaterSource.Peer, Delegates, value);

    public static Rating Self(string ratee, double value) =>
        new(new RateeId(ratee), new RaterId(ratee), RaterSource.Self, Delegates, value);

    /// <summary>Checks the Self source effect: the mean of self-rating minus estimate, its standard error, and every self-rating counted.</summary>
    public static void AssertSelfEffect(CalibrationResult result, RatingSet ratings)
    {
        var selfRatings = ratings.AsEnumerable().Where(r => r.Source == RaterSource.Self).ToArray();
        var differences = selfRatings
            .Select(r => result.TryGetEstimate(r.Ratee, r.Competency, out var e) ? r.Value - e.Estimate : double.NaN)
            .Where(double.IsFinite)
            .ToArray();
        var mean = differences.Average();
        var sd = Math.Sqrt(differences.Sum(d => (d - mean) * (d - mean)) / (differences.Length - 1));

        var self = result.SourceEffects[0];
        Assert.Equal((RaterSource.Self, selfRatings.Length), (self.Source, self.Ratings));
        Assert.Equal(mean, self.Effect, 12);
        Assert.Equal(sd / Math.Sqrt(differences.Length), self.StandardError, 12);
        Assert.True(self.Effect > 0.2, $"the simulation plants self-inflation: {self.Effect:F3}");
    }
}

/// <summary>Records progress reports as they are made (<see cref="Progress{T}"/> would post them to the thread pool, out of order).</summary>
internal sealed class ProgressRecorder : IProgress<CalibrationProgress>
{
    public List<CalibrationProgress> Reports { get; } = [];

    public void Report(CalibrationProgress value) => Reports.Add(value);
}
