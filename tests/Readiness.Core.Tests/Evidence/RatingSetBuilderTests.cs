using Readiness.Competencies;
using Readiness.Evidence;

namespace Readiness.Core.Tests.Evidence;

public sealed class RatingSetBuilderTests
{
    private const string Delegates = LeadershipFramework.Delegates;
    private const string Coaches = LeadershipFramework.DevelopsOthers;

    private static Rating R(string ratee, string rater, RaterSource source, string competency, double value, string? cycle = null) =>
        new(new RateeId(ratee), new RaterId(rater), source, competency, value, cycle);

    [Fact]
    public void Build_interns_ids_in_ordinal_order_and_keeps_rows_in_canonical_order()
    {
        var builder = new RatingSetBuilder(LeadershipFramework.Model);
        builder.Add(R("zoe", "amy", RaterSource.Peer, Coaches, 4));
        builder.Add(R("bob", "zoe", RaterSource.Manager, Delegates, 2));
        builder.Add(R("bob", "bob", RaterSource.Self, Delegates, 5));

        var intake = builder.Build();
        var set = intake.Ratings;

        Assert.Equal(["bob", "zoe"], set.Ratees.Select(r => r.Value));
        Assert.Equal(["amy", "bob", "zoe"], set.Raters.Select(r => r.Value));
        Assert.Equal(3, set.Count);
        Assert.Equal(R("bob", "bob", RaterSource.Self, Delegates, 5), set[0]);
        Assert.Equal(R("bob", "zoe", RaterSource.Manager, Delegates, 2), set[1]);
        Assert.Equal(R("zoe", "amy", RaterSource.Peer, Coaches, 4), set[2]);
        Assert.Equal([0, 0, 1], set.RateeIndices.ToArray());
        Assert.Equal([5.0, 2, 4], set.Values.ToArray());
        Assert.True(set.TryGetRaterIndex(new RaterId("zoe"), out var zoe));
        Assert.Equal(2, zoe);
        Assert.False(set.TryGetRateeIndex(new RateeId("amy"), out var none));
        Assert.Equal(-1, none);
        Assert.Equal("3 submitted, 3 accepted, 0 rejected", intake.Report.ToString());
    }

    public static TheoryData<Rating, RejectReason, string> BadRows => new()
    {
        { new Rating(default, new RaterId("a"), RaterSource.Peer, Delegates, 3), RejectReason.InvalidRatee, "Ratee id is missing" },
        { new Rating(new RateeId("a"), default, RaterSource.Peer, Delegates, 3), RejectReason.InvalidRater, "Rater id is missing" },
        { R("a", "b", (RaterSource)42, Delegates, 3), RejectReason.InvalidSource, "Source 42 is not defined" },
        { R("a", "b", RaterSource.Peer, "telepathy", 3), RejectReason.UnknownCompetency, "'telepathy' is not in model" },
        { R("a", "b", RaterSource.Peer, null!, 3), RejectReason.UnknownCompetency, "Competency ''" },
        { R("a", "b", RaterSource.Peer, Delegates, double.NaN), RejectReason.ValueNotFinite, "Value was NaN" },
        { R("a", "b", RaterSource.Peer, Delegates, double.PositiveInfinity), RejectReason.ValueNotFinite, "Value was Infinity" },
        { R("a", "b", RaterSource.Peer, Delegates, 0.5), RejectReason.ValueOffScale, "Value 0.5 is off the scale; ratings must be in [1, 5]" },
        { R("a", "b", RaterSource.Peer, Delegates, 6), RejectReason.ValueOffScale, "Value 6 is off the scale" },
        { R("a", "b", RaterSource.Self, Delegates, 3), RejectReason.SelfRatingMismatch, "self-rating's rater must be the ratee" },
        { R("a", "a", RaterSource.Manager, Delegates, 3), RejectReason.SelfRatingMismatch, "must have source Self" },
        { R("a", "b", RaterSource.Peer, Delegates, 3, " 2026"), RejectReason.InvalidCycle, "Cycle ' 2026'" },
        { R("a", "b", RaterSource.Peer, Delegates, 3, ""), RejectReason.InvalidCycle, "Cycle ''" },
    };

    [Theory]
    [MemberData(nameof(BadRows))]
    public void Add_refuses_a_bad_row_with_its_reason_and_a_message_naming_the_value(Rating bad, RejectReason reason, string message)
    {
        var builder = new RatingSetBuilder(LeadershipFramework.Model);
        builder.Add(R("x", "y", RaterSource.Peer, Delegates, 3));

        Assert.False(builder.Add(bad));
        var intake = builder.Build();

        var rejected = Assert.Single(intake.Report.Rejected);
        Assert.Equal(1, rejected.Row);
        Assert.Equal(reason, rejected.Reason);
        Assert.Contains(message, rejected.Message, StringComparison.Ordinal);
        Assert.Equal(1, intake.Ratings.Count);
        Assert.Equal(2, intake.Report.Submitted);
    }

