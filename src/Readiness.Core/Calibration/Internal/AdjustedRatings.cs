using System.Collections.Immutable;
using Readiness.Evidence;

namespace Readiness.Calibration.Internal;

/// <summary>
/// Turns per-rating adjusted values into a result, for the closed-form methods (none, mean-centring, standardisation):
/// an estimate is the mean of the adjusted ratings from raters other than the person, its standard error the pooled
/// within-cell standard deviation over the square root of the count.
/// </summary>
internal static class AdjustedRatings
{
    /// <summary>Rater effects (mean minus grand mean) for every rater who rated someone other than themselves.</summary>
    public static ImmutableArray<RaterEffect> RaterEffects(RatingSet ratings, double[] mean, int[] count, double grand, double pooledSd) =>
    [
        .. Enumerable.Range(0, mean.Length)
            .Where(r => count[r] > 0)
            .Select(r => new RaterEffect(ratings.Raters[r], mean[r] - grand, pooledSd / Math.Sqrt(count[r]), count[r])),
    ];

    public static CalibrationResult ToResult(
        CalibrationMethod method,
        string algorithm,
        RatingSet ratings,
        double[] adjusted,
        ImmutableArray<RaterEffect> raterEffects,
        List<CalibrationWarning> warnings)
    {
        var n = ratings.Count;
        var ratee = ratings.RateeIndices;
        var competency = ratings.CompetencyIndices;
        var rater = ratings.RaterIndices;
        var source = ratings.Sources;

        // Cells are contiguous runs of (ratee, competency) in a rating set.
        var cells = new List<(int Ratee, int Competency, double Sum, double Squares, int Count, int Raters)>();
        var selfOnly = 0;
        var start = 0;
        while (start < n)
        {
            var end = start;
            double sum = 0;
            var count = 0;
            var raters = new HashSet<int>();
            while (end < n && ratee[end] == ratee[start] && competency[end] == competency[start])
            {
                if (source[end] != RaterSource.Self)
                {
                    sum += adjusted[end];
                    count++;
                    raters.Add(rater[end]);
                }

                end++;
            }

            if (count == 0)
            {
                selfOnly++;
            }
            else
            {
                var mean = sum / count;
                var squares = 0.0;
                for (var i = start; i < end; i++)
                {
                    if (source[i] != RaterSource.Self)
                    {
                        squares += (adjusted[i] - mean) * (adjusted[i] - mean);
                    }
                }

                cells.Add((ratee[start], competency[start], sum, squares, count, raters.Count));
            }

            start = end;
        }

        if (selfOnly > 0)
        {
            warnings.Add(CalibrationWarningCodes.SelfRatingOnly, $"{selfOnly} person × competency combination(s) have only a self-rating; self-ratings do not count toward an estimate, so they have none.");
        }

        var pooledDf = cells.Sum(c => c.Count - 1);
        if (pooledDf == 0)
        {
            // The residual variance behind every standard error would be 0/0; a result with NaN in it is no result.
            throw new InsufficientRatingsException(method,
                "no person was rated more than once on any competency by other people, so the rating noise (the residual variance behind every standard error) cannot be estimated. The crossed model (CrossedRandomEffects) estimates it from the variation across competencies and fits such ratings.");
        }

        var pooledSd = Math.Sqrt(cells.Sum(c => c.Squares) / pooledDf);
        var estimates = cells
            .Select(c => new CompetencyEstimate(
                ratings.Ratees[c.Ratee],
                ratings.Model.Competencies[c.Competency].Id,
                c.Sum / c.Count,
                pooledSd / Math.Sqrt(c.Count),
                c.Count,
                c.Raters))
            .ToImmutableArray();

        return new CalibrationResult(
            method,
            algorithm,
            estimates,
            raterEffects,
            SourceEffects(ratings, adjusted),
            [new VarianceComponent(VarianceComponent.Residual, pooledSd * pooledSd)],
            [],
            0,
            true,
            null,
            [.. warnings]);
    }

    /// <summary>
    /// Per-rater mean and the pooled within-rater standard deviation over ratings of other people, shared by centring and
    /// standardisation. Self-ratings say nothing about how a rater judges others, so they are left out (count 0 for a
    /// rater who only rated themselves).
    /// </summary>
    public static (double[] Mean, double[] Sd, int[] Count, double Grand, double PooledSd) RaterMoments(RatingSet ratings)
    {
        var values = ratings.Values;
        var rater = ratings.RaterIndices;
        var source = ratings.Sources;
        var r = ratings.Raters.Length;
        var count = new int[r];
        var sum = new double[r];
        for (var i = 0; i < values.Length; i++)
        {
            if (source[i] != RaterSource.Self)
            {
                count[rater[i]]++;
                sum[rater[i]] += values[i];
            }
        }

        var mean = new double[r];
        for (var k = 0; k < r; k++)
        {
            mean[k] = count[k] > 0 ? sum[k] / count[k] : double.NaN;
        }

        // A rater who gave the same value every time has no spread, exactly: the mean of three 1.35s is not 1.35 in binary,
        // and the rounding's 1e-16 spread, divided into the deviations, stretched their ratings to a pooled SD either way.
        // (Ratings are finite, so NaN marks a rater not yet seen.)
        var squares = new double[r];
        var varies = new bool[r];
        var first = Enumerable.Repeat(double.NaN, r).ToArray();
        for (var i = 0; i < values.Length; i++)
        {
            if (source[i] != RaterSource.Self)
            {
                var k = rater[i];
                var d = values[i] - mean[k];
                squares[k] += d * d;
                varies[k] |= !double.IsNaN(first[k]) && values[i] != first[k];
                first[k] = double.IsNaN(first[k]) ? values[i] : first[k];
            }
        }

        var sd = new double[r];
        for (var k = 0; k < r; k++)
        {
            squares[k] = varies[k] ? squares[k] : 0;
            sd[k] = count[k] > 1 ? Math.Sqrt(squares[k] / (count[k] - 1)) : double.NaN;
        }

        var df = count.Where(c => c > 0).Sum(c => c - 1);
        var pooled = df > 0 ? Math.Sqrt(squares.Sum() / df) : double.NaN;
        var total = count.Sum();
        var grand = total > 0 ? sum.Sum() / total : double.NaN;
        return (mean, sd, count, grand, pooled);
    }

    private static ImmutableArray<SourceEffect> SourceEffects(RatingSet ratings, double[] adjusted)
    {
        var sources = ratings.Sources.ToArray();
        var groups = Enumerable.Range(0, adjusted.Length).GroupBy(i => sources[i]).OrderBy(g => g.Key).ToArray();
        var others = Enumerable.Range(0, adjusted.Length).Where(i => sources[i] != RaterSource.Self).Select(i => adjusted[i]).ToArray();
        var reference = others.Length > 0 ? others.Average() : adjusted.Average();
        return
        [
            .. groups.Select(g =>
            {
                var values = g.Select(i => adjusted[i]).ToArray();
                var mean = values.Average();
                var sd = values.Length > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1)) : double.NaN;
                return new SourceEffect(g.Key, mean - reference, sd / Math.Sqrt(values.Length), values.Length);
            }),
        ];
    }
}
