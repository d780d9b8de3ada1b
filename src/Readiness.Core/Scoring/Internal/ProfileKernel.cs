using System.Numerics;
using Readiness.Competencies;

namespace Readiness.Scoring.Internal;

/// <summary>
/// The arithmetic of the readiness index for one role profile and policy, over a candidate's estimates in requirement
/// order. The single-candidate and batch paths both call <see cref="Evaluate"/>, so they agree to the bit.
/// </summary>
/// <remarks>
/// Attainment of requirement j: a_j = (x_j − scale minimum) / (target_j − scale minimum), clamped to [0, 1 + cap] (to
/// [0, 1] under the conjunctive policy); under the hybrid policy a_j = 0 below a critical minimum. Compensatory and
/// hybrid: index = 100 Σ w_j a_j, scaled down to 100 when the capped overshoot would take it beyond; conjunctive: index =
/// 100 min_j a_j. Contributions are the terms of that sum (conjunctive: the binding requirements share the index), and the
/// index is their sum. Vectorised across the requirements of a row.
/// </remarks>
internal sealed class ProfileKernel
{
    private readonly double[] _minimum;
    private readonly double[] _inverseRange;
    private readonly double[] _weight;
    private readonly double[] _critical;
    private readonly double[] _ceiling;

    public ProfileKernel(RoleProfile profile, ScoringPolicy policy, ScoringOptions options)
    {
        Profile = profile;
        Policy = policy;
        var requirements = profile.Requirements;
        Count = requirements.Length;
        var minimum = (double)profile.Model.Scale.Minimum;
        _minimum = new double[Count];
        _inverseRange = new double[Count];
        _weight = new double[Count];
        _critical = new double[Count];
        _ceiling = new double[Count];
        Target = new double[Count];
        YearsPerPoint = new double[Count];
        PerformanceWeight = new double[Count];
        var performanceTotal = requirements.Where(r => r.Competency.Domain == CompetencyDomain.IndividualPerformance).Sum(r => r.Weight.Fraction);
        for (var j = 0; j < Count; j++)
        {
            var r = requirements[j];
            _minimum[j] = minimum;

            // A target at the scale minimum is met by any estimate.
            _inverseRange[j] = r.Target > minimum ? 1 / (r.Target - minimum) : double.PositiveInfinity;
            _weight[j] = r.Weight.Fraction;
            _critical[j] = policy == ScoringPolicy.Hybrid && r.CriticalMinimum is { } c ? c : double.NegativeInfinity;
            _ceiling[j] = policy == ScoringPolicy.Conjunctive ? 1 : 1 + options.OvershootCap;
            Target[j] = r.Target;
            YearsPerPoint[j] = 1 / options.DevelopmentRateFor(r.Competency.Id);
            PerformanceWeight[j] = r.Competency.Domain == CompetencyDomain.IndividualPerformance && performanceTotal > 0 ? r.Weight.Fraction / performanceTotal : 0;
        }

        Critical = [.. requirements.Select(r => r.CriticalMinimum ?? double.NegativeInfinity)];
    }

    public RoleProfile Profile { get; }

    public ScoringPolicy Policy { get; }

    /// <summary>Gets the number of requirements (columns of a row).</summary>
    public int Count { get; }

    public double[] Target { get; }

    /// <summary>Gets each requirement's critical minimum, −∞ when it has none (whatever the policy: they cap the band under every policy).</summary>
    public double[] Critical { get; }

    public double[] YearsPerPoint { get; }

    /// <summary>Gets the weights renormalised over the individual-performance requirements (0 for leadership ones).</summary>
    public double[] PerformanceWeight { get; }

    /// <summary>Computes the index of one row and writes the contributions (which sum to it) into <paramref name="contributions"/>.</summary>
    public double Evaluate(ReadOnlySpan<double> x, Span<double> contributions)
    {
        var k = Count;
        var terms = contributions[..k];
        var j = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var zero = Vector<double>.Zero;
            for (; j <= k - Vector<double>.Count; j += Vector<double>.Count)
            {
                var xv = new Vector<double>(x[j..]);
                var a = (xv - new Vector<double>(_minimum, j)) * new Vector<double>(_inverseRange, j);
                a = Vector.Min(Vector.Max(a, zero), new Vector<double>(_ceiling, j));
                a = Vector.ConditionalSelect(Vector.LessThan(xv, new Vector<double>(_critical, j)), zero, a);
                (a * new Vector<double>(_weight, j)).CopyTo(terms[j..]);
            }
        }

