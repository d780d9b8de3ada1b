using System.Collections.Immutable;
using MathNet.Numerics.Statistics;
using Readiness.Calibration;
using Readiness.Evidence;

namespace Readiness.Reliability;

/// <summary>
/// Rater diagnostics: leniency or severity, central tendency (range restriction), halo and misfit for every rater, each a
/// number with a flag.
/// </summary>
/// <remarks>
/// <para>
/// Every comparison is with the same people: a rater's spread and halo are set against what the other raters of their
/// ratees show, so a manager of a uniformly strong team is not mistaken for a central-tendency rater. Spread ratio: the
/// standard deviation of the rater's ratings over that of the other raters' ratings of the same ratees. Halo ratio: how
/// well the rater's ratings of a person follow that person's calibrated profile across competencies (the mean, over
/// their ratees, of the correlation between their ratings and the calibrated estimates; 0 for a rater who gives a person
/// one rating throughout) over the same for the other raters of those people — a rater rating from one overall impression
/// does not follow the profile, however much their ratings vary.
/// Leniency: the calibration's rater effect when it has one, else the rater's mean residual against the calibrated
/// estimates. Mean square: the mean of (rating − estimate − leniency)² over the residual variance (the calibration's, else
/// the pooled residual variance) — like a Rasch outfit mean square, about 1 for a rater who fits the model.
/// </para>
/// <para>Self-ratings are not examined. Raters with fewer than <see cref="RaterDiagnosticOptions.MinimumRatees"/> ratees are left out.</para>
/// </remarks>
public static class RaterDiagnostics
{
    /// <summary>Diagnoses every rater of a calibrated rating set.</summary>
    /// <param name="ratings">The ratings that were calibrated.</param>
    /// <param name="calibration">Their calibration (any method).</param>
    /// <param name="options">The thresholds; null for the defaults.</param>
    /// <returns>One diagnostic per examined rater, by rater id.</returns>
    /// <exception cref="ArgumentException">A threshold is out of range (named, with its rule).</exception>
    public static ImmutableArray<RaterDiagnostic> Analyze(RatingSet ratings, CalibrationResult calibration, RaterDiagnosticOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        ArgumentNullException.ThrowIfNull(calibration);
        options = (options ?? new RaterDiagnosticOptions()).Validated();
        var competencies = ratings.Model.Competencies.Select(c => c.Id).ToArray();

        // Residual of every rating against the calibrated estimate of its cell (NaN when the cell has none).
        var residual = new double[ratings.Count];
        for (var i = 0; i < ratings.Count; i++)
        {
            residual[i] = ratings.Sources[i] != RaterSource.Self
                && calibration.TryGetEstimate(ratings.Ratees[ratings.RateeIndices[i]], competencies[ratings.CompetencyIndices[i]], out var e)
                ? ratings.Values[i] - e.Estimate
                : double.NaN;
        }

        var byRater = Enumerable.Range(0, ratings.Count).Where(i => !double.IsNaN(residual[i])).GroupBy(i => ratings.RaterIndices[i]).ToDictionary(g => g.Key, g => g.ToArray());
        var byRatee = Enumerable.Range(0, ratings.Count).Where(i => !double.IsNaN(residual[i])).GroupBy(i => ratings.RateeIndices[i]).ToDictionary(g => g.Key, g => g.ToArray());
        var leniency = byRater.ToDictionary(r => r.Key, r => calibration.TryGetRaterEffect(ratings.Raters[r.Key], out var effect)
            ? (Effect: effect.Effect, Se: (double?)effect.StandardError)
            : (Effect: r.Value.Average(i => residual[i]), Se: null));
        var residualVariance = calibration.VarianceOf(VarianceComponent.Residual)
            ?? Variance(byRater.SelectMany(r => r.Value.Select(i => residual[i] - leniency[r.Key].Effect)).ToArray());

        var diagnostics = ImmutableArray.CreateBuilder<RaterDiagnostic>();
        foreach (var (rater, own) in byRater.OrderBy(r => ratings.Raters[r.Key]))
        {
            var ratees = own.Select(i => ratings.RateeIndices[i]).Distinct().ToArray();
            if (ratees.Length < options.MinimumRatees)
            {
                continue;
            }

            var others = ratees.SelectMany(p => byRatee[p]).Where(i => ratings.RaterIndices[i] != rater).ToArray();
            var spread = others.Length > 1 && Variance(Values(others)) > 0 ? Math.Sqrt(Variance(Values(own)) / Variance(Values(others))) : (double?)null;
            var ownHalo = ProfileCorrelation(own);
            var othersHalo = ProfileCorrelation(others);
            var halo = othersHalo is > 0 && ownHalo is { } h ? h / othersHalo.Value : (double?)null;
            var (effect, se) = leniency[rater];
            var meanSquare = residualVariance > 0 ? own.Average(i => (residual[i] - effect) * (residual[i] - effect)) / residualVariance : 0;

            var issues = RaterIssues.None;
            issues |= effect > options.LeniencyThreshold ? RaterIssues.Lenient : effect < -options.LeniencyThreshold ? RaterIssues.Severe : RaterIssues.None;
            issues |= spread < options.CentralTendencyThreshold ? RaterIssues.CentralTendency : RaterIssues.None;
            issues |= halo < options.HaloThreshold ? RaterIssues.Halo : RaterIssues.None;
            issues |= meanSquare > options.MisfitThreshold ? RaterIssues.Misfit : RaterIssues.None;
            diagnostics.Add(new RaterDiagnostic(ratings.Raters[rater], own.Length, ratees.Length, effect, se, spread, halo, meanSquare, issues));
        }

        return diagnostics.ToImmutable();

        double[] Values(int[] indices) => [.. indices.Select(i => ratings.Values[i])];

        // The mean, over ratees rated on three or more competencies, of the correlation between one rater's ratings of them
        // and their calibrated profile (0 when the rater gives them one rating throughout).
        double? ProfileCorrelation(int[] indices)
        {
            var correlations = indices.GroupBy(i => (ratings.RateeIndices[i], ratings.RaterIndices[i]))
                .Where(g => g.Count() > 2)
                .Select(g => Correlation([.. g.Select(i => ratings.Values[i])], [.. g.Select(i => ratings.Values[i] - residual[i])]))
                .Where(r => r is not null)
                .Select(r => r!.Value)
                .ToArray();
            return correlations.Length == 0 ? null : correlations.Average();
        }
    }

    /// <summary>Pearson's r; 0 when <paramref name="x"/> does not vary, null when <paramref name="y"/> does not.</summary>
    private static double? Correlation(double[] x, double[] y)
    {
        if (!(Variance(y) > 0))
        {
            return null;
        }

        return Variance(x) > 0 ? MathNet.Numerics.Statistics.Correlation.Pearson(x, y) : 0;
    }

    /// <summary>The sample variance; 0 for fewer than two values (nothing varies).</summary>
    private static double Variance(double[] values) => values.Length < 2 ? 0 : ArrayStatistics.Variance(values);
}
