using MathNet.Numerics.Statistics;
using Readiness.Evidence;

namespace Readiness.Calibration.Internal;

/// <summary>
/// Every rating (other than a self-rating) against its calibrated estimate, and against that estimate as it would be
/// without the rating: what a rater's own ratings must not lend to the yardstick they are measured with.
/// </summary>
/// <remarks>
/// The estimate without a rating is the Gaussian leave-one-out e − h/(1 − h)·(rating − leniency − e), with h = SE²/σ² the
/// rating's share of its estimate (σ² the residual variance). Leniency is the calibration's rater effect, or the rater's
/// mean residual with the standard error of their per-ratee mean residuals (a rater's ratings of one person share that
/// person's error) on ratees − 1 degrees of freedom.
/// </remarks>
internal sealed class LeftOutResiduals
{
    /// <summary>A rating that is more than this share of its own estimate has no left-out residual to speak of.</summary>
    public const double MaximumShare = 0.999;

    private LeftOutResiduals(double[] residual, double[] share, double[] leftOut, double residualVariance, Dictionary<int, int[]> byRater, Dictionary<int, (double Effect, double? Se, double Df)> leniency)
    {
        Residual = residual;
        Share = share;
        LeftOut = leftOut;
        ResidualVariance = residualVariance;
        ByRater = byRater;
        Leniency = leniency;
    }

    /// <summary>Gets each rating minus its estimate; NaN for self-ratings and ratings without an estimate.</summary>
    public double[] Residual { get; }

    /// <summary>Gets each rating's share h of its estimate, at most <see cref="MaximumShare"/>.</summary>
    public double[] Share { get; }

    /// <summary>Gets each rating's estimate as it would be without the rating.</summary>
    public double[] LeftOut { get; }

    /// <summary>Gets the residual variance: the calibration's, else the pooled variance of residuals net of leniency.</summary>
    public double ResidualVariance { get; }

    /// <summary>Gets the ratings with a residual, by rater index.</summary>
    public Dictionary<int, int[]> ByRater { get; }

    /// <summary>Gets each rater's leniency, its standard error (null with one ratee) and its degrees of freedom (∞ for the calibration's).</summary>
    public Dictionary<int, (double Effect, double? Se, double Df)> Leniency { get; }

    public static LeftOutResiduals Compute(RatingSet ratings, CalibrationResult calibration)
    {
        var competencies = ratings.Model.Competencies.Select(c => c.Id).ToArray();
        var residual = new double[ratings.Count];
        var estimateSe = new double[ratings.Count];
        for (var i = 0; i < ratings.Count; i++)
        {
            CompetencyEstimate? e = null;
            var found = ratings.Sources[i] != RaterSource.Self
                && calibration.TryGetEstimate(ratings.Ratees[ratings.RateeIndices[i]], competencies[ratings.CompetencyIndices[i]], out e);
            residual[i] = found ? ratings.Values[i] - e!.Estimate : double.NaN;
            estimateSe[i] = found ? e!.StandardError : double.NaN;
        }

        var byRater = Enumerable.Range(0, ratings.Count).Where(i => !double.IsNaN(residual[i])).GroupBy(i => ratings.RaterIndices[i]).ToDictionary(g => g.Key, g => g.ToArray());
        var leniency = byRater.ToDictionary(r => r.Key, r => calibration.TryGetRaterEffect(ratings.Raters[r.Key], out var effect)
            ? (Effect: effect.Effect, Se: (double?)effect.StandardError, Df: double.PositiveInfinity)
            : MeanResidual(r.Value));
        var residualVariance = calibration.VarianceOf(VarianceComponent.Residual)
            ?? Variance([.. byRater.SelectMany(r => r.Value.Select(i => residual[i] - leniency[r.Key].Effect))]);

        var share = new double[ratings.Count];
        var leftOut = new double[ratings.Count];
        foreach (var (rater, own) in byRater)
        {
            foreach (var i in own)
            {
                share[i] = residualVariance > 0 ? Math.Min(MaximumShare, estimateSe[i] * estimateSe[i] / residualVariance) : 0;
                leftOut[i] = ratings.Values[i] - residual[i] - (share[i] / (1 - share[i]) * (residual[i] - leniency[rater].Effect));
            }
        }

        return new LeftOutResiduals(residual, share, leftOut, residualVariance, byRater, leniency);

        (double Effect, double? Se, double Df) MeanResidual(int[] own)
        {
            var means = own.GroupBy(i => ratings.RateeIndices[i]).Select(g => g.Average(i => residual[i])).ToArray();
            var se = means.Length > 1 ? Math.Sqrt(Variance(means) / means.Length) : (double?)null;
            return (own.Average(i => residual[i]), se, means.Length - 1);
        }
    }

    /// <summary>The sample variance; 0 for fewer than two values (nothing varies).</summary>
    public static double Variance(double[] values) => values.Length < 2 ? 0 : ArrayStatistics.Variance(values);
}
