using System.Collections.Immutable;
using Readiness.Competencies;
using Readiness.Evidence;
using Readiness.Internal;

namespace Readiness.Calibration.Internal;

/// <summary>
/// The longitudinal model's design, <c>value ~ competency + competency:time + source + (1 + time | ratee) +
/// (1 | ratee:competency) + (1 | rater)</c>, gathered in one pass over a <see cref="RatingSet"/> without self-ratings.
/// </summary>
/// <remarks>
/// Fixed columns: the intercept, treatment contrasts for the competencies present (reference: the first in model order),
/// treatment contrasts for the sources present (reference: the first in <see cref="RaterSource"/> order), then one time
/// slope per competency present (lme4 codes <c>competency:time</c> without a main effect of time that way). Each row has at
/// most four non-zero fixed entries, so X is kept as column numbers, not as a matrix. A rating set keeps rows in (ratee,
/// competency, rater) order, so each ratee × competency cell is a contiguous run. When every rating lies at one time the
/// slopes (fixed and random) are left out and the model is the crossed model.
/// </remarks>
internal sealed class GrowthDesign
{
    private readonly int[] _sourceCount;
    private Dictionary<int, Exposure[]> _development = [];
    private readonly int[] _extraStart;
    private readonly int[] _extraColumn;
    private readonly double[] _extraValue;

    public GrowthDesign(RatingSet ratings, ReadOnlySpan<double> cycleYears, bool raterTerm)
        : this(ratings, cycleYears, raterTerm, [], _ => 0)
    {
    }

