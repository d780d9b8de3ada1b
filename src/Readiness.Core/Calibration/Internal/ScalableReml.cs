namespace Readiness.Calibration.Internal;

/// <summary>
/// REML variance components of the crossed model without a factorisation: average-information Newton steps on the REML
/// score, whose traces are estimated by Hutchinson probes solved with the preconditioned conjugate gradients of
/// <see cref="CrossedIterativeSolver"/>. Time O(N) per iteration, memory O(unknowns × probes).
/// </summary>
/// <remarks>
/// <para>
/// With V = Σₖ σ²ₖ ZₖZₖᵀ + σ²_e I and C the mixed-model matrix (Λₖ = σ²_e/σ²ₖ), the REML score is
/// sₖ = −½ (qₖ/σ²ₖ − σ²_e tr Cᵏᵏ/σ⁴ₖ − ûₖᵀûₖ/σ⁴ₖ) for a random term with qₖ levels and
/// s_e = −½ ((N − p − Σₖ (qₖ − Λₖ tr Cᵏᵏ))/σ²_e − êᵀê/σ⁴_e), where Cᵏᵏ is term k's diagonal block of C⁻¹
/// (Searle, Casella and McCulloch 1992, ch. 6). The average information (Gilmour, Thompson and Cullis 1995) needs one
/// more solve per component, with the working variates Zₖûₖ/σ²ₖ and ê/σ²_e as data.
/// </para>
/// <para>
/// Only the traces are estimated, and only what cannot be computed: tr Cᵏᵏ = tr (M⁻¹)ᵏᵏ + tr Gᵏᵏ + tr (C⁻¹ − M⁻¹ − G)ᵏᵏ,
/// where M is the preconditioner (XᵀX, each ratee with its cells, each rater; inverted exactly) and
/// G = (C⁻¹)_uβ ((C⁻¹)_ββ)⁻¹ (C⁻¹)_βu is the rank-p part the fixed effects add to the random effects' block (the Schur
/// complement identity), known from the p solves with unit right-hand sides that the fixed effects' covariance needs
/// anyway. For the raters, the first two terms of the coupling series through the cells and ratees they rated are known
/// in closed form too (<see cref="CrossedIterativeSolver.RaterCoupling"/>; on a sparse pool they cut the raters' probes
/// elevenfold). Hutchinson probes estimate what is left only — the coupling of ratees through shared raters — and each
/// term's probes are zero outside its block, so the other blocks add no noise (on a widely crossed design the two
/// measures cut the probes' variance 9–25-fold for cells and ratees); <see cref="TermTrace"/> holds each term's probes,
/// traces a term with few levels exactly and deflates one whose probes disagree. The probes are fixed Rademacher vectors
/// from a constant seed, and each term's are set after the second iteration, so the estimated score is a smooth,
/// deterministic function of the components, Newton converges on it, and the same data give the same answer. Its
/// Monte-Carlo error follows from the spread of the probes' estimates through the score equations (δσ² = AI⁻¹ J δt);
/// while any component's exceeds <see cref="TargetRelativeError"/>, the terms that cause it get more probes (up to
/// <see cref="MaxProbesPerTerm"/>, or unit vectors when those are fewer) and Newton continues.
/// </para>
/// </remarks>
internal static class ScalableReml
{
    /// <summary>The Monte-Carlo standard error, relative to each component, that more probes are added to reach.</summary>
    public const double TargetRelativeError = 2.5e-4;

    /// <summary>
    /// The share of the total variance below which a component's error target is held to that share instead of to the
    /// component: relative to itself, a component near 0 asked for tens of millions of probes, and its precision there is
    /// immaterial to the others and to the scores.
    /// </summary>
    public const double SmallComponentShare = 0.01;

    /// <summary>
    /// The share of the total variance below which a component the probes cannot place is set to 0 (see the loop): half the
    /// 1e-3 of the total the scalable path is held to, since exact REML may put it a little above where it was settled. At
    /// 1% of the total, generated designs of a few hundred ratings lost a component of 0.4% that exact REML found; at 0.1%,
    /// one of 60 ratings lost 0.13%.
    /// </summary>
    private const double SettleShare = 5e-4;

    /// <summary>The probes per term in the first iteration, and the fewest after it: their spread needs a few degrees of freedom.</summary>
    private const int FirstProbesPerTerm = 8;
    private const int MinProbesPerTerm = 8;

    /// <summary>The most raters traced with unit vectors from the start: their standard errors are then exact, where the conditional ones ran 80% low for assessors who rated hundreds.</summary>
    public const int ExactRaters = 64;

    /// <summary>The most probes a term gets.</summary>
    public const int MaxProbesPerTerm = 512;

    /// <summary>The most working variates of the average information: one per random term and the residual.</summary>
    public const int WorkingVariates = 4;

    /// <summary>The last Newton step (relative) within which the fit counts as near the optimum and solves to the tight tolerances.</summary>
    private const double NearStep = 1e-2;

    private const int MaxNewtonIterations = 50;
    private const int Seed = 20261203;

