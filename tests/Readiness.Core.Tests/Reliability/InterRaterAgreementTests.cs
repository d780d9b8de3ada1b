using Readiness.Competencies;
using Readiness.Evidence;
using Readiness.Reliability;

namespace Readiness.Core.Tests.Reliability;

public sealed class InterRaterAgreementTests
{
    private static readonly CompetencyModel Model = LeadershipFramework.Model;

    [Fact]
    public void Rwg_comes_out_as_computed_by_hand()
    {
        // 1–5 scale: chance variance (25 − 1) / 12 = 2. Person a: c0 rated 3, 4, 5 (variance 1, r_wg 0.5) and c1 rated 2, 2
        // (variance 0, r_wg 1); the self-rating of 1 is not another rater's view. r_wg(J): s̄² = 0.5, J = 2:
        // 2 × 0.75 / (2 × 0.75 + 0.25) = 6 / 7.
        var (c0, c1) = (Model.Competencies[0].Id, Model.Competencies[1].Id);
        var rows = new[]
        {
            Row("a", "x", c0.Value, 3), Row("a", "y", c0.Value, 4), Row("a", "z", c0.Value, 5), Row("a", "a", c0.Value, 1, RaterSource.Self),
            Row("a", "x", c1.Value, 2), Row("a", "y", c1.Value, 2),
            Row("b", "x", c0.Value, 4),
        };

        var report = InterRaterAgreement.Analyze(new RatingSetBuilder(Model).AddRange(rows).Build().Ratings);

        Assert.Equal(2, report.ChanceVariance, 15);
        var a0 = report.Cells.Single(c => c.Person.Value == "a" && c.Competency == c0);
        Assert.Equal((3, 4.0, 1.0, 0.5), (a0.Ratings, a0.Mean, a0.StandardDeviation, a0.Rwg));
        Assert.Equal(1, report.Cells.Single(c => c.Person.Value == "a" && c.Competency == c1).Rwg, 15);
        var a = report.People.Single(p => p.Person.Value == "a");
        Assert.Equal(2, a.Competencies);
        Assert.Equal(6.0 / 7, a.RwgJ, 12);
        Assert.Equal(Math.Sqrt(0.5), a.MeanStandardDeviation, 12);

        // One rating: no spread to measure, and it says so rather than claiming agreement.
        var b = report.Cells.Single(c => c.Person.Value == "b");
        Assert.True(double.IsNaN(b.StandardDeviation) && double.IsNaN(b.Rwg));
        Assert.True(double.IsNaN(report.People.Single(p => p.Person.Value == "b").RwgJ));
        var first = report.Competencies.Single(c => c.Competency == c0);
        Assert.Equal((1, 1.0, 0.5), (first.People, first.MeanStandardDeviation, first.MeanRwg));
    }

    [Fact]
    public void Raters_who_disagree_more_than_chance_get_a_negative_rwg()
    {
        var c0 = Model.Competencies[0].Id;
        var rows = new[] { Row("a", "x", c0.Value, 1), Row("a", "y", c0.Value, 5) };

        var cell = Assert.Single(InterRaterAgreement.Analyze(new RatingSetBuilder(Model).AddRange(rows).Build().Ratings).Cells);

        Assert.Equal(1 - (8.0 / 2), cell.Rwg, 12);
    }

    private static Rating Row(string ratee, string rater, string competency, double value, RaterSource source = RaterSource.Peer) =>
        new(new RateeId(ratee), new RaterId(rater), source, competency, value);
}
