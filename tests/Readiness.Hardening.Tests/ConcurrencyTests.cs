using Readiness.Calibration;
using Readiness.Competencies;
using Readiness.Evidence;
using Readiness.Scoring;
using Readiness.Simulation;

namespace Readiness.Hardening.Tests;

/// <summary>
/// Shared services hammered from many threads, as a multi-tenant service uses them, give what a single thread gets, to the
/// bit; and one tenant's work never shows up in another's. (Why this holds by construction — no mutable static state, and
/// per-call state only — is checked by <see cref="SharedStateTests"/>.)
/// </summary>
public sealed class ConcurrencyTests
{
    private const int Threads = 8;

    [Fact]
    public void One_scorer_shared_by_eight_threads_gives_every_thread_the_serial_results()
    {
        var tenants = new[] { Tenant(people: 80, seed: 1), Tenant(people: 120, seed: 2) };
        var scorer = new ReadinessScorer();
        var serial = tenants.Select(t => Fingerprint.Of(scorer.ScoreCohort(t.Candidates, t.Profile))).ToArray();
        var serialSingles = tenants.Select(t => t.Candidates.Select(c => Fingerprint.Of([scorer.Score(c, t.Profile)])).ToArray()).ToArray();

        var results = new string[Threads * 4];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = Threads }, i =>
        {
            var tenant = tenants[i % tenants.Length];
            results[i] = Fingerprint.Of(scorer.ScoreCohort(tenant.Candidates, tenant.Profile));
        });

        // Single assessments interleaved from all threads at once, each tenant's candidates in turn.
        var singles = new string[tenants.Length][];
        for (var t = 0; t < tenants.Length; t++)
        {
            var tenant = tenants[t];
            var scored = new string[tenant.Candidates.Length];
            Parallel.For(0, scored.Length, new ParallelOptions { MaxDegreeOfParallelism = Threads }, c => scored[c] = Fingerprint.Of([scorer.Score(tenant.Candidates[c], tenant.Profile)]));
            singles[t] = scored;
        }

        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(serial[i % tenants.Length], results[i]);
        }

        Assert.Equal(serialSingles, singles);
    }

    [Fact]
    public void Shared_calibrators_called_at_once_on_different_tenants_give_the_serial_results()
    {
        var tenants = new[] { Simulated(people: 60, seed: 3), Simulated(people: 90, seed: 4) };
        IRatingCalibrator[] calibrators = [new CrossedRandomEffectsCalibrator(), new CrossedRandomEffectsCalibrator(new CrossedModelOptions { Path = CrossedModelPath.Scalable }), new ManyFacetRaschCalibrator()];
        var serial = calibrators.Select(c => tenants.Select(t => Fingerprint.Of(c.Calibrate(t))).ToArray()).ToArray();

        var jobs = (from c in Enumerable.Range(0, calibrators.Length) from t in Enumerable.Range(0, tenants.Length) from repeat in Enumerable.Range(0, 2) select (c, t)).ToArray();
        var results = new string[jobs.Length];
        Parallel.For(0, jobs.Length, new ParallelOptions { MaxDegreeOfParallelism = Threads }, i => results[i] = Fingerprint.Of(calibrators[jobs[i].c].Calibrate(tenants[jobs[i].t])));

        for (var i = 0; i < jobs.Length; i++)
        {
            Assert.Equal(serial[jobs[i].c][jobs[i].t], results[i]);
        }
    }

    [Fact]
    public void Batch_scoring_split_by_Parallel_For_is_bit_identical_to_one_serial_batch()
    {
        var profile = LeadershipFramework.FirstLineManager;
        var k = profile.Requirements.Length;
        const int Candidates = 20_000;
        var random = new Random(11);
        var estimates = Enumerable.Range(0, Candidates * k).Select(_ => 1 + (4 * random.NextDouble())).ToArray();
        var errors = Enumerable.Range(0, Candidates * k).Select(_ => 0.05 + (0.4 * random.NextDouble())).ToArray();
        var scorer = new ReadinessScorer();
        var serial = Outputs(Candidates);
        scorer.ScoreBatch(profile, estimates, errors, serial.Index, serial.Lower, serial.Upper, serial.Bands);

        var split = Outputs(Candidates);
        const int Block = 997;
        Parallel.For(0, (Candidates + Block - 1) / Block, new ParallelOptions { MaxDegreeOfParallelism = Threads }, b =>
        {
            var (start, count) = (b * Block, Math.Min(Block, Candidates - (b * Block)));
            scorer.ScoreBatch(profile, estimates.AsSpan(start * k, count * k), errors.AsSpan(start * k, count * k),
                split.Index.AsSpan(start, count), split.Lower.AsSpan(start, count), split.Upper.AsSpan(start, count), split.Bands.AsSpan(start, count));
        });
        var parallel = Outputs(Candidates);
        scorer.ScoreBatchParallel(profile, estimates, errors, parallel.Index, parallel.Lower, parallel.Upper, parallel.Bands);

        foreach (var other in new[] { split, parallel })
        {
            Assert.True(serial.Index.AsSpan().SequenceEqual(other.Index));
            Assert.True(serial.Lower.AsSpan().SequenceEqual(other.Lower));
            Assert.True(serial.Upper.AsSpan().SequenceEqual(other.Upper));
            Assert.True(serial.Bands.AsSpan().SequenceEqual(other.Bands));
        }
    }

    private static (double[] Index, double[] Lower, double[] Upper, ReadinessBand[] Bands) Outputs(int n) => (new double[n], new double[n], new double[n], new ReadinessBand[n]);

    private static RatingSet Simulated(int people, int seed) => OrganisationSimulator.Generate(new SimulationOptions { People = people, Seed = seed }).TakeInRatings().Ratings;

    private static (ReadinessCandidate[] Candidates, RoleProfile Profile) Tenant(int people, int seed)
    {
        var ratings = Simulated(people, seed);
        var candidates = ReadinessCandidate.FromCalibration(new CrossedRandomEffectsCalibrator().Calibrate(ratings), ratings).ToArray();
        return (candidates, seed % 2 == 0 ? LeadershipFramework.FirstLineManager : new RoleProfileBuilder("project-lead", "Project lead")
            .Require(LeadershipFramework.Influences, target: 4, importance: 5, criticalMinimum: 3)
            .Require(LeadershipFramework.NavigatesComplexity, target: 4, importance: 4)
            .Require(LeadershipFramework.DeliversResults, target: 4, importance: 3)
            .Build(LeadershipFramework.Model));
    }
}
