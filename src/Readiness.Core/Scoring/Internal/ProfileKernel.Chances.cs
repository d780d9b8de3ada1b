using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Readiness.Internal;

namespace Readiness.Scoring.Internal;

/// <summary>The chances of the bands when a candidate's errors move together, in closed form.</summary>
internal sealed partial class ProfileKernel
{
    /// <summary>Beyond ±Reach standard errors the normal tail is below 1e-17: a threshold there makes a chance 0 or 1.</summary>
    private const double Reach = 8.5;

    /// <summary><see cref="Target"/> padded to at least four entries with −∞ (never binding).</summary>
    private readonly double[] _paddedTarget;

    /// <summary><see cref="Critical"/> padded to at least four entries with −∞ (never binding).</summary>
    private readonly double[] _paddedCritical;

    /// <summary>The lanes of the last block of four that no earlier block covered (it overlaps the one before when four do not divide the count).</summary>
    private readonly Vector256<double> _leftOver;

    /// <summary>
    /// P(ready now) and P(ready now or within the near term) for true levels θ = x + Z·se with one standard normal Z —
    /// the errors moving together — exactly: each condition of the band rule holds from a threshold in Z on, so
    /// P(band ≤ b) = Φ(−z_b) with z_b the largest of its conditions' thresholds.
    /// </summary>
    /// <remarks>
    /// Years to ready and critical gaps give their thresholds in closed form, one per requirement, as does the conjunctive
    /// index (every weighted attainment must reach it). The weighted sum of the other policies is piecewise linear in Z
    /// (with upward jumps where the hybrid policy's critical minimums are passed); its threshold is found by walking from
    /// the other conditions' threshold across the pieces until the linear piece that reaches the index — usually none is
    /// needed, the index being met where the other conditions are. The batch path calls this for every row: four
    /// requirements at a time (the last block overlapping the one before), one division per requirement (1/se), and no
    /// buffers.
    /// </remarks>
    public (double ReadyNow, double NearTerm) ChancesTogether(ReadOnlySpan<double> x, ReadOnlySpan<double> se) =>
        Count < Lanes ? Padded(x, se) : Chances(x, se);

    /// <summary>Under four requirements, one block of four: the lanes past them padded with no error (the parameters are padded alike).</summary>
    /// <remarks>Apart, so that the common path's frame holds no fixed stack buffers (they cost it a fifth of its time).</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private (double ReadyNow, double NearTerm) Padded(ReadOnlySpan<double> x, ReadOnlySpan<double> se)
    {
        Span<double> paddedX = stackalloc double[Lanes];
        Span<double> paddedSe = stackalloc double[Lanes];
        x.CopyTo(paddedX);
        se.CopyTo(paddedSe);
        return Chances(paddedX, paddedSe);
    }

