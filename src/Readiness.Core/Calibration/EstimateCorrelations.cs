using System.Collections.Immutable;
using Readiness.Internal;

namespace Readiness.Calibration;

/// <summary>
/// The correlations of the estimation errors among one person's competency estimates: symmetric, with a unit diagonal.
/// </summary>
/// <remarks>
/// A person's estimates share evidence — the person effect, the same raters, the fixed part — so their errors are
/// correlated, and the chance that several competencies are all past their targets depends on how strongly. With these,
/// the standard errors on <see cref="CompetencyEstimate"/> give the joint (normal) uncertainty of the person's profile.
/// </remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed class EstimateCorrelations
{
    private readonly double[] _lower;

    private EstimateCorrelations(int count, double[] lower)
    {
        Count = count;
        _lower = lower;
    }

    /// <summary>Gets the number of estimates the correlations are among.</summary>
    public int Count { get; }

    /// <summary>Gets the correlation of the errors of estimates <paramref name="i"/> and <paramref name="j"/>; 1 when they are the same.</summary>
    /// <param name="i">An estimate's position, in [0, <see cref="Count"/>).</param>
    /// <param name="j">Another estimate's position, in [0, <see cref="Count"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException">A position is outside [0, <see cref="Count"/>).</exception>
    public double this[int i, int j]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(i);
            ArgumentOutOfRangeException.ThrowIfNegative(j);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(i, Count);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(j, Count);
            return i == j ? 1 : i > j ? _lower[Pair(i, j)] : _lower[Pair(j, i)];
        }
    }

    /// <summary>Creates correlations from their strict lower triangle, row by row: (1,0), (2,0), (2,1), (3,0), ….</summary>
    /// <param name="count">The number of estimates.</param>
    /// <param name="lowerTriangle">The count·(count − 1)/2 correlations below the diagonal, each in [−1, 1].</param>
    /// <returns>The correlations.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="lowerTriangle"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    /// <exception cref="ArgumentException">The triangle has another length, or a correlation is not a number in [−1, 1]; the message names it.</exception>
    public static EstimateCorrelations FromLowerTriangle(int count, IEnumerable<double> lowerTriangle)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentNullException.ThrowIfNull(lowerTriangle);
        var values = lowerTriangle.ToArray();
        var expected = (long)count * (count - 1) / 2;
        if (values.Length != expected)
        {
            throw new ArgumentException($"{count} estimates have {expected} correlations below the diagonal; {values.Length} were given.", nameof(lowerTriangle));
        }

        for (var i = 1; i < count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                var r = values[Pair(i, j)];
                if (!(r is >= -1 and <= 1))
                {
                    throw new ArgumentException($"The correlation of estimates {i} and {j} was {Guard.Format(r)}; a correlation is a number in [−1, 1].", nameof(lowerTriangle));
                }
            }
        }

        return new EstimateCorrelations(count, values);
    }

    /// <summary>Gets the strict lower triangle, row by row, as <see cref="FromLowerTriangle"/> takes it.</summary>
    /// <returns>The count·(count − 1)/2 correlations below the diagonal.</returns>
    public ImmutableArray<double> ToLowerTriangle() => [.. _lower];

    /// <summary>Correlations from covariances: <paramref name="covariance"/>(i, j) for j &lt; i, over the square roots of the variances; 0 beside a zero variance.</summary>
    internal static EstimateCorrelations FromCovariances(ReadOnlySpan<double> variances, Func<int, int, double> covariance)
    {
        var count = variances.Length;
        var lower = new double[count * (count - 1) / 2];
        for (var i = 1; i < count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                var scale = Math.Sqrt(variances[i] * variances[j]);
                lower[Pair(i, j)] = scale > 0 ? Math.Clamp(covariance(i, j) / scale, -1, 1) : 0;
            }
        }

        return new EstimateCorrelations(count, lower);
    }

    private static int Pair(int i, int j) => (i * (i - 1) / 2) + j;
}
