using Readiness.Internal;

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
/// their measures are estimated afterwards from their score over all their ratings, with every other parameter held; an
/// all-lowest or all-highest score is first moved <see cref="ExtremeAdjustment"/> points inward.
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

    /// <summary>An eigenvalue of the source conditions' Gram matrix below this share of the largest is taken as 0 (its eigenvector is a contrast the data leave free).</summary>
    private const double NullEigenvalueShare = 1e-9;

    /// <summary>The length below which a vector, its projections on a basis removed, is taken to lie in the basis's span.</summary>
    private const double SpanTolerance = 1e-6;

    /// <summary>The largest move, in logits, of any extreme element in a sweep at which their estimates stop.</summary>
    private const double ExtremeSweepTolerance = 1e-10;

    /// <summary>The most sweeps over the extreme elements.</summary>
    private const int MaxExtremeSweeps = 100;

    private readonly int[][] _index;
    private readonly int[] _category;
    private readonly bool[] _active;
    private readonly double[][] _residual;
    private readonly double[][] _information;
    private readonly double[] _thresholdResidual;
    private readonly double[] _thresholdInformation;
    private readonly double[] _weight;
    private readonly double[] _tail;
    private readonly double[][][] _chunkBuffers;

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
        _thresholdResidual = new double[M + 1];
        _thresholdInformation = new double[M + 1];
        _weight = new double[category.Length];
        _tail = new double[category.Length * M];
        _chunkBuffers = [.. Enumerable.Range(0, category.Length < 100_000 ? 1 : 8).Select(_ => elements.Select(n => new double[n]).Append(new double[M + 1]).ToArray())];
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

    /// <summary>
    /// Gets, without sources, the groups of a ratee–rater graph that falls apart (null when connected): each group's
    /// raters are centred on their own and its ratees absorb the shift, so the measures do not depend on where the solver
    /// started or on the order of the raters (see <see cref="RaschDesign.RateeRaterGroups"/>).
    /// </summary>
    public (int[] Ratees, int[] Raters)? RateeRaterGroups { get; init; }

    /// <summary>Gets the iterations run.</summary>
    public int Iterations { get; private set; }

    /// <summary>Gets the number of ratings used in estimation (not touching an extreme element).</summary>
    public int ActiveRatings { get; private set; }

    public bool IsActive(int rating) => _active[rating];

    public static double Sign(int facet) => facet == RaschFacet.Ratee ? 1 : -1;

    /// <summary>The linear predictor of one rating.</summary>
    public double Predictor(int rating)
    {
        var x = Measures[RaschFacet.Ratee][_index[RaschFacet.Ratee][rating]];
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

        _ = Centre(Thresholds.AsSpan(1));

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
    /// Each iteration takes one Newton step for every measure and every threshold at once: the information matrix (see
    /// <see cref="Multiply"/>) is solved by conjugate gradients preconditioned with its diagonal, one pass over the ratings
    /// per product, and the whole step is shortened to at most <paramref name="maxStep"/> logits. Facet-by-facet steps
    /// converge linearly and slowly here, because a rater's severity and the level of the team they rate move together
    /// (measured: 1,000 sweeps left residuals of 1e-8 on 300 people); a threshold step taken apart from the measures still
    /// converged only linearly (×0.47 per iteration, 39 iterations on a million ratings).
    /// </remarks>
    public bool Estimate(double tolerance, int maxIterations, double maxStep, Action<int, double>? report, CancellationToken cancellationToken)
    {
        var step = Elements.Select(n => new double[n]).Append(new double[M + 1]).ToArray();
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
            var longest = step.Max(s => s.Max(Math.Abs));
            var scale = longest > maxStep ? maxStep / longest : 1;
            for (var f = 0; f < Facets; f++)
            {
                for (var e = 0; e < Elements[f]; e++)
                {
                    Measures[f][e] += scale * step[f][e];
                }
            }

            for (var k = 1; k <= M; k++)
            {
                Thresholds[k] += scale * step[Facets][k];
            }

            CentreThresholds();
            for (var f = 1; f < Facets; f++)
            {
                CentreFacet(f);
            }
        }

        Iterations = maxIterations;
        return false;
    }

    /// <summary>
    /// With sources as a facet, finds the source contrasts the design cannot identify and sets them by the smallest source
    /// measures; returns how many there were.
    /// </summary>
    /// <remarks>
    /// <para>
    /// A rating fixes only B_ratee − C_rater − S_source (competencies aside). In a strict hierarchy a manager rates their team
    /// as Manager and their own manager as DirectReport, so "each level up is rated δ higher" and "direct reports rate δ
    /// higher and managers δ lower" fit equally well: the likelihood is flat along such a direction and the measures on it
    /// depend on where the iteration started. Shifts v with b_n − c_r − s_s = 0 for every rating in use are found by giving
    /// every ratee and rater a potential that is linear in the source shifts s (along a spanning tree of the ratee–rater
    /// graph); each other edge adds a linear condition on s. The conditions' null space, less the shifts the centring
    /// conventions already remove (one per rater group), are the unidentified contrasts. Along them the sources are moved to
    /// the smallest sum of squares, ratees and raters following their potentials, so the likelihood is unchanged and the
    /// answer no longer depends on the path.
    /// </para>
    /// </remarks>
    public int SetUnidentifiedSourceContrasts()
    {
        if (Facets <= RaschFacet.Source || RaterGroups is not { } raterGroups || SourceGroups is not { } sourceGroups)
        {
            return 0;
        }

        int ratees = Elements[RaschFacet.Ratee], raters = Elements[RaschFacet.Rater], sources = Elements[RaschFacet.Source];
        var byRatee = new List<(int Rater, int Source)>[ratees];
        var byRater = new List<(int Ratee, int Source)>[raters];
        var seen = new HashSet<(int, int, int)>();
        var rated = new bool[sources];
        for (var i = 0; i < _category.Length; i++)
        {
            var (n, r, s) = (_index[RaschFacet.Ratee][i], _index[RaschFacet.Rater][i], _index[RaschFacet.Source][i]);
            if (_active[i] && seen.Add((n, r, s)))
            {
                rated[s] = true;
                (byRatee[n] ??= []).Add((r, s));
                (byRater[r] ??= []).Add((n, s));
            }
        }

        // Potentials as coefficient vectors over the source shifts; a component's root is 0 (the common shift is centred away).
        var b = new double[ratees][];
        var c = new double[raters][];
        var gram = new double[sources, sources];
        void Condition(double[] row)
        {
            for (var k = 0; k < sources; k++)
            {
                for (var l = 0; l < sources; l++)
                {
                    gram[k, l] += row[k] * row[l];
                }
            }
        }

        // A source without a rating in use (extreme, or every rater set aside) has nothing to tell apart: the condition
        // s_k = 0 (a unit row, adding 1 to the diagonal) holds it where it is.
        for (var k = 0; k < sources; k++)
        {
            if (!rated[k])
            {
                gram[k, k] += 1;
            }
        }

        var queue = new Queue<(bool IsRater, int Node)>();
        for (var root = 0; root < ratees; root++)
        {
            if (byRatee[root] is null || b[root] is not null)
            {
                continue;
            }

            b[root] = new double[sources];
            queue.Enqueue((false, root));
            while (queue.TryDequeue(out var node))
            {
                if (!node.IsRater)
                {
                    foreach (var (r, s) in byRatee[node.Node])
                    {
                        var expected = (double[])b[node.Node].Clone();
                        expected[s] -= 1; // c_r = b_n − s_s
                        if (c[r] is null)
                        {
                            c[r] = expected;
                            queue.Enqueue((true, r));
                        }
                        else
                        {
                            Condition([.. expected.Select((x, k) => x - c[r][k])]);
                        }
                    }
                }
                else
                {
                    foreach (var (n, s) in byRater[node.Node])
                    {
                        var expected = (double[])c[node.Node].Clone();
                        expected[s] += 1; // b_n = c_r + s_s
                        if (b[n] is null)
                        {
                            b[n] = expected;
                            queue.Enqueue((false, n));
                        }
                        else
                        {
                            Condition([.. expected.Select((x, k) => x - b[n][k])]);
                        }
                    }
                }
            }
        }

        // The null space of the conditions, less each rater group's indicator over its sources (the centring handles those).
        var matrix = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(gram);
        var evd = matrix.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric);
        var scale = Math.Max(1, evd.EigenValues.Max(v => v.Real));
        var basis = new List<double[]>();
        foreach (var group in sourceGroups.Distinct())
        {
            Orthonormalise(basis, [.. sourceGroups.Select((g, k) => g == group && rated[k] ? 1.0 : 0)]);
        }

        var fixedCount = basis.Count;
        for (var j = 0; j < sources; j++)
        {
            if (Math.Abs(evd.EigenValues[j].Real) < NullEigenvalueShare * scale)
            {
                Orthonormalise(basis, evd.EigenVectors.Column(j).ToArray());
            }
        }

        var free = basis.Skip(fixedCount).ToArray();
        if (free.Length == 0)
        {
            return 0;
        }

        var shift = new double[sources];
        foreach (var u in free)
        {
            var t = -Measures[RaschFacet.Source].Select((x, k) => x * u[k]).Sum();
            for (var k = 0; k < sources; k++)
            {
                shift[k] += t * u[k];
            }
        }

        for (var k = 0; k < sources; k++)
        {
            Measures[RaschFacet.Source][k] += shift[k];
        }

        for (var n = 0; n < ratees; n++)
        {
            Measures[RaschFacet.Ratee][n] += b[n] is null ? 0 : b[n].Select((x, k) => x * shift[k]).Sum();
        }

        for (var r = 0; r < raters; r++)
        {
            Measures[RaschFacet.Rater][r] += c[r] is null ? 0 : c[r].Select((x, k) => x * shift[k]).Sum();
        }

        CentreRatersByGroup(raterGroups, sourceGroups);
        CentreFacet(3);
        return free.Length;
    }

    /// <summary>Adds <paramref name="vector"/> to an orthonormal basis when it is not already (nearly) in its span.</summary>
    private static void Orthonormalise(List<double[]> basis, double[] vector)
    {
        foreach (var u in basis)
        {
            var dot = vector.Select((x, k) => x * u[k]).Sum();
            for (var k = 0; k < vector.Length; k++)
            {
                vector[k] -= dot * u[k];
            }
        }

        var norm = Math.Sqrt(vector.Sum(x => x * x));
        if (norm > SpanTolerance)
        {
            basis.Add([.. vector.Select(x => x / norm)]);
        }
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
    public double ThresholdResidual(int k) => _thresholdResidual[k];

    /// <summary>Gets the information about threshold k (Σ P(≥k)(1 − P(≥k))) at the last pass.</summary>
    public double ThresholdInformation(int k) => _thresholdInformation[k];

    /// <summary>
    /// Estimates every extreme element from its score over all its ratings, holding every other element; elements that met
    /// other extreme elements are revisited until none moves.
    /// </summary>
    /// <remarks>
    /// An element set aside in the first pass scored 0 or the maximum: that score moves <see cref="ExtremeAdjustment"/>
    /// inward. One set aside only once others were (rated all-highest except by a rater who rated everyone lowest) has a
    /// score strictly inside the range, and so a finite estimate from the score itself; giving it the maximum instead asks
    /// for a score its ratings cannot reach, and the two elements climb together without bound.
    /// </remarks>
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

        for (var sweep = 0; sweep < MaxExtremeSweeps; sweep++)
        {
            var moved = 0.0;
            for (var f = 0; f < Facets; f++)
            {
                for (var e = 0; e < Elements[f]; e++)
                {
                    var ratings = ratingsOf[f][e];
                    if (ratings is null)
                    {
                        continue;
                    }

                    var offsets = new double[ratings.Count];
                    var score = 0;
                    for (var j = 0; j < ratings.Count; j++)
                    {
                        offsets[j] = Predictor(ratings[j]) - (Sign(f) * Measures[f][e]);
                        score += _category[ratings[j]];
                    }

                    // Solve in the direction the element raises scores: ratees up, difficulties down.
                    var (measure, _) = RatingScaleCategories.Solve(offsets, ScoreToSolve(score, ratings.Count), cumulative, Sign(f) * Measures[f][e], tolerance);
                    moved = Math.Max(moved, Math.Abs((Sign(f) * measure) - Measures[f][e]));
                    Measures[f][e] = Sign(f) * measure;
                }
            }

            if (moved < ExtremeSweepTolerance)
            {
                break;
            }
        }
    }

    /// <summary>The score an estimate from <paramref name="count"/> ratings solves for: the score itself, or, when it is 0 or the maximum, the score moved <see cref="ExtremeAdjustment"/> inward.</summary>
    public double ScoreToSolve(int score, int count) =>
        score == 0 ? ExtremeAdjustment : score == M * count ? score - ExtremeAdjustment : score;

    /// <summary>Subtracts the mean from every value; returns the mean.</summary>
    private static double Centre(Span<double> values)
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

        return mean;
    }

    private void Pass(double[] cumulative)
    {
        for (var f = 0; f < Facets; f++)
        {
            Array.Clear(_residual[f]);
            Array.Clear(_information[f]);
        }

        Array.Clear(_thresholdResidual);
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
                _tail[(i * M) + k - 1] = atLeast;
                // Observed minus expected per rating, not two counts near a million subtracted at the end: the sums stay
                // small, so their rounding (about 1e-7 for the counts at a million ratings) stays far below the tolerance.
                _thresholdResidual[k] += (_category[i] >= k ? 1 : 0) - atLeast;
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
    /// The elements the Newton step solves for, by facet and then the thresholds: every non-extreme element with ratings in
    /// use, except one anchor for each shift that leaves the probabilities unchanged (the first of every facet after the
    /// ratees; with sources, the first rater of each rater group instead of the first rater; the first threshold). Without anchors the information matrix is singular, and the
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
                var anchor = free && f > 0 && anchoredGroups.Add(f != 2 ? 0 : RaterGroups is { } groups ? groups[e] : RateeRaterGroups is { } parts ? parts.Raters[e] : 0);
                solved[f][e] = free && !anchor;
            }
        }

        // The thresholds follow the measures; their steps are kept summing to 0 instead of anchoring one (τ − c with every
        // ratee − c changes nothing): measured on a million ratings, 30.1 s where anchoring τ_1 took 35.4 s (both on one thread).
        return [.. solved, [.. Enumerable.Range(0, M + 1).Select(k => k >= 1)]];
    }

    /// <summary>
    /// Solves I δ = g for the Newton step (g: the scores of the measures, signed by facet, and of the thresholds; I: the
    /// information at the last pass) over the <paramref name="solved"/> parameters by conjugate gradients with the diagonal
    /// as preconditioner; the threshold block is kept summing to 0 (projected conjugate gradients). The solve is loose
    /// (residual 1e-2 of the start): an inexact Newton step still cuts the score residuals about a hundredfold, while 1e-1
    /// needed more outer iterations than it saved in products (14 against 10 on a million ratings).
    /// </summary>
    private void NewtonStep(double[][] step, bool[][] solved, CancellationToken cancellationToken)
    {
        const int MaxSolveIterations = 2000;
        const double RelativeTolerance = 1e-2;
        var system = new NewtonSystem(this, solved);
        var n = system.Unknowns;
        var scores = new double[Facets + 1][];
        for (var f = 0; f < Facets; f++)
        {
            scores[f] = [.. _residual[f].Select(x => Sign(f) * x)];
        }

        // d log L / d τ_k = expected − observed count at or above k.
        scores[Facets] = [.. Enumerable.Range(0, M + 1).Select(k => k == 0 ? 0 : -ThresholdResidual(k))];
        CentreThresholdBlock(scores[Facets]);
        var r = new double[n];
        system.Join(scores, r);
        system.Mask(r);
        var reference = new double[1];
        BlockConjugateGradients.ColumnDots(r, r, n, 1, reference);
        var x = new double[n];
        BlockConjugateGradients.Solve(system, 1, x, r, (new double[n], new double[n], new double[n]), reference, [RelativeTolerance], MaxSolveIterations, null, cancellationToken);
        system.Split(x, step);
    }

    /// <summary>
    /// The Newton system I δ = g as conjugate gradients see it: one vector of the measures of every facet and then the
    /// thresholds, the parameters not solved held at 0 and the threshold steps kept summing to 0 (both products projected).
    /// </summary>
    private sealed class NewtonSystem : IBlockOperator
    {
        private readonly RaschJoint _joint;
        private readonly int[] _offsets;
        private readonly bool[] _solved;
        private readonly double[] _diagonal;
        private readonly double[][] _product;
        private readonly double[][] _direction;

        public NewtonSystem(RaschJoint joint, bool[][] solved)
        {
            _joint = joint;
            _offsets = new int[solved.Length + 1];
            for (var f = 0; f < solved.Length; f++)
            {
                _offsets[f + 1] = _offsets[f] + solved[f].Length;
            }

            _solved = [.. solved.SelectMany(b => b)];
            _diagonal = [.. joint._information.SelectMany(b => b), .. joint._thresholdInformation];
            _product = [.. solved.Select(b => new double[b.Length])];
            _direction = [.. solved.Select(b => new double[b.Length])];
        }

        public int Unknowns => _offsets[^1];

        /// <summary>q = I p, one column (the Rasch step is a single system).</summary>
        public void Multiply(double[] p, double[] q, int width)
        {
            Split(p, _direction);
            _joint.Multiply(_direction, _product);
            Join(_product, q);
            CentreThresholdBlock(q.AsSpan(_offsets[^2]));
            Mask(q);
        }

        /// <summary>z = D⁻¹ r with D the information's diagonal.</summary>
        public void Precondition(double[] r, double[] z, int width)
        {
            for (var i = 0; i < r.Length; i++)
            {
                z[i] = _solved[i] ? r[i] / _diagonal[i] : 0;
            }

            CentreThresholdBlock(z.AsSpan(_offsets[^2]));
        }

        public void Mask(double[] v)
        {
            for (var i = 0; i < v.Length; i++)
            {
                v[i] = _solved[i] ? v[i] : 0;
            }
        }

        public void Join(double[][] blocks, double[] into)
        {
            for (var f = 0; f < blocks.Length; f++)
            {
                blocks[f].CopyTo(into, _offsets[f]);
            }
        }

        public void Split(double[] from, double[][] blocks)
        {
            for (var f = 0; f < blocks.Length; f++)
            {
                Array.Copy(from, _offsets[f], blocks[f], 0, blocks[f].Length);
            }
        }
    }

    /// <summary>
    /// q = I v over measures and thresholds, one pass over the active ratings. Per rating, with w its model variance,
    /// T_k = P(x ≥ k), a the element signs (+1 ratee, −1 the rest) and U_k = [x ≥ k]: I(η, η) = w; I(η, τ_k) = −Cov(x, U_k)
    /// with Cov(x, U_k) = k·T_k + Σ_{l&gt;k} T_l − E[x]·T_k; I(τ_k, τ_l) = Cov(U_k, U_l) = T_max(k,l) − T_k·T_l.
    /// </summary>
    private void Multiply(double[][] v, double[][] q)
    {
        // Fixed chunks of ratings, each into its own buffer, summed in chunk order: the products (and so every result) are
        // the same bit for bit however many threads run them.
        var chunks = _chunkBuffers.Length;
        var size = (_category.Length + chunks - 1) / chunks;
        Parallel.For(0, chunks, c => MultiplyRange(v, _chunkBuffers[c], c * size, Math.Min(_category.Length, (c + 1) * size)));
        for (var f = 0; f < q.Length; f++)
        {
            Array.Copy(_chunkBuffers[0][f], q[f], q[f].Length);
            for (var c = 1; c < chunks; c++)
            {
                var from = _chunkBuffers[c][f];
                var to = q[f];
                for (var e = 0; e < to.Length; e++)
                {
                    to[e] += from[e];
                }
            }
        }
    }

    private void MultiplyRange(double[][] v, double[][] q, int start, int end)
    {
        foreach (var column in q)
        {
            Array.Clear(column);
        }

        var m = M;
        var thresholds = v[Facets];
        var result = q[Facets];
        Span<double> covariance = stackalloc double[m + 1];
        for (var i = start; i < end; i++)
        {
            if (!_active[i])
            {
                continue;
            }

            var s = v[RaschFacet.Ratee][_index[RaschFacet.Ratee][i]];
            for (var f = 1; f < _index.Length; f++)
            {
                s -= v[f][_index[f][i]];
            }

            var tail = _tail.AsSpan(i * m, m);
            double mean = 0, above = 0, tv = 0;
            for (var k = 0; k < m; k++)
            {
                mean += tail[k];
                tv += tail[k] * thresholds[k + 1];
            }

            // Cov(x, U_k) for k = m … 1, with the running sum of the tails above k.
            var u = 0.0;
            for (var k = m; k >= 1; k--)
            {
                covariance[k] = (k * tail[k - 1]) + above - (mean * tail[k - 1]);
                above += tail[k - 1];
                u += covariance[k] * thresholds[k];
            }

            var measures = (_weight[i] * s) - u;
            q[RaschFacet.Ratee][_index[RaschFacet.Ratee][i]] += measures;
            for (var f = 1; f < _index.Length; f++)
            {
                q[f][_index[f][i]] -= measures;
            }

            // Σ_l T_max(k,l) v_l = T_k Σ_{l≤k} v_l + Σ_{l>k} T_l v_l, by a running sum from the top.
            var upper = 0.0;
            var lower = 0.0;
            for (var k = 1; k <= m; k++)
            {
                lower += thresholds[k];
            }

            for (var k = m; k >= 1; k--)
            {
                result[k] += -(covariance[k] * s) + (tail[k - 1] * lower) + upper - (tail[k - 1] * tv);
                lower -= thresholds[k];
                upper += tail[k - 1] * thresholds[k];
            }
        }
    }

    /// <summary>Projects the threshold part of a vector (indices 1…M) onto steps that sum to 0.</summary>
    private static void CentreThresholdBlock(Span<double> thresholds) => _ = Centre(thresholds[1..]);

    private void CentreThresholds()
    {
        var mean = Centre(Thresholds.AsSpan(1));

        // τ − c leaves every probability unchanged when every ratee also moves by −c.
        ShiftRatees(-mean);
    }

    private void CentreFacet(int facet)
    {
        if (facet == RaschFacet.Rater && RaterGroups is { } raterGroups && SourceGroups is { } sourceGroups)
        {
            CentreRatersByGroup(raterGroups, sourceGroups);
            return;
        }

        if (facet == RaschFacet.Rater && RateeRaterGroups is { } parts)
        {
            CentreRatersByPart(parts.Ratees, parts.Raters);
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
        for (var e = 0; e < Elements[RaschFacet.Rater]; e++)
        {
            if (Extreme[RaschFacet.Rater][e] == 0)
            {
                sum[raterGroups[e]] += Measures[RaschFacet.Rater][e];
                count[raterGroups[e]]++;
            }
        }

        for (var e = 0; e < Elements[RaschFacet.Rater]; e++)
        {
            var g = raterGroups[e];
            Measures[RaschFacet.Rater][e] -= count[g] > 0 ? sum[g] / count[g] : 0;
        }

        // (C − c) + (S + c) = C + S: the group's sources absorb the shift.
        for (var e = 0; e < Elements[RaschFacet.Source]; e++)
        {
            var g = sourceGroups[e];
            Measures[RaschFacet.Source][e] += count[g] > 0 ? sum[g] / count[g] : 0;
        }
    }

    private void CentreRatersByPart(int[] rateeParts, int[] raterParts)
    {
        var parts = raterParts.Length == 0 ? 0 : raterParts.Max() + 1;
        parts = Math.Max(parts, rateeParts.Length == 0 ? 0 : rateeParts.Max() + 1);
        var sum = new double[parts];
        var count = new int[parts];
        for (var e = 0; e < Elements[RaschFacet.Rater]; e++)
        {
            if (Extreme[RaschFacet.Rater][e] == 0)
            {
                sum[raterParts[e]] += Measures[RaschFacet.Rater][e];
                count[raterParts[e]]++;
            }
        }

        var mean = sum.Select((s, g) => count[g] > 0 ? s / count[g] : 0).ToArray();
        for (var e = 0; e < Elements[RaschFacet.Rater]; e++)
        {
            Measures[RaschFacet.Rater][e] -= mean[raterParts[e]];
        }

        // (B − c) − (C − c) = B − C within the part: its ratees absorb the shift.
        for (var e = 0; e < Elements[RaschFacet.Ratee]; e++)
        {
            Measures[RaschFacet.Ratee][e] -= mean[rateeParts[e]];
        }
    }

    private void ShiftRatees(double shift)
    {
        var ratees = Measures[RaschFacet.Ratee];
        for (var e = 0; e < ratees.Length; e++)
        {
            ratees[e] += shift;
        }
    }
}
