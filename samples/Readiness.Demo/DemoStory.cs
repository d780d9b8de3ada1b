using System.Globalization;
using Readiness.Calibration;
using Readiness.Competencies;
using Readiness.Evidence;
using Readiness.Fairness;
using Readiness.Pipeline;
using Readiness.Reliability;
using Readiness.Scoring;
using Readiness.Simulation;
using Readiness.Talent;
using Readiness.Weighting;

namespace Readiness.Demo;

/// <summary>
/// The story, step by step: the framework, intake, calibration, scoring, the contrast between the best performers and the
/// most ready, what calibration changed, the 9-box, a slate and the bench, two development plans, the fairness audit and
/// predictive validity, and two years on (growth, a development programme, promotions followed up). Steps whose data the
/// user did not supply say which file would enable them.
/// </summary>
internal static class DemoStory
{
    /// <summary>How many of the best performers stand for "promoted in the past" in the simulated validity study.</summary>
    private const int PastPromotions = 300;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Tells the story; returns the contrast (table and conclusion) as Markdown for contrast.md.</summary>
    public static string Tell(DemoInputs inputs, Story story)
    {
        var (model, role) = (inputs.Model, inputs.Role);
        DescribeFramework(story, model, role);

        var ratings = Intake(story, inputs);
        var scorer = new ReadinessScorer();
        var run = Calibrate(story, inputs, scorer);
        var (calibration, candidates, assessments) = (run.Calibration, run.Candidates, run.Assessments);
        var scored = assessments.Where(a => a.IsScored).ToArray();
        Score(story, scorer.Options, assessments, scored);
        var contrast = Contrast(story, inputs, scored);
        // The same people scored on raw rating means: what calibration changed, and the audit's "before".
        var raw = run.RawMeanAssessments;
        CalibrationChanges(story, raw, assessments);
        PlaceOnNineBox(story, inputs, assessments);
        var slate = SlateAndBench(story, model, role, candidates, assessments);
        DevelopmentPlans(story, role, scored, slate, SourceAverages.Compute(ratings), inputs.ReviewDate);
        Fairness(story, inputs, run);
        Validity(story, inputs, scored);
        AYearLater(story, inputs);
        return contrast;
    }

    private static void DescribeFramework(Story story, CompetencyModel model, RoleProfile role)
    {
        story.Step($"The competency model and the role: {model.Name}");
        story.Say(model.Description ?? string.Empty);
        story.Table("Proficiency scale", ["Level", "Label", "Meaning"],
            model.Scale.Levels.Select(l => new[] { N(l.Value, "0"), l.Label, l.Description }));
        var shown = model.Scale.Maximum - 1;
        var anchored = model.Competencies.All(c => c.Anchors.Any(a => a.Level == shown));
        story.Table(anchored ? $"Competencies, each anchored in behaviour at every level (level {shown} shown)" : $"Competencies, with their behavioural anchors at level {shown} where the model gives them",
            ["Competency", "Domain", $"Level {shown} looks like"],
            model.Competencies.Select(c => new[] { c.Name, DomainName(c.Domain), c.Anchors.FirstOrDefault(a => a.Level == shown)?.Behaviour ?? "—" }));
        story.Table($"Role profile: {role.Name}", ["Competency", "Domain", "Target", "Critical minimum", "Weight"],
            role.Requirements.Select(r => new[]
            {
                r.Competency.Name, DomainName(r.Competency.Domain), N(r.Target, "0"), r.CriticalMinimum is { } m ? N(m, "0") : "—", r.Weight.ToString(),
            }));
        // Rounded once, so the two shares add up to 100 as the weights do.
        var leadership = Math.Round(role.DomainWeight(CompetencyDomain.Leadership) * 100);
        story.Say(
            $"Leadership carries {leadership:0}% of the weight, individual performance {100 - leadership:0}%: a strong individual contributor is not yet a ready manager.", emphasis: true);

        // The profile's weights are a domain split times points within each domain; recomputing them with the weighting
        // API must give the profile's weights exactly. A role all in one domain has no split to recompute.
        if (role.Requirements.Select(r => r.Competency.Domain).Distinct().Count() < 2)
        {
            story.Say($"Every competency of the role is in one domain ({DomainName(role.Requirements[0].Competency.Domain)}), so its weights are the importance points alone; the model's domains tell leadership from individual performance.");
        }
        else
        {
            RecomputeWeights(story, model, role);
        }

        if (!ReferenceEquals(model, LeadershipFramework.Model))
        {
            story.Say("The pairwise (AHP) example is written for the built-in framework; `readiness weights --pairwise FILE.csv` weighs judgements of your own.");
            return;
        }

        var pairwise = new PairwiseComparisonsBuilder([LeadershipFramework.SetsClearExpectations, LeadershipFramework.Delegates, LeadershipFramework.DevelopsPeers, LeadershipFramework.TechnicalExpertise])
            .Compare(LeadershipFramework.SetsClearExpectations, LeadershipFramework.Delegates, 1)
            .Compare(LeadershipFramework.SetsClearExpectations, LeadershipFramework.DevelopsPeers, 3)
            .Compare(LeadershipFramework.SetsClearExpectations, LeadershipFramework.TechnicalExpertise, 3)
            .Compare(LeadershipFramework.Delegates, LeadershipFramework.DevelopsPeers, 3)
            .Compare(LeadershipFramework.Delegates, LeadershipFramework.TechnicalExpertise, 5)
            .Compare(LeadershipFramework.DevelopsPeers, LeadershipFramework.TechnicalExpertise, 1)
            .Build();
        var ahp = new PairwiseWeighting().Analyze(pairwise);
        story.Say(
            $"The same priorities as pairwise judgements (AHP) for four competencies give {ahp.Weights}; consistency ratio " +
            $"{ahp.ConsistencyRatio:0.000} under {ahp.RandomIndexTable} ({(ahp.IsAcceptable == true ? "consistent enough" : "too inconsistent")}: " +
            $"Saaty accepts ≤ {ahp.AcceptableConsistencyRatio:0.00}).");
    }

