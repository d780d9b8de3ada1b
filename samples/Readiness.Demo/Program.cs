using System.CommandLine;
using Readiness.Calibration;
using Readiness.Competencies;
using Readiness.Evidence;
using Readiness.Fairness;
using Readiness.Scoring;
using Readiness.Simulation;
using Readiness.Talent;
using Readiness.Weighting;
using Spectre.Console;

// The main demo. It grows with the library: the built-in framework, how the role's weights are derived, then a simulated
// organisation calibrated and scored — where the best performers are not automatically the best leaders.
var peopleOption = new Option<int>("--people") { Description = "People in the simulated organisation (400–20000).", DefaultValueFactory = _ => 1200 };
var seedOption = new Option<int>("--seed") { Description = "Random seed: the same seed tells the same story.", DefaultValueFactory = _ => 1 };
var command = new RootCommand("Readiness demo: your best performer is not automatically your best leader.") { peopleOption, seedOption };
var parsed = command.Parse(args);
if (parsed.Errors.Count > 0 || parsed.Action is not null)
{
    // Help, or options that do not parse: System.CommandLine says what and how.
    return parsed.Invoke();
}

var (people, seed) = (parsed.GetValue(peopleOption), parsed.GetValue(seedOption));
if (people is < 400 or > 20_000)
{
    Console.Error.WriteLine($"error: --people was {people}; the story needs between 400 and 20000 people (a slate of ten, 300 past promotions).");
    return 2;
}

var model = LeadershipFramework.Model;
var role = LeadershipFramework.FirstLineManager;

AnsiConsole.Write(new Rule($"[bold]{Markup.Escape(model.Name)}[/]").LeftJustified());
AnsiConsole.MarkupLine(Markup.Escape(model.Description ?? string.Empty));
AnsiConsole.WriteLine();

var scale = new Table().Title("Proficiency scale").AddColumns("Level", "Label", "Meaning");
foreach (var level in model.Scale.Levels)
{
    scale.AddRow(level.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(level.Label), Markup.Escape(level.Description));
}

AnsiConsole.Write(scale);

foreach (var domain in Enum.GetValues<CompetencyDomain>())
{
    var tree = new Tree($"[bold]{DomainName(domain)}[/] competencies");
    foreach (var competency in model.InDomain(domain))
    {
        var node = tree.AddNode($"[bold]{Markup.Escape(competency.Name)}[/] ({competency.Id}) — {Markup.Escape(competency.Definition)}");
        foreach (var anchor in competency.Anchors)
        {
            node.AddNode($"[grey]{anchor.Level} {Markup.Escape(model.Scale.GetLevel(anchor.Level).Label)}:[/] {Markup.Escape(anchor.Behaviour)}");
        }
    }

    AnsiConsole.WriteLine();
    AnsiConsole.Write(tree);
}

var profile = new Table()
    .Title($"Role profile: {Markup.Escape(role.Name)}")
    .AddColumns("Competency", "Domain", "Target", "Critical minimum", "Weight");
foreach (var requirement in role.Requirements)
{
    profile.AddRow(
        Markup.Escape(requirement.Competency.Name),
        DomainName(requirement.Competency.Domain),
        requirement.Target.ToString(System.Globalization.CultureInfo.InvariantCulture),
        requirement.CriticalMinimum?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "—",
        requirement.Weight.ToString());
}

AnsiConsole.WriteLine();
AnsiConsole.Write(profile);
AnsiConsole.MarkupLine(
    $"Leadership carries [bold]{role.DomainWeight(CompetencyDomain.Leadership) * 100:0}%[/] of the weight, individual performance " +
    $"[bold]{role.DomainWeight(CompetencyDomain.IndividualPerformance) * 100:0}%[/]: a strong individual contributor is not yet a ready manager.");

// How the profile's weights were derived: a domain split (leadership 85%, individual performance 15%) times points
// within each domain. Recomputing them with the weighting API must give the profile's weights exactly.
const double LeadershipShare = 0.85;
var points = new DirectPointsWeighting();
var withinLeadership = points.Weigh(role.Requirements.Where(r => r.Competency.Domain == CompetencyDomain.Leadership)
    .Select(r => KeyValuePair.Create(r.Competency.Id, r.Importance)));
