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

        var fixedBand = SelfOtherAgreement.Analyze(ratings, new SelfOtherOptions { WidthInStandardDeviations = false, AgreementHalfWidth = 0.5 });

        Assert.Equal((-0.5, 0.5), (fixedBand.LowerCut, fixedBand.UpperCut));
        Assert.Equal(3.25, fixedBand.GoodCut);  // median of the others' ratings 2.0, 3.0, 3.5, 4.0
        Assert.Equal(
            [("A", AgreementCategory.OverEstimator), ("B", AgreementCategory.UnderEstimator), ("C", AgreementCategory.InAgreementGood), ("D", AgreementCategory.InAgreementPoor)],
            fixedBand.People.Select(p => (p.Person.Value, p.Category)));
        Assert.Equal(["E"], fixedBand.Excluded.Select(e => e.Value));
        Assert.Equal(1.5, fixedBand.People[0].Difference, 12);
        Assert.Equivalent(new SelfOtherCompetency(Delegates, 4.5, 3.0, 1.5), fixedBand.People[0].Competencies.Single());

        // The default: zero ± half the SD of the differences (1.5, −1, 0.25, 0), 1.0275…, so the categories keep their sign.
        double[] d = [1.5, -1.0, 0.25, 0];
        var sd = Math.Sqrt(d.Sum(x => (x - d.Average()) * (x - d.Average())) / 3);
        var byDefault = SelfOtherAgreement.Analyze(ratings);
        Assert.Equal((-0.5 * sd, 0.5 * sd), (byDefault.LowerCut, byDefault.UpperCut));
        Assert.Equal(fixedBand.People.Select(p => p.Category), byDefault.People.Select(p => p.Category));

        // The cohort-relative variant: centred on the mean difference 0.1875.
        var relative = SelfOtherAgreement.Analyze(ratings, new SelfOtherOptions { CentredOnCohortMean = true });
        Assert.Equal(d.Average() + (0.5 * sd), relative.UpperCut, 12);
        Assert.Equal(AgreementCategory.OverEstimator, relative.People[0].Category);
        Assert.Throws<ArgumentException>(() => SelfOtherAgreement.Analyze(ratings, new SelfOtherOptions { AgreementHalfWidth = -1 }));
    }

    [Fact]
    public void An_under_estimator_never_rates_themselves_above_others_unless_asked_to_compare_with_the_cohort()
    {
        // A generous cohort: everyone rates themselves above others (differences 1.5, 1.25, 1.0, 0.75, 0.5, 0.25). Centred
        // on the cohort's mean (0.875), the least generous are "under-estimators" though they too rate themselves higher.
        var ratings = Ratings(("A", 4.5, 3.0), ("B", 4.25, 3.0), ("C", 4.0, 3.0), ("D", 3.75, 3.0), ("E", 3.5, 3.0), ("F", 3.25, 3.0));

        var absolute = SelfOtherAgreement.Analyze(ratings);
        var relative = SelfOtherAgreement.Analyze(ratings, new SelfOtherOptions { CentredOnCohortMean = true });

        Assert.All(absolute.People.Where(p => p.Category == AgreementCategory.UnderEstimator), p => Assert.True(p.Difference < 0));
        Assert.DoesNotContain(absolute.People, p => p.Category == AgreementCategory.UnderEstimator);
        Assert.Contains(relative.People, p => p.Category == AgreementCategory.UnderEstimator && p.Difference > 0);
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

        var person = SelfOtherAgreement.Analyze(set, new SelfOtherOptions { WidthInStandardDeviations = false }).People.Single();

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
