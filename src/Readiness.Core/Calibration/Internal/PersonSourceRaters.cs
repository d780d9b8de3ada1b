using System.Collections.Immutable;
using Readiness.Evidence;
using Readiness.Internal;

namespace Readiness.Calibration.Internal;

/// <summary>
/// Raters who cannot be told apart — an export that gives every response its own rater id — replaced by one stand-in rater
/// per person and source, so that the crossed model's rater term becomes <c>(1 | ratee:source)</c>; and the fit on the
/// stand-ins given back with the real raters' counts.
/// </summary>
/// <remarks>
/// A rater's leniency moves all their ratings of a person together. Without ids that repeat, the model cannot see whose
/// ratings those are, and leaving the rater term out treats each rating's share of it as independent noise: the estimates'
/// errors look smaller than they are (on simulated anonymised 360° exports, 90% intervals covered about 80% and P(ready
/// now) ran up to 0.3 too high). What an anonymised export still shows is which source each rating came from: a person's
/// manager ratings share their manager's leniency, their peer ratings the average of their peers'. A random effect per
/// person and source models that sharing; the stand-ins are rating-set raters made up inside the fit (the person's id, an
/// invisible separator, the source), so nothing outside sees them.
/// </remarks>
internal sealed class PersonSourceRaters
{
    private const char Separator = '\u2063';

    private readonly RatingSet _original;

    private PersonSourceRaters(RatingSet original, RatingSet ratings)
    {
        _original = original;
        Ratings = ratings;
    }

    /// <summary>Gets the ratings with every rating of others given by its person-and-source stand-in (self-ratings keep their rater).</summary>
    public RatingSet Ratings { get; }

    /// <summary>
    /// The stand-ins when the raters of others repeat too little to estimate leniency (<paramref name="minRepeats"/>
    /// ratings beyond each rater's first, over more than one rater) and the stand-ins both repeat and outnumber the people
    /// by that much; otherwise null.
    /// </summary>
    public static PersonSourceRaters? Replace(RatingSet ratings, int minRepeats)
    {
        var others = ratings.WithoutSource(RaterSource.Self);
        if (others.Raters.Length <= 1 || others.Count - others.Raters.Length >= minRepeats)
        {
            return null;
        }

        var standIn = new Dictionary<(int Ratee, RaterSource Source), RaterId>();
        var rater = new RaterId[ratings.Count];
        for (var i = 0; i < ratings.Count; i++)
        {
            var source = ratings.Sources[i];
            if (source == RaterSource.Self)
            {
                rater[i] = ratings.Raters[ratings.RaterIndices[i]];
                continue;
            }

            var key = (Ratee: ratings.RateeIndices[i], Source: source);
            if (!standIn.TryGetValue(key, out var id))
            {
                id = RaterId.Internal($"{ratings.Ratees[key.Ratee].Value}{Separator}{WireText.Of(source)}");
                standIn.Add(key, id);
            }

            rater[i] = id;
        }

        // A stand-in nests in its person: where everyone was rated by one source it is the person effect again. The term is
        // told from it by the people rated by several sources, and needs as many stand-ins beyond one a person as the rater
        // term needs repeats.
        if (others.Count - standIn.Count < minRepeats || standIn.Count - others.Ratees.Length < minRepeats)
        {
            return null;
        }

        // Raters in ordinal id order and rows in the canonical order (ratee, competency, rater, cycle, source), as a rating
        // set keeps them; several ratings of one person from one source share a stand-in, so a cell can hold it more than once.
        var raters = rater.Distinct().Order().ToArray();
        var index = new Dictionary<RaterId, int>(raters.Length);
        for (var r = 0; r < raters.Length; r++)
        {
            index.Add(raters[r], r);
        }

        // The set is in that order already but for the raters, which change only within a person and competency: each such
        // run is sorted on its own.
        var ratee = ratings.RateeIndices;
        var competency = ratings.CompetencyIndices;
        var rows = new int[ratings.Count];
        var standInIndex = new int[ratings.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = i;
            standInIndex[i] = index[rater[i]];
        }

        Comparison<int> order = (a, b) =>
        {
            var c = standInIndex[a].CompareTo(standInIndex[b]);
            c = c != 0 ? c : ratings.CycleIndices[a].CompareTo(ratings.CycleIndices[b]);
            c = c != 0 ? c : ratings.Sources[a].CompareTo(ratings.Sources[b]);

            // Ratings a stand-in gave one cell are exchangeable: by value, so that no number depends on the ids they had.
            c = c != 0 ? c : ratings.Values[a].CompareTo(ratings.Values[b]);
            return c != 0 ? c : a.CompareTo(b);
        };
        for (int start = 0, end; start < rows.Length; start = end)
        {
            for (end = start + 1; end < rows.Length && ratee[end] == ratee[start] && competency[end] == competency[start]; end++)
            {
            }

            rows.AsSpan(start, end - start).Sort(order);
        }

        var replaced = new RatingSet(
            ratings.Model,
            ratings.Ratees,
            [.. raters],
            ratings.Cycles,
            [.. rows.Select(i => ratings.RateeIndices[i])],
            [.. rows.Select(i => index[rater[i]])],
            [.. rows.Select(i => ratings.CompetencyIndices[i])],
            [.. rows.Select(i => ratings.Sources[i])],
            [.. rows.Select(i => ratings.CycleIndices[i])],
            [.. rows.Select(i => ratings.Values[i])]);
        return new PersonSourceRaters(ratings, replaced);
    }

