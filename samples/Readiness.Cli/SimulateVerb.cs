using System.Collections.Frozen;
using Readiness.Simulation;

namespace Readiness.Cli;

/// <summary><c>readiness simulate --people N --seed S [--group-bias SHARE] [--design D] --out DIR</c>: a synthetic organisation as CSV files.</summary>
internal static class SimulateVerb
{
    /// <summary>The rating designs by their command-line names.</summary>
    public static readonly IReadOnlyDictionary<string, RatingDesign> Designs = new Dictionary<string, RatingDesign>
    {
        ["local"] = RatingDesign.Local,
        ["widely-crossed"] = RatingDesign.WidelyCrossed,
        ["assessment-centre"] = RatingDesign.AssessmentCentre,
        ["matrix"] = RatingDesign.Matrix,
        ["anonymised"] = RatingDesign.Anonymised,
    }.ToFrozenDictionary();

    public static int Run(SimulationSettings settings, DirectoryInfo output, TextWriter console, TextWriter error)
    {
        SimulatedOrganisation organisation;
        var seed = settings.Seed;
        try
        {
            organisation = OrganisationSimulator.Generate(settings);
            output.Create();
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {e.Message.Split(Environment.NewLine)[0]}");
            return WeightsVerb.BadInput;
        }

        using (var staging = OutputStaging.Begin(output))
        {
            Write(organisation, staging.Directory);
            staging.Commit();
        }

        console.WriteLine(
            $"Simulated {organisation.People.Length} people and {organisation.Ratings.Length} ratings (seed {seed}) in {output.FullName}: " +
            "ratings.csv, performance.csv, truth.csv, groups.csv, outcomes.csv, manifest.json");
        return WeightsVerb.Ok;
    }

    /// <summary>Writes the organisation's files: ratings.csv, performance.csv, truth.csv, groups.csv and outcomes.csv.</summary>
    public static void Write(SimulatedOrganisation organisation, DirectoryInfo output)
    {
        RatingsCsv.Write(Path.Combine(output.FullName, "ratings.csv"), organisation.Ratings);
        using (var performance = new StreamWriter(Path.Combine(output.FullName, "performance.csv")))
        {
            performance.WriteLine("ratee,performance");
            foreach (var p in organisation.People)
            {
                performance.WriteLine($"{p.Id},{RatingsCsv.Number(p.Performance)}");
            }
        }

        using (var truth = new StreamWriter(Path.Combine(output.FullName, "truth.csv")))
        {
            // One file for both kinds of truth: a person's true level per competency, and each rater's planted bias.
            truth.WriteLine("kind,id,competency,value,style");
            var competencies = organisation.Settings.Model.Competencies;
            foreach (var p in organisation.People)
            {
                for (var c = 0; c < competencies.Length; c++)
                {
                    truth.WriteLine($"level,{p.Id},{competencies[c].Id},{RatingsCsv.Number(p.TrueLevels[c])},");
                }
            }

            foreach (var r in organisation.Raters)
            {
                truth.WriteLine($"rater,{r.Id},,{RatingsCsv.Number(r.Leniency)},{r.Style}");
            }
        }

        using (var groups = new StreamWriter(Path.Combine(output.FullName, "groups.csv")))
        {
            groups.WriteLine("ratee,sex,ethnicity");
            foreach (var p in organisation.People)
            {
                groups.WriteLine($"{p.Id},{organisation.Demographics.CategoryOf(p.Id, "sex")},{organisation.Demographics.CategoryOf(p.Id, "ethnicity")}");
            }
        }

        using (var outcomes = new StreamWriter(Path.Combine(output.FullName, "outcomes.csv")))
        {
            outcomes.WriteLine("ratee,outcome");
            foreach (var o in organisation.TeamOutcomes)
            {
                outcomes.WriteLine($"{o.Person},{RatingsCsv.Number(Math.Round(o.Value, 4))}");
            }
        }
    }
}
