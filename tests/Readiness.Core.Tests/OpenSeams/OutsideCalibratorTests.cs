using System.ComponentModel;
using Readiness.Calibration;
using Readiness.Competencies;
using Readiness.Evidence;
using Readiness.Reliability;
using Readiness.Scoring;
using Readiness.Simulation;
using Readiness.Talent;

namespace Readiness.Core.Tests.OpenSeams;

/// <summary>A calibrator written outside the library: named by its own method, its result built by the validating factory, taken downstream like a built-in one.</summary>
public sealed class OutsideCalibratorTests
{
    private static readonly RateeId Ann = new("ann");
    private static readonly RateeId Bob = new("bob");

    [Fact]
    public void Methods_are_names_compared_without_regard_to_case_and_the_default_is_none()
    {
        Assert.Equal(CalibrationMethod.CrossedRandomEffects, new CalibrationMethod("crossedrandomeffects"));
        Assert.Equal(CalibrationMethod.None, default);
        Assert.Equal("None", default(CalibrationMethod).Name);
        Assert.True(CalibrationMethod.ManyFacetRasch.IsBuiltIn);
        Assert.False(new CalibrationMethod("Vendor.Irt-2").IsBuiltIn);
        Assert.NotEqual(CalibrationMethod.MeanCentring, new CalibrationMethod("Vendor.Irt-2"));
        Assert.Equal(5, CalibrationMethod.BuiltIn.Count);
        Assert.Equal(new CalibrationMethod("Vendor"), TypeDescriptor.GetConverter(typeof(CalibrationMethod)).ConvertFrom(" vendor "));

        var error = Assert.Throws<ArgumentException>(() => new CalibrationMethod("vendor irt"));
        Assert.Contains("'vendor irt' is not a valid id", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new CalibrationMethod(""));
        Assert.Throws<ArgumentException>(() => new CalibrationMethod(null!));
    }

    [Fact]
    public void An_outside_calibrators_result_goes_through_candidates_scoring_slates_and_reliability()
    {
        var ratings = OrganisationSimulator.Generate(new SimulationOptions { People = 120, Seed = 5 }).TakeInRatings().Ratings;
        var calibrator = new OthersMeanCalibrator();

        var calibration = calibrator.Calibrate(ratings);
        var candidates = ReadinessCandidate.FromCalibration(calibration, ratings);
        var assessments = new ReadinessScorer().ScoreCohort(candidates, LeadershipFramework.FirstLineManager);
        var slate = SuccessionSlate.Build("first-line-manager", assessments);

        Assert.Equal(new CalibrationMethod("OthersMean"), calibration.Method);
        Assert.Equal(120, candidates.Length);
        Assert.Contains(assessments, a => a.IsScored);
        Assert.NotEmpty(slate.Entries);
        Assert.True(calibration.TryGetEstimate(calibration.Estimates[0].Person, calibration.Estimates[0].Competency.Value.ToUpperInvariant(), out _));

        // Reliability reads the components by their documented names, from any calibrator.
        Assert.InRange(SpearmanBrown.SingleRaterReliability(calibration), 0, 1);
    }

    [Fact]
    public void The_factory_orders_by_person_and_keeps_the_callers_order_within_each()
    {
        var result = CalibrationResult.Create(new CalibrationMethod("Vendor"), "test",
            [Estimate(Bob, "delegates"), Estimate(Ann, "influences"), Estimate(Ann, "delegates")]);

        Assert.Equal([(Ann, "influences"), (Ann, "delegates"), (Bob, "delegates")], result.Estimates.Select(e => (e.Person, e.Competency)));
        Assert.Empty(result.RaterEffects);
        Assert.True(result.Converged);
        Assert.Equal(0, result.Iterations);
    }

    public static TheoryData<string, Func<CalibrationResult>, string> Refusals => new()
    {
        { "NaN estimate", () => Create([Estimate(Ann, "delegates", estimate: double.NaN)]), "The estimate of ann on delegates was NaN; it must be a finite number" },
        { "negative SE", () => Create([Estimate(Ann, "delegates", se: -0.1)]), "The standard error of ann on delegates was -0.1; it must be finite and at least 0" },
        { "infinite SE", () => Create([Estimate(Ann, "delegates", se: double.PositiveInfinity)]), "The standard error of ann on delegates was Infinity" },
        { "more raters than ratings", () => Create([Estimate(Ann, "delegates", ratings: 2, raters: 3)]), "ann on delegates rests on 2 ratings from 3 raters" },
        { "no ratings", () => Create([Estimate(Ann, "delegates", ratings: 0, raters: 0)]), "rests on 0 ratings from 0 raters" },
        { "bad competency id", () => Create([Estimate(Ann, "sets expectations")]), "'sets expectations' is not a valid id" },
        { "a cell twice", () => Create([Estimate(Ann, "delegates"), Estimate(Ann, "DELEGATES")]), "lists ann on DELEGATES twice" },
        { "a rater twice", () => Create([Estimate(Ann, "delegates")], raters: [new RaterEffect(new RaterId("r1"), 0.1, 0.05, 4), new RaterEffect(new RaterId("r1"), 0.2, 0.05, 4)]), "lists rater r1 twice" },
        { "a rater without ratings", () => Create([Estimate(Ann, "delegates")], raters: [new RaterEffect(new RaterId("r1"), 0.1, 0.05, 0)]), "Rater r1 has 0 ratings; an effect rests on at least one" },
        { "negative variance", () => Create([Estimate(Ann, "delegates")], components: [new VarianceComponent(VarianceComponent.Rater, -0.01)]), "variance was -0.01; it must be finite and at least 0" },
        { "NaN Monte-Carlo error", () => Create([Estimate(Ann, "delegates")], components: [new VarianceComponent(VarianceComponent.Rater, 0.1, double.NaN)]), "monteCarloError was NaN" },
        { "a component twice", () => Create([Estimate(Ann, "delegates")], components: [new VarianceComponent("rater", 0.1), new VarianceComponent("rater", 0.2)]), "lists component rater twice" },
        { "an unnamed fixed effect", () => Create([Estimate(Ann, "delegates")], fixedEffects: [new FixedEffect(" ", 1, 0.1)]), "name was blank" },
        { "an undefined source", () => Create([Estimate(Ann, "delegates")], sources: [new SourceEffect((RaterSource)9, 0, 0, 1)]), "source was 9; it must be a defined RaterSource" },
        { "a null warning", () => Create([Estimate(Ann, "delegates")], warnings: [null!]), "warnings[0] is null" },
    };

