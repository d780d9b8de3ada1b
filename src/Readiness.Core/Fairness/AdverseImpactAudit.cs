using System.Collections.Immutable;
using MathNet.Numerics.Distributions;
using Readiness.Fairness.Internal;
using Readiness.Internal;

namespace Readiness.Fairness;

/// <summary>
/// An adverse-impact audit of one outcome across the groups of one or more demographic attributes (several attributes
/// give their intersections): counts, selection rates, impact ratios against the most-selected group with their
/// intervals, the four-fifths flag, and tests with stated error rates — the table the EEOC Uniform Guidelines and New
/// York City's Local Law 144 bias audits report, with the error control an opposing expert would ask for.
/// </summary>
/// <remarks>
/// <para>
/// The reference group is the compared group with the highest selection rate, as Local Law 144 defines the impact ratio
/// (ties: the larger group, then the name); every group at that rate has impact ratio 1. Groups under
/// <see cref="AuditOptions.MinimumShare"/> are shown but not compared. Groups under
/// <see cref="AuditOptions.MinimumCellSize"/> (in people, selected or not selected) are suppressed — no numbers at all —
/// together with whatever other groups would let them be recovered by subtraction, in this table and, through
/// <see cref="RunTogether"/>, in every table written with it. People without a category on an audited attribute are
/// counted in <see cref="MissingDemographics"/>, not silently dropped.
/// </para>
/// <para>
/// The tests, in the order to read them: <see cref="Omnibus"/>, the Fisher–Freeman–Halton exact test of whether selection
/// depends on the group at all; then each group against the reference by Fisher's exact test (two-sided, as R's
/// <c>fisher.test</c>), whose p-value <see cref="GroupRate.AdjustedP"/> is adjusted — by shuffling the group labels,
/// choosing the reference again in every shuffle and keeping the smallest p-value (Westfall and Young's single-step
/// minP) — so that, when no group differs, the chance of any adjusted p-value below α is at most α however many groups
/// there are and although the reference was chosen for being the most selected. The unadjusted Fisher p-value and the
/// pooled two-proportion z-test are kept for comparison with other tools. Demographic data is read only here.
/// </para>
/// </remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed class AdverseImpactAudit
{
    private AdverseImpactAudit(string outcome, ImmutableArray<string> attributes, AuditOptions options, ImmutableArray<GroupRate> groups, OmnibusTest? omnibus, int audited, int missing, int notScored)
    {
        Omnibus = omnibus;
        Outcome = outcome;
        Attributes = attributes;
        Options = options;
        Groups = groups;
        Audited = audited;
        MissingDemographics = missing;
        NotScored = notScored;
    }

    /// <summary>Gets the outcome audited, in words.</summary>
    public string Outcome { get; }

    /// <summary>Gets the attributes whose categories (or their intersections) form the groups.</summary>
    public ImmutableArray<string> Attributes { get; }

    /// <summary>Gets the options used.</summary>
    public AuditOptions Options { get; }

    /// <summary>Gets one row per group, ordered by group name.</summary>
    public ImmutableArray<GroupRate> Groups { get; }

    /// <summary>Gets the test of whether selection depends on the group at all; null when fewer than two groups are compared.</summary>
    public OmnibusTest? Omnibus { get; }

    /// <summary>Gets the people audited: those with a category on every attribute.</summary>
    public int Audited { get; }

    /// <summary>Gets the people left out for lacking a category on an audited attribute.</summary>
    public int MissingDemographics { get; }

    /// <summary>Gets the people the outcome left out because they were not scored.</summary>
    public int NotScored { get; }

    /// <summary>Gets the reference group's row (the first by name when several groups are identical to it), or null when no group is compared.</summary>
    public GroupRate? Reference => Groups.FirstOrDefault(g => g.Status == GroupStatus.Reference);

    /// <summary>Audits an outcome.</summary>
    /// <param name="outcome">Who was selected among whom.</param>
    /// <param name="demographics">The caller's demographic data.</param>
    /// <param name="attributes">One attribute, or several for their intersections.</param>
    /// <param name="options">The conventions; null for the defaults.</param>
    /// <returns>The audit.</returns>
    /// <exception cref="ArgumentException">No attribute, a blank or repeated one, or an option out of range (named, with its rule).</exception>
    public static AdverseImpactAudit Run(AuditOutcome outcome, Demographics demographics, IReadOnlyList<string> attributes, AuditOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(attributes);
        return RunTogether([outcome], demographics, [attributes], options)[0];
    }

    /// <summary>
    /// Audits several outcomes by several groupings — the tables a report publishes together, such as each attribute alone
    /// and their intersection, on two kinds of score — with suppression decided across all of them, so that no
    /// suppressed count can be recovered by combining one table with another. The outcomes are meant to cover the same
    /// people (two decisions about one cohort).
    /// </summary>
    /// <param name="outcomes">The outcomes, each audited by every grouping.</param>
    /// <param name="demographics">The caller's demographic data.</param>
    /// <param name="groupings">Each grouping: one attribute, or several for their intersections.</param>
    /// <param name="options">The conventions; null for the defaults.</param>
    /// <returns>One audit per outcome and grouping, outcome by outcome, each in the order of <paramref name="groupings"/>.</returns>
    /// <exception cref="ArgumentException">
    /// No outcome or grouping, a null one, a grouping without attributes or with a blank or repeated one, or an option out
    /// of range (named, with its rule).
    /// </exception>
    public static ImmutableArray<AdverseImpactAudit> RunTogether(IReadOnlyList<AuditOutcome> outcomes, Demographics demographics, IReadOnlyList<IReadOnlyList<string>> groupings, AuditOptions? options = null)
    {
        var outcomeList = Guard.NoNulls(outcomes, "Outcome");
        ArgumentNullException.ThrowIfNull(demographics);
        var groupingList = Guard.NoNulls(groupings, "Grouping");
        options = (options ?? new AuditOptions()).Validated();
        if (outcomeList.Length == 0 || groupingList.Length == 0)
        {
            throw new ArgumentException("Audit one or more outcomes by one or more groupings.", outcomeList.Length == 0 ? nameof(outcomes) : nameof(groupings));
        }

        foreach (var attributes in groupingList)
        {
            if (attributes.Count == 0 || attributes.Any(string.IsNullOrWhiteSpace)
                || attributes.Select(a => a.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Count() != attributes.Count)
            {
                throw new ArgumentException("Audit by one or more distinct, non-blank attributes.", groupings.Count == 1 ? "attributes" : nameof(groupings));
            }
        }

        var all = groupingList.SelectMany(g => g).Select(a => a.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var tables = groupingList.Select(g => g.Select(a => Array.FindIndex(all, x => string.Equals(x, a.Trim(), StringComparison.OrdinalIgnoreCase))).ToArray()).ToArray();
        var finest = outcomeList.Select(o => FinestCells(o, demographics, all)).ToArray();
        var suppressed = Suppressed(finest, tables, options.MinimumCellSize);
        return [.. outcomeList.SelectMany((outcome, o) => tables.Select((table, t) => Build(outcome, [.. table.Select(a => all[a])], options, finest[o], table, suppressed[t])))];
    }

    /// <summary>Each combination of categories (null: unknown) on every attribute, with its people and selected.</summary>
    private static List<FinestCell> FinestCells(AuditOutcome outcome, Demographics demographics, string[] attributes)
    {
        var cells = new Dictionary<string, FinestCell>(StringComparer.OrdinalIgnoreCase);
        foreach (var decision in outcome.Decisions)
        {
            var categories = attributes.Select(a => demographics.CategoryOf(decision.Person, a)).ToArray();

            // U+0000 cannot be part of a category (Demographics refuses control characters), so it marks "unknown".
            var key = string.Join("\u001f", categories.Select(c => c ?? "\0"));
            if (!cells.TryGetValue(key, out var cell))
            {
                cells[key] = cell = new FinestCell(key, categories);
            }

            cell.People++;
            cell.Selected += decision.Selected ? 1 : 0;
        }

        return [.. cells.Values.OrderBy(c => c.Key, StringComparer.Ordinal)];
    }

    /// <summary>Per grouping, the groups to suppress: those under the minimum in any outcome, and what would give them away.</summary>
    private static HashSet<string>[] Suppressed(List<FinestCell>[] finest, int[][] tables, int minimum)
    {
        var primary = tables.Select(_ => new HashSet<string>(StringComparer.OrdinalIgnoreCase)).ToArray();
        foreach (var cells in finest)
        {
            for (var t = 0; t < tables.Length; t++)
            {
                primary[t].UnionWith(Tabulate(cells, tables[t]).Groups.Where(g => TooSmall(g.Value.People, g.Value.Selected, minimum)).Select(g => g.Key));
            }
        }

        if (primary.All(p => p.Count == 0))
        {
            return primary;
        }

        var union = finest.SelectMany(c => c).GroupBy(c => c.Key, StringComparer.Ordinal)
            .Select(g => (g.First().Categories, g.Max(c => c.People))).ToArray();
        var control = new DisclosureControl(union, tables);
        while (true)
        {
            var suppressed = control.Suppress(primary);
            var widened = false;
            foreach (var cells in finest)
            {
                for (var t = 0; t < tables.Length; t++)
                {
                    widened |= WidenUniformSuppression(Tabulate(cells, tables[t]).Groups, suppressed[t], primary[t]);
                }
            }

            if (!widened)
            {
                return suppressed;
            }
        }
    }

    /// <summary>
    /// When no one (or everyone) in a table's suppressed groups was selected, their total — known by subtraction — says
    /// so of each of them: the smallest shown group that breaks the uniformity is suppressed too (every one tied).
    /// </summary>
    private static bool WidenUniformSuppression(Dictionary<string, (string[] Categories, int People, int Selected)> groups, HashSet<string> suppressed, HashSet<string> protect)
    {
        var hidden = groups.Where(g => suppressed.Contains(g.Key)).Select(g => g.Value).ToArray();
        var (people, selected) = (hidden.Sum(g => g.People), hidden.Sum(g => g.Selected));
        if (hidden.Length == 0 || (selected != 0 && selected != people))
        {
            return false;
        }

        var breakers = groups.Where(g => !suppressed.Contains(g.Key) && (selected == 0 ? g.Value.Selected > 0 : g.Value.Selected < g.Value.People)).ToArray();
        if (breakers.Length == 0)
        {
            return false;
        }

        var fewest = breakers.Min(g => g.Value.People);
        protect.UnionWith(breakers.Where(g => g.Value.People == fewest).Select(g => g.Key));
        return true;
    }

    private static bool TooSmall(int people, int selected, int minimum) =>
        people < minimum || selected is > 0 && selected < minimum || (people - selected) is > 0 && people - selected < minimum;

    private static (Dictionary<string, (string[] Categories, int People, int Selected)> Groups, int Missing) Tabulate(List<FinestCell> cells, int[] table)
    {
        var groups = new Dictionary<string, (string[] Categories, int People, int Selected)>(StringComparer.OrdinalIgnoreCase);
        var missing = 0;
        foreach (var cell in cells)
        {
            var categories = table.Select(a => cell.Categories[a]).ToArray();
            if (categories.Any(c => c is null))
            {
                missing += cell.People;
                continue;
            }

            var key = string.Join(" × ", categories);
            var found = groups.TryGetValue(key, out var g) ? g : ([.. categories.Select(c => c!)], 0, 0);
            groups[key] = (found.Categories, found.People + cell.People, found.Selected + cell.Selected);
        }

        return (groups, missing);
    }

    private static AdverseImpactAudit Build(AuditOutcome outcome, ImmutableArray<string> attributes, AuditOptions options, List<FinestCell> finest, int[] table, HashSet<string> suppressed)
    {
        var (cells, missing) = Tabulate(finest, table);
        var audited = cells.Values.Sum(c => c.People);
        var compared = cells.Where(c => !suppressed.Contains(c.Key) && c.Value.People >= options.MinimumShare * audited)
            .OrderBy(c => c.Key, StringComparer.Ordinal).ToArray();
        var sizes = compared.Select(c => c.Value.People).ToArray();
        var selections = compared.Select(c => c.Value.Selected).ToArray();
        var logFactorials = new LogFactorials(sizes.Sum());
        var permutations = new SelectionPermutations(sizes, selections, logFactorials);
        var reference = compared.Length == 0 ? -1 : SelectionPermutations.Reference(sizes, selections);
        var (refCount, refSelected) = reference < 0 ? (0, 0) : (sizes[reference], selections[reference]);
        var refRate = reference < 0 ? double.NaN : (double)refSelected / refCount;

        OmnibusTest? omnibus = null;
        var adjusted = new double?[compared.Length];
        if (compared.Length >= 2)
        {
            var exact = FreemanHaltonTest.Exact(sizes, selections, logFactorials);
            (var simulated, adjusted) = permutations.Run(options.Permutations, options.Seed);
            omnibus = exact is { } p ? new OmnibusTest(p, compared.Length, 0) : new OmnibusTest(simulated, compared.Length, options.Permutations);
        }

        var z = Normal.InvCDF(0, 1, 1 - (options.SignificanceLevel / 2));
        var groups = cells.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c =>
        {
            var (categories, count, selected) = c.Value;
            if (suppressed.Contains(c.Key))
            {
                return new GroupRate(c.Key, [.. categories], GroupStatus.Suppressed, null, null, null, null, null, null, null, null, null, null, null);
            }

            var rate = (double)selected / count;
            var at = Array.FindIndex(compared, x => x.Key == c.Key);
            if (at < 0)
            {
                return new GroupRate(c.Key, [.. categories], GroupStatus.ExcludedSmallShare, count, selected, rate, null, null, null, null, null, null, null, null);
            }

            // Every group at the top rate has ratio 1 exactly (division of equal numbers); the rest are below it.
            double? ratio = refRate > 0 ? rate / refRate : null;

            // A group identical to the reference (same size, same selections) is a reference too: which of them is named the
            // reference would otherwise be a matter of names.
            if (count == refCount && selected == refSelected)
            {
                return new GroupRate(c.Key, [.. categories], GroupStatus.Reference, count, selected, rate, ratio, null, null, ratio < options.ImpactRatioThreshold, null, null, null, null);
            }

            var (lower, upper) = ratio is null ? ((double?)null, (double?)null) : RatioInterval(selected, count, refSelected, refCount, z);
            var (zStatistic, zp) = ZTest(selected, count, refSelected, refCount);
            return new GroupRate(c.Key, [.. categories], GroupStatus.Compared, count, selected, rate, ratio, lower, upper, ratio < options.ImpactRatioThreshold,
                permutations.FisherP(at, reference, selections), adjusted[at], zStatistic, zp);
        }).ToImmutableArray();

        return new AdverseImpactAudit(outcome.Name, attributes, options, groups, omnibus, audited, missing, outcome.NotScored);
    }

    /// <summary>
    /// The log (Katz) interval of the ratio of two proportions, as <c>epitools::riskratio.wald</c> gives it; with no one
    /// selected in the group, its lower end is 0 and its upper end uses half a person added to every cell (Haldane).
    /// </summary>
    private static (double?, double?) RatioInterval(int selected, int count, int refSelected, int refCount, double z)
    {
        var (a, n1, c, n2) = selected == 0 ? (0.5, count + 1.0, refSelected + 0.5, refCount + 1.0) : (selected, count, refSelected, (double)refCount);
        var se = Math.Sqrt((1 / a) - (1 / n1) + (1 / c) - (1 / n2));
        var log = Math.Log(a / n1 / (c / n2));
        return (selected == 0 ? 0 : Math.Exp(log - (z * se)), Math.Exp(log + (z * se)));
    }

    /// <summary>Gets whether a compared group's difference from the reference is significant at the options' level by its adjusted p-value.</summary>
    /// <param name="group">A row of this audit.</param>
    /// <returns>True, false, or null when the group was not tested.</returns>
    public bool? IsSignificant(GroupRate group)
    {
        ArgumentNullException.ThrowIfNull(group);

        // Not `group.AdjustedP < level`: a lifted comparison with null is false, and an untested group is not "not significant".
        return group.AdjustedP is { } p ? p < Options.SignificanceLevel : null;
    }

    /// <summary>The pooled two-proportion z statistic and its two-sided p-value; undefined when the pooled rate is 0 or 1.</summary>
    private static (double? Z, double? P) ZTest(int selected, int count, int refSelected, int refCount)
    {
        var pooled = (double)(selected + refSelected) / (count + refCount);
        var se = Math.Sqrt(pooled * (1 - pooled) * ((1.0 / count) + (1.0 / refCount)));
        if (!(se > 0))
        {
            return (null, null);
        }

        var z = (((double)selected / count) - ((double)refSelected / refCount)) / se;
        return (z, UpperTail.TwoSided(z));
    }

    private sealed class FinestCell(string key, string?[] categories)
    {
        public string Key { get; } = key;

        public string?[] Categories { get; } = categories;

        public int People { get; set; }

        public int Selected { get; set; }
    }
}
