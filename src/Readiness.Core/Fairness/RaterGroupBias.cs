using MathNet.Numerics.LinearAlgebra;
using Readiness.Calibration;
using Readiness.Calibration.Internal;
using Readiness.Evidence;
using Readiness.Fairness.Internal;
using Readiness.Internal;

namespace Readiness.Fairness;

/// <summary>
/// Finds raters who are lenient (or severe) toward one group only: the bias calibration cannot remove, because a rater's
/// leniency is estimated over all their ratees.
/// </summary>
/// <remarks>
/// <para>
/// Each rating other than a self-rating is compared with its estimate as it would be without that rating (Gaussian
/// leave-one-out, so that a rater's own ratings do not pull the yardstick toward themselves and hide part of their bias),
/// and averaged per ratee (a rater's ratings of one person share that person's error). Per rater, the per-ratee residuals
/// are regressed on the ratee's group and on the ratee's level as the others see it (the mean left-out estimate): the
/// level term takes out a rater's slope — a central-tendency rater rates strong people low and weak people high, which
/// reads as group bias wherever groups differ in level. The rater's overall leniency is the intercept.
/// </para>
/// <para>
/// Each rater's p-value is the F test of the group terms (for two groups, the t test of the difference) at the rater's
/// residual variance moderated toward every rater's (empirical Bayes, Smyth 2004: a rater with four ratees borrows
/// strength from the others instead of being tested on one degree of freedom); the p-values of every rater examined on the attribute are adjusted by
/// Benjamini and Hochberg's procedure, and a rater is flagged when the q-value is at most
/// <see cref="RaterGroupBiasOptions.FalseDiscoveryRate"/> and the difference at least
/// <see cref="RaterGroupBiasOptions.MinimumDifference"/>. A rater is examined with
/// <see cref="RaterGroupBiasOptions.MinimumRateesPerGroup"/> ratees in each of two or more groups and at least one residual
/// degree of freedom; the result counts those who could not be.
/// </para>
/// </remarks>
public static class RaterGroupBias
{
    /// <summary>Splits every rater's residuals by the ratee's group.</summary>
    /// <param name="ratings">The ratings that were calibrated.</param>
    /// <param name="calibration">The calibration of those ratings.</param>
    /// <param name="demographics">The caller's demographic data.</param>
    /// <param name="attribute">The attribute whose categories form the groups.</param>
    /// <param name="options">The conventions; null for the defaults.</param>
    /// <returns>The raters examined, smallest p-value first, and how many could not be.</returns>
    /// <exception cref="ArgumentException">The attribute is blank, or an option is out of range (named, with its rule).</exception>
    public static RaterGroupBiasResult Analyze(RatingSet ratings, CalibrationResult calibration, Demographics demographics, string attribute, RaterGroupBiasOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        ArgumentNullException.ThrowIfNull(calibration);
        ArgumentNullException.ThrowIfNull(demographics);
        Guard.NotBlank(attribute);
        options = (options ?? new RaterGroupBiasOptions()).Validated();

        var groupOf = ratings.Ratees.Select(r => demographics.CategoryOf(r, attribute)).ToArray();
        var fit = LeftOutResiduals.Compute(ratings, calibration);
        var (oneGroup, tooFew, raters) = (0, 0, 0);
        var examined = new List<(int Rater, Regression Fit, RaterGroupMean[] Groups)>();
        foreach (var (rater, own) in fit.ByRater.OrderBy(r => ratings.Raters[r.Key]))
        {
            // One point per ratee of known category: the mean left-out residual, the ratee's level as the others see it.
            var points = own.Where(i => groupOf[ratings.RateeIndices[i]] is not null).GroupBy(i => ratings.RateeIndices[i])
                .Select(g => (Group: groupOf[g.Key]!, Residual: g.Average(i => ratings.Values[i] - fit.LeftOut[i]), Level: g.Average(i => fit.LeftOut[i])))
                .ToArray();
            if (points.Length == 0)
            {
                continue;
            }

            raters++;
            var byGroup = points.GroupBy(p => p.Group, StringComparer.OrdinalIgnoreCase).ToArray();
            if (byGroup.Length < 2)
            {
                oneGroup++;
                continue;
            }

            var kept = byGroup.Where(g => g.Count() >= options.MinimumRateesPerGroup).OrderBy(g => g.Key, StringComparer.Ordinal).ToArray();
            var regression = kept.Length < 2 ? null : Regression.Fit(kept.Select(g => g.Select(p => (p.Residual, p.Level)).ToArray()).ToArray());
            if (regression is null)
            {
                tooFew++;
                continue;
            }

            examined.Add((rater, regression, [.. kept.Select(g => new RaterGroupMean(g.First().Group, g.Count(), g.Average(p => p.Residual)))]));
        }

        // Each rater's residual variance moderated toward what all raters show (empirical Bayes): a rater with four ratees
        // borrows strength instead of being tested on one degree of freedom, and a rater who is noisier than the rest keeps
        // most of their own variance.
        var prior = ModeratedVariance.Prior([.. examined.Select(e => e.Fit.ResidualSumOfSquares / e.Fit.DegreesOfFreedom)], [.. examined.Select(e => e.Fit.DegreesOfFreedom)]);
        var pooledDf = examined.Sum(e => e.Fit.DegreesOfFreedom);
        var moderated = examined.Select(e => ModeratedVariance.Moderate(e.Fit.ResidualSumOfSquares / e.Fit.DegreesOfFreedom, e.Fit.DegreesOfFreedom, prior, pooledDf)).ToArray();
        var tests = examined.Select((e, k) => e.Fit.Test(moderated[k].Variance, moderated[k].DegreesOfFreedom)).ToArray();
        var q = BenjaminiHochberg([.. tests.Select(t => t.P)]);
        var splits = examined.Select((e, k) =>
        {
            var (high, low) = (e.Fit.Highest, e.Fit.Lowest);
            var flagged = q[k] <= options.FalseDiscoveryRate && e.Fit.Difference >= options.MinimumDifference;
            return new RaterGroupSplit(ratings.Raters[e.Rater], [.. e.Groups], e.Groups[high].Group, e.Groups[low].Group, e.Fit.Difference, tests[k].StandardError,
                moderated[k].DegreesOfFreedom, tests[k].P, q[k], e.Fit.LevelSlope, flagged);
        });

        return new RaterGroupBiasResult(attribute.Trim(), options, [.. splits.OrderBy(s => s.P).ThenBy(s => s.Rater)], raters, oneGroup, tooFew);
    }

