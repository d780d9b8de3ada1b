using Readiness.Evidence;
using static Readiness.Competencies.LeadershipFramework;

namespace Readiness.Core.Tests.Evidence;

/// <summary>The evidence types' contracts in full: id comparisons and hashing, the rating set's lookups and filtering, and every intake message.</summary>
public sealed class EvidenceEdgeTests
{
    private static readonly (RateeId A, RateeId B) Ratees = (new("A"), new("b"));

    [Fact]
    public void Ratee_ids_compare_ordinally_with_every_operator()
    {
        var (a, b) = Ratees;
        var a2 = new RateeId("A");

        Assert.Equal((true, false, true, true, false, false), (a < b, (a > b), a <= b, a <= a2, (a >= b), a != a2));
        Assert.Equal((true, true, true, false), (b > a, b >= a, a >= a2, a == b));
        Assert.Equal((true, false, false), (a != b, a < a2, (a > a2)));
        Assert.Equal(StringComparer.Ordinal.GetHashCode("A"), a.GetHashCode());
        Assert.Equal(0, default(RateeId).GetHashCode());
        Assert.Equal((string.Empty, true), (default(RateeId).Value, default(RateeId).IsEmpty));
        Assert.True(default(RateeId) < a);
    }

    [Fact]
    public void Rater_ids_compare_ordinally_with_every_operator()
    {
        var (a, b) = (new RaterId("A"), new RaterId("b"));
        var a2 = new RaterId("A");

        Assert.Equal((true, false, true, true, false, false), (a < b, (a > b), a <= b, a <= a2, (a >= b), a != a2));
        Assert.Equal((true, true, true, false), (b > a, b >= a, a >= a2, a == b));
        Assert.Equal((true, false, false), (a != b, a < a2, (a > a2)));
        Assert.Equal(StringComparer.Ordinal.GetHashCode("A"), a.GetHashCode());
        Assert.Equal(0, default(RaterId).GetHashCode());
        Assert.Equal((string.Empty, true), (default(RaterId).Value, default(RaterId).IsEmpty));
    }

