using System.Globalization;
using Readiness.Calibration.Internal;
using Readiness.Evidence;

namespace Readiness.Calibration;

/// <summary>
/// Calibrates with the many-facet Rasch rating-scale model
/// <c>log(P_k / P_k−1) = ability(ratee) − difficulty(competency) − severity(rater) [− severity(source)] − τ_k</c>,
/// fitted by joint maximum likelihood; estimates are fair averages on the original scale.
/// </summary>
/// <remarks>
/// <para>
/// Behaviourally anchored scales are ordinal: the step from one level to the next need not be the same size, and raters use
/// the categories differently. The model puts ratees, competencies and raters on one logit scale, so a rater's severity is
/// measured by the people they rated, and a person's level by how severe their raters were (Linacre 1989).
/// </para>
/// <para>
/// Estimation: PROX starting values, then Newton–Raphson for every measure and threshold at once until every non-extreme
/// element's observed score equals its expected score within <see cref="RaschOptions.ScoreTolerance"/> (and every
/// threshold's observed count equals its expected count). Conventions: competencies, raters (and sources) centred on 0, Andrich thresholds summing
/// to 0, ratees floating; a facet with one element is anchored at 0. Elements whose every rating is the lowest or highest
/// category are left out of estimation and then measured with their score moved
/// <see cref="RaschOptions.ExtremeScoreAdjustment"/> points inward (one left out only because its other ratings were with
/// such elements is measured from its own score over all its ratings). Joint estimates of competency and rater measures are
/// spread wider than conditional ones by about L / (L − 1) for L ratings per ratee (the known JMLE bias); their order and
/// relative spacing are what matter for calibration.
/// </para>
/// <para>
/// Estimates: each person × competency is measured from that cell's ratings with every competency, rater and source held
/// at its measure (the cell's ability), and reported as the fair average — the rating an average-severity rater would be
/// expected to give — with the delta-method standard error. Rater effects are reported in scale points the same way (the
/// average ratee's expected rating from this rater minus that from an average rater; positive = lenient). Self-ratings
/// never inform the model; how far they run above the estimates is reported as the Self source effect. The measures,
/// fit statistics, categories and separation indices are in <see cref="CalibrationResult.Rasch"/>.
/// </para>
/// <para>
/// Ratings must be whole scale levels. Only the levels that occur are categories (numbered in order), so an unused level
/// does not give an infinite threshold.
/// </para>
/// </remarks>
/// <threadsafety>Stateless; safe to share as a singleton.</threadsafety>
public sealed class ManyFacetRaschCalibrator : IRatingCalibrator
{
    private const string Stage = "Joint maximum likelihood";
    private const int ProxRounds = 5;

    /// <summary>Creates the calibrator.</summary>
    /// <param name="options">The options; null for the defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting breaks its rule; the message names it.</exception>
    public ManyFacetRaschCalibrator(RaschOptions? options = null) => Options = (options ?? new RaschOptions()).Validated();

    /// <summary>Gets the options.</summary>
    public RaschOptions Options { get; }

    /// <inheritdoc />
    public CalibrationMethod Method => CalibrationMethod.ManyFacetRasch;

