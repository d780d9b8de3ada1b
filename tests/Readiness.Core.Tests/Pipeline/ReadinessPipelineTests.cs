using System.Collections.Immutable;
using Readiness.Calibration;
using Readiness.Competencies;
using Readiness.Evidence;
using Readiness.Fairness;
using Readiness.Pipeline;
using Readiness.Scoring;
using Readiness.Simulation;
using Readiness.Talent;

namespace Readiness.Core.Tests.Pipeline;

public sealed class ReadinessPipelineTests
{
    private static readonly DateOnly ReviewDate = new(2027, 1, 4);

    /// <summary>A model of one's own: other ids, a 1–4 scale, six competencies in two domains.</summary>
    private static readonly CompetencyModel Acme = BuildAcme();

    private static readonly RoleProfile Lead = new RoleProfileBuilder("acme-lead", "Team lead")
        .Require("acme.coach", 3, 3, criticalMinimum: 2).Require("acme.direct", 3, 2).Require("acme.grow", 3, 2).Require("acme.trust", 3, 2)
        .Require("acme.ship", 3, 1).Require("acme.craft", 3, 1).Build(Acme);

    private static readonly RoleProfile Senior = new RoleProfileBuilder("acme-senior", "Senior lead")
        .Require("acme.coach", 4, 2).Require("acme.direct", 4, 2).Require("acme.grow", 4, 1).Require("acme.trust", 4, 1).Build(Acme);

    private static readonly SimulatedOrganisation Organisation =
        OrganisationSimulator.Generate(new SimulationOptions { People = 160, Seed = 21, Model = Acme, Design = RatingDesign.WidelyCrossed });

