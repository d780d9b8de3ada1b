using System.Collections.Immutable;
using System.Globalization;
using Readiness.Calibration;
using Readiness.Competencies;
using Readiness.Evidence;
using Readiness.Fairness;
using Readiness.Reliability;
using Readiness.Files;
using Readiness.Scoring;
using Readiness.Serialization;
using Readiness.Talent;

namespace Readiness.Cli;

/// <summary>
/// <c>readiness progress --ratings FILE [--cycles FILE] [--model FILE] [--development FILE] [--role FILE [--performance FILE]
/// [--promotions FILE [--outcomes FILE]]] [--out DIR]</c>: the longitudinal model fitted to ratings over several review
/// cycles, written as trajectories.csv, growth.csv, model.json, rejects.csv and warnings.txt; with development records,
/// interventions.csv; with a role, readiness at the last cycle from measured growth as well (readiness.csv,
/// explanations.json), and with development records too, development plans that use the interventions measured to help
/// (plans.json); with promotions, each promoted person's readiness at the date of their promotion against their
/// team's outcome a year on (promotions.json).
/// </summary>
internal static class ProgressVerb
{
    private static readonly string[] Outputs = ["trajectories.csv", "growth.csv", "model.json", "rejects.csv", "warnings.txt"];
    private static readonly string[] Scored = ["readiness.csv", "explanations.json"];