    private static RatingSet Intake(Story story, DemoInputs inputs)
    {
        var report = inputs.Ratings.Report;
        var ratings = inputs.Ratings.Ratings;
        story.Step("Intake: every row accounted for");
        story.Say(inputs.Organisation is { } organisation
            ? $"A simulated organisation of {organisation.People.Length:N0} people with a full 360° cycle (self, manager, peers, direct reports), " +
              $"planted lenient, severe and group-favouring raters, a separate performance measure, demographic attributes (for the audit " +
              $"only) and team outcomes a year on — written to data/ as the CSV files an HR system would export, with {report.Rejected.Length} " +
              "rows spoiled the way hand-edited exports are."
            : $"Your export {inputs.Files.Ratings.Name}, read with the same rules as the CLI.");
        story.Say(
            $"{report.Submitted:N0} rows submitted = {report.Accepted:N0} accepted + {report.Rejected.Length:N0} rejected; " +
            $"{ratings.Ratees.Length:N0} people rated by {ratings.Raters.Length:N0} raters.", emphasis: true);
        if (report.Rejected.Length > 0)
        {
            story.Table("Rejected rows, by reason (the first of each shown; all in cli/calibrate/rejects.csv)", ["Reason", "Rows", "Example"],
                report.Rejected.GroupBy(r => r.Reason).OrderBy(g => g.Key).Select(g => new[] { Serialization.WireNames.Of(g.Key), N(g.Count(), "0"), inputs.Ratings.Describe(g.First()) }));
        }

        story.Table("Accepted ratings by source", ["Source", "Ratings", "Share"],
            ratings.AsEnumerable().GroupBy(r => r.Source).OrderBy(g => g.Key).Select(g => new[] { g.Key.ToString(), N(g.Count(), "N0"), N((double)g.Count() / ratings.Count, "0.0%") }));
        if (inputs.Warnings.Length > 0)
        {
            story.Say($"{inputs.Warnings.Length} rows of the other files were left out: " + string.Join(" ", inputs.Warnings.Take(5)) +
                (inputs.Warnings.Length > 5 ? $" … and {inputs.Warnings.Length - 5} more." : string.Empty));
        }

        return ratings;
    }

    /// <summary>
    /// Runs the library's pipeline — calibration, scoring, raw means for comparison, the audit when there are groups — and
    /// tells what the calibration found; the steps after this one tell the rest of the run.
    /// </summary>
    private static ReadinessRun Calibrate(Story story, DemoInputs inputs, ReadinessScorer scorer)
    {
        story.Step("Calibration: removing rater leniency before anyone is compared");
        var pipeline = new ReadinessPipeline(new CrossedRandomEffectsCalibrator(), scorer, options: new ReadinessPipelineOptions { CompareWithRawMeans = true, AllowUnscored = true });
        var input = new ReadinessRunInput(inputs.Ratings.Intake, [inputs.Role]) { Performance = inputs.Performance, Demographics = inputs.Demographics, AuditAttributes = inputs.Attributes };
        var run = story.Run("Calibrating (crossed random effects, REML) and scoring", status =>
            pipeline.Run(input, new InlineProgress(p => status(p.Iteration > 0 ? $"{p.Stage}, iteration {p.Iteration}" : p.Stage))));
        var calibration = run.Calibration;
        if (run.Screen is { SetAside.Length: > 0 } screen)
        {
            // The pipeline's default: a rater effect cannot undo these styles, so they are set aside before the fit that counts.
            var styles = inputs.Organisation?.Raters.Where(r => r.Style is RaterStyle.CentralTendency or RaterStyle.Halo).Select(r => r.Rater).ToHashSet() ?? [];
            int Flagged(RaterIssues issue) => screen.SetAside.Count(d => d.Issues.HasFlag(issue));
            story.Say(
                $"A first fit diagnosed the raters: {screen.SetAside.Length} were flagged for central tendency ({Flagged(RaterIssues.CentralTendency)}: they rate everyone alike) or halo ({Flagged(RaterIssues.Halo)}: one impression on every competency)" +
                (styles.Count > 0 ? $" — {screen.SetAside.Count(d => styles.Contains(d.Rater))} of them among the {styles.Count} planted with those styles" : string.Empty) +
                $". A rater effect cannot undo either style, so their {screen.RatingsSetAside:N0} ratings of others were set aside" +
                (screen.KeptFor.IsEmpty ? string.Empty : $", except those {screen.KeptFor.Length} people need to have enough raters and sources to be scored, from as few of them as will do (marked styled-raters-kept)") +
                ", and the ratings calibrated again.");
        }

        var person = calibration.Crossed?.PersonEffectPerDomain == true ? "person's level in each domain + person × competency" : "person + person × competency";
        story.Say($"{calibration.Algorithm}, {calibration.Iterations} iterations. Ratings = {person} + rater + source + noise; the components say how much of the spread each explains:");
        foreach (var warning in calibration.Warnings)
        {
            // What the calibration could not do on these data (a term left out, groups it could not connect) qualifies
            // everything after it, so it is said here, in the console and the report alike.
            story.Say($"Warning from the calibration: {warning.Message}", emphasis: true);
        }

        var total = calibration.VarianceComponents.Sum(v => v.Variance);
        story.Table("Variance components", ["Component", "Variance", "Share"],
            calibration.VarianceComponents.Select(v => new[] { v.Name, N(v.Variance, "0.000"), N(v.Variance / total, "0%") }));

        var planted = inputs.Organisation?.Raters.ToDictionary(r => r.Rater.Value, r => r.Style) ?? [];
        var ordered = calibration.RaterEffects.OrderByDescending(r => r.Effect).ThenBy(r => r.Rater.Value, StringComparer.Ordinal).ToArray();
        string[] Row(RaterEffect r) =>
        [
            r.Rater.Value, N(r.Effect, "+0.00;-0.00;0.00"), $"[{N(r.Effect - (1.96 * r.StandardError), "+0.00;-0.00;0.00")}, {N(r.Effect + (1.96 * r.StandardError), "+0.00;-0.00;0.00")}]",
            N(r.Ratings, "0"), planted.TryGetValue(r.Rater.Value, out var style) ? style.ToString() : "—",
        ];
        story.Table("The five most lenient and five most severe raters (effect in scale points, 95% interval)",
            ["Rater", "Effect", "95% interval", "Ratings", planted.Count > 0 ? "Planted style" : "—"],
            [.. ordered.Take(5).Select(Row), .. ordered.TakeLast(5).Select(Row)]);

        var single = SpearmanBrown.SingleRaterReliability(calibration);
        var othersPerPerson = run.Ratings.AsEnumerable().Where(r => r.Source != RaterSource.Self).GroupBy(r => r.Ratee)
            .Select(g => g.Select(r => r.Rater).Distinct().Count()).Order().ToArray();
        var median = othersPerPerson[othersPerPerson.Length / 2];
        story.Say(
            $"Reliability: one rater's view of a person's competency has reliability {single:0.00}; with the median {median} raters per " +
            $"person the average reaches {SpearmanBrown.Reliability(single, median):0.00} (Spearman–Brown), and 0.80 needs " +
            $"{SpearmanBrown.RatersNeeded(single, 0.8)} raters.");

        var lenient = planted.Where(p => p.Value == RaterStyle.Lenient).Select(p => p.Key).ToHashSet();
        var severe = planted.Where(p => p.Value == RaterStyle.Severe).Select(p => p.Key).ToHashSet();
        var step = Charts.CaterpillarStep(calibration.RaterEffects.Length);
        var drawn = step == 1 ? "Every rater's" : $"Rater ({Charts.CaterpillarEnds} at each end, every planted one and one in {step} between, of {calibration.RaterEffects.Length:N0})";
        story.Chart("raters", $"{drawn} leniency with its 95% interval, sorted (the caterpillar plot)", Charts.RaterCaterpillar(calibration.RaterEffects, lenient, severe));
        if (planted.Count > 0)
        {
            var found = ordered.Take(lenient.Count).Count(r => lenient.Contains(r.Rater.Value));
            story.Say($"Of the {lenient.Count} raters planted as lenient, {found} are among the {lenient.Count} most lenient the calibration found.");
        }

        return run;
    }