    [Fact]
    public void A_run_is_the_steps_a_caller_would_compose_by_hand()
    {
        var intake = Organisation.TakeInRatings();
        var exclusions = ImmutableDictionary<RateeId, string>.Empty.Add(Organisation.People[0].Person, "moving abroad");
        var input = new ReadinessRunInput(intake, [Lead, Senior])
        {
            Performance = PerformanceSet.Create(Organisation.PerformanceRecords).Performance,
            ReviewDate = ReviewDate,
            SlateExclusions = exclusions,
            Demographics = Organisation.Demographics,
            Outcomes = Organisation.TeamOutcomes,
        };

        var run = new ReadinessPipeline(new CrossedRandomEffectsCalibrator(), new ReadinessScorer()).Run(input);

        // By hand: calibrate, set the styled raters aside where no one needs them for the evidence rules, calibrate again
        // (at the components of the ratings without them, where someone keeps some), score each role, review, audit, study.
        var calibrator = new CrossedRandomEffectsCalibrator();
        var evidence = new ScoringOptions();
        var screen = Readiness.Reliability.StyledRaterScreen.Apply(intake.Ratings, calibrator.Calibrate(intake.Ratings), minimumRaters: evidence.MinimumRaters, minimumSources: evidence.MinimumSources);
        var ratings = screen.Ratings;
        var calibration = screen.Refit(calibrator);
        var candidates = ReadinessCandidate.FromCalibration(calibration, ratings, input.Performance);
        var lead = new ReadinessScorer().ScoreCohort(candidates, Lead);
        var senior = new ReadinessScorer().ScoreCohort(candidates, Senior);
        var slates = new[] { SuccessionSlate.Build(Lead.Id, lead, new SlateOptions { Exclude = exclusions }), SuccessionSlate.Build(Senior.Id, senior, new SlateOptions { Exclude = exclusions }) };
        var raw = new ReadinessScorer().ScoreCohort(ReadinessCandidate.FromCalibration(new RawMeanCalibrator().Calibrate(ratings), ratings, input.Performance), Lead);

        Assert.Same(intake.Report, run.Intake);
        Assert.Equal(calibration.Estimates.Select(e => e.Estimate), run.Calibration.Estimates.Select(e => e.Estimate));
        Assert.Equal([Lead.Id, Senior.Id], run.Roles.Select(r => r.Role.Id));
        Assert.Equal(lead.Select(a => (a.Person, a.Index, a.Band)), run.Assessments.Select(a => (a.Person, a.Index, a.Band)));
        Assert.Equal(senior.Select(a => (a.Person, a.Index, a.Band)), run.Roles[1].Assessments.Select(a => (a.Person, a.Index, a.Band)));
        Assert.Equal(raw.Select(a => a.Index), run.RawMeanAssessments.Select(a => a.Index));

        var talent = run.Talent!;
        Assert.Equal(ReviewDate, talent.Date);
        Assert.Equal(NineBox.Place(lead).Placements.Select(p => (p.Person, p.Cell)), talent.NineBox.Placements.Select(p => (p.Person, p.Cell)));
        Assert.Equal(slates.Select(s => s.Entries.Select(e => e.Person).ToArray()), talent.Slates.Select(s => s.Entries.Select(e => e.Person).ToArray()));
        Assert.All(talent.Slates, s => Assert.Contains(s.Excluded, x => x.Person == Organisation.People[0].Person && x.Detail.Contains("moving abroad", StringComparison.Ordinal)));
        // A plan for everyone on a slate who is not ready now, against that slate's role.
        var planned = slates.SelectMany(s => s.Entries.Where(e => e.Band != ReadinessBand.ReadyNow).Select(e => (s.Role, e.Person))).ToArray();
        Assert.Equal(planned, talent.Plans.Select(p => (p.ProfileId, p.Person)));

        var fairness = run.Fairness!;
        Assert.Equal(["ethnicity", "sex"], fairness.Attributes.ToArray());
        Assert.Equal([["ethnicity"], ["sex"], ["ethnicity", "sex"]], fairness.Calibrated.Select(a => a.Attributes.ToArray()));
        Assert.Equal(fairness.Calibrated.Select(a => a.Attributes.ToArray()), fairness.RawMeans.Select(a => a.Attributes.ToArray()));
        var sex = AdverseImpactAudit.Run(AuditOutcome.ScoringRate(lead), Organisation.Demographics, ["sex"]);
        Assert.Equal(sex.Groups.Select(g => (g.Group, g.Count, g.Selected)), fairness.Calibrated[1].Groups.Select(g => (g.Group, g.Count, g.Selected)));
        var rawSex = AdverseImpactAudit.Run(AuditOutcome.ScoringRate(raw), Organisation.Demographics, ["sex"]);
        Assert.Equal(rawSex.Groups.Select(g => (g.Group, g.Selected)), fairness.RawMeans[1].Groups.Select(g => (g.Group, g.Selected)));
        Assert.Equal(["ethnicity", "sex"], fairness.RaterSplits.Select(s => s.Attribute));
        Assert.Equal(RaterGroupBias.Analyze(ratings, calibration, Organisation.Demographics, "sex").Splits.Select(s => (s.Rater, s.Difference)), fairness.RaterSplits[1].Splits.Select(s => (s.Rater, s.Difference)));

        var study = PredictiveValidityStudy.Run(lead, Organisation.TeamOutcomes);
        Assert.Equal(study.Sample, run.Validity!.Sample);
        Assert.Equal(study.Readiness.R, run.Validity.Readiness.R);
    }

    [Fact]
    public void Steps_whose_input_is_missing_are_not_run()
    {
        var run = new ReadinessPipeline(new MeanCentringCalibrator(), new ReadinessScorer()).Run(new ReadinessRunInput(Organisation.TakeInRatings(), [Lead]));

        Assert.Null(run.Talent);
        Assert.Null(run.Fairness);
        Assert.Null(run.Validity);
        Assert.True(run.RawMeanAssessments.IsEmpty);
        Assert.Equal(Organisation.People.Length, run.Assessments.Length);

        // The styled-rater screen diagnoses against the crossed model's fit only (StyledRaterPolicy): another calibrator's raters are kept.
        Assert.Null(run.Screen);

        var compared = new ReadinessPipeline(new MeanCentringCalibrator(), new ReadinessScorer(), options: new ReadinessPipelineOptions { CompareWithRawMeans = true })
            .Run(new ReadinessRunInput(Organisation.TakeInRatings(), [Lead]));
        Assert.Equal(run.Assessments.Select(a => a.Person), compared.RawMeanAssessments.Select(a => a.Person));
    }

