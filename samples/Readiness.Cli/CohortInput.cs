using Readiness.Calibration;
using Readiness.Competencies;
using Readiness.Evidence;
using Readiness.Files;
using Readiness.Pipeline;
using Readiness.Scoring;
using Readiness.Serialization;

namespace Readiness.Cli;

/// <summary>
/// How the verbs that score calibrate and score: the method, the evidence rules and the options file as given on the
/// command line (resolved in the verb, where a bad options file is reported as bad input), and whether a run in which
/// nobody could be scored may succeed.
/// </summary>
internal sealed record CohortSettings(string? Method, int? MinimumRaters, int? MinimumSources, FileInfo? Options, bool AllowUnscored = false, StyledRaterPolicy StyledRaters = StyledRaterPolicy.SetAsideUnlessNeeded, PersonEffect? PersonEffect = null)
{
    /// <summary>
    /// The calibrator and the scorer: the options file's settings (or the defaults), with --method, --min-raters and
    /// --min-sources taking precedence where given.
    /// </summary>
    /// <exception cref="InputFileException">The options file cannot be used.</exception>
    public (IRatingCalibrator Calibrator, ReadinessScorer Scorer) Resolve()
    {
        var options = Options is null ? new ReadinessOptions() : Read(Options);
        var scoring = options.Scoring;
        scoring.MinimumRaters = MinimumRaters ?? scoring.MinimumRaters;
        scoring.MinimumSources = MinimumSources ?? scoring.MinimumSources;
        var method = Method ?? WireNames.Of(options.Calibration.Method);
        options.Calibration.Crossed.PersonEffect = PersonEffect ?? options.Calibration.Crossed.PersonEffect;
        return (CalibrateVerb.Calibrator(method, options.Calibration), new ReadinessScorer(scoring.ToScoringOptions()));
    }

    /// <summary>The library's reading of the JSON a host configures AddReadiness with; every problem named by its key.</summary>
    private static ReadinessOptions Read(FileInfo file)
    {
        try
        {
            return InputFileException.Reading(file, () => ReadinessOptionsJson.Read(file.FullName));
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException e)
        {
            throw new InputFileException(file.Name, string.Join('\n', e.Failures), e);
        }
    }
}

/// <summary>A verb's pipeline run and the ratings file it read.</summary>
internal sealed record CohortRun(ReadinessRun Run, RatingsFile Ratings)
{
    /// <summary>
    /// Writes what every verb that scores writes beside its results: warnings.txt, and rejects.csv when rows were rejected
    /// (the console gave only their count). Returns the names written, for the verb's closing line.
    /// </summary>
    public string Write(OutputStaging staging)
    {
        CalibrateVerb.WriteWarningsFile(staging, Run.Calibration);
        var written = "warnings.txt";
        if (Run.Screen is { } screen)
        {
            staging.WriteText("set-aside-raters.csv", w => ReliabilityFiles.WriteRaterDiagnostics(w, screen.SetAside));
            written += ", set-aside-raters.csv";
        }

        if (Ratings.Report.Rejected.IsEmpty)
        {
            return written;
        }

        staging.WriteText("rejects.csv", w => CalibrationFiles.WriteRejects(w, Ratings));
        return written + ", rejects.csv";
    }
}

/// <summary>The inputs every verb that calibrates shares — the model, the roles, the ratings — and the pipeline run of score, talent, audit and validity.</summary>
internal static class CohortInput
{
    /// <summary>The competency model in the file, or the built-in leadership framework; a file it cannot use names itself and every problem.</summary>
    public static CompetencyModel ReadModel(FileInfo? modelFile) =>
        modelFile is null ? LeadershipFramework.Model : InputFileException.Reading(modelFile, () => FrameworkFiles.ReadModel(modelFile.FullName));

    /// <summary>
    /// The role profile in the file, checked against <paramref name="model"/>; without a file, the built-in first-line-manager
    /// profile — which is written for the built-in framework, so a model of one's own needs its own role.
    /// </summary>
    public static RoleProfile ReadRole(FileInfo? roleFile, CompetencyModel model)
    {
        if (roleFile is not null)
        {
            return InputFileException.Reading(roleFile, () => FrameworkFiles.ReadRole(roleFile.FullName, model));
        }

        try
        {
            // The built-in role, checked against the model given: a copy of the built-in framework passes.
            return ReadinessJson.ReadRoleProfile(ReadinessJson.Write(LeadershipFramework.FirstLineManager), model);
        }
        catch (ReadinessJsonException)
        {
            throw new InputFileException("--role", $"the model '{model.Id}' is your own, and the built-in role is written for the built-in framework; give --role ROLE.json with a role for your model (readiness scaffold --ratings FILE.csv writes a first one; readiness framework --role first-line-manager shows the format).");
        }
    }

