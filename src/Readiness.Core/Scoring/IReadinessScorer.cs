using System.Collections.Immutable;
using Readiness.Competencies;

namespace Readiness.Scoring;

/// <summary>Scores candidates' readiness for a role: one candidate, or a cohort.</summary>
/// <remarks>
/// Implementations are stateless and safe to share as singletons. <see cref="ReadinessScorer"/> is the built-in one (and
/// carries the batch paths over dense matrices); an implementation of your own builds its results with
/// <see cref="ReadinessAssessment.Scored"/> and <see cref="ReadinessAssessment.NotScored"/>.
/// </remarks>
public interface IReadinessScorer
{
    /// <summary>Scores one candidate against a role profile.</summary>
    /// <param name="candidate">The candidate.</param>
    /// <param name="profile">The role profile.</param>
    /// <returns>The assessment; not scored (and saying why) when the evidence falls short.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    ReadinessAssessment Score(ReadinessCandidate candidate, RoleProfile profile);

    /// <summary>Scores a cohort against a role profile, adding the cohort-relative flags.</summary>
    /// <param name="candidates">The cohort.</param>
    /// <param name="profile">The role profile.</param>
    /// <returns>One assessment per candidate, in the order given; each is the same whatever the order of the cohort.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A candidate appears twice.</exception>
    ImmutableArray<ReadinessAssessment> ScoreCohort(IEnumerable<ReadinessCandidate> candidates, RoleProfile profile);
}