    private static void Score(Story story, ScoringOptions options, IReadOnlyCollection<ReadinessAssessment> assessments, ReadinessAssessment[] scored)
    {
        story.Step("Scoring: a readiness index with an interval, a band and the gaps");
        story.Table("Readiness bands", ["Band", "People", "Share"],
            assessments.GroupBy(a => a.Band).OrderBy(g => g.Key).Select(g => new[] { BandName(g.Key), N(g.Count(), "N0"), N((double)g.Count() / assessments.Count, "0.0%") }));
        var pointReadyNow = scored.Count(a => a.Index >= options.ReadyNowMinimumIndex && a.YearsToReady <= options.ReadyNowMaxYears && !a.Signals.HasFlag(ReadinessSignals.CriticalGap));
        story.Say(
            $"A band is the best one a person's true levels reach with at least {options.BandConfidence:0%} probability, given the joint uncertainty of their estimates: " +
            $"\"ready now\" means P(ready now) ≥ {options.BandConfidence:0.00}. On the estimates alone, ignoring their uncertainty, {pointReadyNow} people would meet the ready-now rule; " +
            $"{scored.Count(a => a.Band == ReadinessBand.ReadyNow)} meet it with that confidence.");
        story.Say(
            $"{scored.Count(a => a.Signals.HasFlag(ReadinessSignals.HighPerformerLowReadiness))} people carry the promotion-trap signal " +
            $"(high performer, low leadership readiness), {scored.Count(a => a.Signals.HasFlag(ReadinessSignals.OverlookedLeader))} the overlooked-leader " +
            $"signal. Not scored for lack of evidence: {assessments.Count - scored.Length} (listed with what is missing, not dropped).");
        story.Chart("bands", "The readiness index by band", Charts.Bands(scored, BandName));
    }

    private static string Contrast(Story story, DemoInputs inputs, ReadinessAssessment[] scored)
    {
        story.Step("The contrast: the best performers are not the most ready to lead");
        if (inputs.Performance is null)
        {
            story.Say("No performance file (--performance FILE.csv, header ratee,performance): performance below is the competency-based index on the role's individual-performance competencies.");
        }

        var byPerformance = scored.OrderByDescending(Performance).ThenBy(a => a.Person.Value, StringComparer.Ordinal).Take(10).ToArray();
        var byReadiness = scored.Order(ReadinessAssessment.MostReadyFirst).Take(10).ToArray();
        var table = story.Table("Top ten by individual performance, top ten by leadership readiness (ranked by P(ready now), then expected shortfall)",
            ["#", "Top performer", "Performance", "Band", "Most ready", "P(ready now)", "Shortfall", "Rank could be", "Band ", "Performance "],
            byPerformance.Zip(byReadiness, (p, r) => (p, r)).Select((pair, i) => new[]
            {
                N(i + 1, "0"), pair.p.Person.Value, N(Performance(pair.p), "0.00"), BandName(pair.p.Band),
                pair.r.Person.Value, N(pair.r.ProbabilityReadyNow!.Value, "0.000"), N(pair.r.ExpectedShortfall!.Value, "0.00"),
                $"{pair.r.RankLow}–{pair.r.RankHigh}", BandName(pair.r.Band), N(Performance(pair.r), "0.00"),
            }));
        var notReady = byPerformance.Count(a => a.Band is not ReadinessBand.ReadyNow and not ReadinessBand.ReadyIn1To2Years);
        var overlap = byPerformance.Select(a => a.Person).Intersect(byReadiness.Select(a => a.Person)).Count();
        var conclusion = $"Of the ten best performers, {notReady} are not ready to lead within two years, and {overlap} of them {(overlap == 1 ? "is" : "are")} among the ten most ready.";
        story.Say(
            "P(ready now) is the chance, given how precisely each person was measured, that their true levels meet the ready-now rule; " +
            "the shortfall is the expected number of index points below the targets (0 for people past every target, whom the index above 100 orders by their capped overshoot). " +
            "\"Rank could be\" is the 90% range of the person's rank in the whole cohort.");
        story.Say(conclusion, emphasis: true);
        return $"{Story.Markdown(table)}\n\n{conclusion}\n";
    }

