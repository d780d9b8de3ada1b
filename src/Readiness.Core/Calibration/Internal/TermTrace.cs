namespace Readiness.Calibration.Internal;

/// <summary>
/// The trace of one random term's block of R = C⁻¹ − M⁻¹ − G (see <see cref="ScalableReml"/>; for the raters, less the
/// first two terms of their coupling series, whose traces are known), estimated from right-hand sides that are zero outside the block: exactly with a unit vector per level when the term has few, and otherwise as
/// Hutch++ does (Meyer, Musco, Musco and Woodruff 2021) — the part in a small basis Q exactly, the rest by Hutchinson
/// probes projected off Q.
/// </summary>
/// <remarks>
/// The block is dominated by a few large eigenvalues wherever groups of raters and ratees are only weakly linked (two
/// hierarchies that share few people): plain Hutchinson is then skewed, its mean over a few probes falls short and its
/// spread understates the error (on a 200-person matrix design, 12 probes put the raters' trace 11 of their own standard
/// errors low). Q, the orthonormalised R z of the first probes, captures those directions; the projected probes see a flat
/// remainder. Q is built once, after the first iteration, so that the estimate stays one function of the components.
/// </remarks>
internal sealed class TermTrace(int offset, int levels, bool coupled = false)
{
    /// <summary>The right-hand sides whose coupling images are formed side by side.</summary>
    private const int CouplingWidth = 16;

    /// <summary>
    /// The products per rating beyond which the second coupling term's trace is not formed (a ratee rated by thousands
    /// would cost their square); the first term alone then serves.
    /// </summary>
    private const int SecondCouplingProductsPerRating = 16;

    /// <summary>The probes' coefficient of variation above which the block is deflated.</summary>
    private const double SkewedVariation = 0.1;

    private readonly List<double[]> _summed = [];
    private readonly List<double[]> _summedSolutions = [];
    private readonly List<double[]> _averaged = [];
    private readonly List<double[]> _averagedSolutions = [];
    private double[][]? _basis;

    // Scratch over the block, reused by every right-hand side in every iteration: fresh arrays of this size per probe
    // piled up on the large-object heap (a widely crossed million peaked at 1.5 GB).
    private double[]? _preconditioned;
    private double[]? _rankP;
    private double[]? _image;
    private double[]? _couplingIn;
    private double[]? _couplingOut;
    private double[]? _couplingLocal;
    private double[]? _couplingNext;
    private bool _secondCoupling;

    /// <summary>Gets the first unknown of the block.</summary>
    public int Offset { get; } = offset;

    /// <summary>Gets the term's levels.</summary>
    public int Levels { get; } = levels;

    /// <summary>Gets whether the trace is computed exactly, a unit vector per level.</summary>
    public bool Exact { get; private set; }

    /// <summary>Gets whether the basis Q is in place.</summary>
    public bool Deflated => _basis is not null;

    /// <summary>Gets the random probes averaged.</summary>
    public int Probes => _averaged.Count;

    /// <summary>Gets the right-hand sides solved for this term.</summary>
    public int Columns => _summed.Count + _averaged.Count;

    /// <summary>Gets the trace of the part computed exactly: Σ qᵢᵀ R qᵢ, from the last <see cref="Estimate"/>.</summary>
    public double Summed { get; private set; }

    /// <summary>
    /// Gets the trace of the raters' coupling terms K and K M_r K (<see cref="CrossedIterativeSolver.RaterCoupling"/>; the
    /// second where affordable), from the last <see cref="Estimate"/>, when the term is the raters': the probes then
    /// estimate the trace of R less those terms only. On a pool where most raters rate one or two people the probes the
    /// raters needed fell from 57 to 15 with the first term and to 5 (the fewest drawn are 8) with both.
    /// </summary>
    public double Coupling { get; private set; }

    /// <summary>Gets the mean and the variance of the mean of the probes' zᵀ R z, from the last <see cref="Estimate"/>.</summary>
    public (double Mean, double Variance) Averaged { get; private set; }

    private (int From, int To) Range => (Offset, Offset + Levels);

    /// <summary>The diagonal of C⁻¹ over the block when it is traced with unit vectors (each solution's own entry); otherwise null.</summary>
    public double[]? InverseDiagonal() =>
        Exact && _summedSolutions.Count == Levels ? [.. Enumerable.Range(0, Levels).Select(j => _summedSolutions[j][Offset + j])] : null;

