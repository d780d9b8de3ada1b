using MathNet.Numerics.Distributions;

namespace Readiness.Scoring.Internal;

/// <summary>
/// The band and index of a candidate's true profile under the joint normal uncertainty of the estimates, by
/// quasi-Monte-Carlo: the same fixed points for every candidate, so results are deterministic and monotone in every
/// estimate (a higher estimate moves every draw up, and the rule is monotone in every level).
/// </summary>
/// <remarks>
/// The points are a randomly shifted rank-1 lattice (Korobov) of <see cref="Count"/> points in [0, 1)^k, the shift drawn
/// once from a fixed seed, mapped to standard normals; a draw of the true levels is x + L z with L the Cholesky factor of
/// the covariance D R D (standard errors D, error correlations R). A semi-definite covariance — errors that move together,
/// or a zero standard error — gives zero columns in L where the pivot vanishes.
/// </remarks>
internal static class JointDraws
{
    /// <summary>The number of draws: a prime, so every generator power is a full-period lattice rule.</summary>
    public const int Count = 1021;

    /// <summary>The Korobov generator: g_j = a^j mod <see cref="Count"/>. A fixed choice; the tests hold the probabilities to closed forms.</summary>
    private const int Generator = 306;

    /// <summary>What the draws say about one candidate.</summary>
    /// <param name="ReadyNow">P(band = ready now).</param>
    /// <param name="NearTerm">P(band is ready now or ready in 1–2 years).</param>
    /// <param name="OnTrack">P(band is not "not on a leadership track").</param>
    /// <param name="Lower">The (1 − level)/2 quantile of the index.</param>
    /// <param name="Upper">The (1 + level)/2 quantile of the index.</param>
    public readonly record struct Outcome(double ReadyNow, double NearTerm, double OnTrack, double Lower, double Upper);

    /// <summary>Draws the candidate's true profile and scores every draw with the kernel's own rule.</summary>
    /// <param name="kernel">The profile's arithmetic.</param>
    /// <param name="x">The estimates, in requirement order.</param>
    /// <param name="se">Their standard errors.</param>
    /// <param name="correlation">The error correlation of requirements i and j (i &gt; j); null when the errors move together.</param>
    /// <param name="level">The interval's coverage.</param>
    /// <param name="hold">A value the interval must hold (the index the assessment shows).</param>
    /// <remarks>
    /// The interval is the window of <paramref name="level"/> of the draws: equal-tailed, except that where the index sits
    /// at its ceiling (or at 0) in more draws than a tail leaves out, it ends at that clamp and keeps the level's share of
    /// the draws — ending it there from the equal-tailed lower end took in the whole upper tail as well: in simulated
    /// assessment centres the index interval covered 92.2% for a stated 90% (93.3% in the top fifth of true levels), and
    /// 91.4% (90.2%) ending at the clamp. Where <paramref name="hold"/> lies outside, the window slides to it, keeping its
    /// share, rather than stretching one end (which would add coverage the level does not state).
    /// </remarks>
    public static Outcome Simulate(ProfileKernel kernel, ReadOnlySpan<double> x, ReadOnlySpan<double> se, Func<int, int, double>? correlation, double level, double hold)
    {
        var k = kernel.Count;
        var factor = Factor(se, correlation);
        var z = kernel.Draws;
        var theta = new double[k];
        var index = new double[Count];
        int readyNow = 0, nearTerm = 0, onTrack = 0;
        for (var m = 0; m < Count; m++)
        {
            Apply(x, factor, z.AsSpan(m * k, k), theta);
            var (drawnIndex, band) = kernel.AtLevels(theta);
            index[m] = drawnIndex;
            readyNow += band == ReadinessBand.ReadyNow ? 1 : 0;
            nearTerm += band <= ReadinessBand.ReadyIn1To2Years ? 1 : 0;
            onTrack += band <= ReadinessBand.ReadyIn3PlusYears ? 1 : 0;
        }

        Array.Sort(index);
        var (lower, upper) = Window(index, level, hold);
        return new Outcome((double)readyNow / Count, (double)nearTerm / Count, (double)onTrack / Count, lower, upper);
    }

