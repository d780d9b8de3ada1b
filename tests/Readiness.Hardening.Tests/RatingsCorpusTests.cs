using System.Text;
using Readiness.Competencies;
using Readiness.Evidence;
using Readiness.Files;

namespace Readiness.Hardening.Tests;

/// <summary>
/// Rating exports as HR systems and spreadsheets produce them, each with one thing wrong (BadInput/ratings), through the
/// reader the CLI and the demo use. A file that cannot be used at all is refused with a message naming the problem; a bad
/// row becomes a reject with its reason, and every data row is accounted for: submitted = accepted + rejected.
/// </summary>
public sealed class RatingsCorpusTests
{
    /// <summary>File, data records, accepted, and the rejects by reason ("Reason=count;…").</summary>
    public static TheoryData<string, int, int, string> ReadFiles => new()
    {
        { "header-only.csv", 0, 0, "" },
        { "blank-lines.csv", 3, 3, "" },
        { "utf8-bom.csv", 3, 3, "" },
        { "utf16le-bom.csv", 3, 3, "" },
        { "utf16be-bom.csv", 3, 3, "" },
        { "latin1-accents.csv", 4, 3, "Unreadable=1" },
        { "crlf.csv", 3, 3, "" },
        { "extra-column.csv", 2, 2, "" },
        { "header-case-and-spaces.csv", 3, 3, "" },
        { "columns-reordered.csv", 2, 2, "" },
        { "quoted-fields.csv", 4, 4, "" },
        { "multiline-field.csv", 2, 1, "InvalidCycle=1" },
        { "stray-quote.csv", 4, 3, "Unreadable=1" },
        { "unterminated-quote.csv", 2, 1, "Unreadable=1" }, // the quote runs on to the end; reading starts again on line 3
        { "short-and-long-lines.csv", 5, 3, "Unreadable=2" },
        { "nan-and-infinity.csv", 7, 3, "ValueNotFinite=4" },
        { "decimal-comma.csv", 2, 1, "ValueNotFinite=1" },
        { "not-numbers.csv", 7, 3, "ValueNotFinite=4" },
        { "off-scale.csv", 7, 3, "ValueOffScale=4" },
        { "scale-edges.csv", 4, 4, "" },
        { "unknown-competency.csv", 6, 4, "UnknownCompetency=2" },
        { "unknown-source.csv", 6, 3, "InvalidSource=3" },
        { "source-spellings.csv", 3, 3, "" },
        { "bad-ids.csv", 7, 3, "InvalidRatee=2;InvalidRater=2" },
        { "self-ratings.csv", 6, 4, "SelfRatingMismatch=2" },
        { "duplicates.csv", 6, 3, "DuplicateRating=3" },
        { "same-pair-other-cycle.csv", 3, 3, "" },
        { "long-cycle.csv", 4, 3, "InvalidCycle=1" },
        { "null-bytes.csv", 5, 3, "Unreadable=2" },
        { "no-source-column.csv", 2, 2, "" },
        { "only-bad-rows.csv", 2, 0, "UnknownCompetency=1;ValueOffScale=1" },
        { "lines-after-blanks-and-a-multiline-field.csv", 6, 3, "ValueNotFinite=1;ValueOffScale=1;InvalidCycle=1" },
    };

    public static TheoryData<string, string> RefusedFiles => new()
    {
        { "empty.csv", "the file is empty" },
        { "missing-value-column.csv", "the header lacks value" },
        { "missing-all-columns.csv", "the header lacks ratee, rater, competency, value" },
        { "duplicated-column.csv", "column 'value' appears more than once" },
        { "semicolons.csv", "semicolons" },
        { "tabs.csv", "tabs" },
    };

    [Theory]
    [MemberData(nameof(ReadFiles))]
    public void A_file_with_bad_rows_is_read_and_every_row_is_accounted_for(string file, int records, int accepted, string rejects)
    {
        RatingsFile? read = null;
        Refusal.NoDefect(() => read = RatingsTable.Read(Refusal.Corpus("ratings", file), LeadershipFramework.Model));

        Assert.NotNull(read);
        var report = read.Report;
        Assert.Equal(records, report.Submitted);
        Assert.Equal(accepted, report.Accepted);
        Assert.Equal(accepted, read.Ratings.Count);
        Assert.Equal(rejects, string.Join(';', report.CountByReason().Select(r => $"{r.Key}={r.Value}")));
        var lines = File.ReadAllLines(Refusal.Corpus("ratings", file)).Length;
        Assert.All(report.Rejected, r => Assert.InRange(read.Lines[r.Row], 2, lines));
        Assert.All(report.Rejected, r => Assert.Matches(@"^Line \d+: \S", read.Describe(r)));
    }

    public static TheoryData<string> ReadFileNames => [.. ReadFiles.Select(row => (string)row[0])];

