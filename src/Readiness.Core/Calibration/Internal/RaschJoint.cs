namespace Readiness.Calibration.Internal;

/// <summary>
/// Joint maximum likelihood for the many-facet rating-scale model
/// log(P_k / P_{k−1}) = B_ratee − D_competency − C_rater [− S_source] − τ_k, categories 0…m.
/// </summary>
/// <remarks>
/// <para>
/// Facet 0 (ratees) floats; every other facet and the thresholds are centred on their non-extreme elements, each centring
/// moving the ratees by the same amount so the fitted probabilities do not change. Elements whose every rating is the lowest
/// (or highest) category have no finite estimate: they are set aside, repeatedly, until no element left is extreme, and
/// their measures are estimated afterwards from their score moved <see cref="ExtremeAdjustment"/> points inward, with every
/// other parameter held.
/// </para>
/// <para>
/// Start: PROX (the normal approximation of Cohen 1979): each element's log-odds of its score, expanded by the spread of
/// the measures it met. Then Newton–Raphson (see <see cref="Estimate"/>) until every non-extreme element's observed score
/// equals its expected score within the tolerance and every threshold's observed count of ratings at or above it equals the
/// expected count.
/// </para>
/// </remarks>
internal sealed class RaschJoint
{
    private const double ProxExpansion = 2.89; // 1.7², the logistic–normal scaling of PROX.

    private readonly int[][] _index;
    private readonly int[] _category;
    private readonly bool[] _active;
    private readonly double[] _observedAtLeast;
    private readonly double[][] _residual;
    private readonly double[][] _information;
    private readonly double[] _expectedAtLeast;
    private readonly double[] _thresholdInformation;
    private readonly double[] _weight;

    public RaschJoint(int[][] index, int[] elements, int[] category, int categories)
    {
        _index = index;
        _category = category;
        Elements = elements;
        M = categories - 1;
        Measures = [.. elements.Select(n => new double[n])];
        Extreme = [.. elements.Select(n => new int[n])];
        _residual = [.. elements.Select(n => new double[n])];
        _information = [.. elements.Select(n => new double[n])];
        Thresholds = new double[M + 1];
        _expectedAtLeast = new double[M + 1];
        _thresholdInformation = new double[M + 1];
        _weight = new double[category.Length];
        _observedAtLeast = new double[M + 1];
        _active = new bool[category.Length];
    }

    /// <summary>Gets the number of facets (3, or 4 with sources).</summary>
    public int Facets => _index.Length;

    /// <summary>Gets the number of elements in each facet.</summary>
    public int[] Elements { get; }

    /// <summary>Gets the highest category (categories are 0…M).</summary>
    public int M { get; }

    /// <summary>Gets the measures, by facet and element, in logits (ratee ability; competency, rater and source difficulty).</summary>
    public double[][] Measures { get; }

    /// <summary>Gets, by facet and element, −1 (every rating the lowest category), +1 (every rating the highest) or 0.</summary>
    public int[][] Extreme { get; }

    /// <summary>Gets the Andrich thresholds τ_1…τ_M (index 0 unused and 0).</summary>
    public double[] Thresholds { get; }

    /// <summary>Gets the score points an extreme element's score is moved inward for its estimate.</summary>
    public double ExtremeAdjustment { get; init; } = 0.3;

    /// <summary>
    /// Gets, with sources as facet 3, the group of each rater: raters joined by a source they both rated under. Within a
    /// group only C_rater + S_source is identified, so raters are centred per group and the group's sources absorb the shift.
    /// </summary>
    public int[]? RaterGroups { get; init; }

    /// <summary>Gets, with sources as facet 3, the group (as in <see cref="RaterGroups"/>) of each source.</summary>
    public int[]? SourceGroups { get; init; }

    /// <summary>Gets the iterations run.</summary>
    public int Iterations { get; private set; }

