using Readiness.Evidence;

namespace Readiness.Calibration.Internal;

/// <summary>
/// The sufficient statistics of the crossed model <c>y = Xβ + Z₁w + Z₂b + Z₃a + e</c> (ratee × competency cells w,
/// ratees b, raters a), gathered in one pass over a <see cref="RatingSet"/>.
/// </summary>
/// <remarks>
/// The fixed part X has an intercept, treatment contrasts for the competencies present (reference: the first in model
/// order) and for the sources present (reference: the first in <see cref="RaterSource"/> order). A rating set keeps rows
/// in (ratee, competency, rater) order, so each cell is a contiguous run of rows and the cells of a ratee are contiguous.
/// </remarks>
internal sealed class CrossedDesign
{
    /// <param name="ratings">The ratings.</param>
    /// <param name="raterTerm">False to fit without the rater term: every rating then counts as the same rater, whose effect the fit holds at 0.</param>
    public CrossedDesign(RatingSet ratings, bool raterTerm = true)
    {
        Ratings = ratings;
        N = ratings.Count;
        var competency = ratings.CompetencyIndices;
        var source = ratings.Sources;
        var y = ratings.Values;

        // Fixed columns: intercept, then competencies present except the first, then sources present except the first.
        var competencyCount = ratings.Model.Competencies.Length;
        var competencyPresent = new bool[competencyCount];
        var sourcePresent = new bool[Enum.GetValues<RaterSource>().Length];
        for (var i = 0; i < N; i++)
        {
            competencyPresent[competency[i]] = true;
            sourcePresent[(int)source[i]] = true;
        }

        var names = new List<string> { "(Intercept)" };
        CompetencyColumn = Columns(competencyPresent, names, c => "competency:" + ratings.Model.Competencies[c].Id);
        SourceColumn = Columns(sourcePresent, names, s => "source:" + (RaterSource)s);
        FixedNames = [.. names];
        P = names.Count;
        CompetenciesPresent = competencyPresent.Count(p => p);
        SourcesPresent = [.. Enumerable.Range(0, sourcePresent.Length).Where(s => sourcePresent[s]).Select(s => (RaterSource)s)];

        Ratees = ratings.Ratees.Length;
        RaterTerm = raterTerm;
        Raters = raterTerm ? ratings.Raters.Length : 1;
        RowRater = raterTerm ? ratings.RaterIndices.ToArray() : new int[N];
        Y = y.ToArray();
        RowCell = new int[N];
        RowCompetencyColumn = new int[N];
        RowSourceColumn = new int[N];

        var cellRatee = new List<int>();
        var cellCompetency = new List<int>();
        var cellStart = new List<int>();
        var ratee = ratings.RateeIndices;
        for (var i = 0; i < N; i++)
        {
            if (i == 0 || ratee[i] != ratee[i - 1] || competency[i] != competency[i - 1])
            {
                cellRatee.Add(ratee[i]);
                cellCompetency.Add(competency[i]);
                cellStart.Add(i);
            }

            RowCell[i] = cellStart.Count - 1;
            RowCompetencyColumn[i] = CompetencyColumn[competency[i]];
            RowSourceColumn[i] = SourceColumn[(int)source[i]];
        }

        cellStart.Add(N);
        Cells = cellRatee.Count;
        CellRatee = [.. cellRatee];
        CellCompetency = [.. cellCompetency];
        CellStart = [.. cellStart];

        // Distinct raters per cell among the rating set's own raters (rows run in rater order within a cell), whether or
        // not the fit keeps them apart.
        CellRaters = new int[Cells];
        var raterOf = ratings.RaterIndices;
        for (var c = 0; c < Cells; c++)
        {
            for (var i = CellStart[c]; i < CellStart[c + 1]; i++)
            {
                CellRaters[c] += i == CellStart[c] || raterOf[i] != raterOf[i - 1] ? 1 : 0;
            }
        }
        RateeCellStart = new int[Ratees + 1];
        for (var c = Cells - 1; c >= 0; c--)
        {
            RateeCellStart[CellRatee[c]] = c;
        }

        RateeCellStart[Ratees] = Cells;

        // Per-level totals: counts, sums of y and of X rows.
        CellN = new double[Cells];
        CellY = new double[Cells];
        CellX = new double[Cells * P];
        RateeN = new double[Ratees];
        RateeY = new double[Ratees];
        RateeX = new double[Ratees * P];
        RaterN = new double[Raters];
        RaterY = new double[Raters];
        RaterX = new double[Raters * P];
        XtX = new double[P * P];
        Xty = new double[P];
        for (var i = 0; i < N; i++)
        {
            var c = RowCell[i];
            var t = CellRatee[c];
            var r = RowRater[i];
            CellN[c]++;
            CellY[c] += Y[i];
            RateeN[t]++;
            RateeY[t] += Y[i];
            RaterN[r]++;
            RaterY[r] += Y[i];
            YtY += Y[i] * Y[i];
            foreach (var j in RowColumns(i))
            {
                CellX[(c * P) + j]++;
                RateeX[(t * P) + j]++;
                RaterX[(r * P) + j]++;
                Xty[j] += Y[i];
                foreach (var k in RowColumns(i))
                {
                    XtX[(j * P) + k]++;
                }
            }
        }

        (CellRaterStart, CellRaterIndex, CellRaterCount) = CellRaterLists();
        (RateeRaterStart, RateeRaterIndex, RateeRaterCount) = RateeRaterLists();
    }

