using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Readiness.Competencies;
using Readiness.Evidence;

namespace Readiness.Cli;

/// <summary>A ratings file that cannot be used at all (no header, missing required columns); row problems become rejects instead.</summary>
internal sealed class RatingsCsvException(string message) : Exception(message);

/// <summary>A ratings file as read: the intake, and the line each submitted row starts on, so that rejects name lines.</summary>
/// <param name="Intake">The ratings accepted and the report of those refused.</param>
/// <param name="Lines">The file line of each submitted row, by its position (<see cref="RejectedRow.Row"/>).</param>
internal sealed partial record RatingsFile(RatingIntake Intake, ImmutableArray<int> Lines)
{
    public RatingSet Ratings => Intake.Ratings;

    public IntakeReport Report => Intake.Report;

    /// <summary>The reject with the line it came from: <c>Line 12: Value 7 is off the scale …</c>.</summary>
    public string Describe(RejectedRow row) => $"Line {Lines[row.Row]}: {Message(row)}";

    /// <summary>
    /// The reject's message in the file's terms: the library numbers the rows it was given from 0 ("repeats row 9672"),
    /// a reader of the file counts lines ("repeats line 9674"), so every row the message names is given as its line. Control
    /// characters from the file (ESC, BEL) are shown as '?': the message goes to a terminal, and rejects.csv may be cat'ed.
    /// </summary>
    public string Message(RejectedRow row) => RatingsCsv.Escaped(RowReference().Replace(row.Message, m =>
    {
        var numbers = m.Groups["numbers"].Value.Split(", ").Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToArray();
        var lines = numbers.Select(n => n >= 0 && n < Lines.Length ? Lines[n].ToString(CultureInfo.InvariantCulture) : $"row {n}");
        return (numbers.Length == 1 ? "line " : "lines ") + string.Join(", ", lines);
    }));

    [System.Text.RegularExpressions.GeneratedRegex(@"\brows? (?<numbers>\d+(?:, \d+)*)")]
    private static partial System.Text.RegularExpressions.Regex RowReference();
}

/// <summary>
/// The ratings columns under the names an export gives them (<c>--columns ratee=employee_id,value=score</c>): each of
/// ratee, rater, source, competency, value and cycle at most once, matched to the header without regard to case.
/// </summary>
internal sealed class ColumnMap
{
    public static readonly string[] Fields = ["ratee", "rater", "source", "competency", "value", "cycle"];

    private readonly Dictionary<string, string> _byField;

    private ColumnMap(Dictionary<string, string> byField) => _byField = byField;

    /// <summary>Gets the identity map: every column under its own name.</summary>
    public static ColumnMap None { get; } = new(new Dictionary<string, string>(StringComparer.Ordinal));

    /// <summary>The map in <c>field=column[,field=column…]</c>, or why it cannot be one.</summary>
    public static (ColumnMap? Map, string? Problem) Parse(string text)
    {
        var byField = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[1].Length == 0)
            {
                return (null, $"'{pair}' is not field=column; write for example ratee=employee_id,value=score");
            }

            var field = parts[0].ToLowerInvariant();
            if (!Fields.Contains(field))
            {
                return (null, $"'{parts[0]}' is not a ratings field; the fields are {string.Join(", ", Fields)}");
            }

            if (!byField.TryAdd(field, parts[1]))
            {
                return (null, $"{field} is mapped twice");
            }
        }

        var shared = byField.GroupBy(p => p.Value, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        return shared is null ? (new ColumnMap(byField), null) : (null, $"column '{shared.Key}' is mapped to both {string.Join(" and ", shared.Select(p => p.Key))}");
    }

    /// <summary>The column name the file uses for <paramref name="field"/>.</summary>
    public string NameOf(string field) => _byField.TryGetValue(field, out var name) ? name : field;

    /// <summary>The field a header name stands for (lower case), or the name itself, lower case, when it maps to none.</summary>
    public string FieldOf(string header)
    {
        foreach (var (field, name) in _byField)
        {
            if (string.Equals(name, header, StringComparison.OrdinalIgnoreCase))
            {
                return field;
            }
        }

        // A column under a field's own name that the map gave to another column is not that field any more.
        var lower = header.ToLowerInvariant();
        return _byField.ContainsKey(lower) ? $"({lower})" : lower;
    }
}

/// <summary>
/// Reads and writes ratings as CSV: header <c>ratee,rater,competency,value</c> with optional <c>source</c> and <c>cycle</c>
/// columns, in any order. Every data line is submitted to the intake: lines that cannot be read become reject rows, so
/// accepted + rejected always equals the number of data lines.
/// </summary>
internal static class RatingsCsv
{
    private static readonly string[] Required = ["ratee", "rater", "competency", "value"];

    private static readonly Dictionary<string, RaterSource> SourcesByName =
        Enum.GetValues<RaterSource>().ToDictionary(SourceName, StringComparer.Ordinal);