    /// <summary>Gets the number of ratings used in estimation (not touching an extreme element).</summary>
    public int ActiveRatings { get; private set; }

    public bool IsActive(int rating) => _active[rating];

    public static double Sign(int facet) => facet == 0 ? 1 : -1;

    /// <summary>The linear predictor of one rating.</summary>
    public double Predictor(int rating)
    {
        var x = Measures[0][_index[0][rating]];
        for (var f = 1; f < _index.Length; f++)
        {
            x -= Measures[f][_index[f][rating]];
        }

        return x;
    }

    /// <summary>Σ_{j≤k} τ_j for k = 0…M.</summary>
    public double[] CumulativeThresholds()
    {
        var cumulative = new double[M + 1];
        for (var k = 1; k <= M; k++)
        {
            cumulative[k] = cumulative[k - 1] + Thresholds[k];
        }

        return cumulative;
    }

    /// <summary>Sets aside extreme elements until none is left among the ratings still used; returns the active count.</summary>
    public int MarkExtremes()
    {
        Array.Fill(_active, true);
        while (true)
        {
            var changed = false;
            for (var f = 0; f < Facets; f++)
            {
                var min = new int[Elements[f]];
                var max = new int[Elements[f]];
                Array.Fill(min, int.MaxValue);
                Array.Fill(max, int.MinValue);
                for (var i = 0; i < _category.Length; i++)
                {
                    if (_active[i])
                    {
                        var e = _index[f][i];
                        min[e] = Math.Min(min[e], _category[i]);
                        max[e] = Math.Max(max[e], _category[i]);
                    }
                }

                for (var e = 0; e < Elements[f]; e++)
                {
                    if (Extreme[f][e] == 0 && min[e] != int.MaxValue && min[e] == max[e] && (min[e] == 0 || min[e] == M))
                    {
                        Extreme[f][e] = min[e] == 0 ? -1 : 1;
                        changed = true;
                    }
                }

                for (var i = 0; i < _category.Length; i++)
                {
                    if (_active[i] && Extreme[f][_index[f][i]] != 0)
                    {
                        _active[i] = false;
                    }
                }
            }

            if (!changed)
            {
                break;
            }
        }

        ActiveRatings = _active.Count(a => a);
        Array.Clear(_observedAtLeast);
        for (var i = 0; i < _category.Length; i++)
        {
            if (_active[i])
            {
                for (var k = 1; k <= _category[i]; k++)
                {
                    _observedAtLeast[k]++;
                }
            }
        }

        return ActiveRatings;
    }

    /// <summary>The number of active ratings in each category.</summary>
    public int[] ActiveCategoryCounts()
    {
        var counts = new int[M + 1];
        for (var i = 0; i < _category.Length; i++)
        {
            if (_active[i])
            {
                counts[_category[i]]++;
            }
        }

        return counts;
    }

