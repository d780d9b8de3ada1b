using Readiness.Calibration;
using Readiness.Calibration.Internal;
using Readiness.Evidence;
using Readiness.Simulation;
using static Readiness.Competencies.LeadershipFramework;

namespace Readiness.Core.Tests.Calibration;

/// <summary>The scalable path's REML (stochastic traces) against the exact path, and its batched solver against single solves.</summary>
public sealed class ScalableRemlTests
{
    public static TheoryData<RatingDesign> Designs => new(Enum.GetValues<RatingDesign>());

    [Theory]
    [MemberData(nameof(Designs))]
    public void On_every_design_the_scalable_path_finds_the_exact_REML_optimum_within_its_Monte_Carlo_error(RatingDesign design)
    {
        var ratings = OrganisationSimulator.Generate(new SimulationOptions { People = 200, Seed = 11, Design = design }).TakeInRatings().Ratings;

        var exact = Fit(CrossedModelPath.Exact, ratings);
        var scalable = Fit(CrossedModelPath.Scalable, ratings);

        Assert.True(scalable.Converged);
        Assert.Equal(exact.VarianceComponents.Select(c => c.Name), scalable.VarianceComponents.Select(c => c.Name));
        foreach (var (e, s) in exact.VarianceComponents.Zip(scalable.VarianceComponents))
        {
            // The reported error is one standard error of the trace estimates' effect; the solves and Newton's stop add
            // about 1e-5 relative. The anonymised export's person × source stand-ins (each nested in one person) need more
            // probes than a term gets, and the fit says so: their component's error stays near 1.5e-3 of it.
            var error = s.MonteCarloError!.Value;
            var capped = s.Name == VarianceComponent.RateeSource;
            Assert.True(error <= (capped ? 2e-3 : 3e-4) * e.Variance || error == 0, $"{s.Name}: Monte-Carlo error {error} of {s.Variance}");
            Assert.True(!capped || scalable.Warnings.Any(w => w.Code == CalibrationWarningCodes.FewProbes), "the fit says its probes fell short");
            Assert.True(Math.Abs(s.Variance - e.Variance) <= (4 * error) + (2e-5 * e.Variance), $"{s.Name}: {s.Variance} vs exact {e.Variance} (Monte-Carlo error {error})");
            Assert.True(Math.Abs(s.Variance - e.Variance) <= 1e-3 * e.Variance, $"{s.Name}: {s.Variance} vs exact {e.Variance}");
        }

        Assert.All(exact.VarianceComponents, c => Assert.Null(c.MonteCarloError));
        var largest = exact.Estimates.Zip(scalable.Estimates).Max(p => Math.Abs(p.First.Estimate - p.Second.Estimate));
        Assert.True(largest <= 1e-3, $"estimates differ by up to {largest}");
    }

