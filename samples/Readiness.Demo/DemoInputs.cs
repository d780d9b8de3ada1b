using System.Collections.Immutable;
using System.Globalization;
using CsvHelper;
using Readiness.Cli;
using Readiness.Competencies;
using Readiness.Evidence;
using Readiness.Fairness;
using Readiness.Simulation;

namespace Readiness.Demo;

/// <summary>
/// The files the story runs on: a ratings export (its columns under the export's names) and, when there are any,
/// performance, groups, later outcomes, and the user's own competency model and role profile.
/// </summary>
internal sealed record DemoFiles(FileInfo Ratings, FileInfo? Performance, FileInfo? Groups, FileInfo? Outcomes, FileInfo? Model = null, FileInfo? Role = null, string? Columns = null)
{
    /// <summary>Gets the column map <see cref="Columns"/> names (checked when the command line was parsed).</summary>
    public ColumnMap ColumnMap => Columns is null ? ColumnMap.None : ColumnMap.Parse(Columns).Map!;
}

/// <summary>
/// What the story runs on, read through the CLI's own readers whether the files came from the simulation or from the user,
/// so the default run and <c>--ratings</c> take exactly the same path. Row problems in the side files are kept as warnings.
/// </summary>
internal sealed record DemoInputs(
    DemoFiles Files,
    CompetencyModel Model,
    RoleProfile Role,
    RatingsFile Ratings,
    PerformanceSet? Performance,
    Demographics? Demographics,
    ImmutableArray<string> Attributes,
    ImmutableArray<OutcomeRecord> Outcomes,
    ImmutableArray<string> Warnings,
    SimulatedOrganisation? Organisation)
{
    /// <summary>
    /// Rows as a hand-edited spreadsheet export might have them: each is a real row of the organisation with one thing
    /// wrong, appended so the intake step has rejects to account for.
    /// </summary>
    private static readonly (string Field, Func<string, string> Spoil)[] Spoilers =
    [
        ("value", v => $"\"{v},5\""),
        ("value", _ => "7"),
        ("value", _ => "NaN"),
        ("value", _ => string.Empty),
        ("competency", c => c.Replace("-", " ", StringComparison.Ordinal).ToUpperInvariant()),
        ("rater", _ => string.Empty),
        ("source", _ => "manger"),
        ("cycle", _ => new string('x', 80)),
    ];

    public static DemoInputs Simulate(int people, int seed, DirectoryInfo data)
    {
        var organisation = OrganisationSimulator.Generate(new SimulationSettings { People = people, Seed = seed, GroupBiasedRaterShare = 0.05 });
        data.Create();
        SimulateVerb.Write(organisation, data);
        var ratings = Path.Combine(data.FullName, "ratings.csv");
        AppendSpoiledRows(ratings, seed);
        var files = new DemoFiles(new FileInfo(ratings), new FileInfo(Path.Combine(data.FullName, "performance.csv")),
            new FileInfo(Path.Combine(data.FullName, "groups.csv")), new FileInfo(Path.Combine(data.FullName, "outcomes.csv")));
        return Read(files, organisation);
    }

    /// <summary>Reads the files; throws what the CLI's readers throw when a file cannot be used at all.</summary>
    public static DemoInputs Read(DemoFiles files, SimulatedOrganisation? organisation = null)
    {
        using var warnings = new StringWriter(CultureInfo.InvariantCulture);
        var model = CohortInput.ReadModel(files.Model);
        var role = CohortInput.ReadRole(files.Role, model);
        var ratings = Reading(files.Ratings, () => RatingsCsv.Read(files.Ratings, model, files.ColumnMap));
        var performance = files.Performance is { } p ? Reading(p, () => ScoreVerb.ReadPerformance(p, warnings)) : null;
        var (demographics, attributes) = files.Groups is { } g ? Reading(g, () => AuditVerb.ReadGroups(g, warnings)) : (null, []);
        var outcomes = files.Outcomes is { } o
            ? Reading(o, () => PersonValuesCsv.Read(o, "outcome", warnings).Select(v => new OutcomeRecord(v.Person, v.Value)).ToImmutableArray())
            : [];
        var lines = warnings.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new DemoInputs(files, model, role, ratings, performance, demographics, [.. attributes], outcomes, [.. lines], organisation);
    }

    /// <summary>Names the file in a reader's refusal when the reader did not.</summary>
    private static T Reading<T>(FileInfo file, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is RatingsCsvException or CsvHelperException && !e.Message.StartsWith(file.Name, StringComparison.Ordinal))
        {
            var message = e is CsvHelperException ? "the file is not valid CSV (check quotes around cells)" : e.Message;
            throw new RatingsCsvException($"{file.Name}: {message}");
        }
    }

    private static void AppendSpoiledRows(string path, int seed)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        var random = new Random(seed);
        using var writer = File.AppendText(path);
        foreach (var (field, spoil) in Spoilers)
        {
            var cells = lines[random.Next(1, lines.Length)].Split(',');
            var column = Array.IndexOf(header, field);
            cells[column] = spoil(cells[column]);
            writer.WriteLine(string.Join(',', cells));
        }

        // A row exported twice, and a row cut short.
        var twice = lines[random.Next(1, lines.Length)];
        writer.WriteLine(twice);
        writer.WriteLine(string.Join(',', lines[random.Next(1, lines.Length)].Split(',')[..3]));
    }
}