    [Theory]
    [MemberData(nameof(ReadFileNames))]
    public void A_file_reads_the_same_whatever_the_current_culture(string file)
    {
        // Values compared as numbers (a record's ToString writes them in the current culture); rejects as described.
        static (object[] Ratings, string[] Rejects) Read(string file)
        {
            var read = RatingsTable.Read(Refusal.Corpus("ratings", file), LeadershipFramework.Model);
            return ([.. read.Ratings.AsEnumerable().Select(r => (r.Ratee, r.Rater, r.Source, r.Competency, r.Value))], [.. read.Report.Rejected.Select(read.Describe)]);
        }

        var invariant = Read(file);
        var unusual = Cultures.InUnusual(() => Read(file));

        Assert.Equal(invariant.Ratings, unusual.Ratings);
        Assert.Equal(invariant.Rejects, unusual.Rejects);
    }

    [Theory]
    [InlineData("short-and-long-lines.csv", "2,3")]
    [InlineData("multiline-field.csv", "2")]
    [InlineData("unterminated-quote.csv", "2")]
    [InlineData("duplicates.csv", "5,6,7")]
    [InlineData("blank-lines.csv", "")]
    [InlineData("stray-quote.csv", "2")]
    [InlineData("lines-after-blanks-and-a-multiline-field.csv", "5,9,11")]
    public void Rejects_name_the_line_the_record_starts_on(string file, string lines)
    {
        var read = RatingsTable.Read(Refusal.Corpus("ratings", file), LeadershipFramework.Model);

        Assert.Equal(lines, string.Join(',', read.Report.Rejected.Select(r => read.Lines[r.Row])));
    }

    [Theory]
    [MemberData(nameof(RefusedFiles))]
    public void A_file_that_cannot_be_used_is_refused_naming_the_problem(string file, string fragment) =>
        Refusal.Assert<TableFileException>(() => RatingsTable.Read(Refusal.Corpus("ratings", file), LeadershipFramework.Model), fragment);

    [Fact]
    public void A_file_that_does_not_exist_is_an_IO_error_naming_it() =>
        Refusal.Assert<FileNotFoundException>(() => RatingsTable.Read(Refusal.Corpus("ratings", "absent.csv"), LeadershipFramework.Model), "absent.csv");

    [Fact]
    public void A_byte_order_mark_and_nothing_else_is_an_empty_file()
    {
        using var file = TemporaryFile.With([0xEF, 0xBB, 0xBF]);
        Refusal.Assert<TableFileException>(() => RatingsTable.Read(file.Info.FullName, LeadershipFramework.Model), "the file is empty");
    }

    [Fact]
    public void A_megabyte_header_without_the_columns_is_refused()
    {
        using var file = TemporaryFile.With(Encoding.UTF8.GetBytes(string.Join(',', Enumerable.Range(0, 100_000).Select(i => $"c{i}")) + "\n1,2\n"));
        Refusal.Assert<TableFileException>(() => RatingsTable.Read(file.Info.FullName, LeadershipFramework.Model), "the header lacks ratee, rater, competency, value");
    }

    [Fact]
    public void Three_hundred_thousand_rows_are_all_read()
    {
        var text = new StringBuilder("ratee,rater,competency,value\n");
        var competencies = LeadershipFramework.Model.Competencies;
        for (var i = 0; i < 300_000; i++)
        {
            text.Append('P').Append(i / 1000).Append(",R").Append(i % 1000).Append(',').Append(competencies[i % competencies.Length].Id).Append(',').Append(1 + (i % 5)).Append('\n');
        }

        using var file = TemporaryFile.With(Encoding.UTF8.GetBytes(text.ToString()));
        var intake = RatingsTable.Read(file.Info.FullName, LeadershipFramework.Model);

        Assert.Equal(300_000, intake.Report.Submitted);
        Assert.Equal(300_000 - intake.Report.Rejected.Length, intake.Ratings.Count);
        Assert.All(intake.Report.Rejected, r => Assert.Equal(RejectReason.DuplicateRating, r.Reason));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Random_bytes_are_refused_or_rejected_never_a_crash(int seed)
    {
        var bytes = new byte[64 * 1024];
        new Random(seed).NextBytes(bytes);
        using var file = TemporaryFile.With(bytes);

        var e = Refusal.NoDefect(() => RatingsTable.Read(file.Info.FullName, LeadershipFramework.Model));

        Assert.True(e is null or TableFileException, e?.ToString());
    }

    [Fact]
    public void A_ratings_header_followed_by_random_bytes_rejects_the_rows_it_cannot_read()
    {
        var bytes = new byte[64 * 1024];
        new Random(7).NextBytes(bytes);
        using var file = TemporaryFile.With([.. Encoding.UTF8.GetBytes("ratee,rater,competency,value\n"), .. bytes]);

        var intake = RatingsTable.Read(file.Info.FullName, LeadershipFramework.Model);

        Assert.True(intake.Report.Submitted > 0);
        Assert.Equal(0, intake.Ratings.Count);
        Assert.Equal(intake.Report.Submitted, intake.Report.Rejected.Length);
    }
}
