using System.Collections.Immutable;
using Readiness.Calibration;
using Readiness.Competencies;
using Readiness.Evidence;
using Readiness.Scoring;
using Readiness.Simulation;

namespace Readiness.Core.Tests.Scoring;

public sealed class ScoringTests
{
    private static readonly RoleProfile TeamLead = new RoleProfileBuilder("team-lead", "Team lead")
        .Require(LeadershipFramework.Delegates, target: 4, importance: 3, criticalMinimum: 3)
        .Require(LeadershipFramework.ManagesConflict, target: 4, importance: 2)
        .Require(LeadershipFramework.DeliversResults, target: 3, importance: 1)
        .Build(LeadershipFramework.Model);

    [Fact]
    public void The_README_worked_example_comes_out_as_computed_by_hand()
    {
        var candidate = Candidate("P1", (LeadershipFramework.Delegates, 3.4, 0.2), (LeadershipFramework.ManagesConflict, 4.3, 0.3), (LeadershipFramework.DeliversResults, 4.5, 0.1));

        var a = new ReadinessScorer().Score(candidate, TeamLead);

        // Weights 3/6, 2/6, 1/6. Attainments (x − 1)/(target − 1): 2.4/3 = 0.8; 3.3/3 = 1.1; 3.5/2 = 1.75, capped at 1.1.
        // Index = 100 (0.5·0.8 + (2/6)·1.1 + (1/6)·1.1) = 40 + 36.67 + 18.33 = 95.
        Assert.Equal(95, a.Index!.Value, 1e-9);
        Assert.Equal([40, 110.0 / 3, 55.0 / 3], a.Competencies.Select(c => c.Contribution!.Value), new ToleranceComparer(1e-9));
        Assert.Equal(0.6, a.Competencies[0].Gap!.Value, 1e-12);

        // Delegation's gap of 0.6 points at 0.5 points a year: 1.2 years, so not ready now despite the index of 95.
        Assert.Equal(1.2, a.YearsToReady!.Value, 1e-12);
        Assert.Equal(ReadinessBand.ReadyIn1To2Years, a.Band);

        // 90% interval: every estimate at ± 1.645 SE. Lower: 3.071, 3.807, 4.336 → 84.03; upper: delegation at 3.729
        // attains 0.910 and the others stay at their cap: 45.48 + 36.67 + 18.33 = 100.48 (the index is not clamped at 100).
        Assert.Equal(84.03, a.Lower!.Value, 0.01);
        Assert.Equal(100.48, a.Upper!.Value, 0.01);
        Assert.Equal(ReadinessSignals.None, a.Signals);

        // The estimates move together: θ = x + z·SE. Ready now needs every gap ≤ 0.25 (half a year): delegation
        // 3.4 + 0.2z ≥ 3.75, so z ≥ 1.75 (the index is then 100.8) and P(ready now) = 1 − Φ(1.75) = 0.0401. Within two years
        // needs delegation ≥ 3, z ≥ −2 (index 81.7 there): 1 − Φ(−2) = 0.9772 ≥ 0.8, hence the band.
        Assert.Equal(0.0401, a.ProbabilityReadyNow!.Value, 1e-4);
        Assert.Equal(0.9772, a.ProbabilityReadyNearTerm!.Value, 1e-4);

        // Expected shortfall: delegation 100·0.5/3·(0.6Φ(3) + 0.2φ(3)) = 10.00, conflict 100·(1/3)/3·(−0.3Φ(−1) + 0.3φ(−1)) = 0.28.
        Assert.Equal(10.28, a.ExpectedShortfall!.Value, 0.005);
    }

