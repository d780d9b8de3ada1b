using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MiniExcel = MiniExcelLibs.MiniExcel;
using Readiness.Competencies;
using Readiness.Evidence;
using Readiness.Fairness;
using Readiness.Weighting;

namespace Readiness.Files.Tests;

/// <summary>What a writer writes, its reader reads back as it was: ids a spreadsheet would run, commas, quotes, any script.</summary>
public sealed class RoundTripTests : IDisposable
{
    /// <summary>Ids as exports have them, and as they break naive CSV: formula characters, separators, quotes, other scripts.</summary>
    private static readonly string[] People = ["p1", "-017", "=HYPERLINK(\"x\")", "+44 20", "@home", "a,b", "say \"hi\"", "Zoë", "新しい", "x y", "'quoted"];

    private static readonly CompetencyModel Acme = BuildAcme();

    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Property(MaxTest = 60)]
    public Property Ratings_written_are_the_ratings_read() =>
        Prop.ForAll(RatingRows.ToArbitrary(), rows =>
        {
            var path = _files.Write($"ratings-{Guid.NewGuid():N}.csv", w => RatingsTable.Write(w, rows));

            var read = RatingsTable.Read(path, Acme);
            var expected = new RatingSetBuilder(Acme).AddRange(rows).Build();

            Assert.Equal(rows.Length, read.Report.Submitted);
            Assert.Equal(expected.Ratings.AsEnumerable(), read.Ratings.AsEnumerable());
            Assert.Equal(expected.Report.Rejected.Select(r => (r.Row, r.Reason)), read.Report.Rejected.Select(r => (r.Row, r.Reason)));
            // Every row on its own line, the header being line 1.
            Assert.Equal(Enumerable.Range(2, rows.Length), read.Lines);
        });

    [Property(MaxTest = 60)]
    public Property Performance_and_outcomes_written_are_read_to_the_last_bit() =>
        Prop.ForAll(PersonValues.ToArbitrary(), values =>
        {
            var performance = _files.Write("performance.csv", w => InputTables.WritePerformance(w, values.Select(v => new PerformanceRecord(new RateeId(v.Person), v.Value))));
            var outcomes = _files.Write("outcomes.csv", w => InputTables.WriteOutcomes(w, values.Select(v => new OutcomeRecord(new RateeId(v.Person), v.Value))));

            var readPerformance = InputTables.ReadPerformance(performance);
            var readOutcomes = InputTables.ReadOutcomes(outcomes);

            Assert.Empty(readPerformance.Rejected);
            Assert.All(values, v => Assert.True(readPerformance.Value.TryGetValue(new RateeId(v.Person), out var read) && read == v.Value, v.Person));
            Assert.Empty(readOutcomes.Rejected);
            Assert.Equal(values.Select(v => (v.Person, v.Value)), readOutcomes.Value.Select(o => (o.Person.Value, o.Value)));
        });

    [Fact]
    public void Review_cycles_written_are_read_and_a_calendar_with_a_bad_row_is_refused_with_its_line()
    {
        // Labels as exports have them: names with commas, quotes and formula characters, on irregular dates.
        var cycles = ReviewCycles.Create(People.Select((label, i) => new ReviewCycle(label, new DateOnly(2020, 1, 1).AddDays(97 * i))));
        var path = _files.Write("cycles.csv", w => ProgressFiles.WriteCycles(w, cycles));

        var read = ProgressFiles.ReadCycles(path);

        Assert.Equal(cycles.Cycles.Select(c => (c.Label, c.Date)), read.Cycles.Select(c => (c.Label, c.Date)));
        var bad = _files.Text("bad.csv", "cycle,date\nFY24,2024-01-15\nFY25,2025-13-01\n");
        Assert.Equal("line 3 is not a cycle label and an ISO date (yyyy-MM-dd); every cycle needs its date", Assert.Throws<TableFileException>(() => ProgressFiles.ReadCycles(bad)).Message);
        var twice = _files.Text("twice.csv", "cycle,date\nFY24,2024-01-15\nFY24,2025-01-15\n");
        Assert.Contains("lists the cycle 'FY24' a second time", Assert.Throws<TableFileException>(() => ProgressFiles.ReadCycles(twice)).Message, StringComparison.Ordinal);
        Assert.Throws<TableFileException>(() => ProgressFiles.ReadCycles(_files.Text("none.csv", "cycle,date\n")));
        Assert.Throws<TableFileException>(() => ProgressFiles.ReadCycles(_files.Text("header.csv", "label,when\nFY24,2024-01-15\n")));
    }

    [Fact]
    public void Development_records_written_are_read_and_bad_rows_are_reported_with_their_lines()
    {
        var records = People.Select((p, i) => new DevelopmentRecord(new RateeId(p), i % 2 == 0 ? "coaching, 1:1" : "=programme", new DateOnly(2024, 1, 1).AddDays(i), i % 3 == 0 ? null : new DateOnly(2024, 6, 1).AddDays(i), i % 4 == 0 ? null : "acme.grow")).ToArray();
        var path = _files.Write("development.csv", w => ProgressFiles.WriteDevelopment(w, records));

        var read = ProgressFiles.ReadDevelopment(path);

        Assert.Empty(read.Rejected);
        Assert.Equal(records.Select(r => (r.Person, r.Intervention, r.Competency, r.Start, r.End)), read.Value.Select(r => (r.Person, r.Intervention, r.Competency, r.Start, r.End)));
        var bad = _files.Text("bad.csv", "ratee,intervention,competency,start,end\na,coaching,,2024-01-01,2023-12-01\nb,,,2024-01-01,\nc,coaching,,01/01/2024,\nd,coaching,,2024-01-01,\n");
        var partial = ProgressFiles.ReadDevelopment(bad);
        Assert.Equal("d", Assert.Single(partial.Value).Person.Value);
        Assert.Equal([2, 3, 4], partial.Rejected.Select(r => r.Line));
        Assert.Contains("the end '2023-12-01' is not an ISO date on or after the start", partial.Rejected[0].Message, StringComparison.Ordinal);

        // A second period of the same programme that overlaps the first on a competency both develop would count months twice.
        var overlap = ProgressFiles.ReadDevelopment(_files.Text("overlap.csv",
            "ratee,intervention,competency,start,end\nd,coaching,,2024-01-01,2024-06-30\nd,coaching,acme.grow,2024-06-01,\nd,coaching,,2024-06-30,2024-12-31\nd,mentoring,,2024-02-01,\n"));
        Assert.Equal([new DateOnly(2024, 1, 1), new DateOnly(2024, 6, 30), new DateOnly(2024, 2, 1)], overlap.Value.Select(r => r.Start));
        Assert.Equal("overlaps the row at line 2 (the same person and intervention, on a competency both develop), which would count the months they share twice; left out.", Assert.Single(overlap.Rejected).Message);
        Assert.Equal(3, overlap.Rejected[0].Line);
    }

    [Fact]
    public void Promotions_written_are_read_and_a_second_promotion_or_a_bad_row_is_reported_with_its_line()
    {
        var records = People.Select((p, i) => new PromotionRecord(new RateeId(p), new DateOnly(2025, 3, 1).AddDays(i), i % 2 == 0 ? "first-line-manager" : "=head, of sales")).ToArray();
        var path = _files.Write("promotions.csv", w => ProgressFiles.WritePromotions(w, records));

        var read = ProgressFiles.ReadPromotions(path);

        Assert.Empty(read.Rejected);
        Assert.Equal(records.Select(r => (r.Person, r.Date, r.Role)), read.Value.Select(r => (r.Person, r.Date, r.Role)));
        var bad = _files.Text("bad.csv", "role,ratee,date\nflm,a,2025-03-01\nflm,a,2025-09-01\nflm,b,01/03/2025\n,c,2025-03-01\nflm,d,2025-03-01\n");
        var partial = ProgressFiles.ReadPromotions(bad);
        Assert.Equal(["a", "d"], partial.Value.Select(r => r.Person.Value));
        Assert.Equal([3, 4, 5], partial.Rejected.Select(r => r.Line));
        Assert.Equal("promotes a again (first at line 2); only a person's first promotion is followed up; left out.", partial.Rejected[0].Message);
        Assert.Throws<TableFileException>(() => ProgressFiles.ReadPromotions(_files.Text("header.csv", "ratee,date\na,2025-03-01\n")));
    }

    [Fact]
    public void Groups_and_exclusions_written_are_read()
    {
        var people = People.Select(p => new RateeId(p)).ToArray();
        var categories = new[] { "-x", "a,b", "north", null, "=1+1" };
        var records = people.SelectMany((p, i) => new[] { ("sex", i % 2 == 0 ? "f" : "m"), ("site", categories[i % categories.Length]) })
            .Zip(people.SelectMany(p => new[] { p, p }))
            .Where(r => r.First.Item2 is not null)
            .Select(r => new DemographicRecord(r.Second, r.First.Item1, r.First.Item2!));
        var groups = new DemographicGroups(Demographics.Create(records), ["site", "sex"]);
        var exclusions = people.Take(4).ToImmutableDictionary(p => p, p => $"reason for {p.Value}, with a comma");

        var readGroups = InputTables.ReadGroups(_files.Write("groups.csv", w => InputTables.WriteGroups(w, groups, people)));
        var readExclusions = InputTables.ReadExclusions(_files.Write("exclusions.csv", w => InputTables.WriteExclusions(w, exclusions)));

        Assert.Empty(readGroups.Rejected);
        Assert.Equal(["site", "sex"], readGroups.Value.Attributes.ToArray());
        Assert.All(people, p => Assert.Equal(
            (groups.Demographics.CategoryOf(p, "site"), groups.Demographics.CategoryOf(p, "sex")),
            (readGroups.Value.Demographics.CategoryOf(p, "site"), readGroups.Value.Demographics.CategoryOf(p, "sex"))));
        Assert.Empty(readExclusions.Rejected);
        Assert.Equal(exclusions.OrderBy(e => e.Key.Value, StringComparer.Ordinal), readExclusions.Value.OrderBy(e => e.Key.Value, StringComparer.Ordinal));
    }

    [Fact]
    public void Pairwise_judgements_written_are_read()
    {
        string[] ids = ["a", "b-2", "c.x", "d_4"];
        var matrix = new double?[4, 4];
        matrix[0, 1] = 3;
        matrix[0, 2] = 1.0 / 7;
        matrix[1, 3] = 5;
        matrix[2, 3] = 0.5;
        var comparisons = PairwiseComparisons.FromMatrix(ids, matrix);

        var read = PairwiseTable.Read(_files.Write("pairwise.csv", w => PairwiseTable.Write(w, comparisons)));

        Assert.Equal(ids, read.CompetencyIds.ToArray());
        Assert.All(ids, row => Assert.All(ids, column => Assert.Equal(comparisons[row, column], read[row, column])));
    }

    [Fact]
    public void A_workbook_reads_as_the_same_table_in_csv()
    {
        Rating[] rows =
        [
            new(new RateeId("-017"), new RaterId("-017"), RaterSource.Self, "acme.coach", 3),
            new(new RateeId("-017"), new RaterId("a,b"), RaterSource.DirectReport, "acme.ship", 2.5, "2026-H1"),
            new(new RateeId("Zoë"), new RaterId("boss"), RaterSource.Manager, "acme.coach", 4),
        ];
        var csv = _files.Write("ratings.csv", w => RatingsTable.Write(w, rows));
        var workbook = _files.Path("ratings.xlsx");
        MiniExcel.SaveAs(workbook, rows.Select(r => new Dictionary<string, object?>
        {
            ["employee"] = r.Ratee.Value, ["rater"] = r.Rater.Value, ["type"] = r.Source.ToString(), // an export's own spelling (DirectReport)
            ["competency"] = r.Competency, ["score"] = r.Value, ["cycle"] = r.Cycle,
        }));
        var columns = ColumnMap.Parse("ratee=employee,source=type,value=score");

        var fromCsv = RatingsTable.Read(csv, Acme);
        var fromWorkbook = RatingsTable.Read(workbook, Acme, columns);

        Assert.Equal(3, fromCsv.Ratings.Count);
        Assert.Equal(fromCsv.Ratings.AsEnumerable(), fromWorkbook.Ratings.AsEnumerable());
    }

    private static Gen<Rating[]> RatingRows =>
        from count in Gen.Choose(1, 40)
        from rows in Gen.ArrayOf(
            from person in Gen.Elements(People)
            from rater in Gen.Elements(People)
            from source in Gen.Elements(Enum.GetValues<RaterSource>())
            from competency in Gen.Elements(Acme.Competencies.Select(c => c.Id).ToArray())
            from half in Gen.Choose(1, 9)
            from cycle in Gen.Elements<string?>(null, "2026-H1", "=cycle", "a, b")
            select new Rating(new RateeId(person), new RaterId(source == RaterSource.Self ? person : rater), source, competency.Value, 0.5 + (half / 2.0), cycle),
            count)
        select rows;

    private static Gen<(string Person, double Value)[]> PersonValues =>
        from count in Gen.Choose(1, People.Length)
        from people in Gen.Shuffle(People)
        from values in Gen.ArrayOf(Gen.Choose(-1_000_000, 1_000_000).Select(n => n / 7.0 * Math.PI), count)
        select people.Take(count).Zip(values).ToArray();

    private static CompetencyModel BuildAcme()
    {
        var builder = new CompetencyModelBuilder("acme", "Acme model")
            .WithScale(ProficiencyScale.Create(Enumerable.Range(1, 4).Select(v => new ScaleLevel(v, $"level {v}", $"Level {v} of 4."))));
        builder.AddCompetency("acme.coach", "Coaches", CompetencyDomain.Leadership, b => b.WithDefinition("Coaches."));
        builder.AddCompetency("acme.ship", "Ships", CompetencyDomain.IndividualPerformance, b => b.WithDefinition("Ships."));
        return builder.Build();
    }
}
