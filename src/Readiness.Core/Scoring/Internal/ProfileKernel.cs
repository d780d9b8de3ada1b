using System.Numerics;
#if NET9_0_OR_GREATER
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
#endif
using System.Runtime.Intrinsics;
using MathNet.Numerics.Distributions;
using Readiness.Competencies;

namespace Readiness.Scoring.Internal;

/// <summary>
/// The arithmetic of readiness for one role profile and policy, over a candidate's estimates in requirement order. The
/// single-candidate path calls <see cref="Score"/>, the batch path <see cref="ScoreRows"/>: the same operations in the same
/// order, so their numbers agree to the bit.
/// </summary>
/// <remarks>
/// Attainment of requirement j: a_j = (x_j − scale minimum) / (target_j − scale minimum), clamped to [0, 1 + cap] (to
/// [0, 1] under the conjunctive policy; a target at the scale minimum is always met, a_j = 1); under the hybrid policy
/// a_j = 0 below a critical minimum. Compensatory and hybrid: index = 100 Σ w_j a_j (above 100 once the capped overshoot
/// takes the sum past 1); conjunctive: index = 100 min_j a_j over the weighted requirements. One pass
/// over a row gives the index at the estimates and at both interval ends, the band's time to ready and critical gaps,
/// and whether every number is finite; the batch path makes the same pass for a vector of candidates at once.
/// </remarks>
internal sealed partial class ProfileKernel
{
    private readonly double[] _inverseRange;

    /// <summary>Each requirement's target − scale minimum (1/<see cref="_inverseRange"/>; 0 for a target at the minimum).</summary>
    private readonly double[] _range;

    /// <summary>Each requirement's development rate, scale points a year (1/<see cref="YearsPerPoint"/>).</summary>
    private readonly double[] _rate;
    private const double FullAttainmentTolerance = 1e-9;

    private readonly double[] _constant;
    private readonly Vector<double>[] _broadcast;
    private readonly double[] _weight;
    private readonly double[] _hybridCritical;
    private readonly double[] _ceiling;
    private readonly double[] _unweighted;
    private readonly ScoringOptions _options;

    /// <summary>The index's ceiling: 100 + 100 × the overshoot cap (100 under the conjunctive policy), taken so that 110 is exactly 110.</summary>
    private readonly double _topIndex;
    private readonly Lazy<double[]> _draws;

    /// <summary>Under <see cref="BandBasis.Probability"/>: how many standard errors below the estimates the band is decided (Φ⁻¹ of the confidence).</summary>
    private readonly double _bandZ;

    public ProfileKernel(RoleProfile profile, ScoringPolicy policy, ScoringOptions options)
    {
        Policy = policy;
        _options = options;
        _topIndex = policy == ScoringPolicy.Conjunctive ? 100 : 100 + (100 * options.OvershootCap);
        _bandZ = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, options.BandConfidence);
        _draws = new Lazy<double[]>(() => JointDraws.Lattice(profile.Requirements.Length));
        var requirements = profile.Requirements;
        Count = requirements.Length;
        var minimum = (double)profile.Model.Scale.Minimum;

        // The arrays the chances read four at a time hold at least four entries: past Count, padding that never binds.
        var padded = Math.Max(Count, Lanes);
        _inverseRange = new double[padded];
        _range = new double[padded];
        _rate = new double[padded];
        var offset = new double[padded];
        _weight = new double[padded];
        _hybridCritical = Enumerable.Repeat(double.NegativeInfinity, padded).ToArray();
        _ceiling = new double[padded];
        _paddedTarget = Enumerable.Repeat(double.NegativeInfinity, padded).ToArray();
        _paddedCritical = Enumerable.Repeat(double.NegativeInfinity, padded).ToArray();
        _unweighted = new double[Count];
        Target = new double[Count];
        Critical = new double[Count];
        YearsPerPoint = new double[Count];
        PerformanceWeight = new double[Count];
        var performanceTotal = requirements.Where(r => r.Competency.Domain == CompetencyDomain.IndividualPerformance).Sum(r => r.Weight.Fraction);
        for (var j = 0; j < Count; j++)
        {
            var r = requirements[j];
            var atMinimum = r.Target <= minimum;
            _inverseRange[j] = atMinimum ? 0 : 1 / (r.Target - minimum);
            _range[j] = atMinimum ? 0 : r.Target - minimum;
            offset[j] = atMinimum ? 1 : 0;
            _weight[j] = r.Weight.Fraction;
            _ceiling[j] = policy == ScoringPolicy.Conjunctive ? 1 : 1 + options.OvershootCap;

            // The conjunctive minimum runs over weighted requirements only: a weightless one is pushed out of reach.
            _unweighted[j] = r.Weight.Fraction > 0 ? 0 : double.PositiveInfinity;
            Target[j] = r.Target;
            Critical[j] = r.CriticalMinimum ?? double.NegativeInfinity;
            _hybridCritical[j] = policy == ScoringPolicy.Hybrid ? Critical[j] : double.NegativeInfinity;
            _rate[j] = options.DevelopmentRateFor(r.Competency.Id.Value);
            YearsPerPoint[j] = 1 / _rate[j];
            PerformanceWeight[j] = r.Competency.Domain == CompetencyDomain.IndividualPerformance && performanceTotal > 0 ? r.Weight.Fraction / performanceTotal : 0;
        }

