using MathNet.Numerics;

namespace Readiness.Fairness;

/// <summary>Fisher's exact test of a 2 × 2 table, two-sided as R's <c>fisher.test</c> computes it.</summary>
internal static class FisherExactTest
{
    /// <summary>
    /// The two-sided p-value of the table [[a, b], [c, d]]: the total probability, with the margins fixed, of every table
    /// no more probable than the one observed (within a relative 1e-7, as R does, so that ties in probability count).
    /// </summary>
    public static double TwoSided(int a, int b, int c, int d)
    {
        var (rowA, colA, n) = (a + b, a + c, a + b + c + d);
        var (low, high) = (Math.Max(0, rowA + colA - n), Math.Min(rowA, colA));
        var observed = LogProbability(a, rowA, colA, n);
        var p = 0.0;
        for (var x = low; x <= high; x++)
        {
            var log = LogProbability(x, rowA, colA, n);
            if (log <= observed + 1e-7)
            {
                p += Math.Exp(log);
            }
        }

        return Math.Min(1, p);
    }

    /// <summary>log P(X = x) for the hypergeometric count in the top-left cell with row total r, column total c and n in all.</summary>
    private static double LogProbability(int x, int r, int c, int n) =>
        LogChoose(c, x) + LogChoose(n - c, r - x) - LogChoose(n, r);

    private static double LogChoose(int n, int k) => SpecialFunctions.FactorialLn(n) - SpecialFunctions.FactorialLn(k) - SpecialFunctions.FactorialLn(n - k);
}