    /// <summary>PROX starting values for every non-extreme element and the thresholds.</summary>
    public void Prox(int rounds)
    {
        // Thresholds: log-odds of adjacent category counts, centred.
        var counts = ActiveCategoryCounts();
        for (var k = 1; k <= M; k++)
        {
            Thresholds[k] = Math.Log((double)counts[k - 1] / counts[k]);
        }

        Centre(Thresholds.AsSpan(1));

        // Each element's log-odds of its proportion of the possible score (0 … M per rating).
        var logit = new double[Facets][];
        for (var f = 0; f < Facets; f++)
        {
            var score = new double[Elements[f]];
            var count = new double[Elements[f]];
            for (var i = 0; i < _category.Length; i++)
            {
                if (_active[i])
                {
                    score[_index[f][i]] += _category[i];
                    count[_index[f][i]]++;
                }
            }

            logit[f] = new double[Elements[f]];
            for (var e = 0; e < Elements[f]; e++)
            {
                logit[f][e] = count[e] > 0 && Extreme[f][e] == 0 ? Math.Log(score[e] / ((M * count[e]) - score[e])) : 0;
            }
        }

        for (var round = 0; round < rounds; round++)
        {
            for (var f = 0; f < Facets; f++)
            {
                // The measures this element met: mean and variance of the rest of each linear predictor.
                var sum = new double[Elements[f]];
                var squares = new double[Elements[f]];
                var count = new double[Elements[f]];
                for (var i = 0; i < _category.Length; i++)
                {
                    if (_active[i])
                    {
                        var e = _index[f][i];
                        var others = Predictor(i) - (Sign(f) * Measures[f][e]);
                        sum[e] += others;
                        squares[e] += others * others;
                        count[e]++;
                    }
                }

                for (var e = 0; e < Elements[f]; e++)
                {
                    if (count[e] > 0 && Extreme[f][e] == 0)
                    {
                        var mean = sum[e] / count[e];
                        var variance = Math.Max((squares[e] / count[e]) - (mean * mean), 0);

                        // A ratee's ability is the mean difficulty met plus the expanded log-odds of its score; a difficulty
                        // (competency, rater, source) mirrors it: the mean ability met minus the expanded log-odds.
                        Measures[f][e] = Sign(f) * (-mean + (Math.Sqrt(1 + (variance / ProxExpansion)) * logit[f][e]));
                    }
                }

                if (f > 0)
                {
                    CentreFacet(f);
                }
            }
        }
    }

    /// <summary>Newton–Raphson until the likelihood equations hold within <paramref name="tolerance"/> score points.</summary>
    /// <remarks>
    /// Each iteration takes a full Newton step for every measure at once: the information matrix Σ w_i a_i a_iᵀ (a_i marks the
    /// elements of rating i, w_i its model variance) is solved by conjugate gradients preconditioned with its diagonal, one
    /// pass over the ratings per product. Facet-by-facet steps converge linearly and slowly here, because a rater's severity
    /// and the level of the team they rate move together (measured: 1,000 sweeps left residuals of 1e-8 on 300 people).
    /// The thresholds then take a diagonal Newton step from a fresh pass; the measures' step is shortened to at most
    /// <paramref name="maxStep"/> logits for any element.
    /// </remarks>
    public bool Estimate(double tolerance, int maxIterations, double maxStep, Action<int, double>? report, CancellationToken cancellationToken)
    {
        var step = Elements.Select(n => new double[n]).ToArray();
        var solved = SolvedElements();
        for (Iterations = 1; Iterations <= maxIterations; Iterations++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var largest = Check();
            report?.Invoke(Iterations, largest);
            if (largest < tolerance)
            {
                return true;
            }

            NewtonStep(step, solved, cancellationToken);
            var longest = step.Max(s => s.Length == 0 ? 0 : s.Max(Math.Abs));
            var scale = longest > maxStep ? maxStep / longest : 1;
            for (var f = 0; f < Facets; f++)
            {
                for (var e = 0; e < Elements[f]; e++)
                {
                    Measures[f][e] += scale * step[f][e];
                }
            }

            for (var f = 1; f < Facets; f++)
            {
                CentreFacet(f);
            }

            // The thresholds move with the ratees' general level, so they step from a fresh pass, not alongside the measures.
            Pass(CumulativeThresholds());
            UpdateThresholds(maxStep);
        }

        Iterations = maxIterations;
        return false;
    }

    /// <summary>Recomputes every residual at the current measures and returns the largest.</summary>
    public double Check()
    {
        Pass(CumulativeThresholds());
        var largest = LargestThresholdResidual();
        for (var f = 0; f < Facets; f++)
        {
            largest = Math.Max(largest, LargestElementResidual(f));
        }

        return largest;
    }

    /// <summary>Gets the observed minus expected count of active ratings at or above category k at the last pass.</summary>
    public double ThresholdResidual(int k) => _observedAtLeast[k] - _expectedAtLeast[k];