        // Attainment as one multiply-add: x·(1/(target − min)) + (offset − min/(target − min)).
        _constant = [.. offset.Select((o, j) => o - (minimum * _inverseRange[j]))];
        _broadcast = new Vector<double>[Count * Broadcast.Count];
        for (var j = 0; j < Count; j++)
        {
            var p = _broadcast.AsSpan(j * Broadcast.Count, Broadcast.Count);
            p[Broadcast.InverseRange] = new Vector<double>(_inverseRange[j]);
            p[Broadcast.Constant] = new Vector<double>(_constant[j]);
            p[Broadcast.Ceiling] = new Vector<double>(_ceiling[j]);
            p[Broadcast.HybridCritical] = new Vector<double>(_hybridCritical[j]);
            p[Broadcast.Weight] = new Vector<double>(_weight[j]);
            p[Broadcast.Unweighted] = new Vector<double>(_unweighted[j]);
            p[Broadcast.Target] = new Vector<double>(Target[j]);
            p[Broadcast.YearsPerPoint] = new Vector<double>(YearsPerPoint[j]);
            p[Broadcast.Critical] = new Vector<double>(Critical[j]);
        }

        Array.Fill(_rate, 1, Count, padded - Count);
        Target.CopyTo(_paddedTarget, 0);
        Critical.CopyTo(_paddedCritical, 0);
        var covered = Lanes - (padded % Lanes);
        _leftOver = Vector256.Create(0 >= covered ? -1L : 0, 1 >= covered ? -1L : 0, 2 >= covered ? -1L : 0, 3 >= covered ? -1L : 0).AsDouble();
    }

    /// <summary>
    /// The same profile with a candidate's own development rates, one per requirement: measured growth in place of the
    /// options' assumed rates. A rate below <see cref="SlowestRate"/> (a competency not growing, or declining) is held
    /// there, so its gap takes a thousand years a point to close: beyond every band, and never a division by zero or an
    /// infinity in a file.
    /// </summary>
    public ProfileKernel WithRates(ReadOnlySpan<double> rates) => new(this, rates);

    /// <summary>The slowest development rate the arithmetic takes, scale points a year.</summary>
    public const double SlowestRate = 1e-3;

    private ProfileKernel(ProfileKernel profile, ReadOnlySpan<double> rates)
    {
        (Policy, _options, _topIndex, _bandZ, _draws, Count) = (profile.Policy, profile._options, profile._topIndex, profile._bandZ, profile._draws, profile.Count);
        (_inverseRange, _range, _constant, _weight, _hybridCritical, _ceiling, _unweighted) =
            (profile._inverseRange, profile._range, profile._constant, profile._weight, profile._hybridCritical, profile._ceiling, profile._unweighted);
        (Target, Critical, PerformanceWeight, _paddedTarget, _paddedCritical, _leftOver) =
            (profile.Target, profile.Critical, profile.PerformanceWeight, profile._paddedTarget, profile._paddedCritical, profile._leftOver);
        _rate = (double[])profile._rate.Clone();
        YearsPerPoint = new double[Count];
        _broadcast = (Vector<double>[])profile._broadcast.Clone();
        for (var j = 0; j < Count; j++)
        {
            _rate[j] = Math.Max(rates[j], SlowestRate);
            YearsPerPoint[j] = 1 / _rate[j];
            _broadcast[(j * Broadcast.Count) + Broadcast.YearsPerPoint] = new Vector<double>(YearsPerPoint[j]);
        }
    }

    public ScoringPolicy Policy { get; }

    /// <summary>Gets the standard normal points the joint draws use (<see cref="JointDraws.Lattice"/> in this profile's dimension), made on first use.</summary>
    public double[] Draws => _draws.Value;

    /// <summary>Gets the number of requirements (columns of a row).</summary>
    public int Count { get; }

    public double[] Target { get; }

    /// <summary>Gets each requirement's critical minimum, −∞ when it has none (they cap the band under every policy).</summary>
    public double[] Critical { get; }

    public double[] YearsPerPoint { get; }

    /// <summary>Gets the weights renormalised over the individual-performance requirements (0 for leadership ones).</summary>
    public double[] PerformanceWeight { get; }

    /// <summary>
    /// Scores one row: the index at the estimates and at their interval ends x ± z·se, the band (on the estimates or on
    /// their lower ends, as the options say), the years to ready and whether a critical minimum is missed. Valid is false
    /// when a number is not finite or a standard error is negative (the other fields are then meaningless).
    /// </summary>
    /// <remarks>
    /// The reference arithmetic: <see cref="ScoreRows"/> does exactly these operations in this order on each of its
    /// lanes, so a row scores to the same bits alone or in a batch. <see cref="Min"/> and <see cref="Max"/> are the
    /// vector operations' native rule, not Math.Min/Max.
    /// </remarks>
    public Row Score(ReadOnlySpan<double> x, ReadOnlySpan<double> se, double z)
    {
        var lowerBasis = _options.BandBasis == BandBasis.LowerBound;
        var probability = _options.BandBasis == BandBasis.Probability;
        var conjunctive = Policy == ScoringPolicy.Conjunctive;
        // One accumulator per index (estimate, lower end, upper end, and the band's end under the probability basis), as
        // the lanes keep them: a weighted sum, or the conjunctive policy's minimum.
        var start = conjunctive ? double.PositiveInfinity : 0;
        double point = start, low = start, high = start, banded = start, years = 0, check = 0, seMinimum = double.PositiveInfinity;
        var critical = false;
        for (var j = 0; j < Count; j++)
        {
            var (xj, sj) = (x[j], se[j]);
            var spread = z * sj;
            var raw = Math.FusedMultiplyAdd(xj, _inverseRange[j], _constant[j]);
            var step = spread * _inverseRange[j];
            var aPoint = Min(Max(raw, 0), _ceiling[j]);
            var aLow = Min(Max(raw - step, 0), _ceiling[j]);
            var aHigh = Min(Max(raw + step, 0), _ceiling[j]);
            var lowEnd = xj - spread;
            aPoint = xj < _hybridCritical[j] ? 0 : aPoint;
            aLow = lowEnd < _hybridCritical[j] ? 0 : aLow;
            aHigh = xj + spread < _hybridCritical[j] ? 0 : aHigh;

            // The probability basis decides the band at x − Φ⁻¹(confidence)·se: with errors moving together, the band the
            // true levels reach with that probability.
            var bandSpread = _bandZ * sj;
            var bandEnd = xj - bandSpread;
            var aBand = Min(Max(raw - (bandSpread * _inverseRange[j]), 0), _ceiling[j]);
            aBand = bandEnd < _hybridCritical[j] ? 0 : aBand;
            if (conjunctive)
            {
                point = Min(point, aPoint + _unweighted[j]);
                low = Min(low, aLow + _unweighted[j]);
                high = Min(high, aHigh + _unweighted[j]);
                banded = Min(banded, aBand + _unweighted[j]);
            }
            else
            {
                point = Math.FusedMultiplyAdd(aPoint, _weight[j], point);
                low = Math.FusedMultiplyAdd(aLow, _weight[j], low);
                high = Math.FusedMultiplyAdd(aHigh, _weight[j], high);
                banded = Math.FusedMultiplyAdd(aBand, _weight[j], banded);
            }

            var basis = lowerBasis ? lowEnd : probability ? bandEnd : xj;

            // Years start at 0, so a met target (a negative difference) never raises them.
            years = Max(years, (Target[j] - basis) * YearsPerPoint[j]);
            critical |= basis < Critical[j];

            // x·0 is NaN exactly when x is NaN or infinite; a NaN standard error is caught here before its minimum matters.
            check += (xj * 0) + (sj * 0);
            seMinimum = Min(seMinimum, sj);
        }

        var (index, lower, upper) = (Index(point), Index(low), Index(high));
        var valid = check == 0 && seMinimum >= 0;
        return new Row(index, lower, upper, Band(lowerBasis ? lower : probability ? Index(banded) : index, years, critical), years, critical, valid);
    }

    /// <summary>
    /// The index and band of true levels known exactly — <see cref="Score"/> with standard errors of 0, to the same bits,
    /// without the interval's work: the joint draws call it once per draw.
    /// </summary>
    public (double Index, ReadinessBand Band) AtLevels(ReadOnlySpan<double> theta)
    {
        var conjunctive = Policy == ScoringPolicy.Conjunctive;
        double point = conjunctive ? double.PositiveInfinity : 0, years = 0;
        var critical = false;
        for (var j = 0; j < Count; j++)
        {
            var t = theta[j];
            var a = Min(Max(Math.FusedMultiplyAdd(t, _inverseRange[j], _constant[j]), 0), _ceiling[j]);
            a = t < _hybridCritical[j] ? 0 : a;
            point = conjunctive ? Min(point, a + _unweighted[j]) : Math.FusedMultiplyAdd(a, _weight[j], point);
            years = Max(years, (Target[j] - t) * YearsPerPoint[j]);
            critical |= t < Critical[j];
        }

        var index = Index(point);
        return (index, Band(index, years, critical));
    }

    /// <summary>
    /// Scores consecutive rows of <see cref="Count"/> estimates and standard errors into the outputs, to the same bits as
    /// <see cref="Score"/> row by row. Returns the first invalid row (the outputs are then incomplete), or −1.
    /// </summary>
    /// <remarks>
    /// As many candidates at a time as <see cref="Vector{T}"/> has lanes (four with AVX2, two on Arm64's NEON), one per
    /// lane: each block of their rows is transposed so that requirement j of every candidate sits side by side, and every
    /// operation serves them all with no horizontal sums or per-row reductions. The rows left over, and machines without
    /// vector hardware (and .NET 8, which lacks the vector fused multiply-add), take the scalar reference.
    /// </remarks>
    public int ScoreRows(
        ReadOnlySpan<double> x, ReadOnlySpan<double> se, double z,
        Span<double> index, Span<double> lower, Span<double> upper, Span<ReadinessBand> bands)
    {
        var k = Count;
        var n = index.Length;
        var first = 0;
#if NET9_0_OR_GREATER
        if (Vector.IsHardwareAccelerated)
        {
            var invalid = ScoreBlocks(x, se, z, index, lower, upper, bands, out first);
            if (invalid >= 0)
            {
                return invalid;
            }
        }
#endif

        for (var i = first; i < n; i++)
        {
            var row = Score(x.Slice(i * k, k), se.Slice(i * k, k), z);
            if (!row.Valid)
            {
                return i;
            }

            (index[i], lower[i], upper[i], bands[i]) = (row.Index, row.Lower, row.Upper, row.Band);
        }

        return -1;
    }

    /// <summary>The entries the chances read at a time (<see cref="Vector256{T}"/>'s four doubles).</summary>
    private const int Lanes = 4;

