using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;
using Readiness.Evidence;
using Readiness.Internal;
using Readiness.Scoring;

namespace Readiness.Fairness;

/// <summary>
/// Does readiness predict later outcomes better than performance alone? Correlations of the readiness index and of
/// individual performance with the outcome, what each adds to the other in a regression (ΔR² with its F test), and for a
/// success/failure outcome the area under the ROC curve of each.
/// </summary>
/// <remarks>
/// The study uses the people with a readiness index, a performance value (the performance records when any assessment
/// has one, else the competency-based performance index, as the 9-box does) and an outcome; it refuses a sample below
/// <see cref="ValidityOptions.MinimumSample"/>. Outcomes that are all 0 or 1 are treated as success/failure. Intervals use
/// Fisher's z for correlations and DeLong, DeLong and Clarke-Pearson (1988) for the AUC, whose paired test compares
/// readiness's AUC with performance's on the same people (<see cref="AucDifference"/>); the correction for attenuation divides by the
/// square root of the outcome's reliability. Only people who were promoted have outcomes, so the correlations may be
/// restricted in range: <see cref="Restriction"/> compares the spread of each predictor among the people with outcomes
/// with its spread among everyone assessed, says when the difference is material, and gives the correlations corrected
/// by Thorndike's Case II.
/// </remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed class PredictiveValidityStudy
{
    private PredictiveValidityStudy(int n, int leftOut, bool binary, bool usesRecords, ValidityCoefficient readiness, ValidityCoefficient performance,
        double intercorrelation, IncrementalValidity readinessOverPerformance, IncrementalValidity performanceOverReadiness, AreaUnderCurve? readinessAuc, AreaUnderCurve? performanceAuc,
        AucComparison? aucDifference, RangeRestriction restriction)
    {
        Sample = n;
        LeftOut = leftOut;
        IsBinary = binary;
        UsesPerformanceRecords = usesRecords;
        Readiness = readiness;
        Performance = performance;
        Intercorrelation = intercorrelation;
        ReadinessOverPerformance = readinessOverPerformance;
        PerformanceOverReadiness = performanceOverReadiness;
        ReadinessAuc = readinessAuc;
        AucDifference = aucDifference;
        Restriction = restriction;
        PerformanceAuc = performanceAuc;
    }

    /// <summary>Gets the number of people in the study.</summary>
    public int Sample { get; }

    /// <summary>Gets the people with an outcome left out for lack of a readiness index or a performance value.</summary>
    public int LeftOut { get; }

    /// <summary>Gets a value indicating whether the outcome is success/failure (all values 0 or 1).</summary>
    public bool IsBinary { get; }

    /// <summary>Gets a value indicating whether performance is the performance records (else the competency-based performance index).</summary>
    public bool UsesPerformanceRecords { get; }

    /// <summary>Gets the readiness index's validity.</summary>
    public ValidityCoefficient Readiness { get; }

    /// <summary>Gets individual performance's validity.</summary>
    public ValidityCoefficient Performance { get; }

    /// <summary>Gets the correlation of the two predictors.</summary>
    public double Intercorrelation { get; }

    /// <summary>Gets what readiness adds to performance.</summary>
    public IncrementalValidity ReadinessOverPerformance { get; }

    /// <summary>Gets what performance adds to readiness.</summary>
    public IncrementalValidity PerformanceOverReadiness { get; }

    /// <summary>Gets the readiness index's AUC for a success/failure outcome, else null.</summary>
    public AreaUnderCurve? ReadinessAuc { get; }

    /// <summary>Gets performance's AUC for a success/failure outcome, else null.</summary>
    public AreaUnderCurve? PerformanceAuc { get; }

    /// <summary>Gets DeLong's paired test of readiness's AUC against performance's for a success/failure outcome, else null.</summary>
    public AucComparison? AucDifference { get; }

    /// <summary>Gets how far the people with outcomes are a narrower slice of everyone assessed, with the correlations corrected for it.</summary>
    public RangeRestriction Restriction { get; }

    /// <summary>Runs the study.</summary>
    /// <param name="assessments">The assessments (readiness and performance) made before the outcomes.</param>
    /// <param name="outcomes">The later outcomes, one per person.</param>
    /// <param name="options">The options; null for the defaults.</param>
    /// <returns>The study.</returns>
    /// <exception cref="ArgumentException">
    /// An outcome is not finite or repeats a person, an option breaks its rule, the sample is below the minimum, or a
    /// predictor or the outcome does not vary.
    /// </exception>
    public static PredictiveValidityStudy Run(IEnumerable<ReadinessAssessment> assessments, IEnumerable<OutcomeRecord> outcomes, ValidityOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(assessments);
        ArgumentNullException.ThrowIfNull(outcomes);
        options = (options ?? new ValidityOptions()).Validated();
        var byPerson = new Dictionary<RateeId, double>();
        foreach (var o in outcomes)
        {
            if (!double.IsFinite(o.Value))
            {
                throw new ArgumentException($"The outcome of '{o.Person}' is {Guard.Format(o.Value)}; outcomes must be finite.", nameof(outcomes));
            }

            if (!byPerson.TryAdd(o.Person, o.Value))
            {
                throw new ArgumentException($"'{o.Person}' has more than one outcome.", nameof(outcomes));
            }
        }

        var scored = assessments.Where(a => a is not null && a.IsScored).ToArray();
        var usesRecords = scored.Any(a => a.Performance is not null);
        var assessed = scored
            .Where(a => (usesRecords ? a.Performance : a.PerformanceIndex) is not null)
            .Select(a => (Readiness: a.Index!.Value, Performance: (usesRecords ? a.Performance : a.PerformanceIndex)!.Value))
            .ToArray();
        var rows = scored
            .Where(a => byPerson.ContainsKey(a.Person) && (usesRecords ? a.Performance : a.PerformanceIndex) is not null)
            .OrderBy(a => a.Person)
            .Select(a => (Readiness: a.Index!.Value, Performance: (usesRecords ? a.Performance : a.PerformanceIndex)!.Value, Outcome: byPerson[a.Person]))
            .ToArray();
        var n = rows.Length;
        if (n < options.MinimumSample)
        {
            throw new ArgumentException($"{n} people have a readiness index, a performance value and an outcome; the study needs at least {options.MinimumSample}.", nameof(outcomes));
        }

        var (x, p, y) = (rows.Select(r => r.Readiness).ToArray(), rows.Select(r => r.Performance).ToArray(), rows.Select(r => r.Outcome).ToArray());
        foreach (var (values, name) in new[] { (x, "readiness index"), (p, "performance"), (y, "outcome") })
        {
            if (values.All(v => v == values[0]))
            {
                throw new ArgumentException($"The {name} is the same for all {n} people; a correlation needs variation.", nameof(outcomes));
            }
        }

        // Clamped: a perfect correlation computed in floating point can land a hair outside [−1, 1], where atanh is undefined.
        static double Pearson(double[] a, double[] b) => Math.Clamp(Correlation.Pearson(a, b), -1, 1);
        var (rxy, rpy, rxp) = (Pearson(x, y), Pearson(p, y), Pearson(x, p));
        var z = Normal.InvCDF(0, 1, 0.5 + (options.ConfidenceLevel / 2));
        var binary = y.All(v => v is 0 or 1);
        var (readinessAuc, performanceAuc, difference) = binary ? Aucs(x, p, y, z) : default;
        return new PredictiveValidityStudy(n, byPerson.Count - n, binary, usesRecords,
            Coefficient(rxy, n, z, options.OutcomeReliability), Coefficient(rpy, n, z, options.OutcomeReliability), rxp,
            Incremental(rpy, rxy, rxp, n), Incremental(rxy, rpy, rxp, n),
            readinessAuc, performanceAuc, difference, RestrictionOf(assessed, x, p, rxy, rpy));
    }

    private static ValidityCoefficient Coefficient(double r, int n, double z, double? reliability)
    {
        var fisher = Math.Atanh(Math.Clamp(r, -1 + 1e-15, 1 - 1e-15));
        var se = 1 / Math.Sqrt(n - 3);
        var t = r * Math.Sqrt((n - 2) / Math.Max(1 - (r * r), 1e-300));
        var pValue = UpperTail.TwoSided(t, n - 2);
        var (lower, upper) = (Math.Tanh(fisher - (z * se)), Math.Tanh(fisher + (z * se)));
        var attenuation = reliability is { } ryy ? Math.Sqrt(ryy) : (double?)null;
        return new ValidityCoefficient(r, lower, upper, pValue, r / attenuation, lower / attenuation, upper / attenuation);
    }

    private static RangeRestriction RestrictionOf((double Readiness, double Performance)[] assessed, double[] readiness, double[] performance, double rxy, double rpy)
    {
        var readinessRatio = readiness.StandardDeviation() / assessed.Select(a => a.Readiness).StandardDeviation();
        var performanceRatio = performance.StandardDeviation() / assessed.Select(a => a.Performance).StandardDeviation();
        return new RangeRestriction(assessed.Length, readinessRatio, performanceRatio, RangeRestriction.CaseTwo(rxy, readinessRatio), RangeRestriction.CaseTwo(rpy, performanceRatio));
    }

    /// <summary>ΔR² of adding predictor 2 to predictor 1 (correlations with the outcome r1, r2; with each other r12).</summary>
    private static IncrementalValidity Incremental(double r1, double r2, double r12, int n)
    {
        var baseR2 = r1 * r1;
        var fullR2 = Math.Abs(r12) >= 1 ? baseR2 : Math.Max(baseR2, ((r1 * r1) + (r2 * r2) - (2 * r1 * r2 * r12)) / (1 - (r12 * r12)));
        var f = (fullR2 - baseR2) / ((1 - fullR2) / (n - 3));
        return new IncrementalValidity(baseR2, fullR2, f, UpperTail.FisherSnedecor(1, n - 3, f));
    }

    /// <summary>
    /// Both AUCs with DeLong's intervals, and the paired test of their difference. DeLong's placements: each success's
    /// share of the failures it outscores (ties half) and each failure's share of the successes that outscore it; the AUC
    /// is their mean, and their variances and covariances across the two predictors give the standard errors.
    /// </summary>
    private static (AreaUnderCurve Readiness, AreaUnderCurve Performance, AucComparison Difference) Aucs(double[] readiness, double[] performance, double[] success, double z)
    {
        var (r10, r01) = Placements(readiness, success);
        var (p10, p01) = Placements(performance, success);
        var (m, n) = ((double)r10.Length, (double)r01.Length);
        var (ra, pa) = (r10.Average(), p10.Average());
        if (m < 2 || n < 2)
        {
            // One success or one failure: the AUC is a count, but its variance across successes (or failures) is not
            // defined, as in R's pROC (NA); NaN says so rather than an interval from nothing.
            return (new AreaUnderCurve(ra, double.NaN, double.NaN, double.NaN), new AreaUnderCurve(pa, double.NaN, double.NaN, double.NaN),
                new AucComparison(ra - pa, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN));
        }

        double Covariance(double[] a, double[] b, double meanA, double meanB) =>
            a.Zip(b, (u, v) => (u - meanA) * (v - meanB)).Sum() / (a.Length - 1);
        double Variance(double[] x10, double[] x01, double[] y10, double[] y01, double meanX, double meanY) =>
            (Covariance(x10, y10, meanX, meanY) / m) + (Covariance(x01, y01, meanX, meanY) / n);

        var readinessVariance = Variance(r10, r01, r10, r01, ra, ra);
        var performanceVariance = Variance(p10, p01, p10, p01, pa, pa);
        var covariance = Variance(r10, r01, p10, p01, ra, pa);
        var difference = ra - pa;
        var se = Math.Sqrt(Math.Max(0, readinessVariance + performanceVariance - (2 * covariance)));
        var zScore = se > 0 ? difference / se : 0;
        return (
            Curve(ra, readinessVariance),
            Curve(pa, performanceVariance),
            new AucComparison(difference, se, difference - (z * se), difference + (z * se), zScore, UpperTail.TwoSided(zScore)));

        AreaUnderCurve Curve(double auc, double variance)
        {
            var error = Math.Sqrt(variance);
            return new AreaUnderCurve(auc, error, Math.Max(0, auc - (z * error)), Math.Min(1, auc + (z * error)));
        }
    }

    /// <summary>
    /// DeLong's placements from mid-ranks (Sun and Xu 2014), in O(N log N): a success's is (its rank among all − its rank
    /// among successes) / failures; a failure's is 1 − (its rank among all − its rank among failures) / successes.
    /// </summary>
    private static (double[] Successes, double[] Failures) Placements(double[] score, double[] success)
    {
        var all = MidRanks(score);
        var positives = Enumerable.Range(0, score.Length).Where(i => success[i] == 1).ToArray();
        var negatives = Enumerable.Range(0, score.Length).Where(i => success[i] == 0).ToArray();
        var withinPositives = MidRanks([.. positives.Select(i => score[i])]);
        var withinNegatives = MidRanks([.. negatives.Select(i => score[i])]);
        var (m, n) = ((double)positives.Length, (double)negatives.Length);
        return (
            [.. positives.Select((i, k) => (all[i] - withinPositives[k]) / n)],
            [.. negatives.Select((i, k) => 1 - ((all[i] - withinNegatives[k]) / m))]);
    }

    /// <summary>1-based ranks, ties given the mean of the ranks they span.</summary>
    private static double[] MidRanks(double[] values)
    {
        var order = Enumerable.Range(0, values.Length).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Length];
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]])
            {
                end++;
            }

            for (var k = start; k <= end; k++)
            {
                ranks[order[k]] = ((start + end) / 2.0) + 1;
            }

            start = end + 1;
        }

        return ranks;
    }
}