    private (double ReadyNow, double NearTerm) Chances(ReadOnlySpan<double> x, ReadOnlySpan<double> se)
    {
        var o = _options;
        var n = x.Length;

        // Years: (target − x − z·se)/rate ≤ Y from z = (target − x − Y·rate)/se; no critical gap from z = (critical − x)/se
        // (a standard error of 0: see Larger). The long-term limit on years never binds here: it is at least the near-term
        // limit, which the near-term band needs anyway. A maximum does not mind the overlap of the last block.
        var (now, near) = (Vector256.Create(o.ReadyNowMaxYears), Vector256.Create(o.NearTermMaxYears));
        var lowest = Vector256.Create(double.NegativeInfinity);
        Vector256<double> yearsNow = lowest, yearsNear = lowest, critical = lowest;
        for (var start = 0; start < n; start += Lanes)
        {
            var j = Math.Min(start, n - Lanes);
            var s = Vector256.Create(se.Slice(j, Lanes));
            var xj = Vector256.Create(x.Slice(j, Lanes));
            var r = Vector256<double>.One / s;
            var gap = Vector256.Create(_paddedTarget.AsSpan(j, Lanes)) - xj;
            var rate = Vector256.Create(_rate.AsSpan(j, Lanes));
            yearsNow = Larger((gap - (now * rate)) * r, yearsNow);
            yearsNear = Larger((gap - (near * rate)) * r, yearsNear);
            critical = Larger((Vector256.Create(_paddedCritical.AsSpan(j, Lanes)) - xj) * r, critical);
        }

        // A critical gap caps the band at CriticalGapBand (1–2 years or worse), so ready now always needs none.
        var noCriticalGap = Largest(critical);
        var nowFrom = Math.Max(Largest(yearsNow), noCriticalGap);
        var nearFrom = Math.Max(Largest(yearsNear), o.CriticalGapBand > ReadinessBand.ReadyIn1To2Years ? noCriticalGap : double.NegativeInfinity);
        var (nowGoal, nearGoal) = (Goal(o.ReadyNowMinimumIndex), Goal(o.OnTrackMinimumIndex));
        if (Policy == ScoringPolicy.Conjunctive)
        {
            return (Chance(ConjunctiveFrom(x, se, nowGoal, nowFrom)), Chance(ConjunctiveFrom(x, se, nearGoal, nearFrom)));
        }

        // One pass checks both bands' starting points.
        var (nowStart, nearStart) = (Math.Max(nowFrom, -Reach), Math.Max(nearFrom, -Reach));
        var (searchNow, searchNear) = (nowFrom < Reach && nowGoal > 0, nearFrom < Reach && nearGoal > 0);
        var (nowSum, nearSum) = searchNow || searchNear ? Sums(x, se, nowStart, nearStart) : (0, 0);
        var zNow = !searchNow ? nowFrom : nowSum >= nowGoal ? nowStart : WeightedSumFrom(x, se, nowGoal, nowStart);
        var zNear = !searchNear ? nearFrom : nearSum >= nearGoal ? nearStart : WeightedSumFrom(x, se, nearGoal, nearStart);
        return (Chance(zNow), Chance(zNear));
    }

    /// <summary>The weighted attainment an index minimum asks for: at most full attainment within the index's tolerance (so a minimum of 100 is met at the targets).</summary>
    private static double Goal(double minimum) => Math.Min(minimum / 100, 1 - FullAttainmentTolerance);

    private static double Chance(double threshold) => threshold >= Reach ? 0 : threshold <= -Reach ? 1 : StandardNormal.Cdf(-threshold);