    /// <summary>
    /// The probes' solves stop at this residual relative to the probe once Newton is near the optimum: their error is then
    /// far below the Monte-Carlo error (a 200-person matrix design gave the same components to eight digits at 1e-5 and
    /// 1e-8). Far from it (the last step over 1e-2) they stop at <see cref="RoughProbeTolerance"/>.
    /// </summary>
    private const double ProbeTolerance = 1e-5;

    /// <summary>
    /// The probes' solves' relative residual while Newton is far from the optimum. Not to the end: warm-started solves
    /// that stop this early differ from one iteration to the next by more than Newton's tolerance, and it never settles
    /// (an assessment-centre design ran 50 iterations).
    /// </summary>
    private const double RoughProbeTolerance = 1e-4;

    /// <summary>The average-information solves stop at this relative residual: the matrix only steers Newton, it does not move the optimum.</summary>
    private const double InformationTolerance = 1e-4;

    /// <summary>
    /// The average-information solves' relative residual when they start cold (the first iteration, far from the optimum):
    /// a widely crossed million took 37 iterations to 1e-4 there and the fit ended on the same components to eight digits.
    /// </summary>
    private const double RoughInformationTolerance = 1e-3;

    /// <summary>Components run (cell, ratee, rater, residual); the residual's index.</summary>
    private const int Residual = 3;

