using MathNet.Numerics.LinearAlgebra;
using Readiness.Calibration;
using Readiness.Calibration.Internal;
using Readiness.Evidence;

namespace Readiness.Core.Tests.Calibration;

/// <summary>
/// Both paths' estimates and standard errors against Henderson's mixed-model equations solved densely, given the variance
/// components each path reports. lme4 (see <c>CrossedModelLme4Tests</c>) checks the exact fit but reports no
/// prediction-error variance for a competency estimate — the combination reference·β + ratee + cell the library reports —
/// so the exact path's block elimination and selected inverse, and the scalable path's closed-form conditional variances,
/// are checked here against the plain dense inverse.
/// </summary>
public sealed class CrossedModelDenseTests
{
    /// <summary>Every fourth other-rating of <see cref="Panels.Small"/> given again, a point apart, in a second cycle: raters who rate a cell twice.</summary>
    private static readonly RatingSet Repeated = Panels.Set(Panels.Small.AsEnumerable().Concat(Panels.Small.AsEnumerable()
        .Where((r, i) => i % 4 == 0 && r.Source != RaterSource.Self)
        .Select(r => r with { Cycle = "2027-H1", Value = r.Value >= 3 ? r.Value - 1 : r.Value + 1 })));

    public static TheoryData<CrossedModelPath, bool> Designs => new()
    {
        { CrossedModelPath.Exact, false }, { CrossedModelPath.Scalable, false }, { CrossedModelPath.Exact, true }, { CrossedModelPath.Scalable, true },
    };

    [Theory]
    [MemberData(nameof(Designs))]
    public void Estimates_and_standard_errors_are_those_of_the_dense_mixed_model_equations(CrossedModelPath path, bool repeated)
    {
        var ratings = repeated ? Repeated : Panels.Small;
        var fit = new CrossedRandomEffectsCalibrator(new CrossedModelOptions { PersonEffect = PersonEffect.Shared, Path = path }).Calibrate(ratings);
        var design = new CrossedDesign(ratings.WithoutSource(RaterSource.Self));
        var residual = fit.VarianceOf(VarianceComponent.Residual)!.Value;
        var cellVariance = fit.VarianceOf(VarianceComponent.RateeCompetency)!.Value;
        var rateeVariance = fit.VarianceOf(VarianceComponent.Ratee)!.Value;
        var raterVariance = fit.VarianceOf(VarianceComponent.Rater)!.Value;
        Assert.True(cellVariance > 0.01 && rateeVariance > 0.01 && raterVariance > 0.01, "every component away from its boundary");

        // The exact path's effects are exact; the scalable path's come from conjugate gradients stopped at a tolerance.
        var digits = path == CrossedModelPath.Exact ? 1e-9 : 1e-6;
        void AssertClose(double expected, double actual, string what) =>
            Assert.True(Math.Abs(expected - actual) <= digits * Math.Max(1, Math.Abs(expected)), $"{path}, {what}: {actual} vs dense {expected}");

        // Unknowns in the order β, cells, ratees, raters; W is the rating-by-unknown incidence matrix.
        var (p, cells, ratees) = (design.P, design.Cells, design.Ratees);
        var unknowns = p + cells + ratees + design.Raters;
        var w = Matrix<double>.Build.Dense(design.N, unknowns);
        for (var i = 0; i < design.N; i++)
        {
            foreach (var j in design.RowColumns(i))
            {
                w[i, j] = 1;
            }

            var cell = design.RowCell[i];
            w[i, p + cell] = 1;
            w[i, p + cells + design.CellRatee[cell]] = 1;
            w[i, p + cells + ratees + design.RowRater[i]] = 1;
        }

        var equations = w.TransposeThisAndMultiply(w);
        for (var k = p; k < unknowns; k++)
        {
            equations[k, k] += residual / (k < p + cells ? cellVariance : k < p + cells + ratees ? rateeVariance : raterVariance);
        }

        var inverse = equations.Inverse();
        var solution = inverse * w.TransposeThisAndMultiply(Vector<double>.Build.DenseOfArray(design.Y));

        // The scalable path's prediction-error variances are conditional on the fixed and rater effects: the inverse of
        // the person (ratee and cell) block alone.
        var personBlock = path == CrossedModelPath.Scalable ? equations.SubMatrix(p, cells + ratees, p, cells + ratees).Inverse() : null;

        // The reference row, built here rather than by ReferenceRow: the intercept, the competency's column, and each
        // source's column weighted by its share of the ratings ("an average rater other than the person").
        Vector<double> Reference(int competency)
        {
            var row = Vector<double>.Build.Dense(unknowns);
            row[0] = 1;
            if (design.CompetencyColumn[competency] >= 0)
            {
                row[design.CompetencyColumn[competency]] = 1;
            }

            foreach (var source in design.SourcesPresent.Where(s => design.SourceColumn[(int)s] >= 0))
            {
                row[design.SourceColumn[(int)source]] = design.Ratings.Sources.Count(source) / (double)design.N;
            }

            return row;
        }

        Vector<double> Combination(int c)
        {
            var h = Reference(design.CellCompetency[c]);
            h[p + c] = 1;
            h[p + cells + design.CellRatee[c]] = 1;
            return h;
        }

        // The covariance of two combinations, via A⁻¹h computed once per cell.
        var solved = new Dictionary<int, Vector<double>>();
        Vector<double> Solved(int c) => solved.TryGetValue(c, out var v) ? v : solved[c] = personBlock is null
            ? inverse * Combination(c)
            : personBlock * Combination(c).SubVector(p, cells + ratees);
        double Covariance(int c, int d) => (personBlock is null ? Combination(c) : Combination(c).SubVector(p, cells + ratees)) * Solved(d);

        for (var c = 0; c < cells; c++)
        {
            var h = Combination(c);
            var variance = Covariance(c, c);
            Assert.True(fit.TryGetEstimate(design.Ratings.Ratees[design.CellRatee[c]], design.Ratings.Model.Competencies[design.CellCompetency[c]].Id, out var estimate));
            AssertClose(h * solution, estimate.Estimate, $"estimate {estimate.Person}/{estimate.Competency}");
            AssertClose(Math.Sqrt(residual * variance), estimate.StandardError, $"SE of {estimate.Person}/{estimate.Competency}");
        }

        // The correlations of a person's errors: the same inverse between two of the person's cells.
        for (var t = 0; t < ratees; t++)
        {
            var correlations = fit.ErrorCorrelations(design.Ratings.Ratees[t]);
            Assert.NotNull(correlations);
            var first = design.RateeCellStart[t];
            Assert.Equal(design.RateeCellStart[t + 1] - first, correlations.Count);
            for (var i = 1; i < correlations.Count; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    var (ci, cj) = (first + i, first + j);
                    var expected = Covariance(ci, cj) / Math.Sqrt(Covariance(ci, ci) * Covariance(cj, cj));
                    AssertClose(expected, correlations[i, j], $"error correlation {t}: {i}, {j}");
                    Assert.Equal(correlations[i, j], correlations[j, i]);
                }
            }
        }