    [Fact]
    public void A_design_whose_terms_have_few_levels_is_traced_exactly_and_matches_the_exact_path()
    {
        // Seven people, five raters, one competency: every term has fewer levels than the first probes, so each trace is
        // computed with unit vectors and no Monte-Carlo error is left.
        double[,] table = { { 5, 4, 3, 4, 4 }, { 4, 5, 4, 3, 5 }, { 2, 3, 1, 2, 2 }, { 3, 1, 2, 2, 3 }, { 1, 2, 5, 3, 2 }, { 4, 4, 3, 5, 5 }, { 2, 2, 3, 1, 1 } };
        var rows = new List<Rating>();
        for (var t = 0; t < table.GetLength(0); t++)
        {
            for (var r = 0; r < table.GetLength(1); r++)
            {
                rows.Add(new Rating(new RateeId($"p{t}"), new RaterId($"r{r}"), RaterSource.Peer, Model.Competencies[0].Id.Value, table[t, r] + r));
            }
        }

        var ratings = new RatingSetBuilder(Model).AddRange(rows).Build().Ratings;
        var exact = Fit(CrossedModelPath.Exact, ratings);
        var scalable = Fit(CrossedModelPath.Scalable, ratings);

        var total = exact.VarianceComponents.Sum(c => c.Variance);
        foreach (var (e, s) in exact.VarianceComponents.Zip(scalable.VarianceComponents))
        {
            Assert.Equal(0, s.MonteCarloError);
            Assert.True(Math.Abs(s.Variance - e.Variance) <= 1e-5 * total, $"{s.Name}: {s.Variance} vs exact {e.Variance}");
        }

        Assert.All(scalable.VarianceComponents.Where(c => c.Name != VarianceComponent.Residual), c => Assert.True(c.Variance > 1e-3 * total, $"{c} (the test wants no boundary fit)"));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(64L << 20)]
    public void A_component_the_data_show_as_zero_is_settled_at_zero_as_the_exact_path_finds_it(long memory)
    {
        // Widely crossed without person-by-competency variation: each person rated by six raters drawn from a pool of
        // 2,000 on five competencies. Near 0 the probes' noise in that term's score grows as 1/σ⁴, and a widely crossed
        // million swung between 2·10⁻⁵ and 2·10⁻⁴ for 50 iterations when memory held its probes short.
        var random = new Random(17);
        var raterEffect = Enumerable.Range(0, 2000).Select(_ => 0.4 * Normal(random)).ToArray();
        var rows = new List<Rating>();
        for (var t = 0; t < 800; t++)
        {
            var person = 0.7 * Normal(random);
            foreach (var r in Enumerable.Range(0, 2000).OrderBy(_ => random.Next()).Take(6))
            {
                foreach (var competency in Model.Competencies.Take(5))
                {
                    rows.Add(new Rating(new RateeId($"p{t}"), new RaterId($"r{r}"), RaterSource.Peer, competency.Id.Value, 3 + person + raterEffect[r] + (0.8 * Normal(random))));
                }
            }
        }

        var ratings = new RatingSetBuilder(Model).AddRange(rows).Build().Ratings;
        var exact = Fit(CrossedModelPath.Exact, ratings);
        var scalable = new CrossedRandomEffectsCalibrator(new CrossedModelOptions { Path = CrossedModelPath.Scalable, MaxMemoryBytes = memory }).Calibrate(ratings);

        Assert.Equal(0, exact.VarianceOf(VarianceComponent.RateeCompetency)!.Value, 6);
        Assert.True(scalable.Converged, string.Join(" ", scalable.Warnings.Select(w => w.Message)));
        Assert.True(scalable.Iterations <= 10, $"{scalable.Iterations} iterations");
        Assert.Equal(0, scalable.VarianceOf(VarianceComponent.RateeCompetency));
        Assert.Equal((CrossedModelPath.Scalable, 0.0, (double?)null), (scalable.Crossed!.Path, scalable.Crossed.RateeCompetency!.Variance, scalable.Crossed.RemlCriterion));
        Assert.True(scalable.Crossed.Probes >= 8, $"{scalable.Crossed.Probes} probes");
        Assert.Contains(scalable.Warnings, w => w.Code == CalibrationWarningCodes.BoundaryFit);
        Assert.Contains("The ratee_competency variance was estimated at 0 (a boundary fit): the data show no ratee_competency variation beyond noise.", scalable.Warnings.Select(w => w.Message));
        foreach (var name in new[] { VarianceComponent.Ratee, VarianceComponent.Rater, VarianceComponent.Residual })
        {
            var (e, s) = (exact.VarianceOf(name)!.Value, scalable.VarianceOf(name)!.Value);
            Assert.True(Math.Abs(s - e) <= 1e-3 * e, $"{name}: {s} vs exact {e}");
        }
    }