#if NET9_0_OR_GREATER
    /// <summary>Whole blocks of one row a lane; <paramref name="done"/> is the number of rows scored. Returns the first invalid row, or −1.</summary>
    private int ScoreBlocks(
        ReadOnlySpan<double> x, ReadOnlySpan<double> se, double z,
        Span<double> index, Span<double> lower, Span<double> upper, Span<ReadinessBand> bands, out int done)
    {
        var k = Count;
        var n = index.Length;
        var width = Vector<double>.Count;
        var lowerBasis = _options.BandBasis == BandBasis.LowerBound;
        var probability = _options.BandBasis == BandBasis.Probability;
        var conjunctive = Policy == ScoringPolicy.Conjunctive;
        var hybrid = Policy == ScoringPolicy.Hybrid;
        var zero = Vector<double>.Zero;
        var zv = new Vector<double>(z);
        var bandZv = new Vector<double>(_bandZ);

        // One accumulator per index (estimate, lower end, upper end): a weighted sum, or the conjunctive policy's minimum.
        // Fewer live vectors than registers keeps the loop free of spills.
        var start = conjunctive ? new Vector<double>(double.PositiveInfinity) : zero;
        ReadOnlySpan<Vector<double>> parameters = _broadcast;
        Span<Vector<double>> xs = k <= 128 ? stackalloc Vector<double>[k] : new Vector<double>[k];
        Span<Vector<double>> ses = k <= 128 ? stackalloc Vector<double>[k] : new Vector<double>[k];
        var bandCodes = MemoryMarshal.Cast<ReadinessBand, int>(bands);
        var block = 0;
        for (; block + width <= n; block += width)
        {
            Transpose(x.Slice(block * k, k * width), k, xs);
            Transpose(se.Slice(block * k, k * width), k, ses);
            if (!Valid(xs, ses))
            {
                // The scalar reference names the row (the check above holds a mix of rows in each lane).
                done = block;
                for (var row = block; ; row++)
                {
                    if (!Score(x.Slice(row * k, k), se.Slice(row * k, k), z).Valid)
                    {
                        return row;
                    }
                }
            }

            Vector<double> point = start, low = start, high = start, banded = start, years = zero;
            var critical = Vector<long>.Zero;
            for (var j = 0; j < k; j++)
            {
                var p = parameters.Slice(j * Broadcast.Count, Broadcast.Count);
                var (xv, sv) = (xs[j], ses[j]);
                var inverse = p[Broadcast.InverseRange];
                var ceiling = p[Broadcast.Ceiling];
                var spread = zv * sv;
                var raw = Vector.FusedMultiplyAdd(xv, inverse, p[Broadcast.Constant]);
                var step = spread * inverse;
                var aPoint = Vector.MinNative(Vector.MaxNative(raw, zero), ceiling);
                var aLow = Vector.MinNative(Vector.MaxNative(raw - step, zero), ceiling);
                var aHigh = Vector.MinNative(Vector.MaxNative(raw + step, zero), ceiling);
                var lowEnd = xv - spread;
                if (hybrid)
                {
                    var floor = p[Broadcast.HybridCritical];
                    aPoint = Vector.ConditionalSelect(Vector.LessThan(xv, floor), zero, aPoint);
                    aLow = Vector.ConditionalSelect(Vector.LessThan(lowEnd, floor), zero, aLow);
                    aHigh = Vector.ConditionalSelect(Vector.LessThan(xv + spread, floor), zero, aHigh);
                }

                if (conjunctive)
                {
                    var unweighted = p[Broadcast.Unweighted];
                    point = Vector.MinNative(point, aPoint + unweighted);
                    low = Vector.MinNative(low, aLow + unweighted);
                    high = Vector.MinNative(high, aHigh + unweighted);
                }
                else
                {
                    var weight = p[Broadcast.Weight];
                    point = Vector.FusedMultiplyAdd(aPoint, weight, point);
                    low = Vector.FusedMultiplyAdd(aLow, weight, low);
                    high = Vector.FusedMultiplyAdd(aHigh, weight, high);
                }

                var basis = lowerBasis ? lowEnd : xv;
                if (probability)
                {
                    var bandSpread = bandZv * sv;
                    basis = xv - bandSpread;
                    var aBand = Vector.MinNative(Vector.MaxNative(raw - (bandSpread * inverse), zero), ceiling);
                    aBand = hybrid ? Vector.ConditionalSelect(Vector.LessThan(basis, p[Broadcast.HybridCritical]), zero, aBand) : aBand;
                    banded = conjunctive ? Vector.MinNative(banded, aBand + p[Broadcast.Unweighted]) : Vector.FusedMultiplyAdd(aBand, p[Broadcast.Weight], banded);
                }

                years = Vector.MaxNative(years, (p[Broadcast.Target] - basis) * p[Broadcast.YearsPerPoint]);
                critical |= Vector.LessThan(basis, p[Broadcast.Critical]);
            }

            var indexV = Index(point);
            var lowerV = Index(low);
            indexV.CopyTo(index.Slice(block, width));
            lowerV.CopyTo(lower.Slice(block, width));
            Index(high).CopyTo(upper.Slice(block, width));
            WriteCodes(Band(lowerBasis ? lowerV : probability ? Index(banded) : indexV, years, critical), bandCodes.Slice(block, width));
        }

        done = block;
        return -1;
    }

    /// <summary>Writes rows of <paramref name="k"/> values (row-major, one a lane) as k vectors: vector j holds value j of every row.</summary>
    /// <remarks>
    /// The one step that is not on the portable vector API: with AVX (and four lanes, and at least four values a row) a 4 × 4
    /// block at a time is loaded and transposed in registers — unpacks and a lane permute, the last block overlapping the one
    /// before when 4 does not divide k — which saved 7% of the batch's time against gathering each value; everywhere else
    /// (Arm64's two lanes included) <see cref="Gather"/> does. Both give the same vectors, bit for bit.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Transpose(ReadOnlySpan<double> rows, int k, Span<Vector<double>> columns)
    {
        if (Avx.IsSupported && Vector<double>.Count == 4 && k >= 4)
        {
            var blocks = MemoryMarshal.Cast<Vector<double>, Vector256<double>>(columns);
            for (var start = 0; start < k; start += 4)
            {
                var j = Math.Min(start, k - 4);
                var r0 = Vector256.Create(rows.Slice(j, 4));
                var r1 = Vector256.Create(rows.Slice(k + j, 4));
                var r2 = Vector256.Create(rows.Slice((2 * k) + j, 4));
                var r3 = Vector256.Create(rows.Slice((3 * k) + j, 4));
                var (even01, odd01) = (Avx.UnpackLow(r0, r1), Avx.UnpackHigh(r0, r1));
                var (even23, odd23) = (Avx.UnpackLow(r2, r3), Avx.UnpackHigh(r2, r3));
                blocks[j] = Avx.Permute2x128(even01, even23, 0x20);
                blocks[j + 1] = Avx.Permute2x128(odd01, odd23, 0x20);
                blocks[j + 2] = Avx.Permute2x128(even01, even23, 0x31);
                blocks[j + 3] = Avx.Permute2x128(odd01, odd23, 0x31);
            }

            return;
        }

        Gather(rows, k, columns);
    }

    /// <summary><see cref="Transpose"/> on the portable vector API, one value at a time.</summary>
    internal static void Gather(ReadOnlySpan<double> rows, int k, Span<Vector<double>> columns)
    {
        if (Vector<double>.Count is 2 or 4)
        {
            for (var j = 0; j < k; j++)
            {
                columns[j] = Column(rows, k, j);
            }

            return;
        }

        // Any other width (Vector<T> set wider than the hardware's) goes through one buffer.
        Span<double> lanes = stackalloc double[Vector<double>.Count];
        for (var j = 0; j < k; j++)
        {
            for (var lane = 0; lane < lanes.Length; lane++)
            {
                lanes[lane] = rows[(lane * k) + j];
            }

            columns[j] = new Vector<double>(lanes);
        }
    }

    /// <summary>
    /// Value j of every row, gathered straight into a vector's lanes, for the widths vector hardware has (four lanes with
    /// AVX2, two on Arm64): constants to the JIT, which keeps only their branch.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> Column(ReadOnlySpan<double> rows, int k, int j)
    {
        // The caller passes whole blocks (Count rows of k), so every index below is in range.
        ref var first = ref Unsafe.Add(ref MemoryMarshal.GetReference(rows), j);
        return Vector<double>.Count == 4
            ? Vector256.Create(first, Unsafe.Add(ref first, k), Unsafe.Add(ref first, 2 * k), Unsafe.Add(ref first, 3 * k)).AsVector()
            : Vector128.Create(first, Unsafe.Add(ref first, k)).AsVector();
    }

    /// <summary>
    /// Writes the band codes (small whole numbers held as doubles) as integers. Adding 2⁵² puts a code in the low bits of
    /// its lane; one shuffle gathers those halves, where the per-lane conversion costs a tenth of the batch.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteCodes(Vector<double> codes, Span<int> destination)
    {
        var bits = codes + new Vector<double>(4503599627370496.0);
        if (Vector<double>.Count == 4)
        {
            Vector256.Shuffle(bits.AsVector256().AsInt32(), Vector256.Create(0, 2, 4, 6, 0, 2, 4, 6)).GetLower().CopyTo(destination);
            return;
        }

        var ints = Vector.AsVectorInt32(bits);
        for (var lane = 0; lane < destination.Length; lane++)
        {
            destination[lane] = ints[2 * lane];
        }
    }

    /// <summary>Whether every value of a block is finite (x·0 is NaN otherwise) and every standard error non-negative.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Valid(ReadOnlySpan<Vector<double>> xs, ReadOnlySpan<Vector<double>> ses)
    {
        var check = Vector<double>.Zero;
        var minimum = new Vector<double>(double.PositiveInfinity);
        for (var j = 0; j < xs.Length; j++)
        {
            check += (xs[j] * Vector<double>.Zero) + (ses[j] * Vector<double>.Zero);
            minimum = Vector.MinNative(minimum, ses[j]);
        }

        return Vector.EqualsAll(check, Vector<double>.Zero) && Vector.GreaterThanOrEqualAll(minimum, Vector<double>.Zero);
    }

    /// <summary>The band rule of <see cref="Band(double, double, bool)"/> on every lane, as the enumeration's codes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector<double> Band(Vector<double> index, Vector<double> years, Vector<long> criticalGap)
    {
        var o = _options;
        var band = Vector.ConditionalSelect(
            Vector.LessThanOrEqual(years, new Vector<double>(o.NearTermMaxYears)),
            new Vector<double>((double)ReadinessBand.ReadyIn1To2Years),
            new Vector<double>((double)ReadinessBand.ReadyIn3PlusYears));
        band = Vector.ConditionalSelect(
            Vector.GreaterThanOrEqual(index, new Vector<double>(o.ReadyNowMinimumIndex)) & Vector.LessThanOrEqual(years, new Vector<double>(o.ReadyNowMaxYears)),
            new Vector<double>((double)ReadinessBand.ReadyNow),
            band);
        band = Vector.ConditionalSelect(
            Vector.LessThan(index, new Vector<double>(o.OnTrackMinimumIndex)) | Vector.GreaterThan(years, new Vector<double>(o.LongTermMaxYears)),
            new Vector<double>((double)ReadinessBand.NotOnLeadershipTrack),
            band);
        var capped = new Vector<double>((double)o.CriticalGapBand);
        return Vector.ConditionalSelect(criticalGap & Vector.LessThan(band, capped), capped, band);
    }

