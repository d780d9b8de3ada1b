using Readiness.Reliability;
using System.CommandLine;
using Readiness.Calibration;
using Readiness.Files;
using Readiness.Pipeline;
using Readiness.Serialization;
using Readiness.Simulation;
using Readiness.Weighting;

namespace Readiness.Cli;

/// <summary>The command tree: one verb per capability.</summary>
internal static class ReadinessCommand
{
    /// <summary>
    /// Parses and runs a command line. A line that does not parse (an unknown verb or option, a value outside an option's
    /// choices, a required option missing) gets its errors on standard error, one line each, a hint naming the verb's help,
    /// and exit code 2 as any other bad input — not the verb's whole help on standard output and exit code 1.
    /// </summary>
    public static int Run(string[] args, InvocationConfiguration? configuration = null)
    {
        if (args.Length == 0)
        {
            // No verb: the list of verbs, not just the parser's "Required command was not provided".
            var help = Create().Parse(["--help"]);
            _ = configuration is null ? help.Invoke() : help.Invoke(configuration);
            return WeightsVerb.BadInput;
        }

        var result = Create().Parse(args);
        if (result.Errors.Count == 0)
        {
            using var manifest = RunManifest.Begin(result.CommandResult.Command.Name, args);
            return configuration is null ? result.Invoke() : result.Invoke(configuration);
        }

        var error = configuration?.Error ?? Console.Error;
        foreach (var e in result.Errors)
        {
            error.WriteLine($"error: {string.Join(' ', e.Message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries))}");
        }

        var verb = result.CommandResult.Command is RootCommand ? string.Empty : $" {result.CommandResult.Command.Name}";
        error.WriteLine($"hint: readiness{verb} --help lists the options.");
        return WeightsVerb.BadInput;
    }

    public static RootCommand Create()
    {
        var pairwise = new Option<FileInfo>("--pairwise")
        {
            Description = "CSV file: a square matrix of pairwise judgements, competency ids in the header row and first column, NA or empty for a missing judgement.",
            Required = true,
        };
        var method = new Option<string?>("--method")
        {
            Description = "eigenvector (needs a complete matrix) or geometric-mean. Default: eigenvector when complete, geometric-mean otherwise.",
        };
        method.AcceptOnlyFromAmong("eigenvector", "geometric-mean");
        var randomIndex = new Option<string>("--ri")
        {
            Description = "Random-index table for the consistency ratio.",
            DefaultValueFactory = _ => RandomIndexTable.Default.Name,
        };
        randomIndex.AcceptOnlyFromAmong([.. RandomIndexTable.All.Select(t => t.Name)]);

        var weights = new Command("weights", "Derive competency weights from pairwise judgements (AHP) and report their consistency as JSON.")
        {
            pairwise,
            method,
            randomIndex,
        };
        weights.SetAction(result => WeightsVerb.Run(
            result.GetRequiredValue(pairwise),
            result.GetValue(method) switch
            {
                "eigenvector" => PairwiseMethod.Eigenvector,
                "geometric-mean" => PairwiseMethod.GeometricMean,
                _ => null,
            },
            RandomIndexTable.FromName(result.GetRequiredValue(randomIndex)),
            result.InvocationConfiguration.Output,
            result.InvocationConfiguration.Error));

        return new RootCommand("Readiness: leadership-readiness modelling from the command line.") { weights, CreateCalibrate(), CreateSimulate(), CreateScore(), CreateTalent(), CreateAudit(), CreateValidity(), CreateReliability(), CreateFramework(), CreateScaffold(), CreateProgress() };
    }

