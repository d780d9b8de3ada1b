using System.Collections.Immutable;
using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Readiness.Competencies;
using Readiness.Evidence;
using Readiness.Serialization;

namespace Readiness.Files;

/// <summary>
/// Reads and writes ratings as CSV: header <c>ratee,rater,competency,value</c> with optional <c>source</c> and <c>cycle</c>
/// columns, in any order. Every data line is submitted to the intake: lines that cannot be read become reject rows, so
/// accepted + rejected always equals the number of data lines.
/// </summary>
public static class RatingsTable
{
    private static readonly string[] Required = ["ratee", "rater", "competency", "value"];
    private static readonly string[] Optional = ["source", "cycle"];

    /// <summary>Each field's column, from the header under the map; refuses a header with a column twice, a required one missing, or an optional one the map names missing.</summary>
    private static ILookup<string, int> HeaderColumns(string[] header, ColumnMap map)
    {
        var columns = header.Select((name, i) => (name, i)).ToLookup(c => map.FieldOf(c.name), c => c.i);
        foreach (var name in columns.Where(c => c.Count() > 1).Select(c => c.Key))
        {
            throw new TableFileException($"column '{CsvCells.Shown(map.NameOf(name))}' appears more than once in the header");
        }

        var missing = Required.Where(name => !columns.Contains(name)).ToArray();
        if (missing.Length > 0)
        {
            // Spreadsheets in many locales save "CSV" with semicolons or tabs; say so rather than list every column as missing.
            var separator = header.Length != 1 ? null : header[0].Contains(';', StringComparison.Ordinal) ? "semicolons" : header[0].Contains('\t', StringComparison.Ordinal) ? "tabs" : null;
            var named = missing.Select(m => map.NameOf(m) == m ? m : $"{map.NameOf(m)} (the {m} column, by --columns)");
            throw new TableFileException(
                $"the header lacks {string.Join(", ", named)}; required columns are ratee,rater,competency,value (source and cycle are optional), " +
                $"and --columns maps an export's own names (ratee=employee_id,value=score); the header is {Abbreviate(CsvCells.Escaped(string.Join(",", header)))}" +
                (separator is null ? string.Empty : $" (the file seems to use {separator}: save it comma-separated)"));
        }

        // An optional column mapped by name but not in the header is a misspelt name, not a column left out.
        if (Optional.FirstOrDefault(f => map.Maps(f) && !columns.Contains(f)) is { } unmatched)
        {
            throw new TableFileException(
                $"--columns maps {unmatched} to '{CsvCells.Shown(map.NameOf(unmatched))}', which is not in the header; the header is {Abbreviate(CsvCells.Escaped(string.Join(",", header)))}");
        }

        return columns;
    }

    /// <summary>
    /// The competency ids a ratings file uses, in the order they first appear, and the range of its values that are numbers:
    /// what a model for the file needs (<c>readiness scaffold</c>). Rows are not otherwise checked.
    /// </summary>
    /// <param name="path">The file: CSV, or an Excel workbook (<c>.xlsx</c>, its first worksheet).</param>
    /// <param name="columns">The file's own column names; default: the fields' own.</param>
    /// <returns>The competency ids and the range of the values.</returns>
    /// <exception cref="TableFileException">The file has no header, or its header lacks a required column.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static RatingsSurvey Survey(string path, ColumnMap? columns = null)
    {
        var map = columns ?? ColumnMap.None;
        using var reader = TableText.Open(path);
        using var csv = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { TrimOptions = TrimOptions.Trim, BadDataFound = null });
        if (!csv.Read() || csv.Record is not { } header)
        {
            throw new TableFileException("the file is empty; expected a header row with ratee,rater,competency,value");
        }

