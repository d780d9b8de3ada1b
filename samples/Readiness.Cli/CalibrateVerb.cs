using System.Globalization;
using System.Text.Json;
using Readiness.Calibration;
using Readiness.Evidence;

namespace Readiness.Cli;

/// <summary>
/// <c>readiness calibrate --ratings FILE.csv [--method …] [--out DIR]</c>: rater-bias calibration of a ratings export, written
/// as estimates.csv, raters.csv, model.json and rejects.csv.
/// </summary>
internal static class CalibrateVerb
{
    public static int Run(
        FileInfo ratingsFile,
        string method,
        CrossedModelPath path,
        FileInfo? modelFile,
        ColumnMap columns,
        DirectoryInfo output,
        TextWriter console,
        TextWriter error,
        (double Seconds, long Megabytes)? limits = null)
    {
        RatingsFile? file = null;
        RatingIntake intake;
        CalibrationResult result;
        double fitSeconds;
        IRatingCalibrator calibrator;
        try
        {
            calibrator = Calibrator(method, path, limits);
        }
        catch (Exception e) when (e is ArgumentException or OverflowException)
        {
            // A limit out of range: the library's message names the setting and its rule.
            error.WriteLine($"error: {e.Message.Split('\n')[0].TrimEnd()}");
            return WeightsVerb.BadInput;
        }

        try
        {
            BadInput.RefuseOverwrite(output, ["estimates.csv", "raters.csv", "model.json", "rejects.csv", "warnings.txt"], ratingsFile, modelFile);
            var model = CohortInput.ReadModel(modelFile);
            // None usable: the commonest reasons, each with an example line, as every verb says them.
            if (CohortInput.ReadRatings(ratingsFile, columns, model, modelFile is not null, output, error) is not { } read)
            {
                return WeightsVerb.BadInput;
            }

            (file, intake) = (read, read.Intake);

            console.WriteLine($"Read {intake.Report}.");
            var clock = System.Diagnostics.Stopwatch.StartNew();
            result = calibrator.Calibrate(intake.Ratings, new ConsoleProgress(error));
            fitSeconds = clock.Elapsed.TotalSeconds;
            output.Create();
        }
        catch (Exception e) when (BadInput.Is(e))
        {
            var code = BadInput.Report(e, error, ratingsFile.Name);
            if (file is not null && e is InsufficientRatingsException && file.Intake.Report.Rejected.Length > 0)
            {
                // The rows were read but are too few to calibrate: the rejects still say what was wrong with the others.
                WriteRefusedRun(output, file);
                var rejected = file.Intake.Report.Rejected.Length;
                error.WriteLine($"{rejected} rejected row{(rejected == 1 ? " is" : "s are")} listed in rejects.csv in {output.FullName}");
            }

            if (e is CalibrationBudgetException)
            {
                error.WriteLine(path switch
                {
                    CrossedModelPath.Scalable => "hint: on the command line, --max-memory-mb raises the memory allowed (0 for a quarter of the memory available).",
                    CrossedModelPath.Exact => "hint: on the command line, --path scalable takes the scalable path, and --max-seconds and --max-memory-mb raise the limits.",
                    _ => "hint: on the command line, --max-memory-mb raises the memory allowed and --max-seconds the exact path's time (auto weighed both paths).",
                });
            }

            return code;
        }

        using (var staging = OutputStaging.Begin(output))
        {
            WriteEstimates(staging.Directory, result);
            WriteRaters(staging.Directory, result);
            WriteModel(staging.Directory, result, intake.Report);
            WriteRejects(staging.Directory, file);
            WriteWarningsFile(staging.Directory, result);
            staging.Commit();
        }

        var raters = result.RaterEffects.Length == 0 ? "no rater effects" : $"{result.RaterEffects.Length} rater effects";
        console.WriteLine($"{result.Method} ({result.Algorithm}): {result.Estimates.Length} estimates, {raters}, " +
                          $"{(result.Converged ? "converged" : "NOT converged")} after {result.Iterations} iterations, " +
                          $"fitted in {fitSeconds.ToString("F2", CultureInfo.InvariantCulture)} s.");
        WriteWarnings(result, console);

        console.WriteLine($"Wrote estimates.csv, raters.csv, model.json, rejects.csv, warnings.txt and manifest.json to {output.FullName}");
        return WeightsVerb.Ok;
    }

    /// <summary>
    /// The calibration's warnings, one line each: every verb that calibrates prints them, since they say what the numbers
    /// that follow can and cannot be trusted for (a rater term left out, groups never compared, a boundary fit).
    /// </summary>
    internal static void WriteWarnings(CalibrationResult result, TextWriter console)
    {
        foreach (var warning in result.Warnings)
        {
            console.WriteLine($"warning: {warning}");
        }
    }