    [Fact]
    public void Audit_attributes_and_outcome_are_the_callers()
    {
        var input = new ReadinessRunInput(Organisation.TakeInRatings(), [Lead]) { Demographics = Organisation.Demographics, AuditAttributes = ["sex"] };
        var options = new ReadinessPipelineOptions { AuditOutcome = AuditOutcome.ReadyNow, Audit = new AuditOptions { MinimumCellSize = 5 } };

        var fairness = new ReadinessPipeline(new MeanCentringCalibrator(), new ReadinessScorer(), options: options).Run(input).Fairness!;

        var audit = Assert.Single(fairness.Calibrated);
        Assert.Equal(["sex"], audit.Attributes.ToArray());
        Assert.Equal(AuditOutcome.ReadyNow([]).Name, audit.Outcome);
        Assert.Equal(5, audit.Options.MinimumCellSize);
        Assert.Single(fairness.RawMeans);
        Assert.Equal("sex", Assert.Single(fairness.RaterSplits).Attribute);
    }

    [Fact]
    public void A_run_that_scores_nobody_throws_with_the_reasons_unless_allowed()
    {
        var scorer = new ReadinessScorer(new ScoringOptions { MinimumRaters = 200 });
        var input = new ReadinessRunInput(Organisation.TakeInRatings(), [Lead]);

        var e = Assert.Throws<NobodyScoredException>(() => new ReadinessPipeline(new MeanCentringCalibrator(), scorer).Run(input));

        Assert.Equal("acme-lead", e.Role);
        Assert.Equal(Organisation.People.Length, e.Assessments.Length);
        var lines = e.Message.Split('\n');
        Assert.Equal($"Nobody could be scored against acme-lead: all {Organisation.People.Length} lack the evidence the rules ask for; the commonest reasons:", lines[0]);
        Assert.InRange(lines.Length, 2, 4);
        Assert.All(lines[1..], l => Assert.Matches(@"^  \d+ × \S.*\.$", l));
        Assert.StartsWith("  159 × 6 rater(s) other than the candidate; 200 ", lines[1], StringComparison.Ordinal);

        var allowed = new ReadinessPipeline(new MeanCentringCalibrator(), scorer, options: new ReadinessPipelineOptions { AllowUnscored = true }).Run(input);
        Assert.DoesNotContain(allowed.Assessments, a => a.IsScored);
    }

    [Fact]
    public void Input_that_cannot_be_run_is_refused_with_the_rule()
    {
        var intake = Organisation.TakeInRatings();

        Assert.Equal("roles was empty; a run needs at least one role profile to score against. (Parameter 'roles')",
            Assert.Throws<ArgumentException>(() => new ReadinessRunInput(intake, [])).Message);
        Assert.Equal("roles held the role profile 'acme-lead' twice; each role is scored once. (Parameter 'roles')",
            Assert.Throws<ArgumentException>(() => new ReadinessRunInput(intake, [Lead, Lead])).Message);
        Assert.Equal(
            $"role profile '{LeadershipFramework.FirstLineManager.Id}' asks for competency '{LeadershipFramework.FirstLineManager.Requirements[0].Competency.Id}', which the ratings' model 'acme' does not have; a role must be written for the model the ratings were read with. (Parameter 'roles')",
            Assert.Throws<ArgumentException>(() => new ReadinessRunInput(intake, [LeadershipFramework.FirstLineManager])).Message);
        Assert.Throws<ArgumentNullException>(() => new ReadinessRunInput(intake, [Lead, null!]));
        Assert.Throws<ArgumentNullException>(() => new ReadinessPipeline(null!, new ReadinessScorer()));
        Assert.Throws<ArgumentNullException>(() => new ReadinessPipeline(new MeanCentringCalibrator(), null!).Run(null!));
    }

