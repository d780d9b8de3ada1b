using Readiness.Fairness.Internal;

namespace Readiness.Fairness;

/// <summary>Fisher's exact test of a 2 × 2 table, two-sided as R's <c>fisher.test</c> computes it.</summary>
internal static class FisherExactTest
{
    /// <summary>
    /// R's tolerance: a table counts as "no more probable" than the one observed when its probability is within a relative
    /// 1e-7 of it (here on the log scale), so that tables tied in probability count despite rounding.
    /// </summary>
    public const double RelativeTolerance = 1e-7;

    /// <summary>The two-sided p-value of the table [[a, b], [c, d]].</summary>
    public static double TwoSided(int a, int b, int c, int d) => TwoSided(a, b, c, d, new LogFactorials(a + b + c + d));

    /// <summary>
    /// The two-sided p-value of the table [[a, b], [c, d]]: the total probability, with the margins fixed, of every table
    /// no more probable than the one observed.
    /// </summary>
    public static double TwoSided(int a, int b, int c, int d, LogFactorials logFactorials)
    {
        var (rowA, colA, n) = (a + b, a + c, a + b + c + d);
        var (low, high) = (Math.Max(0, rowA + colA - n), Math.Min(rowA, colA));
        var total = logFactorials.Choose(n, rowA);
        var observed = logFactorials.Choose(colA, a) + logFactorials.Choose(n - colA, rowA - a);
        var p = 0.0;
        for (var x = low; x <= high; x++)
        {
            var log = logFactorials.Choose(colA, x) + logFactorials.Choose(n - colA, rowA - x);
            if (log <= observed + RelativeTolerance)
            {
                p += Math.Exp(log - total);
            }
        }

        return Math.Min(1, p);
    }
}