#endif

    /// <summary>Each requirement's parameters broadcast to every lane, <see cref="Count"/> vectors per requirement.</summary>
    private static class Broadcast
    {
        public const int InverseRange = 0;
        public const int Constant = 1;
        public const int Ceiling = 2;
        public const int HybridCritical = 3;
        public const int Weight = 4;
        public const int Unweighted = 5;
        public const int Target = 6;
        public const int YearsPerPoint = 7;
        public const int Critical = 8;
        public const int Count = 9;
    }

    // The scalar reference takes its minimum and maximum from the same native vector operation the lanes use (the
    // second operand unless the first is smaller/larger on x86; the NEON rule on Arm64), so both round alike on every
    // machine; branch-free, too (a conditional here mispredicts on real data).
    // (.NET 8 has neither these operations nor the vector path: there the rule is written out.)
#if NET9_0_OR_GREATER
    private static double Min(double a, double b) => Vector128.MinNative(Vector128.CreateScalarUnsafe(a), Vector128.CreateScalarUnsafe(b)).ToScalar();

    private static double Max(double a, double b) => Vector128.MaxNative(Vector128.CreateScalarUnsafe(a), Vector128.CreateScalarUnsafe(b)).ToScalar();

    /// <summary><see cref="Index(double)"/> on every lane.</summary>
    private Vector<double> Index(Vector<double> attainment) =>
        Vector.MinNative(
            Vector.ConditionalSelect(Vector.LessThanOrEqual(Vector.Abs(attainment - Vector<double>.One), new Vector<double>(FullAttainmentTolerance)), Vector<double>.One, attainment) * 100,
            new Vector<double>(_topIndex));