    public static int Run(ProgressInputs inputs, ColumnMap columns, DirectoryInfo output, TextWriter console, TextWriter error, bool setAsideStyledRaters = false)
    {
        var (ratingsFile, cyclesFile, modelFile, roleFile, performanceFile, developmentFile, promotionsFile, outcomesFile) = inputs;
        RatingsFile file;
        GrowthCalibration fit;
        double seconds;
        RoleProfile? role = null;
        PerformanceSet? performance = null;
        ImmutableArray<PromotionRecord> promotions = [];
        ImmutableArray<OutcomeRecord> outcomes = [];
        ReviewCycle[] unrated = [];
        CompetencyModel model;
        StyledRaterScreen? screen = null;
        RatingSet fitted;

        // Rows left out of the side tables go to the console and, with the fit's warnings, to warnings.txt.
        var leftOut = new List<string>();
        using var sideTables = new Recording(error, leftOut);
        if (OptionsMisused(inputs) is { } misuse)
        {
            error.WriteLine($"error: {misuse}");
            return WeightsVerb.BadInput;
        }

        try
        {
            BadInput.RefuseOverwrite(output, [.. Written(inputs), .. setAsideStyledRaters ? ["set-aside-raters.csv"] : Array.Empty<string>()], ratingsFile, cyclesFile, modelFile, roleFile, performanceFile, developmentFile, promotionsFile, outcomesFile);
            model = CohortInput.ReadModel(modelFile);
            if (roleFile is not null)
            {
                role = CohortInput.ReadRole(roleFile, model);
                performance = performanceFile is null ? null : CohortInput.Read(performanceFile, InputTables.ReadPerformance, sideTables);
                promotions = promotionsFile is null ? [] : CohortInput.Read(promotionsFile, ProgressFiles.ReadPromotions, sideTables);
                outcomes = outcomesFile is null ? [] : CohortInput.Read(outcomesFile, InputTables.ReadOutcomes, sideTables);
                if (promotions.FirstOrDefault(p => !string.Equals(p.Role, role.Id, StringComparison.OrdinalIgnoreCase)) is { } other)
                {
                    throw new InputFileException(promotionsFile!.Name, $"the promotion of {other.Person} names the role '{other.Role}', but --role gives '{role.Id}': follow up one role's promotions at a time.");
                }
            }

            if (CohortInput.ReadRatings(ratingsFile, columns, model, modelFile is not null, output, error) is not { } read)
            {
                return WeightsVerb.BadInput;
            }

            file = read;
            var ratings = file.Intake.Ratings;
            console.WriteLine($"Read {file.Intake.Report}.");
            var cycles = cyclesFile is null ? CyclesFromLabels(ratings) : InputFileException.Reading(cyclesFile, () => ProgressFiles.ReadCycles(cyclesFile.FullName));
            var development = developmentFile is null ? [] : CohortInput.Read(developmentFile, ProgressFiles.ReadDevelopment, sideTables);
            if (developmentFile is not null && development.FirstOrDefault(d => d.Competency is { } id && !model.TryGetCompetency(id, out _)) is { } stray)
            {
                throw new InputFileException(developmentFile.Name, $"the record of {stray.Person} in '{stray.Intervention}' names the competency '{stray.Competency}', which the model '{model.Id}' does not have.");
            }

            // A calendar may list cycles no rating carries (a cycle to come, a label spelt another way): they date
            // nothing, and the assessment is made at the last cycle rated, not the calendar's last.
            unrated = [.. cycles.Cycles.Where(c => !ratings.Cycles.Contains(c.Label))];
            var clock = System.Diagnostics.Stopwatch.StartNew();
            if (setAsideStyledRaters)
            {
                // Diagnosed on the crossed model of every cycle pooled: a rater's spread and halo against the other raters of the same people.
                screen = StyledRaterScreen.Apply(ratings, new CrossedRandomEffectsCalibrator().Calibrate(ratings));
                ratings = screen.Ratings;
            }

            fit = new LongitudinalCalibrator().Calibrate(ratings, cycles, development);
            fitted = ratings;
            seconds = clock.Elapsed.TotalSeconds;
            output.Create();
        }
        catch (Exception e) when (BadInput.Is(e, arguments: true) || e is FormatException)
        {
            var code = BadInput.Report(e, error, e is InputFileException ? null : ratingsFile.Name);
            if (e is FormatException)
            {
                error.WriteLine("hint: give each cycle's date with --cycles FILE, a CSV with the columns cycle,date (yyyy-MM-dd).");
            }

            return code;
        }

        // Readiness at the last cycle rated, each gap closing at the person's measured rate (the cohort's for someone rated once).
        var last = fit.Cycles.Cycles.Where(c => !unrated.Contains(c)).Max(c => c.Date);
        var assessments = role is null ? [] : new ReadinessScorer().ScoreCohort(ReadinessCandidate.FromGrowth(fit, last, fitted, performance), role);
        var plans = PlansWithMeasuredEffects(fit, model, role, assessments, last, developmentFile is not null);
        var followUp = promotionsFile is null ? null : PromotionFollowUp.Run(fit, fitted, promotions, [role!], outcomes, performance);
        using (var staging = OutputStaging.Begin(output))
        {
            if (followUp is not null)
            {
                staging.WriteStream("promotions.json", s => ProgressFiles.WriteFollowUp(s, followUp));
            }

            if (developmentFile is not null)
            {
                staging.WriteText("interventions.csv", w => ProgressFiles.WriteInterventions(w, fit));
            }

            if (!plans.IsDefault)
            {
                staging.WriteStream("plans.json", s => ReadinessJson.Write(plans, s));
            }

            if (role is not null)
            {
                staging.WriteText("readiness.csv", w => ReadinessFiles.WriteReadiness(w, assessments));
                staging.WriteStream("explanations.json", s => ReadinessFiles.WriteExplanations(s, assessments));
            }

            if (screen is not null)
            {
                staging.WriteText("set-aside-raters.csv", w => ReliabilityFiles.WriteRaterDiagnostics(w, screen.SetAside));
            }

            staging.WriteText("trajectories.csv", w => ProgressFiles.WriteTrajectories(w, fit));
            staging.WriteText("growth.csv", w => ProgressFiles.WriteGrowth(w, fit));
            staging.WriteStream("model.json", s => ProgressFiles.WriteModel(s, fit, file.Intake.Report, screen));
            staging.WriteText("rejects.csv", w => CalibrationFiles.WriteRejects(w, file));
            staging.WriteText("warnings.txt", w =>
            {
                foreach (var warning in fit.Warnings)
                {
                    w.WriteLine(warning.Message);
                }

                foreach (var line in leftOut)
                {
                    w.WriteLine(line);
                }
            });
            staging.Commit();
        }

        if (screen is not null)
        {
            CohortInput.SaySetAside(screen, console);
        }

        Summarise(fit, seconds, console);
        if (unrated.Length > 0)
        {
            console.WriteLine($"warning: the calendar lists {unrated.Length} cycle{(unrated.Length == 1 ? "" : "s")} no rating carries ({string.Join(", ", unrated.Select(c => $"'{c.Label}'"))}): trajectories.csv extends the lines to {(unrated.Length == 1 ? "its date" : "their dates")}, and readiness is assessed at the last cycle rated. Check the spelling if one should have ratings.");
        }

        foreach (var e in fit.InterventionEffects)
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Development '{e.Intervention}' ({Plural(e.People, "person", "people")}): change in growth a year {Change(e.During, e.DuringLower, e.DuringUpper, "while in it")}; {Change(e.After, e.AfterLower, e.AfterUpper, "after it ended")}."));
        }

