using System.Collections.Immutable;
using Readiness.Internal;

namespace Readiness.Talent;

/// <summary>
/// A talent review in one object, for a UI or a report to render: the 9-box, the slates and the bench by role, the plans,
/// and the same by person. <see cref="Serialization.ReadinessJson.Write(TalentPipeline)"/> writes it as JSON.
/// </summary>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed class TalentPipeline
{
    private TalentPipeline(DateOnly date, NineBox nineBox, ImmutableArray<SuccessionSlate> slates, BenchStrength bench, ImmutableArray<DevelopmentPlan> plans, ImmutableArray<PersonSummary> people)
    {
        Date = date;
        NineBox = nineBox;
        Slates = slates;
        Bench = bench;
        Plans = plans;
        People = people;
    }

    /// <summary>Gets the review's date.</summary>
    public DateOnly Date { get; }

    /// <summary>Gets the 9-box.</summary>
    public NineBox NineBox { get; }

    /// <summary>Gets the slates, one per role.</summary>
    public ImmutableArray<SuccessionSlate> Slates { get; }

    /// <summary>Gets the bench strength behind the slates.</summary>
    public BenchStrength Bench { get; }

    /// <summary>Gets the development plans.</summary>
    public ImmutableArray<DevelopmentPlan> Plans { get; }

    /// <summary>Gets everyone the review mentions, by id: their box, slates and plans.</summary>
    public ImmutableArray<PersonSummary> People { get; }

    /// <summary>Assembles a review.</summary>
    /// <param name="date">The review's date.</param>
    /// <param name="nineBox">The 9-box.</param>
    /// <param name="slates">One slate per role.</param>
    /// <param name="plans">Development plans.</param>
    /// <returns>The review, with the bench measured from the slates.</returns>
    /// <exception cref="ArgumentException">A slate or plan is null, or two slates are for one role.</exception>
    public static TalentPipeline Create(DateOnly date, NineBox nineBox, IEnumerable<SuccessionSlate> slates, IEnumerable<DevelopmentPlan> plans)
    {
        ArgumentNullException.ThrowIfNull(nineBox);
        ArgumentNullException.ThrowIfNull(slates);
        var slateList = slates.ToImmutableArray();
        var bench = BenchStrength.Measure(slateList);
        var planList = Guard.NoNulls(plans, "Plan").ToImmutableArray();

        var placements = nineBox.Placements.ToDictionary(p => p.Person);
        var onSlates = slateList.SelectMany(s => s.Entries.Select(e => new RoleSlateEntry(s.Role, e))).ToLookup(l => l.Entry.Person);
        var planned = planList.ToLookup(p => p.Person);
        var people = placements.Keys.Concat(onSlates.Select(g => g.Key)).Concat(planned.Select(g => g.Key)).Distinct().Order()
            .Select(id => new PersonSummary(id, placements.GetValueOrDefault(id), [.. onSlates[id]], [.. planned[id]]))
            .ToImmutableArray();
        return new TalentPipeline(date, nineBox, slateList, bench, planList, people);
    }
}
