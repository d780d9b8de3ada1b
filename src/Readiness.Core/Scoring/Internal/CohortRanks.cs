namespace Readiness.Scoring.Internal;

/// <summary>
/// Each candidate's rank in the whole cohort under the joint uncertainty of everyone's estimates: in every draw of the
/// cohort (<see cref="CohortDraws"/>) the cohort is ranked by the same rule as the point ranking (the better band first,
/// then the smaller shortfall below the targets, then the larger surplus above them), and a person's rank range is the
/// central interval of their ranks over the draws.
/// </summary>
internal static class CohortRanks
{
    /// <summary>The (low, high) rank of each person, 1 = most ready, in the central <paramref name="level"/> of the draws.</summary>
    public static (int Low, int High)[] Ranges(IReadOnlyList<JointEstimate> people, double level)
    {
        var n = people.Count;
        const int Draws = CohortDraws.Count;
        var ranks = new int[n * Draws];
        var keys = new Key[n];
        var zero = new double[n == 0 ? 0 : people[0].Kernel.Count];
        CohortDraws.Run(
            people,
            (i, theta) =>
            {
                var kernel = people[i].Kernel;
                var band = kernel.AtLevels(theta).Band;
                var (shortfall, surplus) = kernel.ExpectedGaps(theta, zero);
                keys[i] = new Key(band, shortfall > 0 ? -shortfall : surplus, i);
            },
            m =>
            {
                Array.Sort(keys);
                for (var position = 0; position < n; position++)
                {
                    // Equal keys share the better rank.
                    var tied = position > 0 && keys[position].SameAs(keys[position - 1]);
                    ranks[(keys[position].Person * Draws) + m] = tied ? ranks[(keys[position - 1].Person * Draws) + m] : position + 1;
                }
            });

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
