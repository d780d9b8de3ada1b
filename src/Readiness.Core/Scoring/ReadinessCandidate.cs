using System.Collections.Immutable;
using MathNet.Numerics.Statistics;
using Readiness.Competencies;
using Readiness.Calibration;
using Readiness.Calibration.Internal;
using Readiness.Evidence;
using Readiness.Internal;

namespace Readiness.Scoring;

/// <summary>What is known about one candidate: calibrated competency estimates and the evidence behind them.</summary>
/// <remarks>
/// Usually built for a whole population by <see cref="FromCalibration"/>; the constructor serves callers with their own
/// estimates. Individual performance is a separate measure (performance records), never derived from the leadership ratings.
/// </remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed class ReadinessCandidate
{
    private readonly Dictionary<string, int> _byCompetency;

    /// <summary>Creates a candidate.</summary>
    /// <param name="person">The person.</param>
    /// <param name="estimates">Calibrated estimates, at most one per competency, all of this person.</param>
    /// <param name="otherRaters">How many distinct people other than the candidate rated them.</param>
    /// <param name="sources">The distinct sources other than self among those raters.</param>
    /// <param name="performance">The individual-performance measure, when there is one.</param>
    /// <param name="selfMinusOthers">Mean self-rating minus the estimates on the same competencies, when the candidate rated themselves.</param>
    /// <param name="raterSpread">The standard deviation of the other raters' mean ratings of the candidate, when there are two or more.</param>
    /// <param name="errorCorrelations">The correlations of the estimates' errors, in the order of <paramref name="estimates"/>; null when unknown (the scorer then takes the errors to move together).</param>
    /// <param name="conditionalErrorCorrelations">The correlations of the unshrunk estimates' errors given the candidate's true levels (<see cref="CalibrationResult.ConditionalErrorCorrelations"/>), in the same order; null when unknown (the index interval then rests on <paramref name="errorCorrelations"/> and the estimates as they are).</param>
    /// <exception cref="ArgumentNullException"><paramref name="estimates"/> or <paramref name="sources"/> is null.</exception>
    /// <exception cref="ArgumentException">An estimate is of another person or repeats a competency; a count is negative; a number is not finite; the correlations are among another number of estimates.</exception>
    public ReadinessCandidate(
        RateeId person,
        IEnumerable<CompetencyEstimate> estimates,
        int otherRaters,
        IEnumerable<RaterSource> sources,
        double? performance = null,
        double? selfMinusOthers = null,
        double? raterSpread = null,
        EstimateCorrelations? errorCorrelations = null,
        EstimateCorrelations? conditionalErrorCorrelations = null)
    {
        ArgumentNullException.ThrowIfNull(estimates);
        ArgumentNullException.ThrowIfNull(sources);
        Person = person;
        var list = estimates.ToImmutableArray();
        var seen = new Dictionary<string, int>(list.Length, IdRules.Comparer);
        foreach (var e in list)
        {
            ArgumentNullException.ThrowIfNull(e, nameof(estimates));
            if (e.Person != person)
            {
                throw new ArgumentException($"An estimate of {e.Person} was given for candidate {person}; every estimate must be of the candidate.", nameof(estimates));
            }

            if (!seen.TryAdd(e.Competency.Value, seen.Count))
            {
                throw new ArgumentException($"Competency '{e.Competency}' has two estimates for candidate {person}; there must be at most one.", nameof(estimates));
            }
        }

        if (errorCorrelations is not null && errorCorrelations.Count != list.Length)
        {
            throw new ArgumentException(
                $"The error correlations are among {errorCorrelations.Count} estimates; candidate {person} has {list.Length}.", nameof(errorCorrelations));
        }

        if (conditionalErrorCorrelations is not null && conditionalErrorCorrelations.Count != list.Length)
        {
            throw new ArgumentException(
                $"The conditional error correlations are among {conditionalErrorCorrelations.Count} estimates; candidate {person} has {list.Length}.", nameof(conditionalErrorCorrelations));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(otherRaters);
        ErrorCorrelations = errorCorrelations;
        ConditionalErrorCorrelations = conditionalErrorCorrelations;
        Estimates = list;
        _byCompetency = seen;
        OtherRaters = otherRaters;
        Sources = [.. sources.Where(s => s != RaterSource.Self).Distinct().Order()];
        Performance = performance is { } p ? Guard.Finite(p, nameof(performance)) : null;
        SelfMinusOthers = selfMinusOthers is { } s ? Guard.Finite(s, nameof(selfMinusOthers)) : null;
        RaterSpread = raterSpread is { } r ? Guard.InRange(r, 0, double.MaxValue, nameof(raterSpread)) : null;
        DevelopmentRates = [];
    }

    private ReadinessCandidate(ReadinessCandidate candidate, ImmutableArray<CompetencyGrowth> rates, GrowthBasis basis)
    {
        (Person, Estimates, ErrorCorrelations, ConditionalErrorCorrelations, _byCompetency, OtherRaters, Sources) =
            (candidate.Person, candidate.Estimates, candidate.ErrorCorrelations, candidate.ConditionalErrorCorrelations, candidate._byCompetency, candidate.OtherRaters, candidate.Sources);
        (Performance, SelfMinusOthers, RaterSpread) = (candidate.Performance, candidate.SelfMinusOthers, candidate.RaterSpread);
        (DevelopmentRates, DevelopmentBasis) = (rates, basis);
    }

    /// <summary>Gets the person.</summary>
    public RateeId Person { get; }

    /// <summary>Gets the calibrated competency estimates.</summary>
    public ImmutableArray<CompetencyEstimate> Estimates { get; }

    /// <summary>Gets the correlations of the estimates' errors, in the order of <see cref="Estimates"/>; null when unknown (the errors are then taken to move together).</summary>
    public EstimateCorrelations? ErrorCorrelations { get; }

    /// <summary>Gets the correlations of the unshrunk estimates' errors given the candidate's true levels, in the order of <see cref="Estimates"/>; null when unknown.</summary>
    public EstimateCorrelations? ConditionalErrorCorrelations { get; }

    /// <summary>Gets how many distinct people other than the candidate rated them (from an anonymised source, where ids count ratings, the most ratings one competency received from it: see <see cref="FromCalibration"/>).</summary>
    public int OtherRaters { get; }

    /// <summary>Gets the distinct sources other than self among the candidate's raters, in <see cref="RaterSource"/> order.</summary>
    public ImmutableArray<RaterSource> Sources { get; }

    /// <summary>Gets the individual-performance measure, when there is one.</summary>
    public double? Performance { get; }

    /// <summary>Gets the mean self-rating minus the estimates on the same competencies, when the candidate rated themselves.</summary>
    public double? SelfMinusOthers { get; }

    /// <summary>Gets the standard deviation of the other raters' mean ratings of the candidate, when there are two or more.</summary>
    public double? RaterSpread { get; }

    /// <summary>
    /// Gets the candidate's measured development rates, scale points a year per competency with their standard errors;
    /// empty when none were measured (the scorer then takes the options' assumed rates).
    /// </summary>
    public ImmutableArray<CompetencyGrowth> DevelopmentRates { get; }

    /// <summary>Gets what <see cref="DevelopmentRates"/> rest on: <see cref="GrowthBasis.Assumed"/> when there are none.</summary>
    public GrowthBasis DevelopmentBasis { get; }

    /// <summary>
    /// Returns the candidate with measured development rates: time to ready then divides each gap by the candidate's own
    /// rate on that competency (a competency without one keeps the options' rate).
    /// </summary>
    /// <param name="rates">The rates, at most one per competency.</param>
    /// <param name="basis">What they rest on: <see cref="GrowthBasis.Person"/> or <see cref="GrowthBasis.Cohort"/>.</param>
    /// <returns>The candidate with the rates.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rates"/> is null.</exception>
    /// <exception cref="ArgumentException">A rate is null or repeats a competency, or <paramref name="basis"/> is <see cref="GrowthBasis.Assumed"/> or not defined.</exception>
    public ReadinessCandidate WithDevelopmentRates(IEnumerable<CompetencyGrowth> rates, GrowthBasis basis)
    {
        var list = Guard.NoNulls(rates, "rate").ToImmutableArray();
        if (basis is not (GrowthBasis.Person or GrowthBasis.Cohort))
        {
            throw new ArgumentException($"The basis was {basis}; measured rates rest on the person's own cycles (Person) or on the cohort's (Cohort).", nameof(basis));
        }

        var seen = new HashSet<string>(IdRules.Comparer);
        foreach (var rate in list)
        {
            if (!seen.Add(rate.Competency.Value))
            {
                throw new ArgumentException($"Competency '{rate.Competency}' has two development rates for candidate {Person}; there must be at most one.", nameof(rates));
            }
        }

        return new ReadinessCandidate(this, list, basis);
    }

    /// <summary>
    /// Builds a candidate for every person the longitudinal model estimated, with their estimates at
    /// <paramref name="date"/> and their measured development rates: their own growth when they were rated in two or more
    /// cycles (<see cref="GrowthBasis.Person"/>), the cohort's otherwise (<see cref="GrowthBasis.Cohort"/>). With development
    /// records in the fit, the rates are net of the development: what a person's interventions add is measured apart
    /// (<see cref="GrowthCalibration.InterventionEffects"/>), and the development planner adds it back for the interventions
    /// a plan proposes (<see cref="Talent.DevelopmentStep.YearsToCloseWithMeasured"/>) — for someone already in one, that is
    /// the pace they are on.
    /// </summary>
    /// <param name="growth">The longitudinal fit of <paramref name="ratings"/>.</param>
    /// <param name="date">The date to assess at, usually the last cycle's.</param>
    /// <param name="ratings">The ratings that were fitted.</param>
    /// <param name="performance">Individual-performance records, when there are any.</param>
    /// <returns>The candidates, in ratee id order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="growth"/> or <paramref name="ratings"/> is null.</exception>
    public static ImmutableArray<ReadinessCandidate> FromGrowth(GrowthCalibration growth, DateOnly date, RatingSet ratings, PerformanceSet? performance = null)
    {
        ArgumentNullException.ThrowIfNull(growth);
        var candidates = FromCalibration(growth.At(date), ratings, performance);
        if (!growth.MeasuresGrowth)
        {
            return candidates;
        }

        var basis = growth.Growth.ToDictionary(g => g.Person, g => g.Basis);
        return [.. candidates.Select(c => c.WithDevelopmentRates(growth.RatesOf(c.Person), basis[c.Person]))];
    }

    /// <summary>Builds a candidate for every person a calibration estimated, with the evidence the ratings hold about them.</summary>
    /// <remarks>
    /// From a source whose rater ids hardly repeat (fewer than a tenth of its ratings repeat one, and hardly any repeats
    /// one of the same person's raters: an export that anonymises those responses, as the crossed model recognises it), an
    /// id counts a rating, not a person: such a source adds to <see cref="OtherRaters"/> the most ratings any one
    /// competency of the person received from it, and the raters' spread of anyone rated from it is unknown.
    /// </remarks>
    /// <param name="calibration">The calibration of <paramref name="ratings"/>.</param>
    /// <param name="ratings">The ratings that were calibrated (self-ratings included: they give the self–other difference).</param>
    /// <param name="performance">Individual-performance records, when there are any.</param>
    /// <returns>The candidates, in ratee id order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="calibration"/> or <paramref name="ratings"/> is null.</exception>
    public static ImmutableArray<ReadinessCandidate> FromCalibration(CalibrationResult calibration, RatingSet ratings, PerformanceSet? performance = null)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        ArgumentNullException.ThrowIfNull(ratings);
        // From a source whose rater ids hardly repeat (an export that anonymises those responses), each rating has an id
        // of its own: the distinct ids count ratings, not people, and their means are single ratings. Such a source's raters
        // of a person are the most responses any one competency received from it (each rater rates a competency once),
        // and the spread of a person's raters is unknown once any of them are anonymous.
        var anonymised = PersonSourceRaters.AnonymisedSources(ratings);
        var anonymous = anonymised.Count > 0 ? AnonymousRaters(ratings, anonymised) : null;
        var people = ratings.Ratees.Length;
        var raters = new HashSet<int>[people];
        var sources = new HashSet<RaterSource>[people];
        var selfSum = new double[people];
        var selfCount = new int[people];
        var selfEstimateSum = new double[people];
        var raterSum = new Dictionary<(int Ratee, int Rater), (double Sum, int Count)>();
        var estimates = calibration.Estimates.GroupBy(e => e.Person).ToDictionary(g => g.Key, g => g.ToImmutableArray());
        var rateeIndex = ratings.RateeIndices;
        var raterIndex = ratings.RaterIndices;
        var source = ratings.Sources;
        var values = ratings.Values;
        for (var i = 0; i < ratings.Count; i++)
        {
            var t = rateeIndex[i];
            if (source[i] == RaterSource.Self)
            {
                var competency = ratings.Model.Competencies[ratings.CompetencyIndices[i]].Id;
                if (calibration.TryGetEstimate(ratings.Ratees[t], competency, out var estimate))
                {
                    selfSum[t] += values[i];
                    selfEstimateSum[t] += estimate.Estimate;
                    selfCount[t]++;
                }

                continue;
            }

            (sources[t] ??= []).Add(source[i]);
            if (anonymised.Contains(source[i]))
            {
                continue;
            }

            (raters[t] ??= []).Add(raterIndex[i]);
            var key = (t, raterIndex[i]);
            var (sum, count) = raterSum.GetValueOrDefault(key);
            raterSum[key] = (sum + values[i], count + 1);
        }

        var raterMeans = raterSum.GroupBy(p => p.Key.Ratee).ToDictionary(g => g.Key, g => g.Select(p => p.Value.Sum / p.Value.Count).ToArray());
        var result = ImmutableArray.CreateBuilder<ReadinessCandidate>();
        for (var t = 0; t < people; t++)
        {
            var id = ratings.Ratees[t];
            if (!estimates.TryGetValue(id, out var own))
            {
                continue;
            }

            var unnamed = anonymous?[t] ?? 0;
            double? spread = unnamed == 0 && raterMeans.TryGetValue(t, out var means) && means.Length > 1 ? ArrayStatistics.StandardDeviation(means) : null;
            var count = (raters[t]?.Count ?? 0) + unnamed;
            double? performanceValue = performance is not null && performance.TryGetValue(id, out var p) ? p : null;
            double? self = selfCount[t] > 0 ? (selfSum[t] - selfEstimateSum[t]) / selfCount[t] : null;
            result.Add(new ReadinessCandidate(id, own, count, sources[t] ?? [], performanceValue, self, spread, calibration.ErrorCorrelations(id), calibration.ConditionalErrorCorrelations(id)));
        }

        return result.ToImmutable();
    }

    /// <summary>Per person, their raters from the anonymised sources: for each source, the most ratings one competency of theirs received from it.</summary>
    private static int[] AnonymousRaters(RatingSet ratings, HashSet<RaterSource> anonymised)
    {
        var cells = new Dictionary<(int Ratee, RaterSource Source, int Competency), int>();
        var (ratee, competency) = (ratings.RateeIndices.ToArray(), ratings.CompetencyIndices.ToArray());
        for (var i = 0; i < ratings.Count; i++)
        {
            var source = ratings.Sources[i];
            if (anonymised.Contains(source))
            {
                var key = (ratee[i], source, competency[i]);
                cells[key] = cells.GetValueOrDefault(key) + 1;
            }
        }

        var count = new int[ratings.Ratees.Length];
        foreach (var person in cells.GroupBy(c => (c.Key.Ratee, c.Key.Source)))
        {
            count[person.Key.Ratee] += person.Max(c => c.Value);
        }

        return count;
    }

    /// <summary>Finds the estimate of one competency (id ignoring case).</summary>
    /// <param name="competencyId">The competency id.</param>
    /// <returns>The estimate, or null.</returns>
    public CompetencyEstimate? FindEstimate(CompetencyId competencyId) =>
        _byCompetency.TryGetValue(competencyId.Value, out var i) ? Estimates[i] : null;

    /// <summary>The position of a competency's estimate in <see cref="Estimates"/> (id ignoring case), or −1.</summary>
    internal int PositionOf(string competencyId) => _byCompetency.TryGetValue(competencyId, out var i) ? i : -1;

    /// <inheritdoc />
    public override string ToString() => $"{Person}: {Estimates.Length} estimates, {OtherRaters} raters, {Sources.Length} sources";
}