    private static Command CreateCalibrate()
    {
        var ratings = new Option<FileInfo>("--ratings")
        {
            Description = "CSV or .xlsx file with header ratee,rater,competency,value and optional source,cycle columns (other names mapped by --columns).",
            Required = true,
        };
        var method = new Option<string>("--method") { Description = "Calibration method.", DefaultValueFactory = _ => "crossed" };
        method.AcceptOnlyFromAmong("none", "mean-centre", "standardise", "crossed", "rasch");
        var path = new Option<string>("--path")
        {
            Description = "For the crossed model: exact REML, the scalable path, or auto (exact unless it is predicted to pass the limits below or to take over 1.5 times the scalable path's time).",
            DefaultValueFactory = _ => "auto",
        };
        path.AcceptOnlyFromAmong("auto", "exact", "scalable");
        var model = new Option<FileInfo?>("--model") { Description = "Competency model JSON; default: the built-in leadership framework." };
        var columns = Columns();
        var sourceValues = SourceValuesOption();
        var output = new Option<DirectoryInfo>("--out")
        {
            Description = "Directory for estimates.csv, raters.csv, model.json, rejects.csv and warnings.txt.",
            DefaultValueFactory = _ => new DirectoryInfo("calibration"),
        };
        var maxSeconds = new Option<double>("--max-seconds")
        {
            Description = "For the crossed model: the longest the exact path may be predicted to take; auto takes the scalable path beyond it, exact refuses.",
            DefaultValueFactory = _ => 30,
        };
        var maxMemory = new Option<long>("--max-memory-mb")
        {
            Description = "For the crossed model: the most memory a fit may be predicted to need, in MB; 0 for a quarter of the memory available.",
            DefaultValueFactory = _ => 0,
        };
        // The value is read from its token: a token that is not a number is the parser's own error (GetValueOrDefault
        // would throw on it here, and "--max-seconds 1O" ended in an unhandled exception).
        maxSeconds.Validators.Add(result =>
        {
            if (result.Tokens.Count != 1 || !double.TryParse(result.Tokens[0].Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
            {
                return;
            }

            if (!(seconds >= 1e-6 && seconds <= 1e6))
            {
                result.AddError($"--max-seconds was {seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}; it must be a number of seconds from 0.000001 to 1000000.");
            }
        });
        maxMemory.Validators.Add(result =>
        {
            if (result.Tokens.Count != 1 || !long.TryParse(result.Tokens[0].Value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var megabytes))
            {
                return;
            }

            if (megabytes is < 0 or > long.MaxValue / 1_000_000)
            {
                result.AddError($"--max-memory-mb was {megabytes}; it must be 0 (a quarter of the memory available) or a number of megabytes.");
            }
        });
        var styledRaters = StyledRaters();
        var personEffect = PersonEffectOption();
        var calibrate = new Command("calibrate", "Remove rater bias from a ratings export and estimate every person's level on every competency.")
        {
            ratings, columns, sourceValues, method, path, maxSeconds, maxMemory, model, styledRaters, personEffect, output,
        };
        PersonEffectOnlyForCrossed(calibrate, method, personEffect);
        calibrate.SetAction(result => CalibrateVerb.Run(
            result.GetRequiredValue(ratings),
            result.GetRequiredValue(method),
            Enum.Parse<CrossedModelPath>(result.GetRequiredValue(path), ignoreCase: true),
            result.GetValue(model),
            ColumnsOf(result, columns, sourceValues),
            result.GetRequiredValue(output),
            result.InvocationConfiguration.Output,
            result.InvocationConfiguration.Error,
            (result.GetValue(maxSeconds), result.GetValue(maxMemory)),
            Named<StyledRaterPolicy>(result.GetRequiredValue(styledRaters)),
            result.GetValue(personEffect) is { } effect ? Named<PersonEffect>(effect) : PersonEffect.Automatic));
        return calibrate;
    }

    private static Command CreateScore()
    {
        var (ratings, performance, role, method, model) = ScoringInputs();
        var columns = Columns();
        var sourceValues = SourceValuesOption();
        var rules = EvidenceRules();
        var output = new Option<DirectoryInfo>("--out")
        {
            Description = "Directory for readiness.csv and explanations.json.",
            DefaultValueFactory = _ => new DirectoryInfo("readiness"),
        };
        var anonymity = new Option<int>("--anonymity")
        {
            Description = "Show a rater source's average rating of a person in explanations.json only where at least this many of its raters rated them (self and manager always shown).",
            DefaultValueFactory = _ => new AnonymityOptions().MinimumRaters,
        };
        anonymity.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1 && int.TryParse(result.Tokens[0].Value, System.Globalization.CultureInfo.InvariantCulture, out var value) && value < 1)
            {
                result.AddError($"--anonymity was {value}; it must be at least 1 (1 shows every source's average).");
            }
        });
        var score = new Command("score", "Calibrate the ratings and score every ratee's readiness for a role, with intervals, bands, gaps and flags.")
        {
            ratings, columns, sourceValues, model, performance, role, method, rules.MinRaters, rules.MinSources, rules.Options, rules.AllowUnscored, rules.StyledRaters, rules.PersonEffect, anonymity, output,
        };
        PersonEffectOnlyForCrossed(score, method, rules.PersonEffect);
        score.SetAction(result => ScoreVerb.Run(
            result.GetRequiredValue(ratings),
            result.GetValue(model),
            ColumnsOf(result, columns, sourceValues),
            result.GetValue(performance),
            result.GetValue(role),
            Settings(result, method, rules),
            new AnonymityOptions { MinimumRaters = result.GetValue(anonymity) },
            result.GetRequiredValue(output),
            result.InvocationConfiguration.Output,
            result.InvocationConfiguration.Error));
        return score;
    }

    private static Command CreateTalent()
    {
        var (ratings, performance, _, method, model) = ScoringInputs();
        var columns = Columns();
        var sourceValues = SourceValuesOption();
        var rules = EvidenceRules();
        var role = new Option<FileInfo[]>("--role")
        {
            Description = "Role profile JSON, once per role (the 9-box uses the first); default: the built-in first-line-manager profile.",
            AllowMultipleArgumentsPerToken = false,
        };
        var exclude = new Option<FileInfo?>("--exclude") { Description = "CSV file with header ratee,reason: people to leave off every slate (flight risks, pending moves)." };
        var date = new Option<DateOnly?>("--date") { Description = "The review date plans start from (yyyy-mm-dd); default: today." };
        var output = new Option<DirectoryInfo>("--out")
        {
            Description = "Directory for nine-box.csv, slate-ROLE.csv, bench.csv, plans.json and talent.json.",
            DefaultValueFactory = _ => new DirectoryInfo("talent"),
        };
        var talent = new Command("talent", "Calibrate and score, then write the talent review: 9-box, a succession slate per role, bench strength and development plans.")
        {
            ratings, columns, sourceValues, model, performance, role, exclude, method, rules.MinRaters, rules.MinSources, rules.Options, rules.AllowUnscored, rules.StyledRaters, rules.PersonEffect, date, output,
        };
        PersonEffectOnlyForCrossed(talent, method, rules.PersonEffect);
        talent.SetAction(result => TalentVerb.Run(
            result.GetRequiredValue(ratings),
            result.GetValue(model),
            ColumnsOf(result, columns, sourceValues),
            result.GetValue(performance),
            result.GetValue(role) ?? [],
            result.GetValue(exclude),
            Settings(result, method, rules),
            result.GetValue(date) ?? DateOnly.FromDateTime(DateTime.Today),
            result.GetRequiredValue(output),
            result.InvocationConfiguration.Output,
            result.InvocationConfiguration.Error));
        return talent;
    }

    private static Command CreateAudit()
    {
        var (ratings, performance, role, method, model) = ScoringInputs();
        var columns = Columns();
        var sourceValues = SourceValuesOption();
        var rules = EvidenceRules();
        var groups = new Option<FileInfo>("--groups") { Description = "CSV file with header ratee,ATTRIBUTE[,ATTRIBUTE…]: demographic categories, used only for the audit.", Required = true };
        var outcome = new Option<string>("--outcome") { Description = "The outcome audited: scoring-rate (above the median), ready-now, or index:N.", DefaultValueFactory = _ => "scoring-rate" };
        var share = new Option<double>("--min-share") { Description = "Leave groups under this share of the audited people out of the comparison (shown, not compared).", DefaultValueFactory = _ => 0 };
        var cell = new Option<int>("--min-cell") { Description = "Suppress groups with fewer people than this.", DefaultValueFactory = _ => 0 };
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory for audit.csv and rater-splits.csv.", DefaultValueFactory = _ => new DirectoryInfo("audit") };
        var audit = new Command("audit", "Adverse-impact audit of an outcome by group and intersection, on calibrated and raw-mean scores, with the raters who favour one group.")
        {
            ratings, columns, sourceValues, model, groups, performance, role, method, rules.MinRaters, rules.MinSources, rules.Options, rules.AllowUnscored, rules.StyledRaters, rules.PersonEffect, outcome, share, cell, output,
        };
        PersonEffectOnlyForCrossed(audit, method, rules.PersonEffect);
        audit.SetAction(result => AuditVerb.Run(
            result.GetRequiredValue(ratings), result.GetValue(model), ColumnsOf(result, columns, sourceValues), result.GetRequiredValue(groups), result.GetValue(performance), result.GetValue(role), Settings(result, method, rules),
            result.GetRequiredValue(outcome), result.GetValue(share), result.GetValue(cell), result.GetRequiredValue(output),
            result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));
        return audit;
    }

    private static Command CreateValidity()
    {
        var (ratings, performance, role, method, model) = ScoringInputs();
        var columns = Columns();
        var sourceValues = SourceValuesOption();
        var rules = EvidenceRules();
        var outcomes = new Option<FileInfo>("--outcomes") { Description = "CSV file with header ratee,outcome: later outcomes (0/1 for success or failure).", Required = true };
        var reliability = new Option<double?>("--reliability") { Description = "The outcome measure's reliability, to correct the correlations for attenuation." };
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory for validity.json.", DefaultValueFactory = _ => new DirectoryInfo("validity") };
        var validity = new Command("validity", "Does readiness predict later outcomes better than performance alone? Correlations, incremental R², AUC.")
        {
            ratings, columns, sourceValues, model, outcomes, performance, role, method, rules.MinRaters, rules.MinSources, rules.Options, rules.AllowUnscored, rules.StyledRaters, rules.PersonEffect, reliability, output,
        };
        PersonEffectOnlyForCrossed(validity, method, rules.PersonEffect);
        validity.SetAction(result => ValidityVerb.Run(
            result.GetRequiredValue(ratings), result.GetValue(model), ColumnsOf(result, columns, sourceValues), result.GetRequiredValue(outcomes), result.GetValue(performance), result.GetValue(role), Settings(result, method, rules),
            result.GetValue(reliability), result.GetRequiredValue(output), result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));
        return validity;
    }

    private static Command CreateReliability()
    {
        var (ratings, _, _, method, model) = ScoringInputs();
        var columns = Columns();
        var sourceValues = SourceValuesOption();
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory for reliability.json, rater-diagnostics.csv, self-other.csv and agreement.csv.", DefaultValueFactory = _ => new DirectoryInfo("reliability") };
        var reliability = new Command("reliability", "How far the raters agree (ICC, Krippendorff's alpha, raters needed), rater diagnostics and self–other agreement.")
        {
            ratings, columns, sourceValues, model, method, output,
        };
        reliability.SetAction(result => ReliabilityVerb.Run(
            result.GetRequiredValue(ratings), result.GetValue(model), ColumnsOf(result, columns, sourceValues), result.GetRequiredValue(method), result.GetRequiredValue(output), result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));
        return reliability;
    }

    /// <summary>The evidence rules and the unscored run's outcome, for the verbs that score.</summary>
    private static (Option<int?> MinRaters, Option<int?> MinSources, Option<bool> AllowUnscored, Option<FileInfo?> Options, Option<string> StyledRaters, Option<string?> PersonEffect) EvidenceRules()
    {
        var minRaters = new Option<int?>("--min-raters") { Description = "The fewest raters other than the person a score needs (default 3)." };
        var minSources = new Option<int?>("--min-sources") { Description = "The fewest rater sources other than self a score needs (default 2; a file without a source column has one, peer)." };
        foreach (var option in new[] { minRaters, minSources })
        {
            option.Validators.Add(result =>
            {
                if (result.Tokens.Count == 1 && int.TryParse(result.Tokens[0].Value, System.Globalization.CultureInfo.InvariantCulture, out var value) && value < 1)
                {
                    result.AddError($"{option.Name} was {value}; it must be at least 1.");
                }
            });
        }

        var allowUnscored = new Option<bool>("--allow-unscored") { Description = "Write the results even when nobody could be scored (otherwise that run fails with the reasons, exit code 2)." };
        var options = new Option<FileInfo?>("--options")
        {
            Description = "JSON with the scoring and calibration options as a host configures AddReadiness: the Readiness section of an appsettings.json, or that section alone. --method, --min-raters and --min-sources override it.",
        };
        return (minRaters, minSources, allowUnscored, options, StyledRaters(), PersonEffectOption());
    }

    private static CohortSettings Settings(ParseResult result, Option<string> method, (Option<int?> MinRaters, Option<int?> MinSources, Option<bool> AllowUnscored, Option<FileInfo?> Options, Option<string> StyledRaters, Option<string?> PersonEffect) rules) =>
        new(
            result.GetResult(method) is { Implicit: false } ? result.GetValue(method) : null,
            result.GetValue(rules.MinRaters),
            result.GetValue(rules.MinSources),
            result.GetValue(rules.Options),
            result.GetValue(rules.AllowUnscored),
            Named<StyledRaterPolicy>(result.GetRequiredValue(rules.StyledRaters)),
            result.GetValue(rules.PersonEffect) is { } effect ? Named<PersonEffect>(effect) : null);

    /// <summary>The value an option restricted to an enumeration's wire names was given.</summary>
    private static T Named<T>(string name)
        where T : struct, Enum => WireNames.TryParse<T>(name, out var value) ? value : throw new ArgumentException($"{name} is none of {typeof(T).Name}'s names.", nameof(name));

    /// <summary>What is done with the raters the diagnostics flag for central tendency or halo.</summary>
    private static Option<string> StyledRaters()
    {
        var option = new Option<string>("--styled-raters")
        {
            Description = "The raters the diagnostics flag for central tendency or halo (styles a rater effect cannot undo, which pull people at the scale's ends towards the middle): "
                + "set-aside-unless-needed (the default) leaves out their ratings of others except where a person would be left with fewer raters or sources than the evidence rules ask; "
                + "set-aside-always leaves them all out (such people go unscored); keep calibrates the ratings as they are. Writes set-aside-raters.csv unless keep.",
            DefaultValueFactory = _ => WireNames.Of(StyledRaterPolicy.SetAsideUnlessNeeded),
        };
        option.AcceptOnlyFromAmong([.. Enum.GetValues<StyledRaterPolicy>().Select(WireNames.Of)]);
        return option;
    }

    /// <summary>Refuses --person-effect beside a --method other than the crossed model, which alone has a person effect.</summary>
    private static void PersonEffectOnlyForCrossed(Command command, Option<string> method, Option<string?> personEffect) =>
        command.Validators.Add(result =>
        {
            if (result.GetResult(personEffect) is { Implicit: false } && result.GetValue(method) is { } name && name != "crossed")
            {
                result.AddError($"--person-effect was given with --method {name}; it is a setting of the crossed model (--method crossed), the only one with a person effect.");
            }
        });

    /// <summary>The crossed model's person effect: shared, per competency domain, or chosen from the data.</summary>
    private static Option<string?> PersonEffectOption()
    {
        var option = new Option<string?>("--person-effect")
        {
            Description = "For the crossed model: per-domain gives each person one effect per competency domain (leadership, individual performance), so a strong leader's leadership estimates are not pulled toward their performance ones; "
                + "shared gives them one for all their competencies; automatic (the default) is per-domain when both domains are rated and every source's raters are named, shared otherwise.",
        };
        option.AcceptOnlyFromAmong([.. Enum.GetValues<PersonEffect>().Select(WireNames.Of)]);
        return option;
    }

    /// <summary>The ratings columns under an export's own names.</summary>
    private static Option<string?> Columns()
    {
        var columns = new Option<string?>("--columns")
        {
            Description = "The ratings file's own column names: field=column pairs, e.g. ratee=employee_id,rater=rater_id,value=score (fields: ratee, rater, source, competency, value, cycle).",
        };
        columns.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1 && !ColumnMap.TryParse(result.Tokens[0].Value, out _, out var problem))
            {
                result.AddError($"--columns: {problem}.");
            }
        });
        return columns;
    }

    /// <summary>An export's own words for the rater sources.</summary>
    private static Option<string?> SourceValuesOption()
    {
        var sourceValues = new Option<string?>("--source-values")
        {
            Description = "The ratings file's own words for the rater sources: value=source pairs, e.g. \"Line Manager=manager,360 Peer=peer\" (sources: self, manager, peer, direct-report, skip-level, assessor).",
        };
        sourceValues.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1 && !SourceValues.TryParse(result.Tokens[0].Value, out _, out var problem))
            {
                result.AddError($"--source-values: {problem}.");
            }
        });
        return sourceValues;
    }

    private static ColumnMap ColumnsOf(ParseResult result, Option<string?> columns, Option<string?> sourceValues)
    {
        var map = result.GetValue(columns) is { } text ? ColumnMap.Parse(text) : ColumnMap.None;
        return result.GetValue(sourceValues) is { } words ? map.WithSources(SourceValues.Parse(words)) : map;
    }

    /// <summary>The inputs of every verb that calibrates and scores.</summary>
    private static (Option<FileInfo> Ratings, Option<FileInfo?> Performance, Option<FileInfo?> Role, Option<string> Method, Option<FileInfo?> Model) ScoringInputs()
    {
        var model = new Option<FileInfo?>("--model") { Description = "Competency model JSON the ratings and roles are written for; default: the built-in leadership framework." };
        var ratings = new Option<FileInfo>("--ratings") { Description = "CSV or .xlsx file with header ratee,rater,competency,value and optional source,cycle columns (other names mapped by --columns).", Required = true };
        var performance = new Option<FileInfo?>("--performance") { Description = "CSV or .xlsx file with header ratee,performance: individual performance, reported beside readiness (the 9-box's performance axis)." };
        var role = new Option<FileInfo?>("--role") { Description = "Role profile JSON for the model (see the framework verb); default: the built-in first-line-manager profile, with the built-in model." };
        var method = new Option<string>("--method") { Description = "Calibration method.", DefaultValueFactory = _ => "crossed" };
        method.AcceptOnlyFromAmong("none", "mean-centre", "standardise", "crossed", "rasch");
        return (ratings, performance, role, method, model);
    }

    private static Command CreateProgress()
    {
        var ratings = new Option<FileInfo>("--ratings")
        {
            Description = "CSV or .xlsx file with header ratee,rater,competency,value,cycle and optional source (other names mapped by --columns).",
            Required = true,
        };
        var cycles = new Option<FileInfo?>("--cycles") { Description = "CSV with the columns cycle,date (yyyy-MM-dd); default: the cycle labels are themselves ISO dates." };
        var model = new Option<FileInfo?>("--model") { Description = "Competency model JSON; default: the built-in leadership framework." };
        var role = new Option<FileInfo?>("--role") { Description = "Role profile JSON: also score readiness at the last cycle, each gap closing at the person's measured growth (readiness.csv, explanations.json)." };
        var performance = new Option<FileInfo?>("--performance") { Description = "With --role: CSV with header ratee,performance (individual performance, kept apart from readiness)." };
        var development = new Option<FileInfo?>("--development") { Description = "CSV with header ratee,intervention,competency,start,end: who took part in which development, on which competency (empty: all), from when to when; writes interventions.csv, each intervention's change in growth." };
        var promotions = new Option<FileInfo?>("--promotions") { Description = "With --role: CSV with header ratee,date,role: who was promoted into the role, when; writes promotions.json, their readiness at that date against their team's outcome." };
        var outcomes = new Option<FileInfo?>("--outcomes") { Description = "With --promotions: CSV with header ratee,outcome: the promoted people's team outcomes a year on." };
        var setAside = new Option<bool>("--set-aside-styled-raters") { Description = "Leave out the raters the diagnostics flag for central tendency or halo (styles a rater effect cannot undo, which flatten growth); writes set-aside-raters.csv." };
        var columns = Columns();
        var sourceValues = SourceValuesOption();
        var output = new Option<DirectoryInfo>("--out")
        {
            Description = "Directory for trajectories.csv, growth.csv, model.json, rejects.csv and warnings.txt (interventions.csv with --development; readiness.csv, explanations.json with --role; promotions.json with --promotions).",
            DefaultValueFactory = _ => new DirectoryInfo("progress"),
        };
        var progress = new Command("progress", "Measure growth across review cycles: each person's trajectory per competency, their growth a year, and the cohort's.")
        {
            ratings, cycles, columns, sourceValues, model, role, performance, development, promotions, outcomes, setAside, output,
        };
        progress.SetAction(result => ProgressVerb.Run(
            new ProgressInputs(
                result.GetRequiredValue(ratings),
                result.GetValue(cycles),
                result.GetValue(model),
                result.GetValue(role),
                result.GetValue(performance),
                result.GetValue(development),
                result.GetValue(promotions),
                result.GetValue(outcomes)),
            ColumnsOf(result, columns, sourceValues),
            result.GetRequiredValue(output),
            result.InvocationConfiguration.Output,
            result.InvocationConfiguration.Error,
            result.GetValue(setAside)));
        return progress;
    }

    private static Command CreateScaffold()
    {
        var ratings = new Option<FileInfo>("--ratings") { Description = "A ratings export (CSV with ratee,rater,competency,value columns, or mapped by --columns).", Required = true };
        var columns = Columns();
        var sourceValues = SourceValuesOption();
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory for model.json and role.json.", DefaultValueFactory = _ => new DirectoryInfo("framework") };
        var scaffold = new Command("scaffold", "Write a first competency model and role profile for a ratings export: its competency ids and scale, for you to complete.")
        {
            ratings, columns, sourceValues, output,
        };
        scaffold.SetAction(result => ScaffoldVerb.Run(
            result.GetRequiredValue(ratings), ColumnsOf(result, columns, sourceValues), result.GetRequiredValue(output), result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));
        return scaffold;
    }

    private static Command CreateFramework()
    {
        var role = new Option<string?>("--role") { Description = "A built-in role profile id (first-line-manager) to print instead of the competency framework." };
        var output = new Option<FileInfo?>("--out") { Description = "File to write the JSON to; default: standard output." };
        var framework = new Command("framework", "Print the built-in competency framework, or a built-in role profile, as JSON.") { role, output };
        framework.SetAction(result => FrameworkVerb.Run(
            result.GetValue(role),
            result.GetValue(output),
            result.InvocationConfiguration.Output,
            result.InvocationConfiguration.Error));
        return framework;
    }

    private static Command CreateSimulate()
    {
        var people = new Option<int>("--people") { Description = "Number of people.", DefaultValueFactory = _ => 1200 };
        var seed = new Option<int>("--seed") { Description = "Random seed; the same seed gives the same organisation.", DefaultValueFactory = _ => 1 };
        var groupBias = new Option<double>("--group-bias") { Description = "Share of raters who rate men a point higher than women (0–1).", DefaultValueFactory = _ => 0 };
        var design = new Option<string>("--design")
        {
            Description = "Who rates whom: local (an organisational 360°), widely-crossed (peers drawn from a company-wide pool), assessment-centre (a few assessors rate many candidates), matrix (line and project hierarchies), anonymised (every response its own rater id).",
            DefaultValueFactory = _ => "local",
        };
        design.AcceptOnlyFromAmong(SimulateVerb.Designs.Keys.ToArray());
        var ratersPerPerson = new Option<int>("--raters-per-person") { Description = "Raters drawn from the pool per person (widely-crossed, assessment-centre); 0 for the design's default.", DefaultValueFactory = _ => 0 };
        var raterPool = new Option<int>("--rater-pool") { Description = "Size of the rater pool (widely-crossed, assessment-centre); 0 for the design's default.", DefaultValueFactory = _ => 0 };
        var cycles = new Option<int>("--cycles") { Description = "Review cycles a year apart (1–20): with more than one, people grow between them and each cycle's label is its date.", DefaultValueFactory = _ => 1 };
        var developmentShare = new Option<double>("--development-share") { Description = "With several cycles: the share of people put into a leadership programme after the first (more often those who start low); writes development.csv.", DefaultValueFactory = _ => 0 };
        var promotionShare = new Option<double>("--promotion-share") { Description = "With several cycles: the share of people promoted to first-line manager at the last cycle, the best performers first; writes promotions.csv.", DefaultValueFactory = _ => 0 };
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory to write ratings.csv, performance.csv, truth.csv, groups.csv, outcomes.csv (and cycles.csv with several cycles, development.csv and promotions.csv when asked) to.", Required = true };
        var simulate = new Command("simulate", "Write a simulated organisation (a 360° cycle with planted rater biases, demographic groups and team outcomes) as CSV files.")
        {
            people, seed, groupBias, design, ratersPerPerson, raterPool, cycles, developmentShare, promotionShare, output,
        };
        simulate.SetAction(result => SimulateVerb.Run(
            new SimulationOptions
            {
                People = result.GetValue(people),
                Seed = result.GetValue(seed),
                GroupBiasedRaterShare = result.GetValue(groupBias),
                Design = SimulateVerb.Designs[result.GetValue(design)!],
                RatersPerPerson = result.GetValue(ratersPerPerson),
                RaterPool = result.GetValue(raterPool),
                Cycles = result.GetValue(cycles),
                DevelopmentShare = result.GetValue(developmentShare),
                PromotionShare = result.GetValue(promotionShare),
            },
            result.GetRequiredValue(output),
            result.InvocationConfiguration.Output,
            result.InvocationConfiguration.Error));
        return simulate;
    }
}
