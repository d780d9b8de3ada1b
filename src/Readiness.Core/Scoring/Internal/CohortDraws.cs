namespace Readiness.Scoring.Internal;

/// <summary>
/// Draws of a whole cohort's true levels under the joint uncertainty of everyone's estimates: in each draw, every person's
/// true profile is drawn from their estimates, standard errors and error correlations.
/// </summary>
/// <remarks>
/// People's errors are taken as independent of one another (each person's own estimates stay jointly correlated). Every
/// person walks the kernel's lattice points in an order of their own — an affine permutation seeded by a stable hash of
/// their id, so results do not depend on the cohort's input order — which keeps one draw's people from moving together.
/// </remarks>
internal static class CohortDraws
{
    /// <summary>Draws of the whole cohort: enough for the 5% and 95% points of a rank, a fraction of the per-person draws.</summary>
    public const int Count = 256;

    /// <summary>Receives one person's drawn true levels, in requirement order.</summary>
    public delegate void Visit(int person, ReadOnlySpan<double> theta);

    /// <summary>For each of <see cref="Count"/> draws, visits every person with their drawn levels, then calls <paramref name="drawn"/> with the draw's number.</summary>
    /// <param name="people">The people; all scored with one kernel.</param>
    /// <param name="visit">Called once per person and draw.</param>
    /// <param name="drawn">Called once per draw, after every person's visit.</param>
    public static void Run(IReadOnlyList<JointEstimate> people, Visit visit, Action<int> drawn)
    {
        var n = people.Count;
        if (n == 0)
        {
            return;
        }

        var k = people[0].Kernel.Count;
        var points = people[0].Kernel.Draws;
        var theta = new double[k];
        var factors = people.Select(p => JointDraws.Factor(p.Se, p.Correlation)).ToArray();
        var (step, offset) = (new int[n], new int[n]);
        for (var i = 0; i < n; i++)
        {
            var hash = StableHash(people[i].Id);
            step[i] = 1 + (int)(hash % (JointDraws.Count - 1));
            offset[i] = (int)((hash >> 32) % JointDraws.Count);
        }

        for (var m = 0; m < Count; m++)
        {
            for (var i = 0; i < n; i++)
            {
                var point = (int)((((long)m * step[i]) + offset[i]) % JointDraws.Count);
                JointDraws.Apply(people[i].X, factors[i], points.AsSpan(point * k, k), theta);
                visit(i, theta);
            }

            drawn(m);
        }
    }

    /// <summary>FNV-1a over the id's characters: the same on every run and machine (string.GetHashCode is not).</summary>
    private static ulong StableHash(string id)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in id)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }
}