    private static void CalibrationChanges(Story story, IEnumerable<ReadinessAssessment> rawAssessments, IReadOnlyList<ReadinessAssessment> calibrated)
    {
        story.Step("What calibration changed");
        var raw = rawAssessments.ToDictionary(a => a.Person);
        var pairs = calibrated.Select(a => (Raw: raw[a.Person], Calibrated: a)).ToArray();
        var bands = Enum.GetValues<ReadinessBand>().Where(b => pairs.Any(p => p.Raw.Band == b || p.Calibrated.Band == b)).ToArray();
        story.Table("Bands on raw rating means (rows) against calibrated bands (columns)", ["Raw \\ Calibrated", .. bands.Select(BandName)],
            bands.Select(r => (string[])[BandName(r), .. bands.Select(c => N(pairs.Count(p => p.Raw.Band == r && p.Calibrated.Band == c), "0"))]));
        var changed = pairs.Count(p => p.Raw.Band != p.Calibrated.Band);
        story.Say(
            changed == 0
                ? $"None of the {pairs.Length} people changes band once each rater's leniency is removed: here, who rated whom decided nobody's band."
                : $"{changed} of {pairs.Length} people ({(double)changed / pairs.Length:0%}) are in a different band once each rater's leniency is removed: " +
                  "on raw means, who rated you decides part of your band.",
            emphasis: true);
        story.Chart("raw-vs-calibrated", "Readiness on raw means against calibrated readiness; people whose band changed in red",
            Charts.RawVersusCalibrated(pairs.Where(p => p.Raw.IsScored && p.Calibrated.IsScored)
                .Select(p => (p.Raw.Index!.Value, p.Calibrated.Index!.Value, p.Raw.Band != p.Calibrated.Band)).ToArray()));
    }

    private static void PlaceOnNineBox(Story story, DemoInputs inputs, IEnumerable<ReadinessAssessment> assessments)
    {
        story.Step("The 9-box: performance × readiness, not performance × performance");
        var nineBox = NineBox.Place(assessments);
        var levels = Enum.GetValues<TalentLevel>();

        // A placement is uncertain when the person's true levels put them in that box in fewer than 80% of the draws.
        static bool Uncertain(NineBoxPlacement p) => p.ProbabilityInBox < 0.8;
        var placements = nineBox.Placements;
        story.Table(
            $"9-box (tertiles; {placements.Count(Uncertain)} of {placements.Length} placements less than 80% sure)",
            ["Readiness \\ Performance", .. levels.Select(l => l.ToString())],
            levels.Reverse().Select(readiness => (string[])[readiness.ToString(), .. levels.Select(performance =>
            {
                var cell = new NineBoxCell(performance, readiness);
                var inCell = placements.Where(p => p.Cell == cell).ToArray();
                return $"{cell.Number}. {cell.DefaultLabel}: {inCell.Length} ({inCell.Count(Uncertain)} uncertain)";
            })]));
        var trap = new NineBoxCell(TalentLevel.High, TalentLevel.Low);
        var inTrap = placements.Where(p => p.Cell == trap).ToArray();
        var misplaced = placements.Sum(p => 1 - p.ProbabilityInBox!.Value);
        story.Say($"{inTrap.Length} high performers sit in box 3, {trap.DefaultLabel}: promoted on performance, they would be the struggling new managers.", emphasis: true);
        story.Say(
            $"Each placement carries the chance that the person's true levels put them in that box, from 256 draws of everyone's true levels with the tertile cuts recomputed on each draw. " +
            $"{placements.Count(Uncertain)} of all {placements.Length} placements ({inTrap.Count(Uncertain)} of the {inTrap.Length} in box 3) are less than 80% sure, " +
            $"and about {misplaced:0} people are expected to belong in another box than the one shown. " +
            "Read a box as the start of a conversation about the person, never as the decision; the probabilities on the slate are what a promotion should rest on.");
        story.Chart("nine-box", "The 9-box as a scatter: each dot a person, dashed lines the tertile cuts",
            Charts.NineBox(nineBox, inputs.Performance is null ? "Individual performance (competency index)" : "Individual performance"));
    }

