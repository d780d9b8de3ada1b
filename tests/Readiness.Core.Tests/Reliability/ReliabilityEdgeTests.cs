using Readiness.Calibration;
using Readiness.Evidence;
using Readiness.Internal;
using Readiness.Reliability;
using Readiness.Simulation;
using static Readiness.Competencies.LeadershipFramework;

namespace Readiness.Core.Tests.Reliability;

/// <summary>The reliability tools' rules at their edges: Spearman–Brown worked by hand, every option's limits and the whole text of each refusal.</summary>
public sealed class ReliabilityEdgeTests
{
    [Theory]
    [InlineData(0.5, 1, 0.5)]
    [InlineData(0.5, 2, 2 / 3.0)]
    [InlineData(0.2, 4, 0.8 / 1.6)]
    [InlineData(0.0, 5, 0.0)]
    [InlineData(1.0, 5, 1.0)]
    public void Spearman_Brown_steps_up_a_single_raters_reliability(double oneRater, int raters, double expected) =>
        Assert.Equal(expected, SpearmanBrown.Reliability(oneRater, raters), 15);

    /// <summary>Cases beside <c>EvidencePlanningTests</c>' (whose property checks "fewest" for any pair): targets met exactly, a perfect rater, the int cap.</summary>
    [Theory]
    [InlineData(0.5, 0.5, 1)]
    [InlineData(0.4, 0.5, 2)]
    [InlineData(0.2, 0.8, 16)]
    [InlineData(1.0, 0.99, 1)]
    [InlineData(1e-12, 0.999999, int.MaxValue)]
    public void Raters_needed_is_the_fewest_that_reach_the_target(double oneRater, double target, int expected) =>
        Assert.Equal(expected, SpearmanBrown.RatersNeeded(oneRater, target));

    [Theory]
    [InlineData(0.0, 0.8, "singleRater was 0; it must be in (0, 1] — with none of a rating's variance reliable, no number of raters reaches a target.")]
    [InlineData(1.01, 0.8, "singleRater was 1.01; it must be in (0, 1] — with none of a rating's variance reliable, no number of raters reaches a target.")]
    [InlineData(0.5, 0.0, "target was 0; it must be in (0, 1).")]
    [InlineData(0.5, 1.0, "target was 1; it must be in (0, 1).")]
    [InlineData(0.5, double.NaN, "target was NaN; it must be in (0, 1).")]
    public void Raters_needed_refuses_what_no_number_of_raters_can_reach(double oneRater, double target, string message) =>
        Assert.StartsWith(message, Assert.Throws<ArgumentOutOfRangeException>(() => SpearmanBrown.RatersNeeded(oneRater, target)).Message, StringComparison.Ordinal);

    [Fact]
    public void Spearman_Brown_refuses_a_reliability_off_0_1_and_no_raters()
    {
        Assert.Equal("singleRater", Assert.Throws<ArgumentOutOfRangeException>(() => SpearmanBrown.Reliability(1.01, 2)).ParamName);
        Assert.Equal("singleRater", Assert.Throws<ArgumentOutOfRangeException>(() => SpearmanBrown.Reliability(-0.01, 2)).ParamName);
        Assert.Equal("raters", Assert.Throws<ArgumentOutOfRangeException>(() => SpearmanBrown.Reliability(0.5, 0)).ParamName);
        var raw = new RawMeanCalibrator().Calibrate(Ratings());
        Assert.Equal(
            "The calibration (None) has no ratee, rater and residual variance components; fit the crossed model. (Parameter 'calibration')",
            Assert.Throws<ArgumentException>(() => SpearmanBrown.SingleRaterReliability(raw)).Message);
    }

