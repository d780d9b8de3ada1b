using Readiness.Competencies;
using Spectre.Console;

// The main demo. It grows with the library; today it shows the built-in framework the rest of the flow reads.
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

static string DomainName(CompetencyDomain domain) =>
    domain == CompetencyDomain.Leadership ? "Leadership" : "Individual performance";
