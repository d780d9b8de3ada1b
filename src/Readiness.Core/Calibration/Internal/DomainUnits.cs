using System.Collections.Immutable;
using Readiness.Competencies;
using Readiness.Evidence;

namespace Readiness.Calibration.Internal;

/// <summary>
/// A person's ratings split by competency domain, so that the crossed model gives each person one effect per domain
/// (<c>(1 | ratee:domain)</c> in lme4's terms) rather than one shared by every competency; and the fit on those units put
/// back together per person.
/// </summary>
/// <remarks>
/// The library's premise is that leadership and individual performance are different competency sets: a person strong in
/// one need not be in the other. With one person effect, a strong leader's leadership estimates are pulled toward their
/// performance ones; with one per domain, each domain's estimates are pulled only toward that domain's level. The units are
/// rating-set ratees made up inside the fit (the person's id, an invisible separator, the domain), so nothing outside sees
/// them: the result is keyed by person again. The model gives the domains' effects no correlation, but their estimates'
/// errors do correlate: the same raters rated both, and their leniency is estimated, not known; the exact path measures
/// that (<see cref="CalibrationResult.UnitCrossings"/>).
/// </remarks>
internal sealed class DomainUnits
{
    private const char Separator = '\u2063';

    private readonly RateeId[] _person;

    private readonly Dictionary<RateeId, RateeId> _personOf;

    private DomainUnits(RatingSet ratings, RateeId[] person)
    {
        Ratings = ratings;
        _person = person;
        _personOf = ratings.Ratees.Zip(person).ToDictionary(p => p.First, p => p.Second);
    }

    /// <summary>The person a unit is one domain of.</summary>
    public RateeId PersonOf(RateeId unit) => _personOf[unit];

    /// <summary>Whether two units are the same person's.</summary>
    public bool SamePerson(RateeId unit, RateeId other) => PersonOf(unit) == PersonOf(other);

    /// <summary>Gets the ratings with every person split into one ratee per domain they were rated in.</summary>
    public RatingSet Ratings { get; }

    /// <summary>Splits the ratings by domain; null when the competencies rated are all of one domain (nothing to split).</summary>
    public static DomainUnits? Split(RatingSet ratings)
    {
        var model = ratings.Model;
        var competency = ratings.CompetencyIndices;
        var ratee = ratings.RateeIndices;
        var domain = new int[ratings.Count];
        var domains = new HashSet<CompetencyDomain>();
        for (var i = 0; i < ratings.Count; i++)
        {
            var d = model.Competencies[competency[i]].Domain;
            domain[i] = (int)d;
            domains.Add(d);
        }

        if (domains.Count < 2)
        {
            return null;
        }

        // Units in ordinal id order, as a rating set keeps its ratees; rows regrouped by unit, keeping their order within
        // one (competency, then rater), which the crossed model's design reads cells from.
        var keys = new Dictionary<(int Ratee, int Domain), string>();
        for (var i = 0; i < ratings.Count; i++)
        {
            var key = (Ratee: ratee[i], Domain: domain[i]);
            if (!keys.ContainsKey(key))
            {
                keys.Add(key, $"{ratings.Ratees[key.Ratee].Value}{Separator}{(CompetencyDomain)key.Domain}");
            }
        }

        var ordered = keys.OrderBy(k => k.Value, StringComparer.Ordinal).ToArray();
        var unitOf = new Dictionary<(int Ratee, int Domain), int>(ordered.Length);
        for (var u = 0; u < ordered.Length; u++)
        {
            unitOf.Add(ordered[u].Key, u);
        }

        var unit = new int[ratings.Count];
        for (var i = 0; i < ratings.Count; i++)
        {
            unit[i] = unitOf[(ratee[i], domain[i])];
        }

        var rows = Enumerable.Range(0, ratings.Count).OrderBy(i => unit[i]).ToArray();
        var split = new RatingSet(
            model,
            [.. ordered.Select(k => RateeId.Internal(k.Value))],
            ratings.Raters,
            ratings.Cycles,
            [.. rows.Select(i => unit[i])],
            [.. rows.Select(i => ratings.RaterIndices[i])],
            [.. rows.Select(i => ratings.CompetencyIndices[i])],
            [.. rows.Select(i => ratings.Sources[i])],
            [.. rows.Select(i => ratings.CycleIndices[i])],
            [.. rows.Select(i => ratings.Values[i])]);
        return new DomainUnits(split, [.. ordered.Select(k => ratings.Ratees[k.Key.Ratee])]);
    }