var withinIndividual = points.Weigh(role.Requirements.Where(r => r.Competency.Domain == CompetencyDomain.IndividualPerformance)
    .Select(r => KeyValuePair.Create(r.Competency.Id, r.Importance)));
var derived = DomainWeighting.Combine(model, LeadershipShare, withinLeadership, withinIndividual);

var derivation = new Table()
    .Title("How the weights were derived: domain share × weight within the domain")
    .AddColumns("Competency", "Points", "Within domain", "Domain share", "Final weight");
foreach (var requirement in role.Requirements)
{
    var leadership = requirement.Competency.Domain == CompetencyDomain.Leadership;
    var within = (leadership ? withinLeadership : withinIndividual)[requirement.Competency.Id];
    derivation.AddRow(
        Markup.Escape(requirement.Competency.Name),
        requirement.Importance.ToString(System.Globalization.CultureInfo.InvariantCulture),
        within.ToString(),
        Weight.FromFraction(leadership ? LeadershipShare : 1 - LeadershipShare).ToString(),
        derived[requirement.Competency.Id].ToString());
}

AnsiConsole.WriteLine();
AnsiConsole.Write(derivation);
var largestDifference = role.Requirements.Max(r => Math.Abs(r.Weight.Fraction - derived[r.Competency.Id].Fraction));
AnsiConsole.MarkupLine($"Largest difference from the profile's own weights: {largestDifference:E1}.");

// The same priorities stated as pairwise judgements (AHP), with Saaty's consistency check.
var top = new PairwiseComparisonsBuilder([LeadershipFramework.SetsClearExpectations, LeadershipFramework.Delegates, LeadershipFramework.DevelopsPeers, LeadershipFramework.TechnicalExpertise])
    .Compare(LeadershipFramework.SetsClearExpectations, LeadershipFramework.Delegates, 1)
    .Compare(LeadershipFramework.SetsClearExpectations, LeadershipFramework.DevelopsPeers, 3)
    .Compare(LeadershipFramework.SetsClearExpectations, LeadershipFramework.TechnicalExpertise, 3)
    .Compare(LeadershipFramework.Delegates, LeadershipFramework.DevelopsPeers, 3)
    .Compare(LeadershipFramework.Delegates, LeadershipFramework.TechnicalExpertise, 5)
    .Compare(LeadershipFramework.DevelopsPeers, LeadershipFramework.TechnicalExpertise, 1)
    .Build();
var ahp = new PairwiseWeighting().Analyze(top);
AnsiConsole.WriteLine();
AnsiConsole.MarkupLine($"[bold]Pairwise judgements (AHP)[/] for four competencies: {Markup.Escape(ahp.Weights.ToString())}");
AnsiConsole.MarkupLine(
    $"λmax {ahp.LambdaMax:0.000}, CI {ahp.ConsistencyIndex:0.000}, CR {ahp.ConsistencyRatio:0.000} under {ahp.RandomIndexTable} " +
    $"({(ahp.IsAcceptable == true ? "consistent enough" : "too inconsistent")}: Saaty accepts ≤ {ahp.AcceptableConsistencyRatio:0.00}); " +
    $"most inconsistent: {Markup.Escape(ahp.MostInconsistent?.ToString() ?? "none")}.");

// A simulated organisation: a full 360° cycle with planted lenient and severe raters, a few raters who favour men, a
// separate performance measure, demographic attributes (for the audit only) and team outcomes a year on.
var organisation = OrganisationSimulator.Generate(new SimulationSettings { People = people, Seed = seed, GroupBiasedRaterShare = 0.05 });
var intake = organisation.TakeInRatings();
var performance = PerformanceSet.Create(organisation.People.Select(p => new PerformanceRecord(p.Id, p.Performance))).Performance;
AnsiConsole.WriteLine();
AnsiConsole.Write(new Rule("[bold]A simulated organisation, calibrated and scored[/]").LeftJustified());
AnsiConsole.MarkupLine($"Intake: {Markup.Escape(intake.Report.ToString())}.");
var calibration = new CrossedRandomEffectsCalibrator().Calibrate(intake.Ratings);
AnsiConsole.MarkupLine(
    $"Calibration ({Markup.Escape(calibration.Algorithm)}), {calibration.Iterations} iterations: variance components " +
    string.Join(", ", calibration.VarianceComponents.Select(v => $"{v.Name} {v.Variance:0.000}")) + ".");
