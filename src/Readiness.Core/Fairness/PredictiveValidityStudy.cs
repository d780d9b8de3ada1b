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
/// Fisher's z for correlations and Hanley and McNeil (1982) for the AUC; the correction for attenuation divides by the
/// square root of the outcome's reliability. Only people who were promoted have outcomes, so the correlations are
/// restricted in range and understate validity in the whole population; the study does not correct for that.
/// </remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed class PredictiveValidityStudy
{
    private PredictiveValidityStudy(int n, int leftOut, bool binary, bool usesRecords, ValidityCoefficient readiness, ValidityCoefficient performance,
        double intercorrelation, IncrementalValidity readinessOverPerformance, IncrementalValidity performanceOverReadiness, AreaUnderCurve? readinessAuc, AreaUnderCurve? performanceAuc)
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
        return new PredictiveValidityStudy(n, byPerson.Count - n, binary, usesRecords,
            Coefficient(rxy, n, z, options.OutcomeReliability), Coefficient(rpy, n, z, options.OutcomeReliability), rxp,
            Incremental(rpy, rxy, rxp, n), Incremental(rxy, rpy, rxp, n),
            binary ? Auc(x, y, z) : null, binary ? Auc(p, y, z) : null);
    }

    private static ValidityCoefficient Coefficient(double r, int n, double z, double? reliability)
    {
        var fisher = Math.Atanh(Math.Clamp(r, -1 + 1e-15, 1 - 1e-15));
        var se = 1 / Math.Sqrt(n - 3);
        var t = r * Math.Sqrt((n - 2) / Math.Max(1 - (r * r), 1e-300));
        var pValue = 2 * StudentT.CDF(0, 1, n - 2, -Math.Abs(t));
        var (lower, upper) = (Math.Tanh(fisher - (z * se)), Math.Tanh(fisher + (z * se)));
        var attenuation = reliability is { } ryy ? Math.Sqrt(ryy) : (double?)null;
        return new ValidityCoefficient(r, lower, upper, pValue, r / attenuation, lower / attenuation, upper / attenuation);
    }

    /// <summary>ΔR² of adding predictor 2 to predictor 1 (correlations with the outcome r1, r2; with each other r12).</summary>
    private static IncrementalValidity Incremental(double r1, double r2, double r12, int n)
    {
        var baseR2 = r1 * r1;
        var fullR2 = Math.Abs(r12) >= 1 ? baseR2 : Math.Max(baseR2, ((r1 * r1) + (r2 * r2) - (2 * r1 * r2 * r12)) / (1 - (r12 * r12)));
        var f = (fullR2 - baseR2) / ((1 - fullR2) / (n - 3));
        return new IncrementalValidity(baseR2, fullR2, f, UpperTail.FisherSnedecor(1, n - 3, f));
    }

    /// <summary>The AUC by the Mann–Whitney count (ties half) and Hanley and McNeil's standard error.</summary>
    private static AreaUnderCurve Auc(double[] score, double[] success, double z)
    {
        var positives = score.Where((_, i) => success[i] == 1).Order().ToArray();
        var negatives = score.Where((_, i) => success[i] == 0).Order().ToArray();
        var wins = 0.0;
        foreach (var s in positives)
        {
            var below = SortedSearch.LowerBound(negatives, s);
            var equal = SortedSearch.UpperBound(negatives, s) - below;
            wins += below + (equal / 2.0);
        }

        var (n1, n2) = ((double)positives.Length, (double)negatives.Length);
        var a = wins / (n1 * n2);
        var (q1, q2) = (a / (2 - a), 2 * a * a / (1 + a));
        var se = Math.Sqrt(((a * (1 - a)) + ((n1 - 1) * (q1 - (a * a))) + ((n2 - 1) * (q2 - (a * a)))) / (n1 * n2));
        return new AreaUnderCurve(a, Math.Max(0, a - (z * se)), Math.Min(1, a + (z * se)));
    }
}
