using System.Collections.Frozen;
using Readiness.Evidence;
using Readiness.Files;
using Readiness.Serialization;
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

    public static int Run(SimulationOptions settings, DirectoryInfo output, TextWriter console, TextWriter error)
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
            Write(organisation, staging);
            staging.Commit();
        }

        console.WriteLine(
            $"Simulated {organisation.People.Length} people and {organisation.Ratings.Length} ratings (seed {seed}) in {output.FullName}: " +
            $"ratings.csv, performance.csv, truth.csv, groups.csv, outcomes.csv, {(organisation.ReviewCycles is null ? "" : "cycles.csv, ")}{(organisation.Development.IsEmpty ? "" : "development.csv, ")}{(organisation.Promotions.IsEmpty ? "" : "promotions.csv, ")}manifest.json");
        return WeightsVerb.Ok;
    }

    /// <summary>Writes the organisation's files with the library's writers: ratings.csv, performance.csv, truth.csv, groups.csv and outcomes.csv.</summary>
    public static void Write(SimulatedOrganisation organisation, OutputStaging staging)
    {
        staging.WriteText("ratings.csv", w => RatingsTable.Write(w, organisation.Ratings));
        staging.WriteText("performance.csv", w => InputTables.WritePerformance(w, organisation.People.Select(p => new PerformanceRecord(p.Person, p.Performance))));
        staging.WriteText("truth.csv", w => Truth(w, organisation));
        staging.WriteText("groups.csv", w => InputTables.WriteGroups(w, new DemographicGroups(organisation.Demographics, ["sex", "ethnicity"]), organisation.People.Select(p => p.Person)));
        staging.WriteText("outcomes.csv", w => InputTables.WriteOutcomes(w, organisation.TeamOutcomes.Select(o => o with { Value = Math.Round(o.Value, 4) })));
        if (organisation.ReviewCycles is { } cycles)
        {
            staging.WriteText("cycles.csv", w => ProgressFiles.WriteCycles(w, cycles));
            if (!organisation.Development.IsEmpty)
            {
                staging.WriteText("development.csv", w => ProgressFiles.WriteDevelopment(w, organisation.Development));
            }

            if (!organisation.Promotions.IsEmpty)
            {
                staging.WriteText("promotions.csv", w => ProgressFiles.WritePromotions(w, organisation.Promotions));
            }
        }
    }

    /// <summary>One file for both kinds of truth, which only a simulation has: a person's true level per competency, and each rater's planted bias.</summary>
    private static void Truth(TextWriter truth, SimulatedOrganisation organisation)
    {
        truth.WriteLine("kind,id,competency,value,style");
        var competencies = organisation.Options.Model.Competencies;
        foreach (var p in organisation.People)
        {
            for (var c = 0; c < competencies.Length; c++)
            {
                truth.WriteLine($"level,{CsvCells.Field(p.Person.Value)},{CsvCells.Field(competencies[c].Id.Value)},{CsvCells.Number(p.TrueLevels[c])},");
            }

            // With several cycles, the levels are at the first, and each grows by this much a year (and by the development
            // programme's extra growth a year while it runs, for those in it).
            for (var c = 0; organisation.ReviewCycles is not null && c < competencies.Length; c++)
            {
                truth.WriteLine($"growth,{CsvCells.Field(p.Person.Value)},{CsvCells.Field(competencies[c].Id.Value)},{CsvCells.Number(p.TrueGrowth[c])},");
                if (p.TrueDevelopmentGrowth[c] != 0 || p.TrueDevelopmentAfterGrowth[c] != 0)
                {
                    truth.WriteLine($"development-during,{CsvCells.Field(p.Person.Value)},{CsvCells.Field(competencies[c].Id.Value)},{CsvCells.Number(p.TrueDevelopmentGrowth[c])},");
                    truth.WriteLine($"development-after,{CsvCells.Field(p.Person.Value)},{CsvCells.Field(competencies[c].Id.Value)},{CsvCells.Number(p.TrueDevelopmentAfterGrowth[c])},");
                }
            }
        }

        foreach (var r in organisation.Raters)
        {
            truth.WriteLine($"rater,{CsvCells.Field(r.Rater.Value)},,{CsvCells.Number(r.Leniency)},{WireNames.Of(r.Style)}");
        }
    }
}