    /// <inheritdoc />
    /// <exception cref="InsufficientRatingsException">
    /// Also when a rating is not a whole scale level, when every rating other than self-ratings belongs to an extreme element, or
    /// when a category occurs only in the ratings of extreme elements (the message names the sources whose rater ids almost
    /// never repeat, when some do not: each such id is a rater of one rating, extreme at the lowest or highest level).
    /// </exception>
    public CalibrationResult Calibrate(RatingSet ratings, IProgress<CalibrationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        DesignChecks.ThrowIfUnusable(Method, ratings, parameters: 2);
        var others = ratings.WithoutSource(RaterSource.Self);
        DesignChecks.ThrowIfUnusable(Method, others, parameters: 2);
        var warnings = new List<CalibrationWarning>();
        DesignChecks.AddDesignWarnings(others, warnings);
        var design = RaschDesign.Create(others, Options.SourceFacet, Method);
        var joint = new RaschJoint(design.Index, design.Elements, design.Category, design.Levels.Length)
        {
            ExtremeAdjustment = Options.ExtremeScoreAdjustment,
            RaterGroups = design.RaterGroups,
            SourceGroups = design.SourceGroups,
            RateeRaterGroups = Options.SourceFacet ? null : design.RateeRaterGroups(),
        };
        if (joint.MarkExtremes() == 0)
        {
            throw new InsufficientRatingsException(Method,
                "every rating belongs to a ratee, competency or rater whose ratings are all in the lowest or all in the highest category; there is nothing to estimate the scale from." + AnonymisedCause(others));
        }

        var counts = joint.ActiveCategoryCounts();
        var missing = Enumerable.Range(0, counts.Length).Where(k => counts[k] == 0).ToArray();
        if (missing.Length > 0)
        {
            throw new InsufficientRatingsException(Method,
                $"level(s) {string.Join(", ", missing.Select(k => design.Levels[k]))} occur only in ratings of elements rated all-lowest or all-highest, so their thresholds cannot be estimated." + AnonymisedCause(others));
        }

        progress?.Report(new CalibrationProgress("PROX", 0, null));
        joint.Prox(ProxRounds);
        var converged = joint.Estimate(
            Options.ScoreTolerance,
            Options.MaxIterations,
            Options.MaxStep,
            progress is null ? null : (iteration, residual) => progress.Report(new CalibrationProgress(Stage, iteration, residual)),
            cancellationToken);
        var unidentified = joint.SetUnidentifiedSourceContrasts();
        if (unidentified > 0)
        {
            warnings.Add(CalibrationWarningCodes.SourceContrastsUnidentified, $"{unidentified} contrast(s) between sources cannot be told apart from differences between the people they rate (in a hierarchy, looking-up and looking-down ratings are confounded with level); they were set to the smallest source effects the data allow, so read source measures with care.");
        }

        joint.EstimateExtremes(Options.ScoreTolerance);
        var largest = joint.Check();
        if (!converged)
        {
            warnings.Add(CalibrationWarningCodes.NotConverged, string.Create(CultureInfo.InvariantCulture,
                $"Joint maximum likelihood stopped after {joint.Iterations} iterations with an observed − expected score of {largest:G3} (tolerance {Options.ScoreTolerance:G3}); the measures are not final."));
        }

        var summary = new RaschSummary(joint, design, others, Options.ScoreTolerance);
        AddExtremeWarning(joint, warnings, AnonymisedCause(others));
        if (!summary.Fit.ThresholdsOrdered)
        {
            warnings.Add(CalibrationWarningCodes.DisorderedThresholds, $"The Andrich thresholds are disordered ({string.Join(", ", summary.Fit.Thresholds.Select(t => t.ToString("F2", CultureInfo.InvariantCulture)))} logits): some category is never the most probable; the raters did not use the scale as ordered steps.");
        }

        var result = new CalibrationResult(
            Method,
            "many-facet Rasch rating-scale model, joint maximum likelihood (PROX start, Newton–Raphson on all measures and thresholds)",
            summary.Estimates,
            summary.RaterEffects,
            summary.SourceEffects,
            [],
            [],
            joint.Iterations,
            converged,
            summary.MinusTwoLogLikelihood,
            [.. warnings],
            summary.Fit);
        return SelfEffect.AddTo(result, ratings, ratings.Count - others.Count);
    }

    private static void AddExtremeWarning(RaschJoint joint, List<CalibrationWarning> warnings, string cause)
    {
        string[] names = ["ratee", "competency", "rater", "source"];
        var parts = new List<string>();
        for (var f = 0; f < joint.Facets; f++)
        {
            var n = joint.Extreme[f].Count(x => x != 0);
            if (n > 0)
            {
                parts.Add($"{n} {names[f]}(s)");
            }
        }

        if (parts.Count > 0)
        {
            warnings.Add(CalibrationWarningCodes.ExtremeScores, string.Create(CultureInfo.InvariantCulture,
                $"{string.Join(", ", parts)} had every rating in the lowest or every rating in the highest category: left out of estimation and measured with the score moved {joint.ExtremeAdjustment} points inward.") + cause);
        }
    }

    /// <summary>
    /// Why so many elements are extreme, when a source's rater ids almost never repeat (an export that anonymises each
    /// response): each such id is a rater of one rating, extreme whenever that rating is the lowest or highest level. Empty otherwise.
    /// </summary>
    private static string AnonymisedCause(RatingSet others) =>
        PersonSourceRaters.AnonymisedSources(others) is { Count: > 0 } anonymised
            ? $" The rater ids of the {PersonSourceRaters.Names(anonymised)} ratings almost never repeat (an export that anonymises each response): each such rater has one rating, extreme whenever it is the lowest or highest level, and no severity of their own to estimate; the crossed random-effects model (the default method) takes a rater effect per person and source for them instead."
            : string.Empty;
}