var lenient = calibration.RaterEffects.MaxBy(r => r.Effect)!;
var severe = calibration.RaterEffects.MinBy(r => r.Effect)!;
AnsiConsole.MarkupLine($"Most lenient rater {lenient.Rater}: {lenient.Effect:+0.00;-0.00} ± {lenient.StandardError:0.00}; most severe {severe.Rater}: {severe.Effect:+0.00;-0.00} ± {severe.StandardError:0.00} scale points.");

var candidates = ReadinessCandidate.FromCalibration(calibration, intake.Ratings, performance);
var assessments = new ReadinessScorer().ScoreCohort(candidates, role);
var scored = assessments.Where(a => a.IsScored).ToArray();
var byPerformance = scored.OrderByDescending(a => a.Performance).ThenBy(a => a.Candidate).Take(10).ToArray();
var byReadiness = scored.OrderByDescending(a => a.Index).ThenBy(a => a.YearsToReady).ThenBy(a => a.Candidate).Take(10).ToArray();
var contrast = new Table().Title("The contrast: top ten by individual performance, top ten by leadership readiness")
    .AddColumns("#", "Top performer", "Performance", "Readiness", "Band", "Most ready", "Index", "Band ", "Perf.");
for (var i = 0; i < 10; i++)
{
    var p = byPerformance[i];
    var r = byReadiness[i];
    contrast.AddRow($"{i + 1}", p.Candidate.Value, $"{p.Performance:0.00}", $"{p.Index:0.0}", BandName(p.Band), r.Candidate.Value, $"{r.Index:0.0}", BandName(r.Band), $"{r.Performance:0.00}");
}

AnsiConsole.WriteLine();
AnsiConsole.Write(contrast);
var notReady = byPerformance.Count(a => a.Band is not ReadinessBand.ReadyNow and not ReadinessBand.ReadyIn1To2Years);
var overlap = byPerformance.Select(a => a.Candidate).Intersect(byReadiness.Select(a => a.Candidate)).Count();
AnsiConsole.MarkupLine(
    $"Of the ten best performers, [bold]{notReady}[/] are not ready to lead within two years, and [bold]{overlap}[/] of them are among the ten most ready. " +
    $"{scored.Count(a => a.Signals.HasFlag(ReadinessSignals.HighPerformerLowReadiness))} people carry the promotion-trap signal, " +
    $"{scored.Count(a => a.Signals.HasFlag(ReadinessSignals.OverlookedLeader))} the overlooked-leader signal; " +
    $"{assessments.Length - scored.Length} were not scored for lack of evidence.");
var bands = assessments.GroupBy(a => a.Band).OrderBy(g => g.Key).Select(g => $"{BandName(g.Key)} {g.Count()}");
AnsiConsole.MarkupLine($"Bands: {string.Join(", ", bands)}.");

// Decisions: the 9-box (performance × readiness, not performance × performance), a slate and the bench, and plans that
// start before the promotion.
var nineBox = NineBox.Place(assessments);
var grid = new Table().Title($"9-box: individual performance × leadership readiness (tertiles; {nineBox.Placements.Count(p => p.StraddlesBoundary)} of {nineBox.Placements.Length} people's readiness intervals cross a cut)")
    .AddColumns("Readiness \\ Performance", "Low", "Moderate", "High");
foreach (var readiness in Enum.GetValues<TalentLevel>().Reverse())
{
    var cells = Enum.GetValues<TalentLevel>().Select(performanceLevel =>
    {
        var cell = new NineBoxCell(performanceLevel, readiness);
        var inCell = nineBox.Placements.Where(p => p.Cell == cell).ToArray();
        return $"[bold]{cell.Number}. {Markup.Escape(cell.DefaultLabel)}[/]\n{inCell.Length} people ({inCell.Count(p => p.StraddlesBoundary)} uncertain)";
    });
    grid.AddRow([readiness.ToString(), .. cells]);
}