    /// <param name="ratings">The ratings, without self-ratings.</param>
    /// <param name="cycleYears">Each cycle's time in years, by cycle index.</param>
    /// <param name="raterTerm">Whether the rater term is in the fit.</param>
    /// <param name="development">Development records; each intervention name gains a column of the years spent in it
    /// (<c>during:</c>) and of the years since it ended (<c>after:</c>) at each rating of the competencies it develops.</param>
    /// <param name="yearsOf">A date's time in years.</param>
    public GrowthDesign(RatingSet ratings, ReadOnlySpan<double> cycleYears, bool raterTerm, IReadOnlyList<DevelopmentRecord> development, Func<DateOnly, double> yearsOf)
    {
        Ratings = ratings;
        N = ratings.Count;
        var competency = ratings.CompetencyIndices;
        var source = ratings.Sources;
        var cycle = ratings.CycleIndices;
        Time = new double[N];
        for (var i = 0; i < N; i++)
        {
            Time[i] = cycleYears[cycle[i]];
        }

        Growth = N > 0 && Time.Any(t => t != Time[0]);
        var competencyPresent = new bool[ratings.Model.Competencies.Length];
        var sourcePresent = new bool[Enum.GetValues<RaterSource>().Length];
        _sourceCount = new int[sourcePresent.Length];
        for (var i = 0; i < N; i++)
        {
            competencyPresent[competency[i]] = true;
            sourcePresent[(int)source[i]] = true;
            _sourceCount[(int)source[i]]++;
        }

        var names = new List<string> { "(Intercept)" };
        CompetencyColumn = CrossedDesign.Columns(competencyPresent, names, c => "competency:" + ratings.Model.Competencies[c].Id);
        SourceColumn = CrossedDesign.Columns(sourcePresent, names, s => "source:" + (RaterSource)s);
        SlopeColumn = Growth
            ? CrossedDesign.Columns(competencyPresent, names, c => "time:" + ratings.Model.Competencies[c].Id, skipFirst: false)
            : [.. competencyPresent.Select(_ => -1)];
        RowCompetency = competency.ToArray();
        (Interventions, InterventionColumns, InterventionPeople, _extraStart, _extraColumn, _extraValue) = InterventionTerms(ratings, development, yearsOf, names);
        InterventionCompetencies = [.. Interventions.Select(name =>
        {
            var records = development.Where(d => d.Intervention == name).ToArray();
            return records.Any(r => r.Competency is null)
                ? ratings.Model.Competencies.Select(c => c.Id).ToImmutableArray()
                : [.. ratings.Model.Competencies.Where(c => records.Any(r => IdRules.Comparer.Equals(r.Competency, c.Id.Value))).Select(c => c.Id)];
        })];
        InterventionYears = [.. Interventions.Select(name =>
        {
            var lengths = development.Where(d => d.Intervention == name && d.End is not null).Select(d => yearsOf(d.End!.Value) - yearsOf(d.Start)).Where(y => y > 0).Order().ToArray();
            return lengths.Length == 0 ? (double?)null : (lengths[(lengths.Length - 1) / 2] + lengths[lengths.Length / 2]) / 2;
        })];
        FixedNames = [.. names];
        P = names.Count;
        CompetenciesPresent = competencyPresent.Count(p => p);
        SourcesPresent = [.. Enumerable.Range(0, sourcePresent.Length).Where(s => sourcePresent[s]).Select(s => (RaterSource)s)];
        Ratees = ratings.Ratees.Length;
        RaterTerm = raterTerm;
        Raters = raterTerm ? ratings.Raters.Length : 0;
        Y = ratings.Values.ToArray();
        RowRater = ratings.RaterIndices.ToArray();
        RowSourceColumn = new int[N];
        RowCell = new int[N];
        var cellRatee = new List<int>();
        var cellCompetency = new List<int>();
        var ratee = ratings.RateeIndices;
        for (var i = 0; i < N; i++)
        {
            if (i == 0 || ratee[i] != ratee[i - 1] || competency[i] != competency[i - 1])
            {
                cellRatee.Add(ratee[i]);
                cellCompetency.Add(competency[i]);
            }

            RowCell[i] = cellRatee.Count - 1;
            RowSourceColumn[i] = SourceColumn[(int)source[i]];
        }

        Cells = cellRatee.Count;
        CellRatee = [.. cellRatee];
        RateeCellStart = new int[Ratees + 1];
        for (var c = Cells - 1; c >= 0; c--)
        {
            RateeCellStart[CellRatee[c]] = c;
        }

        RateeCellStart[Ratees] = Cells;
        CellCompetency = [.. cellCompetency];
        CellTerm = CompetenciesPresent > 1 && Cells < N;

        // The times at which each ratee was rated: a person seen at one time has no growth of their own in the data.
        RateeTimes = new int[Ratees];
        var seen = new HashSet<(int, double)>();
        for (var i = 0; i < N; i++)
        {
            if (seen.Add((ratee[i], Time[i])))
            {
                RateeTimes[ratee[i]]++;
            }
        }
    }

    public RatingSet Ratings { get; }

    public int N { get; }

    public int P { get; }

    public int Cells { get; }

    public int Ratees { get; }

    /// <summary>Gets the number of raters in the fit: 0 without the rater term.</summary>
    public int Raters { get; }

    public bool RaterTerm { get; }

    /// <summary>Gets whether the ratee × competency term is in the fit: it needs two competencies and some cell rated twice.</summary>
    public bool CellTerm { get; }

    /// <summary>Gets whether the ratings span more than one time, so that growth (fixed and random slopes) is in the fit.</summary>
    public bool Growth { get; }

    public int CompetenciesPresent { get; }

    public RaterSource[] SourcesPresent { get; }

    public string[] FixedNames { get; }

    /// <summary>Gets, per model competency, its contrast column (−1: the reference, or not present).</summary>
    public int[] CompetencyColumn { get; }

    /// <summary>Gets, per model competency, its time-slope column (−1: not present, or no growth in the fit).</summary>
    public int[] SlopeColumn { get; }

    /// <summary>Gets, per <see cref="RaterSource"/>, its contrast column (−1: the reference, or not present).</summary>
    public int[] SourceColumn { get; }

    public double[] Y { get; }

    /// <summary>Gets each rating's time in years since the first cycle.</summary>
    public double[] Time { get; }