    private static SuccessionSlate SlateAndBench(Story story, CompetencyModel model, RoleProfile role, IReadOnlyList<ReadinessCandidate> candidates, IReadOnlyList<ReadinessAssessment> assessments)
    {
        story.Step("A succession slate and the bench");

        // With the built-in framework a second role shows the bench across roles: a project lead leads through influence
        // rather than line authority. A model of the user's own has the one role they gave.
        var builtIn = ReferenceEquals(model, LeadershipFramework.Model);
        var slateName = builtIn ? "Team lead, payments" : role.Name;
        var projectLead = !builtIn ? null : new RoleProfileBuilder("project-lead", "Project lead")
            .Require(LeadershipFramework.Influences, target: 4, importance: 5, criticalMinimum: 3)
            .Require(LeadershipFramework.NavigatesComplexity, target: 4, importance: 4)
            .Require(LeadershipFramework.SetsClearExpectations, target: 4, importance: 3)
            .Require(LeadershipFramework.BuildsTrust, target: 4, importance: 3)
            .Require(LeadershipFramework.DeliversResults, target: 4, importance: 3)
            .Build(model);
        var slate = SuccessionSlate.Build(slateName, assessments, new SlateOptions { MaxLength = 10 });
        story.Table($"Succession slate: {slate.Role} ({role.Id} profile), the first ten",
            ["Rank", "Could be", "Person", "P(ready now)", "Band", "Key gaps", "Signals"],
            slate.Entries.Select(e => new[]
            {
                N(e.Rank, "0"), $"{e.BestRank}–{e.WorstRank}", e.Person.Value, e.ProbabilityReadyNow is { } p ? N(p, "0.000") : string.Empty,
                BandName(e.Band), string.Join(", ", e.KeyGaps), e.Signals == ReadinessSignals.None ? string.Empty : e.Signals.ToString(),
            }));
        story.Say("Left off: " + string.Join(", ", slate.Excluded.GroupBy(x => x.Reason).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key}")) +
            ". The slate lists the best band first and, within a band, the likeliest to be ready now. \"Could be\" is the 90% range of the person's rank " +
            "in the whole cohort: readiness measured with error cannot order people more finely than that.");

        SuccessionSlate[] slates = projectLead is null
            ? [SuccessionSlate.Build(slateName, assessments)]
            : [SuccessionSlate.Build(slateName, assessments), SuccessionSlate.Build("Project lead, platform", new ReadinessScorer().ScoreCohort(candidates, projectLead))];
        var bench = BenchStrength.Measure(slates);
        story.Table("Bench strength", ["Role", "Ready now", "1–2 years", "3+ years", "Covered"],
            bench.Roles.Select(r => new[] { r.Role, N(r.ReadyNow, "0"), N(r.ReadyIn1To2Years, "0"), N(r.ReadyIn3PlusYears, "0"), r.Covered ? "yes" : "no" }));
        story.Say(slates.Length > 1
            ? $"{bench.Shared.Length} people are on both slates ({bench.Shared.Count(s => s.ReadyNowFor > 1)} ready now for both); {Count(bench.DistinctReadyNow, "different person is", "different people are")} ready now for at least one role."
            : $"{Count(bench.DistinctReadyNow, "person is", "people are")} ready now for the role; the CLI's talent verb takes a --role per role for a bench across roles.");
        return slate;
    }

    private static void RecomputeWeights(Story story, CompetencyModel model, RoleProfile role)
    {
        var leadershipShare = role.DomainWeight(CompetencyDomain.Leadership);
        var points = new DirectPointsWeighting();
        CompetencyWeights Within(CompetencyDomain domain) =>
            points.Weigh(role.Requirements.Where(r => r.Competency.Domain == domain).Select(r => KeyValuePair.Create(r.Competency.Id.Value, r.Importance)));
        var (withinLeadership, withinIndividual) = (Within(CompetencyDomain.Leadership), Within(CompetencyDomain.IndividualPerformance));
        var derived = DomainWeighting.Combine(model, leadershipShare, withinLeadership, withinIndividual);
        var largestDifference = role.Requirements.Max(r => Math.Abs(r.Weight.Fraction - derived[r.Competency.Id.Value].Fraction));
        story.Say(
            $"The weights come from a domain split (leadership {leadershipShare:0%}) times importance points within each domain; " +
            $"recomputed with DirectPointsWeighting and DomainWeighting they differ from the profile's by at most {largestDifference:0.0E+0}.");
    }

    private static void DevelopmentPlans(Story story, RoleProfile role, ReadinessAssessment[] scored, SuccessionSlate slate, SourceAverages sources, DateOnly reviewDate)
    {
        story.Step("Development that starts before the promotion");
        var planner = new DevelopmentPlanner();
        var chosen = new List<(ReadinessAssessment Person, string Why)>();
        if (scored.Where(a => a.Signals.HasFlag(ReadinessSignals.HighPerformerLowReadiness)).OrderByDescending(Performance).ThenBy(a => a.Person.Value, StringComparer.Ordinal).FirstOrDefault() is { } trap)
        {
            chosen.Add((trap, "a high performer with low leadership readiness"));
        }

        if (slate.Entries.FirstOrDefault(e => e.Band == ReadinessBand.ReadyIn1To2Years) is { } near)
        {
            chosen.Add((scored.Single(a => a.Person == near.Person), "on the slate, ready in 1–2 years"));
        }

        foreach (var (person, why) in chosen)
        {
            var plan = planner.Plan(person, role, reviewDate);
            story.Table(
                $"Plan for {person.Person} ({why}; P(ready now) {plan.ProbabilityReadyNow:0.000}): the gaps on the estimates close by {plan.ReadyBy:yyyy-MM-dd}, first reassessment {plan.NextReassessment:yyyy-MM-dd}",
                ["#", "Competency", "Domain", "Gap", "Years", "First intervention", "Reassess"],
                plan.Steps.Take(5).Select(step => new[]
                {
                    N(step.Order, "0"), step.Competency + (step.BelowCriticalMinimum ? " (critical)" : string.Empty), DomainName(step.Domain), N(step.Gap, "0.00"),
                    N(step.YearsToClose, "0.0"), step.Interventions[0].Name + (step.Interventions.Length > 1 ? $" (+{step.Interventions.Length - 1} more)" : string.Empty),
                    step.ReassessOn.ToString("yyyy-MM-dd", Invariant),
                }));
            if (plan.Steps.Length > 5)
            {
                story.Say($"… and {plan.Steps.Length - 5} smaller gaps.");
            }

            if (plan.LeadershipFirst)
            {
                story.Say("Leadership behaviours come first: more individual excellence is not what this person's next role needs.");
            }

            SaidBySource(story, person.Person, plan.Steps.Take(5).Select(step => step.Competency), sources);
        }

        if (chosen.Count == 0)
        {
            story.Say("Nobody carries the promotion-trap signal and nobody on the slate is 1–2 years from ready, so there is no plan to show.");
        }
    }

