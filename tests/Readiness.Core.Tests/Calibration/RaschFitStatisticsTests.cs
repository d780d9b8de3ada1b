using System.Globalization;
using Readiness.Calibration;

namespace Readiness.Core.Tests.Calibration;

/// <summary>
/// Fit statistics, standard errors and category measures of the many-facet Rasch calibrator against eRm, given the
/// calibrator's own estimates of eRm's rsmdat (Data/rasch/fit_erm.R: eRm 1.0-2's person.parameter, itemfit, personfit).
/// </summary>
public sealed class RaschFitStatisticsTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Data", "rasch");

    private static readonly RaschFit Fit = new ManyFacetRaschCalibrator().Calibrate(RaschCalibratorTests.ReadItemTable("rsmdat_RSM_data.csv", scaleMaximum: 3).Ratings).Rasch!;

    /// <summary>fit_erm.R's rows by facet and id; values in its column order: measure, se, infit, infit_z, outfit, outfit_z, expected_measure.</summary>
    private static readonly Dictionary<(string Facet, string Id), double[]> Erm = File.ReadLines(Path.Combine(Folder, "rsmdat_erm_fit.csv")).Skip(1)
        .Select(l => l.Split(','))
        .ToDictionary(f => (f[0], f[1]), f => f[2..].Select(v => v == "NA" ? double.NaN : double.Parse(v, CultureInfo.InvariantCulture)).ToArray());

    private static IEnumerable<(string Facet, RaschElement Element)> Elements =>
        Fit.Ratees.Select(e => ("ratee", e)).Concat(Fit.Competencies.Select(e => ("competency", e))).Concat(Fit.Raters.Select(e => ("rater", e)));

    [Fact]
    public void The_measures_given_to_eRm_are_the_calibrators()
    {
        // fit_erm.R reads these; if the estimation changes, they (and eRm's values) must be produced again.
        var given = File.ReadLines(Path.Combine(Folder, "rsmdat_readiness_measures.csv")).Skip(1).Select(l => l.Split(',')).ToArray();
        var measures = Elements.ToDictionary(e => (e.Facet, e.Element.Id), e => e.Element.Measure);
        for (var k = 0; k < Fit.Thresholds.Length; k++)
        {
            measures.Add(("threshold", (k + 1).ToString(CultureInfo.InvariantCulture)), Fit.Thresholds[k]);
        }

        Assert.Equal(measures.Count, given.Length);
        Assert.All(given, g => Assert.Equal(double.Parse(g[2], CultureInfo.InvariantCulture), measures[(g[0], g[1])], 1e-9));
    }

    [Fact]
    public void Each_non_extreme_ratee_is_the_maximum_likelihood_estimate_eRm_finds_with_the_items_held()
    {
        var ratees = Fit.Ratees.Where(r => !r.IsExtreme).ToArray();

        Assert.Equal(19, ratees.Length);
        Assert.All(ratees, r =>
        {
            var erm = Erm[("ratee", r.Id)];

            // eRm maximises with nlm and takes the standard error from a finite-difference Hessian (measured here: within
            // 1.3e-6 and 2.7e-5 of the calibrator's Newton solution and analytic information).
            Assert.Equal(erm[0], r.Measure, 1e-5);
            Assert.Equal(erm[1], r.StandardError, 1e-4);
        });
    }

    [Fact]
    public void Infit_outfit_and_their_z_of_every_ratee_competency_and_rater_are_eRms()
    {
        var compared = 0;
        foreach (var (facet, element) in Elements.Where(e => !e.Element.IsExtreme))
        {
            var erm = Erm[(facet, element.Id)];
            var ours = new[] { element.Infit, element.InfitZ, element.Outfit, element.OutfitZ };
            for (var s = 0; s < ours.Length; s++)
            {
                Assert.True(Math.Abs(erm[s + 2] - ours[s]) < 1e-9, $"{facet} {element.Id} statistic {s}: eRm {erm[s + 2]:R}, ours {ours[s]:R}");
            }

            if (facet != "ratee")
            {
                Assert.Equal(erm[1], element.StandardError, 1e-12);
            }

            compared++;
        }

        // 19 persons, 6 items and the one rater (its statistics are eRm's residual matrices summed over every rating).
        Assert.Equal(26, compared);
    }

    [Fact]
    public void The_extreme_ratee_has_no_fit_and_is_left_out_of_everyone_elses()
    {
        // Person 7 scored 0 on every item: eRm drops the person from person.parameter and from every fit statistic; the
        // previous test shows the items' statistics agree without the person's ratings, and here the person has none.
        var seven = Fit.Ratees.Single(r => r.Id == "P7");

        Assert.True(seven.IsExtreme);
        Assert.False(Erm.ContainsKey(("ratee", "P7")));
        Assert.All(new[] { seven.Infit, seven.InfitZ, seven.Outfit, seven.OutfitZ }, v => Assert.True(double.IsNaN(v)));
    }

    [Fact]
    public void Each_categorys_average_and_expected_measure_are_those_from_eRms_probabilities()
    {
        Assert.Equal(4, Fit.Categories.Length);
        Assert.All(Fit.Categories, c =>
        {
            var erm = Erm[("category", c.Level.ToString(CultureInfo.InvariantCulture))];
            Assert.Equal(erm[0], c.AverageMeasure, 1e-12);
            Assert.Equal(erm[6], c.ExpectedAverageMeasure, 1e-12);
        });
    }
}
