using System.Collections.Immutable;
using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Readiness.Evidence;
using Readiness.Fairness;

namespace Readiness.Files;

/// <summary>
/// Reads and writes the tables beside the ratings, as CSV or Excel (<c>.xlsx</c>, its first worksheet): performance
/// (<c>ratee,performance</c>), later outcomes (<c>ratee,outcome</c>), demographic groups (<c>ratee,ATTRIBUTE[,ATTRIBUTE…]</c>)
/// and people to leave off the slates (<c>ratee,reason</c>). A row that cannot be used is left out and reported with its
/// line, never dropped silently; a file that cannot be used at all throws <see cref="TableFileException"/>.
/// </summary>
public static class InputTables
{
    /// <summary>Reads <c>ratee,performance</c>: a row without a person id and a finite number, or a person given twice, is left out and reported.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The performance records.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="TableFileException">The header lacks ratee or performance.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static TableRead<PerformanceSet> ReadPerformance(string path)
    {
        var (values, rejected) = Guarded(() => ReadPersonValues(path, "performance"));
        var intake = PerformanceSet.Create(values.Select(v => new PerformanceRecord(v.Person, v.Value)));
        // The intake's own refusals (a person twice) name rows in the order given: each is a line of the file.
        var lines = values.Select(v => v.Line).ToArray();
        var all = rejected.Concat(intake.Report.Rejected.Select(r => new TableReject(lines[r.Row], RatingsFile.InLines(r.Message, lines)))).OrderBy(r => r.Line);
        return new TableRead<PerformanceSet>(intake.Performance, [.. all]);
    }

    /// <summary>Reads <c>ratee,outcome</c>: a row without a person id and a finite number is left out and reported.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The outcome records, in the order of the file.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="TableFileException">The header lacks ratee or outcome.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static TableRead<ImmutableArray<OutcomeRecord>> ReadOutcomes(string path)
    {
        var (values, rejected) = Guarded(() => ReadPersonValues(path, "outcome"));
        return new TableRead<ImmutableArray<OutcomeRecord>>([.. values.Select(v => new OutcomeRecord(v.Person, v.Value))], rejected);
    }

    /// <summary>
    /// Reads <c>ratee,ATTRIBUTE[,ATTRIBUTE…]</c>: an empty cell is an unknown category; a row without a person id and one
    /// cell per attribute, or a person given twice, is left out; a category holding a control or invisible formatting
    /// character counts as unknown — each reported.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <returns>The groups, with the attributes in the header's order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="TableFileException">The header is not ratee and distinct attribute names, or a name holds a control or invisible formatting character.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static TableRead<DemographicGroups> ReadGroups(string path) => Guarded(() => ReadGroupsOf(path));

