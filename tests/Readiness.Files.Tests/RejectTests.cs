using Readiness.Evidence;

namespace Readiness.Files.Tests;

/// <summary>Side tables never drop a row silently: each one left out comes back with its line and the reason.</summary>
public sealed class RejectTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Rows_left_out_of_a_side_table_are_returned_with_their_lines()
    {
        var performance = InputTables.ReadPerformance(_files.Text("performance.csv", "ratee,performance\na,3.5\nb,NaN\n,2\na,4\nc,1,extra\nd,2\n"));

        // a is given twice with different values: both refused, each naming the other's line.
        Assert.Equal(["d"], performance.Value.Ratees.Select(r => r.Value).ToArray());
        const string conflict = "Performance of 'a' was given 2 times with different values (lines 2, 5); conflicting records are all refused.";
        Assert.Equal(
        [
            $"line 2: {conflict}",
            "line 3: not a ratee id and a finite number; left out.",
            "line 4: not a ratee id and a finite number; left out.",
            $"line 5: {conflict}",
            "line 6: not a ratee id and a finite number; left out.",
        ],
            performance.Rejected.Select(r => r.ToString()).ToArray());

        var groups = InputTables.ReadGroups(_files.Text("groups.csv", "ratee,site\nx,north\nx,south\ny,nor\u200Bth\n"));
        Assert.Equal(
            ["line 3: not a ratee id with one cell per attribute, or a ratee listed twice; left out.", "line 4: the site category 'nor\\u200Bth' holds a control or invisible formatting character; counted as unknown."],
            groups.Rejected.Select(r => r.ToString()).ToArray());
        Assert.Null(groups.Value.Demographics.CategoryOf(new RateeId("y"), "site"));
    }

    [Fact]
    public void A_table_that_cannot_be_used_at_all_says_why()
    {
        Assert.Equal("expected a header row with ratee,outcome",
            Assert.Throws<TableFileException>(() => InputTables.ReadOutcomes(_files.Text("outcomes.csv", "person,outcome\na,1\n"))).Message);
        Assert.Equal("the file is not valid CSV at line 2 (check the quotes around cells)",
            Assert.Throws<TableFileException>(() => InputTables.ReadExclusions(_files.Text("exclusions.csv", "ratee,reason\na,say \"hi\" now\n"))).Message);
        Assert.Equal("the file is not a readable Excel workbook (.xlsx); save it again from the spreadsheet, or as CSV.",
            Assert.Throws<TableFileException>(() => RatingsTable.Read(_files.Text("ratings.xlsx", "not a workbook"), Readiness.Competencies.LeadershipFramework.Model)).Message);
        Assert.Throws<FileNotFoundException>(() => InputTables.ReadGroups(_files.Path("absent.csv")));
    }

    [Fact]
    public void A_column_map_says_what_is_wrong_with_it()
    {
        Assert.False(ColumnMap.TryParse("ratee=id,score", out _, out var problem));
        Assert.Equal("'score' is not field=column; write for example ratee=employee_id,value=score", problem);
        Assert.False(ColumnMap.TryParse("grade=score", out _, out problem));
        Assert.Equal("'grade' is not a ratings field; the fields are ratee, rater, source, competency, value, cycle", problem);
        Assert.Equal("'ratee=a,rater=A' is not a column map: column 'a' is mapped to both ratee and rater.",
            Assert.Throws<FormatException>(() => ColumnMap.Parse("ratee=a,rater=A")).Message);
        Assert.Equal("value", ColumnMap.Parse("value=Score").FieldOf("SCORE"));
    }
}