    /// <summary>Estimates the components, starting from the values given.</summary>
    /// <param name="design">The design.</param>
    /// <param name="start">The starting components; a random term at 0 is left out.</param>
    /// <param name="tolerance">The relative Newton step at which to stop; the probes' and fixed effects' solves stop at this relative residual, the BLUPs' at 10⁻⁴ of it.</param>
    /// <param name="maxIterations">The most conjugate-gradient iterations per solve.</param>
    /// <param name="workers">The threads the solves may use.</param>
    /// <param name="maxColumns">The most right-hand sides the memory allowed holds at once; probes beyond it are not drawn, and the estimate says so.</param>
    /// <param name="maxColumnIterations">The most column-iterations (right-hand sides times conjugate-gradient steps) the fit may take; probes that would take it beyond are not drawn, and the estimate says so.</param>
    /// <param name="onIteration">Called after each Newton iteration with its number, largest relative step and, once the probes are set, the seconds it expects the rest to take.</param>
    /// <param name="cancellationToken">Cancels between iterations of a solve.</param>
    public static Estimate Fit(
        CrossedDesign design,
        (double Cell, double Ratee, double Rater, double Residual) start,
        double tolerance,
        int maxIterations,
        int workers,
        int maxColumns,
        long maxColumnIterations,
        Action<int, double, double?>? onIteration,
        CancellationToken cancellationToken)
    {
        var d = design;
        var p = d.P;

        // The probes' share of the right-hand sides: the rest are the BLUPs', the fixed effects' and the working variates'.
        var probeColumns = Math.Max(3 * MinProbesPerTerm, maxColumns - 1 - p - WorkingVariates);
        var (limitedByMemory, limitedByTime) = (false, false);

        // Column-iterations spent so far, and the conjugate-gradient steps of the last batch: what the time budget is
        // counted in (deterministic, unlike the clock, so the same data get the same probes on any machine).
        var spent = 0L;
        var steps = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();

        // A Newton step well inside the Monte-Carlo error changes nothing that matters: within 0.05 of the target, or a
        // quarter of the component's own error (which leaves that error 3% larger). Tighter, Newton chased the solves'
        // own noise (about 2·10⁻⁵ of a component) for four more iterations on a widely crossed million.
        var newtonTolerance = Math.Max(tolerance, 0.05 * TargetRelativeError);
        double[] phi = [start.Cell, start.Ratee, start.Rater, Math.Max(start.Residual, 1e-12)];
        int[] levels = [d.Cells, d.Ratees, d.Raters];
        var random = new List<int>(Enumerable.Range(0, 3).Where(k => phi[k] > 0));
        var draws = new Random(Seed);
        var terms = new TermTrace[3];
        int[] offsets = [p, p + d.Cells, p + d.Cells + d.Ratees];
        var unknowns = p + d.Cells + d.Ratees + d.Raters;
        var workspace = new CrossedIterativeSolver.Workspace(unknowns);
        foreach (var k in random)
        {
            // A term with no more levels than the probes it would get is traced exactly, a unit vector per level; so are
            // up to ExactRaters raters (assessors), whose exact prediction-error variances then come with the traces.
            terms[k] = new TermTrace(offsets[k], levels[k], coupled: k == 2);
            if (levels[k] <= FirstProbesPerTerm || (k == 2 && levels[k] <= ExactRaters))
            {
                terms[k].UseUnitVectors(unknowns);
            }
            else
            {
                terms[k].SetProbes(FirstProbesPerTerm, unknowns, draws);
            }
        }

        double[][]? units = null;
        double[]? blup = null;
        double[,]? schur = null;
        var rankP = new double?[3];
        double[][]? previousWorking = null;
        var iterations = 0;
        var solved = true;
        var error = new double[4];
        var lastStep = double.PositiveInfinity;
        var uninformedSign = new int[3];
        var swings = new int[4];
        var falls = new int[3];
        var dropped = new List<int>();
        var retried = new int[3];
        int[] retrying = [];
        Estimate? asked = null;
        var crawls = 0;
        var tighter = 1.0;
        var lastTurn = new int[4];
        var cycles = new int[3];
        var previousStep = new double[4];
        var residuals = new double[d.N];
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            iterations++;
            var variance = (phi[0], phi[1], phi[2], phi[3]);
            var solver = new CrossedIterativeSolver(d, variance, workers, workspace);

            // One batch: the BLUPs, then (the first time) a unit right-hand side per fixed effect, then each term's
            // right-hand sides, each from its solution at the previous components. The fixed effects' columns of C⁻¹ are
            // solved once, for the control variate G: any G leaves the estimate unbiased, and a G that stays put keeps the
            // estimated score one function. Near the optimum the BLUPs are solved to 10⁻⁴ of the tolerance: the score's
            // cell term is a small difference of large sums of their squares, and looser solves make Newton wander at
            // 10⁻⁵; far from it, to the tolerance.
            var near = lastStep <= NearStep;
            var columns = new List<double[]> { solver.Rhs() };
            var starts = new List<double[]?> { blup };
            var tolerances = new List<double> { near ? tolerance * 1e-4 : tolerance };
            if (units is null)
            {
                columns.AddRange(Units(solver));
                starts.AddRange(new double[]?[p]);
                tolerances.AddRange(Enumerable.Repeat(InformationTolerance, p));
            }

            var firstProbe = columns.Count;
            foreach (var k in random)
            {
                columns.AddRange(terms[k].RightHandSides());
                starts.AddRange(terms[k].Starts());
                // What is summed (unit vectors, the deflation basis) counts in full, so it is solved to the tolerance;
                // what is averaged over probes only to ProbeTolerance.
                tolerances.AddRange(Enumerable.Repeat(Math.Max(tolerance * tighter, 1e-12), terms[k].Columns - terms[k].Probes));
                tolerances.AddRange(Enumerable.Repeat(near ? Math.Max(ProbeTolerance * tighter, 1e-12) : RoughProbeTolerance, terms[k].Probes));
            }

            var iterationStart = clock.Elapsed.TotalSeconds;
            var solutions = solver.SolveMany([.. columns], [.. starts], [.. tolerances], maxIterations, cancellationToken, overwriteStarts: true);
            spent += (long)columns.Count * solutions.Iterations;
            steps = Math.Max(1, solutions.Iterations);
            var x = blup = solutions.X[0];
            units ??= solutions.X[1..firstProbe];
            if (!solutions.Converged)
            {
                // A solve that runs out of iterations leaves nothing to steer by: the fit stops where it is, and says so.
                return new Estimate(variance, (0, 0, 0, 0), x, units, iterations, Probes(), SolvesConverged: false, NewtonConverged: false);
            }

            foreach (var k in random)
            {
                terms[k].Store(solutions.X, firstProbe);
                firstProbe += terms[k].Columns;
            }

            var ee = 0.0;
            for (var i = 0; i < d.N; i++)
            {
                residuals[i] = d.Y[i] - solver.Fitted(x, i);
                ee += residuals[i] * residuals[i];
            }

            // G = F S Fᵀ with F_u the fixed effects' columns at unknown u and S = ((C⁻¹)_ββ)⁻¹.
            var fixedColumns = units;
            schur ??= MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(p, p, (i, j) => 0.5 * (fixedColumns[j][i] + fixedColumns[i][j])).Inverse().ToArray();
            var s = schur;
            var diagonal = solver.PreconditionerInverseDiagonal();
            var trace = new double[3];
            var spread = new double[3];
            var uu = new double[3];
            foreach (var k in random)
            {
                var range = (offsets[k], offsets[k] + levels[k]);
                uu[k] = Sum(range, u => x[u] * x[u]);
                rankP[k] ??= Sum(range, u => RankP(fixedColumns, s, u, u));

                // The first iteration's probes also give the basis Q of each term traced by probes.
                terms[k].Estimate(solver, (v, block, into) => RankPImage(fixedColumns, s, v, block, into), deflate: iterations == 1 && !terms[k].Exact, draws);
                trace[k] = Sum(range, u => diagonal[u]) + rankP[k]!.Value + terms[k].Coupling + terms[k].Summed + terms[k].Averaged.Mean;
                spread[k] = terms[k].Averaged.Variance;
            }

            // The score over the free components: the random terms kept, then the residual.
            int[] free = [.. random, Residual];
            var score = new double[free.Length];
            var sigma2 = phi[Residual];
            var effective = (double)(d.N - p);
            for (var a = 0; a < random.Count; a++)
            {
                var k = random[a];
                score[a] = -0.5 * ((levels[k] / phi[k]) - (sigma2 * trace[k] / (phi[k] * phi[k])) - (uu[k] / (phi[k] * phi[k])));
                effective -= levels[k] - (sigma2 * trace[k] / phi[k]);
            }

            score[^1] = -0.5 * ((effective / sigma2) - (ee / (sigma2 * sigma2)));

            var information = AverageInformation(solver, x, residuals, free, phi, ref previousWorking, maxIterations, ref solved, ref spent, cancellationToken);
            if (!solved)
            {
                return new Estimate(variance, (0, 0, 0, 0), x, units, iterations, Probes(), SolvesConverged: false, NewtonConverged: false);
            }

            var (next, inverse, informed) = NewtonStep(information, score, free, phi);

            // The iteration after a component is put back only asks whether it stays: the others hold still (their joint
            // step with a component at 0.05% of the total threw a 7% rater component to a second optimum at 0), and it takes
            // its own Newton step.
            var asking = random.Any(k => retried[k] == iterations);
            if (asking)
            {
                for (var a = 0; a < free.Length; a++)
                {
                    var k = free[a];
                    next[k] = k != Residual && retried[k] == iterations ? Math.Clamp(phi[k] + (score[a] / information[a, a]), phi[k] / 10, phi[k] * 10) : phi[k];
                }
            }

            // A component swinging back and forth by steps that do not shrink, twice running, is damped, by half at each
            // further swing: near 0 the solves' own noise, amplified by 1/σ⁴, set a component of 0.1% of the total
            // swinging by 2·10⁻³ of itself for 50 iterations on a generated design traced exactly. One turn is Newton's own
            // (its first steps are solved roughly) and costs nothing to follow.
            var ratios = new List<double>();
            var cycling = new bool[4];
            foreach (var k in free)
            {
                var step = next[k] - phi[k];
                swings[k] = step * previousStep[k] < 0 && Math.Abs(step) > 0.5 * Math.Abs(previousStep[k]) ? swings[k] + 1 : 0;
                var damping = swings[k] < 2 ? 1 : Math.Pow(0.5, swings[k] - 1);
                if (Math.Abs(step) > newtonTolerance * (k == Residual ? phi[k] : Scale(phi, k)))
                {
                    ratios.Add(damping * step / previousStep[k]);
                    if (step * previousStep[k] < 0)
                    {
                        cycling[k] = iterations - lastTurn[k] <= 3;
                        lastTurn[k] = iterations;
                    }
                }

                next[k] = phi[k] + (damping * step);
                previousStep[k] = damping * step;
            }

            // A component turning twice within three iterations near the optimum is steered by the traces' solves, not the
            // data (a small component, whose score amplifies their error by 1/σ⁴, cycled by 2·10⁻³ of itself for 40
            // iterations with probes solved to 1e-5 and stopped in 2 at 1e-9): they are solved ten times tighter from then on.
            if (near && cycling.Any(c => c))
            {
                tighter /= 10;
            }

            // Steps that shrink by one steady ratio ρ in every component that still moves, twice running, mean the average
            // information is off the curvature by a fixed factor (a design of 30 ratings, people and raters nearly
            // confounded, crawled at ρ = 0.72 for 40 iterations where the exact path took 13): what is left of the geometric
            // series, ρ/(1 − ρ) of the step, is taken at once.
            crawls = ratios.Count > 0 && ratios.All(r => r is >= 0.3 and <= 0.99) && ratios.Max() - ratios.Min() <= 0.1 ? crawls + 1 : 0;
            if (crawls >= 2)
            {
                var rho = Math.Min(ratios.Average(), 0.95);
                foreach (var k in free)
                {
                    var extra = Math.Max(previousStep[k] * rho / (1 - rho), (0.1 * phi[k]) - next[k]);
                    next[k] += extra;
                    previousStep[k] += extra;
                }

                crawls = 0;
            }

            // The probes are set at the second iteration from what each component needs then, except a small component
            // still falling fast: it is most likely bound for 0, and held to its own error it asked for thousands of
            // probes at 2·10⁻⁴ of the total; if it settles above 0 after all, the check at the end gives it its probes.
            bool[] counted = [.. Enumerable.Range(0, 4).Select(k => iterations != 2 || !(phi[k] < SmallComponentShare * phi.Sum() && next[k] < 0.5 * phi[k]))];
            var target = Targets(phi, free, inverse);
            error = MonteCarloError(spread, [.. terms.Select(t => t?.Probes ?? 0)], random, free, phi, inverse, counted, target, out var needed);

            // Near 0 the probes cannot place a component: its score's noise grows as 1/σ⁴ₖ, and a widely crossed million
            // with no ratee-by-competency variation swung between 2·10⁻⁵ and 2·10⁻⁴ for 50 iterations. A small component
            // (under SettleShare of the total) is set to 0 once, falling there for the second iteration running after the
            // probes are set, its Monte-Carlo error reaches half of it or the data no longer inform it (below about 10⁻⁴ of
            // the residual, where it moves by its score's sign alone and its error is not defined), or once it is
            // uninformed twice running and the sign points down again or turns, or once it has cycled twice (turned twice
            // within three iterations, two times over: a component of 2·10⁻⁵ of the total, informed and not in turn, went
            // round for 40; settled at the first cycle, a 5.5% component went to 0 on a design of 30 ratings). One
            // rising is left to Newton (the first iteration's few probes put a 0.1% start's error at its size where exact
            // REML found 4% of the total), and so is a single dip (new rater ids, other probes, once took a 0.75% component
            // to 0 through one). A component put back (see below) goes by its score there alone, and stays once it is kept.
            var settled = new bool[3];
            foreach (var k in random)
            {
                var sign = informed[k] ? 0 : Math.Sign(score[random.IndexOf(k)]);
                var small = phi[k] < SettleShare * phi.Sum();
                falls[k] = small && iterations >= 2 && next[k] < phi[k] ? falls[k] + 1 : 0;
                cycles[k] = small ? cycles[k] + (cycling[k] ? 1 : 0) : 0;
                settled[k] = retried[k] == iterations ? score[random.IndexOf(k)] <= 0 : retried[k] == 0 && small
                    && (cycles[k] >= 2 || (falls[k] >= 2 && (error[k] >= 0.5 * phi[k] || !informed[k])) || (sign != 0 && uninformedSign[k] != 0 && (sign < 0 || sign != uninformedSign[k])));
                uninformedSign[k] = sign;
            }

            if (asked is not null && random.Where(k => retried[k] == iterations).All(k => settled[k]))
            {
                return asked with { Iterations = iterations };
            }

            asked = null;

            // Steps are measured against each component, a small random one's against SmallComponentShare of the total (it
            // may be settled at 0 instead) — never the residual's: a residual near 0 (moments found 10⁻¹² on 72 ratings)
            // doubling each step was taken for steady.
            double Step(int k) => Math.Abs(next[k] - phi[k]) / (k == Residual ? phi[k] : Scale(phi, k));
            var largest = free.Max(Step);
            var steady = free.All(k => Step(k) <= Math.Max(newtonTolerance, 0.25 * error[k] / (k == Residual ? phi[k] : Scale(phi, k))));
            var batch = columns.Count;
            lastStep = largest;

            // The second iteration's probes (the first projected off Q) say how many each term needs; they are set then,
            // once, so that the estimated score stays one function while Newton converges on it.
            if (iterations == 2)
            {
                AllocateAll([.. random.Where(k => !terms[k].Exact).Select(k => (k, Math.Clamp(RoundUp(1.1 * needed[k]), MinProbesPerTerm, MaxProbesPerTerm)))]);
            }

            // What is left, from this iteration's time per right-hand side: the iterations a fit usually still takes from
            // here (none after the last, one once near the optimum, two before) with the probes now set, and the fixed
            // effects' final columns.
            var ending = iterations >= 2 && near && steady && !asking;
            double? left = iterations < 2 ? null
                : (clock.Elapsed.TotalSeconds - iterationStart) / batch * (((ending ? 0 : lastStep <= NearStep ? 1 : 2) * (1 + Probes() + free.Length)) + p);
            onIteration?.Invoke(iterations, largest, left);

            // Only an iteration solved to the tight tolerances can end the fit: its BLUPs are the ones reported.
            if (ending || iterations == MaxNewtonIterations)
            {
                // Converged: report the components the solves used, with their BLUPs — unless the probes turned out too few
                // for the error wanted, when the terms that cause it get more and Newton continues from here. Not for an
                // error within a fifth of the target: the probes' count was set from an estimate of their spread no better
                // than that, and another round of Newton iterations cost a widely crossed million 5.5 s for 8%.
                var before = Probes();
                AllocateAll([.. random
                    .Where(k => !terms[k].Exact && needed[k] > terms[k].Probes && terms[k].Probes < MaxProbesPerTerm && free.Any(f => error[f] > 1.2 * target[f]))
                    .Select(k => (k, Math.Min(MaxProbesPerTerm, RoundUp(Math.Min(4 * terms[k].Probes, 1.1 * needed[k])))))]);
                var more = Probes() > before;
                var missed = free.Any(f => error[f] > 1.2 * target[f]);
                retrying = iterations < MaxNewtonIterations ? [.. dropped.Where(k => retried[k] == 0)] : [];

                if (!more || iterations == MaxNewtonIterations)
                {
                    // The fixed effects' covariance at the components reported, from the first iteration's columns; to the
                    // information's tolerance, as standard errors need no more (widely crossed, 1M ratings: 33 iterations
                    // to 1e-6, 26 to 1e-4; standard errors within 1.6e-4 of the exact path's).
                    var final = solver.SolveMany(Units(solver), units, InformationTolerance, maxIterations, cancellationToken);
                    var estimate = new Estimate(variance, (error[0], error[1], error[2], error[3]), x, final.X, iterations,
                        Probes(), final.Converged, steady)
                    {
                        RaterInverseDiagonal = random.Contains(2) ? terms[2].InverseDiagonal() : null,
                        ProbesLimitedByMemory = limitedByMemory && missed,
                        ProbesLimitedByTime = limitedByTime && missed,
                        ProbesLimitedByCap = missed && !limitedByMemory && !limitedByTime,
                    };
                    if (retrying.Length == 0)
                    {
                        return estimate;
                    }

                    // Kept while the components left out are asked back (below): if none stays, it is the fit. (Its BLUPs are
                    // copied: the next solve starts from them in place.)
                    asked = estimate with { Solution = (double[])x.Clone() };
                }
            }

            phi = next;

            // A component heading for 0 (a boundary fit) is left out once negligible, as the exact path finds it at 0.
            foreach (var k in random.Where(k => phi[k] < 1e-8 * phi[Residual] || settled[k]).ToArray())
            {
                phi[k] = 0;
                random.Remove(k);
                dropped.Add(k);
                previousWorking = null;
            }

            // Where the others ended, 0 must still be the best place for a component left out: it went there while they
            // were on their way (a design of 48 ratings dropped one the exact path put at 0.56% of the total, the residual
            // then 7% above its end). Each is put back once, at SettleShare of the total, and kept if its score points up
            // there, where it is close to its score at 0; Newton then goes on.
            foreach (var k in retrying)
            {
                phi[k] = SettleShare * phi.Sum();
                random.Add(k);
                random.Sort();
                dropped.Remove(k);
                (retried[k], falls[k], uninformedSign[k], swings[k], previousStep[k]) = (iterations + 1, 0, 0, 0, 0);
                previousWorking = null;
            }

            retrying = [];
        }

