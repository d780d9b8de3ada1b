using System.Globalization;
using Readiness.Calibration;
using Readiness.Competencies;
using Readiness.Evidence;
using Readiness.Scoring;
using static Readiness.Competencies.LeadershipFramework;

namespace Readiness.Core.Tests.Scoring;

/// <summary>
/// Each scoring rule at its edges, on hand-made candidates whose numbers are exact in binary (scale 1–5; a target of 5
/// has range 4, so attainments are multiples of 1/4): where a band, a critical minimum, a flag or a share changes.
/// </summary>
public sealed class ScoringRuleTests
{
    private static readonly RateeId P1 = new("P1");

    [Theory]
    [InlineData(4.0, 4.0, 50.0, ReadinessBand.ReadyNow, 0.0)]
    [InlineData(4.0, 3.75, 50.0, ReadinessBand.ReadyNow, 0.5)] // years = ReadyNowMaxYears, index 91.7
    [InlineData(4.0, 3.0, 50.0, ReadinessBand.ReadyIn1To2Years, 2.0)] // years = NearTermMaxYears
    [InlineData(4.0, 1.5, 0.0, ReadinessBand.ReadyIn3PlusYears, 5.0)] // years = LongTermMaxYears
    [InlineData(5.0, 3.0, 50.0, ReadinessBand.ReadyIn3PlusYears, 4.0)] // index = OnTrackMinimumIndex = 50
    [InlineData(5.0, 2.96, 50.0, ReadinessBand.NotOnLeadershipTrack, 4.08)] // index 49
    public void Bands_change_exactly_at_their_limits(double target, double estimate, double onTrack, ReadinessBand band, double years)
    {
        var profile = Profile((Delegates, target, 1, null));
        var scorer = new ReadinessScorer(new ScoringOptions { OnTrackMinimumIndex = onTrack });

        var assessment = scorer.Score(Candidate((Delegates, estimate)), profile);

        Assert.Equal(band, assessment.Band);
        Assert.Equal(years, assessment.YearsToReady!.Value, 12);
        Assert.Equal(band, Batch(scorer, profile, [[estimate]])[0]);
        var score = Assert.Single(assessment.Competencies);
        Assert.Equal(target - estimate, score.Gap!.Value, 12);
        Assert.Equal(years, score.YearsToClose!.Value, 12);
    }

    [Fact]
    public void A_critical_minimum_is_missed_only_below_it_and_two_misses_cap_the_band_as_one_does()
    {
        // Compensatory, so a miss does not zero attainment: the cap alone moves the band from ready now to 1–2 years.
        var profile = Profile((Delegates, 4, 1, 3.95), (ManagesConflict, 4, 1, 3.95), (Influences, 4, 1, null), (DeliversResults, 4, 1, null));
        var scorer = Scorer(ScoringPolicy.Compensatory);
        double[][] rows = [[3.95, 4, 4, 4], [3.9, 3.9, 4, 4], [3.9, 4, 4, 4], [4, 4, 4, 4], [3.9, 3.9, 4, 4]];
        ReadinessBand[] expected = [ReadinessBand.ReadyNow, ReadinessBand.ReadyIn1To2Years, ReadinessBand.ReadyIn1To2Years, ReadinessBand.ReadyNow, ReadinessBand.ReadyIn1To2Years];

        var single = rows.Select(r => scorer.Score(Candidate((Delegates, r[0]), (ManagesConflict, r[1]), (Influences, r[2]), (DeliversResults, r[3])), profile)).ToArray();

        Assert.Equal(expected, single.Select(a => a.Band));
        Assert.Equal(expected, Batch(scorer, profile, rows));
        Assert.False(single[0].Competencies[0].BelowCriticalMinimum);
        Assert.Equal([true, true, false, false], single[1].Competencies.Select(c => c.BelowCriticalMinimum));
    }