    /// <summary>Gets the information about threshold k (Σ P(≥k)(1 − P(≥k))) at the last pass.</summary>
    public double ThresholdInformation(int k) => _thresholdInformation[k];

    /// <summary>
    /// Estimates every extreme element from its score moved inward by <see cref="ExtremeAdjustment"/>, holding every other
    /// element; elements that met other extreme elements are revisited until none moves.
    /// </summary>
    public void EstimateExtremes(double tolerance)
    {
        var cumulative = CumulativeThresholds();
        var ratingsOf = new List<int>[Facets][];
        for (var f = 0; f < Facets; f++)
        {
            ratingsOf[f] = new List<int>[Elements[f]];
        }

        for (var i = 0; i < _category.Length; i++)
        {
            for (var f = 0; f < Facets; f++)
            {
                var e = _index[f][i];
                if (Extreme[f][e] != 0)
                {
                    (ratingsOf[f][e] ??= []).Add(i);
                }
            }
        }

        // Start beyond the estimated range, on the side of the extreme score.
        for (var f = 0; f < Facets; f++)
        {
            for (var e = 0; e < Elements[f]; e++)
            {
                if (Extreme[f][e] != 0)
                {
                    Measures[f][e] = Sign(f) * Extreme[f][e] * 2;
                }
            }
        }

        for (var sweep = 0; sweep < 100; sweep++)
        {
            var moved = 0.0;
            for (var f = 0; f < Facets; f++)
            {
                for (var e = 0; e < Elements[f]; e++)
                {
                    if (ratingsOf[f][e] is not { } ratings)
                    {
                        continue;
                    }

                    var offsets = new double[ratings.Count];
                    for (var j = 0; j < ratings.Count; j++)
                    {
                        offsets[j] = Predictor(ratings[j]) - (Sign(f) * Measures[f][e]);
                    }

                    // Solve in the direction the element raises scores: ratees up, difficulties down.
                    var full = Extreme[f][e] > 0 ? M * ratings.Count : 0;
                    var target = Extreme[f][e] > 0 ? full - ExtremeAdjustment : ExtremeAdjustment;
                    var (measure, _) = RatingScaleCategories.Solve(offsets, target, cumulative, Sign(f) * Measures[f][e], tolerance);
                    moved = Math.Max(moved, Math.Abs((Sign(f) * measure) - Measures[f][e]));
                    Measures[f][e] = Sign(f) * measure;
                }
            }

            if (moved < 1e-10)
            {
                break;
            }
        }
    }

    private static void Centre(Span<double> values)
    {
        var mean = 0.0;
        foreach (var v in values)
        {
            mean += v;
        }

        mean /= values.Length;
        foreach (ref var v in values)
        {
            v -= mean;
        }
    }

    private void Pass(double[] cumulative)
    {
        for (var f = 0; f < Facets; f++)
        {
            Array.Clear(_residual[f]);
            Array.Clear(_information[f]);
        }

        Array.Clear(_expectedAtLeast);
        Array.Clear(_thresholdInformation);
        Span<double> p = stackalloc double[M + 1];
        for (var i = 0; i < _category.Length; i++)
        {
            if (!_active[i])
            {
                continue;
            }

            var (expected, variance) = RatingScaleCategories.Moments(Predictor(i), cumulative, p);
            var residual = _category[i] - expected;
            _weight[i] = variance;
            for (var f = 0; f < Facets; f++)
            {
                var e = _index[f][i];
                _residual[f][e] += residual;
                _information[f][e] += variance;
            }

            var atLeast = 0.0;
            for (var k = M; k >= 1; k--)
            {
                atLeast += p[k];
                _expectedAtLeast[k] += atLeast;
                _thresholdInformation[k] += atLeast * (1 - atLeast);
            }

        }
    }

    private double LargestElementResidual(int facet)
    {
        var largest = 0.0;
        for (var e = 0; e < Elements[facet]; e++)
        {
            if (Extreme[facet][e] == 0)
            {
                largest = Math.Max(largest, Math.Abs(_residual[facet][e]));
            }
        }

        return largest;
    }