    /// <summary>Reads a table beside the ratings; each row it left out is reported on standard error as a warning, with its line.</summary>
    public static T Read<T>(FileInfo file, Func<string, TableRead<T>> read, TextWriter error)
    {
        var table = InputFileException.Reading(file, () => read(file.FullName));
        foreach (var rejected in table.Rejected)
        {
            error.WriteLine($"warning: {file.Name} {rejected}");
        }

        return table.Value;
    }

    /// <summary>
    /// Reads the ratings against the model. When none can be used, writes rejects.csv to <paramref name="output"/>, says why
    /// on standard error (the commonest reasons, each with an example line) and returns null.
    /// </summary>
    public static RatingsFile? ReadRatings(FileInfo ratingsFile, ColumnMap columns, CompetencyModel model, bool ownModel, DirectoryInfo output, TextWriter error)
    {
        var file = InputFileException.Reading(ratingsFile, () => RatingsTable.Read(ratingsFile.FullName, model, columns));

        if (!file.HasSourceColumn && columns.Sources != SourceValues.None)
        {
            error.WriteLine($"warning: {ratingsFile.Name} has no source column, so --source-values is not used: every rater counts as a peer (a rating of oneself as a self-rating); --columns source=COLUMN names the export's own.");
        }

        if (file.Intake.Ratings.Count > 0)
        {
            if (!file.Report.Rejected.IsEmpty)
            {
                // The run goes on without them; say why they were refused here, not only in rejects.csv.
                error.WriteLine($"warning: {ratingsFile.Name}: {file.Report.Rejected.Length} of {file.Report.Submitted} rows were rejected; rejects.csv in {output.FullName} lists each:");
                Reasons(file, ownModel, error);
            }

            return file;
        }

        Rejections(file, $"error: {ratingsFile.Name}: none of the {file.Report.Submitted} rows could be used", ownModel, output, error);
        return null;
    }

    /// <summary>Writes rejects.csv to <paramref name="output"/> and says on standard error the commonest reasons, each with an example line.</summary>
    private static void Rejections(RatingsFile file, string headline, bool ownModel, DirectoryInfo output, TextWriter error)
    {
        CalibrateVerb.WriteRefusedRun(output, file);
        error.WriteLine($"{headline}; rejects.csv in {output.FullName} lists each:");
        Reasons(file, ownModel, error);
    }

    /// <summary>The commonest reasons rows were rejected, each with an example line, and a hint where one helps.</summary>
    private static void Reasons(RatingsFile file, bool ownModel, TextWriter error)
    {
        var reasons = file.Report.Rejected.GroupBy(r => r.Reason).OrderByDescending(g => g.Count()).ToArray();
        foreach (var reason in reasons.Take(3))
        {
            error.WriteLine($"  {reason.Count()} × {WireNames.Of(reason.Key)}, e.g. line {file.Lines[reason.First().Row]}: {file.Message(reason.First())}");
        }

        if (reasons.Length > 3)
        {
            var more = reasons.Skip(3).ToArray();
            error.WriteLine($"  and {more.Sum(g => g.Count())} more for {more.Length} other reason{(more.Length == 1 ? "" : "s")} ({string.Join(", ", more.Select(g => WireNames.Of(g.Key)))}).");
        }

        if (!ownModel && file.Report.Rejected.Any(r => r.Reason == RejectReason.UnknownCompetency))
        {
            error.WriteLine("hint: ratings of a competency model of your own need --model MODEL.json.");
        }

        if (file.Report.Rejected.Any(r => r.Reason == RejectReason.InvalidSource))
        {
            error.WriteLine("hint: --source-values maps an export's own words for the sources (\"Line Manager=manager\").");
        }
    }

