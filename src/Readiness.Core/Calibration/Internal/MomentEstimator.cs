namespace Readiness.Calibration.Internal;

/// <summary>Method-of-moments variance components for the crossed model, in one pass over the ratings.</summary>
/// <remarks>
/// Gao and Owen (2017, Electron. J. Statist. 11:1235–1296): the sums of squared differences of pairs of observations that
/// share a cell, a ratee, a rater, or nothing at all have expectations linear in the variance components, with
/// coefficients that depend only on counts. Matching them gives a 4 × 4 linear system. The fixed part is removed first by
/// ordinary least squares (Gao and Owen 2020). Unbiased but not efficient: expect several per cent difference from REML.
/// Used as the scalable path's variance components and as the exact path's starting values.
/// </remarks>
internal static class MomentEstimator
{
    /// <summary>Returns (σ²_cell, σ²_ratee, σ²_rater, σ²_residual), each at least 0; a term that is off has variance 0.</summary>
    public static (double Cell, double Ratee, double Rater, double Residual) Estimate(CrossedDesign d, bool cellTerm, bool raterTerm = true)
    {
        var beta = OrdinaryLeastSquares(d);
        var n = d.N;
        var e = new double[n];
        for (var i = 0; i < n; i++)
        {
            e[i] = d.Y[i] - d.FixedPart(i, beta);
        }

        var cellIndex = d.RowCell;
        var rateeIndex = new int[n];
        for (var i = 0; i < n; i++)
        {
            rateeIndex[i] = d.CellRatee[cellIndex[i]];
        }

        var (wCell, sCell) = Within(e, cellIndex, d.Cells);
        var (wRatee, sRatee) = Within(e, rateeIndex, d.Ratees);
        var (wRater, sRater) = Within(e, d.RowRater, d.Raters);
        var (wAll, _) = Within(e, new int[n], 1);
        var sCellRater = SumOfSquares(d.CellRaterCount);
        var sRateeRater = SumOfSquares(d.RateeRaterCount);
        double nn = n;

        // Rows: pairs sharing a cell, a ratee, a rater, anything. Columns: σ²_cell, σ²_ratee, σ²_rater, σ²_e.
        double[,] system =
        {
            { 0, 0, sCell - sCellRater, sCell - nn },
            { sRatee - sCell, 0, sRatee - sRateeRater, sRatee - nn },
            { sRater - sCellRater, sRater - sRateeRater, 0, sRater - nn },
            { (nn * nn) - sCell, (nn * nn) - sRatee, (nn * nn) - sRater, (nn * nn) - nn },
        };
        double[] observed = [wCell / 2, wRatee / 2, wRater / 2, wAll / 2];
        int[] terms = [.. Enumerable.Range(0, 4).Where(t => (t != 0 || cellTerm) && (t != 2 || raterTerm))];
        var matrix = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(terms.Length, terms.Length, (i, j) => system[terms[i], terms[j]]);
        var rhs = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense([.. terms.Select(i => observed[i])]);
        var solution = matrix.Solve(rhs);
        var values = new double[4];
        for (var k = 0; k < terms.Length; k++)
        {
            values[terms[k]] = double.IsFinite(solution[k]) ? Math.Max(0, solution[k]) : 0;
        }

        return (values[0], values[1], values[2], values[3]);
    }

    /// <summary>Ordinary least squares for the fixed part alone.</summary>
    public static double[] OrdinaryLeastSquares(CrossedDesign d)
    {
        var p = d.P;
        var xtx = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(p, p, (i, j) => d.XtX[(i * p) + j]);
        var xty = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(d.Xty);
        return xtx.Solve(xty).ToArray();
    }

    /// <summary>Σ over groups of Σ_{i,j in group} (e_i − e_j)² = Σ 2 n_g Σ (e_i − ē_g)², and Σ n_g².</summary>
    private static (double Pairs, double SquaredCounts) Within(double[] e, int[] group, int groups)
    {
        var count = new double[groups];
        var sum = new double[groups];
        for (var i = 0; i < e.Length; i++)
        {
            count[group[i]]++;
            sum[group[i]] += e[i];
        }

        var squares = new double[groups];
        for (var i = 0; i < e.Length; i++)
        {
            var g = group[i];
            var deviation = e[i] - (sum[g] / count[g]);
            squares[g] += deviation * deviation;
        }

        var pairs = 0.0;
        var squaredCounts = 0.0;
        for (var g = 0; g < groups; g++)
        {
            pairs += 2 * count[g] * squares[g];
            squaredCounts += count[g] * count[g];
        }

        return (pairs, squaredCounts);
    }

    private static double SumOfSquares(double[] counts) => counts.Sum(c => c * c);
}