    [Fact]
    public void Under_the_hybrid_policy_an_estimate_at_the_critical_minimum_still_counts()
    {
        (string, double, double, double?)[] requirements = [(Delegates, 4, 1, 3.5), (ManagesConflict, 4, 1, 3.5), (Influences, 4, 1, null), (DeliversResults, 4, 1, null)];
        double[][] rows = [[3.5, 3.5, 4, 4], [3.25, 4, 4, 4], [3.5, 4, 4, 4], [4, 3.25, 4, 4], [3.5, 3.5, 4, 4]];
        var profile = Profile(requirements);

        var hybrid = Indices(Scorer(ScoringPolicy.Hybrid), profile, rows);
        var compensatory = Indices(Scorer(ScoringPolicy.Compensatory), profile, rows);
        ReadinessAssessment Single(ScoringPolicy policy) => Scorer(policy).Score(Candidate((Delegates, 3.5), (ManagesConflict, 4), (Influences, 4), (DeliversResults, 4)), profile);
        var (atMinimumHybrid, atMinimumCompensatory) = (Single(ScoringPolicy.Hybrid), Single(ScoringPolicy.Compensatory));
        Assert.Equal((atMinimumCompensatory.Lower, atMinimumCompensatory.Upper), (atMinimumHybrid.Lower, atMinimumHybrid.Upper));
        Assert.Equal(atMinimumCompensatory.Competencies.Select(c => c.Contribution), atMinimumHybrid.Competencies.Select(c => c.Contribution));

        Assert.Equal([compensatory[0], compensatory[2], compensatory[4]], [hybrid[0], hybrid[2], hybrid[4]]);
        Assert.True(hybrid[1] < compensatory[1] && hybrid[3] < compensatory[3]);
        Assert.Equal(75, hybrid[1], 12); // the missed requirement counts nothing
    }

    [Fact]
    public void The_conjunctive_index_is_the_weakest_weighted_requirement_shared_among_the_binding_ones()
    {
        var profile = Profile((Delegates, 5, 2, null), (Influences, 5, 1, null), (BuildsTrust, 5, 0, null), (ManagesConflict, 5, 1, null));
        var scorer = Scorer(ScoringPolicy.Conjunctive);

        // A weightless requirement far below target does not bind; two binding requirements share the index.
        var tied = scorer.Score(Candidate((Delegates, 4), (Influences, 4), (BuildsTrust, 1), (ManagesConflict, 5)), profile);
        Assert.Equal(75, tied.Index!.Value, 12);
        Assert.Equal([37.5, 37.5, 0, 0], Contributions(tied));

        var one = scorer.Score(Candidate((Delegates, 3), (Influences, 4), (BuildsTrust, 1), (ManagesConflict, 5)), profile);
        Assert.Equal([50.0, 0, 0, 0], Contributions(one));

        // Once every target is met the index is 100 and is shared by weight.
        var met = scorer.Score(Candidate((Delegates, 5), (Influences, 5), (BuildsTrust, 5), (ManagesConflict, 5)), profile);
        Assert.Equal([50.0, 25, 0, 25], Contributions(met));

        double[][] rows = [[4, 4, 1, 5], [3, 4, 1, 5], [5, 5, 5, 5], [2, 5, 5, 5], [4, 4, 1, 5]];
        static double[] Contributions(ReadinessAssessment a) =>
            [.. new[] { Delegates, Influences, BuildsTrust, ManagesConflict }.Select(id => a.Competencies.Single(c => c.Competency == id).Contribution!.Value)];
        Assert.Equal(rows.Select(r => scorer.Score(Candidate((Delegates, r[0]), (Influences, r[1]), (BuildsTrust, r[2]), (ManagesConflict, r[3])), profile).Index!.Value), Indices(scorer, profile, rows));
    }