    /// <summary>
    /// The fit on the stand-ins as a result about the real raters: each estimate counts the real raters behind it; no rater
    /// effect is reported (a stand-in is not a rater), nor the design warnings about raters' effects; the stand-ins'
    /// variance is the person × source component.
    /// </summary>
    public CalibrationResult Restore(CalibrationResult fit)
    {
        var others = _original.WithoutSource(RaterSource.Self);
        var raters = new Dictionary<(RateeId Ratee, int Competency), HashSet<int>>();
        for (var i = 0; i < others.Count; i++)
        {
            var key = (others.Ratees[others.RateeIndices[i]], others.CompetencyIndices[i]);
            if (!raters.TryGetValue(key, out var set))
            {
                raters.Add(key, set = []);
            }

            set.Add(others.RaterIndices[i]);
        }

        var position = _original.Model.Competencies.Select((c, j) => (c.Id, j)).ToDictionary(p => p.Id, p => p.j);
        var estimates = fit.Estimates
            .Select(e => new CompetencyEstimate(e.Person, e.Competency, e.Estimate, e.StandardError, e.Ratings,
                raters.TryGetValue((e.Person, position[e.Competency]), out var set) ? set.Count : 0, e.Reliability, e.ShrunkToward))
            .ToImmutableArray();
        var components = fit.VarianceComponents
            .Select(v => v.Name == VarianceComponent.Rater ? new VarianceComponent(VarianceComponent.RateeSource, v.Variance, v.MonteCarloError) : v)
            .ToImmutableArray();
        var crossed = fit.Crossed is { } model ? new CrossedModelFit(model.Path, components, model.RemlCriterion, model.Probes) : null;
        var sources = others.Sources.ToArray().Distinct().Count();
        CalibrationWarning warning = new(CalibrationWarningCodes.RaterTermPerPersonSource,
            $"The {others.Raters.Length} raters' ids do not repeat ({others.Count - others.Raters.Length} of {others.Count} ratings repeat a rater; an export that anonymises each response gives every rating its own id), " +
            $"so no rater's leniency can be estimated. A person's ratings from one source share that source's raters' leniency, so the model takes a random effect per person and source, (1 | ratee:source), in place of one per rater " +
            $"({sources} source{(sources == 1 ? "" : "s")}): the estimates are not adjusted for any one rater's leniency, but their standard errors, intervals and probabilities allow for it. No rater effects are reported.");
        return new CalibrationResult(
            fit.Method,
            fit.Algorithm + "; a rater effect per person and source, (1 | ratee:source), raters' ids not repeating",
            estimates,
            [],
            fit.SourceEffects,
            components,
            fit.FixedEffects,
            fit.Iterations,
            fit.Converged,
            fit.Objective,
            [warning, .. fit.Warnings.Where(w => w.Code is not (CalibrationWarningCodes.SingleRatingRaters or CalibrationWarningCodes.DisconnectedDesign))],
            fit.Rasch,
            fit.Estimates.Select(e => e.Person).Distinct().Where(p => fit.ErrorCorrelations(p) is not null).ToDictionary(p => p, p => fit.ErrorCorrelations(p)!),
            crossed,
            fit.Estimates.Select(e => e.Person).Distinct().Where(p => fit.ConditionalErrorCorrelations(p) is not null).ToDictionary(p => p, p => fit.ConditionalErrorCorrelations(p)!));
    }
}