    private static CompetencyModel BuildAcme()
    {
        var builder = new CompetencyModelBuilder("acme", "Acme model")
            .WithScale(ProficiencyScale.Create(Enumerable.Range(1, 4).Select(v => new ScaleLevel(v, $"level {v}", $"Level {v} of 4."))));
        foreach (var id in new[] { "acme.coach", "acme.direct", "acme.grow", "acme.trust" })
        {
            builder.AddCompetency(id, id, CompetencyDomain.Leadership, b => b.WithDefinition($"What {id} asks."));
        }

        foreach (var id in new[] { "acme.ship", "acme.craft" })
        {
            builder.AddCompetency(id, id, CompetencyDomain.IndividualPerformance, b => b.WithDefinition($"What {id} asks."));
        }

        return builder.Build();
    }

    [Fact]
    public void Set_aside_styled_raters_are_diagnosed_on_a_first_calibration_and_left_out_of_the_one_scored()
    {
        var intake = Organisation.TakeInRatings();
        var calibrator = new CrossedRandomEffectsCalibrator();
        var input = new ReadinessRunInput(intake, [Lead]) { Demographics = Organisation.Demographics };

        var run = new ReadinessPipeline(calibrator, new ReadinessScorer(), options: new ReadinessPipelineOptions { StyledRaters = StyledRaterPolicy.SetAsideAlways }).Run(input);

        var screen = Readiness.Reliability.StyledRaterScreen.Apply(intake.Ratings, calibrator.Calibrate(intake.Ratings));
        Assert.NotNull(run.Screen);
        Assert.Empty(run.Screen.KeptFor);
        Assert.Equal(screen.SetAside.Select(d => d.Rater), run.Screen.SetAside.Select(d => d.Rater));
        Assert.NotEmpty(run.Screen.SetAside);
        Assert.Same(run.Screen.Ratings, run.Ratings);
        Assert.Equal(calibrator.Calibrate(screen.Ratings).Estimates.Select(e => e.Estimate), run.Calibration.Estimates.Select(e => e.Estimate));
        Assert.DoesNotContain(run.Calibration.RaterEffects, r => screen.SetAside.Any(d => d.Rater == r.Rater));
        Assert.Null(new ReadinessPipeline(calibrator, new ReadinessScorer(), options: new ReadinessPipelineOptions { StyledRaters = StyledRaterPolicy.Keep }).Run(input).Screen);
    }

    [Fact]
    public void By_default_styled_raters_are_kept_only_for_evidence_and_nobody_scored_with_them_goes_unscored()
    {
        var intake = Organisation.TakeInRatings();
        var calibrator = new CrossedRandomEffectsCalibrator();
        var input = new ReadinessRunInput(intake, [Lead]) { Demographics = Organisation.Demographics };
        var keep = new ReadinessPipelineOptions();

        var run = new ReadinessPipeline(calibrator, new ReadinessScorer(), options: keep).Run(input);

        // The scorer's evidence minimums decide whose ratings by the raters set aside are kept.
        var evidence = new ScoringOptions();
        var screen = Readiness.Reliability.StyledRaterScreen.Apply(intake.Ratings, calibrator.Calibrate(intake.Ratings), minimumRaters: evidence.MinimumRaters, minimumSources: evidence.MinimumSources);
        Assert.NotNull(run.Screen);
        Assert.Equal(screen.KeptFor.AsEnumerable(), run.Screen.KeptFor.AsEnumerable());
        Assert.NotEmpty(run.Screen.KeptFor);
        Assert.Equal(screen.Refit(calibrator).Estimates.Select(e => e.Estimate), run.Calibration.Estimates.Select(e => e.Estimate));
        var keptFor = screen.KeptFor.ToHashSet();
        var stillRating = intake.Ratings.AsEnumerable().Where(r => keptFor.Contains(r.Ratee) && r.Source != RaterSource.Self).Select(r => r.Rater).ToHashSet();
        Assert.DoesNotContain(run.Calibration.RaterEffects, r => screen.SetAside.Any(d => d.Rater == r.Rater) && !stillRating.Contains(r.Rater));
        var unscreened = new ReadinessPipeline(calibrator, new ReadinessScorer(), options: keep with { StyledRaters = StyledRaterPolicy.Keep }).Run(input);
        var strict = new ReadinessPipeline(calibrator, new ReadinessScorer(), options: keep with { StyledRaters = StyledRaterPolicy.SetAsideAlways }).Run(input);
        Assert.Equal(unscreened.Assessments.Count(a => !a.IsScored), run.Assessments.Count(a => !a.IsScored));
        Assert.True(strict.Assessments.Count(a => !a.IsScored) > run.Assessments.Count(a => !a.IsScored));

        // The people who kept them say so: their estimates carry those raters' error.
        Assert.All(run.Assessments, a => Assert.Equal(keptFor.Contains(a.Person), a.Signals.HasFlag(ReadinessSignals.StyledRatersKept)));
        Assert.DoesNotContain(strict.Assessments, a => a.Signals.HasFlag(ReadinessSignals.StyledRatersKept));

        // Without the built-in scorer the pipeline knows no minimums: every rating of others by those raters is set aside.
        var outside = new ReadinessPipeline(calibrator, new OutsideScorer(), options: keep with { AllowUnscored = true }).Run(input);
        Assert.Empty(outside.Screen!.KeptFor);
    }

