using MathNet.Numerics.LinearAlgebra;
using Readiness.Calibration;
using Readiness.Calibration.Internal;
using Readiness.Competencies;
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

        var dense = new DenseEquations(design, residual, cellVariance, rateeVariance, raterVariance, conditional: path == CrossedModelPath.Scalable);
        var (p, cells, ratees, unknowns) = (design.P, design.Cells, design.Ratees, dense.Unknowns);
        var (inverse, solution) = (dense.Inverse, dense.Solution);
        Vector<double> Reference(int competency) => dense.Reference(competency);
        Vector<double> Combination(int c) => dense.Combination(c);
        double Covariance(int c, int d) => dense.Covariance(c, d);

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

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Per_domain_the_errors_correlate_across_domains_as_the_dense_equations_say(bool ratersPerDomain)
    {
        // The exact path fits one unit per person and domain; the units share the person's raters, whose leniency is
        // estimated, so a person's leadership and performance estimates err together a little. With other raters for
        // each domain (as an assessment centre's exercises may have), the two panels meet only because the analysis
        // takes them as one.
        var ratings = ratersPerDomain
            ? Panels.Set(Panels.Small.AsEnumerable().Select(r => r.Source == RaterSource.Self || Panels.Small.Model.GetCompetency(r.Competency).Domain == CompetencyDomain.Leadership
                ? r
                : r with { Rater = new RaterId(r.Rater.Value + "-ip") }))
            : Panels.Small;
        var fit = new CrossedRandomEffectsCalibrator(new CrossedModelOptions { PersonEffect = PersonEffect.PerDomain, Path = CrossedModelPath.Exact }).Calibrate(ratings);
        var units = DomainUnits.Split(ratings)!;
        var design = new CrossedDesign(units.Ratings.WithoutSource(RaterSource.Self));
        var dense = new DenseEquations(design, fit.VarianceOf(VarianceComponent.Residual)!.Value, fit.VarianceOf(VarianceComponent.RateeCompetency)!.Value,
            fit.VarianceOf(VarianceComponent.Ratee)!.Value, fit.VarianceOf(VarianceComponent.Rater)!.Value, conditional: false);
        var model = ratings.Model;
        var compared = 0;
        for (var t = 1; t < design.Ratees; t++)
        {
            if (!units.SamePerson(design.Ratings.Ratees[t], design.Ratings.Ratees[t - 1]))
            {
                continue;
            }

            var person = units.PersonOf(design.Ratings.Ratees[t]);
            var estimates = fit.EstimatesFor(person);
            var correlations = fit.ErrorCorrelations(person)!;
            int Position(int cell) => estimates.Select((e, i) => (e, i)).Single(x => x.e.Competency == model.Competencies[design.CellCompetency[cell]].Id).i;
            for (var a = design.RateeCellStart[t - 1]; a < design.RateeCellStart[t]; a++)
            {
                for (var b = design.RateeCellStart[t]; b < design.RateeCellStart[t + 1]; b++)
                {
                    var expected = dense.Covariance(a, b) / Math.Sqrt(dense.Covariance(a, a) * dense.Covariance(b, b));
                    Assert.True(expected > (ratersPerDomain ? 0 : 0.001), $"{person}: the dense equations give the domains' errors a correlation of {expected}");
                    Assert.True(Math.Abs(expected - correlations[Position(a), Position(b)]) <= 1e-9, $"{person}: {correlations[Position(a), Position(b)]} against dense {expected}");
                    compared++;
                }
            }
        }

        Assert.True(compared > 1000, $"{compared} pairs across domains compared");
    }

    /// <summary>Henderson's mixed-model equations of a design, solved densely for given variance components.</summary>
    private sealed class DenseEquations
    {
        private readonly CrossedDesign _design;
        private readonly Matrix<double>? _personBlock;
        private readonly Dictionary<int, Vector<double>> _solved = [];

        /// <summary>Builds and inverts the equations.</summary>
        /// <param name="design">The design.</param>
        /// <param name="residual">σ².</param>
        /// <param name="cellVariance">The ratee × competency variance.</param>
        /// <param name="rateeVariance">The ratee variance.</param>
        /// <param name="raterVariance">The rater variance.</param>
        /// <param name="conditional">Covariances conditional on the fixed and rater effects (the person block's inverse alone), as the scalable path gives them.</param>
        public DenseEquations(CrossedDesign design, double residual, double cellVariance, double rateeVariance, double raterVariance, bool conditional)
        {
            _design = design;

            // Unknowns in the order β, cells, ratees, raters; W is the rating-by-unknown incidence matrix.
            var (p, cells, ratees) = (design.P, design.Cells, design.Ratees);
            Unknowns = p + cells + ratees + design.Raters;
            var w = Matrix<double>.Build.Dense(design.N, Unknowns);
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
            for (var k = p; k < Unknowns; k++)
            {
                equations[k, k] += residual / (k < p + cells ? cellVariance : k < p + cells + ratees ? rateeVariance : raterVariance);
            }

            Inverse = equations.Inverse();
            Solution = Inverse * w.TransposeThisAndMultiply(Vector<double>.Build.DenseOfArray(design.Y));
            _personBlock = conditional ? equations.SubMatrix(p, cells + ratees, p, cells + ratees).Inverse() : null;
        }

        public int Unknowns { get; }

        public Matrix<double> Inverse { get; }

        public Vector<double> Solution { get; }

        /// <summary>
        /// The reference row, built here rather than by ReferenceRow: the intercept, the competency's column, and each
        /// source's column weighted by its share of the ratings ("an average rater other than the person").
        /// </summary>
        public Vector<double> Reference(int competency)
        {
            var d = _design;
            var row = Vector<double>.Build.Dense(Unknowns);
            row[0] = 1;
            if (d.CompetencyColumn[competency] >= 0)
            {
                row[d.CompetencyColumn[competency]] = 1;
            }

            foreach (var source in d.SourcesPresent.Where(s => d.SourceColumn[(int)s] >= 0))
            {
                row[d.SourceColumn[(int)source]] = d.Ratings.Sources.Count(source) / (double)d.N;
            }

            return row;
        }

        /// <summary>The combination a cell's estimate is: reference·β + ratee + cell.</summary>
        public Vector<double> Combination(int c)
        {
            var h = Reference(_design.CellCompetency[c]);
            h[_design.P + c] = 1;
            h[_design.P + _design.Cells + _design.CellRatee[c]] = 1;
            return h;
        }

        /// <summary>The covariance of two cells' combinations in units of σ², via A⁻¹h computed once per cell.</summary>
        public double Covariance(int c, int d)
        {
            var (p, span) = (_design.P, _design.Cells + _design.Ratees);
            if (!_solved.TryGetValue(d, out var solved))
            {
                solved = _solved[d] = _personBlock is null ? Inverse * Combination(d) : _personBlock * Combination(d).SubVector(p, span);
            }

            return (_personBlock is null ? Combination(c) : Combination(c).SubVector(p, span)) * solved;
        }
    }
}