    [Fact]
    public void A_critical_gap_counts_nothing_under_the_hybrid_policy_and_caps_the_band()
    {
        var candidate = Candidate("P2", (LeadershipFramework.Delegates, 2.8, 0.2), (LeadershipFramework.ManagesConflict, 4.3, 0.3), (LeadershipFramework.DeliversResults, 4.5, 0.1));

        var hybrid = new ReadinessScorer().Score(candidate, TeamLead);
        var compensatory = new ReadinessScorer(new ScoringOptions { Policy = ScoringPolicy.Compensatory }).Score(candidate, TeamLead);
        var conjunctive = new ReadinessScorer(new ScoringOptions { Policy = ScoringPolicy.Conjunctive }).Score(candidate, TeamLead);

        Assert.Equal(55, hybrid.Index!.Value, 1e-9);
        Assert.Equal(0, hybrid.Competencies[0].Contribution);
        Assert.Equal(85, compensatory.Index!.Value, 1e-9);  // 100 (0.5 · 1.8/3 + 0.5 · 1.1)
        Assert.Equal(60, conjunctive.Index!.Value, 1e-9);   // the weakest attainment, 1.8/3
        Assert.All(new[] { hybrid, compensatory, conjunctive }, a =>
        {
            Assert.True(a.Signals.HasFlag(ReadinessSignals.CriticalGap));
            Assert.True(a.Band >= ReadinessBand.ReadyIn1To2Years);
            Assert.True(a.Competencies[0].BelowCriticalMinimum);
        });
    }

    [Fact]
    public void The_lower_bound_basis_is_more_conservative()
    {
        var candidate = Candidate("P3", (LeadershipFramework.Delegates, 4.1, 0.4), (LeadershipFramework.ManagesConflict, 4.2, 0.4), (LeadershipFramework.DeliversResults, 3.2, 0.4));

        var point = new ReadinessScorer().Score(candidate, TeamLead);
        var conservative = new ReadinessScorer(new ScoringOptions { BandBasis = BandBasis.LowerBound }).Score(candidate, TeamLead);

        Assert.Equal(ReadinessBand.ReadyNow, point.Band);
        Assert.Equal(ReadinessBand.ReadyIn1To2Years, conservative.Band);
        Assert.Equal(point.Index, conservative.Index);
    }

    [Fact]
    public void Thin_evidence_says_what_is_missing_and_is_not_scored()
    {
        var candidate = new ReadinessCandidate(
            new RateeId("P4"),
            [new CompetencyEstimate(new RateeId("P4"), LeadershipFramework.Delegates, 4, 0.3, 2, 1)],
            1,
            [RaterSource.Manager]);

        var a = new ReadinessScorer().Score(candidate, TeamLead);

        Assert.False(a.IsScored);
        Assert.Equal(ReadinessBand.InsufficientEvidence, a.Band);
        Assert.Collection(
            a.Evidence.Missing,
            m => Assert.Contains("1 rater(s) other than the candidate; 3 are needed", m, StringComparison.Ordinal),
            m => Assert.Contains("1 source(s) other than self (manager); 2 are needed", m, StringComparison.Ordinal),
            m => Assert.Contains("No estimate for manages-conflict, delivers-results", m, StringComparison.Ordinal));
        Assert.Equal(4, a.Competencies[0].Estimate);
        Assert.Null(a.Competencies[1].Estimate);
    }

    [Fact]
    public void A_simulated_organisation_shows_the_promotion_trap_and_the_overlooked_leader()
    {
        var organisation = OrganisationSimulator.Generate(new SimulationOptions { People = 400, Seed = 8 });
        var intake = organisation.TakeInRatings();
        var performance = PerformanceSet.Create(organisation.People.Select(p => new PerformanceRecord(p.Person, p.Performance))).Performance;
        var calibration = new CrossedRandomEffectsCalibrator().Calibrate(intake.Ratings);
        var candidates = ReadinessCandidate.FromCalibration(calibration, intake.Ratings, performance);

        var assessments = new ReadinessScorer().ScoreCohort(candidates, LeadershipFramework.FirstLineManager);

        Assert.Equal(candidates.Length, assessments.Length);
        Assert.Contains(assessments, a => a.Signals.HasFlag(ReadinessSignals.HighPerformerLowReadiness));
        Assert.Contains(assessments, a => a.Signals.HasFlag(ReadinessSignals.OverlookedLeader));
        Assert.Contains(assessments, a => a.Signals.HasFlag(ReadinessSignals.SelfRatingAboveOthers));
        Assert.Contains(assessments, a => !a.IsScored);
        Assert.All(assessments.Where(a => a.IsScored), a => Assert.NotNull(a.PerformanceIndex));
        Assert.All(candidates, c => Assert.NotNull(c.Performance));
    }