    /// <summary>
    /// An export that names the managers and gives every other response an id of its own: a person with their manager, one
    /// peer and one report has three raters to the scorer, not one per response, so a styled manager stays for them (a
    /// newcomer found two such people left unscored by the default screen, which had counted each response as a rater).
    /// </summary>
    [Fact]
    public void On_an_export_naming_only_the_managers_raters_are_counted_as_the_scorer_counts_them()
    {
        var named = OrganisationSimulator.Generate(new SimulationOptions { People = 300, Seed = 11 }).TakeInRatings().Ratings;
        var response = 0;
        var exported = named.AsEnumerable().Select(r => r.Source is RaterSource.Self or RaterSource.Manager ? r : r with { Rater = new RaterId($"A{++response:D6}") }).ToList();
        var calibrator = new CrossedRandomEffectsCalibrator();
        var full = new RatingSetBuilder(named.Model).AddRange(exported).Build().Ratings;
        var flagged = Readiness.Reliability.StyledRaterScreen.Apply(full, calibrator.Calibrate(full)).SetAside.Select(d => d.Rater).ToHashSet();
        var person = exported.Where(r => r.Source == RaterSource.Manager && flagged.Contains(r.Rater)).Select(r => r.Ratee)
            .First(p => exported.Any(r => r.Ratee == p && r.Source == RaterSource.Peer) && exported.Any(r => r.Ratee == p && r.Source == RaterSource.DirectReport));

        // That person keeps one response per competency from their peers and one from their reports.
        var seen = new HashSet<(RaterSource, string)>();
        var pruned = new RatingSetBuilder(named.Model)
            .AddRange(exported.Where(r => r.Ratee != person || r.Source is RaterSource.Self or RaterSource.Manager || (r.Source is RaterSource.Peer or RaterSource.DirectReport && seen.Add((r.Source, r.Competency)))))
            .Build();
        var input = new ReadinessRunInput(pruned, [LeadershipFramework.FirstLineManager]);

        var run = new ReadinessPipeline(calibrator, new ReadinessScorer(), options: new ReadinessPipelineOptions { AllowUnscored = true }).Run(input);

        Assert.Contains(person, run.Screen!.KeptFor);
        Assert.True(run.Assessments.Single(a => a.Person == person).IsScored);
        var unscreened = new ReadinessPipeline(calibrator, new ReadinessScorer(), options: new ReadinessPipelineOptions { AllowUnscored = true, StyledRaters = StyledRaterPolicy.Keep }).Run(input);
        Assert.Equal(unscreened.Assessments.Where(a => !a.IsScored).Select(a => a.Person), run.Assessments.Where(a => !a.IsScored).Select(a => a.Person));
    }

    /// <summary>A scorer of one's own, standing in for a vendor's: the built-in scorer's results, through the interface only.</summary>
    private sealed class OutsideScorer : IReadinessScorer
    {
        private readonly ReadinessScorer _inner = new();

        public ReadinessAssessment Score(ReadinessCandidate candidate, RoleProfile profile) => _inner.Score(candidate, profile);

        public ImmutableArray<ReadinessAssessment> ScoreCohort(IEnumerable<ReadinessCandidate> candidates, RoleProfile profile) => _inner.ScoreCohort(candidates, profile);
    }
}
