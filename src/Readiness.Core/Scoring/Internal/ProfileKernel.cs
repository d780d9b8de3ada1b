using System.Numerics;
using Readiness.Competencies;

namespace Readiness.Scoring.Internal;

/// <summary>
/// The arithmetic of readiness for one role profile and policy, over a candidate's estimates in requirement order. The
/// single-candidate and batch paths both call <see cref="Score"/>, so their numbers agree to the bit.
/// </summary>
/// <remarks>
/// Attainment of requirement j: a_j = (x_j − scale minimum) / (target_j − scale minimum), clamped to [0, 1 + cap] (to
/// [0, 1] under the conjunctive policy; a target at the scale minimum is always met, a_j = 1); under the hybrid policy
/// a_j = 0 below a critical minimum. Compensatory and hybrid: index = 100 Σ w_j a_j, and 100 once every target is met or
/// the capped overshoot takes the sum to 1; conjunctive: index = 100 min_j a_j over the weighted requirements. One pass,
/// vectorised across a row's requirements, gives the index at the estimates and at both interval ends, the band's time
/// to ready and critical gaps, and whether every number is finite.
/// </remarks>
internal sealed class ProfileKernel
{
    private readonly double _minimum;
    private readonly double[] _inverseRange;
    private const double FullAttainmentTolerance = 1e-9;

    private readonly double[] _offset;
    private readonly double[] _constant;
    private readonly int[] _chunkStart;
    private readonly double[] _chunkWeight;
    private readonly double[] _weight;
    private readonly double[] _hybridCritical;
    private readonly double[] _ceiling;
    private readonly double[] _unweighted;
    private readonly ScoringOptions _options;

    public ProfileKernel(RoleProfile profile, ScoringPolicy policy, ScoringOptions options)
    {
        Policy = policy;
        _options = options;
        var requirements = profile.Requirements;
        Count = requirements.Length;
        var minimum = (double)profile.Model.Scale.Minimum;
        _minimum = minimum;
        _inverseRange = new double[Count];
        _offset = new double[Count];
        _weight = new double[Count];
        _hybridCritical = new double[Count];
        _ceiling = new double[Count];
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
            _offset[j] = atMinimum ? 1 : 0;
            _weight[j] = r.Weight.Fraction;
            _ceiling[j] = policy == ScoringPolicy.Conjunctive ? 1 : 1 + options.OvershootCap;

            // The conjunctive minimum runs over weighted requirements only: a weightless one is pushed out of reach.
            _unweighted[j] = r.Weight.Fraction > 0 ? 0 : double.PositiveInfinity;
            Target[j] = r.Target;
            Critical[j] = r.CriticalMinimum ?? double.NegativeInfinity;
            _hybridCritical[j] = policy == ScoringPolicy.Hybrid ? Critical[j] : double.NegativeInfinity;
            YearsPerPoint[j] = 1 / options.DevelopmentRateFor(r.Competency.Id);
            PerformanceWeight[j] = r.Competency.Domain == CompetencyDomain.IndividualPerformance && performanceTotal > 0 ? r.Weight.Fraction / performanceTotal : 0;
        }

        // Attainment as one multiply-add: x·(1/(target − min)) + (offset − min/(target − min)).
        _constant = [.. _offset.Select((o, j) => o - (_minimum * _inverseRange[j]))];

        // Vector chunks over a row: whole vectors from the start, then one ending at the row's end (overlapping the one
        // before, its repeated lanes weighted 0).
        var width = Vector<double>.Count;
        var starts = new List<int>();
        for (var j = 0; j + width <= Count; j += width)
        {
            starts.Add(j);
        }

        var covered = starts.Count * width;
        if (Count >= width && covered < Count)
        {
            starts.Add(Count - width);
        }

