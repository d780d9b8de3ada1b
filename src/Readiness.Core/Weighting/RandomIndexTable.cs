using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Readiness.Weighting;

/// <summary>
/// A published table of random consistency indices RI(n): the mean consistency index of random reciprocal matrices of
/// order n. The consistency ratio is CI / RI(n), so the same matrix has a different CR under each table.
/// </summary>
/// <remarks>
/// <see cref="Default"/> is <see cref="Saaty1980"/>, the most widely used. A matrix of order 1 or 2 is always consistent
/// (CR = 0); for an order a table does not list, <see cref="TryGetRandomIndex"/> returns false and the CR is undefined.
/// </remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed class RandomIndexTable
{
    private readonly FrozenDictionary<int, double> _indices;

    private RandomIndexTable(string name, string source, int[] orders, double[] indices)
    {
        Name = name;
        Source = source;
        _indices = orders.Zip(indices).ToFrozenDictionary(p => p.First, p => p.Second);
        Orders = [.. orders];
    }

    /// <summary>Gets Saaty (1977; 1980), n = 1–15: 0, 0, .58, .90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, then 1.51–1.59 from later texts. The default.</summary>
    public static RandomIndexTable Saaty1980 { get; } = new(
        "saaty1980",
        "Saaty (1977) J. Math. Psych. 15:234-281; Saaty (1980) The Analytic Hierarchy Process. n = 11-15 from later Saaty texts.",
        [.. Enumerable.Range(1, 15)],
        [0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59]);

    /// <summary>Gets Saaty (2005), Theory and Applications of the Analytic Network Process, p. 31; n = 1–15.</summary>
    public static RandomIndexTable Saaty2005 { get; } = new(
        "saaty2005",
        "Saaty (2005) Theory and Applications of the Analytic Network Process, p. 31.",
        [.. Enumerable.Range(1, 15)],
        [0, 0, 0.52, 0.89, 1.11, 1.25, 1.35, 1.40, 1.45, 1.49, 1.52, 1.54, 1.56, 1.58, 1.59]);

    /// <summary>Gets Alonso &amp; Lamata (2006), from 100,000 simulated matrices per order; n = 1–15.</summary>
    public static RandomIndexTable AlonsoLamata2006 { get; } = new(
        "alonso-lamata",
        "Alonso & Lamata (2006) Int. J. Uncertainty, Fuzziness & Knowledge-Based Systems 14(4):445-459.",
        [.. Enumerable.Range(1, 15)],
        [0, 0, 0.5245, 0.8815, 1.1086, 1.2479, 1.3417, 1.4056, 1.4499, 1.4854, 1.5141, 1.5365, 1.5551, 1.5713, 1.5838]);

    /// <summary>Gets Donegan &amp; Dodd (1991); n = 1–20, then 25, 30, 40, …, 100.</summary>
    public static RandomIndexTable DoneganDodd1991 { get; } = new(
        "donegan-dodd",
        "Donegan & Dodd (1991) Math. Comput. Modelling 15(10):135-137.",
        [1, 2, .. Enumerable.Range(3, 18), 25, 30, 40, 50, 60, 70, 80, 90, 100],
        [0, 0, 0.4914, 0.8286, 1.0591, 1.1797, 1.2519, 1.3171, 1.3733, 1.4055, 1.4213, 1.4497, 1.4643, 1.4822, 1.4969, 1.5078, 1.5153, 1.5262, 1.5313, 1.5371, 1.5619, 1.5772, 1.5976, 1.6102, 1.6178, 1.6237, 1.6277, 1.6213, 1.6339]);

    /// <summary>Gets the table used when none is chosen: <see cref="Saaty1980"/>.</summary>
    public static RandomIndexTable Default => Saaty1980;

    /// <summary>Gets every built-in table.</summary>
    public static ImmutableArray<RandomIndexTable> All { get; } = [Saaty1980, Saaty2005, AlonsoLamata2006, DoneganDodd1991];

    /// <summary>Gets the table's short name: <c>saaty1980</c>, <c>saaty2005</c>, <c>alonso-lamata</c> or <c>donegan-dodd</c>.</summary>
    public string Name { get; }

    /// <summary>Gets the publication the values come from.</summary>
    public string Source { get; }

    /// <summary>Gets the matrix orders the table lists, ascending.</summary>
    public ImmutableArray<int> Orders { get; }

    /// <summary>Finds a built-in table by <see cref="Name"/>, ignoring case.</summary>
    /// <param name="name">The table's short name.</param>
    /// <returns>The table.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException">No built-in table has that name; the message lists the names.</exception>
    public static RandomIndexTable FromName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"'{name}' is not a random-index table; use one of {string.Join(", ", All.Select(t => t.Name))}.", nameof(name));
    }

    /// <summary>Gets RI(n), if the table lists order <paramref name="n"/>.</summary>
    /// <param name="n">The matrix order.</param>
    /// <param name="randomIndex">RI(n), or NaN when the table does not list it.</param>
    /// <returns>True when the table lists <paramref name="n"/>.</returns>
    public bool TryGetRandomIndex(int n, out double randomIndex)
    {
        if (_indices.TryGetValue(n, out randomIndex))
        {
            return true;
        }

        randomIndex = double.NaN;
        return false;
    }

    /// <summary>Returns <see cref="Name"/>.</summary>
    /// <returns>The table's short name.</returns>
    public override string ToString() => Name;
}
