namespace Readiness.Internal;

/// <summary>Sample quantiles.</summary>
internal static class Quantile
{
    /// <summary>The q-quantile by linear interpolation between order statistics (R's type 7), independent of input order.</summary>
    public static double Type7(IEnumerable<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        var h = (sorted.Length - 1) * q;
        var below = (int)Math.Floor(h);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((h - below) * (sorted[above] - sorted[below]));
    }
}
