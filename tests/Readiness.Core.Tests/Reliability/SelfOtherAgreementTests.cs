using Readiness.Evidence;
using Readiness.Reliability;
using static Readiness.Competencies.LeadershipFramework;

namespace Readiness.Core.Tests.Reliability;

public sealed class SelfOtherAgreementTests
{
    [Fact]
    public void Categories_follow_the_band_and_the_others_median()
    {
        // Self − others (scale points): A +1.5, B −1.0, C +0.25 with others 4.0, D 0 with others 2.0, E no self-rating.
        var ratings = Ratings(
            ("A", 4.5, 3.0), ("B", 2.5, 3.5), ("C", 4.25, 4.0), ("D", 2.0, 2.0), ("E", null, 3.0));

        var fixedBand = SelfOtherAgreement.Analyze(ratings, new SelfOtherOptions { RelativeToCohort = false, AgreementHalfWidth = 0.5 });

        Assert.Equal((-0.5, 0.5), (fixedBand.LowerCut, fixedBand.UpperCut));
        Assert.Equal(3.25, fixedBand.GoodCut);  // median of the others' ratings 2.0, 3.0, 3.5, 4.0
        Assert.Equal(
            [("A", AgreementCategory.OverEstimator), ("B", AgreementCategory.UnderEstimator), ("C", AgreementCategory.InAgreementGood), ("D", AgreementCategory.InAgreementPoor)],
            fixedBand.People.Select(p => (p.Person.Value, p.Category)));
        Assert.Equal(["E"], fixedBand.Excluded.Select(e => e.Value));
        Assert.Equal(1.5, fixedBand.People[0].Difference, 12);
        Assert.Equal(new SelfOtherCompetency(Delegates, 4.5, 3.0, 1.5), fixedBand.People[0].Competencies.Single());

        // Relative to the cohort: mean difference 0.1875, SD of (1.5, −1, 0.25, 0) = 1.0275…; band ± half of it.
        var relative = SelfOtherAgreement.Analyze(ratings);
        double[] d = [1.5, -1.0, 0.25, 0];
        var sd = Math.Sqrt(d.Sum(x => (x - d.Average()) * (x - d.Average())) / 3);
        Assert.Equal(d.Average() + (0.5 * sd), relative.UpperCut, 12);
        Assert.Equal(AgreementCategory.OverEstimator, relative.People[0].Category);
        Assert.Throws<ArgumentException>(() => SelfOtherAgreement.Analyze(ratings, new SelfOtherOptions { AgreementHalfWidth = -1 }));
    }

    [Fact]
    public void Only_competencies_rated_by_both_self_and_others_count()
    {
        var a = new RateeId("A");
        var set = new RatingSetBuilder(Model)
            .AddRange(
            [
                new Rating(a, new RaterId("A"), RaterSource.Self, Delegates, 5),
                new Rating(a, new RaterId("A"), RaterSource.Self, ManagesConflict, 5),
                new Rating(a, new RaterId("M"), RaterSource.Manager, Delegates, 3),
                new Rating(a, new RaterId("P"), RaterSource.Peer, Delegates, 4),
                new Rating(a, new RaterId("P"), RaterSource.Peer, BuildsTrust, 1),
            ])
            .Build().Ratings;

        var person = SelfOtherAgreement.Analyze(set, new SelfOtherOptions { RelativeToCohort = false }).People.Single();

        Assert.Equal((5.0, 3.5), (person.Self, person.Others));
        Assert.Equal([Delegates], person.Competencies.Select(c => c.Competency));
    }

    private static RatingSet Ratings(params (string Person, double? Self, double Others)[] people)
    {
        var builder = new RatingSetBuilder(Model);
        foreach (var (person, self, others) in people)
        {
            var id = new RateeId(person);
            if (self is { } s)
            {
                builder.Add(new Rating(id, new RaterId(person), RaterSource.Self, Delegates, s));
            }

            builder.Add(new Rating(id, new RaterId("M" + person), RaterSource.Manager, Delegates, others));
        }

        return builder.Build().Ratings;
    }
}