AnsiConsole.WriteLine();
AnsiConsole.Write(grid);
var trapped = nineBox.Placements.Count(p => p.Cell == new NineBoxCell(TalentLevel.High, TalentLevel.Low));
AnsiConsole.MarkupLine($"[bold]{trapped}[/] high performers sit in box 3, {Markup.Escape(new NineBoxCell(TalentLevel.High, TalentLevel.Low).DefaultLabel)}: promoted on performance, they would be the struggling new managers.");

// A second role to show the bench across roles: a project lead leads through influence rather than line authority.
var projectLead = new RoleProfileBuilder("project-lead", "Project lead")
    .Require(LeadershipFramework.Influences, target: 4, importance: 5, criticalMinimum: 3)
    .Require(LeadershipFramework.NavigatesComplexity, target: 4, importance: 4)
    .Require(LeadershipFramework.SetsClearExpectations, target: 4, importance: 3)
    .Require(LeadershipFramework.BuildsTrust, target: 4, importance: 3)
    .Require(LeadershipFramework.DeliversResults, target: 4, importance: 3)
    .Build(model);
var projectAssessments = new ReadinessScorer().ScoreCohort(candidates, projectLead);
var slate = SuccessionSlate.Build("Team lead, payments", assessments, new SlateOptions { MaxLength = 10 });
var projectSlate = SuccessionSlate.Build("Project lead, platform", projectAssessments, new SlateOptions { MaxLength = 10 });
var slateTable = new Table().Title($"Succession slate: {Markup.Escape(slate.Role)} ({role.Id}), the first ten")
    .AddColumns("Rank", "Could be", "Person", "Index [[90%]]", "Band", "Key gaps", "Signals");
foreach (var e in slate.Entries)
{
    slateTable.AddRow($"{e.Rank}", $"{e.BestRank}–{e.WorstRank}", e.Candidate.Value, $"{e.Index:0.0} [[{e.Lower:0.0}, {e.Upper:0.0}]]", BandName(e.Band),
        Markup.Escape(string.Join(", ", e.KeyGaps)), Markup.Escape(e.Signals == ReadinessSignals.None ? string.Empty : e.Signals.ToString()));
}

AnsiConsole.WriteLine();
AnsiConsole.Write(slateTable);
AnsiConsole.MarkupLine("Left off: " + string.Join(", ", slate.Excluded.GroupBy(x => x.Reason).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key}")) +
    ". \"Could be\" is the range of ranks the intervals allow: readiness measured with error cannot order people more finely than that.");

var bench = BenchStrength.Measure([SuccessionSlate.Build("Team lead, payments", assessments), SuccessionSlate.Build("Project lead, platform", projectAssessments)]);
var benchTable = new Table().Title("Bench strength").AddColumns("Role", "Ready now", "1–2 years", "3+ years", "Covered");
foreach (var r in bench.Roles)
{
    benchTable.AddRow(Markup.Escape(r.Role), $"{r.ReadyNow}", $"{r.ReadyIn1To2Years}", $"{r.ReadyIn3PlusYears}", r.Covered ? "yes" : "[red]no[/]");
}

AnsiConsole.WriteLine();
AnsiConsole.Write(benchTable);
AnsiConsole.MarkupLine($"{bench.Shared.Length} people are on both slates ({bench.Shared.Count(s => s.ReadyNowFor > 1)} ready now for both); {bench.DistinctReadyNow} different people are ready now for at least one role.");

