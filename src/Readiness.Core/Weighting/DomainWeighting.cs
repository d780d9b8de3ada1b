using Readiness.Competencies;
using Readiness.Internal;

namespace Readiness.Weighting;

/// <summary>
/// Two-level weighting: first how much the role rests on leadership versus individual performance, then how the
/// competencies share each domain's weight. Final weight = domain weight × weight within the domain.
/// </summary>
/// <example>
/// <code>
/// var weights = DomainWeighting.Combine(model, leadershipShare: 0.85,
///     leadership: new PairwiseWeighting().Weigh(leadershipComparisons),
///     individualPerformance: new EqualWeighting().Weigh(["delivers-results", "quality-of-work"]));
/// var profile = LeadershipFramework.FirstLineManager.WithWeights(weights);
/// </code>
/// </example>
public static class DomainWeighting
{
    /// <summary>Combines domain weights with within-domain weights.</summary>
    /// <param name="model">The model that says which domain each competency belongs to.</param>
    /// <param name="leadershipShare">The leadership domain's weight in [0, 1]; individual performance gets the rest.</param>
    /// <param name="leadership">Weights within the leadership domain; every id a leadership competency of the model.</param>
    /// <param name="individualPerformance">Weights within individual performance; every id an individual-performance competency.</param>
    /// <returns>The final weights, in model order, summing to 1.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="leadershipShare"/> is outside [0, 1] or NaN.</exception>
    /// <exception cref="ReadinessValidationException">A weighted id is not a competency of the model or is in the other domain.</exception>
    public static CompetencyWeights Combine(CompetencyModel model, double leadershipShare, CompetencyWeights leadership, CompetencyWeights individualPerformance)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(leadership);
        ArgumentNullException.ThrowIfNull(individualPerformance);
        Guard.InRange(leadershipShare, 0, 1);

        var errors = new List<ValidationError>();
        Check(model, leadership, CompetencyDomain.Leadership, nameof(leadership), errors);
        Check(model, individualPerformance, CompetencyDomain.IndividualPerformance, nameof(individualPerformance), errors);
        if (errors.Count > 0)
        {
            throw new ReadinessValidationException("domain weighting", errors);
        }

        var ids = new List<string>();
        var values = new List<double>();
        foreach (var competency in model.Competencies)
        {
            var (within, share) = competency.Domain == CompetencyDomain.Leadership
                ? (leadership, leadershipShare)
                : (individualPerformance, 1 - leadershipShare);
            if (within.TryGetWeight(competency.Id.Value, out var weight))
            {
                ids.Add(competency.Id.Value);
                values.Add(share * weight.Fraction);
            }
        }

        return CompetencyWeights.Normalise([.. ids], values);
    }

    private static void Check(CompetencyModel model, CompetencyWeights weights, CompetencyDomain domain, string name, List<ValidationError> errors)
    {
        foreach (var id in weights.CompetencyIds)
        {
            if (!model.TryGetCompetency(id, out var competency))
            {
                errors.Add(new($"{name}[{id}]", $"'{id}' is not a competency of model '{model.Id}'"));
            }
            else if (competency.Domain != domain)
            {
                errors.Add(new($"{name}[{id}]", $"'{id}' is a {competency.Domain} competency; it cannot be weighted within {domain}"));
            }
        }
    }
}
