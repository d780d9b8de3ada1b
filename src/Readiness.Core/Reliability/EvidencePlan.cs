using System.Collections.Immutable;
using Readiness.Calibration;
using Readiness.Evidence;
using static Readiness.Internal.RandomDraws;

namespace Readiness.Reliability;

/// <summary>
/// How many raters per person a target reliability needs, by Spearman–Brown and by a seeded simulation of the
/// organisation's own design.
/// </summary>
/// <remarks>
/// <para>
/// Spearman–Brown assumes every person gets their own fresh, independent raters. Organisations do not work that way: a
/// manager rates their whole team and peers rate each other, so one rater's leniency lifts or lowers several people at
/// once. The simulation keeps the design: each person is rated by n raters drawn from the raters who actually rated them
/// (new raters only once those run out), every rater keeps one leniency across everyone they rate, and the ratings follow
/// the crossed model's variance components. A person × competency's reliability is the squared correlation, over every
/// person and competency rated, of the mean of its n ratings with the true level (person + person × competency), averaged
/// over the replications.
/// </para>
/// <para>The calibration must be a crossed random-effects fit of the same ratings (it supplies the variance components).</para>
/// </remarks>
public sealed class EvidencePlan
{
    /// <summary>Initializes a new instance of the <see cref="EvidencePlan"/> class.</summary>
    /// <param name="target">The reliability aimed for.</param>
    /// <param name="singleRaterReliability">One rating's reliability from the variance components (see <see cref="SpearmanBrown.SingleRaterReliability"/>).</param>
    /// <param name="spearmanBrownRaters">The fewest raters that reach the target by Spearman–Brown.</param>
    /// <param name="simulatedRaters">The fewest raters that reach the target in the simulation of this design; null when even <see cref="EvidencePlanOptions.MaxRaters"/> do not.</param>
    /// <param name="steps">Reliability by number of raters: Spearman–Brown beside the simulation.</param>
    internal EvidencePlan(double target, double singleRaterReliability, int spearmanBrownRaters, int? simulatedRaters, ImmutableArray<EvidencePlanStep> steps)
    {
        Target = target;
        SingleRaterReliability = singleRaterReliability;
        SpearmanBrownRaters = spearmanBrownRaters;
        SimulatedRaters = simulatedRaters;
        Steps = steps;
    }

    /// <summary>Gets the reliability aimed for.</summary>
    public double Target { get; }

    /// <summary>Gets one rating's reliability from the variance components (see <see cref="SpearmanBrown.SingleRaterReliability"/>).</summary>
    public double SingleRaterReliability { get; }

    /// <summary>Gets the fewest raters that reach the target by Spearman–Brown.</summary>
    public int SpearmanBrownRaters { get; }

    /// <summary>Gets the fewest raters that reach the target in the simulation of this design; null when even <see cref="EvidencePlanOptions.MaxRaters"/> do not.</summary>
    public int? SimulatedRaters { get; }

    /// <summary>Gets reliability by number of raters: Spearman–Brown beside the simulation.</summary>
    public ImmutableArray<EvidencePlanStep> Steps { get; }

    /// <summary>Plans the evidence for a target reliability from the organisation's own design.</summary>
    /// <param name="ratings">The ratings whose design is simulated (who rated whom, on which competencies).</param>
    /// <param name="calibration">A crossed random-effects calibration of <paramref name="ratings"/>.</param>
    /// <param name="options">The target, the range of raters, replications and seed; null for the defaults.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ratings"/> or <paramref name="calibration"/> is null.</exception>
    /// <exception cref="ArgumentException">The calibration has no crossed-model variance components, took a rater effect per person and source (an anonymised export, see <see cref="SpearmanBrown.SingleRaterReliability"/>), or a single rating carries no reliable variance.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of its range; the message names it.</exception>
    public static EvidencePlan Simulate(RatingSet ratings, CalibrationResult calibration, EvidencePlanOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        options = (options ?? new EvidencePlanOptions()).Validated();
        var single = SpearmanBrown.SingleRaterReliability(calibration);
        if (single <= 0)
        {
            throw new ArgumentException("The calibration's person variance is 0: no number of raters makes a rating reliable.", nameof(calibration));
        }

        var sd = (
            Person: Math.Sqrt(calibration.VarianceOf(VarianceComponent.Ratee)!.Value),
            Cell: Math.Sqrt(calibration.VarianceOf(VarianceComponent.RateeCompetency) ?? 0),
            Rater: Math.Sqrt(calibration.VarianceOf(VarianceComponent.Rater)!.Value),
            Residual: Math.Sqrt(calibration.VarianceOf(VarianceComponent.Residual)!.Value));
        var design = Design.Of(ratings);
        var steps = ImmutableArray.CreateBuilder<EvidencePlanStep>(options.MaxRaters);
        for (var n = 1; n <= options.MaxRaters; n++)
        {
            var reliabilities = new double[options.Replications];
            for (var r = 0; r < reliabilities.Length; r++)
            {
                // One stream per (n, replication), from a fixed mix (HashCode is randomised per process): same seed, same plan.
                var stream = unchecked((options.Seed * 1_000_003) + (n * 10_007) + r);
                reliabilities[r] = design.SimulatedReliability(n, sd, new Random(stream));
            }

            var mean = reliabilities.Average();
            var spread = Math.Sqrt(reliabilities.Sum(x => (x - mean) * (x - mean)) / (reliabilities.Length - 1));
            steps.Add(new EvidencePlanStep(n, SpearmanBrown.Reliability(single, n), mean, spread / Math.Sqrt(reliabilities.Length)));
        }

        var built = steps.ToImmutable();
        var simulated = built.FirstOrDefault(s => s.Simulated >= options.Target)?.Raters;
        return new EvidencePlan(options.Target, single, SpearmanBrown.RatersNeeded(single, options.Target), simulated, built);
    }

