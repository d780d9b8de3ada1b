namespace Readiness.Scoring.Internal;

/// <summary>
/// Each candidate's rank in the whole cohort under the joint uncertainty of everyone's estimates: in every draw each
/// person's true profile is drawn, the cohort is ranked by the same rule as the point ranking (the better band first, then
/// the smaller shortfall below the targets, then the larger surplus above them), and a person's rank range is the central
/// interval of their ranks over the draws.
/// </summary>
/// <remarks>
/// People's errors are taken as independent of one another (each person's own estimates stay jointly correlated). Every
/// person walks the kernel's lattice points in an order of their own — an affine permutation seeded by a stable hash of
/// their id, so ranks do not depend on the cohort's input order — which keeps one draw's people from moving together.
/// </remarks>
internal static class CohortRanks
{
    /// <summary>Draws of the whole cohort: enough for the 5% and 95% points of a rank, a fraction of the per-person draws.</summary>
    public const int Draws = 256;

    /// <summary>One scored person: their estimates in requirement order, standard errors, correlations and id.</summary>
    public sealed record Person(string Id, double[] X, double[] Se, Func<int, int, double>? Correlation);

    /// <summary>The (low, high) rank of each person, 1 = most ready, in the central <paramref name="level"/> of the draws.</summary>
    public static (int Low, int High)[] Ranges(ProfileKernel kernel, IReadOnlyList<Person> people, double level)
    {
        var n = people.Count;
        var k = kernel.Count;
        var points = kernel.Draws;
        var ranks = new int[n * Draws];
        var keys = new Key[n];
        var theta = new double[k];
        var zero = new double[k];
        var factors = people.Select(p => JointDraws.Factor(p.Se, p.Correlation)).ToArray();
        var (step, offset) = (new int[n], new int[n]);
        for (var i = 0; i < n; i++)
        {
            var hash = StableHash(people[i].Id);
            step[i] = 1 + (int)(hash % (JointDraws.Count - 1));
            offset[i] = (int)((hash >> 32) % JointDraws.Count);
        }

        for (var m = 0; m < Draws; m++)
        {
            for (var i = 0; i < n; i++)
            {
                var point = (int)((((long)m * step[i]) + offset[i]) % JointDraws.Count);
                JointDraws.Apply(people[i].X, factors[i], points.AsSpan(point * k, k), theta);
                var band = kernel.AtLevels(theta).Band;
                var (shortfall, surplus) = kernel.ExpectedGaps(theta, zero);
                keys[i] = new Key(band, shortfall > 0 ? -shortfall : surplus, i);
            }

            Array.Sort(keys);
            for (var position = 0; position < n; position++)
            {
                // Equal keys share the better rank.
                var tied = position > 0 && keys[position].SameAs(keys[position - 1]);
                ranks[(keys[position].Person * Draws) + m] = tied ? ranks[(keys[position - 1].Person * Draws) + m] : position + 1;
            }
        }

        var tail = (1 - level) / 2;
        var ranges = new (int, int)[n];
        for (var i = 0; i < n; i++)
        {
            var own = ranks.AsSpan(i * Draws, Draws);
            own.Sort();
            ranges[i] = (own[(int)Math.Floor(tail * (Draws - 1))], own[(int)Math.Ceiling((1 - tail) * (Draws - 1))]);
        }

        return ranges;
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

    /// <summary>A person's place in one draw: the better band first, then the larger value (−shortfall, or surplus when none), then input position.</summary>
    private readonly record struct Key(ReadinessBand Band, double Value, int Person) : IComparable<Key>
    {
        public int CompareTo(Key other)
        {
            var order = Band.CompareTo(other.Band);
            order = order != 0 ? order : other.Value.CompareTo(Value);
            return order != 0 ? order : Person.CompareTo(other.Person);
        }

        public bool SameAs(Key other) => Band == other.Band && Value == other.Value;
    }
}
