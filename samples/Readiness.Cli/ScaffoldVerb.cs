using System.Globalization;
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

            // A scaffold is written to be edited: a second run must not put back the blanks over the analyst's work.
            if (new[] { "model.json", "role.json" }.FirstOrDefault(name => File.Exists(Path.Combine(output.FullName, name))) is { } written)
            {
                throw new InputFileException(written, $"{Path.Combine(output.FullName, written)} exists (perhaps already completed); scaffold does not overwrite it: choose another --out, or delete the file to start again.");
            }
            var survey = InputFileException.Reading(ratingsFile, () => RatingsTable.Survey(ratingsFile.FullName, columns));
            var model = InputFileException.Reading(ratingsFile, () => survey.ScaffoldModel(ratingsFile.Name));
            var role = RatingsSurvey.ScaffoldRole(model, ratingsFile.Name);
            using (var staging = OutputStaging.Begin(output))
            {
                staging.WriteText("model.json", w => w.WriteLine(ReadinessJson.Write(model)));
                staging.WriteText("role.json", w => w.WriteLine(ReadinessJson.Write(role)));
                staging.Commit();
            }

            var (low, high, target) = (model.Scale.Minimum, model.Scale.Maximum, role.Requirements[0].Target);
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
