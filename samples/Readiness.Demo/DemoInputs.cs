using System.Collections.Immutable;
using Readiness.Cli;
using Readiness.Competencies;
using Readiness.Evidence;
using Readiness.Files;
using Readiness.Fairness;
using Readiness.Simulation;

namespace Readiness.Demo;

/// <summary>
/// The files the story runs on: a ratings export (its columns under the export's names) and, when there are any,
/// performance, groups, later outcomes, and the user's own competency model and role profile.
/// </summary>
internal sealed record DemoFiles(
    FileInfo Ratings, FileInfo? Performance, FileInfo? Groups, FileInfo? Outcomes, FileInfo? Model = null, FileInfo? Role = null, string? Columns = null, string? SourceValues = null,
    DateOnly? ReviewDate = null)
{
    /// <summary>Gets the column map <see cref="Columns"/> and <see cref="SourceValues"/> name (checked when the command line was parsed).</summary>
    public ColumnMap ColumnMap =>
        (Columns is null ? ColumnMap.None : ColumnMap.Parse(Columns)).WithSources(SourceValues is null ? Files.SourceValues.None : Files.SourceValues.Parse(SourceValues));
}

/// <summary>
/// What the story runs on, read with the library's readers (Readiness.Files) whether the files came from the simulation or
/// from the user, so the default run and <c>--ratings</c> take exactly the same path. Row problems in the side files are
/// kept as warnings.
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
    /// <summary>Gets the date development plans start from: the one given, else today for the user's files and a fixed date for the simulation (its numbers are quoted in the README).</summary>
    public DateOnly ReviewDate => Files.ReviewDate ?? (Organisation is null ? DateOnly.FromDateTime(DateTime.Today) : new DateOnly(2027, 1, 4));

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
        var organisation = OrganisationSimulator.Generate(new SimulationOptions { People = people, Seed = seed, GroupBiasedRaterShare = 0.05 });
        data.Create();
        using (var staging = OutputStaging.Begin(data))
        {
            SimulateVerb.Write(organisation, staging);
            staging.Commit();
        }

        var ratings = Path.Combine(data.FullName, "ratings.csv");
        AppendSpoiledRows(ratings, seed);
        var files = new DemoFiles(new FileInfo(ratings), new FileInfo(Path.Combine(data.FullName, "performance.csv")),
            new FileInfo(Path.Combine(data.FullName, "groups.csv")), new FileInfo(Path.Combine(data.FullName, "outcomes.csv")));
        return Read(files, organisation);
    }

    /// <summary>Reads the files; throws what the library's readers throw when a file cannot be used at all, naming the file.</summary>
    public static DemoInputs Read(DemoFiles files, SimulatedOrganisation? organisation = null)
    {
        var warnings = new List<string>();
        var model = CohortInput.ReadModel(files.Model);
        var role = CohortInput.ReadRole(files.Role, model);
        var ratings = Reading(files.Ratings, () => RatingsTable.Read(files.Ratings.FullName, model, files.ColumnMap));
        var performance = files.Performance is { } p ? Side(p, InputTables.ReadPerformance) : null;
        var groups = files.Groups is { } g ? Side(g, InputTables.ReadGroups) : null;
        var outcomes = files.Outcomes is { } o ? Side(o, InputTables.ReadOutcomes) : [];
        return new DemoInputs(files, model, role, ratings, performance, groups?.Demographics, groups?.Attributes ?? [], outcomes, [.. warnings], organisation);

        T Side<T>(FileInfo file, Func<string, TableRead<T>> read)
        {
            var table = Reading(file, () => read(file.FullName));
            warnings.AddRange(table.Rejected.Select(r => $"{file.Name} {r}"));
            return table.Value;
        }
    }

    /// <summary>Names the file in a reader's refusal.</summary>
    private static T Reading<T>(FileInfo file, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (TableFileException e)
        {
            throw new TableFileException($"{file.Name}: {e.Message}", e);
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
