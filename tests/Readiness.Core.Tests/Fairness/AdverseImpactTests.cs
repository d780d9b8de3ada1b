using System.Globalization;
using Readiness.Calibration;
using Readiness.Competencies;
using Readiness.Evidence;
using Readiness.Fairness;
using Readiness.Scoring;
using Readiness.Talent;

namespace Readiness.Core.Tests.Fairness;

public sealed class AdverseImpactTests
{
    [Fact]
    public void Fisher_exact_p_values_match_R()
    {
        // Data/fisher/fisher.csv: R's fisher.test on 32 tables (fisher.R regenerates it).
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", "fisher", "fisher.csv")).Skip(1).ToArray();
        Assert.Equal(32, lines.Length);
        foreach (var line in lines)
        {
            var v = line.Split(',');
            var (a, b, c, d) = (int.Parse(v[0], CultureInfo.InvariantCulture), int.Parse(v[1], CultureInfo.InvariantCulture), int.Parse(v[2], CultureInfo.InvariantCulture), int.Parse(v[3], CultureInfo.InvariantCulture));
            var expected = double.Parse(v[4], CultureInfo.InvariantCulture);
            var actual = FisherExactTest.TwoSided(a, b, c, d);
            Assert.True(Math.Abs(actual - expected) <= 1e-9 * Math.Max(expected, 1e-300) + 1e-15, $"{line}: {actual:R}");
        }
    }

    [Fact]
    public void The_four_fifths_example_comes_out_as_computed_by_hand()
    {
        // The Uniform Guidelines' own arithmetic: 48 of 80 selected (60%) against 12 of 40 (30%): ratio 0.5, adverse impact.
        var (outcome, demographics) = Population(("white", 80, 48), ("black", 40, 12), ("asian", 50, 27));

        var audit = AdverseImpactAudit.Run(outcome, demographics, ["race"]);

        Assert.Equal(170, audit.Audited);
        Assert.Equal("white", audit.Reference!.Group);
        var black = audit.Groups.Single(g => g.Group == "black");
        Assert.Equal((40, 12, 0.3, 0.5, true), (black.Count!.Value, black.Selected!.Value, black.Rate!.Value, black.ImpactRatio!.Value, black.AdverseImpact!.Value));
        var asian = audit.Groups.Single(g => g.Group == "asian");
        Assert.Equal(0.54 / 0.6, asian.ImpactRatio!.Value, 12);
        Assert.False(asian.AdverseImpact);

        // Pooled z: p = 60/120, SE = √(0.25 (1/40 + 1/80)), z = (0.3 − 0.6)/SE.
        Assert.Equal(-0.3 / Math.Sqrt(0.25 * ((1 / 40.0) + (1 / 80.0))), black.Z!.Value, 12);
        Assert.Equal(2 * MathNet.Numerics.Distributions.Normal.CDF(0, 1, -Math.Abs(black.Z.Value)), black.ZTestP!.Value, 15);
        Assert.Equal(FisherExactTest.TwoSided(12, 28, 48, 32), black.FisherP!.Value);
        Assert.True(audit.IsSignificant(black));
        Assert.Null(audit.Reference.FisherP);
        Assert.Equal(1.0, audit.Reference.ImpactRatio);
    }

    [Fact]
    public void Intersections_missing_data_small_shares_and_suppression_are_reported_not_hidden()
    {
        var records = new List<DemographicRecord>();
        var decisions = new List<AuditDecision>();
        var n = 0;
        void Add(string sex, string? race, int count, int selected)
        {
            for (var i = 0; i < count; i++)
            {
                var id = new RateeId($"P{n++:0000}");
                records.Add(new DemographicRecord(id, "sex", sex));
                if (race is not null)
                {
                    records.Add(new DemographicRecord(id, "race", race));
                }

                decisions.Add(new AuditDecision(id, i < selected));
            }
        }

        Add("female", "black", 30, 6);
        Add("female", "white", 40, 16);
        Add("male", "black", 30, 12);
        Add("male", "white", 60, 30);
        Add("male", "pacific islander", 1, 1);
        Add("female", null, 5, 2);
        var outcome = AuditOutcome.Create("promoted", decisions);
        var demographics = Demographics.Create(records);

        var audit = AdverseImpactAudit.Run(outcome, demographics, ["sex", "race"], new AuditOptions { MinimumShare = 0.02 });

        Assert.Equal(5, audit.MissingDemographics);
        Assert.Equal(161, audit.Audited);
        Assert.Equal(["female × black", "female × white", "male × black", "male × pacific islander", "male × white"], audit.Groups.Select(g => g.Group));
        var small = audit.Groups.Single(g => g.Group == "male × pacific islander");
        Assert.Equal((GroupStatus.ExcludedSmallShare, 1, 1), (small.Status, small.Count!.Value, small.Selected!.Value));
        Assert.Null(small.ImpactRatio);
        Assert.Equal("male × white", audit.Reference!.Group);
        Assert.Equal(0.2 / 0.5, audit.Groups.Single(g => g.Group == "female × black").ImpactRatio!.Value, 12);

        // With a minimum cell size of 2 the lone pacific islander is suppressed, and so are the smallest other groups (two
        // tied at 30), so that the suppressed numbers cannot be recovered from the totals.
        var suppressed = AdverseImpactAudit.Run(outcome, demographics, ["sex", "race"], new AuditOptions { MinimumCellSize = 2 });
        Assert.Equal(["female × black", "male × black", "male × pacific islander"], suppressed.Groups.Where(g => g.Status == GroupStatus.Suppressed).Select(g => g.Group));
        Assert.All(suppressed.Groups.Where(g => g.Status == GroupStatus.Suppressed), g => Assert.Equal(
            (null, null, null, null, null, null, null), (g.Count, g.Selected, g.Rate, g.ImpactRatio, g.FisherP, g.Z, g.ZTestP)));

        var bySex = AdverseImpactAudit.Run(outcome, demographics, ["sex"]);
        Assert.Equal(0, bySex.MissingDemographics);
        Assert.Equal((75, 24), (bySex.Groups[0].Count!.Value, bySex.Groups[0].Selected!.Value));
    }