    /// <summary>Each field's column, from the header under the map; refuses a header with a column twice or a required one missing.</summary>
    private static ILookup<string, int> HeaderColumns(string[] header, ColumnMap map)
    {
        var columns = header.Select((name, i) => (name, i)).ToLookup(c => map.FieldOf(c.name), c => c.i);
        foreach (var name in columns.Where(c => c.Count() > 1).Select(c => c.Key))
        {
            throw new RatingsCsvException($"column '{Shown(map.NameOf(name))}' appears more than once in the header");
        }

        var missing = Required.Where(name => !columns.Contains(name)).ToArray();
        if (missing.Length > 0)
        {
            // Spreadsheets in many locales save "CSV" with semicolons or tabs; say so rather than list every column as missing.
            var separator = header.Length != 1 ? null : header[0].Contains(';', StringComparison.Ordinal) ? "semicolons" : header[0].Contains('\t', StringComparison.Ordinal) ? "tabs" : null;
            var named = missing.Select(m => map.NameOf(m) == m ? m : $"{map.NameOf(m)} (the {m} column, by --columns)");
            throw new RatingsCsvException(
                $"the header lacks {string.Join(", ", named)}; required columns are ratee,rater,competency,value (source and cycle are optional), " +
                $"and --columns maps an export's own names (ratee=employee_id,value=score); the header is {Abbreviate(Escaped(string.Join(",", header)))}" +
                (separator is null ? string.Empty : $" (the file seems to use {separator}: save it comma-separated)"));
        }

        return columns;
    }

    /// <summary>
    /// The competency ids a ratings file uses, in the order they first appear, and the range of its values that are numbers:
    /// what a model for the file needs (<c>readiness scaffold</c>). Rows are not otherwise checked.
    /// </summary>
    public static (IReadOnlyList<string> Competencies, double Minimum, double Maximum) Survey(FileInfo file, ColumnMap map)
    {
        using var reader = InputText.Open(file);
        using var csv = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { TrimOptions = TrimOptions.Trim, BadDataFound = null });
        if (!csv.Read() || csv.Record is not { } header)
        {
            throw new RatingsCsvException("the file is empty; expected a header row with ratee,rater,competency,value");
        }

        var columns = HeaderColumns(header, map);
        var (competency, value) = (columns["competency"].First(), columns["value"].First());
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var competencies = new List<string>();
        var (minimum, maximum) = (double.PositiveInfinity, double.NegativeInfinity);
        while (csv.Read())
        {
            var record = csv.Record!;
            if (record.Length == header.Length && seen.Add(record[competency]))
            {
                competencies.Add(record[competency]);
            }

            if (record.Length == header.Length && double.TryParse(record[value], NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
            {
                (minimum, maximum) = (Math.Min(minimum, number), Math.Max(maximum, number));
            }
        }

        return (competencies, minimum, maximum);
    }

    private static string Abbreviate(string text) => text.Length <= 200 ? text : string.Concat(text.AsSpan(0, 197), "...");

    public static string SourceName(RaterSource source) => source switch
    {
        RaterSource.Self => "self",
        RaterSource.Manager => "manager",
        RaterSource.Peer => "peer",
        RaterSource.DirectReport => "direct-report",
        RaterSource.SkipLevel => "skip-level",
        RaterSource.Assessor => "assessor",
        _ => ((int)source).ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The longest field read, in characters: far beyond any id, value or label, short of a file swallowed whole.</summary>
    internal const int MaxFieldLength = 1_000_000;

    /// <summary>How many times reading starts again after a row that ran on: each start reads the file from its beginning.</summary>
    internal const int MaxRestarts = 100;

    /// <summary>
    /// Reads a ratings file into an intake. Without a source column, a rating of oneself is a self-rating and every other
    /// rating a peer rating. A row the reader cannot use (wrong field count, a stray or unterminated quote, a NUL
    /// character, bytes that are not UTF-8 text, a field over <see cref="MaxFieldLength"/> characters) is rejected as
    /// unreadable; the rest go to the intake's own checks. A damaged row that ran on over later lines (a quote opened and
    /// never closed takes everything after it) is rejected alone, and reading starts again on the line after its first:
    /// one stray quote costs one row, not the file, and memory stays bounded by the cap.
    /// </summary>
    public static RatingsFile Read(FileInfo file, CompetencyModel model, ColumnMap? map = null)
    {
        map ??= ColumnMap.None;
        var builder = new RatingSetBuilder(model);
        var lines = ImmutableArray.CreateBuilder<int>();
        string[]? header = null;
        (int Ratee, int Rater, int Competency, int Value, int Source, int Cycle) column = default;
        var skip = 0;
        for (var restarts = 0; ; restarts++)
        {
            if (restarts > MaxRestarts)
            {
                throw new RatingsCsvException(
                    $"more than {MaxRestarts} rows ran on over later lines (a quote opened and never closed), the last at line {skip}; check the file's quoting (every quoted field in quotes from start to end) and save it again");
            }

            using var reader = InputText.Open(file);
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
                    throw new RatingsCsvException("the file is empty; expected a header row with ratee,rater,competency,value");
                }

                header = first;
                lineCounter.StartOf(csv);
                var columns = HeaderColumns(header, map);
                int Column(string name) => columns.Contains(name) ? columns[name].First() : -1;
                column = (Column("ratee"), Column("rater"), Column("competency"), Column("value"), Column("source"), Column("cycle"));
                badData = null;
            }

            skip = ReadRows(csv, lineCounter, header.Length, column, builder, lines, () => badData, () => badData = null);
            if (skip < 0)
            {
                return new RatingsFile(builder.Build(), lines.ToImmutable());
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
        RatingSetBuilder builder, ImmutableArray<int>.Builder lines, Func<string?> badData, Action clearBadData)
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

            var record = csv.Record!;
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
                builder.Reject(RejectReason.InvalidRatee, $"Ratee '{Shown(record[ratee])}' is not a valid person id.");
                continue;
            }

            if (!RaterId.TryCreate(record[rater], out var raterId))
            {
                builder.Reject(RejectReason.InvalidRater, $"Rater '{Shown(record[rater])}' is not a valid person id.");
                continue;
            }

            if (!double.TryParse(record[value], NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                var hint = record[value].Contains(',', StringComparison.Ordinal) ? " (use a point as the decimal separator)" : string.Empty;
                builder.Reject(RejectReason.ValueNotFinite, $"Value '{Shown(record[value])}' is not a number{hint}.");
                continue;
            }

            RaterSource kind;
            if (source < 0)
            {
                kind = rateeId.Value == raterId.Value ? RaterSource.Self : RaterSource.Peer;
            }
            else if (!TryParseSource(record[source], out kind))
            {
                builder.Reject(RejectReason.InvalidSource,
                    $"Source '{Shown(record[source])}' is not one of self, manager, peer, direct-report, skip-level, assessor.");
                continue;
            }

            var label = cycle < 0 || record[cycle].Length == 0 ? null : record[cycle];
            builder.Add(new Rating(rateeId, raterId, kind, record[competency], number, label));
        }
    }