#else
    private static double Min(double a, double b) => a < b ? a : b;

    private static double Max(double a, double b) => a > b ? a : b;
#endif

    /// <summary>Shares <paramref name="index"/> among the requirements (they add up to it within rounding): by weighted attainment, or among the binding requirements under the conjunctive policy.</summary>
    public void Contributions(ReadOnlySpan<double> x, double index, Span<double> contributions)
    {
        var k = Count;
        var total = 0.0;
        var lowest = double.PositiveInfinity;
        for (var j = 0; j < k; j++)
        {
            var a = Attain(x[j], j);
            contributions[j] = Policy == ScoringPolicy.Conjunctive ? a + _unweighted[j] : a * _weight[j];
            lowest = Math.Min(lowest, contributions[j]);
        }

        if (Policy == ScoringPolicy.Conjunctive)
        {
            // The index is decided by the weakest requirement(s); once every target is met, all share it by weight.
            var allMet = index >= 100;
            var binding = 0;
            for (var j = 0; j < k; j++)
            {
                binding += contributions[j] == lowest ? 1 : 0;
            }

            for (var j = 0; j < k; j++)
            {
                contributions[j] = allMet ? index * _weight[j] : contributions[j] == lowest ? index / binding : 0;
            }

            return;
        }

        for (var j = 0; j < k; j++)
        {
            total += contributions[j];
        }

        for (var j = 0; j < k; j++)
        {
            contributions[j] = total > 0 ? index * (contributions[j] / total) : 0;
        }
    }

    /// <summary>
    /// The expected shortfall below the targets and surplus above them, in index points (100 × Σ w_j E[max(0, target_j −
    /// θ_j)] / (target_j − minimum), and the same above), for true levels θ_j ~ N(x_j, se_j²). Both are sums of one
    /// competency's expectation each, so they need no correlations; neither is capped, so they keep ordering where every
    /// requirement is past its overshoot cap.
    /// </summary>
    public (double Shortfall, double Surplus) ExpectedGaps(ReadOnlySpan<double> x, ReadOnlySpan<double> se)
    {
        double shortfall = 0, surplus = 0;
        for (var j = 0; j < Count; j++)
        {
            var scale = 100 * _weight[j] * _inverseRange[j];
            if (scale == 0)
            {
                continue;
            }

            var below = Target[j] - x[j];
            if (se[j] == 0)
            {
                shortfall += scale * Math.Max(0, below);
                surplus += scale * Math.Max(0, -below);
                continue;
            }

            // E[max(0, t − θ)] = (t − x)Φ(d) + se φ(d) with d = (t − x)/se, and E[max(0, θ − t)] = that − (t − x).
            var d = below / se[j];
            var expectedBelow = (below * Normal.CDF(0, 1, d)) + (se[j] * Normal.PDF(0, 1, d));
            shortfall += scale * expectedBelow;
            surplus += scale * Math.Max(0, expectedBelow - below);
        }

        return (shortfall, surplus);
    }

    /// <summary>
    /// Attainment on the individual-performance requirements alone: 100 at their targets, and above it by the same capped
    /// overshoot as the readiness index (whatever the policy), so it keeps ordering people past the targets rather than
    /// tying them at 100 (two in five of a custom organisation did, and the nine-box's performance thirds with them); NaN
    /// when the role has none.
    /// </summary>
    public double PerformanceIndex(ReadOnlySpan<double> x)
    {
        var sum = 0.0;
        var any = false;
        var ceiling = 1 + _options.OvershootCap;
        for (var j = 0; j < Count; j++)
        {
            if (PerformanceWeight[j] > 0)
            {
                any = true;
                sum += PerformanceWeight[j] * Math.Clamp(Math.FusedMultiplyAdd(x[j], _inverseRange[j], _constant[j]), 0, ceiling);
            }
        }

        return any ? Math.Min(100 * (Math.Abs(sum - 1) <= FullAttainmentTolerance ? 1 : sum), 100 * ceiling) : double.NaN;
    }

    private double Attain(double x, int j)
    {
        var a = Min(Max(Math.FusedMultiplyAdd(x, _inverseRange[j], _constant[j]), 0), _ceiling[j]);
        return x < _hybridCritical[j] ? 0 : a;
    }

    // Overshoot beyond a target is capped per requirement (the ceiling), not in total: above 100 the index keeps ordering
    // people by how far past the targets they are, and its interval its width until every requirement is past its cap.
    // Full attainment is recognised within 1e-9: x·(1/(target − min)) can round to either side of 1 at the target itself;
    // and the weighted sum of capped attainments, which can round past the cap itself, is held to it. The same rule turns
    // the weighted sum and the conjunctive minimum into the index.
    private double Index(double attainment) => Min(100 * (Math.Abs(attainment - 1) <= FullAttainmentTolerance ? 1 : attainment), _topIndex);

    private ReadinessBand Band(double index, double years, bool criticalGap)
    {
        var o = _options;
        var band = index < o.OnTrackMinimumIndex || years > o.LongTermMaxYears ? ReadinessBand.NotOnLeadershipTrack
            : index >= o.ReadyNowMinimumIndex && years <= o.ReadyNowMaxYears ? ReadinessBand.ReadyNow
            : years <= o.NearTermMaxYears ? ReadinessBand.ReadyIn1To2Years
            : ReadinessBand.ReadyIn3PlusYears;

        // Critical minimums are non-compensatory: whatever the index says, a critical gap caps the band.
        return criticalGap && band < o.CriticalGapBand ? o.CriticalGapBand : band;
    }

    /// <summary>One scored row.</summary>
    internal readonly record struct Row(double Index, double Lower, double Upper, ReadinessBand Band, double Years, bool CriticalGap, bool Valid);
}