        // Up to 64 raters the scalable path traces their block with unit vectors, and their variances are exact too.
        Assert.True(design.Raters <= 64, $"{design.Raters} raters");
        for (var r = 0; r < design.Raters; r++)
        {
            var k = p + cells + ratees + r;
            var variance = inverse[k, k];
            Assert.Equal(design.Ratings.Raters[r], fit.RaterEffects[r].Rater);
            AssertClose(solution[k], fit.RaterEffects[r].Effect, $"rater {r}");
            AssertClose(Math.Sqrt(residual * variance), fit.RaterEffects[r].StandardError, $"SE of rater {r}");
        }

        for (var j = 0; j < p; j++)
        {
            AssertClose(solution[j], fit.FixedEffects[j].Estimate, fit.FixedEffects[j].Name);
            AssertClose(Math.Sqrt(residual * inverse[j, j]), fit.FixedEffects[j].StandardError, $"SE of {fit.FixedEffects[j].Name}");
        }

        // A source effect contrasts the source's column with the reference's mix of sources ("an average other rater").
        var mix = Reference(0);
        mix[0] = 0;
        if (design.CompetencyColumn[0] >= 0)
        {
            mix[design.CompetencyColumn[0]] = 0;
        }

        var others = fit.SourceEffects.Where(s => s.Source != RaterSource.Self).ToArray();
        Assert.Equal(design.SourcesPresent, others.Select(s => s.Source));
        foreach (var source in others)
        {
            var contrast = -mix;
            if (design.SourceColumn[(int)source.Source] >= 0)
            {
                contrast[design.SourceColumn[(int)source.Source]] += 1;
            }

            AssertClose(contrast * solution, source.Effect, $"{source.Source}");
            AssertClose(Math.Sqrt(residual * (contrast * inverse * contrast)), source.StandardError, $"SE of {source.Source}");
        }
    }
}