        var byField = HeaderColumns(header, map);
        var (competency, value) = (byField["competency"].First(), byField["value"].First());
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var competencies = new List<string>();
        var (minimum, maximum) = (double.PositiveInfinity, double.NegativeInfinity);
        while (csv.Read())
        {
            var record = CsvCells.ReadAll(csv.Record!);
            if (record.Length == header.Length && seen.Add(record[competency]))
            {
                competencies.Add(record[competency]);
            }

            if (record.Length == header.Length && double.TryParse(record[value], NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
            {
                (minimum, maximum) = (Math.Min(minimum, number), Math.Max(maximum, number));
            }
        }

        return new RatingsSurvey([.. competencies], minimum, maximum);
    }

    private static string Abbreviate(string text) => text.Length <= 200 ? text : string.Concat(text.AsSpan(0, 197), "...");

    /// <summary>The longest field read, in characters: far beyond any id, value or label, short of a file swallowed whole.</summary>
    public const int MaxFieldLength = 1_000_000;

    /// <summary>How many times reading starts again after a row that ran on: each start reads the file from its beginning.</summary>
    public const int MaxRestarts = 100;

    /// <summary>
    /// Reads a ratings file into an intake. Without a source column, a rating of oneself is a self-rating and every other
    /// rating a peer rating. A row the reader cannot use (wrong field count, a stray or unterminated quote, a NUL
    /// character, bytes that are not UTF-8 text, a field over <see cref="MaxFieldLength"/> characters) is rejected as
    /// unreadable; the rest go to the intake's own checks. A damaged row that ran on over later lines (a quote opened and
    /// never closed takes everything after it) is rejected alone, and reading starts again on the line after its first:
    /// one stray quote costs one row, not the file, and memory stays bounded by the cap.
    /// </summary>
    /// <param name="path">The file: CSV (its encoding from a byte-order mark, else UTF-8), or an Excel workbook (<c>.xlsx</c>, its first worksheet).</param>
    /// <param name="model">The competency model the ratings are of.</param>
    /// <param name="columns">The file's own column names; default: the fields' own.</param>
    /// <returns>The intake and the line of every row.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="model"/> is null.</exception>
    /// <exception cref="TableFileException">The file is empty, its header lacks a required column or has one twice, or over <see cref="MaxRestarts"/> rows ran on.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static RatingsFile Read(string path, CompetencyModel model, ColumnMap? columns = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(model);
        var map = columns ?? ColumnMap.None;
        var builder = new RatingSetBuilder(model);
        var lines = ImmutableArray.CreateBuilder<int>();
        string[]? header = null;
        (int Ratee, int Rater, int Competency, int Value, int Source, int Cycle) column = default;
        var skip = 0;
        for (var restarts = 0; ; restarts++)
        {
            if (restarts > MaxRestarts)
            {
                throw new TableFileException(
                    $"more than {MaxRestarts} rows ran on over later lines (a quote opened and never closed), the last at line {skip}; check the file's quoting (every quoted field in quotes from start to end) and save it again");
            }

            using var reader = TableText.Open(path);
            SkipLines(reader, skip);

            string? badData = null;
            var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
            {
                TrimOptions = TrimOptions.Trim,
                MaxFieldSize = MaxFieldLength,

                // CsvHelper's default throws, which would lose every row after one bad quote: reject that row instead.
                BadDataFound = args => badData ??= args.Field,
            };
            using var csv = new CsvParser(reader, configuration);
            var lineCounter = new LineCounter(skip);
            if (header is null)
            {
                if (!csv.Read() || csv.Record is not { } first)
                {
                    throw new TableFileException("the file is empty; expected a header row with ratee,rater,competency,value");
                }

                header = first;
                lineCounter.StartOf(csv);
                var byField = HeaderColumns(header, map);
                int Column(string name) => byField.Contains(name) ? byField[name].First() : -1;
                column = (Column("ratee"), Column("rater"), Column("competency"), Column("value"), Column("source"), Column("cycle"));
                badData = null;
            }

            skip = ReadRows(csv, lineCounter, header.Length, column, map.Sources, builder, lines, () => badData, () => badData = null);
            if (skip < 0)
            {
                return new RatingsFile(builder.Build(), lines.ToImmutable(), column.Source >= 0);
            }
        }
    }

    /// <summary>Reads past <paramref name="count"/> line breaks a character at a time, never holding a line (the one skipped may be huge).</summary>
    private static void SkipLines(TextReader reader, int count)
    {
        for (var c = 0; count > 0 && (c = reader.Read()) >= 0;)
        {
            count -= c == '\n' ? 1 : 0;
        }
    }