    /// <summary>
    /// warnings.txt in the output directory: the calibration's warnings, one per line, empty when there are none. Every verb
    /// that calibrates writes it beside its results, so that a pipeline reading only the files learns what the console said.
    /// </summary>
    internal static void WriteWarningsFile(DirectoryInfo output, CalibrationResult result) =>
        File.WriteAllLines(Path.Combine(output.FullName, "warnings.txt"), result.Warnings);

    /// <summary>The calibrator for a method name; the crossed model with the path and, when given, the limits (seconds for the exact path, megabytes for a fit).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit breaks its rule; the message names the setting.</exception>
    internal static IRatingCalibrator Calibrator(string method, CrossedModelPath path, (double Seconds, long Megabytes)? limits = null) => method switch
    {
        "none" => new RawMeanCalibrator(),
        "mean-centre" => new MeanCentringCalibrator(),
        "standardise" => new StandardisationCalibrator(),
        "rasch" => new ManyFacetRaschCalibrator(),
        _ => new CrossedRandomEffectsCalibrator(limits is var (seconds, megabytes)
            ? new CrossedModelSettings { Path = path, ExactPathMaxSeconds = seconds, MaxMemoryBytes = checked(megabytes * 1_000_000) }
            : new CrossedModelSettings { Path = path }),
    };

    private static void WriteEstimates(DirectoryInfo output, CalibrationResult result)
    {
        using var writer = new StreamWriter(Path.Combine(output.FullName, "estimates.csv"));
        writer.WriteLine("ratee,competency,estimate,se,ratings,raters");
        foreach (var e in result.Estimates)
        {
            writer.WriteLine($"{RatingsCsv.Field(e.Ratee.Value)},{e.Competency},{RatingsCsv.Number(e.Estimate)},{RatingsCsv.Number(e.StandardError)},{e.Ratings},{e.Raters}");
        }
    }

    private static void WriteRaters(DirectoryInfo output, CalibrationResult result)
    {
        using var writer = new StreamWriter(Path.Combine(output.FullName, "raters.csv"));
        writer.WriteLine("rater,effect,se,ratings");
        foreach (var r in result.RaterEffects)
        {
            writer.WriteLine($"{RatingsCsv.Field(r.Rater.Value)},{RatingsCsv.Number(r.Effect)},{RatingsCsv.Number(r.StandardError)},{r.Ratings}");
        }
    }

    /// <summary>
    /// A refused run's one output, rejects.csv, committed as every run's outputs are: owner-only, with the run's manifest,
    /// and the verb's earlier outputs removed, so the folder never shows a refused run's rejects beside an earlier run's
    /// results and a manifest that no longer describes them.
    /// </summary>
    internal static void WriteRefusedRun(DirectoryInfo output, RatingsFile file)
    {
        using var staging = OutputStaging.Begin(output);
        WriteRejects(staging.Directory, file);
        staging.Commit();
    }

    internal static void WriteRejects(DirectoryInfo output, RatingsFile file)
    {
        using var writer = new StreamWriter(Path.Combine(output.FullName, "rejects.csv"));
        writer.WriteLine("line,reason,message");
        foreach (var r in file.Report.Rejected)
        {
            writer.WriteLine($"{file.Lines[r.Row]},{r.Reason},{RatingsCsv.Field(file.Message(r))}");
        }
    }

