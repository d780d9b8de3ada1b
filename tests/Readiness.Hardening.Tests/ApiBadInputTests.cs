using System.Collections.Immutable;
using Readiness.Calibration;
using Readiness.Competencies;
using Readiness.Evidence;
using Readiness.Fairness;
using Readiness.Reliability;
using Readiness.Scoring;
using Readiness.Serialization;
using Readiness.Simulation;
using Readiness.Talent;
using Readiness.Weighting;

namespace Readiness.Hardening.Tests;

/// <summary>
/// Calls a program can make with bad values: each is refused by the exception its documentation names, with a message
/// naming the value or the rule — never a defect, never a result computed from a NaN.
/// </summary>
public sealed class ApiBadInputTests
{
    private static readonly Lazy<(RatingSet Ratings, ImmutableArray<ReadinessAssessment> Assessments)> Cohort = new(() =>
    {
        var ratings = OrganisationSimulator.Generate(new SimulationOptions { People = 60, Seed = 5 }).TakeInRatings().Ratings;
        var calibration = new CrossedRandomEffectsCalibrator().Calibrate(ratings);
        return (ratings, new ReadinessScorer().ScoreCohort(ReadinessCandidate.FromCalibration(calibration, ratings), LeadershipFramework.FirstLineManager));
    });