    [Fact]
    public void The_performance_index_is_attainment_on_the_individual_performance_requirements_alone()
    {
        var profile = Profile((Delegates, 5, 2, null), (DeliversResults, 5, 3, null), (QualityOfWork, 3, 1, null));
        var leadershipOnly = Profile((Delegates, 5, 2, null), (Influences, 5, 1, null));
        var scorer = new ReadinessScorer();

        // Weights within the domain 3/4 and 1/4; attainments 0.5 and 2, the latter held at 1.1 (the overshoot cap).
        var assessment = scorer.Score(Candidate((Delegates, 3), (DeliversResults, 3), (QualityOfWork, 5)), profile);

        Assert.Equal(65, assessment.PerformanceIndex!.Value, 12);

        // Past the targets, people keep their order up to the cap instead of tying at 100.
        var (past, further) = (scorer.Score(Candidate((Delegates, 3), (DeliversResults, 5.1), (QualityOfWork, 3.1)), profile),
            scorer.Score(Candidate((Delegates, 3), (DeliversResults, 5.2), (QualityOfWork, 3.1)), profile));
        Assert.InRange(past.PerformanceIndex!.Value, 100.1, further.PerformanceIndex!.Value - 0.1);
        Assert.Equal(110, scorer.Score(Candidate((Delegates, 3), (DeliversResults, 7), (QualityOfWork, 7)), profile).PerformanceIndex!.Value, 12);
        Assert.Null(scorer.Score(Candidate((Delegates, 3), (Influences, 3)), leadershipOnly).PerformanceIndex);
    }

    [Fact]
    public void Evidence_is_enough_at_each_minimum_and_a_shortfall_says_what_is_missing()
    {
        var profile = Profile((Delegates, 5, 2, null), (Influences, 5, 1, null));
        var scorer = new ReadinessScorer(new ScoringOptions { MinimumRaters = 3, MinimumSources = 2, MinimumCoverage = 2.0 / 3 });

        Assert.True(scorer.Score(Candidate(3, [RaterSource.Manager, RaterSource.Peer], (Delegates, 4)), profile).IsScored);

        var thin = scorer.Score(Candidate(2, [], (Delegates, 4), (Influences, 4)), profile);
        Assert.Equal<string>(["2 rater(s) other than the candidate; 3 are needed.", "0 source(s) other than self (none); 2 are needed."], thin.Evidence.Missing);
        Assert.Equal("P1 for p: not scored (2 rater(s) other than the candidate; 3 are needed. 0 source(s) other than self (none); 2 are needed.)", thin.ToString());

        var oneSource = scorer.Score(Candidate(3, [RaterSource.Peer], (Delegates, 4), (Influences, 4)), profile);
        Assert.Equal<string>(["1 source(s) other than self (peer); 2 are needed."], oneSource.Evidence.Missing);

        var scoredWithAGap = scorer.Score(Candidate(3, [RaterSource.Manager, RaterSource.Peer], (Delegates, 4)), profile);
        Assert.Equal([4.0, null], scoredWithAGap.Competencies.Select(c => c.Estimate));
        Assert.Equal([0.0, null], scoredWithAGap.Competencies.Select(c => c.StandardError));
        Assert.Equal([1.0, null], scoredWithAGap.Competencies.Select(c => c.Gap));
        Assert.Equal([2.0, null], scoredWithAGap.Competencies.Select(c => c.YearsToClose));

        // Coverage exactly at the minimum is enough, also when another check fails.
        Assert.Equal<string>(["2 rater(s) other than the candidate; 3 are needed."], scorer.Score(Candidate(2, [RaterSource.Manager, RaterSource.Peer], (Delegates, 4)), profile).Evidence.Missing);
        var threeSources = new ReadinessScorer(new ScoringOptions { MinimumSources = 3 }).Score(Candidate(3, [RaterSource.Manager, RaterSource.Peer], (Delegates, 4), (Influences, 4)), profile);
        Assert.Equal<string>(["2 source(s) other than self (manager, peer); 3 are needed."], threeSources.Evidence.Missing);

        // The message reads the same whatever the current culture: here one that writes percentages as "pct 33".
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        (culture.NumberFormat.PercentSymbol, culture.NumberFormat.PercentPositivePattern) = ("pct", 3);
        var saved = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = culture;
        ReadinessAssessment uncovered;
        try
        {
            uncovered = scorer.Score(Candidate(3, [RaterSource.Manager, RaterSource.Peer], (Influences, 4)), profile);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }

        Assert.Equal("No estimate for delegates: 33 % of the role's weight is covered; 67 % is needed.", Assert.Single(uncovered.Evidence.Missing));
        Assert.Equal([null, 4.0], uncovered.Competencies.Select(c => c.Estimate));
        Assert.Equal([null, 0.0], uncovered.Competencies.Select(c => c.StandardError));
    }