    /// <summary>Traces the block exactly from now on, with a unit vector per level.</summary>
    public void UseUnitVectors(int unknowns)
    {
        Exact = true;
        _basis = null;
        _averaged.Clear();
        _averagedSolutions.Clear();
        _summed.Clear();
        _summedSolutions.Clear();
        for (var u = Offset; u < Offset + Levels; u++)
        {
            _summed.Add(new double[unknowns]);
            _summed[^1][u] = 1;
        }
    }

    /// <summary>Sets the number of random probes, drawing new ones (projected off Q) or dropping the last.</summary>
    public void SetProbes(int count, int unknowns, Random draws)
    {
        if (_averaged.Count > count)
        {
            _averaged.RemoveRange(count, _averaged.Count - count);
        }

        if (_averagedSolutions.Count > count)
        {
            _averagedSolutions.RemoveRange(count, _averagedSolutions.Count - count);
        }

        while (_averaged.Count < count)
        {
            var z = new double[unknowns];
            for (var u = Offset; u < Offset + Levels; u++)
            {
                z[u] = draws.Next(2) == 0 ? -1 : 1;
            }

            Project(z);
            _averaged.Add(z);
        }
    }

    /// <summary>The right-hand sides: the exact part's, then the probes.</summary>
    public IEnumerable<double[]> RightHandSides() => _summed.Concat(_averaged);

    /// <summary>Each right-hand side's starting point: its last solution, or null (0).</summary>
    public IEnumerable<double[]?> Starts() =>
        _summed.Select((_, j) => j < _summedSolutions.Count ? _summedSolutions[j] : null)
            .Concat(_averaged.Select((_, j) => j < _averagedSolutions.Count ? _averagedSolutions[j] : null));

    /// <summary>Keeps the solutions, in the order of <see cref="RightHandSides"/>.</summary>
    public void Store(double[][] solutions, int from)
    {
        _summedSolutions.Clear();
        _summedSolutions.AddRange(solutions[from..(from + _summed.Count)]);
        _averagedSolutions.Clear();
        _averagedSolutions.AddRange(solutions[(from + _summed.Count)..(from + Columns)]);
    }

    /// <summary>
    /// Estimates the trace of R's block from the stored solutions: x = C⁻¹v, so R v = x − M⁻¹v − G v over the block.
    /// With <paramref name="deflate"/>, then builds Q from the probes' R z and replaces them by fresh probes projected off Q.
    /// </summary>
    public void Estimate(CrossedIterativeSolver solver, Func<double[], (int From, int To), double[], double[]> rankP, bool deflate, Random draws)
    {
        Coupling = 0;
        if (coupled)
        {
            var (first, second) = solver.RaterCouplingTraces((long)SecondCouplingProductsPerRating * solver.Design.N);
            _secondCoupling = second is not null;
            Coupling = first + (second ?? 0);
        }

        var summed = 0.0;
        Images(solver, rankP, _summed, _summedSolutions, fresh: false, (j, image) => summed += Quadratic(_summed[j], image));
        Summed = summed;

        var m = _averaged.Count;
        var values = new double[m];
        var images = deflate ? new double[m][] : null;
        Images(solver, rankP, _averaged, _averagedSolutions, fresh: deflate, (j, image) =>
        {
            values[j] = Quadratic(_averaged[j], image);
            if (images is not null)
            {
                images[j] = image;
            }
        });

        var mean = m > 0 ? values.Average() : 0;
        Averaged = (mean, m > 1 ? values.Sum(v => (v - mean) * (v - mean)) / (m - 1) / m : 0);

        // Deflation pays where the probes disagree: a flat spectrum over n levels gives them a coefficient of variation
        // near √(2/n), under 0.1 beyond 200 effective levels, and Q would cost a solve per vector for nothing. Measured
        // against the trace of R, coupling terms included: what is left of it after them may be small.
        if (images is not null && m > 1 && Math.Sqrt(Averaged.Variance * m) > SkewedVariation * Math.Abs(Coupling + mean))
        {
            BuildBasis(images, solver.Unknowns);
            var count = _averaged.Count;
            _averaged.Clear();
            _averagedSolutions.Clear();
            SetProbes(count, solver.Unknowns, draws);
        }
    }