    [Fact]
    public void Competency_ids_match_ignoring_case_as_everywhere_in_the_model()
    {
        var builder = new RatingSetBuilder(LeadershipFramework.Model);
        Assert.True(builder.Add(R("a", "b", RaterSource.Peer, Delegates.ToUpperInvariant(), 3)));
        Assert.Equal(Delegates, builder.Build().Ratings[0].Competency);
    }

    [Fact]
    public void Exact_repeats_keep_the_earliest_row_and_conflicting_duplicates_are_all_refused()
    {
        var builder = new RatingSetBuilder(LeadershipFramework.Model);
        builder.Add(R("a", "b", RaterSource.Peer, Delegates, 3));      // 0 kept
        builder.Add(R("a", "c", RaterSource.Peer, Delegates, 4));      // 1 conflicting
        builder.Add(R("a", "b", RaterSource.Peer, Delegates, 3));      // 2 repeat of 0
        builder.Add(R("a", "c", RaterSource.Peer, Delegates, 2));      // 3 conflicting
        builder.Add(R("a", "c", RaterSource.Peer, Delegates, 2, "2026")); // 4 other cycle: fine
        builder.Add(R("d", "c", RaterSource.Manager, Delegates, 2));   // 5 the same value under two sources: conflicting
        builder.Add(R("d", "c", RaterSource.Peer, Delegates, 2));      // 6

        var intake = builder.Build();

        Assert.Equal("Rater 'c' rated 'd' on 'delegates' 2 times with different sources (rows 5, 6); conflicting duplicates are all refused.", intake.Report.Rejected[^1].Message);
        Assert.Equal([1, 2, 3, 5, 6], intake.Report.Rejected.Select(r => r.Row));
        Assert.All(intake.Report.Rejected, r => Assert.Equal(RejectReason.DuplicateRating, r.Reason));
        Assert.Contains("repeats row 0 exactly", intake.Report.Rejected[1].Message, StringComparison.Ordinal);
        Assert.Contains("2 times with different values (rows 1, 3)", intake.Report.Rejected[0].Message, StringComparison.Ordinal);
        Assert.Equal(2, intake.Ratings.Count);
        Assert.True(intake.Ratings.Cycles.SequenceEqual([null, "2026"]));
        Assert.Equal([KeyValuePair.Create(RejectReason.DuplicateRating, 5)], intake.Report.CountByReason().ToArray());
    }

    [Fact]
    public void People_and_cycles_whose_rows_were_all_refused_are_not_listed()
    {
        var builder = new RatingSetBuilder(LeadershipFramework.Model);
        builder.Add(R("a", "b", RaterSource.Peer, Delegates, 3, "c1"));
        builder.Add(R("a", "b", RaterSource.Peer, Delegates, 4, "c1"));
        builder.Add(R("d", "e", RaterSource.Peer, Delegates, 4));

        var set = builder.Build().Ratings;

        Assert.Equal(["d"], set.Ratees.Select(r => r.Value));
        Assert.Equal(["e"], set.Raters.Select(r => r.Value));
        Assert.True(set.Cycles.SequenceEqual([null]));
        Assert.Equal([0], set.CycleIndices.ToArray());
    }

    [Fact]
    public void Reject_counts_rows_the_caller_could_not_read()
    {
        var builder = new RatingSetBuilder(LeadershipFramework.Model);
        builder.Reject(RejectReason.Unreadable, "Line 2 has 3 fields; 4 are required.");
        builder.Add(R("a", "b", RaterSource.Peer, Delegates, 3));

        var report = builder.Build().Report;

        Assert.Equal(2, report.Submitted);
        Assert.Equal(1, report.Accepted);
        Assert.Equal(new RejectedRow(0, RejectReason.Unreadable, "Line 2 has 3 fields; 4 are required."), report.Rejected[0]);
        Assert.Throws<ArgumentException>(() => builder.Reject(RejectReason.Unreadable, " "));
    }

    [Fact]
    public void An_empty_intake_gives_an_empty_set()
    {
        var intake = new RatingSetBuilder(LeadershipFramework.Model).Build();
        Assert.Equal(0, intake.Ratings.Count);
        Assert.Equal(0, intake.Report.Submitted);
        Assert.Throws<ArgumentOutOfRangeException>(() => intake.Ratings[0]);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" a")]
    [InlineData("a ")]
    [InlineData("a\u0000b")]
    public void Person_ids_refuse_text_that_breaks_the_rule(string text)
    {
        var e = Assert.Throws<ArgumentException>(() => new RateeId(text));
        Assert.Contains("person id", e.Message, StringComparison.Ordinal);
        Assert.False(RaterId.TryCreate(text, out var id));
        Assert.True(id.IsEmpty);
        Assert.Throws<ArgumentException>(() => new RaterId(new string('x', 129)));
    }

    [Fact]
    public void Person_ids_compare_ordinally()
    {
        Assert.NotEqual(new RateeId("E1"), new RateeId("e1"));
        Assert.True(new RaterId("B") < new RaterId("a"));
        Assert.Equal("x@corp.example", new RateeId("x@corp.example").ToString());
        Assert.Equal(string.Empty, default(RateeId).Value);
    }
}
