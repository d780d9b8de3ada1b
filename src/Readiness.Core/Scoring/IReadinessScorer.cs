using System.Collections.Immutable;
using Readiness.Competencies;

namespace Readiness.Scoring;

/// <summary>Scores candidates' readiness for a role.</summary>
/// <remarks>Implementations are stateless and safe to share as singletons.</remarks>
public interface IReadinessScorer
{
    /// <summary>Gets the options the scorer applies.</summary>
    ScoringOptions Options { get; }

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

    /// <summary>
    /// Scores a population held as dense matrices — the batch path: the same numbers as <see cref="Score"/> for candidates
    /// with sufficient evidence, without allocating per candidate.
    /// </summary>
    /// <param name="profile">The role profile.</param>
    /// <param name="estimates">Candidates × requirements, row-major, columns in the order of <see cref="RoleProfile.Requirements"/>.</param>
    /// <param name="standardErrors">The estimates' standard errors, same shape.</param>
    /// <param name="index">Receives each candidate's index.</param>
    /// <param name="lower">Receives the lower ends of the intervals.</param>
    /// <param name="upper">Receives the upper ends of the intervals.</param>
    /// <param name="bands">Receives the bands.</param>
    /// <exception cref="ArgumentNullException"><paramref name="profile"/> is null.</exception>
    /// <exception cref="ArgumentException">The shapes do not agree, or an estimate or standard error is not finite (or a standard error is negative); the message names the row and column.</exception>
    void ScoreBatch(
        RoleProfile profile,
        ReadOnlySpan<double> estimates,
        ReadOnlySpan<double> standardErrors,
        Span<double> index,
        Span<double> lower,
        Span<double> upper,
        Span<ReadinessBand> bands);

    /// <summary>
    /// The batch path over blocks of rows on several threads: the same numbers as <see cref="ScoreBatch"/>, bit for bit,
    /// whatever the degree of parallelism.
    /// </summary>
    /// <param name="profile">The role profile.</param>
    /// <param name="estimates">Candidates × requirements, row-major, columns in the order of <see cref="RoleProfile.Requirements"/>.</param>
    /// <param name="standardErrors">The estimates' standard errors, same shape.</param>
    /// <param name="index">Receives each candidate's index.</param>
    /// <param name="lower">Receives the lower ends of the intervals.</param>
    /// <param name="upper">Receives the upper ends of the intervals.</param>
    /// <param name="bands">Receives the bands.</param>
    /// <param name="maxDegreeOfParallelism">At most this many threads; -1 (the default) for one per processor.</param>
    /// <exception cref="ArgumentNullException"><paramref name="profile"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDegreeOfParallelism"/> is 0 or below −1.</exception>
    /// <exception cref="ArgumentException">The shapes do not agree, or a number is bad; the message names the lowest bad row's cell.</exception>
    void ScoreBatchParallel(
        RoleProfile profile,
        ReadOnlyMemory<double> estimates,
        ReadOnlyMemory<double> standardErrors,
        Memory<double> index,
        Memory<double> lower,
        Memory<double> upper,
        Memory<ReadinessBand> bands,
        int maxDegreeOfParallelism = -1);
}
