using System.Collections.Immutable;
using System.Globalization;
using Readiness.Evidence;

namespace Readiness.Files;

/// <summary>A ratings file as read: the intake, and the line each submitted row starts on, so that rejects name lines.</summary>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed partial class RatingsFile
{
    internal RatingsFile(RatingIntake intake, ImmutableArray<int> lines, bool hasSourceColumn = true) => (Intake, Lines, HasSourceColumn) = (intake, lines, hasSourceColumn);

    /// <summary>
    /// Gets whether the file had a source column. Without one, a rating of oneself is a self-rating and every other a
    /// peer rating, so evidence rules that ask for several sources cannot be met.
    /// </summary>
    public bool HasSourceColumn { get; }

    /// <summary>Gets the ratings accepted and the report of those refused.</summary>
    public RatingIntake Intake { get; }

    /// <summary>Gets the file line (a worksheet's row) each submitted row starts on, by the row's position (<see cref="RejectedRow.Row"/>).</summary>
    public ImmutableArray<int> Lines { get; }

    /// <summary>Gets the ratings accepted.</summary>
    public RatingSet Ratings => Intake.Ratings;

    /// <summary>Gets the account of every row.</summary>
    public IntakeReport Report => Intake.Report;

    /// <summary>The reject with the line it came from: <c>Line 12: Value 7 is off the scale …</c>.</summary>
    /// <param name="row">A row of <see cref="Report"/>.</param>
    /// <returns>The line and the message.</returns>
    public string Describe(RejectedRow row) => $"Line {Lines[(row ?? throw new ArgumentNullException(nameof(row))).Row]}: {Message(row)}";

    /// <summary>
    /// The reject's message in the file's terms: the library numbers the rows it was given from 0 ("repeats row 9672"),
    /// a reader of the file counts lines ("repeats line 9674"), so every row the message names is given as its line. Control
    /// characters from the file (ESC, BEL) are shown as '?': the message goes to a terminal, and rejects.csv may be cat'ed.
    /// </summary>
    /// <param name="row">A row of <see cref="Report"/>.</param>
    /// <returns>The message.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="row"/> is null.</exception>
    public string Message(RejectedRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return InLines(row.Message, Lines);
    }

    /// <summary>An intake message with every row it names (numbered from 0) given as its line, escaped for a terminal.</summary>
    internal static string InLines(string message, IReadOnlyList<int> lines) => CsvCells.Escaped(RowReference().Replace(message, m =>
    {
        var numbers = m.Groups["numbers"].Value.Split(", ").Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToArray();
        var named = numbers.Select(n => n >= 0 && n < lines.Count ? lines[n].ToString(CultureInfo.InvariantCulture) : $"row {n}");
        return (numbers.Length == 1 ? "line " : "lines ") + string.Join(", ", named);
    }));

    [System.Text.RegularExpressions.GeneratedRegex(@"\brows? (?<numbers>\d+(?:, \d+)*)")]
    private static partial System.Text.RegularExpressions.Regex RowReference();
}