    private static void Fairness(Story story, DemoInputs inputs, ReadinessRun run)
    {
        story.Step("Fairness: adverse impact before and after calibration");
        if (run.Fairness is not { } fairness || inputs.Demographics is not { } demographics)
        {
            story.Say("No groups file (--groups FILE.csv, header ratee,ATTRIBUTE[,ATTRIBUTE…]): the adverse-impact audit needs demographic categories.");
            return;
        }

        // The pipeline audits each attribute alone, then (with several) their intersection: the first are the ones told here.
        foreach (var (attribute, before, after) in fairness.Attributes.Zip(fairness.RawMeans, fairness.Calibrated))
        {
            story.Table($"Scoring rate (readiness above the median) by {attribute}: raw means, then calibrated (* below the four-fifths rule's 0.8; p adjusted for the number of groups and the choice of reference)",
                ["Group", "People", "Raw: rate", "Impact ratio", "Adjusted p", "Calibrated: rate", "Impact ratio ", "Adjusted p "],
                before.Groups.Zip(after.Groups, (b, a) => new[] { b.Group, N(b.Count, "0"), N(b.Rate, "0.0%"), Ratio(b), P(b.AdjustedP), N(a.Rate, "0.0%"), Ratio(a), P(a.AdjustedP) }));
        }

        var omnibus = fairness.Calibrated.Where(a => a.Omnibus is not null).Select(a => $"{string.Join(" × ", a.Attributes)} {P(a.Omnibus!.P)}");
        story.Say(
            "An audit flag starts an investigation; it is not a verdict. With several groups and the best-scoring one as the reference, chance alone " +
            "produces flags, so each group's p-value is adjusted for both (shuffling the group labels), and one test per attribute asks first whether " +
            $"the scoring rate depends on the group at all (Fisher–Freeman–Halton p on the calibrated scores: {string.Join(", ", omnibus)}).");
        foreach (var gap in fairness.PotentialGaps.Where(g => g.OmnibusP is not null))
        {
            story.Say(
                $"Readiness for performance by {gap.Attribute} (Benson, Li and Shue's question: is a group rated less ready than people who perform as well?): " +
                string.Join(", ", gap.Groups.Select(g => $"{g.Group} {g.Gap:+0.00;−0.00} SD")) + $" (omnibus {P(gap.OmnibusP)}).");
        }

        var (ratings, role, assessments) = (run.Ratings, run.Roles[0].Role, run.Assessments);
        var bias = fairness.RaterSplits[0];
        var attributeForRaters = bias.Attribute;
        var splits = bias.Splits;
        var flagged = splits.Where(s => s.Flagged).ToArray();
        var planted = inputs.Organisation?.Raters.Where(r => r.Style == RaterStyle.FavoursGroup).Select(r => r.Rater.Value).ToHashSet() ?? [];
        story.Say(
            $"Calibration removes each rater's overall leniency, not leniency toward one group. Split by the ratee's {attributeForRaters}, " +
            $"{flagged.Length} of the {splits.Length} raters with at least {bias.Options.MinimumRateesPerGroup} ratees in two groups rate one group " +
            $"at least {bias.Options.MinimumDifference:0.0} points higher, their slope on the ratees' level allowed for, at a {bias.Options.FalseDiscoveryRate:0%} false-discovery rate" +
            (planted.Count > 0 ? $" ({flagged.Count(s => planted.Contains(s.Rater.Value))} of them among the {planted.Count} planted)" : string.Empty) +
            (flagged.Length > 0 ? ": " + string.Join(", ", flagged.Take(5).Select(s => $"{s.Rater} +{s.Difference:0.00} for {s.HighGroup} (q {s.QValue:0.000})")) : string.Empty) +
            $". {bias.NotExamined} of the {bias.Raters} raters could not be examined: {bias.OneGroupOnly} rated people of one group only, {bias.TooFewRatees} too few in each.");
        if (flagged.Length == 0)
        {
            return;
        }

        // Follow-through: set the flagged raters' ratings aside, calibrate and score again, and audit once more.
        var flaggedIds = flagged.Select(s => s.Rater).ToHashSet();
        var kept = new RatingSetBuilder(ratings.Model).AddRange(ratings.AsEnumerable().Where(r => !flaggedIds.Contains(r.Rater))).Build().Ratings;
        var recalibrated = story.Run("Calibrating again without the flagged raters", status => new CrossedRandomEffectsCalibrator().Calibrate(kept, new InlineProgress(p => status(p.Stage))));
        var rescored = new ReadinessScorer().ScoreCohort(ReadinessCandidate.FromCalibration(recalibrated, kept, inputs.Performance), role);
        var withThem = AdverseImpactAudit.Run(AuditOutcome.ScoringRate(assessments), demographics, [attributeForRaters]);
        var withoutThem = AdverseImpactAudit.Run(AuditOutcome.ScoringRate(rescored), demographics, [attributeForRaters]);
        story.Say(
            $"Setting their {ratings.Count - kept.Count:N0} ratings aside and calibrating again moves the scoring rates from " +
            string.Join(", ", withThem.Groups.Zip(withoutThem.Groups, (b, a) => $"{b.Group} {b.Rate:0.0%} → {a.Rate:0.0%}")) + ".");
    }

