using System.Text.Json;
using Readiness.Evidence;
using Readiness.Pipeline;
using Readiness.Reliability;
using Readiness.Scoring;

namespace Readiness.Cli;

/// <summary>
/// <c>readiness score --ratings FILE.csv [--performance FILE.csv] [--role ROLE.json] [--method …] [--out DIR]</c>: calibrates the
/// ratings, scores every ratee against the role and writes readiness.csv and explanations.json.
/// </summary>
internal static class ScoreVerb
{
    public static int Run(
        FileInfo ratingsFile, FileInfo? modelFile, ColumnMap columns, FileInfo? performanceFile, FileInfo? roleFile, CohortSettings settings, AnonymityOptions anonymity, DirectoryInfo output, TextWriter console, TextWriter error)
    {
        try
        {
            BadInput.RefuseOverwrite(output, ["readiness.csv", "explanations.json", "warnings.txt", "rejects.csv"], ratingsFile, modelFile, performanceFile, roleFile);
            var model = CohortInput.ReadModel(modelFile);
            var role = CohortInput.ReadRole(roleFile, model);
            var performance = performanceFile is null ? null : ReadPerformance(performanceFile, error);
            var run = CohortInput.Run(
                ratingsFile, columns, model, modelFile is not null, settings, intake => new ReadinessRunInput(intake, [role]) { Performance = performance }, new ReadinessPipelineOptions(), output, console, error);
            if (run is null)
            {
                return WeightsVerb.BadInput;
            }

            var assessments = run.Assessments;
            using (var staging = OutputStaging.Begin(output))
            {
                CalibrateVerb.WriteWarningsFile(staging.Directory, run.Calibration);
                WriteReadiness(staging.Directory, assessments);
                WriteExplanations(staging.Directory, assessments, SourceAverages.Compute(run.Ratings, anonymity));
                staging.Commit();
            }

            var bands = assessments.GroupBy(a => a.Band).OrderBy(g => g.Key).Select(g => $"{BandName(g.Key)} {g.Count()}");
            console.WriteLine($"Scored {assessments.Length} people against {role}: {string.Join(", ", bands)}.");
            console.WriteLine($"Wrote readiness.csv, explanations.json, warnings.txt and manifest.json to {output.FullName}");
            return WeightsVerb.Ok;
        }
        catch (Exception e) when (BadInput.Is(e))
        {
            return BadInput.Report(e, error);
        }
    }

    /// <summary>Band names as written to files: lower-case and stable.</summary>
    public static string BandName(ReadinessBand band) => band switch
    {
        ReadinessBand.ReadyNow => "ready-now",
        ReadinessBand.ReadyIn1To2Years => "ready-1-2-years",
        ReadinessBand.ReadyIn3PlusYears => "ready-3-plus-years",
        ReadinessBand.NotOnLeadershipTrack => "not-on-track",
        _ => "insufficient-evidence",
    };

    /// <summary>Reads <c>ratee,performance</c>; a bad or repeated row is reported on standard error and left out (never silently).</summary>
    internal static PerformanceSet ReadPerformance(FileInfo file, TextWriter error)
    {
        var intake = PerformanceSet.Create(PersonValuesCsv.Read(file, "performance", error).Select(v => new PerformanceRecord(v.Person, v.Value)));
        foreach (var rejected in intake.Report.Rejected)
        {
            error.WriteLine($"warning: {file.Name}: {rejected.Message}");
        }

        return intake.Performance;
    }

    private static void WriteReadiness(DirectoryInfo output, IEnumerable<ReadinessAssessment> assessments)
    {
        using var writer = new StreamWriter(Path.Combine(output.FullName, "readiness.csv"));
        writer.WriteLine("ratee,index,lower,upper,band,performance,flags,p_ready_now,p_ready_within_2y,rank_low,rank_high");
        string N(double? v) => v is { } x ? RatingsCsv.Number(Math.Round(x, 4)) : string.Empty;
        foreach (var a in assessments)
        {
            var signals = RatingsCsv.Flags(a.Signals);
            writer.WriteLine($"{RatingsCsv.Field(a.Candidate.Value)},{N(a.Index)},{N(a.Lower)},{N(a.Upper)},{BandName(a.Band)},{N(a.Performance ?? a.PerformanceIndex)},{signals}," +
                $"{N(a.ProbabilityReadyNow)},{N(a.ProbabilityReadyNearTerm)},{N(a.RankLow)},{N(a.RankHigh)}");
        }
    }

    /// <summary>
    /// Each person's scores, gaps and contributions, and per competency what each rater source said of them — kept back (null,
    /// with the number of raters) where fewer of a source's raters than the anonymity threshold rated them.
    /// </summary>
    private static void WriteExplanations(DirectoryInfo output, IEnumerable<ReadinessAssessment> assessments, SourceAverages sources)
    {
        var bySource = sources.People.ToDictionary(p => p.Person, p => p.Averages.ToLookup(a => a.Competency));
        using var stream = File.Create(Path.Combine(output.FullName, "explanations.json"));
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            foreach (var a in assessments)
            {
                json.WriteStartObject();
                json.WriteString("ratee", a.Candidate.Value);
                json.WriteString("role", a.ProfileId);
                json.WriteString("policy", a.Policy.ToString());
                Number(json, "index", a.Index);
                Number(json, "lower", a.Lower);
                Number(json, "upper", a.Upper);
                json.WriteString("band", BandName(a.Band));
                Number(json, "pReadyNow", a.ProbabilityReadyNow);
                Number(json, "pReadyWithin2Years", a.ProbabilityReadyNearTerm);
                Number(json, "expectedShortfall", a.ExpectedShortfall);
                Number(json, "expectedSurplus", a.ExpectedSurplus);
                Number(json, "rank", a.CohortRank);
                Number(json, "rankLow", a.RankLow);
                Number(json, "rankHigh", a.RankHigh);
                Number(json, "yearsToReady", a.YearsToReady);
                Number(json, "performanceIndex", a.PerformanceIndex);
                json.WriteString("signals", a.Signals.ToString());
                json.WriteStartArray("missingEvidence");
                foreach (var m in a.Evidence.Missing)
                {
                    json.WriteStringValue(m);
                }

                json.WriteEndArray();
                json.WriteStartArray("competencies");
                foreach (var c in a.Competencies)
                {
                    json.WriteStartObject();
                    json.WriteString("competency", c.Competency);
                    json.WriteNumber("target", c.Target);
                    Number(json, "criticalMinimum", c.CriticalMinimum);
                    json.WriteNumber("weight", c.Weight);
                    Number(json, "estimate", c.Estimate);
                    Number(json, "se", c.StandardError);
                    Number(json, "gap", c.Gap);
                    Number(json, "contribution", c.Contribution);
                    json.WriteBoolean("belowCriticalMinimum", c.BelowCriticalMinimum);
                    json.WriteStartArray("sources");
                    foreach (var s in bySource.TryGetValue(a.Candidate, out var averages) ? averages[c.Competency] : [])
                    {
                        json.WriteStartObject();
                        json.WriteString("source", RatingsCsv.SourceName(s.Source));
                        json.WriteNumber("raters", s.Raters);
                        Number(json, "average", s.Average);
                        json.WriteBoolean("withheld", s.Withheld);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        stream.WriteByte((byte)'\n');
    }

    private static void Number(Utf8JsonWriter json, string name, double? value) => WeightsVerb.WriteNumberOrNull(json, name, value);
}
