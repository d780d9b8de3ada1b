using System.Collections.Immutable;
using System.Numerics;
using Readiness.Calibration;
using Readiness.Calibration.Internal;
using Readiness.Evidence;
using Readiness.Reliability.Internal;

namespace Readiness.Reliability;

/// <summary>
/// Raters whose style the calibration cannot adjust for, set aside: those <see cref="RaterDiagnostics"/> flags for
/// central tendency or halo. A rater effect removes leniency and severity, but a rater who keeps to the middle of the
/// scale compresses every difference they see, and one who rates an overall impression spreads a change in one
/// competency over all of them — so both pull growth and development effects towards zero. Leaving their ratings out
/// restores them (see the remarks), at the price of their ratings' information.
/// </summary>
/// <remarks>
/// On the simulator's organisations (300 people, 3 cycles), the diagnostics flagged 387 of 389 central-tendency and halo
/// raters over 8 seeds, and no other rater. Over 20 organisations with a programme assigned at random that adds 0.3 a
/// year, its estimate was 0.307 with them set aside against 0.269 with them, and the 90% intervals of person growth over
/// five cycles covered 83% against 74% (benchmarks/README.md). The flags need both the size that matters and a p-value
/// below the options' level, so an ordinary rater is rarely set aside; the raters set aside are listed with their
/// diagnostics for a reader to check.
/// </remarks>
public sealed class StyledRaterScreen
{
    private StyledRaterScreen(RatingSet ratings, ImmutableArray<RaterDiagnostic> setAside, int ratingsSetAside, ImmutableArray<RateeId> keptFor, int examined, RatingSet all, HashSet<RaterId> flagged) =>
        (Ratings, SetAside, RatingsSetAside, KeptFor, Examined, _all, _flagged) = (ratings, setAside, ratingsSetAside, keptFor, examined, all, flagged);

    /// <summary>The ratings the screen was given, every flagged rater's included.</summary>
    private readonly RatingSet _all;

    /// <summary>Every rater flagged for a style screened, those whose ratings were all kept included.</summary>
    private readonly HashSet<RaterId> _flagged;

    /// <summary>
    /// Gets how many raters the diagnostics examined: those who rated enough people (<see cref="RaterDiagnosticOptions.MinimumRatees"/>).
    /// 0 on an export whose rater ids do not repeat: nobody could be screened, not nobody was found.
    /// </summary>
    public int Examined { get; }

    /// <summary>
    /// Gets the ratings kept: every rating but those the raters set aside gave of others (their self-ratings stay, and so do
    /// the ratings of the people in <see cref="KeptFor"/> by those of the raters they need).
    /// </summary>
    public RatingSet Ratings { get; }

    /// <summary>
    /// Gets the people whose ratings by some of the raters set aside were kept, because without them they would fall short
    /// of the evidence minimums <see cref="Apply"/> was given (fewer raters or sources, or a competency no one else rated):
    /// by the fewest of those raters that meet them. In ratee order; empty when no minimums were given.
    /// </summary>
    public ImmutableArray<RateeId> KeptFor { get; }

    /// <summary>Gets the diagnostics of the raters set aside, by rater id: those flagged, less any whose every rating of others was kept (<see cref="KeptFor"/>).</summary>
    public ImmutableArray<RaterDiagnostic> SetAside { get; }

    /// <summary>Gets how many ratings of others the raters set aside had given.</summary>
    public int RatingsSetAside { get; }

    /// <summary>Diagnoses the raters and sets aside those flagged for one of <paramref name="styles"/>.</summary>
    /// <param name="ratings">The ratings.</param>
    /// <param name="calibration">Their calibration, for the diagnostics (over several cycles, the crossed model on them pooled will do).</param>
    /// <param name="styles">The flags that set a rater aside; the default is central tendency or halo.</param>
    /// <param name="options">The diagnostics' thresholds; null for the defaults.</param>
    /// <param name="minimumRaters">
    /// The raters other than themselves a person needs (as the scoring's <c>MinimumRaters</c>): a person whom setting the
    /// flagged raters aside would leave with fewer keeps the ratings of the fewest of those raters that restore it, and so
    /// does one it would leave with fewer sources than <paramref name="minimumSources"/> or without a competency no one else
    /// rated them on. 0 (with <paramref name="minimumSources"/> 0, the default): every rating of others by a flagged rater
    /// is set aside.
    /// </param>
    /// <param name="minimumSources">The rater sources other than self a person needs (as the scoring's <c>MinimumSources</c>); see <paramref name="minimumRaters"/>.</param>
    /// <returns>The screen.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ratings"/> or <paramref name="calibration"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="styles"/> is none or holds an undefined flag, or a threshold is out of range.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minimumRaters"/> or <paramref name="minimumSources"/> is negative.</exception>
    public static StyledRaterScreen Apply(
        RatingSet ratings, CalibrationResult calibration, RaterIssues styles = RaterIssues.CentralTendency | RaterIssues.Halo, RaterDiagnosticOptions? options = null,
        int minimumRaters = 0, int minimumSources = 0)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        ArgumentNullException.ThrowIfNull(calibration);
        ArgumentOutOfRangeException.ThrowIfNegative(minimumRaters);
        ArgumentOutOfRangeException.ThrowIfNegative(minimumSources);
        const RaterIssues All = RaterIssues.Lenient | RaterIssues.Severe | RaterIssues.CentralTendency | RaterIssues.Halo | RaterIssues.Misfit;
        if (styles == RaterIssues.None || (styles & ~All) != 0)
        {
            throw new ArgumentException($"styles was {(int)styles}; it must be one or more of {All}.", nameof(styles));
        }

