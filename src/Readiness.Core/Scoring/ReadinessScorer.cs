using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using MathNet.Numerics.Statistics;
using Readiness.Calibration;
using Readiness.Competencies;
using Readiness.Evidence;
using Readiness.Internal;
using Readiness.Scoring.Internal;

namespace Readiness.Scoring;

/// <summary>The readiness scorer: an explainable index with an interval, a band, gaps and flags, under a chosen policy.</summary>
/// <remarks>
/// <para>
/// The index is 100 when every requirement meets its target, and non-decreasing in every estimate. Under the
/// compensatory and hybrid policies it is 100 Σ w_j a_j with attainment a_j = (estimate − scale minimum) / (target − scale
/// minimum) clamped to [0, 1 + <see cref="ScoringOptions.OvershootCap"/>], so exceeding a target makes up for a gap
/// elsewhere only up to the cap, and the index goes above 100 (to at most 100 × (1 + cap)) only by overshoot: it is not
/// clamped at 100, so it keeps ordering people past the targets and its interval keeps its width until every requirement
/// is past its cap. The hybrid policy counts nothing for a competency below its critical minimum. Under the conjunctive
/// policy the index is 100 × the weakest attainment, at most 100. Contributions add up to the index.
/// </para>
/// <para>
/// The rule: ready now takes the ready-now index, at most the ready-now time to ready (each gap divided by its
/// competency's development rate, gaps closing in parallel) and no critical gap; a critical gap caps the band at
/// <see cref="ScoringOptions.CriticalGapBand"/> under every policy. The candidate's true levels are taken as normal
/// around the estimates with their standard errors and error correlations (<see cref="ReadinessCandidate.ErrorCorrelations"/>):
/// P(ready now) and P(ready within the near term) are the chances that the rule puts the true levels in those bands, and
/// by default (<see cref="BandBasis.Probability"/>) the band is the best one reached with at least
/// <see cref="ScoringOptions.BandConfidence"/> probability. Without correlations the errors are taken to move together
/// (a person's estimates share the person effect): the chances are then exact (the band only improves as the common error
/// grows: each condition of the rule holds from a threshold in the common error on, found in closed form), the interval
/// (default 90%) is the index at every estimate's interval end together, and the band is the band at every estimate's
/// Φ⁻¹(confidence) lower end. With correlations the chances and the interval come from 1,021 fixed quasi-Monte-Carlo draws. <see cref="BandBasis.PointEstimate"/> and
/// <see cref="BandBasis.LowerBound"/> decide the band on the estimates or their lower interval ends instead.
/// </para>
/// <para>
/// A candidate short of the evidence requirements (raters, sources, coverage of the profile's weight) is not scored; with
/// <see cref="ScoringOptions.MinimumCoverage"/> below 1 a requirement without an estimate counts as not attained. Full
/// attainment is recognised within 1e-9 (x/(target − min) can round to just below 1 at the target itself).
/// </para>
/// </remarks>
/// <threadsafety>Stateless apart from a cache of per-profile arithmetic; safe to share as a singleton.</threadsafety>
public sealed class ReadinessScorer : IReadinessScorer
{
    private readonly ConditionalWeakTable<RoleProfile, ProfileKernel> _kernels = [];
    private const int StackLimit = 256;

    /// <summary>Rows per block of the parallel batch: large enough that scheduling costs nothing, small enough to balance.</summary>
    private const int ParallelBlock = 16_384;
    private static readonly EvidenceCheck Sufficient = new(true, []);
    private readonly double _z;