    public static void Write(string path, IEnumerable<Rating> ratings)
    {
        using var writer = new StreamWriter(path);
        writer.WriteLine("ratee,rater,source,competency,value,cycle");
        foreach (var r in ratings)
        {
            writer.WriteLine(string.Join(',', Field(r.Ratee.Value), Field(r.Rater.Value), SourceName(r.Source), Field(r.Competency),
                Number(r.Value), Field(r.Cycle ?? string.Empty)));
        }
    }

    /// <summary>Formats a number for a CSV cell: invariant culture, round-trip precision, NA when not finite.</summary>
    public static string Number(double value) => double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : "NA";

    /// <summary>The names of the flags set in <paramref name="value"/>, separated by semicolons (empty for none).</summary>
    public static string Flags<T>(T value)
        where T : struct, Enum =>
        string.Join(';', Enum.GetValues<T>().Where(f => Convert.ToInt64(f, CultureInfo.InvariantCulture) != 0 && value.HasFlag(f)));

    /// <summary>
    /// A text cell as written: quoted when CSV requires it, and neutralised when a spreadsheet would run it as a formula
    /// (OWASP's CSV-injection rule: a cell starting with =, +, -, @, tab or carriage return gets a leading single quote, and
    /// is quoted) — person ids and group names come from the user's files and may start so.
    /// </summary>
    public static string Field(string text)
    {
        var formula = text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
        return formula ? "\"'" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : text;
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

    /// <summary>
    /// Text from a user's file as a message may show it on a terminal: control characters (ESC, BEL, which can retitle or
    /// clear it) as '?', invisible formatting characters spelt out (<c>\u200B</c>), at most 60 characters.
    /// </summary>
    public static string Shown(string text)
    {
        var shown = Escaped(text.Length > 61 ? text[..61] : text);
        return shown.Length <= 60 ? shown : string.Concat(shown.AsSpan(0, 57), "...");
    }

    /// <summary>Text for a terminal or a file a terminal may show: control characters as '?', invisible formatting characters spelt out.</summary>
    public static string Escaped(string text)
    {
        if (!text.Any(c => char.IsControl(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format))
        {
            return text;
        }

        var shown = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            _ = char.IsControl(c) ? shown.Append('?')
                : char.GetUnicodeCategory(c) == UnicodeCategory.Format ? shown.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}")
                : shown.Append(c);
        }

        return shown.ToString();
    }

    private static bool TryParseSource(string text, out RaterSource source)
    {
        // The names the CLI writes are looked up as they are; other spellings are normalised first (that is per row).
        if (SourcesByName.TryGetValue(text, out source))
        {
            return true;
        }

        var normalised = text.Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal);
        return Enum.TryParse(normalised, ignoreCase: true, out source) && Enum.IsDefined(source) && !int.TryParse(text, out _);
    }
}