        var diagnostics = RaterDiagnostics.Analyze(ratings, calibration, options);
        var setAside = diagnostics.Where(d => (d.Issues & styles) != 0).ToImmutableArray();
        var flagged = new bool[ratings.Raters.Length];
        foreach (var d in setAside)
        {
            flagged[ratings.TryGetRaterIndex(d.Rater, out var r) ? r : throw new InvalidOperationException($"Rater {d.Rater} was diagnosed but is not in the ratings.")] = true;
        }

        var keptPairs = minimumRaters > 0 || minimumSources > 0 ? NeededOfThem(ratings, flagged, minimumRaters, minimumSources) : [];
        if (keptPairs.Count > 0)
        {
            // A flagged rater all of whose ratings of others were kept is not set aside.
            var leftOut = new bool[ratings.Raters.Length];
            for (var i = 0; i < ratings.Count; i++)
            {
                var rater = ratings.RaterIndices[i];
                leftOut[rater] |= flagged[rater] && ratings.Sources[i] != RaterSource.Self && !keptPairs.Contains((ratings.RateeIndices[i], rater));
            }

            setAside = [.. setAside.Where(d => ratings.TryGetRaterIndex(d.Rater, out var r) && leftOut[r])];
        }

        var kept = ratings.WithoutRatingsOfOthersBy(setAside.Select(d => d.Rater), keptPairs);
        return new StyledRaterScreen(kept, setAside, ratings.Count - kept.Count, [.. keptPairs.Select(p => p.Ratee).Distinct().Order().Select(p => ratings.Ratees[p])], diagnostics.Length,
            ratings, [.. diagnostics.Where(d => (d.Issues & styles) != 0).Select(d => d.Rater)]);
    }

    /// <summary>
    /// Calibrates <see cref="Ratings"/>; with the crossed model, when some flagged raters' ratings were kept
    /// (<see cref="KeptFor"/>), the variance components are those of the ratings without any flagged rater, held while
    /// the kept ones inform their people's estimates, and those people's standard errors and error correlations are
    /// widened by the error their kept raters' style carries: a styled rater's ratings are not what the model assumes
    /// (central tendency compresses the differences they see, halo flattens a profile), and fitted with the rest they pull
    /// the components — and with them everyone's shrinkage and standard errors — away from the ordinary raters', and make
    /// their own people's estimates look surer than they are (see the remarks).
    /// </summary>
    /// <param name="calibrator">The calibrator: the crossed model (<see cref="CrossedRandomEffectsCalibrator"/>) refits as described; any other calibrates <see cref="Ratings"/> as they are.</param>
    /// <param name="progress">Receives the fits' progress; optional.</param>
    /// <param name="cancellationToken">Cancels the fits.</param>
    /// <returns>The calibration of <see cref="Ratings"/>: one fit when no flagged rater's rating was kept, else two.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="calibrator"/> is null.</exception>
    /// <exception cref="InsufficientRatingsException">The ratings cannot be calibrated (the model's reason).</exception>
    /// <remarks>
    /// <para>
    /// Each flagged rater's style is measured against the fit without any flagged rater, which their ratings did not
    /// inform: how far their residuals follow a person's level toward the middle and each competency toward the person's
    /// own mean, and the variance left beyond an ordinary rater's. A kept person's estimates move with each of that rater's
    /// ratings as the fit's error covariance says, and their covariance gains what the style adds through them, including
    /// its correlation with the person's true levels; given the true levels, as the confidence intervals see it, the style
    /// is a bias that varies from person to person, which their error correlations carry. Estimates, reliabilities and
    /// everyone else's errors are unchanged; the algorithm says how many people were widened.
    /// </para>
    /// <para>
    /// On simulated assessment centres (four of 40 assessors each) the people who kept a flagged assessor's ratings had
    /// errors 1.3 times their standard errors (E[z²] 1.72, organisations of 300) and pulled the P(ready now) bins of everyone
    /// too high, by up to 0.085; held and widened, their E[z²] is 1.00, and every bin is within 0.035 (160 organisations of
    /// 300) and 0.028 (40 of 1,200) of the truth (<c>benchmarks/README.md</c>). On the scalable path the components are
    /// estimated from <see cref="Ratings"/>, with the warning <see cref="CalibrationWarningCodes.ComponentsEstimated"/>, as
    /// they are when the ratings without the flagged raters cannot be calibrated on their own (then nothing is widened).
    /// </para>
    /// </remarks>
    public CalibrationResult Refit(IRatingCalibrator calibrator, IProgress<CalibrationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(calibrator);
        if (KeptFor.IsEmpty || calibrator is not CrossedRandomEffectsCalibrator crossed)
        {
            return calibrator.Calibrate(Ratings, progress, cancellationToken);
        }

        CalibrationResult components;
        try
        {
            components = calibrator.Calibrate(_all.WithoutRatingsOfOthersBy(_flagged), progress, cancellationToken);
        }
        catch (InsufficientRatingsException e)
        {
            return calibrator.Calibrate(Ratings, progress, cancellationToken).WithWarning(new(CalibrationWarningCodes.ComponentsEstimated,
                $"The ratings without the flagged raters could not be calibrated ({e.Message}), so the variance components are estimated with the flagged raters' kept ratings in them."));
        }

        var refit = crossed.HoldingComponentsOf(components).Calibrate(Ratings, progress, cancellationToken);
        return StyleErrors.Widen(refit, Ratings, StyleErrors.Measure(_all, _flagged, components), KeptFor) ?? refit;
    }

    /// <summary>
    /// For each person whom setting the flagged raters aside would leave with fewer other raters or sources than the
    /// minimums (or than they had, when they had fewer), or without a competency they were rated on by others, the fewest of
    /// those raters that restore it, as (ratee, rater) index pairs: first a rater of each source lost, then raters until the
    /// count is met, then raters of the competencies no one else rated; at each step the one who rated the person on the
    /// most competencies (then the first by id). Raters are counted as the scorer counts them
    /// (<c>ReadinessCandidate.FromCalibration</c>): from a source whose ids do not repeat (an anonymised export; none of its
    /// raters can be flagged), the most ratings one competency of the person received from it, not one rater per rating.
    /// </summary>
    private static HashSet<(int Ratee, int Rater)> NeededOfThem(RatingSet ratings, bool[] flagged, int minimumRaters, int minimumSources)
    {
        var anonymised = PersonSourceRaters.AnonymisedSources(ratings);
        var needed = new HashSet<(int Ratee, int Rater)>();
        var (raters, keptRaters, competencies, keptCompetencies) = (new HashSet<int>(), new HashSet<int>(), new HashSet<int>(), new HashSet<int>());
        var unnamed = new Dictionary<(RaterSource Source, int Competency), int>();
        var candidates = new Dictionary<int, (RaterSource Source, HashSet<int> Competencies)>();
        var ratee = ratings.RateeIndices;
        var rater = ratings.RaterIndices;
        var competency = ratings.CompetencyIndices;
        var source = ratings.Sources;

        // A rating set keeps each person's ratings together, so one pass person by person with reused sets.
        for (int start = 0, end; start < ratings.Count; start = end)
        {
            raters.Clear();
            keptRaters.Clear();
            competencies.Clear();
            keptCompetencies.Clear();
            unnamed.Clear();
            candidates.Clear();
            var (sources, keptSources) = (0, 0);
            for (end = start; end < ratings.Count && ratee[end] == ratee[start]; end++)
            {
                if (source[end] == RaterSource.Self)
                {
                    continue;
                }

                competencies.Add(competency[end]);
                sources |= 1 << (int)source[end];
                if (anonymised.Contains(source[end]))
                {
                    var cell = (source[end], competency[end]);
                    unnamed[cell] = unnamed.GetValueOrDefault(cell) + 1;
                    keptCompetencies.Add(competency[end]);
                    keptSources |= 1 << (int)source[end];
                    continue;
                }

                raters.Add(rater[end]);
                if (flagged[rater[end]])
                {
                    if (!candidates.TryGetValue(rater[end], out var candidate))
                    {
                        candidates[rater[end]] = candidate = (source[end], []);
                    }

                    candidate.Competencies.Add(competency[end]);
                }
                else
                {
                    keptRaters.Add(rater[end]);
                    keptCompetencies.Add(competency[end]);
                    keptSources |= 1 << (int)source[end];
                }
            }

            var anonymous = unnamed.GroupBy(c => c.Key.Source).Sum(g => g.Max(c => c.Value));
            var (needRaters, needSources) = (Math.Min(minimumRaters, raters.Count + anonymous), Math.Min(minimumSources, BitOperations.PopCount((uint)sources)));
            var person = ratee[start];
            void Keep(Func<(RaterSource Source, HashSet<int> Competencies), int> useful)
            {
                var best = candidates.Where(c => useful(c.Value) > 0).OrderByDescending(c => useful(c.Value)).ThenBy(c => c.Key).First();
                candidates.Remove(best.Key);
                needed.Add((person, best.Key));
                keptRaters.Add(best.Key);
                keptCompetencies.UnionWith(best.Value.Competencies);
                keptSources |= 1 << (int)best.Value.Source;
            }

            while (BitOperations.PopCount((uint)keptSources) < needSources)
            {
                Keep(c => (keptSources & (1 << (int)c.Source)) == 0 ? 1 + c.Competencies.Count : 0);
            }

            while (keptRaters.Count + anonymous < needRaters)
            {
                Keep(c => c.Competencies.Count);
            }

            while (keptCompetencies.Count < competencies.Count)
            {
                Keep(c => c.Competencies.Count(k => !keptCompetencies.Contains(k)));
            }
        }

        return needed;
    }
}
