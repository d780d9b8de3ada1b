using System.Collections.Immutable;
using System.Globalization;
using Readiness.Evidence;
using Readiness.Fairness;
using Readiness.Scoring;

namespace Readiness.Core.Tests.Fairness;

public sealed class PredictiveValidityTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Data", "validity");

    [Theory]
    [InlineData("continuous", 2)]
    [InlineData("binary", 3)]
    public void The_study_reproduces_base_R(string outcome, int column)
    {
        // Data/validity: 60 simulated people; expected.csv from cor.test, anova of nested lm fits and the Mann-Whitney AUC
        // with Hanley & McNeil's standard error (validity.R regenerates both files).
        var expected = File.ReadAllLines(Path.Combine(Folder, "expected.csv")).Skip(1).Select(l => l.Split(','))
            .ToDictionary(v => v[0], v => double.Parse(v[1], CultureInfo.InvariantCulture));
        var rows = File.ReadAllLines(Path.Combine(Folder, "data.csv")).Skip(1).Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        var assessments = rows.Select((r, i) => Assessment($"P{i:00}", r[0], r[1]));
        var outcomes = rows.Select((r, i) => new OutcomeRecord(new RateeId($"P{i:00}"), r[column]));

        var study = PredictiveValidityStudy.Run(assessments, outcomes);

        void Near(string name, double actual) => Assert.True(Math.Abs(actual - expected[name]) <= 1e-9 * Math.Max(1, Math.Abs(expected[name])), $"{name}: {actual:R} vs {expected[name]:R}");
        Assert.Equal(60, study.Sample);
        Assert.Equal(outcome == "binary", study.IsBinary);
        foreach (var (name, c) in new[] { ("readiness", study.Readiness), ("performance", study.Performance) })
        {
            Near($"{outcome}.{name}.r", c.R);
            Near($"{outcome}.{name}.lower", c.Lower);
            Near($"{outcome}.{name}.upper", c.Upper);
            Near($"{outcome}.{name}.p", c.P);
            Assert.Null(c.Corrected);
            Assert.Null(c.CorrectedLower);
            Assert.Null(c.CorrectedUpper);
        }

        Near($"{outcome}.readinessOverPerformance.baseR2", study.ReadinessOverPerformance.BaseR2);
        Near($"{outcome}.readinessOverPerformance.fullR2", study.ReadinessOverPerformance.FullR2);
        Near($"{outcome}.readinessOverPerformance.F", study.ReadinessOverPerformance.F);
        Near($"{outcome}.readinessOverPerformance.p", study.ReadinessOverPerformance.P);
        Near("intercorrelation", study.Intercorrelation);
        Assert.Equal(study.ReadinessOverPerformance.FullR2, study.PerformanceOverReadiness.FullR2, 12);
        if (study.IsBinary)
        {
            Near("binary.readiness.auc", study.ReadinessAuc!.Auc);
            Near("binary.readiness.aucLower", study.ReadinessAuc.Lower);
            Near("binary.readiness.aucUpper", study.ReadinessAuc.Upper);
            Near("binary.performance.auc", study.PerformanceAuc!.Auc);
            Near("binary.performance.aucLower", study.PerformanceAuc.Lower);
            Near("binary.performance.aucUpper", study.PerformanceAuc.Upper);
            Near("binary.aucDifference.z", study.AucDifference!.Z);
            Near("binary.aucDifference.p", study.AucDifference.P);
            Near("binary.aucDifference.lower", study.AucDifference.Lower);
            Near("binary.aucDifference.upper", study.AucDifference.Upper);
            Assert.Equal(study.ReadinessAuc.Auc - study.PerformanceAuc.Auc, study.AucDifference.Difference, 14);
        }
        else
        {
            Assert.Null(study.ReadinessAuc);
            Assert.Null(study.AucDifference);
        }
    }

    [Fact]
    public void The_AUC_counts_pairs_as_by_hand_and_the_correction_for_attenuation_divides_by_the_root_reliability()
    {
        // Successes score 3, 5, 7 and 5; failures 1, 4, 6 and 5. Of the 16 pairs: 3 beats 1 (1); each 5 beats 1 and 4 and ties
        // the failing 5 (2.5 each); 7 beats all four (4). 1 + 2.5 + 4 + 2.5 = 10 wins of 16.
        double[] success = [3, 5, 7, 5];
        double[] failure = [1, 4, 6, 5];
        var people = success.Select((s, i) => (Id: $"S{i}", Score: s, Outcome: 1.0)).Concat(failure.Select((s, i) => (Id: $"F{i}", Score: s, Outcome: 0.0))).ToArray();
        var study = PredictiveValidityStudy.Run(
            people.Select((p, i) => Assessment(p.Id, p.Score, i % 3)),
            people.Select(p => new OutcomeRecord(new RateeId(p.Id), p.Outcome)),
            new ValidityOptions { MinimumSample = 8, OutcomeReliability = 0.64 });

        Assert.Equal(10 / 16.0, study.ReadinessAuc!.Auc, 15);

        // With ties, against pROC 1.18 (ci.auc and roc.test, method "delong", direction "<"); performance is i mod 3.
        Assert.Equal(0.22243913025065232, study.ReadinessAuc.StandardError, 12);
        Assert.Equal(0.18902731595630751, study.ReadinessAuc.Lower, 12);
        Assert.Equal(1, study.ReadinessAuc.Upper);
        Assert.Equal(0.77302068252392575, study.AucDifference!.Z, 12);
        Assert.Equal(0.43951014044455466, study.AucDifference.P, 12);
        Assert.Equal(-0.33588214802776861, study.AucDifference.Lower, 12);
        Assert.Equal(0.77338214802776861, study.AucDifference.Upper, 12);
        Assert.Equal(study.Readiness.R / 0.8, study.Readiness.Corrected!.Value, 15);
        Assert.Equal((study.Readiness.Lower / 0.8, study.Readiness.Upper / 0.8), (study.Readiness.CorrectedLower!.Value, study.Readiness.CorrectedUpper!.Value));
    }

    [Fact]
    public void A_correction_beyond_1_is_reported_not_capped_so_an_understated_reliability_shows()
    {
        // Readiness follows the outcome almost exactly (r ≈ 0.99); a stated reliability of 0.5 cannot be right for such an
        // outcome, and r / √0.5 ≈ 1.4 says so where a cap at 1 would look like a perfect predictor.
        var people = Enumerable.Range(0, 20).Select(i => (Id: $"P{i:00}", Score: 50.0 + i, Outcome: i + (0.3 * (i % 3)))).ToArray();
        var study = PredictiveValidityStudy.Run(
            people.Select((p, i) => Assessment(p.Id, p.Score, (i * 7) % 5)),
            people.Select(p => new OutcomeRecord(new RateeId(p.Id), p.Outcome)),
            new ValidityOptions { MinimumSample = 10, OutcomeReliability = 0.5 });

        var c = study.Readiness;
        Assert.True(c.R > 0.99, $"{c.R}");
        Assert.Equal(c.R / Math.Sqrt(0.5), c.Corrected!.Value, 14);
        Assert.True(c.Corrected > 1.39);
        Assert.InRange(c.CorrectedLower!.Value, 1, c.Corrected.Value);
        Assert.Equal(c.Upper / Math.Sqrt(0.5), c.CorrectedUpper!.Value, 14);
    }

    public static TheoryData<double, double, double, double> CaseTwoFromR()
    {
        var data = new TheoryData<double, double, double, double>();
        foreach (var line in File.ReadLines(Path.Combine(Folder, "range.csv")).Skip(1))
        {
            var v = line.Split(',').Select(t => double.Parse(t, CultureInfo.InvariantCulture)).ToArray();
            data.Add(v[0], v[1], v[2], v[3]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CaseTwoFromR))]
    public void Thorndikes_case_II_matches_psych_rangeCorrection(double r, double unrestricted, double restricted, double expected) =>
        Assert.Equal(expected, RangeRestriction.CaseTwo(r, restricted / unrestricted), 14);

    [Fact]
    public void A_study_of_the_best_performers_only_says_its_range_is_restricted_and_corrects_for_it()
    {
        // 400 people assessed; outcomes only for the 100 best performers. Performance's spread among them is a fraction of
        // the organisation's, and its observed correlation with the outcome understates the one in the whole population.
        var random = new Random(20261205);
        var people = Enumerable.Range(0, 400).Select(i =>
        {
            var performance = Normal(random);
            var readiness = 60 + (10 * Normal(random));
            return (Id: $"P{i:000}", Readiness: readiness, Performance: performance, Outcome: (0.5 * performance) + (0.03 * readiness) + Normal(random));
        }).ToArray();
        var promoted = people.OrderByDescending(p => p.Performance).Take(100).ToArray();

        var study = PredictiveValidityStudy.Run(
            people.Select(p => Assessment(p.Id, p.Readiness, p.Performance)),
            promoted.Select(p => new OutcomeRecord(new RateeId(p.Id), p.Outcome)));

        var restriction = study.Restriction;
        Assert.Equal(400, restriction.Assessed);
        Assert.True(restriction.IsMaterial);
        Assert.InRange(restriction.PerformanceRatio, 0.3, 0.7);
        Assert.InRange(restriction.ReadinessRatio, 0.85, 1.15);
        Assert.Equal(RangeRestriction.CaseTwo(study.Performance.R, restriction.PerformanceRatio), restriction.PerformanceCorrected, 14);
        Assert.True(restriction.PerformanceCorrected > 1.5 * study.Performance.R, $"{study.Performance.R} → {restriction.PerformanceCorrected}");

        // Everyone with an outcome: nothing restricted, nothing to correct.
        var whole = PredictiveValidityStudy.Run(people.Select(p => Assessment(p.Id, p.Readiness, p.Performance)), people.Select(p => new OutcomeRecord(new RateeId(p.Id), p.Outcome)));
        Assert.False(whole.Restriction.IsMaterial);
        Assert.Equal((1.0, 1.0), (whole.Restriction.ReadinessRatio, whole.Restriction.PerformanceRatio));
        Assert.Equal(whole.Performance.R, whole.Restriction.PerformanceCorrected, 12);
    }

    private static double Normal(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    [Fact]
    public void With_a_single_success_the_AUC_is_a_count_and_its_interval_and_test_say_they_do_not_exist()
    {
        var people = Enumerable.Range(0, 12).Select(i => (Id: $"P{i:00}", Score: 50.0 + i, Outcome: i == 7 ? 1.0 : 0.0)).ToArray();
        var study = PredictiveValidityStudy.Run(
            people.Select((p, i) => Assessment(p.Id, p.Score, (i * 5) % 7)),
            people.Select(p => new OutcomeRecord(new RateeId(p.Id), p.Outcome)),
            new ValidityOptions { MinimumSample = 10 });

        Assert.Equal(7 / 11.0, study.ReadinessAuc!.Auc, 15);
        Assert.True(double.IsNaN(study.ReadinessAuc.StandardError) && double.IsNaN(study.ReadinessAuc.Lower) && double.IsNaN(study.ReadinessAuc.Upper));
        Assert.True(double.IsNaN(study.AucDifference!.P) && double.IsFinite(study.AucDifference.Difference));
    }

    [Fact]
    public void Small_samples_constant_predictors_and_bad_outcomes_are_refused_with_the_reason()
    {
        var assessments = Enumerable.Range(0, 40).Select(i => Assessment($"P{i:00}", 50 + i, i % 5)).ToArray();
        OutcomeRecord Outcome(int i, double v) => new(new RateeId($"P{i:00}"), v);

        var e = Assert.Throws<ArgumentException>(() => PredictiveValidityStudy.Run(assessments, Enumerable.Range(0, 20).Select(i => Outcome(i, i))));
        Assert.Contains("20 people have a readiness index, a performance value and an outcome; the study needs at least 30", e.Message, StringComparison.Ordinal);
        Assert.Contains("outcome is the same for all 40", Assert.Throws<ArgumentException>(() => PredictiveValidityStudy.Run(assessments, Enumerable.Range(0, 40).Select(i => Outcome(i, 1)))).Message, StringComparison.Ordinal);
        Assert.Contains("is NaN", Assert.Throws<ArgumentException>(() => PredictiveValidityStudy.Run(assessments, [Outcome(1, double.NaN)])).Message, StringComparison.Ordinal);
        Assert.Contains("more than one outcome", Assert.Throws<ArgumentException>(() => PredictiveValidityStudy.Run(assessments, [Outcome(1, 1), Outcome(1, 2)])).Message, StringComparison.Ordinal);
        var options = Assert.Throws<ArgumentException>(() => PredictiveValidityStudy.Run(assessments, [], new ValidityOptions { MinimumSample = 3, ConfidenceLevel = 1, OutcomeReliability = 0 }));
        Assert.Contains("MinimumSample was 3", options.Message, StringComparison.Ordinal);
        Assert.Contains("ConfidenceLevel was 1", options.Message, StringComparison.Ordinal);
        Assert.Contains("OutcomeReliability was 0", options.Message, StringComparison.Ordinal);

        var study = PredictiveValidityStudy.Run(assessments, Enumerable.Range(0, 45).Select(i => Outcome(i, i * i)));
        Assert.Equal((40, 5), (study.Sample, study.LeftOut));
    }

    private static ReadinessAssessment Assessment(string id, double index, double performance) =>
        new(new RateeId(id), "role", ScoringPolicy.Hybrid, new EvidenceCheck(true, []), index, index - 5, index + 5, 0.9, ReadinessBand.ReadyIn1To2Years, 1,
            ImmutableArray<CompetencyScore>.Empty, null, performance, ReadinessSignals.None);
}
