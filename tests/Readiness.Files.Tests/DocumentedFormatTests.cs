using System.Text.Json;
using System.Text.RegularExpressions;
using Readiness.Calibration;
using Readiness.Competencies;
using Readiness.Evidence;
using Readiness.Fairness;
using Readiness.Pipeline;
using Readiness.Reliability;
using Readiness.Scoring;
using Readiness.Serialization;
using Readiness.Simulation;
using Readiness.Talent;

namespace Readiness.Files.Tests;

/// <summary>docs/file-formats.md is the schema: every header, key and wire name it shows is what the writers write.</summary>
public sealed partial class DocumentedFormatTests
{
    private static readonly Lazy<Written> Outputs = new(Write);

    private static readonly Lazy<Dictionary<string, string>> Documented = new(() =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "file-formats.md"))
            .Select(l => Row().Match(l)).Where(m => m.Success)
            .ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value, StringComparer.Ordinal));

    public static TheoryData<string> CsvOutputs => new(Outputs.Value.Csv.Keys);

    public static TheoryData<string> JsonOutputs => new(Outputs.Value.Json.Keys);

    [Theory]
    [MemberData(nameof(CsvOutputs))]
    public void Every_csv_output_has_the_documented_header(string file) =>
        Assert.Equal(Documented.Value[file], Outputs.Value.Csv[file].Split('\n')[0].TrimEnd('\r'));

    [Theory]
    [MemberData(nameof(JsonOutputs))]
    public void Every_json_output_has_the_documented_keys(string file)
    {
        var root = JsonDocument.Parse(Outputs.Value.Json[file]).RootElement;
        var first = root.ValueKind == JsonValueKind.Array ? root[0] : root;
        Assert.Equal(Documented.Value[file], string.Join(',', first.EnumerateObject().Select(p => p.Name)));
    }

    [Fact]
    public void Every_input_header_is_the_one_its_writer_writes()
    {
        var organisation = Organisation.Value;
        Assert.Equal(Documented.Value["ratings.csv"], Header(w => RatingsTable.Write(w, organisation.Ratings)));
        Assert.Equal(Documented.Value["performance.csv"], Header(w => InputTables.WritePerformance(w, organisation.PerformanceRecords)));
        Assert.Equal(Documented.Value["outcomes.csv"], Header(w => InputTables.WriteOutcomes(w, organisation.TeamOutcomes)));
        Assert.Equal(Documented.Value["exclusions.csv"], Header(w => InputTables.WriteExclusions(w, [])));
        Assert.Equal("ratee,ATTRIBUTE[,ATTRIBUTE…]", Documented.Value["groups.csv"]);
        Assert.Equal("ratee,sex", Header(w => InputTables.WriteGroups(w, new DemographicGroups(organisation.Demographics, ["sex"]), [])));
        Assert.Equal(Documented.Value["cycles.csv"], Header(w => ProgressFiles.WriteCycles(w, Growth.Value.Fit.Cycles)));
        Assert.Equal(Documented.Value["development.csv"], Header(w => ProgressFiles.WriteDevelopment(w, [])));
        Assert.Equal(Documented.Value["promotions.csv"], Header(w => ProgressFiles.WritePromotions(w, [])));
    }

    [Fact]
    public void The_wire_names_are_the_documented_ones()
    {
        Assert.Equal(Documented.Value["ReadinessBand"], Names<ReadinessBand>());
        Assert.Equal(Documented.Value["RaterSource"], Names<RaterSource>());
        Assert.Equal(Documented.Value["ReadinessSignals"], Names<ReadinessSignals>());
        Assert.Equal(Documented.Value["ScoringPolicy"], Names<ScoringPolicy>());
        Assert.Equal(Documented.Value["RejectReason"], Names<RejectReason>());
        Assert.Equal(Documented.Value["ExclusionReason"], Names<ExclusionReason>());
        Assert.Equal(Documented.Value["TalentLevel"], Names<TalentLevel>());
        Assert.Equal(Documented.Value["InterventionType"], Names<InterventionType>());
        Assert.Equal(Documented.Value["GroupStatus"], Names<GroupStatus>());
        Assert.Equal(Documented.Value["RaterIssues"], Names<RaterIssues>());
        Assert.Equal(Documented.Value["AgreementCategory"], Names<AgreementCategory>());
        Assert.Equal(Documented.Value["AlphaMetric"], Names<AlphaMetric>());
        Assert.Equal(Documented.Value["RaterStyle"], Names<RaterStyle>());
        Assert.Equal(Documented.Value["GrowthBasis"], Names<GrowthBasis>());
        CalibrationMethod[] methods = [CalibrationMethod.None, CalibrationMethod.MeanCentring, CalibrationMethod.Standardisation, CalibrationMethod.CrossedRandomEffects, CalibrationMethod.ManyFacetRasch];
        Assert.StartsWith(string.Join("`, `", methods.Select(WireNames.Of)), Documented.Value["CalibrationMethod"], StringComparison.Ordinal);
        Assert.Equal("OthersMean", WireNames.Of(new CalibrationMethod("OthersMean")));
    }

    [Fact]
    public void Wire_names_read_back_and_flags_join_with_semicolons()
    {
        Assert.All(Enum.GetValues<ReadinessBand>(), b => Assert.True(WireNames.TryParse<ReadinessBand>(WireNames.Of(b), out var read) && read == b));
        Assert.All(Enum.GetValues<RejectReason>(), r => Assert.True(WireNames.TryParse<RejectReason>(WireNames.Of(r).ToUpperInvariant(), out var read) && read == r));
        Assert.True(WireNames.TryParse("DirectReport", out RaterSource source) && source == RaterSource.DirectReport);
        Assert.True(WireNames.TryParse("direct_report", out source) && source == RaterSource.DirectReport);
        Assert.False(WireNames.TryParse("2", out source));
        Assert.False(WireNames.TryParse("manger", out source));
        Assert.False(WireNames.TryParse(" ", out source));
        Assert.Equal("critical-gap;overlooked-leader", WireNames.Of(ReadinessSignals.CriticalGap | ReadinessSignals.OverlookedLeader));
        Assert.Equal(string.Empty, WireNames.Of(ReadinessSignals.None));
    }

    private static readonly Lazy<SimulatedOrganisation> Organisation = new(() =>
        OrganisationSimulator.Generate(new SimulationOptions { People = 120, Seed = 3 }));

    /// <summary>A small organisation over two cycles, for the files of readiness over time.</summary>
    private static readonly Lazy<(GrowthCalibration Fit, IntakeReport Intake, RatingSet Ratings)> Growth = new(() =>
    {
        var organisation = OrganisationSimulator.Generate(new SimulationOptions { People = 40, Seed = 3, Cycles = 2 });
        var intake = organisation.TakeInRatings();
        return (new LongitudinalCalibrator().Calibrate(intake.Ratings, organisation.ReviewCycles!), intake.Report, intake.Ratings);
    });

    /// <summary>Every output of a run with every input: the library's writers, as the CLI calls them.</summary>
    private static Written Write()
    {
        var organisation = Organisation.Value;
        var intake = organisation.TakeInRatings();
        var run = new ReadinessPipeline(new CrossedRandomEffectsCalibrator(), new ReadinessScorer()).Run(new ReadinessRunInput(intake, [LeadershipFramework.FirstLineManager])
        {
            Performance = PerformanceSet.Create(organisation.PerformanceRecords).Performance,
            ReviewDate = new DateOnly(2027, 1, 4),
            Demographics = organisation.Demographics,
            Outcomes = organisation.TeamOutcomes,
        });
        var reliability = ReliabilityReport.Compute(run.Ratings, run.Calibration);
        var file = new RatingsFile(intake, [.. Enumerable.Range(2, intake.Report.Submitted)]);
        var talent = run.Talent!;
        var csv = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["estimates.csv"] = Text(w => CalibrationFiles.WriteEstimates(w, run.Calibration)),
            ["raters.csv"] = Text(w => CalibrationFiles.WriteRaters(w, run.Calibration)),
            ["rejects.csv"] = Text(w => CalibrationFiles.WriteRejects(w, file)),
            ["readiness.csv"] = Text(w => ReadinessFiles.WriteReadiness(w, run.Assessments)),
            ["nine-box.csv"] = Text(w => TalentFiles.WriteNineBox(w, talent.NineBox)),
            ["slate-ROLE.csv"] = Text(w => TalentFiles.WriteSlate(w, talent.Slates[0])),
            ["bench.csv"] = Text(w => TalentFiles.WriteBench(w, talent.Bench)),
            ["audit.csv"] = Text(w => FairnessFiles.WriteAudit(w, run.Fairness!)),
            ["rater-splits.csv"] = Text(w => FairnessFiles.WriteRaterSplits(w, run.Fairness!)),
            ["potential-gap.csv"] = Text(w => FairnessFiles.WritePotentialGaps(w, run.Fairness!)),
            ["rater-diagnostics.csv"] = Text(w => ReliabilityFiles.WriteRaterDiagnostics(w, reliability)),
            ["self-other.csv"] = Text(w => ReliabilityFiles.WriteSelfOther(w, reliability)),
            ["agreement.csv"] = Text(w => ReliabilityFiles.WriteAgreement(w, reliability)),
            ["trajectories.csv"] = Text(w => ProgressFiles.WriteTrajectories(w, Growth.Value.Fit)),
            ["growth.csv"] = Text(w => ProgressFiles.WriteGrowth(w, Growth.Value.Fit)),
            ["interventions.csv"] = Text(w => ProgressFiles.WriteInterventions(w, Growth.Value.Fit)),
        };
        var json = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["model.json"] = Bytes(s => CalibrationFiles.WriteModel(s, run.Calibration, run.Intake)),
            ["explanations.json"] = Bytes(s => ReadinessFiles.WriteExplanations(s, run.Assessments, SourceAverages.Compute(run.Ratings))),
            ["validity.json"] = Bytes(s => FairnessFiles.WriteValidity(s, run.Validity!)),
            ["reliability.json"] = Bytes(s => ReliabilityFiles.WriteReliability(s, reliability)),
            ["talent.json"] = Bytes(s => ReadinessJson.Write(talent, s)),
            ["progress/model.json"] = Bytes(s => ProgressFiles.WriteModel(s, Growth.Value.Fit, Growth.Value.Intake)),
            ["promotions.json"] = Bytes(s => ProgressFiles.WriteFollowUp(s, PromotionFollowUp.Run(
                Growth.Value.Fit, Growth.Value.Ratings, [new PromotionRecord(Growth.Value.Ratings.Ratees[0], Growth.Value.Fit.Cycles.Cycles[^1].Date, "first-line-manager")], [LeadershipFramework.FirstLineManager], []))),
        };
        return new Written(csv, json);
    }

    private static string Names<T>()
        where T : struct, Enum =>
        string.Join(", ", Enum.GetValues<T>().Where(v => !typeof(T).IsDefined(typeof(FlagsAttribute), false) || Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture) != 0)
            .Select(WireNames.Of<T>)).Replace(", ", "`, `", StringComparison.Ordinal);

    private static string Header(Action<TextWriter> write) => Text(write).Split('\n')[0].TrimEnd('\r');

    private static string Text(Action<TextWriter> write)
    {
        using var writer = new StringWriter();
        write(writer);
        return writer.ToString();
    }

    private static string Bytes(Action<Stream> write)
    {
        using var stream = new MemoryStream();
        write(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>A row of a two-column table in the document, <c>| `name` | `value` |</c>: the value without its outer backticks.</summary>
    [GeneratedRegex(@"^\| `(?<name>[^`]+)` \| `?(?<value>.+?)`? \|$")]
    private static partial Regex Row();

    private sealed record Written(Dictionary<string, string> Csv, Dictionary<string, string> Json);
}