    public int[] RowCell { get; }

    public int[] RowRater { get; }

    public int[] RowCompetency { get; }

    public int[] RowSourceColumn { get; }

    public int[] CellRatee { get; }

    public int[] CellCompetency { get; }

    /// <summary>Gets each ratee's first cell; a ratee's cells are contiguous and end where the next ratee's begin.</summary>
    public int[] RateeCellStart { get; }

    /// <summary>Gets, per ratee, how many distinct times the ratee was rated at.</summary>
    public int[] RateeTimes { get; }

    /// <summary>Gets the intervention names with a column in the fit, in ordinal order.</summary>
    public string[] Interventions { get; }

    /// <summary>Gets, per intervention of <see cref="Interventions"/>, its during and after columns (−1: no rating falls there).</summary>
    public (int During, int After)[] InterventionColumns { get; }

    /// <summary>Gets, per intervention of <see cref="Interventions"/>, how many rated people took part.</summary>
    public int[] InterventionPeople { get; }

    /// <summary>Gets, per intervention of <see cref="Interventions"/>, the competencies its records develop, in model order.</summary>
    public ImmutableArray<CompetencyId>[] InterventionCompetencies { get; }

    /// <summary>Gets, per intervention of <see cref="Interventions"/>, the median length in years of its records that ended (null when none did).</summary>
    public double?[] InterventionYears { get; }

    /// <summary>
    /// Adds to <paramref name="row"/> (a fixed-part row) ratee <paramref name="ratee"/>'s exposure to each intervention on
    /// <paramref name="competency"/> at <paramref name="years"/>: what their development has added by then, as the
    /// ratings' rows carry it.
    /// </summary>
    public void AddExposure(int ratee, int competency, double years, double[] row)
    {
        if (!_development.TryGetValue(ratee, out var records))
        {
            return;
        }

        var id = Ratings.Model.Competencies[competency].Id.Value;
        foreach (var r in records.Where(r => r.Develops(id)))
        {
            var (during, after) = InterventionColumns[r.Label];
            var (spent, since) = r.At(years);
            if (during >= 0)
            {
                row[during] += spent;
            }

            if (after >= 0)
            {
                row[after] += since;
            }
        }
    }

    /// <summary>Gets the most non-zero fixed entries a row can have.</summary>
    public int MaxFixedEntries => 4 + (2 * Interventions.Length);

    /// <summary>Writes row <paramref name="i"/>'s non-zero fixed entries (column, value) and returns how many there are.</summary>
    public int FixedEntries(int i, Span<(int Column, double Value)> entries)
    {
        var count = 0;
        entries[count++] = (0, 1);
        var c = RowCompetency[i];
        if (CompetencyColumn[c] >= 0)
        {
            entries[count++] = (CompetencyColumn[c], 1);
        }

        if (RowSourceColumn[i] >= 0)
        {
            entries[count++] = (RowSourceColumn[i], 1);
        }

        if (SlopeColumn[c] >= 0 && Time[i] != 0)
        {
            entries[count++] = (SlopeColumn[c], Time[i]);
        }

        for (var k = _extraStart[i]; k < _extraStart[i + 1]; k++)
        {
            entries[count++] = (_extraColumn[k], _extraValue[k]);
        }

        return count;
    }