    /// <summary>The first fixed column that is a linear combination of the columns before it, or -1 when X has full column rank.</summary>
    /// <remarks>
    /// A column's Cholesky pivot in XᵀX is its squared distance from the span of the earlier columns. XᵀX holds counts, so
    /// the pivot of a dependent column is rounding, about 1e-16 of its count; the floor, 1e-10 of the count, sits well
    /// above that, and a design one rating away from such a confound is still accepted (tested). The fit's own
    /// factorisation cannot be trusted to fail on a dependent column: rounding leaves a tiny positive pivot, and the fit
    /// then reported standard errors of 3.5 × 10⁷ instead of refusing.
    /// </remarks>
    public int FirstDependentFixedColumn()
    {
        var l = new double[P * P];
        for (var j = 0; j < P; j++)
        {
            var pivot = XtX[(j * P) + j];
            for (var k = 0; k < j; k++)
            {
                pivot -= l[(j * P) + k] * l[(j * P) + k];
            }

            if (!(pivot > 1e-10 * XtX[(j * P) + j]))
            {
                return j;
            }

            l[(j * P) + j] = Math.Sqrt(pivot);
            for (var i = j + 1; i < P; i++)
            {
                var sum = XtX[(i * P) + j];
                for (var k = 0; k < j; k++)
                {
                    sum -= l[(i * P) + k] * l[(j * P) + k];
                }

                l[(i * P) + j] = sum / l[(j * P) + j];
            }
        }

        return -1;
    }

    public RatingSet Ratings { get; }

    public int N { get; }

    public int P { get; }

    public int Cells { get; }

    public int Ratees { get; }

    public int Raters { get; }

    /// <summary>Gets a value indicating whether raters are the rating set's raters; false when the fit leaves the rater term out and one stand-in rater holds every rating.</summary>
    public bool RaterTerm { get; }

    public int CompetenciesPresent { get; }

    public RaterSource[] SourcesPresent { get; }

    public string[] FixedNames { get; }

    /// <summary>Fixed column of each model competency, or -1 (reference or absent).</summary>
    public int[] CompetencyColumn { get; }

    /// <summary>Fixed column of each source, or -1 (reference or absent).</summary>
    public int[] SourceColumn { get; }

    public double[] Y { get; }

    public double YtY { get; }

    public int[] RowCell { get; }

    public int[] RowRater { get; }

    public int[] RowCompetencyColumn { get; }

    public int[] RowSourceColumn { get; }

    public int[] CellRatee { get; }

    public int[] CellCompetency { get; }

    public int[] CellStart { get; }

    /// <summary>Gets the number of distinct raters of each cell.</summary>
    public int[] CellRaters { get; }

    public int[] RateeCellStart { get; }

    public double[] CellN { get; }

    public double[] CellY { get; }

    public double[] CellX { get; }

    public double[] RateeN { get; }

    public double[] RateeY { get; }

    public double[] RateeX { get; }

    public double[] RaterN { get; }

    public double[] RaterY { get; }

    public double[] RaterX { get; }

    public double[] XtX { get; }

    public double[] Xty { get; }

