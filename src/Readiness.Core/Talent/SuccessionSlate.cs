using System.Collections.Immutable;
using Readiness.Internal;
using Readiness.Scoring;

namespace Readiness.Talent;

/// <summary>
/// A succession slate for one role: successors ranked by readiness, with band, interval, key gaps and signals; everyone
/// left off is listed with the reason.
/// </summary>
/// <remarks>
/// Successors are ordered by <see cref="ReadinessAssessment.MostReadyFirst"/>: band, best first (a length limit never
/// drops a better band for a worse one), then P(ready now), P(ready within the near term), expected shortfall, expected
/// surplus, the index and the person's id, so the order is total and does not depend on the input order. A successor's
/// rank is their rank in the whole cohort the assessments were scored in (<see cref="ReadinessAssessment.CohortRank"/>;
/// people the caller excluded keep their places), with the range of ranks their evidence allows there (<see
/// cref="ReadinessAssessment.RankLow"/>–<see cref="ReadinessAssessment.RankHigh"/>), because a slate that ranks people
/// its evidence cannot tell apart should say so. Assessments scored one by one have no cohort rank: their place on the
/// slate is the rank, successors whose numbers are all equal sharing one, and the range counts the successors whose
/// intervals lie clearly above and below.
/// </remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed class SuccessionSlate
{
    private SuccessionSlate(string role, string? profileId, ImmutableArray<SlateEntry> entries, ImmutableArray<TalentExclusion> excluded)
    {
        Role = role;
        ProfileId = profileId;
        Entries = entries;
        Excluded = excluded;
    }

    /// <summary>Gets the role (position) the slate is for.</summary>
    public string Role { get; }

    /// <summary>Gets the role profile the candidates were assessed against, or null for an empty cohort.</summary>
    public string? ProfileId { get; }

    /// <summary>Gets the successors, best first.</summary>
    public ImmutableArray<SlateEntry> Entries { get; }

    /// <summary>Gets the people left off, with the reason.</summary>
    public ImmutableArray<TalentExclusion> Excluded { get; }

    /// <summary>Builds the slate for a role from a cohort's assessments against its profile.</summary>
    /// <param name="role">The role (position) name, e.g. "Team lead, payments".</param>
    /// <param name="assessments">The assessments, scored or not, one per person, against one role profile.</param>
    /// <param name="options">Exclusions, the lowest band, the length; null for the defaults.</param>
    /// <returns>The slate.</returns>
    /// <exception cref="ArgumentException">The role is blank, a person appears twice, the profiles differ, or an option breaks its rule.</exception>
    public static SuccessionSlate Build(string role, IEnumerable<ReadinessAssessment> assessments, SlateOptions? options = null)
    {
        Guard.NotBlank(role);
        ArgumentNullException.ThrowIfNull(assessments);
        options = (options ?? new SlateOptions()).Validated();

        var all = Cohort.Check(assessments, nameof(assessments));
        var excluded = ImmutableArray.CreateBuilder<TalentExclusion>();
        var eligible = new List<ReadinessAssessment>();
        foreach (var a in all.OrderBy(a => a.Person))
        {
            if (options.Exclude.TryGetValue(a.Person, out var why))
            {
                excluded.Add(new TalentExclusion(a.Person, ExclusionReason.ExcludedByCaller, why));
            }
            else if (!a.IsScored)
            {
                excluded.Add(new TalentExclusion(a.Person, ExclusionReason.InsufficientEvidence, string.Join(" ", a.Evidence.Missing)));
            }
            else if (a.Band > options.LowestBand)
            {
                excluded.Add(new TalentExclusion(a.Person, ExclusionReason.BandBelowSlate, $"band {ReadinessBandNames.Of(a.Band)} is below {ReadinessBandNames.Of(options.LowestBand)}"));
            }
            else
            {
                eligible.Add(a);
            }
        }

        var ranked = eligible.Order(ReadinessAssessment.MostReadyFirst).ToArray();
        var length = Math.Min(ranked.Length, options.MaxLength ?? int.MaxValue);
        foreach (var a in ranked.Skip(length))
        {
            excluded.Add(new TalentExclusion(a.Person, ExclusionReason.BeyondSlateLength, $"ranked below the slate's {length} places"));
        }

        var listed = ranked.Take(length).ToArray();
        var lowers = listed.Select(a => a.Lower!.Value).Order().ToArray();
        var uppers = listed.Select(a => a.Upper!.Value).Order().ToArray();
        var entries = ImmutableArray.CreateBuilder<SlateEntry>(length);
        for (var i = 0; i < listed.Length; i++)
        {
            var a = listed[i];
            var rank = a.CohortRank ?? (i > 0 && ReadinessAssessment.SameReadiness(a, listed[i - 1]) ? entries[i - 1].Rank : i + 1);

            // Outside a cohort, sorted interval ends count the successors clearly above (lower end above this upper end)
            // and clearly below, widened to hold the place itself.
            var best = a.RankLow ?? Math.Min(rank, 1 + (lowers.Length - SortedSearch.UpperBound(lowers, a.Upper!.Value)));
            var worst = a.RankHigh ?? Math.Max(rank, listed.Length - SortedSearch.LowerBound(uppers, a.Lower!.Value));
            entries.Add(new SlateEntry(rank, a.Person, a.Index!.Value, a.Lower!.Value, a.Upper!.Value, a.Band, a.YearsToReady!.Value,
                best, worst, [.. Cohort.Gaps(a).Take(options.KeyGaps).Select(c => c.Competency)], a.Signals)
            {
                ProbabilityReadyNow = a.ProbabilityReadyNow,
                ProbabilityReadyNearTerm = a.ProbabilityReadyNearTerm,
            });
        }

        return new SuccessionSlate(role, all.FirstOrDefault()?.ProfileId, entries.MoveToImmutable(), excluded.ToImmutable());
    }
}