    private double LargestThresholdResidual()
    {
        var largest = 0.0;
        for (var k = 1; k <= M; k++)
        {
            largest = Math.Max(largest, Math.Abs(ThresholdResidual(k)));
        }

        return largest;
    }

    /// <summary>
    /// The elements the Newton step solves for: every non-extreme element with ratings in use, except one anchor for each
    /// shift that leaves the probabilities unchanged (the first of every facet after the ratees; with sources, the first
    /// rater of each rater group instead of the first rater). Without anchors the information matrix is singular, and the
    /// rounding in the score residuals is not orthogonal to its null space: conjugate gradients then stall near 1e-7.
    /// Centring after the step restores the conventions.
    /// </summary>
    private bool[][] SolvedElements()
    {
        var used = Elements.Select(n => new bool[n]).ToArray();
        for (var i = 0; i < _category.Length; i++)
        {
            for (var f = 0; f < Facets && _active[i]; f++)
            {
                used[f][_index[f][i]] = true;
            }
        }

        var solved = new bool[Facets][];
        for (var f = 0; f < Facets; f++)
        {
            solved[f] = new bool[Elements[f]];
            var anchoredGroups = new HashSet<int>();
            for (var e = 0; e < Elements[f]; e++)
            {
                var free = Extreme[f][e] == 0 && used[f][e];
                var anchor = free && f > 0 && anchoredGroups.Add(f == 2 && RaterGroups is { } groups ? groups[e] : 0);
                solved[f][e] = free && !anchor;
            }
        }

        return solved;
    }

    /// <summary>
    /// Solves I δ = g for the Newton step (g: the score residuals signed by facet; I: the information at the last pass) over
    /// the <paramref name="solved"/> elements by conjugate gradients with the diagonal as preconditioner. The solve is loose
    /// (residual 1e-2 of the start): the outer iteration converges linearly anyway, through its separate threshold step, and
    /// tighter solves only cost time (measured: the same 33 iterations on 300 people at 1e-2, 1e-4 and 1e-8).
    /// </summary>
    private void NewtonStep(double[][] step, bool[][] solved, CancellationToken cancellationToken)
    {
        const int MaxSolveIterations = 2000;
        const double RelativeTolerance = 1e-2;
        var r = Elements.Select(n => new double[n]).ToArray();
        var z = Elements.Select(n => new double[n]).ToArray();
        var p = Elements.Select(n => new double[n]).ToArray();
        var q = Elements.Select(n => new double[n]).ToArray();
        double rz = 0, norm0 = 0;
        for (var f = 0; f < Facets; f++)
        {
            Array.Clear(step[f]);
            for (var e = 0; e < Elements[f]; e++)
            {
                var free = solved[f][e];
                r[f][e] = free ? Sign(f) * _residual[f][e] : 0;
                z[f][e] = free ? r[f][e] / _information[f][e] : 0;
                p[f][e] = z[f][e];
                rz += r[f][e] * z[f][e];
                norm0 += r[f][e] * r[f][e];
            }
        }

        for (var iteration = 0; iteration < MaxSolveIterations && rz > 0; iteration++)
        {
            if ((iteration & 63) == 63)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            Multiply(p, q);
            var pq = Dot(p, q);
            if (pq <= 0)
            {
                break;
            }

            var alpha = rz / pq;
            double norm = 0, next = 0;
            for (var f = 0; f < Facets; f++)
            {
                for (var e = 0; e < Elements[f]; e++)
                {
                    step[f][e] += alpha * p[f][e];
                    r[f][e] = solved[f][e] ? r[f][e] - (alpha * q[f][e]) : 0;
                    z[f][e] = solved[f][e] ? r[f][e] / _information[f][e] : 0;
                    norm += r[f][e] * r[f][e];
                    next += r[f][e] * z[f][e];
                }
            }

            if (norm <= RelativeTolerance * RelativeTolerance * norm0)
            {
                break;
            }

            var beta = next / rz;
            rz = next;
            for (var f = 0; f < Facets; f++)
            {
                for (var e = 0; e < Elements[f]; e++)
                {
                    p[f][e] = z[f][e] + (beta * p[f][e]);
                }
            }
        }
    }