    /// <summary>Benjamini–Hochberg q-values: p_(i)·m / i, made monotone from the largest down, at most 1.</summary>
    private static double[] BenjaminiHochberg(double[] p)
    {
        var order = Enumerable.Range(0, p.Length).OrderBy(i => p[i]).ToArray();
        var q = new double[p.Length];
        var running = 1.0;
        for (var rank = p.Length; rank >= 1; rank--)
        {
            var i = order[rank - 1];
            running = Math.Min(running, p[i] * p.Length / rank);
            q[i] = running;
        }

        return q;
    }

    /// <summary>
    /// Residual = intercept + group effects (the first group's 0) + slope × (level − mean level), by ordinary least squares;
    /// the level term is left out when the level does not vary within any group. Tested at a residual variance the caller
    /// gives (the rater's own, moderated toward every rater's).
    /// </summary>
    private sealed class Regression
    {
        private Matrix<double> _inverse = null!;
        private Vector<double> _beta = null!;
        private int _groups;

        public double ResidualSumOfSquares { get; private init; }

        public int DegreesOfFreedom { get; private init; }

        public int Highest { get; private set; }

        public int Lowest { get; private set; }

        public double Difference { get; private set; }

        public double? LevelSlope { get; private init; }

        /// <summary>The fit, or null without a residual degree of freedom.</summary>
        public static Regression? Fit((double Residual, double Level)[][] groups)
        {
            var points = groups.SelectMany((g, j) => g.Select(p => (Group: j, p.Residual, p.Level))).ToArray();

            // The level is a term only when it varies within a group: otherwise it is the group (or nothing) over again.
            var meanLevel = points.Average(p => p.Level);
            var withLevel = groups.Any(g => g.Length > 1 && g.Max(p => p.Level) - g.Min(p => p.Level) > 1e-6);
            var k = groups.Length;
            var columns = k + (withLevel ? 1 : 0);
            var df = points.Length - columns;
            if (df < 1)
            {
                return null;
            }

            // Columns: intercept, group 2…k indicators, level.
            var x = Matrix<double>.Build.Dense(points.Length, columns, (row, column) =>
                column == 0 ? 1
                : column < k ? (points[row].Group == column ? 1 : 0)
                : points[row].Level - meanLevel);
            var y = Vector<double>.Build.Dense([.. points.Select(p => p.Residual)]);
            var inverse = x.TransposeThisAndMultiply(x).Inverse();
            var beta = inverse * x.TransposeThisAndMultiply(y);
            var residuals = y - (x * beta);
            var effects = Enumerable.Range(0, k).Select(j => j == 0 ? 0 : beta[j]).ToArray();
            var (high, low) = (Array.IndexOf(effects, effects.Max()), Array.IndexOf(effects, effects.Min()));
            return new Regression
            {
                _inverse = inverse,
                _beta = beta,
                _groups = k,
                ResidualSumOfSquares = residuals.DotProduct(residuals),
                DegreesOfFreedom = df,
                Highest = high,
                Lowest = low,
                Difference = effects[high] - effects[low],
                LevelSlope = withLevel ? beta[k] : null,
            };
        }

        /// <summary>The difference's standard error and the F test of the group terms, at a residual variance on its degrees of freedom.</summary>
        public (double StandardError, double P) Test(double variance, double degreesOfFreedom)
        {
            double Covariance(int a, int b) => a == 0 || b == 0 ? 0 : variance * _inverse[a, b];
            var se = Math.Sqrt(Math.Max(0, Covariance(Highest, Highest) + Covariance(Lowest, Lowest) - (2 * Covariance(Highest, Lowest))));
            if (!(variance > 0))
            {
                // Every rater's fit perfect: any difference is certain, none is no evidence.
                return (se, Difference > 1e-12 ? 0 : 1);
            }

            // β_gᵀ (Cov_g)⁻¹ β_g / (k − 1) for the k − 1 group terms.
            var terms = Enumerable.Range(1, _groups - 1).ToArray();
            var b = Vector<double>.Build.Dense([.. terms.Select(j => _beta[j])]);
            var covariance = Matrix<double>.Build.Dense(terms.Length, terms.Length, (r, c) => _inverse[terms[r], terms[c]]);
            var f = b.DotProduct(covariance.Inverse() * b) / variance / terms.Length;
            return (se, UpperTail.FisherSnedecor(terms.Length, degreesOfFreedom, f));
        }
    }
}