    /// <summary>Says which raters were set aside for their style, and where they are listed.</summary>
    public static void SaySetAside(Reliability.StyledRaterScreen screen, TextWriter console)
    {
        int Flagged(Reliability.RaterIssues issue) => screen.SetAside.Count(d => d.Issues.HasFlag(issue));
        var both = Flagged(Reliability.RaterIssues.CentralTendency | Reliability.RaterIssues.Halo);
        console.WriteLine(screen.Examined == 0
            ? "No rater rated enough people to be examined for central tendency or halo (rater ids that do not repeat, as in an anonymised export, cannot be): every rating was used."
            : screen.SetAside.IsEmpty
            ? "No rater was flagged for central tendency or halo: every rating was used."
            : $"Set aside {screen.SetAside.Length} rater{(screen.SetAside.Length == 1 ? "" : "s")} flagged for central tendency ({Flagged(Reliability.RaterIssues.CentralTendency)}) or halo ({Flagged(Reliability.RaterIssues.Halo)}{(both > 0 ? $"; {both} of them for both" : "")}), and their {screen.RatingsSetAside:#,0} ratings of others{(screen.KeptFor.IsEmpty ? "" : $" (for {screen.KeptFor.Length} {(screen.KeptFor.Length == 1 ? "person" : "people")} who would otherwise have fewer raters or sources than the evidence rules ask, or than they had, the ratings of as few of them as they need were kept, and the model's variance components are those of the ratings without any of them, those people's standard errors widened by the error those raters' style carries)")}: a rater effect cannot undo their style (central tendency squeezes everyone's ratings together, halo gives one impression on every competency). Their diagnostics are in set-aside-raters.csv; --styled-raters keep calibrates with them.");
    }

    /// <summary>The crossed model's person effect, and why, with the option that changes it.</summary>
    public static void SayPersonEffect(CalibrationResult calibration, TextWriter console)
    {
        if (calibration.Crossed is not { } fit)
        {
            return;
        }

        console.WriteLine(fit.PersonEffectPerDomain
            ? "Each person has one effect per competency domain, so their leadership estimates are not pulled toward their individual-performance ones (--person-effect shared gives one for all their competencies)."
            : "Each person has one effect for all their competencies: by default one per domain is given only where both domains are rated and the raters can be examined for their style (their ids repeat across people), since elsewhere it was measured over-confident; --person-effect per-domain asks for it anyway.");
    }

    /// <summary>Why no rater was screened for central tendency or halo though the settings asked for it: the method is not the crossed model.</summary>
    public static void SayNotScreened(CalibrationResult calibration, TextWriter console) =>
        console.WriteLine($"No rater was screened for central tendency or halo: the screen diagnoses raters against the crossed model's fit (against {calibration.Method}'s, its halo test flags mostly raters without halo), so every rating was used.");

    /// <summary>
    /// Reads the ratings and runs the library's pipeline on them with the verb's other inputs; null (with the reason on
    /// standard error) when the ratings hold nothing usable, or when nobody could be scored and the settings do not allow that.
    /// </summary>
    public static CohortRun? Run(
        FileInfo ratingsFile, ColumnMap columns, CompetencyModel model, bool ownModel, CohortSettings settings, Func<RatingIntake, ReadinessRunInput> input, ReadinessPipelineOptions options,
        DirectoryInfo output, TextWriter console, TextWriter error)
    {
        var (calibrator, scorer) = settings.Resolve();
        var file = ReadRatings(ratingsFile, columns, model, ownModel, output, error);
        if (file is null)
        {
            return null;
        }

        console.WriteLine($"Read {file.Report}.");
        var pipeline = new ReadinessPipeline(calibrator, scorer, options: options with { AllowUnscored = settings.AllowUnscored, StyledRaters = settings.StyledRaters });
        try
        {
            var run = pipeline.Run(input(file.Intake));
            if (run.Screen is { } screen)
            {
                SaySetAside(screen, console);
            }
            else if (settings.StyledRaters != StyledRaterPolicy.Keep)
            {
                SayNotScreened(run.Calibration, console);
            }

            console.WriteLine($"Calibrated by {run.Calibration.Method} ({run.Calibration.Algorithm}).");
            SayPersonEffect(run.Calibration, console);
            CalibrateVerb.WriteWarnings(run.Calibration, console);
            return new CohortRun(run, file);
        }
        catch (InsufficientRatingsException) when (file.Report.Rejected.Length > 0)
        {
            // Too few usable rows may be the rejected rows' fault (a source value the file spells its own way): the warning
            // said why they were rejected, before the calibrator's reason, which sees only the rows that were kept.
            CalibrateVerb.WriteRefusedRun(output, file);
            throw;
        }
        catch (NobodyScoredException e)
        {
            // A run that scored nobody is a failure, not an empty success: the library's message says what they lacked.
            if (!file.Report.Rejected.IsEmpty)
            {
                CalibrateVerb.WriteRefusedRun(output, file);
            }

            error.WriteLine($"error: {char.ToLowerInvariant(e.Message[0])}{e.Message[1..]}");
            error.WriteLine("hint: --min-raters and --min-sources set the evidence rules (a ratings file without a source column counts every rater as a peer); --allow-unscored writes the results anyway.");
            return null;
        }
    }
}