    /// <summary>
    /// Reads records until the end (returns −1) or until a damaged record that ran over several lines, or one with a field
    /// over the cap: that record is rejected, and the line after its first is returned for reading to start again there.
    /// </summary>
    private static int ReadRows(
        CsvParser csv, LineCounter lineCounter, int fields, (int Ratee, int Rater, int Competency, int Value, int Source, int Cycle) column,
        SourceValues sources, RatingSetBuilder builder, ImmutableArray<int>.Builder lines, Func<string?> badData, Action clearBadData)
    {
        var (ratee, rater, competency, value, source, cycle) = column;
        while (true)
        {
            try
            {
                if (!csv.Read())
                {
                    return -1;
                }
            }
            catch (MaxFieldSizeException)
            {
                var at = lineCounter.Next;
                lines.Add(at);
                builder.Reject(RejectReason.Unreadable,
                    $"A field longer than {MaxFieldLength:N0} characters (no id or value is that long; a quote opened and never closed takes every line after it); reading went on from the next line.");
                return at;
            }

            var record = CsvCells.ReadAll(csv.Record!);
            var damaged = badData() is not null;
            var line = lineCounter.StartOf(csv, record, damaged);
            lines.Add(line);
            if (Unreadable(record, fields, badData()) is { } problem)
            {
                var ranOn = damaged && lineCounter.Next > line + 1;
                builder.Reject(RejectReason.Unreadable, ranOn ? $"{problem} It ran on to line {lineCounter.Next - 1}; reading went on from line {line + 1}." : problem);
                clearBadData();
                if (ranOn)
                {
                    return line;
                }

                continue;
            }

            if (!RateeId.TryCreate(record[ratee], out var rateeId))
            {
                builder.Reject(RejectReason.InvalidRatee, $"Ratee '{CsvCells.Shown(record[ratee])}' is not a valid person id.");
                continue;
            }

            if (!RaterId.TryCreate(record[rater], out var raterId))
            {
                builder.Reject(RejectReason.InvalidRater, $"Rater '{CsvCells.Shown(record[rater])}' is not a valid person id.");
                continue;
            }

            if (!double.TryParse(record[value], NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                var hint = record[value].Contains(',', StringComparison.Ordinal) ? " (use a point as the decimal separator)" : string.Empty;
                builder.Reject(RejectReason.ValueNotFinite, $"Value '{CsvCells.Shown(record[value])}' is not a number{hint}.");
                continue;
            }

            RaterSource kind;
            if (source < 0)
            {
                kind = rateeId.Value == raterId.Value ? RaterSource.Self : RaterSource.Peer;
            }
            else if (!sources.TryGetSource(record[source], out kind))
            {
                builder.Reject(RejectReason.InvalidSource,
                    $"Source '{CsvCells.Shown(record[source])}' is not one of self, manager, peer, direct-report, skip-level, assessor (an export's own words are mapped with SourceValues, --source-values on the command line, e.g. \"Line Manager=manager\").");
                continue;
            }

            var label = cycle < 0 || record[cycle].Length == 0 ? null : record[cycle];
            builder.Add(new Rating(rateeId, raterId, kind, record[competency], number, label));
        }
    }

    /// <summary>Writes ratings with the header <c>ratee,rater,source,competency,value,cycle</c>, as <see cref="Read"/> reads them back.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="ratings">The ratings.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Write(TextWriter writer, IEnumerable<Rating> ratings)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(ratings);
        writer.WriteLine("ratee,rater,source,competency,value,cycle");
        foreach (var r in ratings)
        {
            writer.WriteLine(string.Join(',', CsvCells.Field(r.Ratee.Value), CsvCells.Field(r.Rater.Value), WireNames.Of(r.Source), CsvCells.Field(r.Competency),
                CsvCells.Number(r.Value), CsvCells.Field(r.Cycle ?? string.Empty)));
        }
    }

    /// <summary>
    /// The line each record starts on. A quoted field may span lines and blank lines are skipped, so the parser's row
    /// count is not it (and it counts one line too many when a quote runs to the end of the file): the start is found from
    /// the characters read instead, the skipped ones being blank lines.
    /// </summary>
    private sealed class LineCounter(int linesBefore)
    {
        private long _end;
        private int _next = 1;

        /// <summary>Gets the line after the last record read: where the next one starts, blank lines aside.</summary>
        public int Next => linesBefore + _next;

        public int StartOf(CsvParser csv) => StartOf(csv, [], damaged: true);

        /// <summary>The line a record starts on: for a well-formed record on one line, the parser's line count.</summary>
        public int StartOf(CsvParser csv, string[] record, bool damaged)
        {
            if (!damaged && !Array.Exists(record, f => f.AsSpan().ContainsAny('\r', '\n')))
            {
                // The common case, without building the raw record's string for every row.
                _end = csv.CharCount;
                _next = csv.RawRow + 1;
                return linesBefore + csv.RawRow;
            }

            var raw = csv.RawRecord;
            var ending = raw.EndsWith("\r\n", StringComparison.Ordinal) ? 2 : 1;
            var line = _next + (int)((csv.CharCount - raw.Length - _end) / ending);
            _end = csv.CharCount;
            _next = line + raw.Count(c => c == '\n');
            return linesBefore + line;
        }
    }