    /// <summary>Creates a scorer.</summary>
    /// <param name="options">The options; null for the defaults.</param>
    /// <exception cref="ArgumentException">An option breaks its rule; the message names every one that does.</exception>
    public ReadinessScorer(ScoringOptions? options = null)
    {
        Options = (options ?? new ScoringOptions()).Validated();
        _z = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, 0.5 + (Options.IntervalLevel / 2));
    }

    /// <summary>Gets the options the scorer applies.</summary>
    public ScoringOptions Options { get; }

    /// <inheritdoc />
    public ReadinessAssessment Score(ReadinessCandidate candidate, RoleProfile profile)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(profile);
        var kernel = Kernel(profile);
        var k = kernel.Count;
        // Profiles are small; a very large one works on the heap rather than risk the stack.
        var small = k <= StackLimit;
        Span<double> x = small ? stackalloc double[k] : new double[k];
        Span<double> se = small ? stackalloc double[k] : new double[k];
        Span<bool> present = small ? stackalloc bool[k] : new bool[k];
        var matched = new CompetencyEstimate?[k];
        var coverage = Values(candidate, profile, x, se, present, matched);

        var evidence = CheckEvidence(candidate, profile, present, coverage);
        var signals = CandidateSignals(candidate);
        if (!evidence.IsSufficient)
        {
            var unscored = ImmutableArray.CreateBuilder<CompetencyScore>(k);
            for (var j = 0; j < k; j++)
            {
                var r = profile.Requirements[j];
                unscored.Add(new CompetencyScore(r.Competency.Id, r.Target, r.CriticalMinimum, r.Weight.Fraction,
                    present[j] ? x[j] : null, present[j] ? se[j] : null, null, null, null, present[j] && x[j] < kernel.Critical[j],
                    matched[j]?.IntervalAt(_z, profile.Model.Scale)));
            }

            return new ReadinessAssessment(candidate.Person, profile.Id, kernel.Policy, evidence, null, null, null, Options.IntervalLevel,
                ReadinessBand.InsufficientEvidence, null, unscored.MoveToImmutable(), null, candidate.Performance, signals);
        }

        Span<double> rate = small ? stackalloc double[k] : new double[k];
        Span<double> rateSe = small ? stackalloc double[k] : new double[k];
        Rates(candidate, profile, kernel, rate, rateSe);
        if (!candidate.DevelopmentRates.IsEmpty)
        {
            kernel = kernel.WithRates(rate);
        }

        var row = kernel.Score(x, se, _z);
        var correlation = CorrelationOf(candidate, profile, candidate.ErrorCorrelations);
        var (chances, lower, upper, band) = Joint(kernel, x, se, row, correlation);
        (lower, upper) = ConfidenceInterval(candidate, profile, kernel, matched, row.Index) ?? (lower, upper);
        Span<double> contributions = small ? stackalloc double[k] : new double[k];
        kernel.Contributions(x, row.Index, contributions);
        var scores = ImmutableArray.CreateBuilder<CompetencyScore>(k);
        for (var j = 0; j < k; j++)
        {
            var r = profile.Requirements[j];
            double? gap = present[j] ? Math.Max(0, r.Target - x[j]) : null;
            scores.Add(new CompetencyScore(r.Competency.Id, r.Target, r.CriticalMinimum, r.Weight.Fraction,
                present[j] ? x[j] : null, present[j] ? se[j] : null, gap, gap * kernel.YearsPerPoint[j], contributions[j], x[j] < kernel.Critical[j],
                matched[j]?.IntervalAt(_z, profile.Model.Scale)));
        }

        var performanceIndex = kernel.PerformanceIndex(x);
        // Under the probability basis the kernel's years and critical gaps are those of the band's end; the assessment
        // reports the estimates' own.
        var atEstimates = Options.BandBasis == BandBasis.Probability ? kernel.Score(x, small ? stackalloc double[k] : new double[k], 0) : row;
        return new ReadinessAssessment(candidate.Person, profile.Id, kernel.Policy, evidence, row.Index, lower, upper, Options.IntervalLevel, band,
            atEstimates.Years, scores.MoveToImmutable(), double.IsNaN(performanceIndex) ? null : performanceIndex, candidate.Performance,
            signals | (atEstimates.CriticalGap ? ReadinessSignals.CriticalGap : ReadinessSignals.None), chances, null,
            new JointEstimate(kernel, candidate.Person.Value, x.ToArray(), se.ToArray(), correlation),
            new TimeToReady(candidate.DevelopmentBasis, YearsAt(kernel, x, se, rate, rateSe, _z), YearsAt(kernel, x, se, rate, rateSe, -_z)));
    }

    /// <summary>
    /// The development rates in requirement order — the candidate's measured ones, the options' assumed rate where they have
    /// none — and their standard errors (0 for an assumed rate).
    /// </summary>
    private static void Rates(ReadinessCandidate candidate, RoleProfile profile, ProfileKernel kernel, Span<double> rate, Span<double> rateSe)
    {
        for (var j = 0; j < rate.Length; j++)
        {
            var id = profile.Requirements[j].Competency.Id;
            var own = candidate.DevelopmentRates.FirstOrDefault(r => r.Competency == id);
            (rate[j], rateSe[j]) = own is null ? (1 / kernel.YearsPerPoint[j], 0) : (own.Growth, own.StandardError);
        }
    }

    /// <summary>
    /// Years to ready with every estimate and rate moved z standard errors in the candidate's favour (z &lt; 0: against):
    /// the slowest gap to close, each gap over its rate (held at <see cref="ProfileKernel.SlowestRate"/> or above, as the
    /// kernel holds it).
    /// </summary>
    private static double YearsAt(ProfileKernel kernel, ReadOnlySpan<double> x, ReadOnlySpan<double> se, ReadOnlySpan<double> rate, ReadOnlySpan<double> rateSe, double z)
    {
        var years = 0.0;
        for (var j = 0; j < kernel.Count; j++)
        {
            var gap = kernel.Target[j] - (x[j] + (z * se[j]));
            if (gap <= 0)
            {
                continue;
            }

            var end = rate[j] + (z * rateSe[j]);
            years = Math.Max(years, gap / Math.Max(end, ProfileKernel.SlowestRate));
        }

        return years;
    }

    /// <summary>
    /// The candidate's estimates and standard errors in requirement order — a requirement without an estimate at the scale
    /// minimum with no error — which are present and the estimates themselves; returns the share of the profile's weight
    /// they cover.
    /// </summary>
    private static double Values(ReadinessCandidate candidate, RoleProfile profile, Span<double> x, Span<double> se, Span<bool> present, CompetencyEstimate?[] matched)
    {
        var minimum = (double)profile.Model.Scale.Minimum;
        var coverage = 0.0;
        for (var j = 0; j < x.Length; j++)
        {
            var requirement = profile.Requirements[j];
            matched[j] = candidate.FindEstimate(requirement.Competency.Id);
            if (matched[j] is { } e)
            {
                (x[j], se[j], present[j]) = (e.Estimate, e.StandardError, true);
                coverage += requirement.Weight.Fraction;
            }
            else
            {
                (x[j], se[j], present[j]) = (minimum, 0, false);
            }
        }

        return coverage;
    }

    /// <summary>
    /// Adds each scored candidate's rank in the cohort by <see cref="ReadinessAssessment.MostReadyFirst"/> (equal numbers
    /// sharing one) and the range of ranks their joint uncertainty allows, widened to hold the rank itself.
    /// </summary>
    private void AddCohortRanks(ReadinessAssessment[] assessments)
    {
        var scored = Enumerable.Range(0, assessments.Length).Where(i => assessments[i].IsScored).ToArray();
        if (scored.Length == 0)
        {
            return;
        }

        var ranges = CohortRanks.Ranges([.. scored.Select(i => assessments[i].Joint!)], Options.IntervalLevel);
        var order = Enumerable.Range(0, scored.Length).OrderBy(s => assessments[scored[s]], ReadinessAssessment.MostReadyFirst).ToArray();
        var rank = 0;
        for (var position = 0; position < order.Length; position++)
        {
            var a = assessments[scored[order[position]]];
            rank = position > 0 && ReadinessAssessment.SameReadiness(a, assessments[scored[order[position - 1]]]) ? rank : position + 1;
            var (low, high) = ranges[order[position]];
            assessments[scored[order[position]]] = a.WithRanks(new CohortRank(rank, Math.Min(low, rank), Math.Max(high, rank)));
        }
    }

    /// <summary>The error correlation of requirements i and j from the candidate's own, or null when it has none (errors then move together).</summary>
    private static Func<int, int, double>? CorrelationOf(ReadinessCandidate candidate, RoleProfile profile, EstimateCorrelations? correlations)
    {
        if (correlations is null)
        {
            return null;
        }

        var position = profile.Requirements.Select(r => candidate.PositionOf(r.Competency.Id.Value)).ToArray();

        // A requirement without an estimate has no error (standard error 0), so its correlation never matters.
        return (i, j) => position[i] < 0 || position[j] < 0 ? 0 : correlations[position[i], position[j]];
    }

    /// <summary>
    /// The index's confidence interval when the estimates were pulled toward a mean: the quantiles of the index over draws
    /// of the true levels around what the candidate's own evidence says (<see cref="CompetencyEstimate.Interval"/>'s centre
    /// and standard error, moving together as they do given the true levels), the window of those draws slid to hold the
    /// index itself where the equal-tailed one does not (<see cref="JointDraws.Window"/>). Null when
    /// no estimate was pulled or the conditional correlations are unknown; the interval is then the posterior one.
    /// </summary>
    /// <remarks>
    /// The posterior interval (draws around the shrunk estimates) is right on average over people, but for someone truly
    /// far from the mean it sits too close to the mean and misses them more often than it says; this one holds its coverage
    /// at every true level. The chances stay posterior: "P(ready now) = 0.7" is a statement about people like this one.
    /// </remarks>
    private (double Lower, double Upper)? ConfidenceInterval(ReadinessCandidate candidate, RoleProfile profile, ProfileKernel kernel, CompetencyEstimate?[] matched, double index)
    {
        if (candidate.ConditionalErrorCorrelations is not { } conditional || matched.All(e => e is null || e.Reliability == 1))
        {
            return null;
        }

        var k = kernel.Count;
        var (centre, spread) = (new double[k], new double[k]);
        for (var j = 0; j < k; j++)
        {
            (centre[j], spread[j]) = matched[j] is { } e
                ? (e.Unshrunk, e.UnshrunkStandardError)
                : (profile.Model.Scale.Minimum, 0);
        }

        var outcome = JointDraws.Simulate(kernel, centre, spread, CorrelationOf(candidate, profile, conditional), Options.IntervalLevel, index);
        return (outcome.Lower, outcome.Upper);
    }

    /// <summary>
    /// The chances, the interval and the band. Without error correlations the estimates are taken to move together: the
    /// chances are then exact, the interval is the index at every estimate's interval end together, and the probability
    /// basis's band is the band at every estimate's Φ⁻¹(confidence) lower end — the batch path's arithmetic. With them,
    /// the chances come from the joint draws and the interval from the quantiles of the index over the draws, slid to hold
    /// the index itself.
    /// </summary>
    private (ReadinessChances Chances, double Lower, double Upper, ReadinessBand Band) Joint(
        ProfileKernel kernel, ReadOnlySpan<double> x, ReadOnlySpan<double> se, ProfileKernel.Row row, Func<int, int, double>? correlation)
    {
        var (shortfall, surplus) = kernel.ExpectedGaps(x, se);
        var probability = Options.BandBasis == BandBasis.Probability;
        if (correlation is null)
        {
            var (readyNow, nearTerm) = kernel.ChancesTogether(x, se);
            return (new ReadinessChances(readyNow, nearTerm, shortfall, surplus), row.Lower, row.Upper, row.Band);
        }

        var outcome = JointDraws.Simulate(kernel, x, se, correlation, Options.IntervalLevel, row.Index);
        return (new ReadinessChances(outcome.ReadyNow, outcome.NearTerm, shortfall, surplus),
            outcome.Lower, outcome.Upper, probability ? ProbabilityBand(outcome) : row.Band);
    }

    /// <summary>The best band the true levels reach with at least <see cref="ScoringOptions.BandConfidence"/> probability.</summary>
    private ReadinessBand ProbabilityBand(JointDraws.Outcome outcome)
    {
        var c = Options.BandConfidence;
        return outcome.ReadyNow >= c ? ReadinessBand.ReadyNow
            : outcome.NearTerm >= c ? ReadinessBand.ReadyIn1To2Years
            : outcome.OnTrack >= c ? ReadinessBand.ReadyIn3PlusYears
            : ReadinessBand.NotOnLeadershipTrack;
    }

    /// <inheritdoc />
    public ImmutableArray<ReadinessAssessment> ScoreCohort(IEnumerable<ReadinessCandidate> candidates, RoleProfile profile)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(profile);
        var list = candidates.ToArray();
        var seen = new HashSet<RateeId>();
        foreach (var c in list)
        {
            ArgumentNullException.ThrowIfNull(c, nameof(candidates));
            if (!seen.Add(c.Person))
            {
                throw new ArgumentException($"Candidate {c.Person} appears twice in the cohort; each person must appear once.", nameof(candidates));
            }
        }

        var assessments = list.Select(c => Score(c, profile)).ToArray();
        AddCohortFlags(assessments);
        AddCohortRanks(assessments);
        return [.. assessments];
    }

    /// <summary>The cohort-relative flags: high performers low on readiness, and overlooked leaders.</summary>
    private void AddCohortFlags(ReadinessAssessment[] assessments)
    {
        var scored = assessments.Where(a => a.IsScored).ToArray();
        if (scored.Length < 4)
        {
            return;
        }

        // Performance is the separate measure when the cohort has one, else attainment on the role's individual-performance
        // requirements; either way it is compared with readiness, never mixed into it.
        var usesRecords = scored.Any(a => a.Performance is not null);
        double? PerformanceOf(ReadinessAssessment a) => usesRecords ? a.Performance : a.PerformanceIndex;
        var readiness = scored.Select(a => a.Index!.Value).ToArray();
        var performance = scored.Select(PerformanceOf).Where(p => p is not null).Select(p => p!.Value).ToArray();
        if (performance.Length < 4)
        {
            return;
        }

        var top = 1 - Options.CohortTopShare;
        var (readinessMedian, readinessTop) = (Statistics.QuantileCustom(readiness, 0.5, QuantileDefinition.R7), Statistics.QuantileCustom(readiness, top, QuantileDefinition.R7));
        var (performanceMedian, performanceTop) = (Statistics.QuantileCustom(performance, 0.5, QuantileDefinition.R7), Statistics.QuantileCustom(performance, top, QuantileDefinition.R7));
        for (var i = 0; i < assessments.Length; i++)
        {
            var a = assessments[i];
            var performanceOfA = a.IsScored ? PerformanceOf(a) : null;
            if (performanceOfA is null)
            {
                continue;
            }

            var p = performanceOfA.Value;

            var cohort = ReadinessSignals.None;
            if (p >= performanceTop && a.Index!.Value <= readinessMedian)
            {
                cohort |= ReadinessSignals.HighPerformerLowReadiness;
            }

            // An overlooked leader is one the bands call a leader too: a high index with a gap years from closing (the band
            // 3+ years or not on track) is not one.
            if (a.Index!.Value >= readinessTop && p <= performanceMedian && a.Band <= ReadinessBand.ReadyIn1To2Years)
            {
                cohort |= ReadinessSignals.OverlookedLeader;
            }

            assessments[i] = cohort == ReadinessSignals.None ? a : a.WithSignals(cohort);
        }
    }

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
    public void ScoreBatch(
        RoleProfile profile,
        ReadOnlySpan<double> estimates,
        ReadOnlySpan<double> standardErrors,
        Span<double> index,
        Span<double> lower,
        Span<double> upper,
        Span<ReadinessBand> bands) =>
        ScoreBatch(profile, estimates, standardErrors, index, lower, upper, bands, [], []);

    /// <summary>
    /// The batch path with each candidate's P(ready now) and P(ready within the near term) as well — the numbers
    /// <see cref="Score"/> gives a candidate without error correlations (each row's errors move together), exactly.
    /// </summary>
    /// <param name="profile">The role profile.</param>
    /// <param name="estimates">Candidates × requirements, row-major, columns in the order of <see cref="RoleProfile.Requirements"/>.</param>
    /// <param name="standardErrors">The estimates' standard errors, same shape.</param>
    /// <param name="index">Receives each candidate's index.</param>
    /// <param name="lower">Receives the lower ends of the intervals.</param>
    /// <param name="upper">Receives the upper ends of the intervals.</param>
    /// <param name="bands">Receives the bands.</param>
    /// <param name="probabilityReadyNow">Receives P(ready now); empty, with <paramref name="probabilityReadyNearTerm"/>, to skip the probabilities.</param>
    /// <param name="probabilityReadyNearTerm">Receives P(ready now or within the near term).</param>
    /// <exception cref="ArgumentNullException"><paramref name="profile"/> is null.</exception>
    /// <exception cref="ArgumentException">The shapes do not agree, or an estimate or standard error is not finite (or a standard error is negative); the message names the row and column.</exception>
    public void ScoreBatch(
        RoleProfile profile,
        ReadOnlySpan<double> estimates,
        ReadOnlySpan<double> standardErrors,
        Span<double> index,
        Span<double> lower,
        Span<double> upper,
        Span<ReadinessBand> bands,
        Span<double> probabilityReadyNow,
        Span<double> probabilityReadyNearTerm)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var kernel = Kernel(profile);
        CheckShapes(kernel.Count, estimates.Length, standardErrors.Length, index.Length, lower.Length, upper.Length, bands.Length);
        CheckChances(index.Length, probabilityReadyNow.Length, probabilityReadyNearTerm.Length);
        ScoreRows(kernel, profile, 0, estimates, standardErrors, index, lower, upper, bands, probabilityReadyNow, probabilityReadyNearTerm);
    }

    /// <summary>
    /// The batch path over blocks of rows on several threads: the same numbers as <see cref="ScoreBatch(RoleProfile, ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double}, Span{double}, Span{double}, Span{ReadinessBand})"/>, bit for bit,
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
    public void ScoreBatchParallel(
        RoleProfile profile,
        ReadOnlyMemory<double> estimates,
        ReadOnlyMemory<double> standardErrors,
        Memory<double> index,
        Memory<double> lower,
        Memory<double> upper,
        Memory<ReadinessBand> bands,
        int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (maxDegreeOfParallelism is 0 or < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism,
                $"maxDegreeOfParallelism was {maxDegreeOfParallelism}; it must be -1 (one per processor) or at least 1.");
        }

        var kernel = Kernel(profile);
        var k = kernel.Count;
        var n = index.Length;
        CheckShapes(k, estimates.Length, standardErrors.Length, n, lower.Length, upper.Length, bands.Length);

        // Rows are independent, so blocks of rows run on any thread with the same arithmetic: the numbers do not depend on
        // the degree of parallelism. A bad cell is reported for the lowest block that has one, whatever thread saw it first.
        var blocks = (n + ParallelBlock - 1) / ParallelBlock;
        var failures = new ArgumentException?[blocks];
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, b =>
        {
            var first = b * ParallelBlock;
            var rows = Math.Min(ParallelBlock, n - first);
            try
            {
                ScoreRows(kernel, profile, first,
                    estimates.Span.Slice(first * k, rows * k), standardErrors.Span.Slice(first * k, rows * k),
                    index.Span.Slice(first, rows), lower.Span.Slice(first, rows), upper.Span.Slice(first, rows), bands.Span.Slice(first, rows), [], []);
            }
            catch (ArgumentException e)
            {
                failures[b] = e;
            }
        });
        if (failures.FirstOrDefault(f => f is not null) is { } failure)
        {
            throw failure;
        }
    }

    private static void CheckShapes(int k, int estimates, int standardErrors, int n, int lower, int upper, int bands)
    {
        if (estimates != (long)n * k || standardErrors != estimates || lower != n || upper != n || bands != n)
        {
            throw new ArgumentException(
                $"Shapes disagree: {n} candidates and {k} requirements need {(long)n * k} estimates and standard errors and {n} outputs each; " +
                $"got {estimates} estimates, {standardErrors} standard errors, {lower} lower, {upper} upper, {bands} bands.",
                nameof(estimates));
        }
    }

    private static void CheckChances(int n, int probabilityReadyNow, int probabilityReadyNearTerm)
    {
        var skipped = probabilityReadyNow == 0 && probabilityReadyNearTerm == 0;
        if (!skipped && (probabilityReadyNow != n || probabilityReadyNearTerm != n))
        {
            throw new ArgumentException(
                $"Shapes disagree: {n} candidates need {n} probabilities of each kind (or none); got {probabilityReadyNow} for ready now and {probabilityReadyNearTerm} for the near term.",
                nameof(probabilityReadyNow));
        }
    }

    /// <summary>Scores consecutive rows, and their chances unless those outputs are empty; <paramref name="firstRow"/> numbers them in messages.</summary>
    private void ScoreRows(
        ProfileKernel kernel,
        RoleProfile profile,
        int firstRow,
        ReadOnlySpan<double> estimates,
        ReadOnlySpan<double> standardErrors,
        Span<double> index,
        Span<double> lower,
        Span<double> upper,
        Span<ReadinessBand> bands,
        Span<double> readyNow,
        Span<double> nearTerm)
    {
        var k = kernel.Count;
        var n = index.Length;

        // With chances, a block of rows at a time, so that their second pass reads rows still in cache: the estimates and
        // errors of a million candidates are hundreds of megabytes, and reading them twice from memory cost as much again.
        var block = readyNow.IsEmpty ? Math.Max(n, 1) : ChanceBlockRows;
        for (var start = 0; start < n; start += block)
        {
            var rows = Math.Min(block, n - start);
            var x = estimates.Slice(start * k, rows * k);
            var se = standardErrors.Slice(start * k, rows * k);
            var invalid = kernel.ScoreRows(x, se, _z, index.Slice(start, rows), lower.Slice(start, rows), upper.Slice(start, rows), bands.Slice(start, rows));
            if (invalid >= 0)
            {
                throw BadCell(profile, firstRow + start + invalid, x.Slice(invalid * k, k), se.Slice(invalid * k, k));
            }

            for (var i = 0; i < (readyNow.IsEmpty ? 0 : rows); i++)
            {
                (readyNow[start + i], nearTerm[start + i]) = kernel.ChancesTogether(x.Slice(i * k, k), se.Slice(i * k, k));
            }
        }
    }

    /// <summary>Rows scored before their chances: 256 rows of 14 requirements' estimates and errors are 57 KB, within a core's L2.</summary>
    private const int ChanceBlockRows = 256;

    /// <summary>The exception for the first bad cell of a row the kernel found invalid.</summary>
    private static ArgumentException BadCell(RoleProfile profile, int i, ReadOnlySpan<double> estimates, ReadOnlySpan<double> standardErrors)
    {
        var j = 0;
        while (j < estimates.Length - 1 && double.IsFinite(estimates[j]) && standardErrors[j] >= 0 && double.IsFinite(standardErrors[j]))
        {
            j++;
        }

        return new ArgumentException(
            $"Candidate row {i}, requirement {j} ('{profile.Requirements[j].Competency.Id}'): estimate {Guard.Format(estimates[j])} ± {Guard.Format(standardErrors[j])}; estimates must be finite with finite standard errors ≥ 0.",
            nameof(estimates));
    }

    private ProfileKernel Kernel(RoleProfile profile) =>
        _kernels.GetValue(profile, p => new ProfileKernel(p, Options.PolicyFor(p.Id), Options));

    private EvidenceCheck CheckEvidence(ReadinessCandidate candidate, RoleProfile profile, ReadOnlySpan<bool> present, double coverage)
    {
        // The common case, nothing missing, allocates nothing here.
        if (candidate.OtherRaters >= Options.MinimumRaters && candidate.Sources.Length >= Options.MinimumSources && coverage >= Options.MinimumCoverage - 1e-9)
        {
            return Sufficient;
        }

        var missing = ImmutableArray.CreateBuilder<string>();
        if (candidate.OtherRaters < Options.MinimumRaters)
        {
            missing.Add($"{candidate.OtherRaters} rater(s) other than the candidate; {Options.MinimumRaters} are needed.");
        }

        if (candidate.Sources.Length < Options.MinimumSources)
        {
            var sources = candidate.Sources.Length == 0 ? "none" : string.Join(", ", candidate.Sources.Select(WireText.Of));
            missing.Add($"{candidate.Sources.Length} source(s) other than self ({sources}); {Options.MinimumSources} are needed.");
        }

        // Weights sum to 1 within 1e-12, so a full profile's coverage may fall short of 1 by rounding.
        if (coverage < Options.MinimumCoverage - 1e-9)
        {
            var absent = new List<string>();
            for (var j = 0; j < present.Length; j++)
            {
                if (!present[j])
                {
                    absent.Add(profile.Requirements[j].Competency.Id.Value);
                }
            }

            missing.Add(string.Create(CultureInfo.InvariantCulture,
                $"No estimate for {string.Join(", ", absent)}: {coverage:P0} of the role's weight is covered; {Options.MinimumCoverage:P0} is needed."));
        }

        return new EvidenceCheck(missing.Count == 0, missing.ToImmutable());
    }

    private ReadinessSignals CandidateSignals(ReadinessCandidate candidate)
    {
        var signals = ReadinessSignals.None;
        if (candidate.SelfMinusOthers > Options.SelfInflationThreshold)
        {
            signals |= ReadinessSignals.SelfRatingAboveOthers;
        }

        if (candidate.RaterSpread > Options.RaterDisagreementThreshold)
        {
            signals |= ReadinessSignals.RatersDisagree;
        }

        return signals;
    }
}
