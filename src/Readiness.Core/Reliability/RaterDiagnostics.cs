using System.Collections.Immutable;
using Readiness.Calibration;
using Readiness.Calibration.Internal;
using Readiness.Evidence;
using Readiness.Internal;

namespace Readiness.Reliability;

/// <summary>
/// Rater diagnostics: leniency or severity, central tendency (range restriction), halo and misfit for every rater, each a
/// number, a p-value under "this rater rates as the model says" and a flag that needs both.
/// </summary>
/// <remarks>
/// <para>
/// Every comparison is with the same people: a rater's spread and halo are set against what the other raters of their
/// ratees show, so a manager of a uniformly strong team is not mistaken for a central-tendency rater. Spread ratio: the
/// standard deviation of the rater's ratings over that of the other raters' ratings of the same ratees. Halo ratio: how
/// well the rater's ratings of a person follow that person's calibrated profile across competencies (the mean, over
/// their ratees, of the correlation between their ratings and the calibrated estimates; 0 for a rater who gives a person
/// one rating throughout) over the same for the other raters of those people — each rating compared with its estimate as it
/// would be without that rating, so that a rater's own ratings do not lend the profile they are measured against. Where
/// those raters have no profile of anyone (each id one rating: an export that anonymises them, the manager named), over
/// the mean of the same correlation in the rating sets drawn from the fitted model for the halo test below.
/// Leniency: the calibration's rater effect when it has one (with its standard error), else the rater's mean residual
/// against the calibrated estimates (with the standard error of the mean of their per-ratee mean residuals, on a t
/// distribution). Mean square: the mean squared residual (rating − estimate − leniency) left out — each residual divided by
/// σ²(1 − h), h = SE²/σ² the rating's share of its estimate (Gaussian leave-one-out) — so that a rater's own ratings do
/// not pull the estimates toward themselves and hide their misfit; about 1 for a rater who fits. Its p-value is the
/// chi-squared tail on effective degrees of freedom: a rater's left-out residuals of one person share that person's
/// estimation error, and the pooled correlation between them shrinks the ratings' count by the design effect.
/// </para>
/// <para>
/// Error control. A flag needs the number beyond its threshold (the size that matters) and its p-value below
/// <see cref="RaterDiagnosticOptions.SignificanceLevel"/> (evidence that it is not chance), so that a rater with two
/// ratees is not flagged on two ratings' noise. Leniency: its interval excludes zero. Central tendency: the spread ratio
/// is compared with the spread ratios of <see cref="RaterDiagnosticOptions.NullDraws"/> rating sets drawn for the same
/// ratings from the fitted model (estimate + leniency + residual noise, rounded to whole levels when the rater rates in
/// whole levels). Halo: likewise, the draws compressed to the rater's own spread, so that a central-tendency rater — whose
/// narrow band of whole levels also weakens the profile — is not flagged for halo as well. Misfit: the chi-squared tail
/// of the left-out mean square. The p-values are per rater; with many raters, a few flags at the level are expected.
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
        var scale = ratings.Model.Scale;
        var fit = LeftOutResiduals.Compute(ratings, calibration);
        var (residual, share, leftOut, residualVariance, byRater, leniency) = (fit.Residual, fit.Share, fit.LeftOut, fit.ResidualVariance, fit.ByRater, fit.Leniency);
        var byRatee = Enumerable.Range(0, ratings.Count).Where(i => !double.IsNaN(residual[i])).GroupBy(i => ratings.RateeIndices[i]).ToDictionary(g => g.Key, g => g.ToArray());
        var noise = Math.Sqrt(residualVariance);

        var sameRateeCorrelation = SameRateeCorrelation();

        var diagnostics = ImmutableArray.CreateBuilder<RaterDiagnostic>();
        foreach (var (rater, own) in byRater.OrderBy(r => ratings.Raters[r.Key]))
        {
            var ratees = own.Select(i => ratings.RateeIndices[i]).Distinct().ToArray();
            if (ratees.Length < options.MinimumRatees)
            {
                continue;
            }

            var others = ratees.SelectMany(p => byRatee[p]).Where(i => ratings.RaterIndices[i] != rater).ToArray();
            var othersVariance = others.Length > 1 ? Variance(Values(others)) : 0;
            var ownValues = Values(own);
            var spread = othersVariance > 0 ? Math.Sqrt(Variance(ownValues) / othersVariance) : (double?)null;
            var ownHalo = ProfileCorrelation(own, ownValues);
            var othersHalo = ProfileCorrelation(others, Values(others));
            var (effect, se, df) = leniency[rater];
            // A standard error of 0 (every ratee's residuals the same) makes any leniency certain and none no evidence.
            double? leniencyP = se switch { null => null, > 0 => UpperTail.TwoSided(effect / se.Value, df), _ => effect == 0 ? 1 : 0 };
            var (meanSquare, meanSquareP) = LeftOutMeanSquare(own, effect);

            // The fitted model's version of this rater, drawn again and again: how often does it look as narrow, or as flat?
            // One stream per rater, fixed by the seed and the rater's place in the rating set, so a diagnosis is reproducible.
            var (spreadP, haloP, expectedHalo) = NullShares(own, ownValues, effect, spread, ownHalo, othersVariance, new Random(unchecked((options.Seed * 1_000_003) + rater)));

            // Where the other raters have no profiles of these people (each of their ids one rating: an anonymised export),
            // the rater's profile correlation is set against the one the fitted model leads to expect of them.
            var halo = ownHalo is not { } h ? null : othersHalo is > 0 ? h / othersHalo.Value : othersHalo is null && expectedHalo is > 0 ? h / expectedHalo : (double?)null;

            var issues = RaterIssues.None;
            if (Math.Abs(effect) > options.LeniencyThreshold && leniencyP < options.SignificanceLevel)
            {
                issues |= effect > 0 ? RaterIssues.Lenient : RaterIssues.Severe;
            }

            issues |= spread < options.CentralTendencyThreshold && spreadP < options.SignificanceLevel ? RaterIssues.CentralTendency : RaterIssues.None;
            issues |= halo < options.HaloThreshold && haloP < options.SignificanceLevel ? RaterIssues.Halo : RaterIssues.None;
            issues |= meanSquare > options.MisfitThreshold && meanSquareP < options.SignificanceLevel ? RaterIssues.Misfit : RaterIssues.None;
            diagnostics.Add(new RaterDiagnostic(ratings.Raters[rater], own.Length, ratees.Length, effect, se, leniencyP, spread, spreadP, halo, haloP, meanSquare, meanSquareP, issues));
        }

        return diagnostics.ToImmutable();

        double[] Values(int[] indices) => [.. indices.Select(i => ratings.Values[i])];

        // The mean over the rater's ratings of r² / (σ²(1 − h)), h = SE²/σ²: what the residual would be were the rating
        // left out of its estimate; its p-value from n times it on n degrees of freedom.
        (double MeanSquare, double? P) LeftOutMeanSquare(int[] own, double effect)
        {
            if (!(residualVariance > 0))
            {
                return (0, null);
            }

            var (sum, count) = (0.0, 0);
            foreach (var i in own)
            {
                    if (share[i] < LeftOutResiduals.MaximumShare)
                {
                    var r = residual[i] - effect;
                    sum += r * r / (residualVariance * (1 - share[i]));
                    count++;
                }
            }

            if (count == 0)
            {
                return (0, null);
            }

            // One rater's left-out residuals of one person are correlated (ρ: they share that person's estimation error), so
            // their squares carry fewer than n degrees of freedom: n / (1 + ρ²(Σ m_b² / n − 1)) for blocks of m_b ratings.
            var blocks = own.GroupBy(i => ratings.RateeIndices[i]).Sum(g => (double)g.Count() * g.Count());
            var effective = count / (1 + (sameRateeCorrelation * sameRateeCorrelation * Math.Max(0, (blocks / count) - 1)));
            return (sum / count, UpperTail.ChiSquared(effective, effective * sum / count));
        }

        // The pooled correlation between two left-out residuals of the same rater and person: Σ z_j·z_k over pairs in a block
        // over Σ (m − 1)·z_j², the ratio estimator over every rater's blocks.
        double SameRateeCorrelation()
        {
            var (cross, squares) = (0.0, 0.0);
            foreach (var (rater, own) in byRater)
            {
                foreach (var block in own.GroupBy(i => ratings.RateeIndices[i]))
                {
                    var z = block.Where(i => share[i] < LeftOutResiduals.MaximumShare).Select(i => (residual[i] - leniency[rater].Effect) / Math.Sqrt(1 - share[i])).ToArray();
                    var (total, sumSquares) = (z.Sum(), z.Sum(x => x * x));
                    cross += (total * total) - sumSquares;
                    squares += (z.Length - 1) * sumSquares;
                }
            }

            return squares > 0 ? Math.Clamp(cross / squares, -1, 1) : 0;
        }

        (double? SpreadP, double? HaloP, double? ExpectedHalo) NullShares(int[] own, double[] ownValues, double effect, double? spread, double? ownHalo, double othersVariance, Random random)
        {
            if (!(noise > 0) || (spread is null && ownHalo is null))
            {
                return (null, null, null);
            }

            var whole = ownValues.All(v => v == Math.Round(v));
            var centre = ownValues.Average();
            var compression = Math.Min(1, spread ?? 1);
            var (narrower, flatter, profiles, profiled) = (0, 0, 0.0, 0);
            var (plain, compressed) = (new double[own.Length], new double[own.Length]);
            for (var d = 0; d < options.NullDraws; d++)
            {
                for (var j = 0; j < own.Length; j++)
                {
                    // The spread around the estimates; the profile around the left-out estimates, with their error added to the
                    // rating noise (σ² + σ²h/(1 − h)), since the halo statistic compares with those.
                    var z = RandomDraws.Normal(random);
                    plain[j] = OnScale(ratings.Values[own[j]] - residual[own[j]] + effect + (noise * z), whole);
                    var drawn = leftOut[own[j]] + effect + (noise / Math.Sqrt(1 - share[own[j]]) * z);
                    compressed[j] = OnScale(centre + (compression * (drawn - centre)), whole);
                }

                narrower += spread is { } s && Math.Sqrt(Variance(plain) / othersVariance) <= s ? 1 : 0;
                if (ownHalo is { } h && ProfileCorrelation(own, compressed) is { } profile)
                {
                    flatter += profile <= h ? 1 : 0;
                    (profiles, profiled) = (profiles + profile, profiled + 1);
                }
            }

            var draws = options.NullDraws + 1.0;
            return (spread is null ? null : (1 + narrower) / draws, ownHalo is null ? null : (1 + flatter) / draws, profiled > 0 ? profiles / profiled : null);
        }

        double OnScale(double value, bool whole) => Math.Clamp(whole ? Math.Round(value, MidpointRounding.AwayFromZero) : value, scale.Minimum, scale.Maximum);

        // The mean, over ratees rated on three or more competencies, of the correlation between one rater's ratings of them
        // (values, aligned with indices) and their profile without those ratings (0 when the rater gives them one rating
        // throughout).
        double? ProfileCorrelation(int[] indices, double[] values)
        {
            var correlations = Enumerable.Range(0, indices.Length).GroupBy(j => (ratings.RateeIndices[indices[j]], ratings.RaterIndices[indices[j]]))
                .Where(g => g.Count() > 2)
                .Select(g => Correlation([.. g.Select(j => values[j])], [.. g.Select(j => leftOut[indices[j]])]))
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

    private static double Variance(double[] values) => LeftOutResiduals.Variance(values);
}