    [Fact]
    public void An_assessment_not_scored_shows_estimates_and_critical_misses_but_no_gaps_or_shares()
    {
        var profile = Profile((Delegates, 4, 1, 3.0), (Influences, 4, 1, 3.0));

        var assessment = new ReadinessScorer().Score(Candidate(1, [RaterSource.Manager], (Delegates, 2.5), (Influences, 3)), profile);

        Assert.False(assessment.IsScored);
        Assert.Equal([true, false], assessment.Competencies.Select(c => c.BelowCriticalMinimum));
        Assert.All(assessment.Competencies, c => Assert.Equal((null, null, null), (c.Gap, c.YearsToClose, c.Contribution)));
    }

    [Fact]
    public void A_target_at_the_bottom_of_the_scale_is_always_met_and_ready_now_starts_at_its_minimum_index()
    {
        var atBottom = Profile((Delegates, 1, 1, null));
        Assert.Equal(100, new ReadinessScorer().Score(Candidate((Delegates, 1)), atBottom).Index);

        // Index exactly 75 (attainment 3/4) and 2 years to ready, with both limits set there.
        var scorer = new ReadinessScorer(new ScoringOptions { ReadyNowMinimumIndex = 75, ReadyNowMaxYears = 2 });
        var assessment = scorer.Score(Candidate((Delegates, 4)), Profile((Delegates, 5, 1, null)));
        Assert.Equal((75.0, ReadinessBand.ReadyNow), (assessment.Index!.Value, assessment.Band));
    }

    [Fact]
    public void Cohort_flags_compare_performance_records_only_when_four_people_have_one()
    {
        var profile = Profile((Delegates, 5, 3, null), (DeliversResults, 5, 1, null));
        var people = new (string Id, double Delegates, double Delivers, double? Record)[] { ("A", 1, 5, 5), ("B", 2, 4, 4), ("C", 4, 2, 1), ("D", 5, 1, null) };

        var assessments = Scorer(ScoringPolicy.Compensatory).ScoreCohort(
            people.Select(p => new ReadinessCandidate(new RateeId(p.Id), [Estimate(p.Id, Delegates, p.Delegates), Estimate(p.Id, DeliversResults, p.Delivers)], 6, [RaterSource.Manager, RaterSource.Peer], p.Record)),
            profile);

        Assert.All(assessments, a => Assert.Equal(ReadinessSignals.None, a.Signals));
    }

    [Theory]
    [InlineData(0.75, 1.0, ReadinessSignals.None)]
    [InlineData(0.875, 1.0, ReadinessSignals.SelfRatingAboveOthers)]
    [InlineData(0.75, 1.125, ReadinessSignals.RatersDisagree)]
    public void Self_inflation_and_rater_disagreement_are_flagged_only_above_their_thresholds(double selfMinusOthers, double spread, ReadinessSignals signals)
    {
        var profile = Profile((Delegates, 5, 1, null));
        var candidate = new ReadinessCandidate(P1, [Estimate(Delegates, 4)], 6, [RaterSource.Manager, RaterSource.Peer], selfMinusOthers: selfMinusOthers, raterSpread: spread);

        var assessment = new ReadinessScorer().Score(candidate, profile);

        Assert.Equal(signals, assessment.Signals);
        var shown = signals == ReadinessSignals.None ? string.Empty : $" ({signals})";
        Assert.Equal($"P1 for p: 75.0 [75.0, 75.0], ReadyIn1To2Years{shown}", assessment.ToString());
    }

    [Fact]
    public void Cohort_flags_use_the_median_and_top_quarter_inclusively()
    {
        // Readiness 20, 40, 60, 80, 100 (median 60, top quarter from 80); performance 5, 1, 4, 2, 3 (median 3, top 4).
        var profile = Profile((Delegates, 5, 1, null));
        var people = new (string Id, double Estimate, double Performance)[] { ("A", 1.8, 5), ("B", 2.6, 1), ("C", 3.4, 4), ("D", 4.2, 2), ("E", 5, 3) };

        var assessments = Scorer(ScoringPolicy.Compensatory).ScoreCohort(people.Select(p => Candidate(p.Id, p.Estimate, p.Performance)), profile);

        Assert.Equal(
            [ReadinessSignals.HighPerformerLowReadiness, ReadinessSignals.None, ReadinessSignals.HighPerformerLowReadiness, ReadinessSignals.OverlookedLeader, ReadinessSignals.OverlookedLeader],
            assessments.Select(a => a.Signals));
    }