    /// <summary>Who rated whom: each person's other raters and competencies rated.</summary>
    private sealed class Design
    {
        private readonly int[][] _raters;
        private readonly int[][] _competencies;
        private readonly int _raterCount;

        private Design(int[][] raters, int[][] competencies, int raterCount) => (_raters, _competencies, _raterCount) = (raters, competencies, raterCount);

        public static Design Of(RatingSet ratings)
        {
            var raters = new SortedSet<int>[ratings.Ratees.Length];
            var competencies = new SortedSet<int>[ratings.Ratees.Length];
            for (var i = 0; i < ratings.Count; i++)
            {
                if (ratings.Sources[i] != RaterSource.Self)
                {
                    var person = ratings.RateeIndices[i];
                    (raters[person] ??= []).Add(ratings.RaterIndices[i]);
                    (competencies[person] ??= []).Add(ratings.CompetencyIndices[i]);
                }
            }

            var rated = Enumerable.Range(0, raters.Length).Where(p => raters[p] is not null).ToArray();
            return new Design([.. rated.Select(p => raters[p].ToArray())], [.. rated.Select(p => competencies[p].ToArray())], ratings.Raters.Length);
        }

        public double SimulatedReliability(int n, (double Person, double Cell, double Rater, double Residual) sd, Random random)
        {
            var leniency = new double[_raterCount];
            for (var r = 0; r < leniency.Length; r++)
            {
                leniency[r] = sd.Rater * Normal(random);
            }

            double st = 0, so = 0, stt = 0, soo = 0, sto = 0;
            var cells = 0;
            var pool = new List<int>();
            for (var p = 0; p < _raters.Length; p++)
            {
                pool.Clear();
                pool.AddRange(_raters[p]);
                var lenient = 0.0;
                for (var k = 0; k < n; k++)
                {
                    if (k < pool.Count)
                    {
                        // A partial Fisher–Yates shuffle picks k-th of the person's own raters without replacement.
                        var j = k + random.Next(pool.Count - k);
                        (pool[k], pool[j]) = (pool[j], pool[k]);
                        lenient += leniency[pool[k]];
                    }
                    else
                    {
                        lenient += sd.Rater * Normal(random);
                    }
                }

                var person = sd.Person * Normal(random);
                foreach (var _ in _competencies[p])
                {
                    var truth = person + (sd.Cell * Normal(random));
                    var observed = truth + (lenient / n) + (sd.Residual / Math.Sqrt(n) * Normal(random));
                    st += truth;
                    so += observed;
                    stt += truth * truth;
                    soo += observed * observed;
                    sto += truth * observed;
                    cells++;
                }
            }

            var covariance = sto - (st * so / cells);
            return covariance * covariance / ((stt - (st * st / cells)) * (soo - (so * so / cells)));
        }
    }
}

/// <summary>The reliability of one number of raters per person.</summary>
public sealed class EvidencePlanStep
{
    /// <summary>Initializes a new instance of the <see cref="EvidencePlanStep"/> class.</summary>
    /// <param name="raters">Raters per person.</param>
    /// <param name="spearmanBrown">The Spearman–Brown reliability of that many independent raters.</param>
    /// <param name="simulated">The mean simulated reliability in the organisation's own design.</param>
    /// <param name="simulatedStandardError">The standard error of <paramref name="simulated"/> over the replications.</param>
    internal EvidencePlanStep(int raters, double spearmanBrown, double simulated, double simulatedStandardError)
    {
        Raters = raters;
        SpearmanBrown = spearmanBrown;
        Simulated = simulated;
        SimulatedStandardError = simulatedStandardError;
    }

    /// <summary>Gets raters per person.</summary>
    public int Raters { get; }

    /// <summary>Gets the Spearman–Brown reliability of that many independent raters.</summary>
    public double SpearmanBrown { get; }

    /// <summary>Gets the mean simulated reliability in the organisation's own design.</summary>
    public double Simulated { get; }

    /// <summary>Gets the standard error of <see cref="Simulated"/> over the replications.</summary>
    public double SimulatedStandardError { get; }
}