        _chunkStart = [.. starts];
        _chunkWeight = new double[starts.Count * width];
        for (var c = 0; c < starts.Count; c++)
        {
            for (var lane = 0; lane < width; lane++)
            {
                var j = starts[c] + lane;
                _chunkWeight[(c * width) + lane] = c == starts.Count - 1 && covered < Count && j < covered ? 0 : _weight[j];
            }
        }
    }

    public ScoringPolicy Policy { get; }

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
    public Row Score(ReadOnlySpan<double> x, ReadOnlySpan<double> se, double z)
    {
        var k = Count;
        if (!Vector.IsHardwareAccelerated || k < Vector<double>.Count)
        {
            return ScoreScalar(x, se, z);
        }

        var lowerBasis = _options.BandBasis == BandBasis.LowerBound;
        var conjunctive = Policy == ScoringPolicy.Conjunctive;
        var hybrid = Policy == ScoringPolicy.Hybrid;
        var zero = Vector<double>.Zero;
        var zv = new Vector<double>(z);
        var infinity = new Vector<double>(double.PositiveInfinity);
        Vector<double> sumPoint = zero, sumLow = zero, sumHigh = zero, years = zero, check = zero, seMinimum = infinity;
        Vector<double> minPoint = infinity, minLow = infinity, minHigh = infinity;
        var critical = Vector<long>.Zero;
        var width = Vector<double>.Count;

        // Whole vectors only: the last one overlaps the one before it, and its weights are 0 on the lanes already counted;
        // minima, maxima and masks are unaffected by seeing a lane twice.
        for (var c = 0; c < _chunkStart.Length; c++)
        {
            var j = _chunkStart[c];
            var xv = new Vector<double>(x[j..]);
            var sv = new Vector<double>(se[j..]);
            var inverse = new Vector<double>(_inverseRange, j);
            var ceiling = new Vector<double>(_ceiling, j);
            var spread = zv * sv;
            var raw = (xv * inverse) + new Vector<double>(_constant, j);
            var step = spread * inverse;
            var aPoint = VMin(VMax(raw, zero), ceiling);
            var aLow = VMin(VMax(raw - step, zero), ceiling);
            var aHigh = VMin(VMax(raw + step, zero), ceiling);
            var low = xv - spread;
            if (hybrid)
            {
                var floor = new Vector<double>(_hybridCritical, j);
                aPoint = Vector.ConditionalSelect(Vector.LessThan(xv, floor), zero, aPoint);
                aLow = Vector.ConditionalSelect(Vector.LessThan(low, floor), zero, aLow);
                aHigh = Vector.ConditionalSelect(Vector.LessThan(xv + spread, floor), zero, aHigh);
            }

            if (conjunctive)
            {
                var unweighted = new Vector<double>(_unweighted, j);
                minPoint = VMin(minPoint, aPoint + unweighted);
                minLow = VMin(minLow, aLow + unweighted);
                minHigh = VMin(minHigh, aHigh + unweighted);
            }
            else
            {
                var weight = new Vector<double>(_chunkWeight, c * width);
                sumPoint += aPoint * weight;
                sumLow += aLow * weight;
                sumHigh += aHigh * weight;
            }

            var basis = lowerBasis ? low : xv;
            years = VMax(years, VMax(new Vector<double>(Target, j) - basis, zero) * new Vector<double>(YearsPerPoint, j));
            critical |= Vector.LessThan(basis, new Vector<double>(Critical, j));

            // x·0 is NaN exactly when x is NaN or infinite.
            check += (xv * zero) + (sv * zero);
            seMinimum = VMin(seMinimum, sv);
        }

        var valid = double.IsFinite(Vector.Sum(check)) && MinLane(seMinimum) >= 0;
        double index, lower, upper;
        if (conjunctive)
        {
            index = Conjunctive(MinLane(minPoint));
            lower = Conjunctive(MinLane(minLow));
            upper = Conjunctive(MinLane(minHigh));
        }
        else
        {
            (index, lower, upper) = (Weighted(Vector.Sum(sumPoint)), Weighted(Vector.Sum(sumLow)), Weighted(Vector.Sum(sumHigh)));
        }

        var yearsToReady = MaxLane(years);
        var criticalGap = critical != Vector<long>.Zero;
        return new Row(index, lower, upper, Band(lowerBasis ? lower : index, yearsToReady, criticalGap), yearsToReady, criticalGap, valid);
    }

    /// <summary>The same arithmetic one requirement at a time, for rows shorter than a vector (or without SIMD).</summary>
    private Row ScoreScalar(ReadOnlySpan<double> x, ReadOnlySpan<double> se, double z)
    {
        var lowerBasis = _options.BandBasis == BandBasis.LowerBound;
        var conjunctive = Policy == ScoringPolicy.Conjunctive;
        double sumPoint = 0, sumLow = 0, sumHigh = 0, years = 0;
        double minPoint = double.PositiveInfinity, minLow = double.PositiveInfinity, minHigh = double.PositiveInfinity;
        bool critical = false, valid = true;
        for (var j = 0; j < Count; j++)
        {
            var spread = z * se[j];
            var raw = (x[j] * _inverseRange[j]) + _constant[j];
            var step = spread * _inverseRange[j];
            var aPoint = Math.Min(Math.Max(raw, 0), _ceiling[j]);
            var aLow = Math.Min(Math.Max(raw - step, 0), _ceiling[j]);
            var aHigh = Math.Min(Math.Max(raw + step, 0), _ceiling[j]);
            var low = x[j] - spread;
            aPoint = x[j] < _hybridCritical[j] ? 0 : aPoint;
            aLow = low < _hybridCritical[j] ? 0 : aLow;
            aHigh = x[j] + spread < _hybridCritical[j] ? 0 : aHigh;
            if (conjunctive)
            {
                minPoint = Math.Min(minPoint, aPoint + _unweighted[j]);
                minLow = Math.Min(minLow, aLow + _unweighted[j]);
                minHigh = Math.Min(minHigh, aHigh + _unweighted[j]);
            }
            else
            {
                sumPoint += aPoint * _weight[j];
                sumLow += aLow * _weight[j];
                sumHigh += aHigh * _weight[j];
            }

            var basis = lowerBasis ? low : x[j];
            years = Math.Max(years, Math.Max(Target[j] - basis, 0) * YearsPerPoint[j]);
            critical |= basis < Critical[j];
            valid &= double.IsFinite(x[j]) && double.IsFinite(se[j]) && se[j] >= 0;
        }

        var index = conjunctive ? Conjunctive(minPoint) : Weighted(sumPoint);
        var lower = conjunctive ? Conjunctive(minLow) : Weighted(sumLow);
        var upper = conjunctive ? Conjunctive(minHigh) : Weighted(sumHigh);
        return new Row(index, lower, upper, Band(lowerBasis ? lower : index, years, critical), years, critical, valid);
    }

    // The native instructions: Vector.Min/Max follow IEEE 754 minimum/maximum (NaN and signed zeros) at several
    // instructions each on .NET 9 and later, which tripled the kernel's cost. Rows holding a NaN are refused anyway.