        // Sets the probes of the terms named, within the probes' share of the memory and time: each term keeps what it has
        // (at least MinProbesPerTerm; the estimate in hand used them — a fit out of time once dropped to 8 per term at its
        // end and reported 24 probes for components estimated with 197), and when the counts wanted do not fit, each gets
        // the same fraction of what it wanted beyond that, and the estimate reports the limit.
        void AllocateAll((int Term, int Count)[] wanted)
        {
            var others = random.Where(k => !wanted.Any(w => w.Term == k)).Sum(k => terms[k].Columns);
            var basis = wanted.Sum(w => Basis(terms[w.Term]));
            int Floor(int k) => Math.Max(MinProbesPerTerm, terms[k].Probes);

            // In time: three more Newton iterations of the BLUPs, every term's columns and the working variates at the last
            // batch's steps, and the fixed effects' final columns.
            var inTime = ((maxColumnIterations - spent - ((long)p * steps)) / (3L * steps)) - 1 - (random.Count + 1);
            var columnsAllowed = (int)Math.Clamp(Math.Min(probeColumns, inTime), 0, int.MaxValue);
            var room = columnsAllowed - others - basis - wanted.Sum(w => Floor(w.Term));
            var extra = wanted.Sum(w => Math.Max(0, w.Count - Floor(w.Term)));
            var share = extra <= room ? 1 : Math.Max(0, room) / (double)extra;
            limitedByMemory |= share < 1 && probeColumns <= inTime;
            limitedByTime |= share < 1 && inTime < probeColumns;
            foreach (var (k, count) in wanted)
            {
                Allocate(terms[k], Floor(k) + (int)(share * Math.Max(0, count - Floor(k))), share < 1);
            }
        }

