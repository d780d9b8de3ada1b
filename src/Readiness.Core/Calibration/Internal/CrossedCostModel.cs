using System.Globalization;

namespace Readiness.Calibration.Internal;

/// <summary>
/// Predicts the time and peak memory of the crossed model's two paths from the design and the exact path's symbolic
/// analysis, before any numbers are computed, so that <see cref="CrossedModelPath.Auto"/> can choose and a path that would
/// run away is refused before it starts.
/// </summary>
/// <remarks>
/// The constants were measured on the benchmark machine (2 cores, x86-64 with AVX2; benchmarks/README) and rounded up, so
/// predictions lean high: a factorisation runs at about 10⁻¹⁰ s per multiply–add of <see cref="SparseCholesky.Operations"/>
/// (the blocked kernels), the selected inverse about three times slower, the per-ratee elimination about 2·10⁻⁸ s per
/// rating, and a REML fit takes about 45 criterion evaluations (four Newton iterations of ten points and a line search)
/// shared over the threads. The scalable path's conjugate gradients cost about 5.6·10⁻⁹ s per rating and column (a
/// right-hand side carried through one iteration; two threads halve it): a fit carries about 80 column-iterations per
/// fixed effect (its column of the inverse, solved twice) and 112 for each other right-hand side (the BLUPs, about 24
/// probes and 4 working variates through Newton iterations of about 50, 35 and 25 conjugate-gradient steps); it may take
/// more probes on small designs, up to <see cref="ScalableColumnIterationsAtMost"/>. Either path spends about 1.3·10⁻⁶ s per rating
/// outside those loops (the design, the moment estimates, the result) and 0.15 s of start-up (compiling, in a fresh
/// process).
/// </remarks>
internal static class CrossedCostModel
{
    private const double SecondsPerOperation = 1.2e-10;
    private const double SelectedInverseSecondsPerOperation = 4e-10;
    private const double FixedSeconds = 0.15;
    private const double OverheadSecondsPerRating = 1.3e-6;
    private const double SecondsPerRating = 2e-8;
    private const int Evaluations = 45;
    private const double ColumnIterationSecondsPerRating = 5.6e-9;
    private const int ColumnIterationsPerFixedEffect = 80;
    private const int StepsPerColumn = 112;
    private const int TypicalProbes = 24;
    private const int ProbesAtAMillion = 36;

    /// <summary>Bytes the exact path holds per factor entry: values for each worker and the selected inverse, and the row index.</summary>
    public static long BytesPerFactorEntry(int workers) => (8L * (workers + 1)) + 4;

    /// <summary>Bytes both paths hold whatever they do: the design's per-rating and per-level arrays and the result.</summary>
    public static long DesignBytes(CrossedDesign d) =>
        (32L * d.N) + ((8L * d.P + 64) * ((long)d.Cells + d.Ratees + d.Raters)) + (48L * d.Cells);

    public static Prediction Exact(CrossedDesign d, SparseCholesky factor, int workers)
    {
        var operations = factor.Operations;
        var evaluation = (SecondsPerOperation * operations) + (SecondsPerRating * d.N);
        var seconds = Overhead(d) + (Evaluations * evaluation / Math.Max(1, Math.Min(workers, 9))) + (SelectedInverseSecondsPerOperation * operations);
        var bytes = DesignBytes(d) + (factor.Entries * BytesPerFactorEntry(workers));
        return new Prediction(seconds, bytes);
    }

    /// <summary>
    /// The most factor entries the exact path could hold and still finish within <paramref name="seconds"/>: a factor of E
    /// entries over n columns needs at least E²/n multiply–adds (Cauchy–Schwarz over its column counts), so the symbolic
    /// analysis can stop there instead of completing a factor it would then refuse (a forced exact fit on a sparse pool
    /// analysed for 6 s and 1 GB to refuse a predicted 1,024 s).
    /// </summary>
    public static long ExactEntriesWithin(double seconds, long columns, int workers)
    {
        var perSquare = (Evaluations * SecondsPerOperation / Math.Max(1, Math.Min(workers, 9))) + SelectedInverseSecondsPerOperation;
        return (long)Math.Min(long.MaxValue / 4, Math.Sqrt(Math.Max(0, seconds) * Math.Max(1, columns) / perSquare));
    }