    [Theory]
    [InlineData(0.5, 1, 2, null)]
    [InlineData(0.999, 100, 10_000, null)]
    [InlineData(0.0, 20, 20, "Target was 0; it must be in (0, 1).")]
    [InlineData(1.0, 20, 20, "Target was 1; it must be in (0, 1).")]
    [InlineData(0.8, 0, 20, "MaxRaters")]
    [InlineData(0.8, 101, 20, "MaxRaters")]
    [InlineData(0.8, 20, 1, "Replications")]
    [InlineData(0.8, 20, 10_001, "Replications")]
    public void Evidence_plan_options_at_their_edges(double target, int maxRaters, int replications, string? problem)
    {
        var options = new EvidencePlanOptions { Target = target, MaxRaters = maxRaters, Replications = replications };

        if (problem is null)
        {
            Assert.Same(options, options.Validated());
            return;
        }

        Assert.StartsWith(problem, Assert.Throws<ArgumentException>(options.Validated).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ICC_refuses_small_or_incomplete_tables_and_levels_off_0_1_naming_them()
    {
        Assert.StartsWith(
            "The table has 1 target(s) and 3 judge(s); intraclass correlations need at least two of each.",
            Assert.Throws<ArgumentException>(() => IntraclassCorrelation.Compute(new double[1, 3])).Message, StringComparison.Ordinal);
        Assert.StartsWith(
            "The table has 3 target(s) and 1 judge(s)",
            Assert.Throws<ArgumentException>(() => IntraclassCorrelation.Compute(new double[3, 1])).Message, StringComparison.Ordinal);
        Assert.StartsWith(
            "ratings[1, 0] was NaN; every rating must be a finite number (the table must be complete).",
            Assert.Throws<ArgumentException>(() => IntraclassCorrelation.Compute(new double[,] { { 1, 2 }, { double.NaN, 3 } })).Message, StringComparison.Ordinal);
        foreach (var level in new[] { 0.0, 1.0, double.NaN })
        {
            Assert.StartsWith(
                $"level was {Readiness.Internal.Guard.Format(level)}; it must be in (0, 1).",
                Assert.Throws<ArgumentOutOfRangeException>(() => IntraclassCorrelation.Compute(new double[,] { { 1, 2 }, { 2, 3 } }, level)).Message, StringComparison.Ordinal);
        }

        var icc = IntraclassCorrelation.Compute(new double[,] { { 1, 2 }, { 2, 4 }, { 3, 3 } }, 0.5);
        Assert.Equal(
            "'ICC(4,1)' is not an ICC form; the forms are ICC(1,1), ICC(2,1), ICC(3,1), ICC(1,k), ICC(2,k), ICC(3,k).",
            Assert.Throws<KeyNotFoundException>(() => icc["ICC(4,1)"]).Message);
        Assert.Equal("ICC(3,k)", icc["ICC(3,k)"].Form);
    }

    [Fact]
    public void Alpha_refuses_bad_values_and_data_with_nothing_to_pair_or_disagree_about()
    {
        Assert.StartsWith(
            "metric was 9; it must be Nominal, Ordinal, Interval or Ratio.",
            Assert.Throws<ArgumentOutOfRangeException>(() => KrippendorffAlpha.Compute(new double?[,] { { 1, 2 }, { 1, 2 } }, (AlphaMetric)9)).Message, StringComparison.Ordinal);
        Assert.StartsWith(
            "A value was -1; values must be finite and, for the ratio metric, at least 0.",
            Assert.Throws<ArgumentException>(() => KrippendorffAlpha.Compute(new double?[,] { { 1, -1 }, { 1, 2 } }, AlphaMetric.Ratio)).Message, StringComparison.Ordinal);
        Assert.StartsWith(
            "A value was Infinity; values must be finite.",
            Assert.Throws<ArgumentException>(() => KrippendorffAlpha.Compute(new double?[,] { { 1, double.PositiveInfinity }, { 1, 2 } }, AlphaMetric.Interval)).Message, StringComparison.Ordinal);
        // Negative values are fine on the interval metric. Units (0, 0) and (−1, 0): Do = (0 + 2) / 4, De = 6 / (4 · 3), alpha 0.
        Assert.Equal(0, KrippendorffAlpha.Compute(new double?[,] { { 0, -1 }, { 0, 0 } }, AlphaMetric.Interval), 12);
        Assert.StartsWith(
            "No unit of the 2 has values from two coders; alpha needs pairable values.",
            Assert.Throws<ArgumentException>(() => KrippendorffAlpha.Compute(new double?[,] { { 1, null }, { null, 2 } }, AlphaMetric.Nominal)).Message, StringComparison.Ordinal);
        Assert.StartsWith(
            "Every pairable value is the same; with nothing to disagree about, alpha is undefined.",
            Assert.Throws<ArgumentException>(() => KrippendorffAlpha.Compute(new double?[,] { { 3, 3 }, { 3, 3 } }, AlphaMetric.Nominal)).Message, StringComparison.Ordinal);
    }

    public static TheoryData<RaterDiagnosticOptions, string?> DiagnosticOptions => new()
    {
        { new() { LeniencyThreshold = 0, CentralTendencyThreshold = 0, HaloThreshold = 0, MisfitThreshold = 1, MinimumRatees = 1 }, null },
        { new() { CentralTendencyThreshold = 1, HaloThreshold = 1 }, null },
        { new() { LeniencyThreshold = -0.01 }, "LeniencyThreshold was -0.01; it must be finite and at least 0." },
        { new() { LeniencyThreshold = double.PositiveInfinity }, "LeniencyThreshold was Infinity; it must be finite and at least 0." },
        { new() { CentralTendencyThreshold = 1.01 }, "CentralTendencyThreshold was 1.01; it must be in [0, 1]." },
        { new() { CentralTendencyThreshold = -0.01 }, "CentralTendencyThreshold was -0.01; it must be in [0, 1]." },
        { new() { HaloThreshold = 1.01 }, "HaloThreshold was 1.01; it must be in [0, 1]." },
        { new() { HaloThreshold = double.NaN }, "HaloThreshold was NaN; it must be in [0, 1]." },
        { new() { MisfitThreshold = 0.99 }, "MisfitThreshold was 0.99; it must be finite and at least 1." },
        { new() { MisfitThreshold = double.PositiveInfinity }, "MisfitThreshold was Infinity; it must be finite and at least 1." },
        { new() { MinimumRatees = 0 }, "MinimumRatees was 0; it must be at least 1." },
        { new() { MinimumRatees = 0, HaloThreshold = 2 }, "HaloThreshold was 2; it must be in [0, 1]. MinimumRatees was 0; it must be at least 1." },
    };

    [Theory]
    [MemberData(nameof(DiagnosticOptions))]
    public void Rater_diagnostic_options_at_their_edges(RaterDiagnosticOptions options, string? problem)
    {
        var ratings = Ratings();
        var calibration = new RawMeanCalibrator().Calibrate(ratings);

        if (problem is null)
        {
            Assert.NotEmpty(RaterDiagnostics.Analyze(ratings, calibration, options));
            return;
        }

        Assert.Equal($"{problem} (Parameter 'options')", Assert.Throws<ArgumentException>(() => RaterDiagnostics.Analyze(ratings, calibration, options)).Message);
    }

    /// <summary>
    /// Raw means as the calibration. X rates P0 (4, 3, 2), P1 (5, 4, 3), P2 (3, 3, 3); Y rates P0 (2, 3, 4), P1 (3, 3, 3),
    /// P2 (3, 4, 5); Z rates P0 (3, 3, 3) only. Estimates: P0 (3, 3, 3), P1 (4, 3.5, 3), P2 (3, 3.5, 4); X's residuals 1, 0,
    /// −1, 1, ½, 0, 0, −½, −1 (mean 0), Y's their negatives, Z's 0; X's per-ratee means 0, ½, −½, so the leniency's standard
    /// error is √(¼ / 3). The calibration's residual variance σ² is the pooled within-cell variance, 9 / 12, and each
    /// estimate's SE² is σ²/n, so left out a residual r counts r² / (σ²(1 − 1/n)): P0's cells have three raters, P1's and
    /// P2's two, and X's mean square is (2 / ½ + 1¼ / ⅜ + 1¼ / ⅜) / 9 = 32/27. Its p-value: the left-out residuals
    /// z = r / √(1 − h) of one rater and person correlate by ρ = Σ(Σz)² − Σz² over Σ(m − 1)Σz² = 2 / 32 (X's and Y's
    /// blocks give −3, 2, 2 over 6, 5, 5 each; Z's are 0), so X's nine ratings in blocks of three count as
    /// 9 / (1 + ρ²(27/9 − 1)) degrees of freedom. X's ratings vary 6/8; the others' ratings of X's people (Y's nine and Z's
    /// three) 6.25/11, so the spread ratio is √(0.75 · 11 / 6.25). Profiles, each rating against its estimate left
    /// without it (e − h/(1 − h)·r): on P0 X's (4, 3, 2) meets (2.5, 3, 3.5), r = −1; on P1 the profile left is Y's flat
    /// (3, 3, 3), no correlation; on P2 X is flat, 0 — a mean of −½, and Y's and Z's likewise, so no halo ratio. Z rated one person
    /// and is not examined.
    /// </summary>
    [Fact]
    public void A_small_panel_is_diagnosed_as_computed_by_hand()
    {
        var ratings = Panel(("X", "P0", [4, 3, 2]), ("X", "P1", [5, 4, 3]), ("X", "P2", [3, 3, 3]), ("Y", "P0", [2, 3, 4]), ("Y", "P1", [3, 3, 3]), ("Y", "P2", [3, 4, 5]), ("Z", "P0", [3, 3, 3]));
        var calibration = new RawMeanCalibrator().Calibrate(ratings);

        var diagnostics = RaterDiagnostics.Analyze(ratings, calibration);

        Assert.Equal(["X", "Y"], diagnostics.Select(d => d.Rater.Value));
        var spread = Math.Sqrt(0.75 * 11 / 6.25);
        foreach (var d in diagnostics)
        {
            Assert.Equal((9, 3, 0.0, 1.0), (d.Ratings, d.Ratees, d.Leniency, d.LeniencyP!.Value));
            Assert.Equal(Math.Sqrt(0.25 / 3), d.LeniencyStandardError!.Value, 12);
            Assert.Equal(32 / 27.0, d.MeanSquare, 12);
            var effective = 9 / (1 + (1 / 256.0 * 2));
            Assert.Equal(UpperTail.ChiSquared(effective, effective * 32 / 27), d.MeanSquareP!.Value, 12);
            Assert.Equal(spread, d.SpreadRatio!.Value, 12);
            Assert.Null(d.HaloRatio);
            Assert.Equal(RaterIssues.None, d.Issues);
        }

        RaterIssues IssuesOfX(RaterDiagnosticOptions options) => RaterDiagnostics.Analyze(ratings, calibration, options)[0].Issues;
        // At the highest thresholds allowed nothing is flagged: the spread ratio is above 1 and the mean square is no evidence of misfit.
        Assert.Equal(RaterIssues.None, IssuesOfX(new() { CentralTendencyThreshold = 1, HaloThreshold = 1, MisfitThreshold = 1 }));
        Assert.Empty(RaterDiagnostics.Analyze(ratings, calibration, new() { MinimumRatees = 4 }));
        Assert.Equal(["X", "Y", "Z"], RaterDiagnostics.Analyze(ratings, calibration, new() { MinimumRatees = 1 }).Select(d => d.Rater.Value));
    }

    [Fact]
    public void A_rater_above_everyone_by_a_point_is_lenient_and_the_other_severe_beyond_but_not_at_the_threshold()
    {
        // X rates 4 and Y 2 throughout: estimates 3, residuals +1 and −1 with no spread left once leniency is taken out.
        var ratings = Panel(("X", "P0", [4, 4, 4]), ("X", "P1", [4, 4, 4]), ("Y", "P0", [2, 2, 2]), ("Y", "P1", [2, 2, 2]));
        var calibration = new RawMeanCalibrator().Calibrate(ratings);

        var at = RaterDiagnostics.Analyze(ratings, calibration, new() { LeniencyThreshold = 1 });
        var beyond = RaterDiagnostics.Analyze(ratings, calibration, new() { LeniencyThreshold = 0.999 });

        Assert.Equal([(1.0, RaterIssues.None), (-1.0, RaterIssues.None)], at.Select(d => (d.Leniency, d.Issues)));
        Assert.Equal([RaterIssues.Lenient, RaterIssues.Severe], beyond.Select(d => d.Issues));
        Assert.All(at, d => Assert.Equal((0.0, (double?)null, (double?)null), (d.MeanSquare, d.SpreadRatio, d.HaloRatio)));
    }

    [Theory]
    [InlineData(0.0, true)]
    [InlineData(1e6, true)]
    [InlineData(-0.01, false)]
    [InlineData(1e6 + 1, false)]
    public void Self_other_agreement_half_width_is_in_0_to_a_million(double halfWidth, bool accepted)
    {
        var options = new SelfOtherOptions { AgreementHalfWidth = halfWidth };

        if (accepted)
        {
            Assert.NotNull(SelfOtherAgreement.Analyze(Ratings(), options));
            return;
        }

        Assert.Equal("options", Assert.Throws<ArgumentException>(() => SelfOtherAgreement.Analyze(Ratings(), options)).ParamName);
    }

    [Fact]
    public void Every_entry_point_refuses_null_by_its_parameters_name()
    {
        Assert.Equal("ratings", Assert.Throws<ArgumentNullException>(() => InterRaterAgreement.Analyze(null!)).ParamName);
        Assert.Equal("ratings", Assert.Throws<ArgumentNullException>(() => IntraclassCorrelation.Compute(null!)).ParamName);
        Assert.Equal("values", Assert.Throws<ArgumentNullException>(() => KrippendorffAlpha.Compute(null!, AlphaMetric.Interval)).ParamName);
        Assert.Equal("ratings", Assert.Throws<ArgumentNullException>(() => SelfOtherAgreement.Analyze(null!)).ParamName);
        Assert.Equal("calibration", Assert.Throws<ArgumentNullException>(() => SpearmanBrown.SingleRaterReliability(null!)).ParamName);
    }

    [Fact]
    public void A_calibration_with_no_variance_at_all_gives_a_single_rater_reliability_of_0()
    {
        Assert.Equal(0, SpearmanBrown.SingleRaterReliability(EvidencePlanSimulationTests.WithComponents(0, 0, 0, 0)));
        Assert.Equal(0.5, SpearmanBrown.SingleRaterReliability(EvidencePlanSimulationTests.WithComponents(0.25, 0.25, 0, 0.5)), 15);
    }

    /// <summary>Peer ratings on delegation, influence and conflict: (rater, ratee, the three ratings).</summary>
    private static RatingSet Panel(params (string Rater, string Ratee, double[] Values)[] rows) =>
        new RatingSetBuilder(Model).AddRange(rows.SelectMany(r => new[] { Delegates, Influences, ManagesConflict }.Select((c, i) =>
            new Rating(new RateeId(r.Ratee), new RaterId(r.Rater), RaterSource.Peer, c, r.Values[i])))).Build().Ratings;

    /// <summary>Two raters and a self-rating for each of four people on two competencies.</summary>
    private static RatingSet Ratings()
    {
        var list = new List<Rating>();
        for (var i = 0; i < 4; i++)
        {
            var ratee = new RateeId($"P{i}");
            foreach (var c in new[] { Delegates, Influences })
            {
                list.Add(new(ratee, new RaterId("X"), RaterSource.Peer, c, 2 + (i % 3)));
                list.Add(new(ratee, new RaterId("Y"), RaterSource.Manager, c, 3 + (i % 2)));
                list.Add(new(ratee, new RaterId($"P{i}"), RaterSource.Self, c, 4));
            }
        }

        return new RatingSetBuilder(Model).AddRange(list).Build().Ratings;
    }
    /// <summary>
    /// An export that names the managers and gives every other response an id of its own: one id's "mean over the
    /// competencies it rated a person on" is a single rating, so those sources are left out of the overall reliability, and
    /// their raters, sharing one effect per person in the calibration, are not independent raters for Spearman–Brown.
    /// </summary>
    [Fact]
    public void Anonymised_sources_are_left_out_of_the_overall_reliability_and_the_evidence_planning()
    {
        var organisation = OrganisationSimulator.Generate(new SimulationOptions { People = 120, Seed = 4 });
        var response = 0;
        var ratings = new RatingSetBuilder(Model)
            .AddRange(organisation.Ratings.Select(r => r.Source is RaterSource.Self or RaterSource.Manager ? r : r with { Rater = new RaterId($"A{++response:D6}") }))
            .Build().Ratings;
        var calibration = new CrossedRandomEffectsCalibrator().Calibrate(ratings);

        var report = ReliabilityReport.Compute(ratings, calibration);

        Assert.Contains(calibration.Warnings, w => w.Code == CalibrationWarningCodes.RaterTermPerPersonSource);
        Assert.Equal([RaterSource.Peer, RaterSource.DirectReport], report.AnonymisedSources.Where(s => s is RaterSource.Peer or RaterSource.DirectReport));
        Assert.DoesNotContain(RaterSource.Manager, report.AnonymisedSources);
        Assert.Equal(1, report.Overall.IccRaters);
        Assert.Null(report.Overall.Icc);
        Assert.All(report.Competencies, c => Assert.True(c.IccRaters >= 2, $"{c.Competency}: {c.IccRaters} raters"));
        Assert.Null(report.SingleRaterReliability);
        Assert.Null(report.EvidencePlan);
        var managers = ratings.AsEnumerable().Where(r => r.Source == RaterSource.Manager).Select(r => r.Rater).ToHashSet();
        Assert.NotEmpty(report.RaterDiagnostics);
        Assert.All(report.RaterDiagnostics, d => Assert.Contains(d.Rater, managers));
        var refusal = Assert.Throws<ArgumentException>(() => SpearmanBrown.SingleRaterReliability(calibration));
        Assert.Contains("(warning rater-term-per-person-source): they share one effect per person", refusal.Message, StringComparison.Ordinal);

        var named = ReliabilityReport.Compute(organisation.TakeInRatings().Ratings, new CrossedRandomEffectsCalibrator().Calibrate(organisation.TakeInRatings().Ratings));
        Assert.Empty(named.AnonymisedSources);
        Assert.NotNull(named.EvidencePlan);
        Assert.True(named.Overall.IccRaters >= 2);
    }
}