    [Theory]
    [InlineData("Disconnected-Design")]
    [InlineData("disconnected design")]
    [InlineData("-design")]
    [InlineData("design-")]
    [InlineData("two--hyphens")]
    [InlineData("")]
    public void A_warning_code_is_lower_case_words_joined_by_hyphens(string code)
    {
        var error = Assert.Throws<ArgumentException>(() => new CalibrationWarning(code, "text"));

        Assert.Equal($"The warning code '{code}' must be lower-case letters and digits in words joined by single hyphens. (Parameter 'code')", error.Message);
        Assert.Equal("vendor-irt-2", new CalibrationWarning("vendor-irt-2", "text").Code);
        Assert.Throws<ArgumentException>(() => new CalibrationWarning("vendor", " "));
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public void The_factory_and_the_elements_refuse_what_nothing_downstream_could_use_naming_the_value_and_the_rule(string what, Func<CalibrationResult> create, string message)
    {
        var error = Assert.ThrowsAny<ArgumentException>(create);
        Assert.True(error.Message.Contains(message, StringComparison.Ordinal), $"{what}: {error.Message}");
    }

    [Fact]
    public void The_factory_refuses_nulls_a_negative_iteration_count_and_an_objective_that_is_not_finite()
    {
        Assert.Throws<ArgumentNullException>(() => CalibrationResult.Create(CalibrationMethod.None, "x", null!));
        Assert.Throws<ArgumentNullException>(() => CalibrationResult.Create(CalibrationMethod.None, null!, []));
        Assert.Throws<ArgumentException>(() => CalibrationResult.Create(CalibrationMethod.None, " ", []));
        Assert.Contains("estimates[1] is null", Assert.Throws<ArgumentNullException>(() => Create([Estimate(Ann, "delegates"), null!])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => CalibrationResult.Create(CalibrationMethod.None, "x", [], iterations: -1));
        Assert.Contains("The objective was NaN", Assert.Throws<ArgumentOutOfRangeException>(() => CalibrationResult.Create(CalibrationMethod.None, "x", [], objective: double.NaN)).Message, StringComparison.Ordinal);
    }

    private static CalibrationResult Create(
        CompetencyEstimate[] estimates,
        RaterEffect[]? raters = null,
        SourceEffect[]? sources = null,
        VarianceComponent[]? components = null,
        FixedEffect[]? fixedEffects = null,
        CalibrationWarning[]? warnings = null) =>
        CalibrationResult.Create(new CalibrationMethod("Vendor"), "test", estimates, raters, sources, components, fixedEffects, warnings: warnings);

    private static CompetencyEstimate Estimate(RateeId ratee, string competency, double estimate = 3, double se = 0.2, int ratings = 4, int raters = 3) =>
        new(ratee, competency, estimate, se, ratings, raters);

    /// <summary>The other raters' mean per person and competency, the pooled within-cell spread for its standard error, and moment estimates of the ratee, rater and residual variances.</summary>
    private sealed class OthersMeanCalibrator : IRatingCalibrator
    {
        public CalibrationMethod Method { get; } = new("OthersMean");

        public CalibrationResult Calibrate(RatingSet ratings, IProgress<CalibrationProgress>? progress = null, CancellationToken cancellationToken = default)
        {
            var others = ratings.AsEnumerable().Where(r => r.Source != RaterSource.Self).ToList();
            var cells = others.GroupBy(r => (r.Ratee, r.Competency)).ToList();
            var within = cells.Sum(c => c.Sum(r => Math.Pow(r.Value - c.Average(x => x.Value), 2))) / Math.Max(1, cells.Sum(c => c.Count() - 1));
            var grand = others.Average(r => r.Value);
            var ratee = others.GroupBy(r => r.Ratee).Select(g => Math.Pow(g.Average(r => r.Value) - grand, 2)).Average();
            var rater = others.GroupBy(r => r.Rater).Select(g => Math.Pow(g.Average(r => r.Value) - grand, 2)).Average();
            return CalibrationResult.Create(
                Method,
                "the other raters' mean",
                cells.Select(c => new CompetencyEstimate(c.Key.Ratee, c.Key.Competency, c.Average(r => r.Value), Math.Sqrt(within / c.Count()), c.Count(), c.Select(r => r.Rater).Distinct().Count())),
                varianceComponents: [new VarianceComponent(VarianceComponent.Ratee, ratee), new VarianceComponent(VarianceComponent.Rater, rater), new VarianceComponent(VarianceComponent.Residual, within)]);
        }
    }
}
