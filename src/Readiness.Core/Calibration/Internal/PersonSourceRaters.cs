using System.Collections.Immutable;
using System.Globalization;
using Readiness.Evidence;
using Readiness.Internal;

namespace Readiness.Calibration.Internal;

/// <summary>
/// Raters who cannot be told apart — an export that gives every response of a source its own rater id — replaced by one
/// stand-in rater per person and source, so that the crossed model's rater term holds <c>(1 | ratee:source)</c> for those
/// sources (and is that alone when every source is anonymised); and the fit on the stand-ins given back with the real
/// raters' counts.
/// </summary>
/// <remarks>
/// A rater's leniency moves all their ratings of a person together. Without ids that repeat, the model cannot see whose
/// ratings those are, and leaving the rater term out treats each rating's share of it as independent noise: the estimates'
/// errors look smaller than they are (on simulated anonymised 360° exports, 90% intervals covered about 80% and P(ready
/// now) ran up to 0.3 too high). What an anonymised export still shows is which source each rating came from: a person's
/// manager ratings share their manager's leniency, their peer ratings the average of their peers'. A random effect per
/// person and source models that sharing. Exports often name the manager and anonymise everyone else: the named raters keep
/// their effects, and the stand-ins of the anonymised sources join them in the rater term. The stand-ins are rating-set
/// raters made up inside the fit (the person's id, an invisible separator, the source), so nothing outside sees them.
/// </remarks>
internal sealed class PersonSourceRaters
{
    private const char Separator = '\u2063';

    /// <summary>The share of a source's ratings below which its repeated rater ids count as strays: a rater who rates a person gives a rating per competency, so an export with ids repeats nearly all of them.</summary>
    private const double StrayRepeats = 0.1;

    /// <summary>The share of a source's ratings that may repeat one of the same person's raters and still count as strays.</summary>
    private const double SamePersonRepeats = 0.01;

    private readonly RatingSet _original;
    private readonly HashSet<RaterSource> _anonymised;

    private PersonSourceRaters(RatingSet original, RatingSet ratings, HashSet<RaterSource> anonymised)
    {
        _original = original;
        Ratings = ratings;
        _anonymised = anonymised;
    }

    /// <summary>Gets the ratings with every rating from an anonymised source given by its person-and-source stand-in (other ratings keep their rater).</summary>
    public RatingSet Ratings { get; }

    /// <summary>
    /// The sources other than self whose rater ids hardly repeat: over more than one rater, fewer than a tenth of their
    /// ratings repeat a rater, and hardly any (a hundredth) repeats one of the same person's raters — a rater who rates a
    /// person gives a rating per competency, so an id that rated one person twice belongs to somebody.
    /// </summary>
    public static HashSet<RaterSource> AnonymisedSources(RatingSet ratings)
    {
        // One pass over arrays, as every fit of a named export makes it too. Rows come person by person (a rating set's
        // order), so a rater whose last person is this one repeats one of the person's raters.
        var sources = Enum.GetValues<RaterSource>().Max(s => (int)s) + 1;
        var (count, distinct, samePerson) = (new int[sources], new int[sources], new int[sources]);
        var seenIn = new int[ratings.Raters.Length];
        var lastPerson = new int[ratings.Raters.Length];
        Array.Fill(lastPerson, -1);
        var ratee = ratings.RateeIndices;
        var rater = ratings.RaterIndices;
        for (var i = 0; i < ratings.Count; i++)
        {
            var source = (int)ratings.Sources[i];
            if (source == (int)RaterSource.Self)
            {
                continue;
            }

            var r = rater[i];
            count[source]++;
            distinct[source] += (seenIn[r] & (1 << source)) == 0 ? 1 : 0;
            seenIn[r] |= 1 << source;
            samePerson[source] += lastPerson[r] == ratee[i] ? 1 : 0;
            lastPerson[r] = ratee[i];
        }

        return [.. Enumerable.Range(0, sources)
            .Where(s => distinct[s] > 1 && count[s] - distinct[s] < StrayRepeats * count[s] && samePerson[s] <= SamePersonRepeats * count[s])
            .Select(s => (RaterSource)s)];
    }

