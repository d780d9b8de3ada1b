using System.Collections.Immutable;
using Readiness.Internal;
using Readiness.Scoring;

namespace Readiness.Talent;

/// <summary>
/// Bench strength across roles: successors per role by band, the roles without a ready-now successor, and the people
/// counted on several benches.
/// </summary>
/// <remarks>
/// A role whose only ready-now successor is also the only one for another role is covered once, not twice:
/// <see cref="DistinctReadyNow"/> counts people, not slate lines, and <see cref="Shared"/> names them.
/// </remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed class BenchStrength
{
    private BenchStrength(ImmutableArray<RoleBench> roles, ImmutableArray<SharedSuccessor> shared, int distinctReadyNow)
    {
        Roles = roles;
        Shared = shared;
        DistinctReadyNow = distinctReadyNow;
    }

    /// <summary>Gets the bench per role, in the order the slates were given.</summary>
    public ImmutableArray<RoleBench> Roles { get; }

    /// <summary>Gets the roles without a successor ready now.</summary>
    public ImmutableArray<string> Uncovered => [.. Roles.Where(r => !r.Covered).Select(r => r.Role)];

    /// <summary>Gets the people on more than one slate, the most-named first (ties by id).</summary>
    public ImmutableArray<SharedSuccessor> Shared { get; }

    /// <summary>Gets the number of different people ready now for at least one role.</summary>
    public int DistinctReadyNow { get; }

    /// <summary>Measures the bench behind a set of roles from their slates.</summary>
    /// <param name="slates">One slate per role.</param>
    /// <returns>The bench strength.</returns>
    /// <exception cref="ArgumentException">A slate is null, or two slates are for the same role.</exception>
    public static BenchStrength Measure(IEnumerable<SuccessionSlate> slates)
    {
        var all = Guard.NoNulls(slates, "Slate");

        if (all.GroupBy(s => s.Role, IdRules.Comparer).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"Role '{twice.Key}' has {twice.Count()} slates; give one per role.", nameof(slates));
        }

        var roles = all.Select(s => new RoleBench(
                s.Role,
                s.Entries.Count(e => e.Band == ReadinessBand.ReadyNow),
                s.Entries.Count(e => e.Band == ReadinessBand.ReadyIn1To2Years),
                s.Entries.Count(e => e.Band == ReadinessBand.ReadyIn3PlusYears),
                s.Entries.Count(e => e.Band == ReadinessBand.NotOnLeadershipTrack)))
            .ToImmutableArray();
        var lines = all.SelectMany(s => s.Entries.Select(e => (s.Role, e.Person, e.Band))).ToArray();
        var shared = lines.GroupBy(l => l.Person)
            .Where(g => g.Count() > 1)
            .Select(g => new SharedSuccessor(g.Key, [.. g.Select(l => l.Role)], g.Count(l => l.Band == ReadinessBand.ReadyNow)))
            .OrderByDescending(s => s.Roles.Length).ThenBy(s => s.Person)
            .ToImmutableArray();
        var distinct = lines.Where(l => l.Band == ReadinessBand.ReadyNow).Select(l => l.Person).Distinct().Count();
        return new BenchStrength(roles, shared, distinct);
    }
}