    /// <summary>A CSV parser over the file, trimming cells.</summary>
    internal static CsvParser Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return new CsvParser(TableText.Open(path), new CsvConfiguration(CultureInfo.InvariantCulture) { TrimOptions = TrimOptions.Trim }, leaveOpen: false);
    }

    /// <summary>Reads with CsvHelper's parser, whose refusal of malformed CSV (a stray quote) becomes a <see cref="TableFileException"/> naming the line.</summary>
    internal static T Guarded<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (CsvHelperException e)
        {
            var line = e.Context?.Parser?.RawRow is int row and > 0 ? $" at line {row}" : string.Empty;
            throw new TableFileException($"the file is not valid CSV{line} (check the quotes around cells)", e);
        }
    }

    private static TableRead<DemographicGroups> ReadGroupsOf(string path)
    {
        using var csv = Open(path);
        if (!csv.Read() || csv.Record is not { } header || header.Length < 2 || header[0] != "ratee"
            || header.Skip(1).Any(string.IsNullOrWhiteSpace) || header.Distinct(StringComparer.OrdinalIgnoreCase).Count() != header.Length)
        {
            throw new TableFileException("expected a header row ratee,ATTRIBUTE[,ATTRIBUTE…] with distinct attribute names");
        }

        // Attribute names and categories follow the person-id rule (no control or invisible formatting characters): two
        // categories that look alike on screen would be audited as two groups.
        if (header.Skip(1).FirstOrDefault(name => !RateeId.TryCreate(name, out _)) is { } badName)
        {
            throw new TableFileException($"the attribute name '{CsvCells.Shown(badName)}' holds a control or invisible formatting character, or white space at an end");
        }

        var records = new List<DemographicRecord>();
        var rejected = ImmutableArray.CreateBuilder<TableReject>();
        var seen = new HashSet<RateeId>();
        while (csv.Read())
        {
            var record = CsvCells.ReadAll(csv.Record!);
            if (record.Length != header.Length || !RateeId.TryCreate(record[0], out var id) || !seen.Add(id))
            {
                rejected.Add(new TableReject(csv.RawRow, "not a ratee id with one cell per attribute, or a ratee listed twice; left out."));
                continue;
            }

            for (var a = 1; a < header.Length; a++)
            {
                if (record[a].Length > 0 && !RateeId.TryCreate(record[a], out _))
                {
                    rejected.Add(new TableReject(csv.RawRow, $"the {header[a]} category '{CsvCells.Shown(record[a])}' holds a control or invisible formatting character; counted as unknown."));
                }
                else if (record[a].Length > 0)
                {
                    records.Add(new DemographicRecord(id, header[a], record[a]));
                }
            }
        }

        return new TableRead<DemographicGroups>(new DemographicGroups(Demographics.Create(records), [.. header[1..]]), rejected.ToImmutable());
    }

    /// <summary>Reads <c>ratee,reason</c>: people to leave off every slate; a row without a person id, or a person given twice, is left out and reported.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The reason for each person.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="TableFileException">The header lacks ratee or reason.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static TableRead<ImmutableDictionary<RateeId, string>> ReadExclusions(string path) => Guarded(() => ReadExclusionsOf(path));

    private static TableRead<ImmutableDictionary<RateeId, string>> ReadExclusionsOf(string path)
    {
        using var csv = Open(path);
        var (ratee, reason, cells) = Columns(csv, "ratee", "reason");
        var exclusions = ImmutableDictionary.CreateBuilder<RateeId, string>();
        var rejected = ImmutableArray.CreateBuilder<TableReject>();
        while (csv.Read())
        {
            var record = CsvCells.ReadAll(csv.Record!);
            if (record.Length == cells && RateeId.TryCreate(record[ratee], out var id) && exclusions.TryAdd(id, record[reason]))
            {
                continue;
            }

            rejected.Add(new TableReject(csv.RawRow, "not a ratee id, or one already listed; left out."));
        }

        return new TableRead<ImmutableDictionary<RateeId, string>>(exclusions.ToImmutable(), rejected.ToImmutable());
    }

    /// <summary>Writes <c>ratee,performance</c>.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="records">The records.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void WritePerformance(TextWriter writer, IEnumerable<PerformanceRecord> records)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(records);
        WritePersonValues(writer, "performance", records.Select(r => (r.Person, r.Value)));
    }

    /// <summary>Writes <c>ratee,outcome</c>.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="records">The records.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void WriteOutcomes(TextWriter writer, IEnumerable<OutcomeRecord> records)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(records);
        WritePersonValues(writer, "outcome", records.Select(r => (r.Person, r.Value)));
    }

    /// <summary>Writes <c>ratee,ATTRIBUTE[,ATTRIBUTE…]</c> for the people given: an unknown category as an empty cell.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="groups">The groups and the attributes, in the order written.</param>
    /// <param name="people">The people, in the order written.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void WriteGroups(TextWriter writer, DemographicGroups groups, IEnumerable<RateeId> people)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(people);
        writer.WriteLine(string.Join(',', groups.Attributes.Select(CsvCells.Field).Prepend("ratee")));
        foreach (var person in people)
        {
            writer.WriteLine(string.Join(',', groups.Attributes.Select(a => CsvCells.Field(groups.Demographics.CategoryOf(person, a) ?? string.Empty)).Prepend(CsvCells.Field(person.Value))));
        }
    }

    /// <summary>Writes <c>ratee,reason</c>.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="exclusions">The reason for each person.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void WriteExclusions(TextWriter writer, IEnumerable<KeyValuePair<RateeId, string>> exclusions)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(exclusions);
        writer.WriteLine("ratee,reason");
        foreach (var (person, reason) in exclusions)
        {
            writer.WriteLine($"{CsvCells.Field(person.Value)},{CsvCells.Field(reason)}");
        }
    }

    /// <summary>The two columns' positions, and the number of cells a row must have.</summary>
    private static (int First, int Second, int Cells) Columns(CsvParser csv, string first, string second)
    {
        if (!csv.Read() || csv.Record is not { } header || !header.Contains(first) || !header.Contains(second))
        {
            throw new TableFileException($"expected a header row with {first},{second}");
        }

        return (Array.IndexOf(header, first), Array.IndexOf(header, second), header.Length);
    }

    private static (List<(RateeId Person, double Value, int Line)> Values, ImmutableArray<TableReject> Rejected) ReadPersonValues(string path, string column)
    {
        using var csv = Open(path);
        var (ratee, value, cells) = Columns(csv, "ratee", column);
        var values = new List<(RateeId, double, int)>();
        var rejected = ImmutableArray.CreateBuilder<TableReject>();
        while (csv.Read())
        {
            var record = CsvCells.ReadAll(csv.Record!);
            if (record.Length == cells && RateeId.TryCreate(record[ratee], out var id)
                && double.TryParse(record[value], NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
            {
                values.Add((id, number, csv.RawRow));
            }
            else
            {
                rejected.Add(new TableReject(csv.RawRow, "not a ratee id and a finite number; left out."));
            }
        }

        return (values, rejected.ToImmutable());
    }

    private static void WritePersonValues(TextWriter writer, string column, IEnumerable<(RateeId Person, double Value)> values)
    {
        writer.WriteLine($"ratee,{column}");
        foreach (var (person, value) in values)
        {
            writer.WriteLine($"{CsvCells.Field(person.Value)},{CsvCells.Number(value)}");
        }
    }
}

/// <summary>Demographic groups as a groups table gives them: the categories, and the attributes in the table's order.</summary>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed class DemographicGroups
{
    /// <summary>Initialises the groups.</summary>
    /// <param name="demographics">Each person's category per attribute.</param>
    /// <param name="attributes">The attributes, in the order audited and written.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public DemographicGroups(Demographics demographics, IEnumerable<string> attributes)
    {
        ArgumentNullException.ThrowIfNull(demographics);
        ArgumentNullException.ThrowIfNull(attributes);
        Demographics = demographics;
        Attributes = [.. attributes];
    }

    /// <summary>Gets each person's category per attribute.</summary>
    public Demographics Demographics { get; }

    /// <summary>Gets the attributes, in the table's order.</summary>
    public ImmutableArray<string> Attributes { get; }
}