    /// <summary>
    /// The intervention columns: per rating, the years its person had spent in each intervention of its competency by
    /// then, and the years since it ended, summed over their records of that name; a column no rating reaches is left out.
    /// </summary>
    private (string[] Names, (int During, int After)[] Columns, int[] People, int[] Start, int[] Column, double[] Value) InterventionTerms(
        RatingSet ratings, IReadOnlyList<DevelopmentRecord> development, Func<DateOnly, double> yearsOf, List<string> names)
    {
        var labels = development.Select(d => d.Intervention).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var label = labels.Select((l, k) => (l, k)).ToDictionary(p => p.l, p => p.k, StringComparer.Ordinal);
        var byPerson = development.Where(d => ratings.TryGetRateeIndex(d.Person, out _))
            .GroupBy(d => { ratings.TryGetRateeIndex(d.Person, out var t); return t; })
            .ToDictionary(g => g.Key, g => g.Select(d => new Exposure(label[d.Intervention], d.Competency, yearsOf(d.Start), d.End is { } e ? yearsOf(e) : double.PositiveInfinity)).ToArray());
        _development = byPerson;
        var (during, after) = (new List<(int Row, int Label, double Years)>(), new List<(int Row, int Label, double Years)>());
        var ratee = ratings.RateeIndices;
        for (var i = 0; i < N; i++)
        {
            if (!byPerson.TryGetValue(ratee[i], out var records))
            {
                continue;
            }

            var competency = ratings.Model.Competencies[RowCompetency[i]].Id.Value;
            foreach (var r in records.Where(r => r.Develops(competency)))
            {
                var (spent, since) = r.At(Time[i]);
                if (spent > 0)
                {
                    during.Add((i, r.Label, spent));
                }

                if (since > 0)
                {
                    after.Add((i, r.Label, since));
                }
            }
        }

        var columns = new (int During, int After)[labels.Length];
        for (var k = 0; k < labels.Length; k++)
        {
            columns[k] = (during.Any(d => d.Label == k) ? Add("during:" + labels[k]) : -1, after.Any(a => a.Label == k) ? Add("after:" + labels[k]) : -1);
        }

        int Add(string name)
        {
            names.Add(name);
            return names.Count - 1;
        }

        // Per row, one entry per column (a person's records of one name add up).
        var entries = during.Select(d => (d.Row, Column: columns[d.Label].During, d.Years)).Concat(after.Select(a => (a.Row, Column: columns[a.Label].After, a.Years)))
            .GroupBy(e => (e.Row, e.Column)).Select(g => (g.Key.Row, g.Key.Column, Years: g.Sum(e => e.Years))).OrderBy(e => e.Row).ThenBy(e => e.Column).ToArray();
        var start = new int[N + 1];
        foreach (var e in entries)
        {
            start[e.Row + 1]++;
        }

        for (var i = 0; i < N; i++)
        {
            start[i + 1] += start[i];
        }

        var people = labels.Select((_, k) => byPerson.Count(p => p.Value.Any(r => r.Label == k))).ToArray();
        return (labels, columns, people, start, [.. entries.Select(e => e.Column)], [.. entries.Select(e => e.Years)]);
    }

    /// <summary>
    /// The fixed-part row that an estimate of <paramref name="competency"/> at <paramref name="years"/> is reported for: the
    /// intercept, the competency's contrast and slope, and the source contrasts weighted by each source's share of the
    /// ratings — "an average rater other than the person", as the crossed model reports.
    /// </summary>
    public double[] ReferenceRow(int competency, double years)
    {
        var row = new double[P];
        row[0] = 1;
        if (CompetencyColumn[competency] >= 0)
        {
            row[CompetencyColumn[competency]] = 1;
        }

        if (SlopeColumn[competency] >= 0)
        {
            row[SlopeColumn[competency]] = years;
        }

        foreach (var s in SourcesPresent)
        {
            if (SourceColumn[(int)s] >= 0)
            {
                row[SourceColumn[(int)s]] = SourceShare(s);
            }
        }

        return row;
    }

    private double SourceShare(RaterSource source) => (double)_sourceCount[(int)source] / N;


    /// <summary>One development record in years: its intervention (by index), the competency it develops (null: all), its start and end.</summary>
    private readonly record struct Exposure(int Label, string? Competency, double Start, double End)
    {
        public bool Develops(string competency) => Competency is null || IdRules.Comparer.Equals(Competency, competency);

        /// <summary>The years spent in it by <paramref name="years"/>, and the years since it ended.</summary>
        public (double During, double After) At(double years) => (Math.Clamp(years - Start, 0, End - Start), Math.Max(years - End, 0));
    }
}