    [Theory]
    [InlineData(RatingDesign.WidelyCrossed, 300)]
    [InlineData(RatingDesign.Local, 400)]
    [InlineData(RatingDesign.Matrix, 300)]
    public void A_factor_the_analysis_would_stop_at_for_time_is_one_the_exact_path_would_be_predicted_to_take_longer_for(RatingDesign design, int people)
    {
        // The analysis stops at ExactEntriesWithin(seconds): sound only if no factor below that many entries is predicted
        // to take longer — Operations (Σ squared column lengths) is at least Entries² / columns.
        var ratings = OrganisationSimulator.Generate(new SimulationOptions { People = people, Seed = 6, Design = design }).TakeInRatings().Ratings;
        var crossed = new CrossedDesign(ratings.WithoutSource(RaterSource.Self));
        var factor = CrossedSystem.TryCreate(crossed, long.MaxValue)!.RaterFactor;
        var columns = (long)crossed.Raters + crossed.P;

        Assert.True(factor.Operations >= (double)factor.Entries * factor.Entries / columns * (1 - 1e-12), $"{factor.Operations} against {factor.Entries}");
        var seconds = CrossedCostModel.Exact(crossed, factor, 2).Seconds;
        Assert.True(factor.Entries <= CrossedCostModel.ExactEntriesWithin(seconds, columns, 2), $"{factor.Entries} entries predicted at {seconds} s");
    }

    [Fact]
    public void Results_do_not_depend_on_the_threads()
    {
        var ratings = OrganisationSimulator.Generate(new SimulationOptions { People = 150, Seed = 5, Design = RatingDesign.WidelyCrossed }).TakeInRatings().Ratings;

        var one = new CrossedRandomEffectsCalibrator(new CrossedModelOptions { Path = CrossedModelPath.Scalable, MaxDegreeOfParallelism = 1 }).Calibrate(ratings);
        var three = new CrossedRandomEffectsCalibrator(new CrossedModelOptions { Path = CrossedModelPath.Scalable, MaxDegreeOfParallelism = 3 }).Calibrate(ratings);

        Assert.Equivalent(one.VarianceComponents.AsEnumerable(), three.VarianceComponents.AsEnumerable(), strict: true);
        Assert.Equivalent(one.Estimates.AsEnumerable(), three.Estimates.AsEnumerable(), strict: true);
        Assert.Equivalent(one.FixedEffects.AsEnumerable(), three.FixedEffects.AsEnumerable(), strict: true);
        Assert.Equal(one.Algorithm, three.Algorithm);
    }