    /// <summary>How many of the sorted values meet <paramref name="below"/>, which holds for a leading run of them.</summary>
    private static int Leading(double[] sorted, Func<double, bool> below)
    {
        var (lo, hi) = (0, sorted.Length);
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            (lo, hi) = below(sorted[mid]) ? (mid + 1, hi) : (lo, mid);
        }

        return lo;
    }

    /// <summary>
    /// The interval of <paramref name="level"/> of the sorted draws that holds <paramref name="hold"/>: equal-tailed, or
    /// ending at a clamp that holds more draws than a tail, and slid toward <paramref name="hold"/> when it lies outside.
    /// </summary>
    public static (double Lower, double Upper) Window(double[] sorted, double level, double hold)
    {
        var n = sorted.Length;
        var tail = (1 - level) / 2;
        var (low, high) = ((int)Math.Floor(tail * (n - 1)), (int)Math.Ceiling((1 - tail) * (n - 1)));

        // The index held at its ceiling (or at 0) in more draws than a tail leaves out: that end is the clamp itself, and the
        // window keeps the level's number of draws from there rather than adding the whole tail to its share.
        var span = high - low;
        if (sorted[high] == sorted[n - 1] && sorted[low] != sorted[0])
        {
            (low, high) = (n - 1 - span, n - 1);
        }
        else if (sorted[low] == sorted[0] && sorted[high] != sorted[n - 1])
        {
            (low, high) = (0, span);
        }

        if (hold < sorted[low])
        {
            // The window starts at the first draw not below the value and keeps its number of draws.
            var first = Leading(sorted, d => d < hold);
            return (hold, sorted[high - (low - first)]);
        }

        if (hold > sorted[high])
        {
            var last = Leading(sorted, d => d <= hold) - 1;
            return (sorted[low + (last - high)], hold);
        }

        return (sorted[low], sorted[high]);
    }

    /// <summary>One draw of the true levels: θ = x + L z.</summary>
    public static void Apply(ReadOnlySpan<double> x, double[] factor, ReadOnlySpan<double> z, Span<double> theta)
    {
        var k = x.Length;
        for (var i = 0; i < k; i++)
        {
            var value = x[i];
            var row = factor.AsSpan(i * k, i + 1);
            for (var j = 0; j <= i; j++)
            {
                value += row[j] * z[j];
            }

            theta[i] = value;
        }
    }

    /// <summary>The lower Cholesky factor of D R D, row-major k × k; a column is zero where its pivot vanishes (semi-definite).</summary>
    public static double[] Factor(ReadOnlySpan<double> se, Func<int, int, double>? correlation)
    {
        var k = se.Length;
        var l = new double[k * k];
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var r = i == j ? 1 : correlation?.Invoke(i, j) ?? 1;
                var sum = se[i] * se[j] * r;
                for (var p = 0; p < j; p++)
                {
                    sum -= l[(i * k) + p] * l[(j * k) + p];
                }

                if (i == j)
                {
                    // A pivot lost to rounding (errors that move together leave 0 up to it) contributes nothing.
                    l[(i * k) + i] = sum > 1e-12 * se[i] * se[i] ? Math.Sqrt(sum) : 0;
                }
                else
                {
                    var pivot = l[(j * k) + j];
                    l[(i * k) + j] = pivot > 0 ? sum / pivot : 0;
                }
            }
        }

        return l;
    }

    /// <summary>Standard normal points of the shifted lattice, row-major Count × k.</summary>
    public static double[] Lattice(int k)
    {
        var shift = new Random(20261204);
        var offsets = new double[k];
        for (var j = 0; j < k; j++)
        {
            offsets[j] = shift.NextDouble();
        }

        var points = new double[Count * k];
        for (var m = 0; m < Count; m++)
        {
            long g = 1;
            for (var j = 0; j < k; j++)
            {
                var u = ((double)(m * g % Count) / Count) + offsets[j];
                u -= Math.Floor(u);

                // A shifted point can land on 0 only by the shift itself; keep every normal finite.
                points[(m * k) + j] = Normal.InvCDF(0, 1, Math.Clamp(u, 0.5 / Count, 1 - (0.5 / Count)));
                g = g * Generator % Count;
            }
        }

        return points;
    }
}