    /// <summary>
    /// Hands each right-hand side's image over the block — R v, less the coupling terms' for the raters — to
    /// <paramref name="use"/>, in a fresh array or the scratch one; the coupling images are formed <see cref="CouplingWidth"/> at a time.
    /// </summary>
    private void Images(
        CrossedIterativeSolver solver,
        Func<double[], (int From, int To), double[], double[]> rankP,
        List<double[]> vectors,
        List<double[]> solutions,
        bool fresh,
        Action<int, double[]> use)
    {
        for (var from = 0; from < vectors.Count; from += CouplingWidth)
        {
            var width = Math.Min(CouplingWidth, vectors.Count - from);
            if (coupled)
            {
                _couplingIn ??= new double[Levels * CouplingWidth];
                _couplingOut ??= new double[Levels * CouplingWidth];
                _couplingLocal ??= new double[(MostCellsOfARatee(solver.Design) + 1) * CouplingWidth];
                for (var j = 0; j < width; j++)
                {
                    for (var u = 0; u < Levels; u++)
                    {
                        _couplingIn[(u * width) + j] = vectors[from + j][Offset + u];
                    }
                }

                solver.RaterCoupling(_couplingIn, _couplingOut, width, _couplingLocal, _secondCoupling ? _couplingNext ??= new double[Levels * CouplingWidth] : null);
            }

            for (var j = 0; j < width; j++)
            {
                var image = Remainder(solver, rankP, vectors[from + j], solutions[from + j], fresh ? new double[Levels] : _image ??= new double[Levels]);
                for (var u = 0; coupled && u < Levels; u++)
                {
                    image[u] -= _couplingOut![(u * width) + j];
                }

                use(from + j, image);
            }
        }
    }

    private static int MostCellsOfARatee(CrossedDesign d) =>
        Enumerable.Range(0, d.Ratees).Select(t => d.RateeCellStart[t + 1] - d.RateeCellStart[t]).DefaultIfEmpty(0).Max();

    /// <summary>R v over the block, as a vector of the block's length, written into <paramref name="image"/>.</summary>
    private double[] Remainder(CrossedIterativeSolver solver, Func<double[], (int From, int To), double[], double[]> rankP, double[] v, double[] x, double[] image)
    {
        var mv = solver.PreconditionBlock(v, Offset, Levels, _preconditioned ??= new double[Levels]);
        var gv = rankP(v, Range, _rankP ??= new double[Levels]);
        for (var u = 0; u < Levels; u++)
        {
            image[u] = x[Offset + u] - mv[u] - gv[u];
        }

        return image;
    }

    private double Quadratic(double[] v, double[] image)
    {
        var sum = 0.0;
        for (var u = 0; u < Levels; u++)
        {
            sum += v[Offset + u] * image[u];
        }

        return sum;
    }

    /// <summary>Q: the images orthonormalised (modified Gram–Schmidt, twice), those that add nothing new dropped.</summary>
    private void BuildBasis(double[][] images, int unknowns)
    {
        var basis = new List<double[]>();
        foreach (var image in images)
        {
            var q = (double[])image.Clone();
            var norm = Math.Sqrt(Readiness.Internal.VectorMath.Dot(q, q));
            for (var pass = 0; pass < 2; pass++)
            {
                foreach (var b in basis)
                {
                    Readiness.Internal.VectorMath.AddScaled(q, b, -Readiness.Internal.VectorMath.Dot(q, b));
                }
            }

            var left = Math.Sqrt(Readiness.Internal.VectorMath.Dot(q, q));
            if (left > 1e-8 * norm && left > 0)
            {
                for (var u = 0; u < q.Length; u++)
                {
                    q[u] /= left;
                }

                basis.Add(q);
            }
        }

        _basis = [.. basis];
        _summed.Clear();
        _summedSolutions.Clear();
        foreach (var q in _basis)
        {
            var v = new double[unknowns];
            Array.Copy(q, 0, v, Offset, Levels);
            _summed.Add(v);
        }
    }

    /// <summary>z − Q Qᵀ z over the block.</summary>
    private void Project(double[] z)
    {
        if (_basis is null)
        {
            return;
        }

        var block = z.AsSpan(Offset, Levels);
        foreach (var q in _basis)
        {
            Readiness.Internal.VectorMath.AddScaled(block, q, -Readiness.Internal.VectorMath.Dot(block, q));
        }
    }
}
