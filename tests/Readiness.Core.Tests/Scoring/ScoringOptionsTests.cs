using System.Collections.Immutable;
using Readiness.Scoring;

namespace Readiness.Core.Tests.Scoring;

/// <summary>Each option at the edges of its rule: the last value accepted and the first refused, with the full message.</summary>
public sealed class ScoringOptionsTests
{
    private static readonly ScoringOptions Defaults = new();

    private static readonly Dictionary<string, (ScoringOptions Options, string? Problem)> Edges = new()
    {
        ["undefined policy"] = (Defaults with { Policy = (ScoringPolicy)9 }, "Policy was 9; it must be Hybrid, Compensatory or Conjunctive."),
        ["null profile policies"] = (Defaults with { ProfilePolicies = null! }, "ProfilePolicies must not be null and must hold only defined policies."),
        ["undefined profile policy"] = (Defaults with { ProfilePolicies = ImmutableDictionary<string, ScoringPolicy>.Empty.Add("p", (ScoringPolicy)9) }, "ProfilePolicies must not be null and must hold only defined policies."),
        ["defined profile policy"] = (Defaults with { ProfilePolicies = ImmutableDictionary<string, ScoringPolicy>.Empty.Add("p", ScoringPolicy.Conjunctive) }, null),
        ["overshoot cap 0"] = (Defaults with { OvershootCap = 0 }, null),
        ["overshoot cap 1"] = (Defaults with { OvershootCap = 1 }, null),
        ["overshoot cap above 1"] = (Defaults with { OvershootCap = 1.01 }, "OvershootCap was 1.01; it must be in [0, 1]."),
        ["negative overshoot cap"] = (Defaults with { OvershootCap = -0.01 }, "OvershootCap was -0.01; it must be in [0, 1]."),
        ["interval level 0"] = (Defaults with { IntervalLevel = 0 }, "IntervalLevel was 0; it must be in (0, 1)."),
        ["interval level 1"] = (Defaults with { IntervalLevel = 1 }, "IntervalLevel was 1; it must be in (0, 1)."),
        ["interval level 0.999"] = (Defaults with { IntervalLevel = 0.999 }, null),
        ["interval level 0.001"] = (Defaults with { IntervalLevel = 0.001 }, null),
        ["undefined band basis"] = (Defaults with { BandBasis = (BandBasis)5 }, "BandBasis was 5; it must be PointEstimate, LowerBound or Probability."),
        ["band confidence 0.5"] = (Defaults with { BandConfidence = 0.5 }, null),
        ["band confidence below 0.5"] = (Defaults with { BandConfidence = 0.49 }, "BandConfidence was 0.49; it must be in [0.5, 1)."),
        ["band confidence 1"] = (Defaults with { BandConfidence = 1 }, "BandConfidence was 1; it must be in [0.5, 1)."),
        ["band confidence NaN"] = (Defaults with { BandConfidence = double.NaN }, "BandConfidence was NaN; it must be in [0.5, 1)."),
        ["ready-now index 100"] = (Defaults with { ReadyNowMinimumIndex = 100 }, null),
        ["ready-now index above 100"] = (Defaults with { ReadyNowMinimumIndex = 100.5 }, "ReadyNowMinimumIndex was 100.5; it must be in [0, 100]."),
        ["ready-now index 0"] = (Defaults with { ReadyNowMinimumIndex = 0, OnTrackMinimumIndex = 0 }, null),
        ["on-track index 0"] = (Defaults with { OnTrackMinimumIndex = 0 }, null),
        ["on-track index equal to ready now"] = (Defaults with { OnTrackMinimumIndex = 90 }, null),
        ["on-track index above ready now"] = (Defaults with { OnTrackMinimumIndex = 90.5 }, "OnTrackMinimumIndex was 90.5; it must be in [0, ReadyNowMinimumIndex = 90]."),
        ["negative on-track index"] = (Defaults with { OnTrackMinimumIndex = -0.5 }, "OnTrackMinimumIndex was -0.5; it must be in [0, ReadyNowMinimumIndex = 90]."),
        ["horizons 0, equal, equal"] = (Defaults with { ReadyNowMaxYears = 0, NearTermMaxYears = 0, LongTermMaxYears = 0 }, null),
        ["horizons all equal"] = (Defaults with { ReadyNowMaxYears = 3, NearTermMaxYears = 3, LongTermMaxYears = 3 }, null),
        ["negative ready-now horizon"] = (Defaults with { ReadyNowMaxYears = -0.5 }, Horizons(-0.5, 2, 5)),
        ["ready-now horizon after near term"] = (Defaults with { ReadyNowMaxYears = 2.5 }, Horizons(2.5, 2, 5)),
        ["near-term horizon after long term"] = (Defaults with { NearTermMaxYears = 6 }, Horizons(0.5, 6, 5)),
        ["infinite long-term horizon"] = (Defaults with { LongTermMaxYears = double.PositiveInfinity }, Horizons(0.5, 2, double.PositiveInfinity)),
        ["development rate 0"] = (Defaults with { DevelopmentRate = 0 }, "DevelopmentRate was 0; it must be a positive number of scale points per year."),
        ["infinite development rate"] = (Defaults with { DevelopmentRate = double.PositiveInfinity }, "DevelopmentRate was Infinity; it must be a positive number of scale points per year."),
        ["small development rate"] = (Defaults with { DevelopmentRate = 1e-6 }, null),
        ["null development rates"] = (Defaults with { DevelopmentRates = null! }, "DevelopmentRates must not be null."),
        ["competency rate 0"] = (Defaults with { DevelopmentRates = Rates(0) }, "DevelopmentRates['delegates'] was 0; it must be a positive number of scale points per year."),
        ["infinite competency rate"] = (Defaults with { DevelopmentRates = Rates(double.PositiveInfinity) }, "DevelopmentRates['delegates'] was Infinity; it must be a positive number of scale points per year."),
        ["small competency rate"] = (Defaults with { DevelopmentRates = Rates(1e-6) }, null),
        ["critical gap caps at ready now"] = (Defaults with { CriticalGapBand = ReadinessBand.ReadyNow }, "CriticalGapBand was ReadyNow; it must be ReadyIn1To2Years, ReadyIn3PlusYears or NotOnLeadershipTrack."),
        ["critical gap caps at 3+ years"] = (Defaults with { CriticalGapBand = ReadinessBand.ReadyIn3PlusYears }, null),
        ["critical gap caps off the track"] = (Defaults with { CriticalGapBand = ReadinessBand.NotOnLeadershipTrack }, null),
        ["critical gap with insufficient evidence"] = (Defaults with { CriticalGapBand = ReadinessBand.InsufficientEvidence }, "CriticalGapBand was InsufficientEvidence; it must be ReadyIn1To2Years, ReadyIn3PlusYears or NotOnLeadershipTrack."),
        ["one rater"] = (Defaults with { MinimumRaters = 1 }, null),
        ["no raters"] = (Defaults with { MinimumRaters = 0 }, "MinimumRaters was 0; it must be at least 1."),
        ["one source"] = (Defaults with { MinimumSources = 1 }, null),
        ["no sources"] = (Defaults with { MinimumSources = 0 }, "MinimumSources was 0; it must be at least 1."),
        ["coverage 0"] = (Defaults with { MinimumCoverage = 0 }, "MinimumCoverage was 0; it must be in (0, 1]."),
        ["coverage above 1"] = (Defaults with { MinimumCoverage = 1.01 }, "MinimumCoverage was 1.01; it must be in (0, 1]."),
        ["small coverage"] = (Defaults with { MinimumCoverage = 0.001 }, null),
        ["self inflation 0"] = (Defaults with { SelfInflationThreshold = 0 }, "SelfInflationThreshold was 0; it must be a positive number of scale points."),
        ["infinite self inflation"] = (Defaults with { SelfInflationThreshold = double.PositiveInfinity }, "SelfInflationThreshold was Infinity; it must be a positive number of scale points."),
        ["small self inflation"] = (Defaults with { SelfInflationThreshold = 0.01 }, null),
        ["disagreement 0"] = (Defaults with { RaterDisagreementThreshold = 0 }, "RaterDisagreementThreshold was 0; it must be a positive number of scale points."),
        ["infinite disagreement"] = (Defaults with { RaterDisagreementThreshold = double.PositiveInfinity }, "RaterDisagreementThreshold was Infinity; it must be a positive number of scale points."),
        ["small disagreement"] = (Defaults with { RaterDisagreementThreshold = 0.01 }, null),
        ["top share 0"] = (Defaults with { CohortTopShare = 0 }, "CohortTopShare was 0; it must be in (0, 0.5)."),
        ["top share one half"] = (Defaults with { CohortTopShare = 0.5 }, "CohortTopShare was 0.5; it must be in (0, 0.5)."),
        ["top share just under one half"] = (Defaults with { CohortTopShare = 0.49 }, null),
        ["small top share"] = (Defaults with { CohortTopShare = 0.01 }, null),
    };