    /// <summary>For each cell, the raters who rated it and how often (CSR: start offsets into index/count).</summary>
    public int[] CellRaterStart { get; }

    public int[] CellRaterIndex { get; }

    public double[] CellRaterCount { get; }

    /// <summary>For each ratee, the raters who rated them and how often, raters ascending (CSR).</summary>
    public int[] RateeRaterStart { get; }

    public int[] RateeRaterIndex { get; }

    public double[] RateeRaterCount { get; }

    /// <summary>The fixed columns that are 1 in row <paramref name="i"/> (the intercept always, plus its competency and source columns).</summary>
    public RowColumnSet RowColumns(int i) => new(RowCompetencyColumn[i], RowSourceColumn[i]);

    /// <summary>Fitted fixed part of row i: x_i'β.</summary>
    public double FixedPart(int i, ReadOnlySpan<double> beta)
    {
        var value = beta[0];
        if (RowCompetencyColumn[i] >= 0)
        {
            value += beta[RowCompetencyColumn[i]];
        }

        if (RowSourceColumn[i] >= 0)
        {
            value += beta[RowSourceColumn[i]];
        }

        return value;
    }

    /// <summary>
    /// One fixed column per level present, named and appended to <paramref name="names"/>; with
    /// <paramref name="skipFirst"/>, treatment contrasts: the first level present is the reference and gets none. −1 for a
    /// level without a column.
    /// </summary>
    internal static int[] Columns(bool[] present, List<string> names, Func<int, string> name, bool skipFirst = true)
    {
        var columns = new int[present.Length];
        Array.Fill(columns, -1);
        var first = skipFirst;
        for (var level = 0; level < present.Length; level++)
        {
            if (!present[level])
            {
                continue;
            }

            if (first)
            {
                first = false;
                continue;
            }

            columns[level] = names.Count;
            names.Add(name(level));
        }

        return columns;
    }

    private (int[] Start, int[] Index, double[] Count) CellRaterLists()
    {
        // Within a cell rows are sorted by rater, so equal raters (several cycles) are adjacent.
        var start = new int[Cells + 1];
        var index = new List<int>(N);
        var count = new List<double>(N);
        for (var c = 0; c < Cells; c++)
        {
            start[c] = index.Count;
            for (var i = CellStart[c]; i < CellStart[c + 1]; i++)
            {
                if (i > CellStart[c] && RowRater[i] == RowRater[i - 1])
                {
                    count[^1]++;
                }
                else
                {
                    index.Add(RowRater[i]);
                    count.Add(1);
                }
            }
        }

        start[Cells] = index.Count;
        return (start, [.. index], [.. count]);
    }

    private (int[] Start, int[] Index, double[] Count) RateeRaterLists()
    {
        var start = new int[Ratees + 1];
        var index = new List<int>();
        var count = new List<double>();
        var tally = new double[Raters];
        var touched = new List<int>();
        for (var t = 0; t < Ratees; t++)
        {
            start[t] = index.Count;
            for (var c = RateeCellStart[t]; c < RateeCellStart[t + 1]; c++)
            {
                for (var k = CellRaterStart[c]; k < CellRaterStart[c + 1]; k++)
                {
                    var r = CellRaterIndex[k];
                    if (tally[r] == 0)
                    {
                        touched.Add(r);
                    }

                    tally[r] += CellRaterCount[k];
                }
            }

            touched.Sort();
            foreach (var r in touched)
            {
                index.Add(r);
                count.Add(tally[r]);
                tally[r] = 0;
            }

            touched.Clear();
        }

        start[Ratees] = index.Count;
        return (start, [.. index], [.. count]);
    }

    /// <summary>The (at most three) fixed columns of one row, enumerable without allocation.</summary>
    internal readonly struct RowColumnSet(int competency, int source)
    {
        public Enumerator GetEnumerator() => new(competency, source);

        internal struct Enumerator(int competency, int source)
        {
            private int _step = -1;

            public readonly int Current => _step switch
            {
                0 => 0,
                1 => competency,
                _ => source,
            };

            public bool MoveNext()
            {
                while (++_step <= 2)
                {
                    if (_step == 0 || (_step == 1 && competency >= 0) || (_step == 2 && source >= 0))
                    {
                        return true;
                    }
                }

                return false;
            }
        }
    }
}
