using System.Collections.Immutable;
using MathNet.Numerics.Statistics;
using Readiness.Internal;
using Readiness.Scoring;
using Readiness.Talent;

namespace Readiness.Fairness;

/// <summary>
/// The outcome an audit examines: who was selected among whom. Built from any decision the library produces — the band
/// "ready now", an index cut-off, the scoring rate (above the median), slate inclusion — or from the caller's own.
/// </summary>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed class AuditOutcome
{
    private AuditOutcome(string name, ImmutableArray<AuditDecision> decisions, int notScored)
    {
        Name = name;
        Decisions = decisions;
        NotScored = notScored;
    }

    /// <summary>Gets what the outcome is, in words.</summary>
    public string Name { get; }

    /// <summary>Gets one decision per person, ordered by person.</summary>
    public ImmutableArray<AuditDecision> Decisions { get; }

    /// <summary>Gets how many assessments were left out because they were not scored (reported, not audited).</summary>
    public int NotScored { get; }

    /// <summary>Creates an outcome from the caller's decisions.</summary>
    /// <param name="name">What the outcome is.</param>
    /// <param name="decisions">One decision per person.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="ArgumentException">The name is blank, or a person appears twice or has no id.</exception>
    public static AuditOutcome Create(string name, IEnumerable<AuditDecision> decisions) => Create(name, decisions, 0);

    /// <summary>Selected: the band is <see cref="ReadinessBand.ReadyNow"/>. Unscored assessments are counted in <see cref="NotScored"/>.</summary>
    /// <param name="assessments">A cohort's assessments.</param>
    /// <returns>The outcome.</returns>
    public static AuditOutcome ReadyNow(IEnumerable<ReadinessAssessment> assessments) =>
        FromScored("band ready now", assessments, (a, _) => a.Band == ReadinessBand.ReadyNow);

    /// <summary>Selected: the readiness index is at least <paramref name="cutoff"/>.</summary>
    /// <param name="assessments">A cohort's assessments.</param>
    /// <param name="cutoff">The cut-off, in [0, 100].</param>
    /// <returns>The outcome.</returns>
    public static AuditOutcome IndexAtLeast(IEnumerable<ReadinessAssessment> assessments, double cutoff)
    {
        Guard.InRange(cutoff, 0, 100);
        return FromScored($"readiness index at least {Guard.Format(cutoff)}", assessments, (a, _) => a.Index >= cutoff);
    }

    /// <summary>
    /// Selected: the readiness index is above the scored cohort's median — the "scoring rate" New York City's Local Law 144
    /// uses for tools that score rather than select.
    /// </summary>
    /// <param name="assessments">A cohort's assessments.</param>
    /// <returns>The outcome.</returns>
    public static AuditOutcome ScoringRate(IEnumerable<ReadinessAssessment> assessments) =>
        FromScored("readiness index above the median (scoring rate)", assessments, (a, median) => a.Index > median);

    /// <summary>Selected: named on the slate; everyone the slate left off (for any reason) is not selected.</summary>
    /// <param name="slate">The slate.</param>
    /// <returns>The outcome.</returns>
    public static AuditOutcome OnSlate(SuccessionSlate slate)
    {
        ArgumentNullException.ThrowIfNull(slate);
        return Create($"on the slate for {slate.Role}",
            slate.Entries.Select(e => new AuditDecision(e.Person, true)).Concat(slate.Excluded.Select(x => new AuditDecision(x.Person, false))));
    }

    private static AuditOutcome FromScored(string name, IEnumerable<ReadinessAssessment> assessments, Func<ReadinessAssessment, double, bool> selected)
    {
        var all = Guard.NoNulls(assessments, "Assessment");

        var scored = all.Where(a => a.IsScored).ToArray();
        var median = scored.Length == 0 ? double.NaN : Statistics.QuantileCustom(scored.Select(a => a.Index!.Value), 0.5, QuantileDefinition.R7);
        return Create(name, scored.Select(a => new AuditDecision(a.Person, selected(a, median))), all.Length - scored.Length);
    }

    private static AuditOutcome Create(string name, IEnumerable<AuditDecision> decisions, int notScored)
    {
        Guard.NotBlank(name);
        ArgumentNullException.ThrowIfNull(decisions);
        var list = decisions.OrderBy(d => d.Person).ToImmutableArray();
        if (list.Any(d => d.Person.IsEmpty))
        {
            throw new ArgumentException("A decision has no person.", nameof(decisions));
        }

        for (var i = 1; i < list.Length; i++)
        {
            if (list[i].Person == list[i - 1].Person)
            {
                throw new ArgumentException($"'{list[i].Person}' has more than one decision; an outcome holds one per person.", nameof(decisions));
            }
        }

        return new AuditOutcome(name, list, notScored);
    }
}
