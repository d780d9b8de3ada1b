using System.Collections.Immutable;
using Readiness.Calibration;
using Readiness.Evidence;
using Readiness.Internal;
using Readiness.Scoring.Internal;

namespace Readiness.Scoring;

/// <summary>A candidate's readiness for a role: the index with its interval, the band, the gaps and what explains them.</summary>
/// <remarks>
/// The index is 100 where the requirements meet their targets (above 100 only by capped overshoot);
/// <see cref="Competencies"/> says how each requirement contributes (the contributions add up to the index). A candidate whose evidence falls short is not
/// scored: <see cref="Index"/> is null, <see cref="Band"/> is <see cref="ReadinessBand.InsufficientEvidence"/>, and
/// <see cref="Evidence"/> says what is missing. Individual performance is reported beside readiness, never mixed into it
/// beyond the role profile's own weights.
/// </remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed class ReadinessAssessment
{
    /// <summary>The index's ceiling over every option: 100 × (1 + the largest overshoot cap, 1).</summary>
    private const double MaximumIndex = 200;

    internal ReadinessAssessment(
        RateeId person,
        string profileId,
        ScoringPolicy policy,
        EvidenceCheck evidence,
        double? index,
        double? lower,
        double? upper,
        double intervalLevel,
        ReadinessBand band,
        double? yearsToReady,
        ImmutableArray<CompetencyScore> competencies,
        double? performanceIndex,
        double? performance,
        ReadinessSignals signals,
        ReadinessChances? chances = null,
        CohortRank? ranks = null,
        JointEstimate? joint = null,
        TimeToReady? timeToReady = null)
    {
        _timeToReady = timeToReady;
        Chances = chances;
        Joint = joint;
        Ranks = ranks;
        Person = person;
        ProfileId = profileId;
        Policy = policy;
        Evidence = evidence;
        Index = index;
        Lower = lower;
        Upper = upper;
        IntervalLevel = intervalLevel;
        Band = band;
        YearsToReady = yearsToReady;
        Competencies = competencies;
        PerformanceIndex = performanceIndex;
        Performance = performance;
        Signals = signals;
    }

    /// <summary>
    /// Creates a scored assessment from a scorer of your own (an <see cref="IReadinessScorer"/> outside this library), so that
    /// slates, the nine-box, fairness audits and reports take it like a built-in one.
    /// </summary>
    /// <param name="person">The person.</param>
    /// <param name="profileId">The id of the role profile scored against.</param>
    /// <param name="policy">How the requirements were combined.</param>
    /// <param name="index">The readiness index, in [0, 200] (100 at the targets; above it only by capped overshoot).</param>
    /// <param name="lower">The lower end of its interval, in [0, <paramref name="index"/>].</param>
    /// <param name="upper">The upper end of its interval, in [<paramref name="index"/>, 200].</param>
    /// <param name="intervalLevel">The interval's coverage, in (0, 1).</param>
    /// <param name="band">The band; any but <see cref="ReadinessBand.InsufficientEvidence"/>.</param>
    /// <param name="yearsToReady">The years of development until every gap is closed (0 when none is open); slates rank by it.</param>
    /// <param name="competencies">One entry per requirement of the role, in the profile's order.</param>
    /// <param name="performanceIndex">Attainment on the role's individual-performance requirements, in [0, 200] (100 at their targets), if any.</param>
    /// <param name="performance">The candidate's individual-performance measure, if any.</param>
    /// <param name="signals">What a talent review should look at.</param>
    /// <returns>The assessment.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="profileId"/> or <paramref name="competencies"/> is null, or holds null.</exception>
    /// <exception cref="ArgumentException"><paramref name="profileId"/> is not a valid id, or a requirement's competency is not; <paramref name="competencies"/> is empty, names a competency twice, has weights that do not add up to 1, or contributions that do not add up to <paramref name="index"/> (give all or none).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number breaks its rule (the message names it), or <paramref name="policy"/>, <paramref name="band"/> or <paramref name="signals"/> is not one the enum defines.</exception>
    public static ReadinessAssessment Scored(
        RateeId person,
        string profileId,
        ScoringPolicy policy,
        double index,
        double lower,
        double upper,
        double intervalLevel,
        ReadinessBand band,
        double yearsToReady,
        IEnumerable<CompetencyScore> competencies,
        double? performanceIndex = null,
        double? performance = null,
        ReadinessSignals signals = ReadinessSignals.None)
    {
        CheckShared(profileId, policy, intervalLevel, performance, signals);
        Guard.InRange(index, 0, MaximumIndex, nameof(index));
        Guard.InRange(lower, 0, index, nameof(lower));
        Guard.InRange(upper, index, MaximumIndex, nameof(upper));
        if (band is ReadinessBand.InsufficientEvidence || !Enum.IsDefined(band))
        {
            throw new ArgumentOutOfRangeException(nameof(band), band, $"band was {band}; a scored assessment has one of ReadyNow, ReadyIn1To2Years, ReadyIn3PlusYears or NotOnLeadershipTrack (use NotScored for insufficient evidence).");
        }

        if (!(double.IsFinite(yearsToReady) && yearsToReady >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(yearsToReady), yearsToReady, $"yearsToReady was {Guard.Format(yearsToReady)}; it must be finite and at least 0.");
        }

        if (performanceIndex is { } attainment)
        {
            Guard.InRange(attainment, 0, MaximumIndex, nameof(performanceIndex));
        }

        var scores = Requirements(competencies);
        if (scores.IsEmpty)
        {
            throw new ArgumentException("competencies is empty; a scored assessment has one entry per requirement of the role.", nameof(competencies));
        }

        if (scores.Any(c => c.Contribution is not null))
        {
            var given = scores.Count(c => c.Contribution is not null);
            var sum = scores.Sum(c => c.Contribution ?? 0);
            if (given < scores.Length || Math.Abs(sum - index) > 1e-6 * Math.Max(1, index))
            {
                throw new ArgumentException(
                    $"The contributions ({given} of {scores.Length} given) add up to {Guard.Format(sum)}, not to the index {Guard.Format(index)}; give every requirement its contribution, adding up to the index, or give none.",
                    nameof(competencies));
            }
        }

        return new ReadinessAssessment(person, profileId, policy, new EvidenceCheck(true, []), index, lower, upper, intervalLevel, band,
            yearsToReady, scores, performanceIndex, performance, signals);
    }

    /// <summary>Creates the assessment of a candidate whose evidence falls short, from a scorer of your own: not scored, saying what is missing.</summary>
    /// <param name="person">The person.</param>
    /// <param name="profileId">The id of the role profile.</param>
    /// <param name="policy">The policy that would have combined the requirements.</param>
    /// <param name="missing">What is missing, one sentence each; at least one.</param>
    /// <param name="intervalLevel">The interval coverage the scorer uses, in (0, 1).</param>
    /// <param name="competencies">One entry per requirement of the role, in the profile's order (estimates where there are some).</param>
    /// <param name="performance">The candidate's individual-performance measure, if any.</param>
    /// <param name="signals">What a talent review should look at.</param>
    /// <returns>The assessment, with band <see cref="ReadinessBand.InsufficientEvidence"/> and no index.</returns>
    /// <exception cref="ArgumentNullException">An argument is null, or a collection holds null.</exception>
    /// <exception cref="ArgumentException"><paramref name="missing"/> is empty or holds an empty sentence, an id is not valid, or <paramref name="competencies"/> names a competency twice or has weights that do not add up to 1.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number or enum value breaks its rule.</exception>
    public static ReadinessAssessment NotScored(
        RateeId person,
        string profileId,
        ScoringPolicy policy,
        IEnumerable<string> missing,
        double intervalLevel,
        IEnumerable<CompetencyScore> competencies,
        double? performance = null,
        ReadinessSignals signals = ReadinessSignals.None)
    {
        CheckShared(profileId, policy, intervalLevel, performance, signals);
        ArgumentNullException.ThrowIfNull(missing);
        ImmutableArray<string> reasons = [.. missing];
        if (reasons.IsEmpty || reasons.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("missing must say what is missing: at least one sentence, none empty.", nameof(missing));
        }

        return new ReadinessAssessment(person, profileId, policy, new EvidenceCheck(false, reasons), null, null, null, intervalLevel,
            ReadinessBand.InsufficientEvidence, null, Requirements(competencies), null, performance, signals);
    }

    private static void CheckShared(string profileId, ScoringPolicy policy, double intervalLevel, double? performance, ReadinessSignals signals)
    {
        ArgumentNullException.ThrowIfNull(profileId);
        if (IdRules.Check(profileId) is { } problem)
        {
            throw new ArgumentException($"profileId {problem}.", nameof(profileId));
        }

        if (!Enum.IsDefined(policy))
        {
            throw new ArgumentOutOfRangeException(nameof(policy), policy, $"policy was {(int)policy}; it must be one the ScoringPolicy enum defines.");
        }

        if (!double.IsFinite(intervalLevel) || intervalLevel <= 0 || intervalLevel >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(intervalLevel), intervalLevel, $"intervalLevel was {intervalLevel}; it must lie strictly between 0 and 1.");
        }

        if (performance is { } measure && !double.IsFinite(measure))
        {
            throw new ArgumentOutOfRangeException(nameof(performance), measure, $"performance was {measure}; it must be finite (or null).");
        }

        const ReadinessSignals all = ReadinessSignals.CriticalGap | ReadinessSignals.SelfRatingAboveOthers | ReadinessSignals.RatersDisagree
            | ReadinessSignals.HighPerformerLowReadiness | ReadinessSignals.OverlookedLeader | ReadinessSignals.StyledRatersKept;
        if ((signals & ~all) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(signals), signals, $"signals was {(int)signals}; it may combine only the flags ReadinessSignals defines.");
        }
    }

    private static ImmutableArray<CompetencyScore> Requirements(IEnumerable<CompetencyScore> competencies)
    {
        ArgumentNullException.ThrowIfNull(competencies);
        ImmutableArray<CompetencyScore> scores = [.. competencies];
        for (var i = 0; i < scores.Length; i++)
        {
            if (scores[i] is null)
            {
                throw new ArgumentNullException(nameof(competencies), $"competencies[{i}] is null.");
            }

            if (IdRules.Check(scores[i].Competency.Value) is { } problem)
            {
                throw new ArgumentException($"competencies[{i}]: the competency {problem}.", nameof(competencies));
            }

            for (var j = 0; j < i; j++)
            {
                if (scores[j].Competency == scores[i].Competency)
                {
                    throw new ArgumentException($"competencies[{i}] repeats {scores[i].Competency} (competencies[{j}]); one entry per requirement of the role.", nameof(competencies));
                }
            }
        }

        var weights = scores.Sum(c => c.Weight);
        if (!scores.IsEmpty && Math.Abs(weights - 1) > 1e-6)
        {
            throw new ArgumentException($"The requirements' weights add up to {Guard.Format(weights)}; a role's weights add up to 1.", nameof(competencies));
        }

        return scores;
    }

    /// <summary>Gets the person.</summary>
    public RateeId Person { get; }

    /// <summary>Gets the id of the role profile scored against.</summary>
    public string ProfileId { get; }

    /// <summary>Gets the scoring policy used.</summary>
    public ScoringPolicy Policy { get; }

    /// <summary>Gets whether the evidence sufficed, and what is missing when it did not.</summary>
    public EvidenceCheck Evidence { get; }

    /// <summary>
    /// Gets the readiness index, or null when the candidate was not scored: 100 × the weighted attainment of the targets, so
    /// 100 at the targets and above 100 only by overshoot (capped per competency by <see cref="ScoringOptions.OvershootCap"/>,
    /// so at most 100 × (1 + cap) and never above 200).
    /// </summary>
    public double? Index { get; }

    /// <summary>Gets the lower end of the index's interval, or null.</summary>
    /// <remarks>
    /// A confidence interval for the index at the candidate's true levels, holding <see cref="IntervalLevel"/> whatever those
    /// levels are when the calibration gives each estimate's reliability (<see cref="CompetencyEstimate.Reliability"/>) and
    /// the candidate carries conditional correlations (the crossed model's do); otherwise the interval of the index over
    /// the estimates' joint uncertainty. It always holds <see cref="Index"/>.
    /// </remarks>
    public double? Lower { get; }

    /// <summary>Gets the upper end of the index's interval, or null.</summary>
    /// <remarks>See <see cref="Lower"/>.</remarks>
    public double? Upper { get; }

    /// <summary>Gets the interval's coverage, e.g. 0.90.</summary>
    public double IntervalLevel { get; }

    /// <summary>Gets the band.</summary>
    public ReadinessBand Band { get; }

    /// <summary>Gets the estimated years of development until every gap is closed (gaps close in parallel), or null when not scored.</summary>
    public double? YearsToReady { get; }

    /// <summary>
    /// Gets the lower end of the interval of <see cref="YearsToReady"/> (at <see cref="IntervalLevel"/>, every estimate
    /// and development rate at its favourable end), or null when not scored or when the scorer gives none.
    /// </summary>
    public double? YearsToReadyLower => _timeToReady?.Lower;

    /// <summary>
    /// Gets the upper end of the interval of <see cref="YearsToReady"/> (every estimate and rate at its unfavourable end),
    /// or null when not scored or when the scorer gives none. A measured rate below 0.001 points a year (no growth, or
    /// decline) counts as 0.001: a gap left at that rate reads as centuries, and the band as not on the leadership track.
    /// </summary>
    public double? YearsToReadyUpper => _timeToReady?.Upper;

    /// <summary>
    /// Gets what the development rates behind <see cref="YearsToReady"/> rest on: the person's own measured growth, the
    /// cohort's, or the options' assumed rates.
    /// </summary>
    public GrowthBasis DevelopmentBasis => _timeToReady?.Basis ?? GrowthBasis.Assumed;

    /// <summary>Gets one entry per requirement of the role, in the profile's order.</summary>
    public ImmutableArray<CompetencyScore> Competencies { get; }

    /// <summary>
    /// Gets attainment on the role's individual-performance requirements alone — 100 at their targets, above it by the
    /// options' capped overshoot as the readiness index is — or null when the role has none or they lack estimates.
    /// </summary>
    public double? PerformanceIndex { get; }

    /// <summary>Gets the candidate's individual-performance measure (performance records), when there is one.</summary>
    public double? Performance { get; }

    /// <summary>Gets what a talent review should look at.</summary>
    public ReadinessSignals Signals { get; }

    /// <summary>
    /// Gets P(ready now): the probability, under the joint uncertainty of the candidate's estimates, that their true
    /// levels meet the ready-now rule (index threshold, time to ready, no critical gap); null when not scored or when the
    /// scorer gives none.
    /// </summary>
    public double? ProbabilityReadyNow => Chances?.ReadyNow;

    /// <summary>Gets P(ready now or within the near term): the probability that the true levels put the candidate in <see cref="ReadinessBand.ReadyNow"/> or <see cref="ReadinessBand.ReadyIn1To2Years"/>; null when not scored or when the scorer gives none.</summary>
    public double? ProbabilityReadyNearTerm => Chances?.NearTerm;

    /// <summary>Gets the expected shortfall below the targets, in index points (0 only when every target is surely met); null when not scored or when the scorer gives none.</summary>
    /// <remarks>100 Σ w_j E[max(0, target_j − θ_j)] / (target_j − scale minimum) over the true levels θ. Unlike the index it never stops at a cap, so it keeps ordering candidates whose index is at its ceiling.</remarks>
    public double? ExpectedShortfall => Chances?.Shortfall;

    /// <summary>Gets the expected surplus above the targets, in index points, uncapped; null when not scored or when the scorer gives none.</summary>
    public double? ExpectedSurplus => Chances?.Surplus;

    /// <summary>Gets the candidate's rank in the cohort by <see cref="MostReadyFirst"/> (1 = most ready; equal numbers share a rank), or null outside a cohort or when not scored.</summary>
    public int? CohortRank => Ranks?.Rank;

    /// <summary>
    /// Gets the best rank in the cohort the candidate's true levels plausibly have: the low end of the central
    /// <see cref="IntervalLevel"/> interval of their rank when everyone's true profile is drawn from their estimates'
    /// joint uncertainty (widened to hold <see cref="CohortRank"/>); null outside a cohort or when not scored.
    /// </summary>
    public int? RankLow => Ranks?.Low;

    /// <summary>Gets the worst rank in the cohort the candidate's true levels plausibly have (see <see cref="RankLow"/>); null outside a cohort or when not scored.</summary>
    public int? RankHigh => Ranks?.High;

    private readonly TimeToReady? _timeToReady;

    /// <summary>Gets the rank and its range in the cohort, or null.</summary>
    internal CohortRank? Ranks { get; }

    /// <summary>Gets the probabilities and expected gaps together, or null.</summary>
    internal ReadinessChances? Chances { get; }

    /// <summary>Gets the estimates and their uncertainty as the built-in scorer scored them, or null (not scored, or a scorer of your own).</summary>
    internal JointEstimate? Joint { get; }

    /// <summary>
    /// Orders assessments most ready first: scored before not scored; then by band, best first (so a list cut short never
    /// drops a better band for a worse one); then by P(ready now), descending; then by P(ready within the near term),
    /// descending (a critical gap, which the shortfall does not weigh, counts there); then by expected shortfall, ascending;
    /// then by expected surplus, descending; then by the index; then by candidate id (so the order never depends on the
    /// input's). Ties remain only where the numbers tie.
    /// </summary>
    public static IComparer<ReadinessAssessment> MostReadyFirst { get; } = Comparer<ReadinessAssessment>.Create((a, b) =>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var order = b.IsScored.CompareTo(a.IsScored);
        order = order != 0 ? order : a.Band.CompareTo(b.Band);
        order = order != 0 ? order : Nullable.Compare(b.ProbabilityReadyNow, a.ProbabilityReadyNow);
        order = order != 0 ? order : Nullable.Compare(b.ProbabilityReadyNearTerm, a.ProbabilityReadyNearTerm);
        order = order != 0 ? order : (a.ExpectedShortfall ?? double.PositiveInfinity).CompareTo(b.ExpectedShortfall ?? double.PositiveInfinity);
        order = order != 0 ? order : Nullable.Compare(b.ExpectedSurplus, a.ExpectedSurplus);
        order = order != 0 ? order : Nullable.Compare(b.Index, a.Index);
        return order != 0 ? order : a.Person.CompareTo(b.Person);
    });

    /// <summary>Whether <see cref="MostReadyFirst"/> finds the two equal before it falls back on their ids.</summary>
    internal static bool SameReadiness(ReadinessAssessment a, ReadinessAssessment b) =>
        a.IsScored == b.IsScored && a.Band == b.Band && a.ProbabilityReadyNow == b.ProbabilityReadyNow
        && a.ProbabilityReadyNearTerm == b.ProbabilityReadyNearTerm && a.ExpectedShortfall == b.ExpectedShortfall
        && a.ExpectedSurplus == b.ExpectedSurplus && a.Index == b.Index;

    /// <summary>Gets a value indicating whether the candidate was scored.</summary>
    public bool IsScored => Index is not null;

    /// <summary>Returns the assessment with more signals.</summary>
    internal ReadinessAssessment WithSignals(ReadinessSignals signals) =>
        new(Person, ProfileId, Policy, Evidence, Index, Lower, Upper, IntervalLevel, Band, YearsToReady, Competencies, PerformanceIndex, Performance, Signals | signals, Chances, Ranks, Joint, _timeToReady);

    /// <summary>Returns the assessment with its rank in the cohort.</summary>
    internal ReadinessAssessment WithRanks(CohortRank ranks) =>
        new(Person, ProfileId, Policy, Evidence, Index, Lower, Upper, IntervalLevel, Band, YearsToReady, Competencies, PerformanceIndex, Performance, Signals, Chances, ranks, Joint, _timeToReady);

    /// <inheritdoc />
    public override string ToString() =>
        IsScored
            ? $"{Person} for {ProfileId}: {Index:0.0} [{Lower:0.0}, {Upper:0.0}], {Band}{(Signals == ReadinessSignals.None ? string.Empty : $" ({Signals})")}"
            : $"{Person} for {ProfileId}: not scored ({string.Join(" ", Evidence.Missing)})";
}
