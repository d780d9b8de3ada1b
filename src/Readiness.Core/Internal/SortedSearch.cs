namespace Readiness.Internal;

/// <summary>Binary searches in a sorted array that, unlike Array.BinarySearch, say where a run of equal values starts or ends.</summary>
internal static class SortedSearch
{
    /// <summary>The first index whose value is not less than <paramref name="value"/> (the count of values below it).</summary>
    public static int LowerBound(double[] sorted, double value)
    {
        var (lo, hi) = (0, sorted.Length);
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            (lo, hi) = sorted[mid] < value ? (mid + 1, hi) : (lo, mid);
        }

        return lo;
    }

    /// <summary>The first index whose value is greater than <paramref name="value"/> (the count of values at or below it).</summary>
    public static int UpperBound(double[] sorted, double value)
    {
        var (lo, hi) = (0, sorted.Length);
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            (lo, hi) = sorted[mid] <= value ? (mid + 1, hi) : (lo, mid);
        }

        return lo;
    }
}
