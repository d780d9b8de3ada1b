namespace Readiness.Calibration.Internal;

/// <summary>BLUPs of the crossed model for given variance components by block Gauss–Seidel (backfitting), O(N) per sweep.</summary>
/// <remarks>
/// Ghosh, Hastie and Owen (2022, Ann. Statist. 50(1):560–583). Each sweep updates three blocks in turn: the fixed effects
/// (least squares on the partial residuals), every ratee together with its ratee × competency cells (solved in closed form,
/// because cells nest within ratees — updating them separately converges slowly), and every rater. With the variance
/// components held at their REML values this reproduces the exact BLUPs.
/// </remarks>
internal static class Backfitting
{
    public sealed record Solution(double[] Beta, double[] Cell, double[] Ratee, double[] Rater, int Sweeps, bool Converged);

    public static Solution Solve(
        CrossedDesign d, (double Cell, double Ratee, double Rater, double Residual) variance, double tolerance, int maxSweeps,
        Action<int, double>? onSweep, CancellationToken cancellationToken)
    {
        var n = d.N;
        var lambdaCell = variance.Cell > 0 ? variance.Residual / variance.Cell : double.PositiveInfinity;
        var lambdaRatee = variance.Ratee > 0 ? variance.Residual / variance.Ratee : double.PositiveInfinity;
        var lambdaRater = variance.Rater > 0 ? variance.Residual / variance.Rater : double.PositiveInfinity;
        var beta = new double[d.P];
        var cell = new double[d.Cells];
        var ratee = new double[d.Ratees];
        var rater = new double[d.Raters];
        var fixedPart = new double[n];
        var xtx = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(d.P, d.P, (i, j) => d.XtX[(i * d.P) + j]).Cholesky();
        var xtr = new double[d.P];
        var cellSum = new double[d.Cells];
        var raterSum = new double[d.Raters];
        var scale = Math.Max(1e-12, Spread(d.Y));
        for (var sweep = 1; sweep <= maxSweeps; sweep++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var change = 0.0;

            // Fixed effects: least squares on y − (cell + ratee + rater).
            Array.Clear(xtr);
            for (var i = 0; i < n; i++)
            {
                var c = d.RowCell[i];
                var r = d.Y[i] - cell[c] - ratee[d.CellRatee[c]] - rater[d.RowRater[i]];
                foreach (var j in d.RowColumns(i))
                {
                    xtr[j] += r;
                }
            }

            var newBeta = xtx.Solve(MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(xtr)).ToArray();
            for (var j = 0; j < d.P; j++)
            {
                change = Math.Max(change, Math.Abs(newBeta[j] - beta[j]));
            }

            beta = newBeta;
            for (var i = 0; i < n; i++)
            {
                fixedPart[i] = d.FixedPart(i, beta);
            }

            // Ratees with their cells: s_c = Σ_cell (y − xβ − a); closed-form nested solution.
            Array.Clear(cellSum);
            for (var i = 0; i < n; i++)
            {
                cellSum[d.RowCell[i]] += d.Y[i] - fixedPart[i] - rater[d.RowRater[i]];
            }

            for (var t = 0; t < d.Ratees; t++)
            {
                double numerator = 0, denominator = d.RateeN[t] + lambdaRatee;
                for (var c = d.RateeCellStart[t]; c < d.RateeCellStart[t + 1]; c++)
                {
                    var nc = d.CellN[c];
                    var shrink = double.IsPositiveInfinity(lambdaCell) ? 1 : lambdaCell / (nc + lambdaCell);
                    numerator += cellSum[c] * shrink;
                    denominator -= double.IsPositiveInfinity(lambdaCell) ? 0 : nc * nc / (nc + lambdaCell);
                }

                var bt = double.IsPositiveInfinity(lambdaRatee) ? 0 : numerator / denominator;
                change = Math.Max(change, Math.Abs(bt - ratee[t]));
                ratee[t] = bt;
                for (var c = d.RateeCellStart[t]; c < d.RateeCellStart[t + 1]; c++)
                {
                    var wc = double.IsPositiveInfinity(lambdaCell) ? 0 : (cellSum[c] - (d.CellN[c] * bt)) / (d.CellN[c] + lambdaCell);
                    change = Math.Max(change, Math.Abs(wc - cell[c]));
                    cell[c] = wc;
                }
            }

            // Raters.
            Array.Clear(raterSum);
            for (var i = 0; i < n; i++)
            {
                var c = d.RowCell[i];
                raterSum[d.RowRater[i]] += d.Y[i] - fixedPart[i] - cell[c] - ratee[d.CellRatee[c]];
            }

            for (var r = 0; r < d.Raters; r++)
            {
                var ar = double.IsPositiveInfinity(lambdaRater) ? 0 : raterSum[r] / (d.RaterN[r] + lambdaRater);
                change = Math.Max(change, Math.Abs(ar - rater[r]));
                rater[r] = ar;
            }

            onSweep?.Invoke(sweep, change);
            if (change <= tolerance * scale)
            {
                return new Solution(beta, cell, ratee, rater, sweep, true);
            }
        }

        return new Solution(beta, cell, ratee, rater, maxSweeps, false);
    }

    private static double Spread(double[] y)
    {
        var mean = y.Average();
        return Math.Sqrt(y.Sum(v => (v - mean) * (v - mean)) / Math.Max(1, y.Length - 1));
    }
}