    /// <summary>Why the reader cannot use a record, or null.</summary>
    private static string? Unreadable(string[] record, int fields, string? badData)
    {
        if (badData is not null)
        {
            return $"A quote inside a field or a quoted field that is never closed ({Shorten(badData)}); put every quoted field in quotes from start to end.";
        }

        if (record.Length != fields)
        {
            return $"{record.Length} fields where the header has {fields}.";
        }

        // .NET reads "4\0" as 4 and decodes bytes that are not UTF-8 as U+FFFD: both mean the file is not the text it
        // seems, and a value or id read from it would be a guess.
        if (!Array.Exists(record, f => f.AsSpan().ContainsAny('\0', '\uFFFD')))
        {
            return null;
        }

        return Array.Exists(record, f => f.Contains('\0', StringComparison.Ordinal)) ? "A NUL character; the file may be binary or damaged."
            : "Bytes that are not UTF-8 text; save the file as UTF-8.";
    }

    private static string Shorten(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= 40 ? line : string.Concat(line.AsSpan(0, 37), "...");
    }


}

/// <summary>What a ratings file holds, before a model is written for it: its competency ids and the range of its values.</summary>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed class RatingsSurvey
{
    internal RatingsSurvey(ImmutableArray<string> competencies, double minimum, double maximum) => (Competencies, Minimum, Maximum) = (competencies, minimum, maximum);

    /// <summary>Gets the competency ids, in the order they first appear (without regard to case).</summary>
    public ImmutableArray<string> Competencies { get; }

    /// <summary>Gets the smallest value that is a number; +∞ when none is.</summary>
    public double Minimum { get; }

    /// <summary>Gets the largest value that is a number; −∞ when none is.</summary>
    public double Maximum { get; }

    /// <summary>
    /// A first competency model for the file, for an analyst to complete: its competency ids (each in the Leadership
    /// domain, named by its id, with a definition to be written) on a whole-number scale covering its values.
    /// </summary>
    /// <param name="source">The file's name, for the model's name and description.</param>
    /// <returns>The model, id <c>model</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    /// <exception cref="TableFileException">No row has both a competency and a numeric value, or the values span more levels than a scale may have.</exception>
    public CompetencyModel ScaffoldModel(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (Competencies.Length == 0 || !double.IsFinite(Minimum))
        {
            throw new TableFileException("no row has both a competency and a numeric value, so there is nothing to build a model from.");
        }

        var (low, high) = Levels;
        if (high - low + 1 is < ProficiencyScale.MinLevels or > ProficiencyScale.MaxLevels)
        {
            throw new TableFileException(FormattableString.Invariant(
                $"the values run from {Minimum} to {Maximum}, {high - low + 1} whole-number levels; a scale has {ProficiencyScale.MinLevels} to {ProficiencyScale.MaxLevels}."));
        }

        var name = Path.GetFileNameWithoutExtension(source);
        var builder = new CompetencyModelBuilder("model", $"Model for {name}")
            .WithDescription($"Scaffolded from {source}: give each competency its name, domain (Leadership or IndividualPerformance) and definition.")
            .WithScale(ProficiencyScale.Create(Enumerable.Range(low, high - low + 1).Select(v => new ScaleLevel(v, $"Level {v}", $"Level {v} of {low}–{high}."))));
        foreach (var id in Competencies)
        {
            builder.AddCompetency(id, id, CompetencyDomain.Leadership, c => c.WithDefinition($"To be written: what {id} asks of a person."));
        }

        return builder.Build();
    }

    /// <summary>A first role profile for a scaffolded model: every competency required at the middle of the scale (rounded up), importance 1.</summary>
    /// <param name="model">The model (<see cref="ScaffoldModel"/>).</param>
    /// <param name="source">The file's name, for the role's name.</param>
    /// <returns>The role, id <c>role</c>.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static RoleProfile ScaffoldRole(CompetencyModel model, string source)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(source);
        var role = new RoleProfileBuilder("role", $"Role for {Path.GetFileNameWithoutExtension(source)}");
        foreach (var competency in model.Competencies)
        {
            role.Require(competency.Id.Value, Math.Ceiling((model.Scale.Minimum + model.Scale.Maximum) / 2.0), importance: 1);
        }

        return role.Build(model);
    }

    private (int Low, int High) Levels => ((int)Math.Floor(Minimum), (int)Math.Ceiling(Maximum));
}