    /// <summary>
    /// The lane-wise maximum of a threshold and the largest so far, as one compare and one blend; a NaN threshold is passed
    /// over. A standard error of 0 makes 1/se infinite, so a threshold need·(1/se) is −∞ (everywhere) or +∞ (nowhere) as
    /// need is below or above 0, and NaN when need is exactly 0 — everywhere, which passing it over gives.
    /// </summary>
    private static Vector256<double> Larger(Vector256<double> threshold, Vector256<double> largest) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(threshold, largest), threshold, largest);

    private static double Largest(Vector256<double> v) => Math.Max(Math.Max(v[0], v[1]), Math.Max(v[2], v[3]));

    private static double Total(Vector256<double> v) => (v[0] + v[1]) + (v[2] + v[3]);

    /// <summary>The lanes a block at <paramref name="j"/> counts for the first time: all, or for an overlapping last block those past the block before.</summary>
    private Vector256<double> Fresh(int j, int start) => j == start ? Vector256<double>.AllBitsSet : _leftOver;

    /// <summary>The least z ≥ <paramref name="from"/> at which every weighted attainment reaches <paramref name="goal"/> (the conjunctive index).</summary>
    private double ConjunctiveFrom(ReadOnlySpan<double> x, ReadOnlySpan<double> se, double goal, double from)
    {
        if (from >= Reach || goal <= 0)
        {
            return from;
        }

        // x·inverseRange + constant + z·se·inverseRange ≥ goal, from z = (goal − x·inverseRange − constant)·range/se.
        var z = from;
        for (var j = 0; j < Count; j++)
        {
            if (_weight[j] > 0)
            {
                var need = goal - Math.FusedMultiplyAdd(x[j], _inverseRange[j], _constant[j]);
                z = Math.Max(z, se[j] > 0 && _inverseRange[j] > 0 ? need * _range[j] / se[j] : need <= 0 ? double.NegativeInfinity : double.PositiveInfinity);
            }
        }

        return z;
    }

    /// <summary>
    /// Walks the piecewise-linear weighted attainment from <paramref name="z"/> upward: on each piece, the root of the line
    /// if it lies on the piece, else on to the next breakpoint (an attainment reaching 0 or its ceiling, or a hybrid
    /// critical minimum passed).
    /// </summary>
    private double WeightedSumFrom(ReadOnlySpan<double> x, ReadOnlySpan<double> se, double goal, double z)
    {
        // Each breakpoint is passed in one step, or two when rounding leaves its condition a hair short of it.
        for (var step = 0; step <= (6 * Count) + 2; step++)
        {
            var (sum, slope) = Attainment(x, se, z);
            if (sum >= goal)
            {
                return z;
            }

            var root = slope > 0 ? z + ((goal - sum) / slope) : double.PositiveInfinity;
            var next = NextBreakpoint(x, se, z);
            if (root <= next)
            {
                return root;
            }

            if (next >= Reach)
            {
                return double.PositiveInfinity;
            }

            z = next;
        }

        return double.PositiveInfinity;
    }

    /// <summary>The weighted attainment at x + z₁·se and at x + z₂·se, in one pass.</summary>
    private (double First, double Second) Sums(ReadOnlySpan<double> x, ReadOnlySpan<double> se, double z1, double z2)
    {
        var n = x.Length;
        var (first, second) = (Vector256.Create(z1), Vector256.Create(z2));
        Vector256<double> sums1 = Vector256<double>.Zero, sums2 = Vector256<double>.Zero;
        for (var start = 0; start < n; start += Lanes)
        {
            var j = Math.Min(start, n - Lanes);
            var s = Vector256.Create(se.Slice(j, Lanes));
            var xj = Vector256.Create(x.Slice(j, Lanes));
            var (inverseRange, constant) = (Vector256.Create(_inverseRange.AsSpan(j, Lanes)), Vector256.Create(_constant.AsSpan(j, Lanes)));
            var (ceiling, hybrid) = (Vector256.Create(_ceiling.AsSpan(j, Lanes)), Vector256.Create(_hybridCritical.AsSpan(j, Lanes)));
            var weight = Vector256.Create(_weight.AsSpan(j, Lanes)) & Fresh(j, start);
            var (theta1, theta2) = (xj + (first * s), xj + (second * s));
            sums1 += Attained(theta1, inverseRange, constant, ceiling, hybrid) * weight;
            sums2 += Attained(theta2, inverseRange, constant, ceiling, hybrid) * weight;
        }

        return (Total(sums1), Total(sums2));
    }

    /// <summary>The weighted attainment at x + z·se and its slope in z just above z.</summary>
    private (double Sum, double Slope) Attainment(ReadOnlySpan<double> x, ReadOnlySpan<double> se, double z)
    {
        var n = x.Length;
        var zv = Vector256.Create(z);
        Vector256<double> sums = Vector256<double>.Zero, slopes = Vector256<double>.Zero;
        for (var start = 0; start < n; start += Lanes)
        {
            var j = Math.Min(start, n - Lanes);
            var s = Vector256.Create(se.Slice(j, Lanes));
            var theta = Vector256.Create(x.Slice(j, Lanes)) + (zv * s);
            var (inverseRange, constant) = (Vector256.Create(_inverseRange.AsSpan(j, Lanes)), Vector256.Create(_constant.AsSpan(j, Lanes)));
            var (ceiling, hybrid) = (Vector256.Create(_ceiling.AsSpan(j, Lanes)), Vector256.Create(_hybridCritical.AsSpan(j, Lanes)));
            var raw = (theta * inverseRange) + constant;
            var moving = Vector256.GreaterThanOrEqual(theta, hybrid) & Vector256.GreaterThanOrEqual(raw, Vector256<double>.Zero) & Vector256.LessThan(raw, ceiling);
            var weight = Vector256.Create(_weight.AsSpan(j, Lanes)) & Fresh(j, start);
            sums += Attained(theta, inverseRange, constant, ceiling, hybrid) * weight;
            slopes += (weight * s * inverseRange) & moving;
        }

        return (Total(sums), Total(slopes));
    }

    /// <summary>Four attainments at levels θ: clamped to [0, ceiling], 0 below a hybrid critical minimum.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Attained(
        Vector256<double> theta, Vector256<double> inverseRange, Vector256<double> constant, Vector256<double> ceiling, Vector256<double> hybrid) =>