// Two development plans: the promotion trap (leadership first) and a near-ready successor.
var reviewDate = new DateOnly(2027, 1, 4);
var planner = new DevelopmentPlanner();
var trap = scored.Where(a => a.Signals.HasFlag(ReadinessSignals.HighPerformerLowReadiness)).OrderByDescending(a => a.Performance).ThenBy(a => a.Candidate).First();
var nearReady = slate.Entries.First(e => e.Band == ReadinessBand.ReadyIn1To2Years);
foreach (var (person, why) in new[] { (trap, "a high performer with low leadership readiness"), (scored.Single(a => a.Candidate == nearReady.Candidate), "on the slate, ready in 1–2 years") })
{
    var plan = planner.Plan(person, role, reviewDate);
    var table = new Table()
        .Title($"Development plan for {person.Candidate} ({why}): ready by {plan.ReadyBy:yyyy-MM-dd}, first reassessment {plan.NextReassessment:yyyy-MM-dd}")
        .AddColumns("#", "Competency", "Domain", "Gap", "Years", "First intervention", "Reassess");
    foreach (var step in plan.Steps.Take(5))
    {
        table.AddRow($"{step.Order}", Markup.Escape(step.Competency) + (step.BelowCriticalMinimum ? " [red](critical)[/]" : string.Empty), DomainName(step.Domain),
            $"{step.Gap:0.00}", $"{step.YearsToClose:0.0}", Markup.Escape(step.Interventions[0].Name + (step.Interventions.Length > 1 ? $" (+{step.Interventions.Length - 1} more)" : string.Empty)), $"{step.ReassessOn:yyyy-MM-dd}");
    }

    AnsiConsole.WriteLine();
    AnsiConsole.Write(table);
    if (plan.Steps.Length > 5)
    {
        AnsiConsole.MarkupLine($"… and {plan.Steps.Length - 5} smaller gaps.");
    }

    if (plan.LeadershipFirst)
    {
        AnsiConsole.MarkupLine("Leadership behaviours come first: more individual excellence is not what this person's next role needs.");
    }
}

// Fairness: the same audit on raw means and on calibrated estimates, the raters whose bias calibration cannot see, and
// whether readiness predicts team outcomes better than performance.
AnsiConsole.WriteLine();
AnsiConsole.Write(new Rule("[bold]Is it fair, and does it work?[/]").LeftJustified());
var rawAssessments = new ReadinessScorer().ScoreCohort(ReadinessCandidate.FromCalibration(new RawMeanCalibrator().Calibrate(intake.Ratings), intake.Ratings, performance), role);
foreach (var attribute in new[] { "sex", "ethnicity" })
{
    var before = AdverseImpactAudit.Run(AuditOutcome.ScoringRate(rawAssessments), organisation.Demographics, [attribute]);
    var after = AdverseImpactAudit.Run(AuditOutcome.ScoringRate(assessments), organisation.Demographics, [attribute]);
    var audit = new Table().Title($"Scoring rate (readiness above the median) by {attribute}: raw means, then calibrated")
        .AddColumns("Group", "People", "Raw: rate", "Impact ratio", "Fisher p", "Calibrated: rate", "Impact ratio ", "Fisher p ");
    foreach (var (b, a) in before.Groups.Zip(after.Groups))
    {
        audit.AddRow(Markup.Escape(b.Group), $"{b.Count}", $"{b.Rate:P1}", Ratio(b), P(b.FisherP), $"{a.Rate:P1}", Ratio(a), P(a.FisherP));
    }

    AnsiConsole.WriteLine();
    AnsiConsole.Write(audit);
}

AnsiConsole.MarkupLine(
    "Ethnicity was drawn independently of everything else in this simulation, so its differences are chance — with three " +
    "groups and the best-scoring one as the reference, chance produces flags. An audit flag starts an investigation; it is not a verdict.");

var splits = RaterGroupBias.Analyze(intake.Ratings, calibration, organisation.Demographics, "sex");
var planted = organisation.Raters.Where(r => r.Style == RaterStyle.FavoursGroup).Select(r => r.Id).ToHashSet();
var flaggedRaters = splits.Where(s => s.Flagged).ToArray();
AnsiConsole.MarkupLine(
    $"Calibration removes each rater's overall leniency, not leniency toward one group. Split by the ratee's sex, " +
    $"[bold]{flaggedRaters.Length}[/] raters rate one group markedly higher ({flaggedRaters.Count(s => planted.Contains(s.Rater))} of them among the " +
    $"{planted.Count} planted, of whom {splits.Count(s => planted.Contains(s.Rater))} rated enough people of both sexes to be examined): " +
    string.Join(", ", flaggedRaters.Take(5).Select(s => $"{s.Rater} +{s.Difference:0.00} for {Markup.Escape(s.HighGroup)} (z {s.Z:0.0})")) + ".");

