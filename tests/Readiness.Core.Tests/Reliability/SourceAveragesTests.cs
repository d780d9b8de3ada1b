using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Readiness.Evidence;
using Readiness.Reliability;
using static Readiness.Competencies.LeadershipFramework;

namespace Readiness.Core.Tests.Reliability;

public sealed class SourceAveragesTests
{
    private static readonly RateeId A = new("A");

    [Fact]
    public void A_source_rated_by_fewer_raters_than_the_threshold_is_kept_back_but_self_and_manager_are_shown()
    {
        var ratings = new RatingSetBuilder(Model)
            .AddRange(
            [
                new Rating(A, new RaterId("A"), RaterSource.Self, Delegates, 5),
                new Rating(A, new RaterId("M"), RaterSource.Manager, Delegates, 2),
                new Rating(A, new RaterId("P1"), RaterSource.Peer, Delegates, 4),
                new Rating(A, new RaterId("P2"), RaterSource.Peer, Delegates, 2),
                new Rating(A, new RaterId("D1"), RaterSource.DirectReport, Delegates, 3),
                new Rating(A, new RaterId("D2"), RaterSource.DirectReport, Delegates, 4),
                new Rating(A, new RaterId("D3"), RaterSource.DirectReport, Delegates, 5),
                new Rating(A, new RaterId("D1"), RaterSource.DirectReport, BuildsTrust, 1),
            ])
            .Build().Ratings;

        var averages = SourceAverages.Compute(ratings);

        Assert.Equal(3, averages.MinimumRaters);
        var person = Assert.Single(averages.People);
        Assert.Equal(A, person.Person);
        Assert.Equal(
            [
                (Delegates, RaterSource.Self, 1, (double?)5),
                (Delegates, RaterSource.Manager, 1, 2),
                (Delegates, RaterSource.Peer, 2, null),
                (Delegates, RaterSource.DirectReport, 3, 4),
                (BuildsTrust, RaterSource.DirectReport, 1, null),
            ],
            person.Averages.Select(a => (a.Competency, a.Source, a.Raters, a.Average)));
        Assert.True(person.Averages[2].Withheld);

        // With a threshold of 2 the two peers are shown; of 1, everything.
        Assert.Equal(3.0, SourceAverages.Compute(ratings, new AnonymityOptions { MinimumRaters = 2 }).People[0].Averages[2].Average);
        Assert.DoesNotContain(SourceAverages.Compute(ratings, new AnonymityOptions { MinimumRaters = 1 }).People[0].Averages, a => a.Withheld);
    }

    [Fact]
    public void Raters_are_counted_not_ratings()
    {
        // Two peers over two cycles: four ratings, still two raters, so still kept back.
        var ratings = new RatingSetBuilder(Model)
            .AddRange(
            [
                new Rating(A, new RaterId("P1"), RaterSource.Peer, Delegates, 4) { Cycle = "2025" },
                new Rating(A, new RaterId("P1"), RaterSource.Peer, Delegates, 4) { Cycle = "2026" },
                new Rating(A, new RaterId("P2"), RaterSource.Peer, Delegates, 2) { Cycle = "2025" },
                new Rating(A, new RaterId("P2"), RaterSource.Peer, Delegates, 3) { Cycle = "2026" },
            ])
            .Build().Ratings;

        var average = Assert.Single(SourceAverages.Compute(ratings).People[0].Averages);

        Assert.Equal((2, null), (average.Raters, average.Average));
        Assert.Equal(3.25, SourceAverages.Compute(ratings, new AnonymityOptions { MinimumRaters = 2 }).People[0].Averages[0].Average);
    }

    [Fact]
    public void A_threshold_below_one_is_refused_with_its_value()
    {
        var ratings = new RatingSetBuilder(Model).AddRange([new Rating(A, new RaterId("P1"), RaterSource.Peer, Delegates, 4)]).Build().Ratings;

        var e = Assert.Throws<ArgumentException>(() => SourceAverages.Compute(ratings, new AnonymityOptions { MinimumRaters = 0 }));

        Assert.Equal("MinimumRaters was 0; it must be at least 1. (Parameter 'options')", e.Message);
    }

    /// <summary>
    /// Over generated rating sets: a shown average of a source other than self or manager comes from at least the threshold's
    /// raters and is their raw mean; a kept-back one from fewer; every rating is counted in exactly one cell.
    /// </summary>
    [Property(MaxTest = 100)]
    public Property No_average_of_fewer_raters_than_the_threshold_is_shown_and_every_shown_one_is_the_raw_mean() =>
        Prop.ForAll(RatingRows.ToArbitrary(), Gen.Choose(1, 5).ToArbitrary(), (rows, threshold) =>
        {
            var ratings = new RatingSetBuilder(Model).AddRange(rows).Build().Ratings;

            var averages = SourceAverages.Compute(ratings, new AnonymityOptions { MinimumRaters = threshold });

            var cells = ratings.AsEnumerable().GroupBy(r => (r.Ratee, r.Competency, r.Source)).ToDictionary(g => g.Key);
            var all = averages.People.SelectMany(p => p.Averages.Select(a => (p.Person, a))).ToArray();
            Assert.Equal(cells.Count, all.Length);
            foreach (var (person, a) in all)
            {
                var cell = cells[(person, a.Competency.Value, a.Source)];
                Assert.Equal(cell.Select(r => r.Rater).Distinct().Count(), a.Raters);
                Assert.Equal(!SourceAverages.IsExempt(a.Source) && a.Raters < threshold, a.Withheld);
                if (a.Average is { } shown)
                {
                    Assert.Equal(cell.Average(r => r.Value), shown, 12);
                }
            }
        });

    /// <summary>Ratings of 1–6 people by up to 8 raters from every source, on 1–3 competencies.</summary>
    private static Gen<Rating[]> RatingRows =>
        from count in Gen.Choose(1, 60)
        from rows in Gen.ArrayOf(
            from person in Gen.Choose(0, 5)
            from rater in Gen.Choose(0, 7)
            from source in Gen.Elements(RaterSource.Manager, RaterSource.Peer, RaterSource.DirectReport, RaterSource.SkipLevel, RaterSource.Self)
            from competency in Gen.Elements(Delegates, BuildsTrust, ManagesConflict)
            from value in Gen.Choose(1, 5)
            select source == RaterSource.Self
                ? new Rating(new RateeId($"p{person}"), new RaterId($"p{person}"), source, competency, value)
                : new Rating(new RateeId($"p{person}"), new RaterId($"r{rater}"), source, competency, value),
            count)
        select rows;
}