    /// <summary>q = I v: Σ over active ratings of w_i (a_i · v) a_i, with a_i = +1 for the ratee and −1 for every other element.</summary>
    private void Multiply(double[][] v, double[][] q)
    {
        foreach (var column in q)
        {
            Array.Clear(column);
        }

        for (var i = 0; i < _category.Length; i++)
        {
            if (!_active[i])
            {
                continue;
            }

            var s = v[0][_index[0][i]];
            for (var f = 1; f < _index.Length; f++)
            {
                s -= v[f][_index[f][i]];
            }

            s *= _weight[i];
            q[0][_index[0][i]] += s;
            for (var f = 1; f < _index.Length; f++)
            {
                q[f][_index[f][i]] -= s;
            }
        }
    }

    private static double Dot(double[][] a, double[][] b)
    {
        var sum = 0.0;
        for (var f = 0; f < a.Length; f++)
        {
            for (var e = 0; e < a[f].Length; e++)
            {
                sum += a[f][e] * b[f][e];
            }
        }

        return sum;
    }

    private void UpdateThresholds(double maxStep)
    {
        for (var k = 1; k <= M; k++)
        {
            // d log L / d τ_k = expected − observed count at or above k.
            Thresholds[k] -= Math.Clamp(ThresholdResidual(k) / _thresholdInformation[k], -maxStep, maxStep);
        }

        var mean = Thresholds.AsSpan(1).ToArray().Average();
        Centre(Thresholds.AsSpan(1));

        // τ − c leaves every probability unchanged when every ratee also moves by −c.
        ShiftRatees(-mean);
    }

    private void CentreFacet(int facet)
    {
        if (facet == 2 && RaterGroups is { } raterGroups && SourceGroups is { } sourceGroups)
        {
            CentreRatersByGroup(raterGroups, sourceGroups);
            return;
        }

        var sum = 0.0;
        var count = 0;
        for (var e = 0; e < Elements[facet]; e++)
        {
            if (Extreme[facet][e] == 0)
            {
                sum += Measures[facet][e];
                count++;
            }
        }

        if (count == 0)
        {
            return;
        }

        var mean = sum / count;
        for (var e = 0; e < Elements[facet]; e++)
        {
            Measures[facet][e] -= mean;
        }

        // (B − c) − (D − c) = B − D: the ratees absorb the shift.
        ShiftRatees(-mean);
    }

    private void CentreRatersByGroup(int[] raterGroups, int[] sourceGroups)
    {
        var groups = raterGroups.Length == 0 ? 0 : raterGroups.Max() + 1;
        var sum = new double[groups];
        var count = new int[groups];
        for (var e = 0; e < Elements[2]; e++)
        {
            if (Extreme[2][e] == 0)
            {
                sum[raterGroups[e]] += Measures[2][e];
                count[raterGroups[e]]++;
            }
        }

        for (var e = 0; e < Elements[2]; e++)
        {
            var g = raterGroups[e];
            Measures[2][e] -= count[g] > 0 ? sum[g] / count[g] : 0;
        }

        // (C − c) + (S + c) = C + S: the group's sources absorb the shift.
        for (var e = 0; e < Elements[3]; e++)
        {
            var g = sourceGroups[e];
            Measures[3][e] += count[g] > 0 ? sum[g] / count[g] : 0;
        }
    }

    private void ShiftRatees(double shift)
    {
        var ratees = Measures[0];
        for (var e = 0; e < ratees.Length; e++)
        {
            ratees[e] += shift;
        }
    }
}