#if NET9_0_OR_GREATER
    private static Vector<double> VMin(Vector<double> a, Vector<double> b) => Vector.MinNative(a, b);

    private static Vector<double> VMax(Vector<double> a, Vector<double> b) => Vector.MaxNative(a, b);
#else
    private static Vector<double> VMin(Vector<double> a, Vector<double> b) => Vector.Min(a, b);

    private static Vector<double> VMax(Vector<double> a, Vector<double> b) => Vector.Max(a, b);
#endif

    private static double MinLane(Vector<double> v)
    {
        var result = v[0];
        for (var lane = 1; lane < Vector<double>.Count; lane++)
        {
            result = Math.Min(result, v[lane]);
        }

        return result;
    }

    private static double MaxLane(Vector<double> v)
    {
        var result = v[0];
        for (var lane = 1; lane < Vector<double>.Count; lane++)
        {
            result = Math.Max(result, v[lane]);
        }

        return result;
    }

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

    /// <summary>Attainment on the individual-performance requirements alone, 0–100 (no overshoot, no policy); NaN when the role has none.</summary>
    public double PerformanceIndex(ReadOnlySpan<double> x)
    {
        var sum = 0.0;
        var any = false;
        for (var j = 0; j < Count; j++)
        {
            if (PerformanceWeight[j] > 0)
            {
                any = true;
                sum += PerformanceWeight[j] * Math.Clamp(((x[j] - _minimum) * _inverseRange[j]) + _offset[j], 0, 1);
            }
        }

        return any ? 100 * Math.Min(sum, 1) : double.NaN;
    }

    private double Attain(double x, int j)
    {
        var a = Math.Min(Math.Max(((x - _minimum) * _inverseRange[j]) + _offset[j], 0), _ceiling[j]);
        return x < _hybridCritical[j] ? 0 : a;
    }

    // Overshoot beyond the targets is capped twice: per requirement (the ceiling) and in total (the index stops at 100).
    // Full attainment is recognised within 1e-9: x·(1/(target − min)) can round to just below 1 at the target itself.
    private static double Weighted(double sum) => sum >= 1 - FullAttainmentTolerance ? 100 : 100 * sum;

    private static double Conjunctive(double lowest) => lowest >= 1 - FullAttainmentTolerance ? 100 : 100 * lowest;

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
