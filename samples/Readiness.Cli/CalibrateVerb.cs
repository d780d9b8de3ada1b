using System.Globalization;
using Readiness.Calibration;
using Readiness.Evidence;
using Readiness.Files;
using Readiness.Pipeline;

namespace Readiness.Cli;

/// <summary>
/// <c>readiness calibrate --ratings FILE.csv [--method …] [--styled-raters …] [--person-effect …] [--out DIR]</c>: rater-bias calibration
/// of a ratings export, written as estimates.csv, raters.csv, model.json and rejects.csv (and set-aside-raters.csv).
/// </summary>
internal static class CalibrateVerb
{
    private const string SetAsideFile = "set-aside-raters.csv";

    private static readonly string[] Written = ["estimates.csv", "raters.csv", "model.json", "rejects.csv", "warnings.txt"];

    public static int Run(
        FileInfo ratingsFile,
        string method,
        CrossedModelPath path,
        FileInfo? modelFile,
        ColumnMap columns,
        DirectoryInfo output,
        TextWriter console,
        TextWriter error,
        (double Seconds, long Megabytes)? limits = null,
        StyledRaterPolicy styledRaters = StyledRaterPolicy.SetAsideUnlessNeeded,
        PersonEffect personEffect = PersonEffect.Automatic)
    {
        RatingsFile? file = null;
        Reliability.StyledRaterScreen? screen = null;
        RatingIntake intake;
        CalibrationResult result;
        double fitSeconds;
        IRatingCalibrator calibrator;
        try
        {
            calibrator = Calibrator(method, path, limits, personEffect);
        }
        catch (Exception e) when (e is ArgumentException or OverflowException)
        {
            // A limit out of range: the library's message names the setting and its rule.
            error.WriteLine($"error: {e.Message.Split('\n')[0].TrimEnd()}");
            return WeightsVerb.BadInput;
        }

        try
        {
            BadInput.RefuseOverwrite(output, [.. Written, .. styledRaters == StyledRaterPolicy.Keep || method != "crossed" ? Array.Empty<string>() : [SetAsideFile]], ratingsFile, modelFile);
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
            if (styledRaters != StyledRaterPolicy.Keep && result.Crossed is not null)
            {
                // The diagnostics need a first fit; the estimates come from a second one without the styled raters, kept
                // where the default evidence rules need them, as the scoring verbs keep them.
                var evidence = styledRaters == StyledRaterPolicy.SetAsideUnlessNeeded ? new Scoring.ScoringOptions() : null;
                screen = Reliability.StyledRaterScreen.Apply(intake.Ratings, result, minimumRaters: evidence?.MinimumRaters ?? 0, minimumSources: evidence?.MinimumSources ?? 0);
                if (screen.Ratings.Count != intake.Ratings.Count)
                {
                    result = screen.Refit(calibrator, new ConsoleProgress(error));
                }
            }

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
            staging.WriteText("estimates.csv", w => CalibrationFiles.WriteEstimates(w, result, intake.Ratings.Model.Scale));
            staging.WriteText("raters.csv", w => CalibrationFiles.WriteRaters(w, result));
            staging.WriteStream("model.json", s => CalibrationFiles.WriteModel(s, result, intake.Report, screen));
            staging.WriteText("rejects.csv", w => CalibrationFiles.WriteRejects(w, file));
            WriteWarningsFile(staging, result);
            if (screen is not null)
            {
                staging.WriteText(SetAsideFile, w => ReliabilityFiles.WriteRaterDiagnostics(w, screen.SetAside));
            }

            staging.Commit();
        }

        var raters = result.RaterEffects.Length == 0 ? "no rater effects" : $"{result.RaterEffects.Length} rater effects";
        console.WriteLine($"{result.Method} ({result.Algorithm}): {result.Estimates.Length} estimates, {raters}, " +
                          (result.Crossed?.ComponentsHeld == true
                              ? "at the variance components of the ratings without the flagged raters, "
                              : $"{(result.Converged ? "converged" : "NOT converged")} after {result.Iterations} iterations, ") +
                          $"fitted in {fitSeconds.ToString("F2", CultureInfo.InvariantCulture)} s.");
        CohortInput.SayPersonEffect(result, console);
        if (screen is not null)
        {
            CohortInput.SaySetAside(screen, console);
        }
        else if (styledRaters != StyledRaterPolicy.Keep)
        {
            CohortInput.SayNotScreened(result, console);
        }

        WriteWarnings(result, console);

        console.WriteLine($"Wrote {string.Join(", ", [.. Written, .. screen is null ? Array.Empty<string>() : [SetAsideFile]])} and manifest.json to {output.FullName}");
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
            console.WriteLine($"warning: {warning.Message}");
        }
    }

    /// <summary>
    /// warnings.txt in the output directory: the calibration's warnings, one per line, empty when there are none. Every verb
    /// that calibrates writes it beside its results, so that a pipeline reading only the files learns what the console said.
    /// </summary>
    internal static void WriteWarningsFile(OutputStaging staging, CalibrationResult result) =>
        staging.WriteText("warnings.txt", w => CalibrationFiles.WriteWarnings(w, result));

    /// <summary>The calibrator for a method name; the crossed model with the path and, when given, the limits (seconds for the exact path, megabytes for a fit).</summary>
    /// <exception cref="ArgumentException">A limit breaks its rule; the message names the setting.</exception>
    internal static IRatingCalibrator Calibrator(string method, CrossedModelPath path, (double Seconds, long Megabytes)? limits = null, PersonEffect personEffect = PersonEffect.Automatic) =>
        Calibrator(method, new ReadinessCalibrationOptions
        {
            Crossed = limits is var (seconds, megabytes)
                ? new() { Path = path, ExactPathMaxSeconds = seconds, MaxMemoryBytes = checked(megabytes * 1_000_000), PersonEffect = personEffect }
                : new() { Path = path, PersonEffect = personEffect },
        });

    /// <summary>The calibrator for a method name with the crossed model's and the Rasch model's settings of an options file.</summary>
    internal static IRatingCalibrator Calibrator(string method, ReadinessCalibrationOptions settings) => method switch
    {
        "none" => new RawMeanCalibrator(),
        "mean-centre" => new MeanCentringCalibrator(),
        "standardise" => new StandardisationCalibrator(),
        "rasch" => new ManyFacetRaschCalibrator(settings.Rasch.ToRaschOptions()),
        _ => new CrossedRandomEffectsCalibrator(settings.Crossed.ToCrossedModelOptions()),
    };

    /// <summary>
    /// A refused run's one output, rejects.csv, committed as every run's outputs are: owner-only, with the run's manifest,
    /// and the verb's earlier outputs removed, so the folder never shows a refused run's rejects beside an earlier run's
    /// results and a manifest that no longer describes them.
    /// </summary>
    internal static void WriteRefusedRun(DirectoryInfo output, RatingsFile file)
    {
        using var staging = OutputStaging.Begin(output);
        staging.WriteText("rejects.csv", w => CalibrationFiles.WriteRejects(w, file));
        staging.Commit();
    }

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
