using Readiness.Calibration;
using Readiness.Competencies;
using Readiness.Evidence;
using Readiness.Scoring;

namespace Readiness.Core.Tests.Scoring;

/// <summary>What scoring takes in: the full text of every refusal, each check of a rule on its own, and the evidence gathered for candidates.</summary>
public sealed class ScoringInputTests
{
    private static readonly RateeId P1 = new("P1");

    private static readonly RoleProfile TeamLead = new RoleProfileBuilder("team-lead", "Team lead")
        .Require(LeadershipFramework.Delegates, target: 4, importance: 3)
        .Require(LeadershipFramework.ManagesConflict, target: 4, importance: 2)
        .Require(LeadershipFramework.DeliversResults, target: 3, importance: 1)
        .Build(LeadershipFramework.Model);

    [Theory]
    [InlineData(double.NaN, 0.1, "The estimate of P1 on delegates was NaN; it must be a finite number.")]
    [InlineData(double.NegativeInfinity, 0.1, "The estimate of P1 on delegates was -Infinity; it must be a finite number.")]
    [InlineData(3.0, double.PositiveInfinity, "The standard error of P1 on delegates was Infinity; it must be finite and at least 0.")]
    [InlineData(3.0, double.NaN, "The standard error of P1 on delegates was NaN; it must be finite and at least 0.")]
    [InlineData(3.0, -0.1, "The standard error of P1 on delegates was -0.1; it must be finite and at least 0.")]
    public void A_bad_estimate_cannot_be_built_so_no_candidate_can_carry_one(double estimate, double standardError, string rule)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Estimate(P1, "delegates", estimate, standardError));

        Assert.StartsWith(rule, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_candidate_may_have_an_exact_estimate()
    {
        var candidate = new ReadinessCandidate(P1, [Estimate(P1, "delegates", 3, 0)], 3, []);

        Assert.Equal(0, Assert.Single(candidate.Estimates).StandardError);
    }

    [Fact]
    public void A_candidate_holds_only_their_own_estimates_once_each()
    {
        var other = Assert.Throws<ArgumentException>(() => new ReadinessCandidate(P1, [Estimate(new RateeId("P2"), "delegates", 3, 0.1)], 3, []));
        var twice = Assert.Throws<ArgumentException>(() => new ReadinessCandidate(P1, [Estimate(P1, "delegates", 3, 0.1), Estimate(P1, "Delegates", 3, 0.1)], 3, []));
        var cohort = Assert.Throws<ArgumentException>(() => new ReadinessScorer().ScoreCohort([Candidate(), Candidate()], TeamLead));

        Assert.Equal("An estimate of P2 was given for candidate P1; every estimate must be of the candidate. (Parameter 'estimates')", other.Message);
        Assert.Equal("Competency 'Delegates' has two estimates for candidate P1; there must be at most one. (Parameter 'estimates')", twice.Message);
        Assert.Equal("Candidate P1 appears twice in the cohort; each person must appear once. (Parameter 'candidates')", cohort.Message);
    }

    [Fact]
    public void Null_arguments_are_named()
    {
        var scorer = new ReadinessScorer();

        Assert.Equal("estimates", Assert.Throws<ArgumentNullException>(() => new ReadinessCandidate(P1, null!, 3, [])).ParamName);
        Assert.Equal("sources", Assert.Throws<ArgumentNullException>(() => new ReadinessCandidate(P1, [], 3, null!)).ParamName);
        Assert.Equal("estimates", Assert.Throws<ArgumentNullException>(() => new ReadinessCandidate(P1, [null!], 3, [])).ParamName);
        Assert.Equal("candidates", Assert.Throws<ArgumentNullException>(() => scorer.ScoreCohort(null!, TeamLead)).ParamName);
        Assert.Equal("candidates", Assert.Throws<ArgumentNullException>(() => scorer.ScoreCohort([null!], TeamLead)).ParamName);
        Assert.Equal("profile", Assert.Throws<ArgumentNullException>(() => scorer.ScoreCohort([Candidate()], null!)).ParamName);
        Assert.Equal("profile", Assert.Throws<ArgumentNullException>(() => scorer.Score(Candidate(), null!)).ParamName);
        Assert.Equal("profile", Assert.Throws<ArgumentNullException>(() => scorer.ScoreBatch(null!, [], [], [], [], [], [])).ParamName);
        Assert.Equal("profile", Assert.Throws<ArgumentNullException>(() => scorer.ScoreBatchParallel(null!, Array.Empty<double>(), Array.Empty<double>(), Array.Empty<double>(), Array.Empty<double>(), Array.Empty<double>(), Array.Empty<ReadinessBand>())).ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void Parallel_batches_refuse_a_degree_of_parallelism_below_minus_1_or_of_0(int degree)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Batch(2, parallel: degree));

        Assert.StartsWith($"maxDegreeOfParallelism was {degree}; it must be -1 (one per processor) or at least 1. (Parameter 'maxDegreeOfParallelism')", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(6, 6, 2, 2, 2, 2, null)]
    [InlineData(5, 6, 2, 2, 2, 2, "got 5 estimates, 6 standard errors, 2 lower, 2 upper, 2 bands")]
    [InlineData(6, 5, 2, 2, 2, 2, "got 6 estimates, 5 standard errors, 2 lower, 2 upper, 2 bands")]
    [InlineData(6, 6, 3, 2, 2, 2, "got 6 estimates, 6 standard errors, 2 lower, 2 upper, 2 bands")]
    [InlineData(6, 6, 2, 3, 2, 2, "got 6 estimates, 6 standard errors, 3 lower, 2 upper, 2 bands")]
    [InlineData(6, 6, 2, 2, 3, 2, "got 6 estimates, 6 standard errors, 2 lower, 3 upper, 2 bands")]
    [InlineData(6, 6, 2, 2, 2, 3, "got 6 estimates, 6 standard errors, 2 lower, 2 upper, 3 bands")]
    public void Each_batch_buffer_must_have_its_shape(int estimates, int standardErrors, int index, int lower, int upper, int bands, string? got)
    {
        var scorer = new ReadinessScorer();
        void Serial() => scorer.ScoreBatch(TeamLead, Ones(estimates), Ones(standardErrors), new double[index], new double[lower], new double[upper], new ReadinessBand[bands]);
        void Parallel() => scorer.ScoreBatchParallel(TeamLead, Ones(estimates), Ones(standardErrors), new double[index], new double[lower], new double[upper], new ReadinessBand[bands], 2);

        if (got is null)
        {
            Serial();
            Parallel();
            return;
        }

        foreach (var act in new Action[] { Serial, Parallel })
        {
            var e = Assert.Throws<ArgumentException>(act);
            Assert.Equal($"Shapes disagree: {index} candidates and 3 requirements need {index * 3} estimates and standard errors and {index} outputs each; {got}. (Parameter 'estimates')", e.Message);
        }
    }

    [Theory]
    [InlineData(0, double.NaN, 0.1, "row 0, requirement 0 ('delegates'): estimate NaN ± 0.1")]
    [InlineData(2, 3.0, double.PositiveInfinity, "row 0, requirement 2 ('delivers-results'): estimate 3 ± Infinity")]
    [InlineData(2, 3.0, -0.5, "row 0, requirement 2 ('delivers-results'): estimate 3 ± -0.5")]
    [InlineData(4, double.PositiveInfinity, 0.1, "row 1, requirement 1 ('manages-conflict'): estimate Infinity ± 0.1")]
    public void A_bad_cell_in_a_batch_is_named_by_row_and_requirement(int cell, double estimate, double standardError, string named)
    {
        foreach (var parallel in new int?[] { null, 2 })
        {
            var e = Assert.Throws<ArgumentException>(() => Batch(2, parallel, cell, estimate, standardError));

            Assert.Equal($"Candidate {named}; estimates must be finite with finite standard errors ≥ 0. (Parameter 'estimates')", e.Message);
        }
    }

    [Theory]
    [InlineData(0, 0, double.NaN, 0.1, "row 0, requirement 0 ('sets-clear-expectations'): estimate NaN ± 0.1")]
    [InlineData(0, 13, 3.0, -0.1, "row 0, requirement 13 ('productivity'): estimate 3 ± -0.1")]
    [InlineData(2, 5, 3.0, -0.1, "row 2, requirement 5 ('builds-trust'): estimate 3 ± -0.1")]
    [InlineData(1, 3, double.NaN, 0.0, "row 1, requirement 3 ('delegates'): estimate NaN ± 0")]
    public void A_bad_cell_inside_a_block_of_four_rows_is_named_too(int row, int requirement, double estimate, double standardError, string named)
    {
        // Fourteen requirements, so rows are scored four at a time in vector lanes; every other cell has a zero standard error.
        var profile = LeadershipFramework.FirstLineManager;
        var (n, k) = (6, profile.Requirements.Length);
        var (x, se) = (Ones(n * k, 3), new double[n * k]);
        (x[(row * k) + requirement], se[(row * k) + requirement]) = (estimate, standardError);

        var e = Assert.Throws<ArgumentException>(() => new ReadinessScorer().ScoreBatch(profile, x, se, new double[n], new double[n], new double[n], new ReadinessBand[n]));

        Assert.Equal($"Candidate {named}; estimates must be finite with finite standard errors ≥ 0. (Parameter 'estimates')", e.Message);
    }

    /// <summary>With chances the rows go in blocks of 256: a bad cell beyond the first block is named by its row in the batch, and every row's chances are the ones a batch of that row alone gives.</summary>
    [Fact]
    public void With_chances_a_bad_cell_past_the_first_block_is_named_by_its_row_and_the_chances_do_not_depend_on_the_block()
    {
        var profile = LeadershipFramework.FirstLineManager;
        var (n, k) = (700, profile.Requirements.Length);
        var random = new Random(7);
        var x = Enumerable.Range(0, n * k).Select(_ => 2 + (2 * random.NextDouble())).ToArray();
        var se = Enumerable.Range(0, n * k).Select(_ => 0.1 + (0.3 * random.NextDouble())).ToArray();
        var scorer = new ReadinessScorer();
        var (readyNow, nearTerm) = (new double[n], new double[n]);
        scorer.ScoreBatch(profile, x, se, new double[n], new double[n], new double[n], new ReadinessBand[n], readyNow, nearTerm);
        foreach (var row in new[] { 0, 255, 256, 511, 699 })
        {
            var (one, two) = (new double[1], new double[1]);
            scorer.ScoreBatch(profile, x.AsSpan(row * k, k), se.AsSpan(row * k, k), new double[1], new double[1], new double[1], new ReadinessBand[1], one, two);
            Assert.Equal((one[0], two[0]), (readyNow[row], nearTerm[row]));
        }

        x[(600 * k) + 2] = double.NaN;
        var e = Assert.Throws<ArgumentException>(() => scorer.ScoreBatch(profile, x, se, new double[n], new double[n], new double[n], new ReadinessBand[n], readyNow, nearTerm));

        Assert.StartsWith("Candidate row 600, requirement 2 (", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_candidate_lists_their_sources_once_each_in_order_without_self()
    {
        var candidate = new ReadinessCandidate(P1, [Estimate(P1, "delegates", 3, 0.1)], 4, [RaterSource.Peer, RaterSource.Self, RaterSource.Manager, RaterSource.Peer]);

        Assert.Equal<RaterSource>([RaterSource.Manager, RaterSource.Peer], candidate.Sources);
        Assert.Equal("P1: 1 estimates, 4 raters, 2 sources", candidate.ToString());
    }

    [Fact]
    public void Candidates_from_a_calibration_carry_the_evidence_their_ratings_hold()
    {
        var (m1, r2, r3, self) = (new RaterId("M1"), new RaterId("R2"), new RaterId("R3"), new RaterId("P1"));
        var (p2, p3) = (new RateeId("P2"), new RateeId("P3"));
        var ratings = new RatingSetBuilder(LeadershipFramework.Model).AddRange(
        [
            new(P1, m1, RaterSource.Manager, LeadershipFramework.Delegates, 4),
            new(P1, m1, RaterSource.Manager, LeadershipFramework.Influences, 3),
            new(P1, r2, RaterSource.Peer, LeadershipFramework.Delegates, 2),
            new(P1, r3, RaterSource.Peer, LeadershipFramework.Delegates, 3),
            new(P1, self, RaterSource.Self, LeadershipFramework.Delegates, 5),
            new(P1, self, RaterSource.Self, LeadershipFramework.ManagesConflict, 5),
            new(P1, self, RaterSource.Self, LeadershipFramework.Influences, 4),
            new(new RateeId("P4"), r3, RaterSource.Peer, LeadershipFramework.Delegates, 2),
            new(p2, m1, RaterSource.Manager, LeadershipFramework.Delegates, 3),
            new(p2, r2, RaterSource.Peer, LeadershipFramework.Delegates, 3),
            new(p3, new RaterId("P3"), RaterSource.Self, LeadershipFramework.Delegates, 4),
        ]).Build().Ratings;
        var calibration = new MeanCentringCalibrator().Calibrate(ratings);
        var performance = PerformanceSet.Create([new(p2, 3.5)]).Performance;

        var candidates = ReadinessCandidate.FromCalibration(calibration, ratings, performance);

        Assert.Equal([P1, p2, new RateeId("P4")], candidates.Select(c => c.Person));
        Assert.Null(candidates[2].RaterSpread); // one rater has no spread
        var (first, second) = (candidates[0], candidates[1]);
        Assert.Equal(3, first.OtherRaters);
        Assert.Equal<RaterSource>([RaterSource.Manager, RaterSource.Peer], first.Sources);
        var selfMinusOthers = (5 - first.FindEstimate(LeadershipFramework.Delegates)!.Estimate + 4 - first.FindEstimate(LeadershipFramework.Influences)!.Estimate) / 2;
        Assert.Equal(selfMinusOthers, first.SelfMinusOthers!.Value, 12);
        double[] raterMeans = [3.5, 2, 3];
        var mean = raterMeans.Average();
        Assert.Equal(Math.Sqrt(raterMeans.Sum(v => (v - mean) * (v - mean)) / 2), first.RaterSpread!.Value, 12);
        Assert.Null(first.Performance);
        Assert.Equal((2, 3.5, 0.0), (second.OtherRaters, second.Performance!.Value, second.RaterSpread!.Value));
        Assert.Null(second.SelfMinusOthers);
        Assert.Equal("calibration", Assert.Throws<ArgumentNullException>(() => ReadinessCandidate.FromCalibration(null!, ratings)).ParamName);
        Assert.Equal("ratings", Assert.Throws<ArgumentNullException>(() => ReadinessCandidate.FromCalibration(calibration, null!)).ParamName);
    }

    [Fact]
    public void From_an_anonymised_export_a_persons_raters_are_the_most_responses_one_competency_received()
    {
        // Every response under its own id: P1 has one colleague's answers on three competencies and two reports' on two;
        // P2 one colleague's on three. Ids would count 7 and 3 raters; the people are 3 (most on one competency) and 1.
        var competencies = new[] { LeadershipFramework.Delegates, LeadershipFramework.Influences, LeadershipFramework.ManagesConflict };
        var next = 0;
        Rating Response(RateeId person, RaterSource source, string competency, double value) => new(person, new RaterId($"A{next++}"), source, competency, value);
        var p2 = new RateeId("P2");
        var ratings = new RatingSetBuilder(LeadershipFramework.Model).AddRange(
        [
            .. competencies.Select((c, i) => Response(P1, RaterSource.Peer, c, 3 + (i % 2))),
            .. competencies[..2].SelectMany(c => new[] { Response(P1, RaterSource.DirectReport, c, 4), Response(P1, RaterSource.DirectReport, c, 2) }),
            .. competencies.Select((c, i) => Response(p2, RaterSource.Peer, c, 2 + (i % 2))),
        ]).Build().Ratings;

        var candidates = ReadinessCandidate.FromCalibration(new RawMeanCalibrator().Calibrate(ratings), ratings);

        Assert.Equal([3, 1], candidates.Select(c => c.OtherRaters));
        Assert.All(candidates, c => Assert.Null(c.RaterSpread));
        Assert.Contains("1 rater(s) other than the candidate; 3 are needed.", new ReadinessScorer().Score(candidates[1], LeadershipFramework.FirstLineManager).Evidence.Missing);

        // The manager named (one id, rating both people on every competency), the others anonymised: one named rater each,
        // beside the most responses one competency received from each anonymised source.
        var boss = new RaterId("boss");
        var named = new RatingSetBuilder(LeadershipFramework.Model).AddRange(
        [
            .. ratings.AsEnumerable(),
            .. competencies.SelectMany(c => new[] { new Rating(P1, boss, RaterSource.Manager, c, 4), new Rating(p2, boss, RaterSource.Manager, c, 3) }),
        ]).Build().Ratings;

        var withBoss = ReadinessCandidate.FromCalibration(new RawMeanCalibrator().Calibrate(named), named);

        Assert.Equal([4, 2], withBoss.Select(c => c.OtherRaters));
        Assert.All(withBoss, c => Assert.Null(c.RaterSpread));
    }

    private static void Batch(int n, int? parallel, int badCell = -1, double estimate = 3, double standardError = 0.1)
    {
        var (x, se) = (Ones(n * 3, 3), Ones(n * 3, 0.1));
        if (badCell >= 0)
        {
            (x[badCell], se[badCell]) = (estimate, standardError);
        }

        var scorer = new ReadinessScorer();
        if (parallel is { } degree)
        {
            scorer.ScoreBatchParallel(TeamLead, x, se, new double[n], new double[n], new double[n], new ReadinessBand[n], degree);
        }
        else
        {
            scorer.ScoreBatch(TeamLead, x, se, new double[n], new double[n], new double[n], new ReadinessBand[n]);
        }
    }

    private static double[] Ones(int length, double value = 1) => Enumerable.Repeat(value, length).ToArray();

    private static CompetencyEstimate Estimate(RateeId ratee, string competency, double estimate, double standardError) =>
        new(ratee, competency, estimate, standardError, 1, 1);

    private static ReadinessCandidate Candidate() =>
        new(P1, [Estimate(P1, LeadershipFramework.Delegates, 3, 0.1)], 6, [RaterSource.Manager, RaterSource.Peer]);
}
