using System.Globalization;
using Readiness.Competencies;
using Readiness.Evidence;
using Readiness.Reliability;

namespace Readiness.Core.Tests.Reliability;

public sealed class InterRaterAgreementTests
{
    private static readonly CompetencyModel Model = LeadershipFramework.Model;

    [Fact]
    public void Rwg_and_rwg_j_reproduce_the_multilevel_package_on_Bliese_s_published_leadership_data()
    {
        // Data/rwg: lq2002 (Bliese & Halverson 2002; 2,042 soldiers rating their company's leadership on eleven 1–5 items,
        // 49 companies) and multilevel 2.7's rwg.j and rwg(LEAD01) per company with ranvar = 2, as its manual runs them
        // (rwg.R). Companies are the people rated, soldiers the raters, items the competencies.
        var folder = Path.Combine(AppContext.BaseDirectory, "Data", "rwg");
        var lines = File.ReadAllLines(Path.Combine(folder, "lq2002.csv"));
        var items = lines[0].Split(',').Skip(2).Select(h => h.Trim('"')).ToArray();
        var builder = new CompetencyModelBuilder("lq2002", "Leadership climate").WithScale(ProficiencyScale.Default);
        foreach (var item in items)
        {
            builder.AddCompetency(item, "Item " + item, CompetencyDomain.Leadership, c => c.WithDefinition("A leadership-climate item of lq2002."));
        }

        var ratings = new RatingSetBuilder(builder.Build());
        foreach (var fields in lines.Skip(1).Select(l => l.Split(',')))
        {
            for (var j = 0; j < items.Length; j++)
            {
                ratings.Add(new Rating(new RateeId("C" + fields[0]), new RaterId($"S{fields[0]}-{fields[1]}"), RaterSource.Peer, items[j], double.Parse(fields[j + 2], CultureInfo.InvariantCulture)));
            }
        }

        var report = InterRaterAgreement.Analyze(ratings.Build().Ratings);

        var expected = File.ReadAllLines(Path.Combine(folder, "expected.csv")).Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.Equal(49, expected.Length);
        Assert.Equal(2, report.ChanceVariance, 15);
        foreach (var row in expected)
        {
            var company = "C" + row[0].Trim('"');
            var person = report.People.Single(p => p.Person.Value == company);
            Assert.Equal(double.Parse(row[1], CultureInfo.InvariantCulture), person.RwgJ, 12);
            var lead01 = report.Cells.Single(c => c.Person.Value == company && c.Competency.Value == "LEAD01");
            Assert.Equal(Math.Max(0, double.Parse(row[3], CultureInfo.InvariantCulture)), lead01.Rwg, 12);
            Assert.Equal(int.Parse(row[2], CultureInfo.InvariantCulture), lead01.Ratings);
        }
    }

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
    public void Raters_who_disagree_more_than_chance_get_no_agreement_on_any_competency_or_across_them()
    {
        // 1 and 5 on every competency of a 1–5 scale: s² = 8 against σ²_EU = 2. Untruncated, r_wg = −3 per competency and
        // r_wg(J) = 14 × (−3) / (14 × (−3) + 4) = 1.105 over the 14 — "agreement" above perfect (LeBreton & Senter 2008).
        var rows = Model.Competencies.SelectMany(c => new[] { Row("a", "x", c.Id.Value, 1), Row("a", "y", c.Id.Value, 5) });

        var report = InterRaterAgreement.Analyze(new RatingSetBuilder(Model).AddRange(rows).Build().Ratings);

        Assert.Equal(14, report.Cells.Length);
        Assert.All(report.Cells, c => Assert.Equal(0, c.Rwg));
        Assert.Equal((14, 0.0), (report.People.Single().Competencies, report.People.Single().RwgJ));
        Assert.All(report.Competencies, c => Assert.Equal(0, c.MeanRwg));
    }

    [Fact]
    public void Spread_exactly_at_chance_is_zero_agreement_and_just_below_it_is_not_truncated()
    {
        // σ²_EU = 2 on 1–5. Ratings 1, 3, 3, 5 have s² = 8/3 (above chance: truncated); 2, 2, 4, 4 have s² = 4/3, so
        // r_wg = 1/3, and with the 1, 3, 3, 5 competency r_wg(J) over J = 2 is built from s̄² = 2 = σ²_EU: exactly 0.
        var (c0, c1) = (Model.Competencies[0].Id.Value, Model.Competencies[1].Id.Value);
        var rows = new[] { 1.0, 3, 3, 5 }.Select((v, i) => Row("a", $"r{i}", c0, v))
            .Concat(new[] { 2.0, 2, 4, 4 }.Select((v, i) => Row("a", $"r{i}", c1, v)));

        var report = InterRaterAgreement.Analyze(new RatingSetBuilder(Model).AddRange(rows).Build().Ratings);

        Assert.Equal(0, report.Cells.Single(c => c.Competency == c0).Rwg);
        Assert.Equal(1.0 / 3, report.Cells.Single(c => c.Competency == c1).Rwg, 12);
        Assert.Equal(0, report.People.Single().RwgJ, 12);
    }

    [Fact]
    public void Ratings_between_levels_are_measured_against_the_continuous_range()
    {
        // 1–5 scale: whole levels give σ²_EU = (25 − 1) / 12 = 2; once a rating is 3.5, the null is uniform over [1, 5]:
        // 16 / 12. Ratings 3.5 and 4.5 (s² = 0.5) then agree at 1 − 0.5 / (4/3) = 0.625 rather than 0.75.
        var c0 = Model.Competencies[0].Id.Value;
        var rows = new[] { Row("a", "x", c0, 3.5), Row("a", "y", c0, 4.5) };

        var report = InterRaterAgreement.Analyze(new RatingSetBuilder(Model).AddRange(rows).Build().Ratings);

        Assert.Equal(16.0 / 12, report.ChanceVariance, 15);
        Assert.Equal(0.625, report.Cells.Single().Rwg, 12);
    }

    private static Rating Row(string ratee, string rater, string competency, double value, RaterSource source = RaterSource.Peer) =>
        new(new RateeId(ratee), new RaterId(rater), source, competency, value);
}
