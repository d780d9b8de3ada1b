using Readiness.Calibration;
using Readiness.Competencies;
using Readiness.Evidence;
using Readiness.Fairness;
using Readiness.Reliability;
using Readiness.Scoring;
using Readiness.Serialization;
using Readiness.Simulation;
using Readiness.Talent;

namespace Readiness.Hardening.Tests;

/// <summary>
/// The same data give the same answer to the bit: whatever the order of the rows, however many threads run, however
/// often it is run. (Sums over rows use a fixed order — the canonical row order, fixed chunks — never the order threads
/// finish in.)
/// </summary>
public sealed class DeterminismTests
{
    private static readonly SimulatedOrganisation Organisation = OrganisationSimulator.Generate(new SimulationOptions { People = 150, Seed = 21 });

    [Fact]
    public void Shuffled_rows_give_the_same_calibrations_scores_talent_review_and_audit()
    {
        var expected = Pipeline(Organisation.Ratings);

        foreach (var seed in new[] { 1, 2, 3 })
        {
            var shuffled = Organisation.Ratings.ToArray();
            new Random(seed).Shuffle(shuffled);
            Assert.Equal(expected, Pipeline(shuffled));
        }
    }

    [Fact]
    public void The_crossed_model_gives_the_same_bits_on_one_two_or_sixteen_threads()
    {
        var ratings = Organisation.TakeInRatings().Ratings;
        foreach (var path in new[] { CrossedModelPath.Exact, CrossedModelPath.Scalable })
        {
            var results = new[] { 1, 2, 16, -1 }.Select(threads =>
                Fingerprint.Of(new CrossedRandomEffectsCalibrator(new CrossedModelOptions { Path = path, MaxDegreeOfParallelism = threads }).Calibrate(ratings))).ToArray();

            Assert.All(results, r => Assert.Equal(results[0], r));
        }
    }

    [Fact]
    public Task The_Rasch_fit_gives_the_same_bits_on_one_thread_as_on_all() => RaschOnOneThreadAndOnAll(Organisation.TakeInRatings().Ratings);

    /// <summary>Above 100,000 ratings the Rasch fit splits its sums over eight chunks: the case that can tell threads apart.</summary>
    [Fact]
    [Trait("Category", "Slow")]
    public Task The_Rasch_fit_split_into_chunks_gives_the_same_bits_on_one_thread_as_on_all()
    {
        var ratings = OrganisationSimulator.Generate(new SimulationOptions { People = 1800, Seed = 8 }).TakeInRatings().Ratings;
        var fitted = ratings.AsEnumerable().Count(r => r.Source != RaterSource.Self);
        Assert.True(fitted > 100_000, $"{fitted} ratings from others: below the size at which the fit splits its work");
        return RaschOnOneThreadAndOnAll(ratings);
    }

    private static async Task RaschOnOneThreadAndOnAll(RatingSet ratings)
    {
        var all = Fingerprint.Of(new ManyFacetRaschCalibrator().Calibrate(ratings));

        // Parallel.For schedules on the current task scheduler: one that runs one task at a time makes the fit serial.
        var oneAtATime = new ConcurrentExclusiveSchedulerPair(TaskScheduler.Default, maxConcurrencyLevel: 1).ConcurrentScheduler;
        var serial = await Task.Factory.StartNew(() => Fingerprint.Of(new ManyFacetRaschCalibrator().Calibrate(ratings)), CancellationToken.None, TaskCreationOptions.None, oneAtATime)
            .WaitAsync(TimeSpan.FromMinutes(5));

        Assert.Equal(all, serial);
    }

    [Fact]
    public void Repeated_runs_of_the_seeded_parts_give_the_same_bits()
    {
        var ratings = Organisation.TakeInRatings().Ratings;
        var calibration = new CrossedRandomEffectsCalibrator().Calibrate(ratings);
        string Plan() => string.Join('\n', EvidencePlan.Simulate(ratings, calibration).Steps.Select(s => $"{s.Raters}:{Fingerprint.R(s.Simulated)}±{Fingerprint.R(s.SimulatedStandardError)}"));
        string Simulated() => Fingerprint.Of(new RawMeanCalibrator().Calibrate(OrganisationSimulator.Generate(new SimulationOptions { People = 150, Seed = 21 }).TakeInRatings().Ratings));

        Assert.Equal(Plan(), Plan());
        Assert.Equal(Simulated(), Simulated());
        Assert.Equal(Pipeline(Organisation.Ratings), Pipeline(Organisation.Ratings));
    }

    /// <summary>Intake, three calibrations, scores, the talent review as JSON and the audit, as one text.</summary>
    private static string Pipeline(IEnumerable<Rating> rows)
    {
        var ratings = new RatingSetBuilder(LeadershipFramework.Model).AddRange(rows).Build().Ratings;
        var crossed = new CrossedRandomEffectsCalibrator().Calibrate(ratings);
        var scalable = new CrossedRandomEffectsCalibrator(new CrossedModelOptions { Path = CrossedModelPath.Scalable }).Calibrate(ratings);
        var rasch = new ManyFacetRaschCalibrator().Calibrate(ratings);
        var performance = PerformanceSet.Create(Organisation.PerformanceRecords).Performance;
        var assessments = new ReadinessScorer().ScoreCohort(ReadinessCandidate.FromCalibration(crossed, ratings, performance), LeadershipFramework.FirstLineManager);
        var nineBox = NineBox.Place(assessments);
        var slate = SuccessionSlate.Build("Team lead", assessments);
        var plans = assessments.Where(a => a.IsScored).Take(5).Select(a => new DevelopmentPlanner().Plan(a, LeadershipFramework.FirstLineManager, new DateOnly(2027, 1, 4)));
        var audit = AdverseImpactAudit.Run(AuditOutcome.ScoringRate(assessments), Organisation.Demographics, ["sex", "ethnicity"]);
        return string.Join("\n--\n",
            Fingerprint.Of(crossed), Fingerprint.Of(scalable), Fingerprint.Of(rasch), Fingerprint.Of(assessments),
            ReadinessJson.Write(TalentPipeline.Create(new DateOnly(2027, 1, 4), nineBox, [slate], plans)),
            string.Join('\n', audit.Groups.Select(g => $"{g.Group}:{g.Count}:{Fingerprint.R(g.Rate)}:{Fingerprint.R(g.ImpactRatio)}:{Fingerprint.R(g.FisherP)}")));
    }
}
