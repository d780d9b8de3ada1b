using System.Globalization;
using Readiness.Competencies;
using Readiness.Files;
using Readiness.Serialization;

namespace Readiness.Cli;

/// <summary>
/// <c>readiness scaffold --ratings FILE.csv [--columns …] [--out DIR]</c>: a first competency model and role profile for a
/// ratings export — its competency ids, a scale over its whole-number values, every requirement at the scale's middle —
/// written as model.json and role.json for the analyst to complete (names, domains, definitions, targets, importance).
/// </summary>
internal static class ScaffoldVerb
{
    public static int Run(FileInfo ratingsFile, ColumnMap columns, DirectoryInfo output, TextWriter console, TextWriter error)
    {
        try
        {
            BadInput.RefuseOverwrite(output, ["model.json", "role.json"], ratingsFile);
            var survey = InputFileException.Reading(ratingsFile, () => RatingsTable.Survey(ratingsFile.FullName, columns));
            var (competencies, minimum, maximum) = (survey.Competencies, survey.Minimum, survey.Maximum);
            if (competencies.Length == 0 || !double.IsFinite(minimum))
            {
                throw new InputFileException(ratingsFile.Name, "no row has both a competency and a numeric value, so there is nothing to build a model from.");
            }

            var (low, high) = ((int)Math.Floor(minimum), (int)Math.Ceiling(maximum));
            if (high - low + 1 is < ProficiencyScale.MinLevels or > ProficiencyScale.MaxLevels)
            {
                throw new InputFileException(ratingsFile.Name, FormattableString.Invariant(
                    $"the values run from {minimum} to {maximum}, {high - low + 1} whole-number levels; a scale has {ProficiencyScale.MinLevels} to {ProficiencyScale.MaxLevels}."));
            }

            var name = Path.GetFileNameWithoutExtension(ratingsFile.Name);
            var builder = new CompetencyModelBuilder("model", $"Model for {name}")
                .WithDescription($"Scaffolded from {ratingsFile.Name}: give each competency its name, domain (Leadership or IndividualPerformance) and definition.")
                .WithScale(ProficiencyScale.Create(Enumerable.Range(low, high - low + 1).Select(v => new ScaleLevel(v, $"Level {v}", $"Level {v} of {low}–{high}."))));
            foreach (var id in competencies)
            {
                builder.AddCompetency(id, id, CompetencyDomain.Leadership, c => c.WithDefinition($"To be written: what {id} asks of a person."));
            }

            var model = builder.Build();
            var target = Math.Ceiling((low + high) / 2.0);
            var role = new RoleProfileBuilder("role", $"Role for {name}");
            foreach (var competency in model.Competencies)
            {
                role.Require(competency.Id, target, importance: 1);
            }

            using (var staging = OutputStaging.Begin(output))
            {
                File.WriteAllText(Path.Combine(staging.Directory.FullName, "model.json"), ReadinessJson.Write(model) + Environment.NewLine);
                File.WriteAllText(Path.Combine(staging.Directory.FullName, "role.json"), ReadinessJson.Write(role.Build(model)) + Environment.NewLine);
                staging.Commit();
            }

            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{model.Competencies.Length} competencies on a {low}–{high} scale; every requirement at {target}, importance 1."));
            console.WriteLine($"Wrote model.json, role.json and manifest.json to {output.FullName}: complete them (names, domains, definitions, targets, importance), then score with --model and --role.");
            return WeightsVerb.Ok;
        }
        catch (Exception e) when (BadInput.Is(e))
        {
            return BadInput.Report(e, error, ratingsFile.Name);
        }
    }
}
