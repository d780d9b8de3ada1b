using System.Collections.Immutable;
using Readiness.Competencies;
using Readiness.Evidence;
using Readiness.Fairness;
using Readiness.Internal;

namespace Readiness.Pipeline;

/// <summary>
/// What one run of <see cref="ReadinessPipeline"/> is given: the ratings (as taken in, with their intake report), the roles,
/// and whatever else there is — performance, demographic groups, later outcomes, people to leave off the slates, the
/// review date. Each optional input enables the steps that need it.
/// </summary>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed class ReadinessRunInput
{
    /// <summary>Initialises the input with the ratings and the roles to score against.</summary>
    /// <param name="ratings">The ratings as taken in (<see cref="RatingSetBuilder.Build"/>): accepted ratings and the report of every row.</param>
    /// <param name="roles">One or more role profiles written for the ratings' competency model; the first is the 9-box's.</param>
    /// <exception cref="ArgumentNullException">An argument or a role is null.</exception>
    /// <exception cref="ArgumentException">No role is given; two roles share an id; a role asks for a competency the ratings' model does not have.</exception>
    public ReadinessRunInput(RatingIntake ratings, IEnumerable<RoleProfile> roles)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        ArgumentNullException.ThrowIfNull(roles);
        var list = roles.ToImmutableArray();
        if (list.IsEmpty)
        {
            throw new ArgumentException("roles was empty; a run needs at least one role profile to score against.", nameof(roles));
        }

        var ids = new HashSet<string>(IdRules.Comparer);
        var model = ratings.Ratings.Model;
        foreach (var role in list)
        {
            if (role is null)
            {
                throw new ArgumentNullException(nameof(roles), "roles held a null role profile.");
            }

            if (!ids.Add(role.Id))
            {
                throw new ArgumentException($"roles held the role profile '{role.Id}' twice; each role is scored once.", nameof(roles));
            }

            if (role.Requirements.FirstOrDefault(r => !model.TryGetCompetency(r.Competency.Id.Value, out _)) is { } foreign)
            {
                throw new ArgumentException(
                    $"role profile '{role.Id}' asks for competency '{foreign.Competency.Id}', which the ratings' model '{model.Id}' does not have; a role must be written for the model the ratings were read with.",
                    nameof(roles));
            }
        }

        Ratings = ratings;
        Roles = list;
    }

    /// <summary>Gets the ratings as taken in.</summary>
    public RatingIntake Ratings { get; }

    /// <summary>Gets the roles, the 9-box's first.</summary>
    public ImmutableArray<RoleProfile> Roles { get; }

    /// <summary>Gets individual performance records (the 9-box's performance axis); null: a competency-based performance index is used.</summary>
    public PerformanceSet? Performance { get; init; }

    /// <summary>Gets the review date development plans start from; null: no talent review (9-box, slates, bench, plans) is made.</summary>
    public DateOnly? ReviewDate { get; init; }

    /// <summary>Gets the people to leave off every slate, each with the reason; they are listed as excluded, never silently dropped.</summary>
    public ImmutableDictionary<RateeId, string> SlateExclusions { get; init; } = ImmutableDictionary<RateeId, string>.Empty;

    /// <summary>Gets the demographic groups, read only by the fairness audit; null: no audit.</summary>
    public Demographics? Demographics { get; init; }

    /// <summary>
    /// Gets the attributes audited, in the order reported (each alone, then all together when there are several); empty:
    /// every attribute of <see cref="Demographics"/>.
    /// </summary>
    public ImmutableArray<string> AuditAttributes { get; init; } = [];

    /// <summary>Gets later outcomes for the predictive-validity study; empty: no study.</summary>
    public ImmutableArray<OutcomeRecord> Outcomes { get; init; } = [];
}
