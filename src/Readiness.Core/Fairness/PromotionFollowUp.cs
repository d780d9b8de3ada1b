using System.Collections.Immutable;
using Readiness.Calibration;
using Readiness.Competencies;
using Readiness.Evidence;
using Readiness.Internal;
using Readiness.Scoring;

namespace Readiness.Fairness;

/// <summary>
/// "Promote into readiness", tested: for the people promoted, their readiness for the role at the date of their promotion
/// (from the longitudinal model, their growth measured up to then) and their performance, against how their teams did
/// a year on — the predictive validity study on the promoted, with the mean team outcome by the band they were in.
/// </summary>
/// <remarks>
/// Readiness at a promotion rests on the ratings of the cycles on or before its date: the model is refitted to them
/// (with the development records as they stood then) when later cycles were rated, since ratings made after a promotion
/// would read the new role into the predictor. Someone with no rating by others by then is not assessed, and says so.
/// <para>
/// Only the promoted have team outcomes, so the study's sample is selected: everyone else is assessed at the latest
/// promotion date as the pool they were chosen from, and the study detects the restricted range and corrects for it
/// (<see cref="PredictiveValidityStudy.Restriction"/>).
/// </para>
/// </remarks>
public sealed class PromotionFollowUp
{
    private PromotionFollowUp(ImmutableArray<PromotionOutcome> promotions, PredictiveValidityStudy? study, string? studyNote, ImmutableArray<BandOutcome> byBand)
    {
        Promotions = promotions;
        Study = study;
        StudyNote = studyNote;
        ByBand = byBand;
    }

    /// <summary>Gets each promotion with the readiness assessment at its date and the team outcome, when there is one.</summary>
    public ImmutableArray<PromotionOutcome> Promotions { get; }

    /// <summary>Gets the predictive validity study of readiness and performance at promotion against the team outcome; null when it could not be run (<see cref="StudyNote"/> says why).</summary>
    public PredictiveValidityStudy? Study { get; }

    /// <summary>Gets why <see cref="Study"/> is null, or null.</summary>
    public string? StudyNote { get; }

    /// <summary>Gets the promoted people's mean team outcome by their band at promotion, best band first (bands with nobody left out).</summary>
    public ImmutableArray<BandOutcome> ByBand { get; }