#if NET9_0_OR_GREATER
        // The native minimum and maximum: the IEEE ones also order −0 below +0 and carry NaN, which cost instructions here
        // and never matter (the attainments are finite, and a −0 adds as 0).
        Vector256.MinNative(Vector256.MaxNative((theta * inverseRange) + constant, Vector256<double>.Zero), ceiling) & Vector256.GreaterThanOrEqual(theta, hybrid);
#else
        Vector256.Min(Vector256.Max((theta * inverseRange) + constant, Vector256<double>.Zero), ceiling) & Vector256.GreaterThanOrEqual(theta, hybrid);
#endif

    /// <summary>
    /// The first z beyond <paramref name="z"/> at which an attainment reaches 0 or its ceiling or a hybrid critical minimum
    /// is passed — at least one step of rounding beyond z, where arriving at a breakpoint left its condition a hair short.
    /// </summary>
    private double NextBreakpoint(ReadOnlySpan<double> x, ReadOnlySpan<double> se, double z)
    {
        var n = x.Length;
        var zv = Vector256.Create(z);
        var zero = Vector256<double>.Zero;
        var infinity = Vector256.Create(double.PositiveInfinity);
        var nexts = infinity;
        for (var start = 0; start < n; start += Lanes)
        {
            var j = Math.Min(start, n - Lanes);
            var s = Vector256.Create(se.Slice(j, Lanes));
            var theta = Vector256.Create(x.Slice(j, Lanes)) + (zv * s);
            var hybrid = Vector256.Create(_hybridCritical.AsSpan(j, Lanes));
            var inverseRange = Vector256.Create(_inverseRange.AsSpan(j, Lanes));
            var ceiling = Vector256.Create(_ceiling.AsSpan(j, Lanes));
            var raw = (theta * inverseRange) + Vector256.Create(_constant.AsSpan(j, Lanes));
            var moving = Vector256.LessThan(raw, ceiling) & Vector256.GreaterThan(inverseRange, zero);

            // Distance to the breakpoint in scale points: to a hybrid minimum, or to attainment 0 or the ceiling.
            var toAttainment = Vector256.ConditionalSelect(Vector256.LessThan(raw, zero), -raw, ceiling - raw) * Vector256.Create(_range.AsSpan(j, Lanes));
            var distance = Vector256.ConditionalSelect(Vector256.LessThan(theta, hybrid), hybrid - theta, Vector256.ConditionalSelect(moving, toAttainment, infinity));
            var ahead = zv + (distance / s);
            nexts = Vector256.ConditionalSelect(Vector256.GreaterThan(s, zero) & Vector256.LessThan(ahead, nexts), ahead, nexts);
        }

        return Math.Max(Math.Min(Math.Min(nexts[0], nexts[1]), Math.Min(nexts[2], nexts[3])), Math.BitIncrement(z));
    }
}
