namespace Readiness.Fairness;

/// <summary>
/// Whether selection depends on the group at all: the Fisher–Freeman–Halton exact test of the compared groups' 2 × k
/// table (R's <c>fisher.test</c>), one test per audit, read before any group's own comparison.
/// </summary>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed class OmnibusTest
{
    internal OmnibusTest(double p, int groups, int draws) => (P, Groups, Draws) = (p, groups, draws);

    /// <summary>Gets the p-value: the probability, with every margin fixed, of a table no more probable than the one observed.</summary>
    public double P { get; }

    /// <summary>Gets how many groups were compared.</summary>
    public int Groups { get; }

    /// <summary>
    /// Gets how many shuffled tables estimated <see cref="P"/> when the table was too large to enumerate (R's
    /// <c>simulate.p.value</c>; its Monte-Carlo standard error is √(P(1 − P) / draws)); 0 when it is exact.
    /// </summary>
    public int Draws { get; }

    /// <summary>Gets whether <see cref="P"/> was computed exactly.</summary>
    public bool IsExact => Draws == 0;
}
