namespace Readiness.Calibration.Internal;

/// <summary>
/// The sums over ratee × competency cells that the crossed system needs at every θ, grouped by cell size: within each
/// ratee (over that ratee's raters) and, for the fixed part, over all cells.
/// </summary>
/// <remarks>
/// Eliminating a cell divides every update by its pivot θ₁² n + 1, which depends only on its size n. Cells of one size
/// can therefore be summed once, when the system is built, and each evaluation of the REML criterion scales the sums
/// instead of visiting every cell: a ratee's cells mostly share one or two sizes (every rater rated every competency, or
/// one rating is missing), so this replaces about 14 cell passes per ratee with one or two vectorised ones.
/// </remarks>
internal sealed class CellGroups
{
    public CellGroups(CrossedDesign d)
    {
        var p = d.P;
        var sizes = (int)d.CellN.DefaultIfEmpty(0).Max() + 1;
        CellsOfSize = new double[sizes];
        YSquaredOfSize = new double[sizes];
        XyOfSize = new double[sizes * p];
        XxOfSize = new double[sizes * p * p];

        // First pass: each ratee's cells in size order, and how many groups (and per-group storage) that makes.
        var order = new int[d.Cells];
        var bySize = Comparer<int>.Create((x, y) => d.CellN[x] != d.CellN[y] ? d.CellN[x].CompareTo(d.CellN[y]) : x.CompareTo(y));
        RateeStart = new int[d.Ratees + 1];
        long groups = 0, raterEntries = 0, pairEntries = 0;
        for (var t = 0; t < d.Ratees; t++)
        {
            var (cs, ce) = (d.RateeCellStart[t], d.RateeCellStart[t + 1]);
            for (var c = cs; c < ce; c++)
            {
                order[c] = c;
            }

            // Ties broken by cell index: cells keep their (model) order within a group.
            Array.Sort(order, cs, ce - cs, bySize);
            RateeStart[t] = (int)groups;
            var k = d.RateeRaterStart[t + 1] - d.RateeRaterStart[t];
            for (var i = cs; i < ce; i++)
            {
                if (i == cs || d.CellN[order[i]] != d.CellN[order[i - 1]])
                {
                    groups++;
                    raterEntries += k;
                    pairEntries += k * (k + 1) / 2;
                }
            }
        }

        RateeStart[d.Ratees] = (int)groups;
        Size = new int[groups];
        Cells = new double[groups];
        Y = new double[groups];
        X = new double[groups * p];
        RaterStart = new int[groups];
        PairStart = new int[groups];
        RaterCount = new double[raterEntries];
        RaterY = new double[raterEntries];
        RaterX = new double[raterEntries * p];
        Pairs = new double[pairEntries];

        // Second pass: the sums. Only a cell's non-zero fixed columns (intercept, its competency, its raters' sources) are visited.
        var position = new int[d.Raters];
        var used = new int[p];
        var group = -1;
        int raterOffset = 0, pairOffset = 0;
        for (var t = 0; t < d.Ratees; t++)
        {
            var rs = d.RateeRaterStart[t];
            var k = d.RateeRaterStart[t + 1] - rs;
            for (var l = 0; l < k; l++)
            {
                position[d.RateeRaterIndex[rs + l]] = l;
            }

            for (var i = d.RateeCellStart[t]; i < d.RateeCellStart[t + 1]; i++)
            {
                var c = order[i];
                var n = (int)d.CellN[c];
                if (i == d.RateeCellStart[t] || n != Size[group])
                {
                    group++;
                    Size[group] = n;
                    RaterStart[group] = raterOffset;
                    PairStart[group] = pairOffset;
                    raterOffset += k;
                    pairOffset += k * (k + 1) / 2;
                }

                var yc = d.CellY[c];
                var xc = d.CellX.AsSpan(c * p, p);
                var nonZero = 0;
                for (var j = 0; j < p; j++)
                {
                    if (xc[j] != 0)
                    {
                        used[nonZero++] = j;
                    }
                }

                Cells[group]++;
                Y[group] += yc;
                var cs = d.CellRaterStart[c];
                for (var q = cs; q < d.CellRaterStart[c + 1]; q++)
                {
                    var l = RaterStart[group] + position[d.CellRaterIndex[q]];
                    var count = d.CellRaterCount[q];
                    RaterCount[l] += count;
                    RaterY[l] += count * yc;
                    foreach (var j in used.AsSpan(0, nonZero))
                    {
                        RaterX[((long)l * p) + j] += count * xc[j];
                    }

                    // Raters within a cell are in ascending order, so earlier ones have smaller local positions.
                    var row = PairStart[group] + (position[d.CellRaterIndex[q]] * (position[d.CellRaterIndex[q]] + 1) / 2);
                    for (var q2 = cs; q2 <= q; q2++)
                    {
                        Pairs[row + position[d.CellRaterIndex[q2]]] += count * d.CellRaterCount[q2];
                    }
                }

                CellsOfSize[n]++;
                YSquaredOfSize[n] += yc * yc;
                foreach (var j in used.AsSpan(0, nonZero))
                {
                    X[(group * p) + j] += xc[j];
                    XyOfSize[(n * p) + j] += xc[j] * yc;
                    foreach (var m in used.AsSpan(0, nonZero))
                    {
                        XxOfSize[(n * p * p) + (j * p) + m] += xc[j] * xc[m];
                    }
                }
            }
        }
    }

    /// <summary>Gets, per ratee, the first of its groups (CSR over <see cref="Size"/>).</summary>
    public int[] RateeStart { get; }

    /// <summary>Gets the cell size (ratings per cell) of each group.</summary>
    public int[] Size { get; }

    /// <summary>Gets the number of cells in each group.</summary>
    public double[] Cells { get; }

    /// <summary>Gets Σ y over each group's cells.</summary>
    public double[] Y { get; }

    /// <summary>Gets each group's offset into the per-rater sums (one entry per rater of the group's ratee).</summary>
    public int[] RaterStart { get; }

    /// <summary>Gets each group's offset into <see cref="Pairs"/>.</summary>
    public int[] PairStart { get; }

    /// <summary>Gets Σ over the group's cells of each rater's ratings in the cell.</summary>
    public double[] RaterCount { get; }

    /// <summary>Gets Σ over the group's cells of a rater's ratings in the cell times the cell's Σ y.</summary>
    public double[] RaterY { get; }

    /// <summary>Gets Σ over the group's cells of a rater's ratings in the cell times the cell's X row sums (rater × p).</summary>
    public double[] RaterX { get; }

    /// <summary>Gets Σ over the group's cells of the product of two raters' ratings in the cell (lower triangle by local rater).</summary>
    public double[] Pairs { get; }

    /// <summary>Gets Σ over the group's cells of the X row sums (group × p).</summary>
    public double[] X { get; }

    /// <summary>Gets the number of cells of each size, over all ratees.</summary>
    public double[] CellsOfSize { get; }

    /// <summary>Gets Σ (cell Σ y)² over the cells of each size.</summary>
    public double[] YSquaredOfSize { get; }

    /// <summary>Gets Σ (cell X row sums) × (cell Σ y) over the cells of each size (size × p).</summary>
    public double[] XyOfSize { get; }

    /// <summary>Gets Σ (cell X row sums)(cell X row sums)ᵀ over the cells of each size (size × p × p).</summary>
    public double[] XxOfSize { get; }
}
