namespace Readiness.Fairness.Internal;

/// <summary>log n! for 0 ≤ n ≤ a table's size, summed once: the exact tests ask for the same few thousand values millions of times.</summary>
internal sealed class LogFactorials
{
    private readonly double[] _values;

    public LogFactorials(int largest)
    {
        _values = new double[largest + 1];
        for (var n = 2; n <= largest; n++)
        {
            _values[n] = _values[n - 1] + Math.Log(n);
        }
    }

    public int Largest => _values.Length - 1;

    /// <summary>log C(n, k) for 0 ≤ k ≤ n ≤ <see cref="Largest"/>.</summary>
    public double Choose(int n, int k) => _values[n] - _values[k] - _values[n - k];
}