// Follow-through: set the flagged raters' ratings aside, calibrate and score again, and audit once more.
var flaggedIds = flaggedRaters.Select(s => s.Rater).ToHashSet();
var kept = new RatingSetBuilder(model).AddRange(intake.Ratings.AsEnumerable().Where(r => !flaggedIds.Contains(r.Rater))).Build().Ratings;
var recalibrated = new CrossedRandomEffectsCalibrator().Calibrate(kept);
var rescored = new ReadinessScorer().ScoreCohort(ReadinessCandidate.FromCalibration(recalibrated, kept, performance), role);
var bySexBefore = AdverseImpactAudit.Run(AuditOutcome.ScoringRate(assessments), organisation.Demographics, ["sex"]);
var bySexAfter = AdverseImpactAudit.Run(AuditOutcome.ScoringRate(rescored), organisation.Demographics, ["sex"]);
AnsiConsole.MarkupLine(
    $"Setting their {intake.Ratings.Count - kept.Count:N0} ratings aside and calibrating again moves women's scoring rate from " +
    $"{bySexBefore.Groups.Single(g => g.Group == "female").Rate:P1} to {bySexAfter.Groups.Single(g => g.Group == "female").Rate:P1} and men's from " +
    $"{bySexBefore.Groups.Single(g => g.Group == "male").Rate:P1} to {bySexAfter.Groups.Single(g => g.Group == "male").Rate:P1}: a handful of raters " +
    $"among {people:N0} people moves few across the median, but each of them shifts every person they rate.");

// The people promoted in the past were chosen mostly on performance; their teams' results a year on are the outcome.
var promoted = scored.OrderByDescending(a => a.Performance).ThenBy(a => a.Candidate).Take(300).ToArray();
var study = PredictiveValidityStudy.Run(promoted, organisation.TeamOutcomes);
var validity = new Table().Title($"Predictive validity on the {study.Sample} people promoted mostly for performance: team performance a year on")
    .AddColumns("Predictor", "r [[95%]]", "p", "Adds to the other (ΔR², F test p)");
validity.AddRow("Leadership readiness", $"{study.Readiness.R:0.00} [[{study.Readiness.Lower:0.00}, {study.Readiness.Upper:0.00}]]", P(study.Readiness.P),
    $"{study.ReadinessOverPerformance.DeltaR2:0.000} (p {P(study.ReadinessOverPerformance.P)})");
validity.AddRow("Individual performance", $"{study.Performance.R:0.00} [[{study.Performance.Lower:0.00}, {study.Performance.Upper:0.00}]]", P(study.Performance.P),
    $"{study.PerformanceOverReadiness.DeltaR2:0.000} (p {P(study.PerformanceOverReadiness.P)})");
AnsiConsole.WriteLine();
AnsiConsole.Write(validity);
AnsiConsole.MarkupLine(
    "Readiness predicts the teams' results; performance adds little. The simulation was built on the premise (a team's result " +
    "is mostly its leader's true leadership), so this shows the study finds such an effect — not that it holds in your " +
    "organisation. Run it on your own promotions and outcomes: `PredictiveValidityStudy.Run(assessments, outcomes)`.");

return 0;

static string Ratio(GroupRate g) => g.ImpactRatio is { } r ? (r < 0.8 ? $"[red]{r:0.00}[/]" : $"{r:0.00}") : "—";

static string P(double? p) => p switch
{
    null => "—",
    < 0.001 => "<0.001",
    { } v => v.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture),
};

static string BandName(ReadinessBand band) => band switch
{
    ReadinessBand.ReadyNow => "now",
    ReadinessBand.ReadyIn1To2Years => "1–2 y",
    ReadinessBand.ReadyIn3PlusYears => "3+ y",
    ReadinessBand.NotOnLeadershipTrack => "not on track",
    _ => "no evidence",
};

static string DomainName(CompetencyDomain domain) =>
    domain == CompetencyDomain.Leadership ? "Leadership" : "Individual performance";
