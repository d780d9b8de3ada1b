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
    private readonly double[] _minimum;
    private readonly double[] _inverseRange;
    private readonly double[] _offset;
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
        _minimum = new double[Count];
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
            _minimum[j] = minimum;
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
        var lowerBasis = _options.BandBasis == BandBasis.LowerBound;
        var conjunctive = Policy == ScoringPolicy.Conjunctive;
        double sumPoint = 0, sumLow = 0, sumHigh = 0;
        double minPoint = double.PositiveInfinity, minLow = double.PositiveInfinity, minHigh = double.PositiveInfinity;
        double years = 0;
        bool metPoint = true, metLow = true, metHigh = true, critical = false, valid = true;
        var j = 0;
        if (Vector.IsHardwareAccelerated && k >= Vector<double>.Count)
        {
            var zero = Vector<double>.Zero;
            var zv = new Vector<double>(z);
            Vector<double> vSumPoint = zero, vSumLow = zero, vSumHigh = zero, vYears = zero;
            var infinity = new Vector<double>(double.PositiveInfinity);
            Vector<double> vMinPoint = infinity, vMinLow = infinity, vMinHigh = infinity;
            var allOnes = Vector<long>.AllBitsSet;
            Vector<long> vMetPoint = allOnes, vMetLow = allOnes, vMetHigh = allOnes, vCritical = Vector<long>.Zero, vValid = allOnes;
            for (; j <= k - Vector<double>.Count; j += Vector<double>.Count)
            {
                var xv = new Vector<double>(x[j..]);
                var sv = new Vector<double>(se[j..]);
                var low = xv - (zv * sv);
                var high = xv + (zv * sv);
                var minimum = new Vector<double>(_minimum, j);
                var inverse = new Vector<double>(_inverseRange, j);
                var offset = new Vector<double>(_offset, j);
                var ceiling = new Vector<double>(_ceiling, j);
                var hybrid = new Vector<double>(_hybridCritical, j);
                var target = new Vector<double>(Target, j);
                var aPoint = Attain(xv, minimum, inverse, offset, ceiling, hybrid);
                var aLow = Attain(low, minimum, inverse, offset, ceiling, hybrid);
                var aHigh = Attain(high, minimum, inverse, offset, ceiling, hybrid);
                if (conjunctive)
                {
                    var unweighted = new Vector<double>(_unweighted, j);
                    vMinPoint = Vector.Min(vMinPoint, aPoint + unweighted);
                    vMinLow = Vector.Min(vMinLow, aLow + unweighted);
                    vMinHigh = Vector.Min(vMinHigh, aHigh + unweighted);
                }
                else
                {
                    var weight = new Vector<double>(_weight, j);
                    vSumPoint += aPoint * weight;
                    vSumLow += aLow * weight;
                    vSumHigh += aHigh * weight;
                }

                vMetPoint &= Vector.GreaterThanOrEqual(xv, target);
                vMetLow &= Vector.GreaterThanOrEqual(low, target);
                vMetHigh &= Vector.GreaterThanOrEqual(high, target);
                var basis = lowerBasis ? low : xv;
                vYears = Vector.Max(vYears, Vector.Max(target - basis, zero) * new Vector<double>(YearsPerPoint, j));
                vCritical |= Vector.LessThan(basis, new Vector<double>(Critical, j));

                // x − x is 0 exactly when x is finite; standard errors must also be ≥ 0.
                vValid &= Vector.Equals(xv - xv, zero) & Vector.Equals(sv - sv, zero) & Vector.GreaterThanOrEqual(sv, zero);
            }

            sumPoint = Vector.Sum(vSumPoint);
            sumLow = Vector.Sum(vSumLow);
            sumHigh = Vector.Sum(vSumHigh);
            for (var lane = 0; lane < Vector<double>.Count; lane++)
            {
                minPoint = Math.Min(minPoint, vMinPoint[lane]);
                minLow = Math.Min(minLow, vMinLow[lane]);
                minHigh = Math.Min(minHigh, vMinHigh[lane]);
                years = Math.Max(years, vYears[lane]);
            }

            metPoint = vMetPoint == allOnes;
            metLow = vMetLow == allOnes;
            metHigh = vMetHigh == allOnes;
            critical = vCritical != Vector<long>.Zero;
            valid = vValid == allOnes;
        }

        for (; j < k; j++)
        {
            var low = x[j] - (z * se[j]);
            var high = x[j] + (z * se[j]);
            var aPoint = Attain(x[j], j);
            var aLow = Attain(low, j);
            var aHigh = Attain(high, j);
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

            metPoint &= x[j] >= Target[j];
            metLow &= low >= Target[j];
            metHigh &= high >= Target[j];
            var basis = lowerBasis ? low : x[j];
            years = Math.Max(years, Math.Max(Target[j] - basis, 0) * YearsPerPoint[j]);
            critical |= basis < Critical[j];
            valid &= x[j] - x[j] == 0 && se[j] - se[j] == 0 && se[j] >= 0;
        }

        var index = conjunctive ? Conjunctive(minPoint, metPoint) : Weighted(sumPoint, metPoint);
        var lower = conjunctive ? Conjunctive(minLow, metLow) : Weighted(sumLow, metLow);
        var upper = conjunctive ? Conjunctive(minHigh, metHigh) : Weighted(sumHigh, metHigh);
        var band = Band(lowerBasis ? lower : index, years, critical);
        return new Row(index, lower, upper, band, years, critical, valid);
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
                sum += PerformanceWeight[j] * Math.Min(Math.Clamp(((x[j] - _minimum[j]) * _inverseRange[j]) + _offset[j], 0, 1), 1);
            }
        }

        return any ? 100 * Math.Min(sum, 1) : double.NaN;
    }

    private static Vector<double> Attain(Vector<double> x, Vector<double> minimum, Vector<double> inverse, Vector<double> offset, Vector<double> ceiling, Vector<double> hybrid)
    {
        var a = Vector.Min(Vector.Max(((x - minimum) * inverse) + offset, Vector<double>.Zero), ceiling);
        return Vector.ConditionalSelect(Vector.LessThan(x, hybrid), Vector<double>.Zero, a);
    }

    private double Attain(double x, int j)
    {
        var a = Math.Min(Math.Max(((x - _minimum[j]) * _inverseRange[j]) + _offset[j], 0), _ceiling[j]);
        return x < _hybridCritical[j] ? 0 : a;
    }

    // Overshoot beyond the targets is capped twice: per requirement (the ceiling) and in total (the index stops at 100).
    private static double Weighted(double sum, bool allMet) => allMet || sum >= 1 ? 100 : 100 * sum;

    private static double Conjunctive(double lowest, bool allMet) => allMet || double.IsPositiveInfinity(lowest) ? 100 : 100 * lowest;

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