    /// <summary>The sources' wire names in the enumeration's order, as prose: "peer", "peer and direct-report", "manager, peer and direct-report".</summary>
    public static string Names(IEnumerable<RaterSource> sources)
    {
        var names = sources.Order().Select(WireText.Of).ToArray();
        return names.Length == 1 ? names[0] : $"{string.Join(", ", names[..^1])} and {names[^1]}";
    }

    /// <summary>
    /// The stand-ins, for each source (other than self) whose rater ids do not repeat (<see cref="AnonymisedSources"/>); null
    /// when no source is so, or when the stand-ins would not make a rater term: fewer than <paramref name="minRepeats"/> ratings
    /// repeat a rater among them, or as few rater levels beyond one a person (everyone rated by one anonymised source only:
    /// the stand-in would be the person effect again).
    /// </summary>
    public static PersonSourceRaters? Replace(RatingSet ratings, int minRepeats)
    {
        var anonymised = AnonymisedSources(ratings);
        if (anonymised.Count == 0)
        {
            return null;
        }

        var standIn = new Dictionary<(int Ratee, RaterSource Source), RaterId>();
        var rater = new RaterId[ratings.Count];
        for (var i = 0; i < ratings.Count; i++)
        {
            var source = ratings.Sources[i];
            if (!anonymised.Contains(source))
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

        // A stand-in nests in its person: where everyone was rated by one anonymised source and nobody else it is the person
        // effect again. The term is told from it by people with several rater levels (stand-ins or named raters), and needs
        // as many levels beyond one a person as it needs repeated ratings.
        // Counted over the rows person by person (a rating set's order): a stand-in is one person's level; a named rater is a
        // level of every person they rated.
        var (rated, namedRaters, namedLevels, lastPerson) = (0, 0, 0, new int[ratings.Raters.Length]);
        var people = new HashSet<int>();
        Array.Fill(lastPerson, -1);
        for (var i = 0; i < ratings.Count; i++)
        {
            var source = ratings.Sources[i];
            if (source == RaterSource.Self)
            {
                continue;
            }

            rated++;
            people.Add(ratings.RateeIndices[i]);
            var r = ratings.RaterIndices[i];
            if (!anonymised.Contains(source) && lastPerson[r] != ratings.RateeIndices[i])
            {
                namedRaters += lastPerson[r] == -1 ? 1 : 0;
                namedLevels++;
                lastPerson[r] = ratings.RateeIndices[i];
            }
        }

        if (rated - (standIn.Count + namedRaters) < minRepeats || standIn.Count + namedLevels - people.Count < minRepeats)
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
        return new PersonSourceRaters(ratings, replaced, anonymised);
    }

    /// <summary>
    /// The fit on the stand-ins as a result about the real raters: each estimate counts the real raters behind it; only
    /// named raters' effects are reported (a stand-in is not a rater), and no design warning about single-rating raters;
    /// where every source was anonymised, the stand-ins' variance is the person × source component.
    /// </summary>
    public CalibrationResult Restore(CalibrationResult fit)
    {
        var others = _original.WithoutSource(RaterSource.Self);
        var raters = new Dictionary<(RateeId Ratee, int Competency), HashSet<int>>();
        var (count, anonymousRaters, namedRaters) = (0, new HashSet<int>(), new HashSet<int>());
        for (var i = 0; i < others.Count; i++)
        {
            var key = (others.Ratees[others.RateeIndices[i]], others.CompetencyIndices[i]);
            if (!raters.TryGetValue(key, out var set))
            {
                raters.Add(key, set = []);
            }

            set.Add(others.RaterIndices[i]);
            var anonymous = _anonymised.Contains(others.Sources[i]);
            count += anonymous ? 1 : 0;
            (anonymous ? anonymousRaters : namedRaters).Add(others.RaterIndices[i]);
        }

        var position = _original.Model.Competencies.Select((c, j) => (c.Id, j)).ToDictionary(p => p.Id, p => p.j);
        var estimates = fit.Estimates
            .Select(e => new CompetencyEstimate(e.Person, e.Competency, e.Estimate, e.StandardError, e.Ratings,
                raters.TryGetValue((e.Person, position[e.Competency]), out var set) ? set.Count : 0, e.Reliability, e.ShrunkToward))
            .ToImmutableArray();
        var every = namedRaters.Count == 0;
        var components = fit.VarianceComponents
            .Select(v => every && v.Name == VarianceComponent.Rater ? new VarianceComponent(VarianceComponent.RateeSource, v.Variance, v.MonteCarloError) : v)
            .ToImmutableArray();
        var crossed = fit.Crossed is { } model ? new CrossedModelFit(model.Path, components, model.RemlCriterion, model.Probes, model.PersonEffectPerDomain) : null;
        var sources = Names(_anonymised);
        var repeats = count - anonymousRaters.Count;
        var warning = new CalibrationWarning(CalibrationWarningCodes.RaterTermPerPersonSource, every
            ? string.Create(CultureInfo.InvariantCulture,
                $"Rater ids almost never repeat here ({(repeats == 0 ? "none" : $"only {repeats:N0}")} of the {count:N0} ratings by others repeat one; an export that anonymises each response gives every rating its own id), so no rater's leniency can be estimated. ") +
              $"A person's ratings from one source share that source's raters' leniency, so the model takes a random effect per person and source, (1 | ratee:source), in place of one per rater ({sources}): " +
              "the estimates are not adjusted for any one rater's leniency, but their standard errors, intervals and probabilities allow for it. No rater effects are reported."
            : string.Create(CultureInfo.InvariantCulture,
                $"The ids of the {sources} raters almost never repeat ({(repeats == 0 ? "none" : $"only {repeats:N0}")} of their {count:N0} ratings repeat one; an export that anonymises those responses gives each its own id), so none of their leniency can be estimated. ") +
              string.Create(CultureInfo.InvariantCulture,
                $"A person's ratings from one such source share its raters' leniency, so they take a rater effect per person and source, (1 | ratee:source), in the rater term beside the {namedRaters.Count:N0} other raters, whose ids repeat: ") +
              "the estimates are adjusted for those raters' leniency only, but their standard errors, intervals and probabilities allow for the rest. Rater effects are reported for those raters only.");
        return new CalibrationResult(
            fit.Method,
            fit.Algorithm + (every ? "; a rater effect per person and source, (1 | ratee:source), raters' ids not repeating" : $"; a rater effect per person and source for {sources}, whose raters' ids do not repeat"),
            estimates,
            [.. fit.RaterEffects.Where(r => _original.TryGetRaterIndex(r.Rater, out _))],
            fit.SourceEffects,
            components,
            fit.FixedEffects,
            fit.Iterations,
            fit.Converged,
            fit.Objective,
            [warning, .. fit.Warnings
                .Where(w => w.Code != CalibrationWarningCodes.SingleRatingRaters && !(every && w.Code == CalibrationWarningCodes.DisconnectedDesign))
                .Select(w => w.Code == CalibrationWarningCodes.DisconnectedDesign
                    ? new CalibrationWarning(w.Code, w.Message + $" The {sources} raters, whose ids do not repeat, connect no one: only the named raters link people (with only the managers named, each manager's team is a group of its own).")
                    : w)],
            fit.Rasch,
            ByPerson(fit, fit.ErrorCorrelations),
            crossed,
            ByPerson(fit, fit.ConditionalErrorCorrelations));
    }

    /// <summary>The fit's correlations of each person who has them (the people are the same; only the raters were stand-ins).</summary>
    private static Dictionary<RateeId, EstimateCorrelations> ByPerson(CalibrationResult fit, Func<RateeId, EstimateCorrelations?> of) =>
        fit.Estimates.Select(e => e.Person).Distinct()
            .Select(person => (Person: person, Correlations: of(person)))
            .Where(p => p.Correlations is not null)
            .ToDictionary(p => p.Person, p => p.Correlations!);
}