    private static void Validity(Story story, DemoInputs inputs, ReadinessAssessment[] scored)
    {
        story.Step("Does readiness predict how the teams do?");
        if (inputs.Outcomes.IsDefaultOrEmpty)
        {
            story.Say("No outcomes file (--outcomes FILE.csv, header ratee,outcome): the validity check needs later outcomes of the people promoted, such as their teams' results.");
            return;
        }

        // In the simulation everyone has a team outcome; the study uses the people promoted in the past — chosen mostly on
        // performance — because only they have teams. A user's outcomes file already holds just those people. Everyone
        // assessed goes in, so the study can see how much narrower the promoted are.
        var outcomes = inputs.Organisation is null
            ? inputs.Outcomes
            : [.. inputs.Outcomes.IntersectBy(
                scored.OrderByDescending(Performance).ThenBy(a => a.Person.Value, StringComparer.Ordinal).Take(PastPromotions).Select(a => a.Person),
                o => o.Person)];
        PredictiveValidityStudy study;
        try
        {
            study = PredictiveValidityStudy.Run(scored, outcomes);
        }
        catch (ArgumentException e)
        {
            story.Say($"The study could not run: {e.Message.Split('\n')[0]}");
            return;
        }

        story.Table($"Predictive validity on {study.Sample} people{(inputs.Organisation is null ? string.Empty : " promoted mostly for performance")}: team performance a year on",
            ["Predictor", "r [95%]", "p", "Adds to the other (ΔR², F test p)"],
            [
                ["Leadership readiness", Coefficient(study.Readiness), P(study.Readiness.P), $"{study.ReadinessOverPerformance.DeltaR2:0.000} (p {P(study.ReadinessOverPerformance.P)})"],
                ["Individual performance", Coefficient(study.Performance), P(study.Performance.P), $"{study.PerformanceOverReadiness.DeltaR2:0.000} (p {P(study.PerformanceOverReadiness.P)})"],
            ]);
        story.Chart("validity", "Readiness and performance as predictors of the teams' results", Charts.Validity(study));
        if (study.Restriction is { IsMaterial: true } restriction)
        {
            story.Say(
                $"The {study.Sample} people with outcomes are a narrower slice of the {restriction.Assessed:#,0} assessed: performance varies {restriction.PerformanceRatio:0.00} " +
                $"and readiness {restriction.ReadinessRatio:0.00} as much among them. Corrected for that (Thorndike Case II), performance's r is " +
                $"{restriction.PerformanceCorrected:0.00} and readiness's {restriction.ReadinessCorrected:0.00}" +
                (restriction.PerformanceRatio < restriction.ReadinessRatio ? ": the table above flatters what readiness adds over performance." : "."));
        }

        story.Say(inputs.Organisation is null
            ? "Where the outcomes are those of people promoted in the past, correlations among them are restricted in range and understate validity in the whole population."
            : "The simulation was built on the premise (a team's result is mostly its leader's true leadership), so this shows the study " +
              "finds such an effect — not that it holds in your organisation. Run it on your own promotions and outcomes (--outcomes).");
    }

    /// <summary>
    /// The same organisation over three yearly cycles, with a leadership programme after the first and its best performers
    /// promoted at the last: who grew, what the programme did, and whether readiness at promotion told the better leaders.
    /// </summary>
    private static void AYearLater(Story story, DemoInputs inputs)
    {
        story.Step("Two years on: who grew, did development work, and did readiness pick the better leaders?");
        if (inputs.Organisation is not { } organisation)
        {
            story.Say("Growth needs ratings from several review cycles: run `readiness progress --ratings FILE --cycles cycles.csv` (a cycle column in the ratings, and each cycle's date) — with `--development` for who took part in which programme and `--role` for readiness from measured growth.");
            return;
        }

        var later = OrganisationSimulator.Generate(organisation.Options with { Cycle = null, Cycles = 3, DevelopmentShare = 0.3, PromotionShare = 0.1 });
        var ratings = later.TakeInRatings().Ratings;
        var growth = story.Run("Fitting the longitudinal model", _ => new LongitudinalCalibrator().Calibrate(ratings, later.ReviewCycles!, later.Development));
        var cycles = later.ReviewCycles!.Cycles;
        var spread = Math.Sqrt(growth.VarianceOf(VarianceComponent.RateeTime) ?? 0);
        story.Say(
            $"The same {later.People.Length:#,0} people rated again in {cycles[1].Date:yyyy} and {cycles[2].Date:yyyy} ({ratings.Count:#,0} ratings over three cycles). " +
            $"On average they grew {growth.Growth.Average(g => g.Growth):+0.00;-0.00} scale points a year — {growth.Growth.Average(g => g.Growth) / new ScoringOptions().DevelopmentRate:0%} of the {new ScoringOptions().DevelopmentRate:0.0} a year scoring assumes when nothing is measured — " +
            $"and people differ around that by {spread:0.00} a year (SD); level and growth correlate {growth.LevelGrowthCorrelation:+0.00;-0.00}.");
        story.Table("The fastest growers (growth a year, averaged over the competencies, with its standard error)",
            ["Person", "Growth a year", "Cycles rated"],
            [.. growth.Growth.OrderByDescending(g => g.Growth).ThenBy(g => g.Person).Take(5)
                .Select(g => new[] { g.Person.Value, $"{g.Growth:+0.00;-0.00} ± {g.StandardError:0.00}", g.Cycles.ToString(Invariant) })]);

        if (growth.InterventionEffects.FirstOrDefault() is { During: { } during } programme)
        {
            story.Say(
                $"The leadership programme ({programme.People} people, six months) goes with {during.Estimate:+0.00;-0.00} [{programme.DuringLower:+0.00;-0.00}, {programme.DuringUpper:+0.00;-0.00}] a year of extra growth while it ran" +
                (programme.After is { } after ? $" and {after.Estimate:+0.00;-0.00} [{programme.AfterLower:+0.00;-0.00}, {programme.AfterUpper:+0.00;-0.00}] after it." : ".") +
                " The simulation planted +0.30 and +0.10, but put people forward for a low level, as organisations do: the estimate compares them with people not chosen, " +
                "and that choice, not the programme alone, is in it. Only places given by lot would tell the programme's own effect.",
                emphasis: true);
        }

        var followUp = PromotionFollowUp.Run(growth, ratings, later.Promotions, [inputs.Role], later.TeamOutcomes, PerformanceSet.Create(later.PerformanceRecords).Performance);
        if (followUp.Study is not { } study)
        {
            story.Say($"The promotion follow-up could not run: {followUp.StudyNote}");
            return;
        }

        story.Table($"The {followUp.Promotions.Length} promoted at {cycles[2].Date:yyyy-MM-dd} for their performance: their teams a year on, by their readiness then",
            ["Band at promotion", "People", "Team outcome (mean)"],
            [.. followUp.ByBand.Select(b => new[] { BandName(b.Band), b.People.ToString(Invariant), b.MeanOutcome.ToString("0.0", Invariant) })]);
        // The words follow the numbers: a correlation is said to predict only where its test says so at 5%.
        static string Predicted(ValidityCoefficient c, string by) =>
            $"{(c.P < 0.05 ? "was predicted" : "was not detectably predicted")} by their {by} (r {Coefficient(c)}, p {P(c.P)})";
        story.Say(
            $"Among the promoted, how their teams did a year on {Predicted(study.Performance, "performance at promotion")}, and {Predicted(study.Readiness, "readiness then")}; " +
            $"readiness adds {study.ReadinessOverPerformance.DeltaR2:0.000} to what performance explains (p {P(study.ReadinessOverPerformance.P)})." +
            (study.Readiness.P < 0.05 && study.Performance.P >= 0.05
                ? " The organisation chose on the measure that does not predict: promote into readiness, and develop it before the promotion."
                : string.Empty));

        // A simulation knows what every person's team would have done: the same number promoted on readiness instead.
        var promotedOn = followUp.Promotions[0].Promotion.Date;
        var outcome = later.TeamOutcomes.ToDictionary(o => o.Person, o => o.Value);
        var byReadiness = new ReadinessScorer().ScoreCohort(ReadinessCandidate.FromGrowth(growth, promotedOn, ratings, PerformanceSet.Create(later.PerformanceRecords).Performance), inputs.Role)
            .Where(a => a.IsScored).Order(ReadinessAssessment.MostReadyFirst).Take(followUp.Promotions.Length).ToArray();
        var promotedMean = followUp.Promotions.Average(p => outcome[p.Promotion.Person]);
        var readyMean = byReadiness.Average(a => outcome[a.Person]);
        var both = byReadiness.Count(a => followUp.Promotions.Any(p => p.Promotion.Person == a.Person));
        var all = outcome.Values.ToArray();
        var sd = Math.Sqrt(all.Sum(v => (v - all.Average()) * (v - all.Average())) / (all.Length - 1));
        story.Say(
            $"The simulation knows how every person's team would have done. Promoted on performance, the {followUp.Promotions.Length} led teams averaging {promotedMean:0.0} a year on; " +
            $"the {byReadiness.Length} most ready at {promotedOn:yyyy-MM-dd} (ranked as the slates rank them; {both} of them were promoted anyway) would have led teams averaging {readyMean:0.0} " +
            $"({readyMean - promotedMean:+0.0;-0.0} points; outcomes across the organisation have an SD of {sd:0.0}).",
            emphasis: true);
    }