        for (; j < k; j++)
        {
            var a = Math.Min(Math.Max((x[j] - _minimum[j]) * _inverseRange[j], 0), _ceiling[j]);
            terms[j] = (x[j] < _critical[j] ? 0 : a) * _weight[j];
        }

        // The NaN guard: (x − min)·∞ for a target at the minimum is ∞ (clamped to the ceiling) or NaN when x is at the minimum.
        for (j = 0; j < k; j++)
        {
            if (double.IsNaN(terms[j]))
            {
                terms[j] = x[j] < _critical[j] ? 0 : _weight[j];
            }
        }

        // Met targets are decided on the estimates themselves: (x − min)·(1 / (target − min)) can round to just below 1.
        var allMet = true;
        for (j = 0; j < k; j++)
        {
            allMet &= x[j] >= Target[j];
        }

        return Policy == ScoringPolicy.Conjunctive ? Conjunctive(terms, allMet) : Weighted(terms, allMet);
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
                var a = double.IsPositiveInfinity(_inverseRange[j]) ? 1 : Math.Clamp((x[j] - _minimum[j]) * _inverseRange[j], 0, 1);
                sum += PerformanceWeight[j] * a;
            }
        }

        return any ? 100 * Math.Min(sum, 1) : double.NaN;
    }

    /// <summary>
    /// The band for estimates <paramref name="basis"/> whose index is <paramref name="basisIndex"/>; also the years to
    /// ready (the longest gap's time) and whether a critical minimum is missed.
    /// </summary>
    public ReadinessBand Band(ReadOnlySpan<double> basis, double basisIndex, ScoringOptions options, out double years, out bool criticalGap)
    {
        years = 0;
        criticalGap = false;
        for (var j = 0; j < Count; j++)
        {
            years = Math.Max(years, Math.Max(0, Target[j] - basis[j]) * YearsPerPoint[j]);
            criticalGap |= basis[j] < Critical[j];
        }

        var band = basisIndex < options.OnTrackMinimumIndex || years > options.LongTermMaxYears ? ReadinessBand.NotOnLeadershipTrack
            : basisIndex >= options.ReadyNowMinimumIndex && years <= options.ReadyNowMaxYears ? ReadinessBand.ReadyNow
            : years <= options.NearTermMaxYears ? ReadinessBand.ReadyIn1To2Years
            : ReadinessBand.ReadyIn3PlusYears;

        // Critical minimums are non-compensatory: whatever the index says, a critical gap caps the band.
        return criticalGap && band < options.CriticalGapBand ? options.CriticalGapBand : band;
    }

    private static double Weighted(Span<double> terms, bool allMet)
    {
        var raw = 0.0;
        for (var j = 0; j < terms.Length; j++)
        {
            raw += terms[j];
        }

        // Overshoot beyond the targets is capped twice: per requirement (the ceiling) and in total (the index stops at
        // 100, and the contributions are scaled to share it).
        var full = allMet || raw >= 1;
        var scale = full ? 100 / raw : 100;
        var index = 0.0;
        for (var j = 0; j < terms.Length; j++)
        {
            terms[j] *= scale;
            index += terms[j];
        }

        return full ? 100 : index;
    }

    private double Conjunctive(Span<double> terms, bool allMet)
    {
        var lowest = double.PositiveInfinity;
        for (var j = 0; j < terms.Length; j++)
        {
            var attainment = _weight[j] > 0 ? terms[j] / _weight[j] : double.PositiveInfinity;
            lowest = Math.Min(lowest, attainment);
        }

        if (allMet || double.IsPositiveInfinity(lowest))
        {
            lowest = 1;
        }

        var index = 100 * lowest;
        if (allMet)
        {
            // Every requirement is met: they share the index by weight.
            for (var j = 0; j < terms.Length; j++)
            {
                terms[j] = index * _weight[j];
            }

            return index;
        }

        var binding = 0;
        for (var j = 0; j < terms.Length; j++)
        {
            binding += _weight[j] > 0 && terms[j] / _weight[j] == lowest ? 1 : 0;
        }

        for (var j = 0; j < terms.Length; j++)
        {
            terms[j] = _weight[j] > 0 && terms[j] / _weight[j] == lowest ? index / binding : 0;
        }

        return index;
    }
}
