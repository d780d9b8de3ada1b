using System.Collections.Immutable;
using Readiness.Calibration;
using Readiness.Evidence;
using Readiness.Internal;

namespace Readiness.Fairness;

/// <summary>
/// Finds raters who are lenient (or severe) toward one group only: the bias calibration cannot remove, because a rater's
/// leniency is estimated over all their ratees.
/// </summary>
/// <remarks>
/// Each rating other than a self-rating is compared with the calibrated estimate for the ratee and competency; a rater's
/// residuals are averaged per ratee (ratings of one ratee are not independent), then per group of their ratees on the
/// attribute (their overall leniency is the same in every group, so it cancels in the difference). Raters with at least
/// <c>minimumRatees</c> ratees in two or more groups are reported,
/// the largest between-group difference first; a rater is flagged when the difference is at least <c>minimumDifference</c>
/// scale points and at least <c>minimumZ</c> standard errors (Welch) — a high bar by default, since hundreds of raters are
/// examined at once.
/// </remarks>
public static class RaterGroupBias
{
    /// <summary>Splits every rater's residuals by the ratee's group.</summary>
    /// <param name="ratings">The ratings that were calibrated.</param>
    /// <param name="calibration">The calibration of those ratings.</param>
    /// <param name="demographics">The caller's demographic data.</param>
    /// <param name="attribute">The attribute whose categories form the groups.</param>
    /// <param name="minimumRatees">The fewest ratees a group needs in a rater's split. Default 3.</param>
    /// <param name="minimumDifference">The smallest flagged difference, in scale points. Default 0.5.</param>
    /// <param name="minimumZ">The smallest flagged z. Default 4.</param>
    /// <returns>The raters with ratees in two or more groups, largest z first (ties by rater).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A threshold is out of range.</exception>
    public static ImmutableArray<RaterGroupSplit> Analyze(
        RatingSet ratings, CalibrationResult calibration, Demographics demographics, string attribute,
        int minimumRatees = 3, double minimumDifference = 0.5, double minimumZ = 4)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        ArgumentNullException.ThrowIfNull(calibration);
        ArgumentNullException.ThrowIfNull(demographics);
        Guard.NotBlank(attribute);
        if (minimumRatees < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(minimumRatees), minimumRatees, $"minimumRatees was {minimumRatees}; it must be at least 2.");
        }

        Guard.InRange(minimumDifference, 0, 100);
        Guard.InRange(minimumZ, 0, 100);

        var competencies = ratings.Model.Competencies.Select(c => c.Id).ToArray();
        var groupOf = ratings.Ratees.Select(r => demographics.CategoryOf(r, attribute)).ToArray();

        // A rater's ratings of one ratee share that ratee's residual, so the unit is the ratee: one mean residual per
        // rater and ratee, then the spread of those across the rater's ratees of a group.
        var perRatee = new Dictionary<(int Rater, int Ratee), (int N, double Sum)>();
        for (var i = 0; i < ratings.Count; i++)
        {
            var (ratee, rater, competency) = (ratings.RateeIndices[i], ratings.RaterIndices[i], ratings.CompetencyIndices[i]);
            if (ratings.Sources[i] == RaterSource.Self || groupOf[ratee] is null)
            {
                continue;
            }

            if (!calibration.TryGetEstimate(ratings.Ratees[ratee], competencies[competency], out var estimate))
            {
                continue;
            }

            var s = perRatee.GetValueOrDefault((rater, ratee));
            perRatee[(rater, ratee)] = (s.N + 1, s.Sum + (ratings.Values[i] - estimate.Estimate));
        }

        var sums = new Dictionary<(int Rater, string Group), (int N, double Sum, double SumSquares)>();
        foreach (var ((rater, ratee), (n, sum)) in perRatee)
        {
            var mean = sum / n;
            var s = sums.GetValueOrDefault((rater, groupOf[ratee]!));
            sums[(rater, groupOf[ratee]!)] = (s.N + 1, s.Sum + mean, s.SumSquares + (mean * mean));
        }

        var splits = new List<RaterGroupSplit>();
        foreach (var byRater in sums.Where(s => s.Value.N >= minimumRatees).GroupBy(s => s.Key.Rater))
        {
            var groups = byRater
                .Select(s => (Group: s.Key.Group, Ratees: s.Value.N, MeanResidual: s.Value.Sum / s.Value.N,
                    Variance: Math.Max(0, (s.Value.SumSquares - (s.Value.Sum * s.Value.Sum / s.Value.N)) / (s.Value.N - 1))))
                .OrderBy(g => g.Group, StringComparer.Ordinal)
                .ToArray();
            if (groups.Length < 2)
            {
                continue;
            }

            var high = groups.MaxBy(g => g.MeanResidual);
            var low = groups.MinBy(g => g.MeanResidual);
            var difference = high.MeanResidual - low.MeanResidual;
            var se = Math.Sqrt((high.Variance / high.Ratees) + (low.Variance / low.Ratees));
            var flagged = difference >= minimumDifference && se > 0 && difference / se >= minimumZ;
            splits.Add(new RaterGroupSplit(ratings.Raters[byRater.Key], [.. groups.Select(g => new RaterGroupMean(g.Group, g.Ratees, g.MeanResidual))],
                high.Group, low.Group, difference, se, flagged));
        }

        return [.. splits.OrderByDescending(s => s.StandardError > 0 ? s.Z : double.PositiveInfinity).ThenBy(s => s.Rater)];
    }
}
