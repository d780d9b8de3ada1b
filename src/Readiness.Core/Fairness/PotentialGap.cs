using Readiness.Internal;
using Readiness.Scoring;

namespace Readiness.Fairness;

/// <summary>
/// The potential gap (Benson, Li and Shue 2022, "Potential and the gender promotion gap"): is a group rated less ready to
/// lead than people who perform as well? Women in their retail data had higher performance ratings and lower potential
/// ratings, and were promoted less. An adverse-impact audit of readiness alone cannot see it when the same group also
/// performs better.
/// </summary>
/// <remarks>
/// <para>
/// Over the people with a category, a readiness index and a performance measure (the performance records, or, when
/// no one with a category and an index has one, the role's individual-performance index), both standardised: readiness is regressed on performance
/// across the cohort, and each group's gap is its mean residual — readiness for performance, in readiness standard
/// deviations.
/// </para>
/// <para>
/// Error control as in the audit: with the residuals fixed, the group labels are shuffled
/// <see cref="PotentialGapOptions.Permutations"/> times. The omnibus p-value compares the between-group variance of the
/// residuals with its shuffled values; each group's p-value its standardised gap; each group's adjusted p-value the
/// largest standardised gap of any group in each shuffle (single-step maxT), so that, when no group differs, the chance of
/// any adjusted p-value below α is at most α.
/// </para>
/// </remarks>
public static class PotentialGap
{
    /// <summary>Checks one attribute.</summary>
    /// <param name="assessments">A cohort's assessments.</param>
    /// <param name="demographics">The caller's demographic data.</param>
    /// <param name="attribute">The attribute whose categories form the groups.</param>
    /// <param name="options">The conventions; null for the defaults.</param>
    /// <param name="suppressed">Groups whose numbers must not be shown (those an audit published with this check suppressed); they are neither shown nor tested.</param>
    /// <returns>The check.</returns>
    /// <exception cref="ArgumentException">The attribute is blank, an assessment is null, or an option is out of range (named, with its rule).</exception>
    public static PotentialGapResult Analyze(IEnumerable<ReadinessAssessment> assessments, Demographics demographics, string attribute, PotentialGapOptions? options = null, IEnumerable<string>? suppressed = null)
    {
        var all = Guard.NoNulls(assessments, "Assessment");
        ArgumentNullException.ThrowIfNull(demographics);
        Guard.NotBlank(attribute);
        options = (options ?? new PotentialGapOptions()).Validated();

        var records = all.Any(a => a.IsScored && a.Performance is not null && demographics.CategoryOf(a.Person, attribute) is not null);
        var people = all
            .Select(a => (Group: demographics.CategoryOf(a.Person, attribute), Readiness: a.Index, Performance: records ? a.Performance : a.PerformanceIndex))
            .Where(p => p.Group is not null && p.Readiness is not null && p.Performance is not null)
            .Select(p => (Group: p.Group!, Readiness: p.Readiness!.Value, Performance: p.Performance!.Value))
            .ToArray();
        var names = people.Select(p => p.Group).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToArray();
        var label = people.Select(p => Array.FindIndex(names, n => string.Equals(n, p.Group, StringComparison.OrdinalIgnoreCase))).ToArray();

        var readiness = Standardised([.. people.Select(p => p.Readiness)]);
        var performance = Standardised([.. people.Select(p => p.Performance)]);
        var slope = performance.Length < 2 ? 0 : readiness.Zip(performance, (r, x) => r * x).Sum() / Math.Max(1, performance.Sum(x => x * x));
        var residual = readiness.Select((r, i) => r - (slope * performance[i])).ToArray();

        var size = new int[names.Length];
        foreach (var g in label)
        {
            size[g]++;
        }

        var hidden = new HashSet<string>(suppressed ?? [], StringComparer.OrdinalIgnoreCase);
        var tested = Enumerable.Range(0, names.Length).Where(g => size[g] >= options.MinimumGroupSize && !hidden.Contains(names[g])).ToArray();
        var (observed, omnibus) = Statistics(label, residual, size, tested);
        double?[] p = new double?[names.Length], adjusted = new double?[names.Length];
        double? omnibusP = null;
        if (tested.Length >= 2)
        {
            var random = new Random(options.Seed);
            var shuffled = (int[])label.Clone();
            var (beyond, beyondMax, beyondOmnibus) = (new int[names.Length], new int[names.Length], 0);
            for (var b = 0; b < options.Permutations; b++)
            {
                random.Shuffle(shuffled);
                var (t, f) = Statistics(shuffled, residual, size, tested);
                var max = tested.Max(g => Math.Abs(t[g]));
                beyondOmnibus += f >= omnibus * (1 - 1e-12) ? 1 : 0;
                foreach (var g in tested)
                {
                    beyond[g] += Math.Abs(t[g]) >= Math.Abs(observed[g]) * (1 - 1e-12) ? 1 : 0;
                    beyondMax[g] += max >= Math.Abs(observed[g]) * (1 - 1e-12) ? 1 : 0;
                }
            }

            var draws = options.Permutations + 1.0;
            omnibusP = (1 + beyondOmnibus) / draws;
            foreach (var g in tested)
            {
                (p[g], adjusted[g]) = ((1 + beyond[g]) / draws, (1 + beyondMax[g]) / draws);
            }
        }

        var groups = Enumerable.Range(0, names.Length).Select(g =>
        {
            if (hidden.Contains(names[g]))
            {
                return new PotentialGapGroup(names[g], null, null, null, null, null, null);
            }

            var members = Enumerable.Range(0, label.Length).Where(i => label[i] == g).ToArray();
            return new PotentialGapGroup(names[g], size[g], members.Average(i => performance[i]), members.Average(i => readiness[i]), members.Average(i => residual[i]), p[g], adjusted[g]);
        });
        return new PotentialGapResult(attribute.Trim(), options, records, slope, [.. groups], omnibusP, all.Length - people.Length);
    }

    /// <summary>
    /// Each tested group's standardised gap (its mean residual over the residuals' standard error for a group of its size)
    /// and the between-group sum of squares n_g·mean_g² over the tested groups.
    /// </summary>
    private static (double[] T, double Between) Statistics(int[] label, double[] residual, int[] size, int[] tested)
    {
        var sum = new double[size.Length];
        for (var i = 0; i < label.Length; i++)
        {
            sum[label[i]] += residual[i];
        }

        var sd = Math.Sqrt(residual.Sum(r => r * r) / Math.Max(1, residual.Length - 1));
        var t = new double[size.Length];
        var between = 0.0;
        foreach (var g in tested)
        {
            var mean = sum[g] / size[g];
            t[g] = sd > 0 ? mean / (sd / Math.Sqrt(size[g])) : 0;
            between += size[g] * mean * mean;
        }

        return (t, between);
    }

    /// <summary>z-scores (population mean and sample standard deviation); all 0 when nothing varies.</summary>
    private static double[] Standardised(double[] values)
    {
        if (values.Length == 0)
        {
            return values;
        }

        var mean = values.Average();
        var sd = values.Length < 2 ? 0 : Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
        return [.. values.Select(v => sd > 0 ? (v - mean) / sd : 0)];
    }
}
