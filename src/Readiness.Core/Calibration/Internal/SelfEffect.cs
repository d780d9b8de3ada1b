using Readiness.Evidence;

namespace Readiness.Calibration.Internal;

/// <summary>Self-ratings never inform an estimate; how far they run above the estimates is reported as the Self source effect.</summary>
internal static class SelfEffect
{
    /// <summary>Adds the Self source effect: the mean of self-rating minus the person's estimate, with its standard error (none without self-ratings).</summary>
    public static CalibrationResult AddTo(CalibrationResult result, RatingSet ratings, int selfRatings)
    {
        var differences = new List<double>();
        var sources = ratings.Sources;
        for (var i = 0; i < ratings.Count; i++)
        {
            if (sources[i] == RaterSource.Self && result.TryGetEstimate(ratings.Ratees[ratings.RateeIndices[i]], ratings.Model.Competencies[ratings.CompetencyIndices[i]].Id, out var estimate))
            {
                differences.Add(ratings.Values[i] - estimate.Estimate);
            }
        }

        if (differences.Count == 0)
        {
            return result;
        }

        var mean = differences.Average();
        var se = differences.Count > 1 ? Math.Sqrt(differences.Sum(d => (d - mean) * (d - mean)) / (differences.Count - 1) / differences.Count) : double.NaN;
        var self = new SourceEffect(RaterSource.Self, mean, se, selfRatings);
        return result.WithSourceEffects([self, .. result.SourceEffects]);
    }
}