    [Fact]
    public void Rater_standard_errors_are_exact_when_the_raters_are_traced_with_unit_vectors_and_conditional_otherwise()
    {
        // Ten assessors are traced with unit vectors from the start; 1,500 pool raters by probes.
        foreach (var (people, design, traced) in new[] { (400, RatingDesign.AssessmentCentre, true), (600, RatingDesign.WidelyCrossed, false) })
        {
            var ratings = OrganisationSimulator.Generate(new SimulationOptions { People = people, Seed = 3, Design = design }).TakeInRatings().Ratings;
            var exact = Fit(CrossedModelPath.Exact, ratings);
            var scalable = Fit(CrossedModelPath.Scalable, ratings);
            var residual = scalable.VarianceOf(VarianceComponent.Residual)!.Value;
            var lambda = residual / scalable.VarianceOf(VarianceComponent.Rater)!.Value;

            Assert.Contains(scalable.Warnings, w => w.Message.StartsWith("Standard errors", StringComparison.Ordinal) && w.Message.Contains(traced ? "Rater effects' are exact." : "up to 81% below", StringComparison.Ordinal));
            foreach (var (e, s) in exact.RaterEffects.Zip(scalable.RaterEffects))
            {
                if (traced)
                {
                    Assert.Equal(e.StandardError, s.StandardError, 1e-4);
                }
                else
                {
                    // Conditional on everything else: the rater's own ratings and shrinkage only, never above the exact one.
                    Assert.Equal(Math.Sqrt(residual / (s.Ratings + lambda)), s.StandardError, 12);
                    Assert.True(s.StandardError <= e.StandardError * 1.001, $"{s} against exact {e}");
                }
            }
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 1)]
    [InlineData(5, 2)]
    [InlineData(9, 2)]
    [InlineData(21, 3)]
    public void Solving_many_right_hand_sides_at_once_gives_each_ones_own_solution(int columns, int workers)
    {
        var ratings = OrganisationSimulator.Generate(new SimulationOptions { People = 60, Seed = 2, Design = RatingDesign.Matrix }).TakeInRatings().Ratings;
        var design = new CrossedDesign(ratings.WithoutSource(RaterSource.Self));
        var solver = new CrossedIterativeSolver(design, (0.2, 0.3, 0.1, 0.3), workers);
        var random = new Random(columns);
        var b = Enumerable.Range(0, columns).Select(_ => Enumerable.Range(0, solver.Unknowns).Select(_ => random.NextDouble() - 0.5).ToArray()).ToArray();
        var start = Enumerable.Range(0, columns).Select(k => k % 2 == 0 ? new double[solver.Unknowns] : b[k].Select(v => v / 10).ToArray()).ToArray();

        var (x, _, converged) = solver.SolveMany(b, start, 1e-12, 5000, CancellationToken.None);

        // Bit for bit: SIMD lanes and the scalar columns after them do the same operations in the same order, and a
        // column that has met its tolerance stops moving while the rest of its group goes on.
        Assert.True(converged);
        for (var k = 0; k < columns; k++)
        {
            var (alone, _, _) = solver.SolveMany([b[k]], [start[k]], 1e-12, 5000, CancellationToken.None);
            Assert.Equal(alone[0], x[k]);
        }
    }

    [Theory]
    [InlineData(RatingDesign.Local)]
    [InlineData(RatingDesign.Matrix)]
    public void The_preconditioner_over_one_block_is_the_whole_preconditioner_there(RatingDesign kind)
    {
        var ratings = OrganisationSimulator.Generate(new SimulationOptions { People = 80, Seed = 3, Design = kind }).TakeInRatings().Ratings;
        var design = new CrossedDesign(ratings.WithoutSource(RaterSource.Self));
        var solver = new CrossedIterativeSolver(design, (0.2, 0.3, 0.1, 0.3));
        var (cell, ratee, rater) = solver.Offsets;
        var random = new Random(5);
        foreach (var (offset, length) in new[] { (cell, design.Cells), (ratee, design.Ratees), (rater, design.Raters) })
        {
            var v = new double[solver.Unknowns];
            for (var u = offset; u < offset + length; u++)
            {
                v[u] = random.NextDouble() - 0.5;
            }

            Assert.Equal(solver.Precondition(v)[offset..(offset + length)], solver.PreconditionBlock(v, offset, length));
        }
    }

    [Fact]
    public void A_start_that_already_solves_the_system_takes_no_iteration()
    {
        var ratings = OrganisationSimulator.Generate(new SimulationOptions { People = 60, Seed = 2 }).TakeInRatings().Ratings;
        var solver = new CrossedIterativeSolver(new CrossedDesign(ratings.WithoutSource(RaterSource.Self)), (0.2, 0.3, 0.1, 0.3));
        var (x, _, _) = solver.Solve(solver.Rhs(), 1e-13, 5000, null, CancellationToken.None);

        var (again, iterations, converged) = solver.SolveMany([solver.Rhs()], [x], 1e-10, 5000, CancellationToken.None);

        Assert.True(converged);
        Assert.Equal(0, iterations);
        Assert.Equal(x, again[0]);
    }

