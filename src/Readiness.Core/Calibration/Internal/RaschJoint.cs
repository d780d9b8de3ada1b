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
internal sealed partial class RaschJoint
{
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
}
