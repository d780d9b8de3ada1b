using System.Collections.Immutable;
using MathNet.Numerics.Distributions;

namespace Readiness.Fairness;

/// <summary>
/// An adverse-impact audit of one outcome across the groups of one or more demographic attributes (several attributes
/// give their intersections): counts, selection rates, impact ratios against the most-selected group, the four-fifths
/// flag, Fisher's exact test and the two-proportion z-test — the table the EEOC Uniform Guidelines and New York City's
/// Local Law 144 bias audits report.
/// </summary>
/// <remarks>
/// <para>
/// The reference group is the compared group with the highest selection rate (ties: the larger group, then the name);
/// every group at that rate has impact ratio 1. Groups under <see cref="AuditOptions.MinimumShare"/> are shown but not
/// compared; groups under <see cref="AuditOptions.MinimumCellSize"/> are suppressed — no numbers at all — and when only
/// one group of an audit would be suppressed, the smallest other group (every one tied for smallest) is suppressed with it, so the suppressed numbers
/// cannot be recovered by subtracting the others from the totals. People without a category on an audited attribute are
/// counted in <see cref="MissingDemographics"/>, not silently dropped.
/// </para>
/// <para>
/// The tests compare each group with the reference group on their 2 × 2 table of selected and not selected: Fisher's exact
/// test (two-sided, as R's <c>fisher.test</c>) and the pooled two-proportion z-test. Demographic data is read only here.
/// </para>
/// </remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed class AdverseImpactAudit
{
    private AdverseImpactAudit(string outcome, ImmutableArray<string> attributes, AuditOptions options, ImmutableArray<GroupRate> groups, int audited, int missing, int notScored)
    {
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
        ArgumentNullException.ThrowIfNull(demographics);
        ArgumentNullException.ThrowIfNull(attributes);
        options = (options ?? new AuditOptions()).Validated();
        if (attributes.Count == 0 || attributes.Any(string.IsNullOrWhiteSpace)
            || attributes.Distinct(StringComparer.OrdinalIgnoreCase).Count() != attributes.Count)
        {
            throw new ArgumentException("Audit by one or more distinct, non-blank attributes.", nameof(attributes));
        }

        var cells = new Dictionary<string, (string[] Categories, int Count, int Selected)>(StringComparer.OrdinalIgnoreCase);
        var missing = 0;
        foreach (var decision in outcome.Decisions)
        {
            var known = attributes.Select(a => demographics.CategoryOf(decision.Person, a)).ToArray();
            if (known.Any(c => c is null))
            {
                missing++;
                continue;
            }

            var categories = known.Select(c => c!).ToArray();

            var key = string.Join(" × ", categories);
            var cell = cells.TryGetValue(key, out var found) ? found : (categories, 0, 0);
            cells[key] = (cell.Item1, cell.Item2 + 1, cell.Item3 + (decision.Selected ? 1 : 0));
        }

        var audited = cells.Values.Sum(c => c.Count);
        var suppressed = cells.Where(c => c.Value.Count < options.MinimumCellSize).Select(c => c.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (suppressed.Count == 1 && cells.Count > 1)
        {
            // Every group tied for smallest goes with it: which one would be a matter of names, and names must not matter.
            var smallest = cells.Where(c => !suppressed.Contains(c.Key)).Min(c => c.Value.Count);
            suppressed.UnionWith(cells.Where(c => c.Value.Count == smallest).Select(c => c.Key));
        }

        var compared = cells.Where(c => !suppressed.Contains(c.Key) && c.Value.Count >= options.MinimumShare * audited).ToArray();
        var reference = compared.OrderByDescending(c => (double)c.Value.Selected / c.Value.Count).ThenByDescending(c => c.Value.Count).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => c.Key).FirstOrDefault();
        var (refCount, refSelected) = reference is null ? (0, 0) : (cells[reference].Count, cells[reference].Selected);
        var refRate = reference is null ? double.NaN : (double)refSelected / refCount;

        var groups = cells.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c =>
        {
            var (categories, count, selected) = c.Value;
            if (suppressed.Contains(c.Key))
            {
                return new GroupRate(c.Key, [.. categories], GroupStatus.Suppressed, null, null, null, null, null, null, null, null);
            }

            var rate = (double)selected / count;
            if (!compared.Any(x => x.Key == c.Key))
            {
                return new GroupRate(c.Key, [.. categories], GroupStatus.ExcludedSmallShare, count, selected, rate, null, null, null, null, null);
            }

            // Every group at the top rate has ratio 1 exactly (division of equal numbers); the rest are below it.
            double? ratio = refRate > 0 ? rate / refRate : null;
            // A group identical to the reference (same size, same selections) is a reference too: which of them is named the
            // reference would otherwise be a matter of names.
            var status = count == refCount && selected == refSelected ? GroupStatus.Reference : GroupStatus.Compared;
            if (status == GroupStatus.Reference)
            {
                return new GroupRate(c.Key, [.. categories], status, count, selected, rate, ratio, ratio < options.ImpactRatioThreshold, null, null, null);
            }

            var fisher = FisherExactTest.TwoSided(selected, count - selected, refSelected, refCount - refSelected);
            var (z, zp) = ZTest(selected, count, refSelected, refCount);
            return new GroupRate(c.Key, [.. categories], status, count, selected, rate, ratio, ratio < options.ImpactRatioThreshold, fisher, z, zp);
        }).ToImmutableArray();

        return new AdverseImpactAudit(outcome.Name, [.. attributes.Select(a => a.Trim())], options, groups, audited, missing, outcome.NotScored);
    }

    /// <summary>Gets whether a compared group's difference from the reference is significant by Fisher's exact test at the options' level.</summary>
    /// <param name="group">A row of this audit.</param>
    /// <returns>True, false, or null when the group was not tested.</returns>
    public bool? IsSignificant(GroupRate group)
    {
        ArgumentNullException.ThrowIfNull(group);

        // Not `group.FisherP < level`: a lifted comparison with null is false, and an untested group is not "not significant".
        return group.FisherP is { } p ? p < Options.SignificanceLevel : null;
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
        return (z, 2 * Normal.CDF(0, 1, -Math.Abs(z)));
    }
}