    [Theory]
    [InlineData("P1", true)]
    [InlineData("José-María Nuñez", true)]
    [InlineData("李雷", true)]
    [InlineData("P05\U0001F600", true)]
    [InlineData("P05\u200B", false)]
    [InlineData("P\u202E50", false)]
    [InlineData("\uFEFFP05", false)]
    [InlineData("P0\u00AD5", false)]
    [InlineData(" P1", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Ids_are_tried_without_exceptions(string? text, bool valid)
    {
        Assert.Equal(valid, RateeId.TryCreate(text, out var ratee));
        Assert.Equal(valid, RaterId.TryCreate(text, out var rater));
        Assert.Equal(valid ? text : string.Empty, ratee.Value);
        Assert.Equal(valid ? text : string.Empty, rater.Value);
    }

    [Fact]
    public void Invalid_ids_are_refused_naming_the_rule()
    {
        Assert.StartsWith(
            "Ratee id ' P1' is not a valid person id; person ids are 1 to 128 characters, no control or invisible formatting characters (zero-width, bidirectional controls) and no leading or trailing white space.",
            Assert.Throws<ArgumentException>(() => new RateeId(" P1")).Message,
            StringComparison.Ordinal);

        // An id that looks like another on screen is refused, the invisible character spelt out.
        Assert.StartsWith("Rater id 'P05\\u200B' is not a valid person id", Assert.Throws<ArgumentException>(() => new RaterId("P05\u200B")).Message, StringComparison.Ordinal);
        Assert.StartsWith("Rater id is missing; a person id is required.", Assert.Throws<ArgumentException>(() => new RaterId("")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rating_set_finds_people_by_id_and_refuses_positions_outside_it()
    {
        var set = Set([new(Ratees.A, new RaterId("M"), RaterSource.Manager, Delegates, 3)]);

        Assert.Equal((true, 0), (set.TryGetRateeIndex(Ratees.A, out var found), found));
        Assert.Equal((false, -1), (set.TryGetRateeIndex(Ratees.B, out var missing), missing));
        Assert.Equal((true, 0), (set.TryGetRaterIndex(new RaterId("M"), out var rater), rater));
        Assert.Equal((false, -1), (set.TryGetRaterIndex(new RaterId("Z"), out var none), none));
        Assert.Equal("index", Assert.Throws<ArgumentOutOfRangeException>(() => set[-1]).ParamName);
        Assert.Equal("index", Assert.Throws<ArgumentOutOfRangeException>(() => set[1]).ParamName);
        Assert.Equal("1 ratings of 1 people by 1 raters in readiness-leadership", set.ToString());
    }

    [Fact]
    public void Dropping_a_source_drops_the_people_and_cycles_left_without_ratings_and_renumbers_the_rest()
    {
        var (m, p) = (new RaterId("M"), new RaterId("P"));
        var set = Set(
        [
            new(Ratees.A, new RaterId("A"), RaterSource.Self, Delegates, 5, "2025"),
            new(Ratees.B, m, RaterSource.Manager, Delegates, 3, "2026"),
            new(Ratees.B, p, RaterSource.Peer, Influences, 4, "2026"),
            new(Ratees.B, new RaterId("b"), RaterSource.Self, Delegates, 4, "2027"),
        ]);

        var others = set.WithoutSource(RaterSource.Self);

        Assert.Same(set, set.WithoutSource(RaterSource.Assessor));
        Assert.Equal<RateeId>([Ratees.B], others.Ratees);
        Assert.Equal<RaterId>([m, p], others.Raters);
        Assert.Equal<string?>(["2026"], others.Cycles);
        Assert.Equal(4, set.AsEnumerable().Count());
        Assert.Equal(set.AsEnumerable().Where(r => r.Source != RaterSource.Self), others.AsEnumerable());
        Assert.Equal([0, 0], others.RateeIndices.ToArray());
        Assert.Equal([0, 1], others.RaterIndices.ToArray());
    }

    [Theory]
    [InlineData("2026", " in cycle '2026'")]
    [InlineData(null, "")]
    public void Duplicate_ratings_are_named_with_their_cycle(string? cycle, string inCycle)
    {
        var (r, m) = (Ratees.A, new RaterId("M"));
        var other = new Rating(Ratees.B, m, RaterSource.Manager, Delegates, 2, "2025");

        var intake = new RatingSetBuilder(Model).AddRange(
        [
            other,
            new(r, m, RaterSource.Manager, Delegates, 3, cycle),
            new(r, m, RaterSource.Manager, Delegates, 3, cycle),
            new(r, m, RaterSource.Manager, Influences, 3, cycle),
            new(r, m, RaterSource.Manager, Influences, 4, cycle),
        ]).Build();

        Assert.Equal(
            [
                (2, $"Rater 'M' rated 'A' on 'delegates'{inCycle} again; the row repeats row 1 exactly and only one is kept."),
                (3, $"Rater 'M' rated 'A' on 'influences'{inCycle} 2 times with different values (rows 3, 4); conflicting duplicates are all refused."),
                (4, $"Rater 'M' rated 'A' on 'influences'{inCycle} 2 times with different values (rows 3, 4); conflicting duplicates are all refused."),
            ],
            intake.Report.Rejected.Select(x => (x.Row, x.Message)));
        Assert.Equal(2, intake.Ratings.Count);
    }

    [Fact]
    public void Ratings_that_differ_only_in_rater_or_cycle_are_not_duplicates()
    {
        var intake = new RatingSetBuilder(Model).AddRange(
        [
            new(Ratees.A, new RaterId("M"), RaterSource.Manager, Delegates, 3, "2026"),
            new(Ratees.A, new RaterId("N"), RaterSource.Peer, Delegates, 3, "2026"),
            new(Ratees.A, new RaterId("M"), RaterSource.Manager, Delegates, 3, "2027"),
            new(Ratees.B, new RaterId("M"), RaterSource.Manager, Delegates, 3, "2026"),
        ]).Build();

        Assert.Empty(intake.Report.Rejected);
    }

    [Theory]
    [InlineData(64, true)]
    [InlineData(65, false)]
    public void Cycle_labels_are_up_to_64_characters(int length, bool accepted)
    {
        var builder = new RatingSetBuilder(Model);

        Assert.Equal(accepted, builder.Add(new(Ratees.A, new RaterId("M"), RaterSource.Manager, Delegates, 3, new string('c', length))));
        Assert.Equal(accepted ? 0 : 1, builder.Build().Report.Rejected.Length);
    }

    [Fact]
    public void An_undefined_source_is_refused_listing_the_sources()
    {
        var intake = new RatingSetBuilder(Model).AddRange([new(Ratees.A, new RaterId("M"), (RaterSource)9, Delegates, 3)]).Build();

        Assert.Equal(
            "Source 9 is not defined; sources are Self, Manager, Peer, DirectReport, SkipLevel, Assessor.",
            intake.Report.Rejected.Single().Message);
    }

    [Fact]
    public void Builders_refuse_null_arguments_by_name()
    {
        Assert.Equal("model", Assert.Throws<ArgumentNullException>(() => new RatingSetBuilder(null!)).ParamName);
        Assert.Equal("ratings", Assert.Throws<ArgumentNullException>(() => new RatingSetBuilder(Model).AddRange(null!)).ParamName);
        Assert.Equal("records", Assert.Throws<ArgumentNullException>(() => PerformanceSet.Create(null!)).ParamName);
    }

    [Fact]
    public void Performance_intake_accounts_for_every_record_in_row_order()
    {
        var intake = PerformanceSet.Create(
        [
            new(Ratees.B, 70, "2026"),
            new(default, 50),
            new(Ratees.A, 60, "2026"),
            new(Ratees.B, 70, "2026"),
            new(Ratees.A, 61, "2026"),
            new(Ratees.B, double.NaN),
            new(Ratees.B, 80, "2025"),
            new(Ratees.A, 55, " x"),
            new(Ratees.B, 70, "2026"),
        ]);

        Assert.Equal(
            [
                (1, RejectReason.InvalidPerformance, "Ratee id is missing; every performance record needs the person it measures."),
                (2, RejectReason.InvalidPerformance, "Performance of 'A' was given 2 times with different values (rows 2, 4); conflicting records are all refused."),
                (3, RejectReason.DuplicateRating, "Performance of 'b' repeats row 0 exactly; only one is kept."),
                (4, RejectReason.InvalidPerformance, "Performance of 'A' was given 2 times with different values (rows 2, 4); conflicting records are all refused."),
                (5, RejectReason.InvalidPerformance, "Performance of 'b' was NaN; a performance value must be a finite number."),
                (7, RejectReason.InvalidPerformance, "Cycle ' x' is not a valid cycle label; labels have no control characters and no leading or trailing white space."),
                (8, RejectReason.DuplicateRating, "Performance of 'b' repeats row 0 exactly; only one is kept."),
            ],
            intake.Report.Rejected.Select(r => (r.Row, r.Reason, r.Message)));
        Assert.Equal([("2025", 80.0), ("2026", 70.0)], intake.Performance.Records.Select(r => (r.Cycle!, r.Value)));
        Assert.Equal((true, 75.0), (intake.Performance.TryGetValue(Ratees.B, out var mean), mean));
        Assert.False(intake.Performance.TryGetValue(Ratees.A, out var none));
        Assert.True(double.IsNaN(none));
        Assert.Equal<KeyValuePair<RejectReason, int>>(
            [KeyValuePair.Create(RejectReason.DuplicateRating, 2), KeyValuePair.Create(RejectReason.InvalidPerformance, 5)],
            intake.Report.CountByReason());
        Assert.Equal("9 submitted, 2 accepted, 7 rejected", intake.Report.ToString());
    }

    [Fact]
    public void Performance_records_are_ordered_by_person_then_cycle()
    {
        var intake = PerformanceSet.Create([new(Ratees.B, 1, "2026"), new(Ratees.A, 2, "2027"), new(Ratees.B, 3, "2025"), new(Ratees.A, 4, "2026")]);

        Assert.Equal([4.0, 2.0, 3.0, 1.0], intake.Performance.Records.Select(r => r.Value));
    }

    private static RatingSet Set(Rating[] ratings)
    {
        var intake = new RatingSetBuilder(Model).AddRange(ratings).Build();
        Assert.Empty(intake.Report.Rejected);
        return intake.Ratings;
    }
}