    [Fact]
    public void Cohort_flags_need_four_scored_people_and_fall_back_on_the_performance_index()
    {
        var profile = Profile((Delegates, 5, 3, null), (DeliversResults, 5, 1, null));
        var scorer = Scorer(ScoringPolicy.Compensatory);
        var people = new (string Id, double Delegates, double Delivers)[] { ("A", 1, 5), ("B", 2, 4.9), ("C", 4, 4.7), ("D", 5, 4.6) };
        ReadinessCandidate Person((string Id, double Delegates, double Delivers) p) =>
            new(new RateeId(p.Id), [Estimate(p.Id, Delegates, p.Delegates), Estimate(p.Id, DeliversResults, p.Delivers)], 6, [RaterSource.Manager, RaterSource.Peer]);

        var four = scorer.ScoreCohort(people.Select(Person), profile);
        var three = scorer.ScoreCohort(people.Take(3).Select(Person), profile);

        Assert.Equal(ReadinessSignals.HighPerformerLowReadiness, four[0].Signals);
        Assert.Equal(ReadinessSignals.OverlookedLeader, four[3].Signals);
        Assert.All(three, a => Assert.Equal(ReadinessSignals.None, a.Signals));

        // The same index lead with a gap years from closing: the bands do not call D a leader, so neither does the flag.
        var farOff = scorer.ScoreCohort(people.Take(3).Append(("D", 5, 3.5)).Select(Person), profile);
        Assert.Equal(farOff.Max(a => a.Index), farOff[3].Index);
        Assert.True(farOff[3].Band >= ReadinessBand.ReadyIn3PlusYears, farOff[3].ToString());
        Assert.False(farOff[3].Signals.HasFlag(ReadinessSignals.OverlookedLeader));
    }

    private static ReadinessScorer Scorer(ScoringPolicy policy) => new(new ScoringOptions { Policy = policy });

    private static RoleProfile Profile(params (string Competency, double Target, double Importance, double? Critical)[] requirements)
    {
        var builder = new RoleProfileBuilder("p", "P");
        foreach (var (competency, target, importance, critical) in requirements)
        {
            builder.Require(competency, target, importance, critical);
        }

        return builder.Build(Model);
    }

    private static ReadinessBand[] Batch(ReadinessScorer scorer, RoleProfile profile, double[][] rows) => ScoreBatch(scorer, profile, rows).Bands;

    private static double[] Indices(ReadinessScorer scorer, RoleProfile profile, double[][] rows) => ScoreBatch(scorer, profile, rows).Index;

    /// <summary>The rows through the batch path, with standard errors of 0.</summary>
    private static (double[] Index, ReadinessBand[] Bands) ScoreBatch(ReadinessScorer scorer, RoleProfile profile, double[][] rows)
    {
        var n = rows.Length;
        var (index, lower, upper, bands) = (new double[n], new double[n], new double[n], new ReadinessBand[n]);
        scorer.ScoreBatch(profile, [.. rows.SelectMany(r => r)], new double[rows.Sum(r => r.Length)], index, lower, upper, bands);
        return (index, bands);
    }

    private static CompetencyEstimate Estimate(string competency, double estimate) => Estimate(P1.Value, competency, estimate);

    private static CompetencyEstimate Estimate(string ratee, string competency, double estimate) => new(new RateeId(ratee), competency, estimate, 0, 6, 3);

    private static ReadinessCandidate Candidate(params (string Competency, double Estimate)[] estimates) =>
        Candidate(6, [RaterSource.Manager, RaterSource.Peer], estimates);

    private static ReadinessCandidate Candidate(int raters, RaterSource[] sources, params (string Competency, double Estimate)[] estimates) =>
        new(P1, estimates.Select(e => Estimate(e.Competency, e.Estimate)), raters, sources);

    private static ReadinessCandidate Candidate(string id, double delegates, double performance) =>
        new(new RateeId(id), [Estimate(id, Delegates, delegates)], 6, [RaterSource.Manager, RaterSource.Peer], performance);
}