        if (role is not null)
        {
            SummariseReadiness(assessments, role, last, console);
        }

        if (!plans.IsDefault)
        {
            SummarisePlans(plans, console);
        }

        if (followUp is not null)
        {
            SummariseFollowUp(followUp, inputs, last, console);
        }

        console.WriteLine($"Wrote {string.Join(", ", [.. Written(inputs), .. screen is null ? Array.Empty<string>() : ["set-aside-raters.csv"]])} and manifest.json to {output.FullName}");
        return WeightsVerb.Ok;
    }

    /// <summary>Why the inputs given do not go together, or null.</summary>
    private static string? OptionsMisused(ProgressInputs inputs) => inputs switch
    {
        { Role: null, Promotions: { } promotions } => $"--promotions ({promotions.Name}) needs --role: promotions are followed up against readiness for the role they were into.",
        { Role: null, Outcomes: { } outcomes } => $"--outcomes ({outcomes.Name}) needs --role and --promotions: the progress verb follows up the outcomes of the people promoted into a role.",
        { Role: null, Performance: { } performance } => $"--performance ({performance.Name}) needs --role: performance is kept beside readiness for a role, and the growth model does not use it.",
        { Promotions: null, Outcomes: { } outcomes } => $"--outcomes ({outcomes.Name}) needs --promotions: the progress verb follows up the outcomes of the people promoted (for a study of everyone, use the validity verb).",
        _ => null,
    };

    private static string[] Written(ProgressInputs inputs) =>
        [.. Outputs, .. inputs.Development is null ? Array.Empty<string>() : ["interventions.csv"], .. inputs.Role is null ? Array.Empty<string>() : Scored,
            .. inputs.Role is null || inputs.Development is null ? Array.Empty<string>() : ["plans.json"], .. inputs.Promotions is null ? Array.Empty<string>() : ["promotions.json"]];

    /// <summary>With development records and a role: a plan for everyone scored and not ready now, with the interventions measured to help first; default otherwise.</summary>
    private static ImmutableArray<DevelopmentPlan> PlansWithMeasuredEffects(
        GrowthCalibration fit, CompetencyModel model, RoleProfile? role, ImmutableArray<ReadinessAssessment> assessments, DateOnly start, bool development)
    {
        if (role is null || !development)
        {
            return default;
        }

        var planner = new DevelopmentPlanner(InterventionCatalogue.Default.WithMeasuredEffects(fit.InterventionEffects, model));
        return [.. assessments.Where(a => a.IsScored && a.Band != ReadinessBand.ReadyNow).Select(a => planner.Plan(a, role, start))];
    }

    private static void SummarisePlans(ImmutableArray<DevelopmentPlan> plans, TextWriter console)
    {
        var c = CultureInfo.InvariantCulture;
        var helped = plans.Where(p => p.YearsToReadyWithMeasured is not null).ToArray();
        var names = plans.SelectMany(p => p.Steps).Select(s => s.MeasuredIntervention?.Name).Where(n => n is not null).Distinct().ToArray();
        if (helped.Length == 0)
        {
            console.WriteLine($"Development plans for {Plural(plans.Length, "person", "people")} (plans.json): no intervention was measured to help (a 95% interval above zero), so the plans time each gap at the person's own growth alone.");
            return;
        }

        static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return (sorted[(sorted.Length - 1) / 2] + sorted[sorted.Length / 2]) / 2;
        }

        console.WriteLine(string.Create(c,
            $"Development plans for {Plural(plans.Length, "person", "people")} (plans.json), the interventions measured to help first ({string.Join(", ", names.Select(n => $"'{n}'"))}): for the {helped.Length} whose gaps one of them develops, the median time to ready is {Median(helped.Select(p => p.YearsToReadyWithMeasured!.Value)):0.0} years by way of it (its measured pace for its typical length, then its pace after) against {Median(helped.Select(p => p.YearsToReady)):0.0} at their own growth — if the measured effect, an association, holds for them."));
    }

    private static void SummariseFollowUp(PromotionFollowUp followUp, ProgressInputs inputs, DateOnly lastRated, TextWriter console)
    {
        var c = CultureInfo.InvariantCulture;
        var withOutcome = followUp.Promotions.Count(p => p.Outcome is not null);
        var unscored = followUp.Promotions.Count(p => p.Assessment is not { IsScored: true });
        console.WriteLine(string.Create(c,
            $"Promotions followed up: {Plural(followUp.Promotions.Length, "person", "people")} promoted, {withOutcome} with a team outcome a year on{(unscored == 0 ? "" : $", {unscored} not scored at the date of their promotion")}."));
        var late = followUp.Promotions.Count(p => p.Assessment is not null && p.Promotion.Date.DayNumber - lastRated.DayNumber > 365);
        if (late > 0)
        {
            console.WriteLine(string.Create(c,
                $"warning: {Plural(late, "promotion is", "promotions are")} dated more than a year after the last cycle rated ({lastRated:yyyy-MM-dd}): readiness then is extrapolated along measured growth, not observed."));
        }

        if (followUp.Study is not { } study)
        {
            console.WriteLine(inputs.Outcomes is null ? "No validity study: give the team outcomes a year on (--outcomes)."
                : $"No validity study: {followUp.StudyNote}{(inputs.Performance is null ? " Give --performance (each person's individual performance at the time) to set readiness beside it." : string.Empty)}");
            return;
        }

        string R(ValidityCoefficient r) => string.Create(c, $"r = {r.R:0.00} [{r.Lower:0.00}, {r.Upper:0.00}], {ValidityVerb.P(r.P)}");
        console.WriteLine($"Team outcome a year on against readiness at promotion: {R(study.Readiness)}; against performance at promotion: {R(study.Performance)} ({study.Sample} people).");
        if (study.Restriction is { IsMaterial: true } restriction)
        {
            console.WriteLine(string.Create(c,
                $"warning: the promoted are a narrower slice of the {restriction.Assessed:#,0} assessed (spread of readiness {restriction.ReadinessRatio:0.00}, of performance {restriction.PerformanceRatio:0.00} of everyone's), so the correlations understate validity in the whole organisation; corrected (Thorndike Case II, selection on each predictor): readiness r = {restriction.ReadinessCorrected:0.00}, performance r = {restriction.PerformanceCorrected:0.00}."));
        }

        if (!followUp.ByBand.IsEmpty)
        {
            console.WriteLine("Mean team outcome by band at promotion: " + string.Join("; ", followUp.ByBand.Select(b => string.Create(c, $"{BandName(b.Band)} {b.MeanOutcome:0.00} ({Plural(b.People, "person", "people")})"))) + ".");
        }
    }

    private static string BandName(ReadinessBand band) => band switch
    {
        ReadinessBand.ReadyNow => "ready now",
        ReadinessBand.ReadyIn1To2Years => "1–2 years",
        ReadinessBand.ReadyIn3PlusYears => "3+ years",
        _ => "not on track",
    };

    private static string Change(FixedEffect? effect, double? lower, double? upper, string when) => effect is null
        ? $"{when}: not measured (no rating fell {(when == "while in it" ? "during it" : "after it ended, or it has not ended")})"
        : string.Create(CultureInfo.InvariantCulture, $"{when} {effect.Estimate:+0.00;-0.00} [{lower:+0.00;-0.00}, {upper:+0.00;-0.00}]");

    private static string Plural(int count, string one, string many) => $"{count} {(count == 1 ? one : many)}";

    private static void SummariseReadiness(ImmutableArray<ReadinessAssessment> assessments, RoleProfile role, DateOnly date, TextWriter console)
    {
        var scored = assessments.Where(a => a.IsScored).ToArray();
        int Count(ReadinessBand band) => scored.Count(a => a.Band == band);
        int Rest(GrowthBasis basis) => scored.Count(a => a.DevelopmentBasis == basis);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Readiness for {role.Id} at {date:yyyy-MM-dd} (the last cycle rated): {scored.Length} of {assessments.Length} people scored; {Count(ReadinessBand.ReadyNow)} ready now, {Count(ReadinessBand.ReadyIn1To2Years)} in 1–2 years, {Count(ReadinessBand.ReadyIn3PlusYears)} in 3+ years, {Count(ReadinessBand.NotOnLeadershipTrack)} not on track (bands by the 80% rule: the best band reached with at least that probability).") + string.Create(CultureInfo.InvariantCulture,
            $" Time to ready rests on the person's own measured growth for {Rest(GrowthBasis.Person)}, the cohort's for {Rest(GrowthBasis.Cohort)} and the assumed rate for {Rest(GrowthBasis.Assumed)}."));
        if (scored.Length < assessments.Length)
        {
            console.WriteLine($"Not scored: {string.Join("; ", assessments.Where(a => !a.IsScored).Take(3).Select(a => $"{a.Person} ({string.Join(" ", a.Evidence.Missing)})"))}{(assessments.Length - scored.Length > 3 ? "; …" : "")} — see explanations.json.");
        }
    }

    /// <summary>Cycles dated by their own labels, which must then be ISO dates.</summary>
    private static ReviewCycles CyclesFromLabels(RatingSet ratings)
    {
        var labels = ratings.Cycles.Where(c => c is not null).Select(c => c!).ToArray();
        return labels.Length == 0
            ? throw new InputFileException("--ratings", "the ratings carry no review cycle (a cycle column, or --columns cycle=NAME): growth is measured across cycles.")
            : ReviewCycles.FromDateLabels(labels);
    }

    private static void Summarise(GrowthCalibration fit, double seconds, TextWriter console)
    {
        var c = CultureInfo.InvariantCulture;
        var cycles = fit.Cycles.Cycles;
        console.WriteLine(string.Create(c,
            $"Longitudinal model over {cycles.Length} cycle{(cycles.Length == 1 ? "" : "s")} ({cycles[0].Date:yyyy-MM-dd} to {cycles[^1].Date:yyyy-MM-dd}): {(fit.Converged ? "converged" : "NOT converged")} after {fit.Iterations} iterations, fitted in {seconds:F2} s."));
        foreach (var warning in fit.Warnings)
        {
            console.WriteLine($"warning: {warning.Message}");
        }

        if (!fit.MeasuresGrowth)
        {
            return;
        }

        var own = fit.Growth.Count(g => g.Basis == GrowthBasis.Person);
        var growthSd = Math.Sqrt(fit.VarianceOf(VarianceComponent.RateeTime) ?? 0);
        var cohort = fit.CompetencyGrowth.Average(g => g.Growth);
        console.WriteLine(string.Create(c,
            $"Growth: the cohort gains {cohort:+0.00;-0.00} scale points a year on average over the competencies (from {fit.CompetencyGrowth.Min(g => g.Growth):+0.00;-0.00} to {fit.CompetencyGrowth.Max(g => g.Growth):+0.00;-0.00}); people differ around it by {growthSd:0.00} a year (SD), and level and growth correlate {fit.LevelGrowthCorrelation:+0.00;-0.00}."));
        var once = fit.Growth.Length - own;
        console.WriteLine(once == 0
            ? $"Each of the {own} people was rated in two or more cycles: growth.csv gives each their own measured growth."
            : $"{own} of {fit.Growth.Length} people were rated in two or more cycles and have their own measured growth; {Plural(once, "person was", "people were")} rated once and carr{(once == 1 ? "ies" : "y")} the cohort's, as predicted from their level (basis 'cohort' in growth.csv).");
    }
}

/// <summary>The input files of the progress verb; each but the ratings optional.</summary>
internal sealed record ProgressInputs(
    FileInfo Ratings, FileInfo? Cycles, FileInfo? Model, FileInfo? Role, FileInfo? Performance, FileInfo? Development, FileInfo? Promotions, FileInfo? Outcomes);

/// <summary>A writer that passes each line on and keeps a copy of it.</summary>
internal sealed class Recording(TextWriter inner, List<string> lines) : TextWriter
{
    private readonly System.Text.StringBuilder _line = new();

    public override System.Text.Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        inner.Write(value);
        if (value == '\n')
        {
            lines.Add(_line.ToString().TrimEnd('\r'));
            _line.Clear();
        }
        else
        {
            _line.Append(value);
        }
    }
}
