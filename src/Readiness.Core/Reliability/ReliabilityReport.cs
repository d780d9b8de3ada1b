using System.Collections.Immutable;
using Readiness.Calibration;
using Readiness.Calibration.Internal;
using Readiness.Evidence;

namespace Readiness.Reliability;

/// <summary>
/// How far the raters of one rating cycle agree, in one report: the ICC and Krippendorff's alpha per competency and
/// overall, the raters a target reliability needs (by Spearman–Brown and by simulating the cycle's own design), every
/// rater's diagnostics, self–other agreement and within-group agreement (r_wg).
/// </summary>
/// <remarks>
/// In a 360° cycle every person has their own raters, so the ratee × rater table the ICC needs is not complete. Each
/// competency's table is built from each ratee's first m other raters (by rater id), m being the largest number of raters
/// that at least <see cref="IccCoverage"/> of the ratees have (at least 2); ratees with fewer are left out and counted.
/// Raters differ from ratee to ratee, which is the one-way design: ICC(1,1) and ICC(1,k) are the forms that fit; the
/// two-way forms are given for completeness. Alpha needs no complete table: units are the ratees, coders the raters, with
/// every missing pair allowed. "Overall" uses each rater's mean over the competencies they rated a person on; a source whose
/// rater ids do not repeat (an export that anonymises each response, <see cref="AnonymisedSources"/>) has no such mean and
/// is left out of it — each of its ratings would count as a rater of its own.
/// </remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed class ReliabilityReport
{
    /// <summary>The share of ratees whose raters the ICC table is built to cover.</summary>
    public const double IccCoverage = 0.8;

    private ReliabilityReport(
        ImmutableArray<CompetencyReliability> competencies,
        CompetencyReliability overall,
        double? singleRaterReliability,
        EvidencePlan? evidencePlan,
        ImmutableArray<RaterDiagnostic> raterDiagnostics,
        SelfOtherAgreement selfOther,
        AgreementReport agreement,
        ImmutableArray<RaterSource> anonymisedSources)
    {
        AnonymisedSources = anonymisedSources;
        Competencies = competencies;
        Overall = overall;
        SingleRaterReliability = singleRaterReliability;
        EvidencePlan = evidencePlan;
        RaterDiagnostics = raterDiagnostics;
        SelfOther = selfOther;
        Agreement = agreement;
    }

    /// <summary>Gets each competency's reliability, in the model's order.</summary>
    public ImmutableArray<CompetencyReliability> Competencies { get; }

    /// <summary>Gets the reliability of each rater's mean over the competencies they rated a person on (the <see cref="AnonymisedSources"/> left out).</summary>
    public CompetencyReliability Overall { get; }

    /// <summary>
    /// Gets the sources other than self whose rater ids almost never repeat (an export that anonymises each response), in
    /// the enumeration's order; empty for a named export. Their ratings are left out of <see cref="Overall"/>, they have no
    /// rater to diagnose, and the evidence is not planned (<see cref="SingleRaterReliability"/>).
    /// </summary>
    public ImmutableArray<RaterSource> AnonymisedSources { get; }

    /// <summary>Gets one rater's reliability from the calibration's variance components (<see cref="SpearmanBrown.SingleRaterReliability"/>); null when the calibration has no rater component (the Rasch model), and when any source is anonymised (<see cref="AnonymisedSources"/>: its raters are not independent, see <see cref="SpearmanBrown.SingleRaterReliability"/>).</summary>
    public double? SingleRaterReliability { get; }

    /// <summary>Gets the raters a reliability of 0.8 needs, simulated on the cycle's own design; null without a positive single-rater reliability.</summary>
    public EvidencePlan? EvidencePlan { get; }

    /// <summary>Gets every rater's leniency, spread, halo and fit, with the issues flagged.</summary>
    public ImmutableArray<RaterDiagnostic> RaterDiagnostics { get; }

    /// <summary>Gets how people's self-ratings compare with others' ratings of them.</summary>
    public SelfOtherAgreement SelfOther { get; }

    /// <summary>Gets within-group agreement (r_wg) per person and per competency.</summary>
    public AgreementReport Agreement { get; }

    /// <summary>Computes the report.</summary>
    /// <param name="ratings">The ratings.</param>
    /// <param name="calibration">Their calibration (the rater diagnostics and the evidence planning read it).</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static ReliabilityReport Compute(RatingSet ratings, CalibrationResult calibration)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        ArgumentNullException.ThrowIfNull(calibration);
        var competencies = ratings.Model.Competencies
            .Select((c, index) => CompetencyReliability.Compute(c.Id.Value, Cells(ratings, r => r == index, [])))
            .ToImmutableArray();
        var anonymised = PersonSourceRaters.AnonymisedSources(ratings);
        var overall = CompetencyReliability.Compute("overall", Cells(ratings, _ => true, anonymised));
        double? single = calibration.VarianceOf(VarianceComponent.Rater) is null || anonymised.Count > 0
            ? null
            : SpearmanBrown.SingleRaterReliability(calibration);
        var plan = single > 0 ? EvidencePlan.Simulate(ratings, calibration, new EvidencePlanOptions { Target = 0.8, MaxRaters = 12, Replications = 10 }) : null;
        return new ReliabilityReport(
            competencies, overall, single, plan, Reliability.RaterDiagnostics.Analyze(ratings, calibration), SelfOtherAgreement.Analyze(ratings), InterRaterAgreement.Analyze(ratings),
            [.. anonymised.Order()]);
    }

    /// <summary>Per ratee (by index), the other raters' (mean) rating over the competencies <paramref name="include"/> selects, by rater index, leaving out the <paramref name="leftOut"/> sources.</summary>
    private static SortedDictionary<int, SortedDictionary<int, double>> Cells(RatingSet ratings, Func<int, bool> include, HashSet<RaterSource> leftOut)
    {
        var sums = new Dictionary<(int Ratee, int Rater), (int N, double Sum)>();
        for (var i = 0; i < ratings.Count; i++)
        {
            if (ratings.Sources[i] == RaterSource.Self || !include(ratings.CompetencyIndices[i]) || leftOut.Contains(ratings.Sources[i]))
            {
                continue;
            }

            var key = (ratings.RateeIndices[i], ratings.RaterIndices[i]);
            var s = sums.GetValueOrDefault(key);
            sums[key] = (s.N + 1, s.Sum + ratings.Values[i]);
        }

        var cells = new SortedDictionary<int, SortedDictionary<int, double>>();
        foreach (var ((ratee, rater), (n, sum)) in sums)
        {
            if (!cells.TryGetValue(ratee, out var row))
            {
                cells[ratee] = row = [];
            }

            row[rater] = sum / n;
        }

        return cells;
    }
}