    [Fact]
    public void Outcomes_from_the_library_and_bad_input()
    {
        var profile = LeadershipFramework.FirstLineManager;
        var organisation = Readiness.Simulation.OrganisationSimulator.Generate(new Readiness.Simulation.SimulationOptions { People = 200, Seed = 3 });
        var ratings = organisation.TakeInRatings().Ratings;
        var calibration = new MeanCentringCalibrator().Calibrate(ratings);
        var assessments = new ReadinessScorer().ScoreCohort(ReadinessCandidate.FromCalibration(calibration, ratings), profile);
        var scored = assessments.Count(a => a.IsScored);

        var scoringRate = AuditOutcome.ScoringRate(assessments);
        Assert.Equal(scored, scoringRate.Decisions.Length);
        Assert.Equal(assessments.Length - scored, scoringRate.NotScored);
        Assert.InRange(scoringRate.Decisions.Count(d => d.Selected), (scored / 2) - 5, scored / 2);
        Assert.Equal(assessments.Count(a => a.Band == ReadinessBand.ReadyNow), AuditOutcome.ReadyNow(assessments).Decisions.Count(d => d.Selected));
        Assert.Equal(assessments.Count(a => a.Index >= 70), AuditOutcome.IndexAtLeast(assessments, 70).Decisions.Count(d => d.Selected));
        var slate = SuccessionSlate.Build("role", assessments, new SlateOptions { MaxLength = 20 });
        var onSlate = AuditOutcome.OnSlate(slate);
        Assert.Equal((assessments.Length, 20), (onSlate.Decisions.Length, onSlate.Decisions.Count(d => d.Selected)));

        Assert.Throws<ArgumentOutOfRangeException>(() => AuditOutcome.IndexAtLeast(assessments, double.NaN));
        var p = new RateeId("P1");
        Assert.Contains("more than one decision", Assert.Throws<ArgumentException>(() => AuditOutcome.Create("x", [new(p, true), new(p, false)])).Message, StringComparison.Ordinal);
        Assert.Contains("two categories on 'SEX': 'f' and 'm'", Assert.Throws<ArgumentException>(() => Demographics.Create([new(p, "sex", "f"), new(p, "SEX", "m")])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Demographics.Create([new(p, " ", "f")]));
        Assert.Contains("control or invisible formatting character", Assert.Throws<ArgumentException>(() => Demographics.Create([new(p, "sex", "f\u200B")])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Demographics.Create([new(p, "sex\u001B", "f")]));
        var (outcome, demographics) = Population(("a", 10, 5), ("b", 10, 2));
        var e = Assert.Throws<ArgumentException>(() => AdverseImpactAudit.Run(outcome, demographics, ["race"], new AuditOptions { ImpactRatioThreshold = 0, SignificanceLevel = double.NaN, MinimumShare = 1, MinimumCellSize = -1 }));
        Assert.Contains("ImpactRatioThreshold was 0", e.Message, StringComparison.Ordinal);
        Assert.Contains("SignificanceLevel was NaN", e.Message, StringComparison.Ordinal);
        Assert.Contains("MinimumShare was 1", e.Message, StringComparison.Ordinal);
        Assert.Contains("MinimumCellSize was -1", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => AdverseImpactAudit.Run(outcome, demographics, []));
        Assert.Throws<ArgumentException>(() => AdverseImpactAudit.Run(outcome, demographics, ["race", "Race"]));

        // Nobody selected: rates of 0 everywhere, no impact ratio to speak of.
        var (none, noneDemographics) = Population(("a", 10, 0), ("b", 10, 0));
        Assert.All(AdverseImpactAudit.Run(none, noneDemographics, ["race"]).Groups, g => Assert.Null(g.ImpactRatio));
    }

    internal static (AuditOutcome Outcome, Demographics Demographics) Population(params (string Group, int Count, int Selected)[] groups)
    {
        var records = new List<DemographicRecord>();
        var decisions = new List<AuditDecision>();
        foreach (var (group, count, selected) in groups)
        {
            for (var i = 0; i < count; i++)
            {
                var id = new RateeId($"{group}-{i:0000}");
                records.Add(new DemographicRecord(id, "race", group));
                decisions.Add(new AuditDecision(id, i < selected));
            }
        }

        return (AuditOutcome.Create("selected", decisions), Demographics.Create(records));
    }
}
