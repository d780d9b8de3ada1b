using System.Text.Json;
using Readiness.Fairness;
using Readiness.Pipeline;

namespace Readiness.Cli;

/// <summary>
/// <c>readiness validity --ratings FILE.csv --outcomes FILE.csv [--performance FILE.csv] [--reliability R] [--out DIR]</c>: does
/// readiness predict the later outcomes better than performance? Writes validity.json.
/// </summary>
internal static class ValidityVerb
{
    public static int Run(
        FileInfo ratingsFile, FileInfo? modelFile, ColumnMap columns, FileInfo outcomesFile, FileInfo? performanceFile, FileInfo? roleFile, CohortSettings settings, double? reliability,
        DirectoryInfo output, TextWriter console, TextWriter error)
    {
        try
        {
            BadInput.RefuseOverwrite(output, ["validity.json", "warnings.txt", "rejects.csv"], ratingsFile, modelFile, outcomesFile, performanceFile, roleFile);
            var model = CohortInput.ReadModel(modelFile);
            var role = CohortInput.ReadRole(roleFile, model);
            var outcomes = PersonValuesCsv.Read(outcomesFile, "outcome", error).Select(v => new OutcomeRecord(v.Person, v.Value)).ToArray();
            var performance = performanceFile is null ? null : ScoreVerb.ReadPerformance(performanceFile, error);
            var run = CohortInput.Run(
                ratingsFile, columns, model, modelFile is not null, settings, intake => new ReadinessRunInput(intake, [role]) { Performance = performance, Outcomes = [.. outcomes] },
                new ReadinessPipelineOptions { Validity = new ValidityOptions { OutcomeReliability = reliability } }, output, console, error);
            if (run is null)
            {
                return WeightsVerb.BadInput;
            }

            var study = run.Validity!;
            using var staging = OutputStaging.Begin(output);
            var written = staging.Directory;
            CalibrateVerb.WriteWarningsFile(written, run.Calibration);
            using (var stream = File.Create(Path.Combine(written.FullName, "validity.json")))
            using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                json.WriteStartObject();
                json.WriteNumber("sample", study.Sample);
                json.WriteNumber("leftOut", study.LeftOut);
                json.WriteBoolean("binaryOutcome", study.IsBinary);
                json.WriteString("performanceMeasure", study.UsesPerformanceRecords ? "records" : "competency-index");
                Coefficient(json, "readiness", study.Readiness);
                Coefficient(json, "performance", study.Performance);
                json.WriteNumber("intercorrelation", Math.Round(study.Intercorrelation, 6));
                Incremental(json, "readinessOverPerformance", study.ReadinessOverPerformance);
                Incremental(json, "performanceOverReadiness", study.PerformanceOverReadiness);
                Auc(json, "readinessAuc", study.ReadinessAuc);
                Auc(json, "performanceAuc", study.PerformanceAuc);
                json.WriteEndObject();
            }

            staging.Commit();
            console.WriteLine($"{study.Sample} people ({study.LeftOut} outcomes without a score or performance): readiness r = {study.Readiness.R:0.00} " +
                $"[{study.Readiness.Lower:0.00}, {study.Readiness.Upper:0.00}], performance r = {study.Performance.R:0.00} [{study.Performance.Lower:0.00}, {study.Performance.Upper:0.00}]; " +
                $"readiness adds ΔR² {study.ReadinessOverPerformance.DeltaR2:0.000} over performance (p {study.ReadinessOverPerformance.P:0.0000}).");
            console.WriteLine($"Wrote validity.json, warnings.txt and manifest.json to {output.FullName}");
            return WeightsVerb.Ok;
        }
        catch (Exception e) when (BadInput.Is(e, arguments: true))
        {
            return BadInput.Report(e, error);
        }
    }

    private static void Coefficient(Utf8JsonWriter json, string name, ValidityCoefficient c)
    {
        json.WriteStartObject(name);
        json.WriteNumber("r", Math.Round(c.R, 6));
        json.WriteNumber("lower", Math.Round(c.Lower, 6));
        json.WriteNumber("upper", Math.Round(c.Upper, 6));
        json.WriteNumber("p", c.P);
        WeightsVerb.WriteNumberOrNull(json, "corrected", c.Corrected is { } v ? Math.Round(v, 6) : null);
        json.WriteEndObject();
    }

    private static void Incremental(Utf8JsonWriter json, string name, IncrementalValidity v)
    {
        json.WriteStartObject(name);
        json.WriteNumber("baseR2", Math.Round(v.BaseR2, 6));
        json.WriteNumber("fullR2", Math.Round(v.FullR2, 6));
        json.WriteNumber("deltaR2", Math.Round(v.DeltaR2, 6));
        json.WriteNumber("f", Math.Round(v.F, 6));
        json.WriteNumber("p", v.P);
        json.WriteEndObject();
    }

    private static void Auc(Utf8JsonWriter json, string name, AreaUnderCurve? auc)
    {
        if (auc is null)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartObject(name);
        json.WriteNumber("auc", Math.Round(auc.Auc, 6));
        json.WriteNumber("lower", Math.Round(auc.Lower, 6));
        json.WriteNumber("upper", Math.Round(auc.Upper, 6));
        json.WriteEndObject();
    }
}