    private static readonly Dictionary<string, (Action Call, Type Expected, string Fragment)> Cases = new()
    {
        ["contradictory band thresholds"] = (() => _ = new ReadinessScorer(new ScoringOptions { ReadyNowMinimumIndex = 40, OnTrackMinimumIndex = 60 }), typeof(ArgumentException), "ReadyNowMinimumIndex"),
        ["NaN interval level"] = (() => _ = new ReadinessScorer(new ScoringOptions { IntervalLevel = double.NaN }), typeof(ArgumentException), "IntervalLevel"),
        ["negative development rate"] = (() => _ = new ReadinessScorer(new ScoringOptions { DevelopmentRate = -0.5 }), typeof(ArgumentException), "DevelopmentRate"),
        ["blank person id"] = (() => _ = new RateeId(""), typeof(ArgumentException), "person id"),
        ["person id with a leading space"] = (() => _ = new RaterId(" P001"), typeof(ArgumentException), "white space"),
        ["calibrating no ratings"] = (() => new CrossedRandomEffectsCalibrator().Calibrate(new RatingSetBuilder(LeadershipFramework.Model).Build().Ratings), typeof(InsufficientRatingsException), ""),
        ["Rasch on no ratings"] = (() => new ManyFacetRaschCalibrator().Calibrate(new RatingSetBuilder(LeadershipFramework.Model).Build().Ratings), typeof(InsufficientRatingsException), ""),
        ["zero threads for the crossed model"] = (() => _ = new CrossedRandomEffectsCalibrator(new CrossedModelOptions { MaxDegreeOfParallelism = 0 }), typeof(ArgumentException), "MaxDegreeOfParallelism"),
        ["batch spans of different lengths"] = (() => ScoreBatch(estimates: 28, errors: 14), typeof(ArgumentException), "28"),
        ["batch estimate NaN"] = (() => ScoreBatch(estimates: 14, errors: 14, nanAt: 3), typeof(ArgumentException), "NaN"),
        ["ICC with one rater"] = (() => IntraclassCorrelation.Compute(new double[5, 1]), typeof(ArgumentException), "1 judge(s)"),
        ["ICC with an infinity"] = (() => IntraclassCorrelation.Compute(new[,] { { 1.0, 2 }, { 3, double.PositiveInfinity }, { 2, 2 } }), typeof(ArgumentException), "finite"),
        ["ICC level of 1"] = (() => IntraclassCorrelation.Compute(new[,] { { 1.0, 2 }, { 3, 4 }, { 2, 2 } }, level: 1), typeof(ArgumentOutOfRangeException), "level"),
        ["alpha with nothing pairable"] = (() => KrippendorffAlpha.Compute(new double?[,] { { 1, null }, { null, 2 } }, AlphaMetric.Interval), typeof(ArgumentException), ""),
        ["Spearman-Brown reliability above 1"] = (() => SpearmanBrown.Reliability(1.5, 3), typeof(ArgumentOutOfRangeException), "1.5"),
        ["Spearman-Brown zero raters"] = (() => SpearmanBrown.Reliability(0.4, 0), typeof(ArgumentOutOfRangeException), "0"),
        ["raters needed for a target of 1"] = (() => SpearmanBrown.RatersNeeded(0.4, 1), typeof(ArgumentOutOfRangeException), "1"),
        ["a cohort with a person twice"] = (() => new ReadinessScorer().ScoreCohort([.. Candidates(), Candidates()[0]], LeadershipFramework.FirstLineManager), typeof(ArgumentException), "appears twice"),
        ["a 9-box with a person twice"] = (() => NineBox.Place([.. Cohort.Value.Assessments, Cohort.Value.Assessments[0]]), typeof(ArgumentException), "appears 2 times"),
        ["a slate of length 0"] = (() => SuccessionSlate.Build("Team lead", Cohort.Value.Assessments, new SlateOptions { MaxLength = 0 }), typeof(ArgumentException), "MaxLength"),
        ["an audit of no attributes"] = (() => AdverseImpactAudit.Run(AuditOutcome.ScoringRate(Cohort.Value.Assessments), Demographics.Create([]), []), typeof(ArgumentException), "attribute"),
        ["a validity study of ten people"] = (() => PredictiveValidityStudy.Run(Cohort.Value.Assessments.Take(10), Cohort.Value.Assessments.Take(10).Select(a => new OutcomeRecord(a.Person, 1))), typeof(ArgumentException), "30"),
        ["a validity study with a NaN outcome"] = (() => PredictiveValidityStudy.Run(Cohort.Value.Assessments, Cohort.Value.Assessments.Select(a => new OutcomeRecord(a.Person, double.NaN))), typeof(ArgumentException), "NaN"),
        ["a profile requiring an unknown competency"] = (() => new RoleProfileBuilder("r", "Role").Require("charisma", target: 4, importance: 1).Build(LeadershipFramework.Model), typeof(ReadinessValidationException), "charisma"),
        ["a profile with negative importance"] = (() => new RoleProfileBuilder("r", "Role").Require(LeadershipFramework.Delegates, target: 4, importance: -1).Build(LeadershipFramework.Model), typeof(ReadinessValidationException), "-1"),
        ["a pairwise judgement of 0"] = (() => new PairwiseComparisonsBuilder([LeadershipFramework.Delegates, LeadershipFramework.Influences]).Compare(LeadershipFramework.Delegates, LeadershipFramework.Influences, 0).Build(), typeof(ReadinessValidationException), "0"),
        ["negative direct points"] = (() => new DirectPointsWeighting().Weigh([KeyValuePair.Create(LeadershipFramework.Delegates, -3.0)]), typeof(ReadinessValidationException), "-3"),
        ["an organisation of no people"] = (() => OrganisationSimulator.Generate(new SimulationOptions { People = 0 }), typeof(ArgumentException), "People"),
        ["a JSON depth limit beyond the maximum"] = (() => _ = new JsonReadLimits { MaxDepth = 10_000 }, typeof(ArgumentOutOfRangeException), "10000"),
        ["reading a null model document"] = (() => ReadinessJson.ReadCompetencyModel((string)null!), typeof(ArgumentNullException), "json"),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void A_bad_call_is_refused_with_the_documented_exception(string name)
    {
        var (call, expected, fragment) = Cases[name];

        var e = Refusal.NoDefect(call);

        Assert.NotNull(e);
        Assert.IsAssignableFrom(expected, e);
        Assert.True(e.Message.Contains(fragment, StringComparison.Ordinal), e.Message);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void A_refusal_reads_the_same_whatever_the_current_culture(string name)
    {
        // The runtime appends " (Parameter 'x')" and "Actual value was …" to an argument exception's message in the
        // current culture and language, as it does for its own exceptions; the library's sentence before that must not vary.
        var call = Cases[name].Call;
        static string Sentence(Exception e) => e.Message.Split(" (Parameter '")[0];
        var invariant = Sentence(Refusal.NoDefect(call)!);

        Assert.Equal(invariant, Cultures.InUnusual(() => Sentence(Refusal.NoDefect(call)!)));
    }

    [Fact]
    public void A_rating_with_a_NaN_value_is_a_reject_not_an_exception()
    {
        var builder = new RatingSetBuilder(LeadershipFramework.Model);

        Assert.False(builder.Add(new Rating(new RateeId("P1"), new RaterId("P2"), RaterSource.Peer, LeadershipFramework.Delegates, double.NaN)));
        var intake = builder.Build();

        Assert.Equal(RejectReason.ValueNotFinite, Assert.Single(intake.Report.Rejected).Reason);
        Assert.Equal(0, intake.Ratings.Count);
    }

    private static ReadinessCandidate[] Candidates() =>
        [.. ReadinessCandidate.FromCalibration(new RawMeanCalibrator().Calibrate(Cohort.Value.Ratings), Cohort.Value.Ratings)];

    private static void ScoreBatch(int estimates, int errors, int nanAt = -1)
    {
        var x = Enumerable.Repeat(3.0, estimates).ToArray();
        if (nanAt >= 0)
        {
            x[nanAt] = double.NaN;
        }

        var n = 1;
        new ReadinessScorer().ScoreBatch(LeadershipFramework.FirstLineManager, x, Enumerable.Repeat(0.2, errors).ToArray(), new double[n], new double[n], new double[n], new ReadinessBand[n]);
    }
}
