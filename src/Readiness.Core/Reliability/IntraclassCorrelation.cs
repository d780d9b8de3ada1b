using System.Collections.Immutable;
using MathNet.Numerics.Distributions;
using Readiness.Internal;

namespace Readiness.Reliability;

/// <summary>
/// The six Shrout–Fleiss intraclass correlations of a complete targets × judges table, with F tests and confidence
/// intervals: do these raters agree on who is stronger?
/// </summary>
/// <remarks>
/// <para>
/// Shrout and Fleiss (1979, Psychol. Bull. 86(2):420–428) from the two-way ANOVA mean squares: ICC(1,·) one-way random
/// (each target rated by different judges), ICC(2,·) two-way random (judges a sample; absolute agreement), ICC(3,·)
/// two-way mixed (these judges; consistency); the ·,1 forms are the reliability of one rating, the ·,k forms of the mean
/// of k. Intervals as in Shrout and Fleiss, with McGraw and Wong's (1996) Satterthwaite degrees of freedom for ICC(2,1),
/// the same computation as R's <c>psych::ICC</c>, whose values the tests reproduce.
/// </para>
/// <para>
/// The table must be complete: every judge rates every target; incomplete rating designs are the calibration models' job.
/// Where a degenerate table leaves a test or bound undefined (no residual variation, or Satterthwaite degrees of freedom
/// ≤ 0 for ICC(2,1) when judges disagree more than targets differ), it is NaN, never a made-up number.
/// </para>
/// </remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed class IntraclassCorrelation
{
    private IntraclassCorrelation(int targets, int judges, double level, double bms, double wms, double jms, double ems, ImmutableArray<IccEstimate> estimates)
    {
        Targets = targets;
        Judges = judges;
        Level = level;
        BetweenTargetsMeanSquare = bms;
        WithinTargetsMeanSquare = wms;
        BetweenJudgesMeanSquare = jms;
        ErrorMeanSquare = ems;
        Estimates = estimates;
    }

    /// <summary>Gets the number of targets (rows).</summary>
    public int Targets { get; }

    /// <summary>Gets the number of judges (columns).</summary>
    public int Judges { get; }

    /// <summary>Gets the confidence level of the intervals.</summary>
    public double Level { get; }

    /// <summary>Gets the between-targets mean square (BMS).</summary>
    public double BetweenTargetsMeanSquare { get; }

    /// <summary>Gets the within-targets mean square (WMS).</summary>
    public double WithinTargetsMeanSquare { get; }

    /// <summary>Gets the between-judges mean square (JMS).</summary>
    public double BetweenJudgesMeanSquare { get; }

    /// <summary>Gets the residual mean square (EMS).</summary>
    public double ErrorMeanSquare { get; }

    /// <summary>Gets the six forms: ICC(1,1), ICC(2,1), ICC(3,1), ICC(1,k), ICC(2,k), ICC(3,k).</summary>
    public ImmutableArray<IccEstimate> Estimates { get; }

    /// <summary>Gets one form by name, e.g. <c>ICC(2,1)</c> or <c>ICC(3,k)</c>.</summary>
    /// <param name="form">The form's name.</param>
    /// <returns>The estimate.</returns>
    /// <exception cref="KeyNotFoundException">The name is not one of the six forms.</exception>
    public IccEstimate this[string form] =>
        Estimates.FirstOrDefault(e => e.Form == form)
        ?? throw new KeyNotFoundException($"'{form}' is not an ICC form; the forms are {string.Join(", ", Estimates.Select(e => e.Form))}.");

    /// <summary>Computes the six intraclass correlations of a complete table.</summary>
    /// <param name="ratings">Targets × judges: row i holds every judge's rating of target i.</param>
    /// <param name="level">The confidence level of the intervals, in (0, 1). The default value is 0.95.</param>
    /// <returns>The correlations, tests and intervals.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ratings"/> is null.</exception>
    /// <exception cref="ArgumentException">Fewer than two targets or judges, or a rating that is not finite (the message names its cell).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not in (0, 1).</exception>
    public static IntraclassCorrelation Compute(double[,] ratings, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        if (!(level > 0 && level < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, $"level was {Guard.Format(level)}; it must be in (0, 1).");
        }

        var n = ratings.GetLength(0);
        var k = ratings.GetLength(1);
        if (n < 2 || k < 2)
        {
            throw new ArgumentException($"The table has {n} target(s) and {k} judge(s); intraclass correlations need at least two of each.", nameof(ratings));
        }

        var rowMeans = new double[n];
        var columnMeans = new double[k];
        var grand = 0.0;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < k; j++)
            {
                var v = ratings[i, j];
                if (!double.IsFinite(v))
                {
                    throw new ArgumentException($"ratings[{i}, {j}] was {Guard.Format(v)}; every rating must be a finite number (the table must be complete).", nameof(ratings));
                }

                rowMeans[i] += v / k;
                columnMeans[j] += v / n;
                grand += v / (n * (double)k);
            }
        }

        double ssRows = 0, ssColumns = 0, ssTotal = 0;
        for (var i = 0; i < n; i++)
        {
            ssRows += k * (rowMeans[i] - grand) * (rowMeans[i] - grand);
            for (var j = 0; j < k; j++)
            {
                ssTotal += (ratings[i, j] - grand) * (ratings[i, j] - grand);
            }
        }

        for (var j = 0; j < k; j++)
        {
            ssColumns += n * (columnMeans[j] - grand) * (columnMeans[j] - grand);
        }

        var bms = ssRows / (n - 1);
        var wms = (ssTotal - ssRows) / (n * (k - 1));
        var jms = ssColumns / (k - 1);
        var ems = (ssTotal - ssRows - ssColumns) / ((n - 1) * (k - 1));
        return new IntraclassCorrelation(n, k, level, bms, wms, jms, ems, Forms(n, k, level, bms, wms, jms, ems));
    }

    private static ImmutableArray<IccEstimate> Forms(int n, int k, double level, double bms, double wms, double jms, double ems)
    {
        var tail = 1 - ((1 - level) / 2);
        // Degenerate tables (no residual variation; Satterthwaite degrees of freedom ≤ 0 when judges disagree more than
        // targets differ) leave a test or a bound undefined: it is NaN rather than a number the data cannot support.
        double Q(double d1, double d2)
        {
            if (!(d1 > 0 && d2 > 0 && double.IsFinite(d1) && double.IsFinite(d2)))
            {
                return double.NaN;
            }

            try
            {
                return FisherSnedecor.InvCDF(d1, d2, tail);
            }
            catch (MathNet.Numerics.NonConvergenceException)
            {
                // Near-zero Satterthwaite degrees of freedom put the quantile beyond what the root finder can bracket.
                return double.NaN;
            }
        }

        double P(double f, double d1, double d2) => UpperTail.FisherSnedecor(d1, d2, f);

        // One-way: judges are not a factor.
        double df1 = n - 1, dfWithin = n * (k - 1), dfError = (n - 1) * (k - 1);
        var f1 = bms / wms;
        var f1Lower = f1 / Q(df1, dfWithin);
        var f1Upper = f1 * Q(dfWithin, df1);
        var icc11 = (bms - wms) / (bms + ((k - 1) * wms));

        // Two-way: the residual after targets and judges.
        var f3 = bms / ems;
        var f3Lower = f3 / Q(df1, dfError);
        var f3Upper = f3 * Q(dfError, df1);
        var icc21 = (bms - ems) / (bms + ((k - 1) * ems) + (k * (jms - ems) / n));
        var icc31 = (bms - ems) / (bms + ((k - 1) * ems));

        // ICC(2,1): Satterthwaite degrees of freedom for the combination of mean squares (McGraw and Wong 1996).
        var fj = jms / ems;
        var a = (k * icc21 * fj) + (n * (1 + ((k - 1) * icc21))) - (k * icc21);
        var v = (k - 1) * (n - 1) * a * a / (((n - 1) * k * k * icc21 * icc21 * fj * fj) + Math.Pow((n * (1 + ((k - 1) * icc21))) - (k * icc21), 2));
        var fStarUpper = Q(df1, v);
        var fStarLower = Q(v, df1);
        var denominator = (k * jms) + (((k * n) - k - n) * ems);
        var lower21 = n * (bms - (fStarUpper * ems)) / ((fStarUpper * denominator) + (n * bms));
        var upper21 = n * ((fStarLower * bms) - ems) / (denominator + (n * fStarLower * bms));

        double Average(double single) => k * single / (1 + ((k - 1) * single));
        return
        [
            new("ICC(1,1)", icc11, f1, df1, dfWithin, P(f1, df1, dfWithin), (f1Lower - 1) / (f1Lower + k - 1), (f1Upper - 1) / (f1Upper + k - 1)),
            new("ICC(2,1)", icc21, f3, df1, dfError, P(f3, df1, dfError), lower21, upper21),
            new("ICC(3,1)", icc31, f3, df1, dfError, P(f3, df1, dfError), (f3Lower - 1) / (f3Lower + k - 1), (f3Upper - 1) / (f3Upper + k - 1)),
            new("ICC(1,k)", (bms - wms) / bms, f1, df1, dfWithin, P(f1, df1, dfWithin), 1 - (1 / f1Lower), 1 - (1 / f1Upper)),
            new("ICC(2,k)", (bms - ems) / (bms + ((jms - ems) / n)), f3, df1, dfError, P(f3, df1, dfError), Average(lower21), Average(upper21)),
            new("ICC(3,k)", (bms - ems) / bms, f3, df1, dfError, P(f3, df1, dfError), 1 - (1 / f3Lower), 1 - (1 / f3Upper)),
        ];
    }
}