    public static Prediction Scalable(CrossedDesign d, int workers)
    {
        var seconds = Overhead(d) + (ColumnIterationSecondsPerRating * d.N * ScalableColumnIterations(d, TypicalProbes) / Math.Clamp(workers, 1, 2));
        var most = Overhead(d) + (ColumnIterationSecondsPerRating * d.N * ScalableColumnIterationsAtMost(d) / Math.Clamp(workers, 1, 2));
        var bytes = ScalableFixedBytes(d, workers) + (BytesPerScalableColumn(d) * (1L + d.P + TypicalProbes + ScalableReml.WorkingVariates));
        return new Prediction(seconds, bytes) { AtMostSeconds = most };
    }

    /// <summary>
    /// The column-iterations (right-hand sides times conjugate-gradient steps) of a scalable fit whose probes are as many as
    /// the Monte-Carlo error target needs on the most demanding design measured: the budget the fit holds its probes to.
    /// </summary>
    /// <remarks>
    /// A trace's relative spread shrinks as its term's levels grow, so the probes needed fall with the size of the design:
    /// on an organisational 360° 248 at 88,000 ratings and 36 at a million (about N^-0.8); the other designs need fewer.
    /// </remarks>
    public static long ScalableColumnIterationsAtMost(CrossedDesign d) =>
        ScalableColumnIterations(d, (int)Math.Clamp(ProbesAtAMillion * Math.Pow(1e6 / Math.Max(1, d.N), 0.8), ProbesAtAMillion, 3 * ScalableReml.MaxProbesPerTerm));

    /// <summary>A fit's column-iterations with that many probes: the fixed effects' columns, and the BLUPs, probes, raters traced exactly and working variates through its Newton iterations.</summary>
    private static long ScalableColumnIterations(CrossedDesign d, int probes) =>
        (ColumnIterationsPerFixedEffect * (long)d.P) + ((1L + probes + (d.Raters <= ScalableReml.ExactRaters ? d.Raters : 0) + ScalableReml.WorkingVariates) * StepsPerColumn);

    /// <summary>The right-hand sides the scalable path may hold at once within a memory budget (what its probes are limited to).</summary>
    public static int ScalableColumns(CrossedDesign d, int workers, long budget) =>
        (int)Math.Clamp((budget - ScalableFixedBytes(d, workers)) / BytesPerScalableColumn(d), 0, int.MaxValue);

    /// <summary>A right-hand side's vector, its solution and its warm start.</summary>
    private static long BytesPerScalableColumn(CrossedDesign d) => 8L * 3 * Unknowns(d);

    /// <summary>The design, the work vectors of the groups solving at once and the residuals.</summary>
    private static long ScalableFixedBytes(CrossedDesign d, int workers) =>
        DesignBytes(d) + (CrossedIterativeSolver.GroupBytes(Unknowns(d)) * Math.Max(1, workers)) + (8L * d.N);

    private static long Unknowns(CrossedDesign d) => (long)d.P + d.Cells + d.Ratees + d.Raters;

    private static double Overhead(CrossedDesign d) => FixedSeconds + (OverheadSecondsPerRating * d.N);

    /// <summary>The memory the calibrator may use: the setting, or a quarter of what the process may have.</summary>
    public static long MemoryBudget(long setting) =>
        setting > 0 ? setting : Math.Max(64L << 20, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4);

    /// <summary>Megabytes to a tenth below 1,000 (a prediction of 49.3 MB against 49 MB allowed must not read "49 MB, more than 49 MB").</summary>
    public static string Megabytes(long bytes) => (bytes / 1e6).ToString(bytes < 1_000_000_000 ? "0.0" : "N0", CultureInfo.InvariantCulture) + " MB";

    public static string Seconds(double seconds) => seconds.ToString(seconds < 10 ? "0.0#" : "N0", CultureInfo.InvariantCulture) + " s";

    /// <summary>A path's predicted time and peak memory.</summary>
    public readonly record struct Prediction(double Seconds, long Bytes)
    {
        /// <summary>Gets the time if the fit needs all it may take (the scalable path's probes); null when that is <see cref="Seconds"/>.</summary>
        public double? AtMostSeconds { get; init; }

        public override string ToString() =>
            AtMostSeconds is { } most && most > 1.05 * Seconds
                ? $"{CrossedCostModel.Seconds(Seconds)} (at most {CrossedCostModel.Seconds(most)}), {Megabytes(Bytes)}"
                : $"{CrossedCostModel.Seconds(Seconds)}, {Megabytes(Bytes)}";
    }
}