    public static TheoryData<string> EdgeNames => [.. Edges.Keys];

    [Theory]
    [MemberData(nameof(EdgeNames))]
    public void Each_option_is_accepted_up_to_the_edge_of_its_rule_and_refused_beyond_it(string name)
    {
        var (options, problem) = Edges[name];

        var problems = options.Validate();

        if (problem is null)
        {
            Assert.Empty(problems);
            Assert.Same(options, new ReadinessScorer(options).Options);
        }
        else
        {
            Assert.Equal(problem, Assert.Single(problems));
            var e = Assert.Throws<ArgumentException>(() => new ReadinessScorer(options));
            Assert.Equal($"{problem} (Parameter 'options')", e.Message);
        }
    }

    [Fact]
    public void Every_broken_rule_is_listed_in_the_order_of_the_options()
    {
        var options = Defaults with { MinimumSources = 0, OvershootCap = 2, CohortTopShare = 1, ReadyNowMinimumIndex = -1 };
        var problems = options.Validate();

        Assert.Equal<string>(
            [
                "OvershootCap was 2; it must be in [0, 1].",
                "ReadyNowMinimumIndex was -1; it must be in [0, 100].",
                "OnTrackMinimumIndex was 50; it must be in [0, ReadyNowMinimumIndex = -1].",
                "MinimumSources was 0; it must be at least 1.",
                "CohortTopShare was 1; it must be in (0, 0.5).",
            ],
            problems);
        Assert.StartsWith($"{problems[0]} {problems[1]} ", Assert.Throws<ArgumentException>(() => new ReadinessScorer(options)).Message, StringComparison.Ordinal);
    }

    private static string Horizons(double readyNow, double nearTerm, double longTerm) =>
        $"ReadyNowMaxYears ({Readiness.Internal.Guard.Format(readyNow)}), NearTermMaxYears ({Readiness.Internal.Guard.Format(nearTerm)}) and LongTermMaxYears ({Readiness.Internal.Guard.Format(longTerm)}) must be finite, at least 0 and in increasing order.";

    private static ImmutableDictionary<string, double> Rates(double rate) => ImmutableDictionary<string, double>.Empty.Add("delegates", rate);
}
