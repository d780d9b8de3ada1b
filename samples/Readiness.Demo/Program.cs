using Readiness.Calibration;
using Readiness.Competencies;
using Readiness.Evidence;
using Readiness.Scoring;
using Readiness.Simulation;
using Readiness.Weighting;
using Spectre.Console;

// The main demo. It grows with the library: the built-in framework, how the role's weights are derived, then a simulated
// organisation calibrated and scored — where the best performers are not automatically the best leaders.
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

// A simulated organisation: a full 360° cycle with planted lenient and severe raters, and a separate performance measure.
var organisation = OrganisationSimulator.Generate(new SimulationSettings { People = 1200, Seed = 1 });
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

var assessments = new ReadinessScorer().ScoreCohort(ReadinessCandidate.FromCalibration(calibration, intake.Ratings, performance), role);
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