        // More probes than the term has levels cost more than tracing it exactly, unless memory is short.
        void Allocate(TermTrace term, int count, bool scarce)
        {
            if (!scarce && count + Basis(term) >= term.Levels)
            {
                term.UseUnitVectors(unknowns);
            }
            else
            {
                term.SetProbes(count, unknowns, draws);
            }
        }

        static int Basis(TermTrace term) => term.Deflated ? term.Columns - term.Probes : 0;

        int Probes() => terms.Sum(t => t?.Columns ?? 0);
    }

    /// <summary>
    /// The average information matrix, ½ wₐᵀ P w_b with the working variates Zₖûₖ/σ²ₖ and ê/σ²_e: P w = (w − Xb − Za)/σ²_e
    /// with [b; a] the mixed-model solution for w as data, one solve per component.
    /// </summary>
    private static MathNet.Numerics.LinearAlgebra.Matrix<double> AverageInformation(
        CrossedIterativeSolver solver,
        double[] x,
        double[] residuals,
        int[] free,
        double[] phi,
        ref double[][]? previous,
        int maxIterations,
        ref bool solved,
        ref long spent,
        CancellationToken cancellationToken)
    {
        var n = residuals.Length;
        var (cellOffset, rateeOffset, raterOffset) = solver.Offsets;
        var design = solver.Design;
        var working = new double[free.Length][];
        for (var a = 0; a < free.Length; a++)
        {
            working[a] = new double[solver.Unknowns];
        }

        var crossProducts = new double[free.Length, free.Length];
        var w = new double[free.Length];
        for (var i = 0; i < n; i++)
        {
            var c = design.RowCell[i];
            for (var a = 0; a < free.Length; a++)
            {
                w[a] = free[a] switch
                {
                    0 => x[cellOffset + c] / phi[0],
                    1 => x[rateeOffset + design.CellRatee[c]] / phi[1],
                    2 => x[raterOffset + design.RowRater[i]] / phi[2],
                    _ => residuals[i] / phi[Residual],
                };
                solver.Scatter(working[a], i, w[a]);
            }

            for (var a = 0; a < free.Length; a++)
            {
                for (var b = 0; b <= a; b++)
                {
                    crossProducts[a, b] += w[a] * w[b];
                }
            }
        }

        foreach (var v in working)
        {
            solver.Mask(v);
        }

        var solutions = solver.SolveMany(working, previous?.Length == working.Length ? previous : null, previous is null ? RoughInformationTolerance : InformationTolerance, maxIterations, cancellationToken, overwriteStarts: true);
        solved &= solutions.Converged;
        spent += (long)working.Length * solutions.Iterations;
        previous = solutions.X;
        var information = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(free.Length, free.Length);
        for (var a = 0; a < free.Length; a++)
        {
            for (var b = 0; b <= a; b++)
            {
                var value = 0.5 * (crossProducts[a, b] - Readiness.Internal.VectorMath.Dot(working[a], solutions.X[b])) / phi[Residual];
                information[a, b] = value;
                information[b, a] = value;
            }
        }

        return information;
    }

    /// <summary>
    /// The next components and the inverse of the average information, from a Newton step in log σ²: there the information
    /// of each component is on one scale, so one whose information has vanished (its BLUPs all 0: the data show no such
    /// variation) is told apart from the rest. Such a component moves tenfold toward where its score points, the rest take
    /// Newton's step, and no component moves more than tenfold (one heading for 0 gets there in a few steps without
    /// crossing it).
    /// </summary>
    private static (double[] Next, MathNet.Numerics.LinearAlgebra.Matrix<double> Inverse, bool[] Informed) NewtonStep(
        MathNet.Numerics.LinearAlgebra.Matrix<double> information, double[] score, int[] free, double[] phi)
    {
        var n = free.Length;
        var scaled = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(n, n, (a, b) => phi[free[a]] * information[a, b] * phi[free[b]]);
        var largest = Enumerable.Range(0, n).Max(a => scaled[a, a]);
        int[] kept = [.. Enumerable.Range(0, n).Where(a => scaled[a, a] > 1e-8 * largest)];
        var inverse = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(n, n);
        var logStep = new double[n];
        for (var a = 0; a < n; a++)
        {
            logStep[a] = Math.Sign(score[a]) * Math.Log(10);
        }

        var reduced = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(kept.Length, kept.Length, (a, b) => scaled[kept[a], kept[b]]);
        var reducedInverse = reduced.Inverse();
        if (reducedInverse.Enumerate().All(double.IsFinite))
        {
            for (var a = 0; a < kept.Length; a++)
            {
                logStep[kept[a]] = 0;
                for (var b = 0; b < kept.Length; b++)
                {
                    logStep[kept[a]] += reducedInverse[a, b] * phi[free[kept[b]]] * score[kept[b]];
                    inverse[kept[a], kept[b]] = reducedInverse[a, b] * phi[free[kept[a]]] * phi[free[kept[b]]];
                }
            }
        }

        // The log-scale step, taken on σ² itself (Newton's step in σ²) and held within a factor of ten.
        var next = (double[])phi.Clone();
        for (var a = 0; a < n; a++)
        {
            var k = free[a];
            next[k] = Math.Clamp(phi[k] * (1 + logStep[a]), phi[k] / 10, phi[k] * 10);
            if (!double.IsFinite(next[k]))
            {
                next[k] = phi[k];
            }
        }

        var informed = new bool[4];
        foreach (var a in kept)
        {
            informed[free[a]] = true;
        }

        return (next, inverse, informed);
    }

    /// <summary>
    /// The components' Monte-Carlo standard errors, AI⁻¹ J diag(var tₖ) Jᵀ AI⁻¹ with J = ∂score/∂trace (a term's own
    /// score gains ½σ²_e/σ⁴ₖ per unit of its trace, the residual's loses ½/σ²ₖ), and the probes each term needs for every
    /// component to be within <see cref="TargetRelativeError"/> (of itself, or of <see cref="SmallComponentShare"/> of the total
    /// variance if more): for one component, the fewest probes in all put
    /// mₖ ∝ √cₖ (cₖ: term k's variance contribution times its probes); the most any component counted asks of a term.
    /// </summary>
    private static double[] MonteCarloError(double[] spread, int[] counts, List<int> random, int[] free, double[] phi, MathNet.Numerics.LinearAlgebra.Matrix<double> inverse, bool[] counted, double[] target, out double[] needed)
    {
        var error = new double[4];
        needed = new double[3];
        var cost = new double[free.Length, random.Count];
        for (var t = 0; t < random.Count; t++)
        {
            var k = random[t];
            for (var a = 0; a < free.Length; a++)
            {
                // Column t of AI⁻¹ J, times the trace's standard error.
                var effect = (inverse[a, t] * 0.5 * phi[Residual] / (phi[k] * phi[k])) - (inverse[a, free.Length - 1] * 0.5 / phi[k]);
                var contribution = effect * effect * spread[k];
                error[free[a]] += contribution;
                cost[a, t] = contribution * counts[k] / (target[free[a]] * target[free[a]]);
            }
        }

        for (var a = 0; a < free.Length; a++)
        {
            error[free[a]] = Math.Sqrt(error[free[a]]);
            var roots = Enumerable.Range(0, random.Count).Sum(t => Math.Sqrt(cost[a, t]));
            for (var t = 0; t < random.Count && counted[free[a]]; t++)
            {
                needed[random[t]] = Math.Max(needed[random[t]], Math.Sqrt(cost[a, t]) * roots);
            }
        }

        return error;
    }

    /// <summary>
    /// The Monte-Carlo error each component is held to: <see cref="TargetRelativeError"/> of itself, or of
    /// <see cref="SmallComponentShare"/> of the total variance if more; for a component smaller than that share, at least a
    /// tenth of its sampling standard error (from the average information), below which more probes change nothing a
    /// statistician would read — held to 2.8e-6 instead, a component of 2·10⁻⁴ on a widely crossed million took 197 probes
    /// and 25 s.
    /// </summary>
    private static double[] Targets(double[] phi, int[] free, MathNet.Numerics.LinearAlgebra.Matrix<double> inverse)
    {
        var target = new double[4];
        var total = phi.Sum();
        for (var a = 0; a < free.Length; a++)
        {
            var k = free[a];
            target[k] = TargetRelativeError * Scale(phi, k);
            if (phi[k] < SmallComponentShare * total)
            {
                target[k] = Math.Max(target[k], 0.1 * Math.Sqrt(Math.Max(0, inverse[a, a])));
            }
        }

        return target;
    }

    /// <summary>What component k's Monte-Carlo error is measured against: itself, or <see cref="SmallComponentShare"/> of the total variance if more.</summary>
    private static double Scale(double[] phi, int k) => Math.Max(phi[k], SmallComponentShare * phi.Sum());

    /// <summary>A unit right-hand side per fixed effect: their solutions are the fixed effects' columns of C⁻¹.</summary>
    private static double[][] Units(CrossedIterativeSolver solver)
    {
        var units = new double[solver.Design.P][];
        for (var j = 0; j < units.Length; j++)
        {
            units[j] = new double[solver.Unknowns];
            units[j][j] = 1;
        }

        return units;
    }

    /// <summary>Gᵤᵥ = F_uᵀ S F_v, with F_u the fixed-effect columns' entries at unknown u.</summary>
    private static double RankP(double[][] units, double[,] schur, int u, int v)
    {
        var p = units.Length;
        var sum = 0.0;
        for (var i = 0; i < p; i++)
        {
            for (var j = 0; j < p; j++)
            {
                sum += units[i][u] * schur[i, j] * units[j][v];
            }
        }

        return sum;
    }

    /// <summary>G v over a block, for v zero outside it: F_u · (S Fᵀ v) for each unknown u of the block, written into <paramref name="image"/>.</summary>
    private static double[] RankPImage(double[][] units, double[,] schur, double[] v, (int From, int To) range, double[] image)
    {
        var p = units.Length;
        var count = range.To - range.From;
        var fv = new double[p];
        for (var i = 0; i < p; i++)
        {
            fv[i] = Readiness.Internal.VectorMath.Dot(units[i].AsSpan(range.From, count), v.AsSpan(range.From, count));
        }

        var sfv = new double[p];
        for (var i = 0; i < p; i++)
        {
            for (var j = 0; j < p; j++)
            {
                sfv[i] += schur[i, j] * fv[j];
            }
        }

        Array.Clear(image, 0, count);
        for (var i = 0; i < p; i++)
        {
            Readiness.Internal.VectorMath.AddScaled(image.AsSpan(0, count), units[i].AsSpan(range.From, count), sfv[i]);
        }

        return image;
    }

    private static int RoundUp(double probes) => (int)Math.Min(int.MaxValue / 2, Math.Ceiling(probes / 4) * 4);

    private static double Sum((int From, int To) range, Func<int, double> term)
    {
        var sum = 0.0;
        for (var u = range.From; u < range.To; u++)
        {
            sum += term(u);
        }

        return sum;
    }

    /// <summary>
    /// The components the final solves used, their Monte-Carlo standard errors (0 for a term left out or traced exactly),
    /// the BLUP solution and the fixed effects' columns of C⁻¹ at those components, the Newton iterations, the probe vectors
    /// used, whether every solve met its tolerance, and whether Newton's last step was within its tolerance.
    /// </summary>
    public sealed record Estimate(
        (double Cell, double Ratee, double Rater, double Residual) Variance,
        (double Cell, double Ratee, double Rater, double Residual) MonteCarloError,
        double[] Solution,
        double[][] FixedColumns,
        int Iterations,
        int Probes,
        bool SolvesConverged,
        bool NewtonConverged)
    {
        /// <summary>Gets whether the fit converged.</summary>
        public bool Converged => SolvesConverged && NewtonConverged;

        /// <summary>Gets whether the memory allowed held fewer probes than the Monte-Carlo error target needed.</summary>
        public bool ProbesLimitedByMemory { get; init; }

        /// <summary>Gets whether the probes the Monte-Carlo error target needed would have taken the fit past its column-iteration budget.</summary>
        public bool ProbesLimitedByTime { get; init; }

        /// <summary>Gets whether a term the Monte-Carlo error target needed more probes for already had <see cref="MaxProbesPerTerm"/>.</summary>
        public bool ProbesLimitedByCap { get; init; }

        /// <summary>Gets the raters' diagonal of C⁻¹ (their prediction-error variances in units of σ²_e) when their block was traced with unit vectors; otherwise null.</summary>
        public double[]? RaterInverseDiagonal { get; init; }
    }
}