    private static void WriteModel(DirectoryInfo output, CalibrationResult result, IntakeReport report)
    {
        using var stream = File.Create(Path.Combine(output.FullName, "model.json"));
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("method", MethodName(result.Method));
        json.WriteString("algorithm", result.Algorithm);
        json.WriteNumber("submitted", report.Submitted);
        json.WriteNumber("accepted", report.Accepted);
        json.WriteNumber("rejected", report.Rejected.Length);
        json.WriteStartObject("varianceComponents");
        foreach (var v in result.VarianceComponents)
        {
            json.WriteNumber(v.Name, v.Variance);
        }

        json.WriteEndObject();
        if (result.VarianceComponents.Any(v => v.MonteCarloError is not null))
        {
            // The scalable path estimates REML with random probes: how far each component may sit from the optimum on that account.
            json.WriteStartObject("varianceComponentMonteCarloErrors");
            foreach (var v in result.VarianceComponents)
            {
                json.WriteNumber(v.Name, v.MonteCarloError ?? 0);
            }

            json.WriteEndObject();
        }

        json.WriteStartArray("fixedEffects");
        foreach (var f in result.FixedEffects)
        {
            json.WriteStartObject();
            json.WriteString("name", f.Name);
            json.WriteNumber("estimate", f.Estimate);
            WriteNumberOrNull(json, "se", f.StandardError);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("sourceEffects");
        foreach (var s in result.SourceEffects)
        {
            json.WriteStartObject();
            json.WriteString("source", RatingsCsv.SourceName(s.Source));
            json.WriteNumber("effect", s.Effect);
            WriteNumberOrNull(json, "se", s.StandardError);
            json.WriteNumber("ratings", s.Ratings);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteNumber("iterations", result.Iterations);
        json.WriteBoolean("converged", result.Converged);
        WriteNumberOrNull(json, result.Rasch is null ? "remlCriterion" : "minusTwoLogLikelihood", result.Objective ?? double.NaN);
        if (result.Rasch is { } rasch)
        {
            WriteRasch(json, rasch);
        }

        json.WriteStartArray("warnings");
        foreach (var w in result.Warnings)
        {
            json.WriteStringValue(w);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        stream.WriteByte((byte)'\n');
    }

    /// <summary>The many-facet Rasch measures: competencies, raters (and sources) by id, thresholds, categories and separation.</summary>
    private static void WriteRasch(Utf8JsonWriter json, RaschFit rasch)
    {
        WriteElements(json, "competencies", rasch.Competencies);
        WriteElements(json, "raters", rasch.Raters);
        if (rasch.Sources.Length > 0)
        {
            WriteElements(json, "sources", rasch.Sources);
        }

        json.WriteStartArray("thresholds");
        foreach (var t in rasch.Thresholds)
        {
            json.WriteNumberValue(t);
        }

        json.WriteEndArray();
        json.WriteBoolean("thresholdsOrdered", rasch.ThresholdsOrdered);
        json.WriteStartArray("categories");
        foreach (var c in rasch.Categories)
        {
            json.WriteStartObject();
            json.WriteNumber("level", c.Level);
            json.WriteNumber("count", c.Count);
            WriteNumberOrNull(json, "averageMeasure", c.AverageMeasure);
            WriteNumberOrNull(json, "expectedAverageMeasure", c.ExpectedAverageMeasure);
            WriteNumberOrNull(json, "threshold", c.Threshold);
            WriteNumberOrNull(json, "thresholdSe", c.ThresholdStandardError);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("separation");
        foreach (var (facet, separation) in new[] { ("ratees", rasch.RateeSeparation), ("competencies", rasch.CompetencySeparation), ("raters", rasch.RaterSeparation) })
        {
            json.WriteStartObject(facet);
            WriteNumberOrNull(json, "separation", separation.Separation);
            WriteNumberOrNull(json, "reliability", separation.Reliability);
            WriteNumberOrNull(json, "strata", separation.Strata);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteNumber("ratingsUsed", rasch.RatingsUsed);
    }

    private static void WriteElements(Utf8JsonWriter json, string name, IEnumerable<RaschElement> elements)
    {
        json.WriteStartObject(name);
        foreach (var e in elements)
        {
            json.WriteStartObject(e.Id);
            json.WriteNumber("measure", e.Measure);
            WriteNumberOrNull(json, "se", e.StandardError);
            WriteNumberOrNull(json, "infit", e.Infit);
            WriteNumberOrNull(json, "outfit", e.Outfit);
            WriteNumberOrNull(json, "infitZ", e.InfitZ);
            WriteNumberOrNull(json, "outfitZ", e.OutfitZ);
            WriteNumberOrNull(json, "fairAverage", e.FairAverage);
            json.WriteNumber("ratings", e.Ratings);
            json.WriteBoolean("extreme", e.IsExtreme);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteNumberOrNull(Utf8JsonWriter json, string name, double value) =>
        WeightsVerb.WriteNumberOrNull(json, name, double.IsFinite(value) ? value : null);

    private static string MethodName(CalibrationMethod method) =>
        method == CalibrationMethod.None ? "none"
        : method == CalibrationMethod.MeanCentring ? "mean-centre"
        : method == CalibrationMethod.Standardisation ? "standardise"
        : method == CalibrationMethod.ManyFacetRasch ? "rasch"
        : method == CalibrationMethod.CrossedRandomEffects ? "crossed"
        : method.Name;

    /// <summary>
    /// Reports progress synchronously on standard error (Progress&lt;T&gt; would post to the thread pool and print late), each
    /// line stamped with the seconds since the fit started, so an analyst sees both what is happening and how long it takes.
    /// </summary>
    private sealed class ConsoleProgress(TextWriter error) : IProgress<CalibrationProgress>
    {
        private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

        private double _last = double.NegativeInfinity;

        /// <summary>
        /// Says where the fit is, once it has taken a second: a stage as it starts, an iteration at most every half second
        /// (a fit of 0.2 s printed fifteen lines nobody could read).
        /// </summary>
        public void Report(CalibrationProgress value)
        {
            var now = _clock.Elapsed.TotalSeconds;
            if (now < 1 || (value.Iteration > 0 && now - _last < 0.5))
            {
                return;
            }

            _last = now;
            var stamp = now.ToString("F2", CultureInfo.InvariantCulture).PadLeft(7);
            var detail = value.Iteration == 0
                ? "..."
                : $": iteration {value.Iteration}{(value.Objective is { } o ? $", {o.ToString("G10", CultureInfo.InvariantCulture)}" : string.Empty)}";
            var left = value.Remaining is { } r && value.Iteration > 0 && r.TotalSeconds >= 0.05 ? $" (about {r.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s left)" : string.Empty;
            error.WriteLine($"  [{stamp} s] {value.Stage}{detail}{left}");
        }
    }
}