/// <summary>One competency's (or the overall) inter-rater reliability: the ICC on the table built for it, and Krippendorff's alpha.</summary>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed class CompetencyReliability
{
    private CompetencyReliability(string competency, int ratees, int iccRaters, int iccTargets, IntraclassCorrelation? icc, ImmutableArray<double?> alpha)
    {
        Competency = competency;
        Ratees = ratees;
        IccRaters = iccRaters;
        IccTargets = iccTargets;
        Icc = icc;
        _alpha = alpha;
    }

    private readonly ImmutableArray<double?> _alpha;

    /// <summary>Gets the competency's id, or "overall".</summary>
    public string Competency { get; }

    /// <summary>Gets the number of ratees with at least one rating by someone else.</summary>
    public int Ratees { get; }

    /// <summary>Gets m: the raters per ratee in the ICC table.</summary>
    public int IccRaters { get; }

    /// <summary>Gets the ratees in the ICC table (0 when m is below 2).</summary>
    public int IccTargets { get; }

    /// <summary>Gets the ICC, all six Shrout–Fleiss forms; null when the table has fewer than two raters or ratees.</summary>
    public IntraclassCorrelation? Icc { get; }

    /// <summary>Krippendorff's alpha under a metric; null where it is undefined for these data (no pairable values, or no variation).</summary>
    /// <param name="metric">The metric.</param>
    /// <returns>Alpha, or null.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="metric"/> is not a defined metric.</exception>
    public double? Alpha(AlphaMetric metric) =>
        Enum.IsDefined(metric) ? _alpha[(int)metric] : throw new ArgumentOutOfRangeException(nameof(metric), metric, $"metric was {metric}; it must be a defined AlphaMetric.");

    internal static CompetencyReliability Compute(string competency, SortedDictionary<int, SortedDictionary<int, double>> cells)
    {
        var counts = cells.Values.Select(r => r.Count).OrderDescending().ToArray();
        var m = counts.Length == 0 ? 0 : counts[Math.Max(0, (int)Math.Ceiling(ReliabilityReport.IccCoverage * counts.Length) - 1)];
        var targets = cells.Where(c => c.Value.Count >= m).ToArray();
        IntraclassCorrelation? icc = null;
        if (m >= 2 && targets.Length >= 2)
        {
            var table = new double[targets.Length, m];
            for (var t = 0; t < targets.Length; t++)
            {
                var j = 0;
                foreach (var value in targets[t].Value.Values.Take(m))
                {
                    table[t, j++] = value;
                }
            }

            icc = IntraclassCorrelation.Compute(table);
        }

        // Alpha: units are the ratees, each with its raters' values (a raters × ratees table would be mostly empty and
        // grow with the square of the organisation).
        var units = cells.Values.Select(c => (IReadOnlyList<double>)[.. c.Values]).ToArray();
        var alpha = Enum.GetValues<AlphaMetric>().Order().Select(metric =>
        {
            try
            {
                return (double?)KrippendorffAlpha.FromUnits(units, metric);
            }
            catch (ArgumentException)
            {
                return null;
            }
        }).ToImmutableArray();
        return new CompetencyReliability(competency, cells.Count, m, m >= 2 ? targets.Length : 0, icc, alpha);
    }
}