    private static double Performance(ReadinessAssessment a) => a.Performance ?? a.PerformanceIndex ?? double.NaN;

    private static string Coefficient(ValidityCoefficient c) => $"{c.R:0.00} [{c.Lower:0.00}, {c.Upper:0.00}]";

    private static string Ratio(GroupRate g) => g.ImpactRatio is { } r ? (r < 0.8 ? $"{r:0.00}*" : $"{r:0.00}") : "—";

    private static string P(double? p) => p switch
    {
        null => "—",
        < 0.001 => "<0.001",
        { } v => v.ToString("0.000", Invariant),
    };

    /// <summary>
    /// What each source said of the person on the plan's first competencies, as their feedback report shows it: a source
    /// fewer than <see cref="SourceAverages.MinimumRaters"/> of whose raters rated them is kept back, with their number.
    /// </summary>
    private static void SaidBySource(Story story, RateeId person, IEnumerable<CompetencyId> competencies, SourceAverages sources)
    {
        var averages = sources.People.Single(p => p.Person == person).Averages;
        var columns = averages.Select(a => a.Source).Distinct().Order().ToArray();
        story.Table(
            $"What each source said of {person} (raw averages; a source with fewer than {sources.MinimumRaters} raters is kept back, self and manager excepted)",
            ["Competency", .. columns.Select(SourceLabel)],
            competencies.Select(competency => new[] { competency.Value }.Concat(columns.Select(source =>
                averages.FirstOrDefault(a => a.Competency == competency && a.Source == source) is { } a
                    ? a.Average is { } v ? $"{v.ToString("0.00", Invariant)} ({a.Raters})" : $"kept back ({a.Raters})"
                    : "—")).ToArray()));
    }

    private static string SourceLabel(RaterSource source) => source switch
    {
        RaterSource.DirectReport => "Direct reports",
        RaterSource.SkipLevel => "Skip-level",
        RaterSource.Peer => "Peers",
        RaterSource.Assessor => "Assessors",
        _ => source.ToString(),
    };

    private static string N(double? value, string format) => value is { } v ? v.ToString(format, Invariant) : "—";

    /// <summary>"1 different person is" or "3 different people are".</summary>
    private static string Count(int n, string one, string many) => $"{n} {(n == 1 ? one : many)}";

    internal static string BandName(ReadinessBand band) => band switch
    {
        ReadinessBand.ReadyNow => "ready now",
        ReadinessBand.ReadyIn1To2Years => "1–2 years",
        ReadinessBand.ReadyIn3PlusYears => "3+ years",
        ReadinessBand.NotOnLeadershipTrack => "not on track",
        _ => "no evidence",
    };

    private static string DomainName(CompetencyDomain domain) =>
        domain == CompetencyDomain.Leadership ? "Leadership" : "Individual performance";

    /// <summary>Reports progress on the calibrating thread (Progress&lt;T&gt; would post to the thread pool and arrive late).</summary>
    private sealed class InlineProgress(Action<CalibrationProgress> report) : IProgress<CalibrationProgress>
    {
        public void Report(CalibrationProgress value) => report(value);
    }
}