    [Fact]
    public void Probes_stay_within_the_memory_allowed_and_the_result_says_what_that_cost()
    {
        // The local design's raters need about 200 probes for the error target; memory for a quarter of them is allowed.
        var ratings = OrganisationSimulator.Generate(new SimulationOptions { People = 300, Seed = 4 }).TakeInRatings().Ratings;
        var design = new CrossedDesign(ratings.WithoutSource(RaterSource.Self));
        var predicted = CrossedCostModel.Scalable(design, 1).Bytes;
        var perColumn = 24L * (design.P + design.Cells + design.Ratees + design.Raters);
        var settings = new CrossedModelOptions { Path = CrossedModelPath.Scalable, MaxDegreeOfParallelism = 1, MaxMemoryBytes = predicted + (30 * perColumn) };

        var free = Fit(CrossedModelPath.Scalable, ratings);
        var limited = new CrossedRandomEffectsCalibrator(settings).Calibrate(ratings);

        Assert.DoesNotContain(free.Warnings, w => w.Message.Contains("MaxMemoryBytes", StringComparison.Ordinal));
        Assert.Contains(limited.Warnings, w => w.Message.Contains("MaxMemoryBytes", StringComparison.Ordinal) && w.Message.Contains("probe vectors", StringComparison.Ordinal));
        Assert.True(CrossedCostModel.ScalableColumns(design, 1, settings.MaxMemoryBytes) >= ProbeCount(limited) + 1 + design.P + 4, limited.Algorithm);
        Assert.True(ProbeCount(free) > ProbeCount(limited), $"{free.Algorithm} against {limited.Algorithm}");
        Assert.True(limited.Converged);
        foreach (var (f, l) in free.VarianceComponents.Zip(limited.VarianceComponents))
        {
            // Fewer probes: a larger Monte-Carlo error, reported, and the same optimum within it.
            Assert.True(l.MonteCarloError >= f.MonteCarloError * 0.9, $"{l.Name}: {l.MonteCarloError} against {f.MonteCarloError}");
            Assert.True(Math.Abs(l.Variance - f.Variance) <= 4 * (l.MonteCarloError + f.MonteCarloError) + (2e-5 * f.Variance), $"{l.Name}: {l.Variance} against {f.Variance}");
        }
    }

    [Fact]
    public void Probes_stay_within_the_time_budget_counted_in_column_iterations()
    {
        // The local design's ratees and raters want about 330 probes; a budget of 40,000 column-iterations affords a fraction.
        var ratings = OrganisationSimulator.Generate(new SimulationOptions { People = 300, Seed = 4 }).TakeInRatings().Ratings;
        var design = new CrossedDesign(ratings.WithoutSource(RaterSource.Self));
        var start = (0.2, 0.2, 0.1, 0.3);

        var free = ScalableReml.Fit(design, start, 1e-6, 5000, 1, int.MaxValue, long.MaxValue, null, CancellationToken.None);
        var limited = ScalableReml.Fit(design, start, 1e-6, 5000, 1, int.MaxValue, 40_000, null, CancellationToken.None);

        Assert.False(free.ProbesLimitedByTime);
        Assert.True(limited.ProbesLimitedByTime);
        Assert.False(limited.ProbesLimitedByMemory);
        // What the budget left after two iterations affords for three more (165 columns of the 357 the free fit solves); the fit keeps them to its end.
        Assert.True(limited.Probes < 0.8 * free.Probes, $"{limited.Probes} probes against {free.Probes}");
        Assert.True(limited.Converged);
        Assert.True(limited.MonteCarloError.Rater > free.MonteCarloError.Rater, $"{limited.MonteCarloError} against {free.MonteCarloError}");
        Assert.True(Math.Abs(limited.Variance.Rater - free.Variance.Rater) <= 4 * (limited.MonteCarloError.Rater + free.MonteCarloError.Rater));
    }

    private static int ProbeCount(CalibrationResult result) =>
        int.Parse(System.Text.RegularExpressions.Regex.Match(result.Algorithm, @"from (\d+) probe").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    private static double Normal(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static CalibrationResult Fit(CrossedModelPath path, RatingSet ratings) =>
        new CrossedRandomEffectsCalibrator(new CrossedModelOptions { Path = path }).Calibrate(ratings);
}