    /// <summary>Follows the promotions up.</summary>
    /// <param name="growth">The longitudinal fit of <paramref name="ratings"/>; refitted, with its calibrator's options, to the cycles up to a promotion when later ones were rated.</param>
    /// <param name="ratings">The ratings fitted.</param>
    /// <param name="promotions">The promotions, at most one per person.</param>
    /// <param name="roles">The role profiles the promotions name.</param>
    /// <param name="outcomes">Team outcomes a year on, one per person (those of people not promoted are ignored).</param>
    /// <param name="performance">Individual performance at the time, when there is a measure.</param>
    /// <param name="scorer">The scorer; null for the defaults.</param>
    /// <param name="options">The validity study's options; null for the defaults.</param>
    /// <returns>The follow-up.</returns>
    /// <exception cref="ArgumentNullException">An argument other than the optional ones is null.</exception>
    /// <exception cref="ArgumentException">A promotion names a role not given, or a person is promoted twice; the message names it.</exception>
    public static PromotionFollowUp Run(
        GrowthCalibration growth,
        RatingSet ratings,
        IEnumerable<PromotionRecord> promotions,
        IEnumerable<RoleProfile> roles,
        IEnumerable<OutcomeRecord> outcomes,
        PerformanceSet? performance = null,
        ReadinessScorer? scorer = null,
        ValidityOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(growth);
        ArgumentNullException.ThrowIfNull(ratings);
        var promoted = Guard.NoNulls(promotions, "promotion");
        var profiles = Guard.NoNulls(roles, "role").ToDictionary(r => r.Id, IdRules.Comparer);
        ArgumentNullException.ThrowIfNull(outcomes);
        scorer ??= new ReadinessScorer();
        var seen = new HashSet<RateeId>();
        foreach (var p in promoted)
        {
            if (!profiles.ContainsKey(p.Role))
            {
                throw new ArgumentException($"The promotion of {p.Person} names the role '{p.Role}', which is not among the roles given ({string.Join(", ", profiles.Keys)}).", nameof(promotions));
            }

            if (!seen.Add(p.Person))
            {
                throw new ArgumentException($"{p.Person} is promoted twice; follow each person's first promotion up.", nameof(promotions));
            }
        }

        var outcome = outcomes.GroupBy(o => o.Person).ToDictionary(g => g.Key, g => g.First().Value);
        var fits = new FitsUpTo(growth, ratings);
        var results = ImmutableArray.CreateBuilder<PromotionOutcome>(promoted.Length);
        var assessments = new List<ReadinessAssessment>();
        foreach (var group in promoted.GroupBy(p => (p.Date, profiles[p.Role])))
        {
            var (date, role) = group.Key;
            var (fit, rated, reason) = fits.At(date);
            var atDate = fit is null ? [] : ReadinessCandidate.FromGrowth(fit, date, rated!, performance).ToDictionary(c => c.Person);
            foreach (var p in group)
            {
                var assessment = atDate.TryGetValue(p.Person, out var candidate) ? scorer.Score(candidate, role) : null;
                var why = assessment is not null ? null : reason ?? $"{p.Person} was not rated by others on or before {Iso(date)}.";
                results.Add(new PromotionOutcome(p, assessment, outcome.TryGetValue(p.Person, out var o) ? o : null, why));
                if (assessment is not null)
                {
                    assessments.Add(assessment);
                }
            }
        }

        // The pool the promoted were chosen from: everyone else, at the latest promotion, for the first role promoted into.
        if (promoted.Length > 0)
        {
            var last = promoted.MaxBy(p => p.Date)!;
            if (fits.At(last.Date) is ({ } fit, { } rated, _))
            {
                assessments.AddRange(ReadinessCandidate.FromGrowth(fit, last.Date, rated, performance)
                    .Where(c => !seen.Contains(c.Person)).Select(c => scorer.Score(c, profiles[last.Role])));
            }
        }

        var promotedOutcomes = results.Where(r => r.Outcome is not null).Select(r => new OutcomeRecord(r.Promotion.Person, r.Outcome!.Value));
        PredictiveValidityStudy? study = null;
        string? note = null;
        try
        {
            study = PredictiveValidityStudy.Run(assessments, promotedOutcomes, options);
        }
        catch (ArgumentException e) when (e.ParamName == "outcomes")
        {
            note = e.Message.Replace(" (Parameter 'outcomes')", string.Empty, StringComparison.Ordinal);
        }

        var byBand = results.Where(r => r.Assessment is { IsScored: true } && r.Outcome is not null)
            .GroupBy(r => r.Assessment!.Band).OrderBy(g => g.Key)
            .Select(g => new BandOutcome(g.Key, g.Count(), g.Average(r => r.Outcome!.Value)))
            .ToImmutableArray();
        return new PromotionFollowUp([.. results.OrderBy(r => r.Promotion.Person)], study, note, byBand);
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The longitudinal model fitted to the ratings of the cycles on or before a date, so that readiness at a promotion
    /// rests on what was known then: ratings after it (in the new role, perhaps) would read the outcome into the
    /// predictor. One fit per set of cycles, the caller's own when no rated cycle lies after the date.
    /// </summary>
    private sealed class FitsUpTo(GrowthCalibration growth, RatingSet ratings)
    {
        private readonly Dictionary<int, (GrowthCalibration? Fit, RatingSet? Rated, string? Reason)> _fits = [];

        public (GrowthCalibration? Fit, RatingSet? Rated, string? Reason) At(DateOnly date)
        {
            var dated = ratings.Cycles.Select(c => c is not null && growth.Cycles.TryGetDate(c, out var day) ? day : DateOnly.MaxValue).ToArray();
            var known = dated.Count(d => d <= date);
            if (_fits.TryGetValue(known, out var fit))
            {
                return fit;
            }

            if (known == dated.Length)
            {
                fit = (growth, ratings, null);
            }
            else if (known == 0)
            {
                fit = (null, null, $"No rating lies on or before {Iso(date)}: readiness then is unknown.");
            }
            else
            {
                var rated = ratings.InCycles(c => c is not null && growth.Cycles.TryGetDate(c, out var day) && day <= date);
                var development = growth.Development.Where(d => d.Start <= date)
                    .Select(d => d.End is { } end && end > date ? new DevelopmentRecord(d.Person, d.Intervention, d.Start, null, d.Competency) : d)
                    .DistinctBy(d => (d.Person, d.Intervention, d.Competency, d.Start, d.End));
                try
                {
                    fit = (growth.Calibrator.Calibrate(rated, growth.Cycles, development), rated, null);
                }
                catch (Exception e) when (e is InsufficientRatingsException or ArgumentException)
                {
                    fit = (null, null, $"The ratings on or before {Iso(date)} cannot be fitted: {e.Message}");
                }
            }

            _fits[known] = fit;
            return fit;
        }
    }
}

/// <summary>One promotion followed up: the record, the readiness assessment at its date (null for someone not rated by others by then), and the team outcome a year on.</summary>
public sealed class PromotionOutcome
{
    internal PromotionOutcome(PromotionRecord promotion, ReadinessAssessment? assessment, double? outcome, string? notAssessed) =>
        (Promotion, Assessment, Outcome, NotAssessed) = (promotion, assessment, outcome, notAssessed);

    /// <summary>Gets the promotion.</summary>
    public PromotionRecord Promotion { get; }

    /// <summary>
    /// Gets the readiness for the role at the date of the promotion, from the ratings of the cycles on or before it; null
    /// for someone not rated by others by then (<see cref="NotAssessed"/> says why).
    /// </summary>
    public ReadinessAssessment? Assessment { get; }

    /// <summary>Gets why <see cref="Assessment"/> is null, or null.</summary>
    public string? NotAssessed { get; }

    /// <summary>Gets the team outcome a year on, or null when there is none.</summary>
    public double? Outcome { get; }
}

/// <summary>The promoted people of one band at promotion: how many, and their teams' mean outcome.</summary>
public sealed class BandOutcome
{
    internal BandOutcome(ReadinessBand band, int people, double meanOutcome) => (Band, People, MeanOutcome) = (band, people, meanOutcome);

    /// <summary>Gets the band at promotion.</summary>
    public ReadinessBand Band { get; }

    /// <summary>Gets how many promoted people were in it and have an outcome.</summary>
    public int People { get; }

    /// <summary>Gets their teams' mean outcome.</summary>
    public double MeanOutcome { get; }
}