    /// <summary>
    /// The fit on the units, keyed by person again: each person's estimates in the model's competency order (as a fit
    /// without units gives them), with their correlations across domains where the fit measured them.
    /// </summary>
    public CalibrationResult Merge(CalibrationResult fit)
    {
        var position = Ratings.Model.Competencies.Select((c, j) => (c.Id, j)).ToDictionary(p => p.Id, p => p.j);
        var units = Enumerable.Range(0, _person.Length).GroupBy(u => _person[u]).OrderBy(g => g.Key).ToArray();
        var estimates = ImmutableArray.CreateBuilder<CompetencyEstimate>(fit.Estimates.Length);
        var correlations = new Dictionary<RateeId, EstimateCorrelations>(units.Length);
        var conditional = new Dictionary<RateeId, EstimateCorrelations>(units.Length);
        foreach (var person in units)
        {
            // Each estimate with its unit and its place among the unit's own, in the model's order.
            var entries = person
                .Select(u => Ratings.Ratees[u])
                .SelectMany(id => fit.EstimatesFor(id).Select((e, i) => (Estimate: e, Unit: id, Index: i)))
                .OrderBy(entry => position[entry.Estimate.Competency])
                .ToArray();
            foreach (var (e, _, _) in entries)
            {
                estimates.Add(new CompetencyEstimate(person.Key, e.Competency, e.Estimate, e.StandardError, e.Ratings, e.Raters, e.Reliability, e.ShrunkToward));
            }

            if (Within(entries, fit.ErrorCorrelations, fit.UnitCrossings, c => c.Posterior) is { } posterior)
            {
                correlations.Add(person.Key, posterior);
            }

            if (Within(entries, fit.ConditionalErrorCorrelations, fit.UnitCrossings, c => c.Conditional) is { } given)
            {
                conditional.Add(person.Key, given);
            }
        }

        return new CalibrationResult(
            fit.Method,
            fit.Algorithm + "; a person effect per competency domain, (1 | ratee:domain)",
            estimates.ToImmutable(),
            fit.RaterEffects,
            fit.SourceEffects,
            fit.VarianceComponents,
            fit.FixedEffects,
            fit.Iterations,
            fit.Converged,
            fit.Objective,
            fit.Warnings,
            fit.Rasch,
            correlations,
            fit.Crossed?.PerDomain(),
            conditional);
    }

    /// <summary>
    /// The correlations among one person's estimates: each unit's own within it; between units those the fit measured (the
    /// shared raters' and fixed effects' uncertainty, on the exact path), 0 where it measured none; null when a unit has none.
    /// </summary>
    private static EstimateCorrelations? Within(
        (CompetencyEstimate Estimate, RateeId Unit, int Index)[] entries,
        Func<RateeId, EstimateCorrelations?> of,
        IReadOnlyDictionary<RateeId, UnitCrossing>? crossings,
        Func<UnitCrossing, double[]> which)
    {
        var byUnit = new Dictionary<RateeId, EstimateCorrelations>();
        foreach (var unit in entries.Select(e => e.Unit).Distinct())
        {
            if (of(unit) is not { } correlations)
            {
                return null;
            }

            byUnit.Add(unit, correlations);
        }

        // Two units' estimates: the crossing is kept under the later unit, its rows the earlier unit's estimates.
        double Between((CompetencyEstimate Estimate, RateeId Unit, int Index) a, (CompetencyEstimate Estimate, RateeId Unit, int Index) b)
        {
            if (crossings is not null && crossings.TryGetValue(b.Unit, out var crossing) && crossing.Before == a.Unit)
            {
                (a, b) = (b, a);
            }
            else if (crossings is null || !(crossings.TryGetValue(a.Unit, out crossing) && crossing.Before == b.Unit))
            {
                return 0;
            }

            return which(crossing)[(b.Index * byUnit[a.Unit].Count) + a.Index];
        }

        var lower = new List<double>(entries.Length * (entries.Length - 1) / 2);
        for (var i = 1; i < entries.Length; i++)
        {
            for (var j = 0; j < i; j++)
            {
                lower.Add(entries[i].Unit == entries[j].Unit ? byUnit[entries[i].Unit][entries[i].Index, entries[j].Index] : Between(entries[i], entries[j]));
            }
        }

        return EstimateCorrelations.FromLowerTriangle(entries.Length, lower);
    }
}