    [Fact]
    public void Bad_options_are_all_reported_at_once()
    {
        var e = Assert.Throws<ArgumentException>(() => new ReadinessScorer(new ScoringOptions
        {
            OvershootCap = double.NaN,
            IntervalLevel = 1,
            ReadyNowMinimumIndex = 80,
            OnTrackMinimumIndex = 85,
            NearTermMaxYears = 10,
            DevelopmentRate = 0,
            DevelopmentRates = new Dictionary<string, double> { ["delegates"] = double.PositiveInfinity }.ToImmutableDictionary(),
            CriticalGapBand = ReadinessBand.ReadyNow,
            MinimumRaters = 0,
        }));

        foreach (var expected in new[] { "OvershootCap was NaN", "IntervalLevel was 1", "OnTrackMinimumIndex was 85", "NearTermMaxYears (10)", "DevelopmentRate was 0",
                     "DevelopmentRates['delegates'] was Infinity", "CriticalGapBand was ReadyNow", "MinimumRaters was 0" })
        {
            Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Bad_candidates_are_refused_with_the_value_and_the_rule()
    {
        var id = new RateeId("P1");
        Assert.Contains("two estimates", Assert.Throws<ArgumentException>(() => new ReadinessCandidate(id, [new CompetencyEstimate(id, "delegates", 3, 0.1, 1, 1), new CompetencyEstimate(id, "Delegates", 3, 0.1, 1, 1)], 3, [])).Message, StringComparison.Ordinal);
        Assert.Contains("P2", Assert.Throws<ArgumentException>(() => new ReadinessCandidate(id, [new CompetencyEstimate(new RateeId("P2"), "delegates", 3, 0.1, 1, 1)], 3, [])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReadinessCandidate(id, [], -1, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReadinessCandidate(id, [], 3, [], performance: double.PositiveInfinity));
        Assert.Throws<ArgumentNullException>(() => new ReadinessScorer().Score(null!, TeamLead));
        var twice = Candidate("P1", (LeadershipFramework.Delegates, 3, 0.1));
        Assert.Contains("appears twice", Assert.Throws<ArgumentException>(() => new ReadinessScorer().ScoreCohort([twice, twice], TeamLead)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_batch_path_refuses_bad_numbers_and_mismatched_shapes_naming_the_cell()
    {
        var scorer = new ReadinessScorer();
        double[] x = [3, 3, 3, 4, double.NaN, 4];
        double[] se = [0.1, 0.1, 0.1, 0.1, 0.1, 0.1];
        var e = Assert.Throws<ArgumentException>(() => scorer.ScoreBatch(TeamLead, x, se, new double[2], new double[2], new double[2], new ReadinessBand[2]));
        Assert.Contains("row 1, requirement 1 ('manages-conflict'): estimate NaN", e.Message, StringComparison.Ordinal);
        Assert.Contains("Shapes disagree", Assert.Throws<ArgumentException>(() => scorer.ScoreBatch(TeamLead, x, se, new double[3], new double[3], new double[3], new ReadinessBand[3])).Message, StringComparison.Ordinal);
        se[2] = -1;
        x[4] = 4;
        Assert.Contains("row 0, requirement 2", Assert.Throws<ArgumentException>(() => scorer.ScoreBatch(TeamLead, x, se, new double[2], new double[2], new double[2], new ReadinessBand[2])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_batch_path_names_the_first_bad_row_inside_a_block_of_four_and_among_the_leftovers()
    {
        // Fourteen requirements are scored four candidates at a time, one per lane; nine rows make two blocks and a leftover.
        var profile = LeadershipFramework.FirstLineManager;
        var k = profile.Requirements.Length;
        var scorer = new ReadinessScorer();
        double[] Fresh() => [.. Enumerable.Repeat(3.0, 9 * k)];
        void Refused(double[] x, double[] se, string expected) => Assert.Contains(expected,
            Assert.Throws<ArgumentException>(() => scorer.ScoreBatch(profile, x, se, new double[9], new double[9], new double[9], new ReadinessBand[9])).Message,
            StringComparison.Ordinal);

        var (x, se) = (Fresh(), Fresh());
        se[(6 * k) + 9] = double.NaN;
        x[(7 * k) + 2] = double.NegativeInfinity;
        Refused(x, se, "row 6, requirement 9");
        se[(5 * k) + 13] = -0.5;
        Refused(x, se, "row 5, requirement 13");
        (x, se) = (Fresh(), Fresh());
        x[8 * k] = double.PositiveInfinity;
        Refused(x, se, "row 8, requirement 0");
    }

    [Fact]
    public void The_parallel_batch_equals_the_serial_batch_bit_for_bit_and_reports_the_lowest_bad_row()
    {
        var profile = LeadershipFramework.FirstLineManager;
        var k = profile.Requirements.Length;
        const int n = 40_000;
        var random = new Random(5);
        var x = Enumerable.Range(0, n * k).Select(_ => 1 + (4 * random.NextDouble())).ToArray();
        var se = Enumerable.Range(0, n * k).Select(_ => 0.5 * random.NextDouble()).ToArray();
        var scorer = new ReadinessScorer();
        var (index, lower, upper, bands) = (new double[n], new double[n], new double[n], new ReadinessBand[n]);
        scorer.ScoreBatch(profile, x, se, index, lower, upper, bands);

        foreach (var threads in new[] { 1, 2, 3, -1 })
        {
            var (i2, l2, u2, b2) = (new double[n], new double[n], new double[n], new ReadinessBand[n]);
            scorer.ScoreBatchParallel(profile, x, se, i2, l2, u2, b2, threads);
            Assert.Equal(index, i2);
            Assert.Equal(lower, l2);
            Assert.Equal(upper, u2);
            Assert.Equal(bands, b2);
        }

        x[(35_000 * k) + 3] = double.PositiveInfinity;
        se[(20_000 * k) + 5] = -0.1;
        var e = Assert.Throws<ArgumentException>(() => scorer.ScoreBatchParallel(profile, x, se, index, lower, upper, bands));
        Assert.Contains("row 20000, requirement 5", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => scorer.ScoreBatchParallel(profile, x, se, index, lower, upper, bands, 0));
    }

    [Fact]
    public void Policies_can_be_chosen_per_role_profile_by_its_exact_id()
    {
        var scorer = new ReadinessScorer(new ScoringOptions { ProfilePolicies = new Dictionary<string, ScoringPolicy> { [TeamLead.Id] = ScoringPolicy.Conjunctive }.ToImmutableDictionary() });
        var a = scorer.Score(Candidate("P1", (LeadershipFramework.Delegates, 2.8, 0.2), (LeadershipFramework.ManagesConflict, 4.3, 0.3), (LeadershipFramework.DeliversResults, 4.5, 0.1)), TeamLead);
        Assert.Equal(ScoringPolicy.Conjunctive, a.Policy);
        Assert.Equal(ScoringPolicy.Hybrid, scorer.Options.PolicyFor(LeadershipFramework.FirstLineManagerId));

        // Another tenant's profile whose id differs only in case keeps the default: policies are not shared by a folded name.
        Assert.Equal(ScoringPolicy.Hybrid, scorer.Options.PolicyFor(TeamLead.Id.ToUpperInvariant()));
    }

    private static ReadinessCandidate Candidate(string id, params (string Competency, double Estimate, double Se)[] estimates) =>
        new(new RateeId(id), estimates.Select(e => new CompetencyEstimate(new RateeId(id), e.Competency, e.Estimate, e.Se, 12, 6)), 6, [RaterSource.Manager, RaterSource.Peer]);

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
