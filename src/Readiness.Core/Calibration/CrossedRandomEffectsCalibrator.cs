using System.Collections.Immutable;
using System.Globalization;
using Readiness.Calibration.Internal;
using Readiness.Evidence;
using Readiness.Internal;

namespace Readiness.Calibration;

/// <summary>
/// Calibrates with the crossed random-effects model
/// <c>rating = μ + competency + source + ratee + ratee × competency + rater + error</c>, with ratee, ratee × competency and
/// rater random and their variances estimated by REML; estimates are the BLUPs.
/// </summary>
/// <remarks>
/// <para>
/// Raters are not randomly assigned in organisations (a lenient manager rates a whole team), so raw means confound a
/// person's level with their raters' leniency. The crossed model separates the two wherever raters overlap, and shrinks
/// people with little evidence toward the mean, as it should. With a single competency it reduces to
/// <c>y ~ 1 + source + (1|ratee) + (1|rater)</c>. Numbers agree with R's <c>lme4::lmer</c> on the same data and coding
/// (see the tests' lme4 data). Estimates are reported for the other-raters reference: the fixed part at the competency
/// with the source effects averaged over non-self ratings, plus the person's and the person × competency BLUPs.
/// </para>
/// <para>
/// <see cref="CrossedModelPath.Exact"/>: the profiled REML criterion is minimised over the relative standard deviations;
/// standard errors are exact prediction-error standard deviations (they include the uncertainty of the fixed effects).
/// <see cref="CrossedModelPath.Scalable"/>: REML by average-information Newton steps from the moment estimates, with the
/// traces the REML score needs estimated by Hutchinson probes (each component's Monte-Carlo error is reported in
/// <see cref="VarianceComponent.MonteCarloError"/>, held near 2.5·10⁻⁴ of the component), and every solve — BLUPs, probes,
/// fixed effects' covariance — by conjugate gradients preconditioned with the blocks backfitting cycles through (ratee
/// with its cells, rater, fixed part), in time linear in the ratings.
/// </para>
/// </remarks>
/// <threadsafety>Stateless; safe to share as a singleton.</threadsafety>
public sealed class CrossedRandomEffectsCalibrator : IRatingCalibrator
{
    private const string Stage = "REML optimisation";

    /// <summary>
    /// The fewest ratings that repeat a rater (Σ over raters of ratings − 1) for the rater term to be fitted: the degrees of
    /// freedom that separate rater leniency from noise. Below ten, the residual variance's relative standard error
    /// exceeds √(2/10) ≈ 45%, and fits run to the boundary.
    /// </summary>
    private const int MinRaterRepeats = 10;

    /// <summary>
    /// The least reliability an estimate is given: one rating among a cohort's still carries some of the person, and below
    /// this the unshrunk centre of its confidence interval would rest on dividing by almost nothing.
    /// </summary>
    private const double MinReliability = 0.01;

    /// <summary>How many times the scalable path's predicted time the exact path's may be for auto to prefer it.</summary>
    private const double ExactPreference = 1.5;

    /// <summary>Creates the calibrator.</summary>
    /// <param name="options">The options; null for the defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting breaks its rule; the message names it.</exception>
    public CrossedRandomEffectsCalibrator(CrossedModelOptions? options = null) => Options = (options ?? new CrossedModelOptions()).Validated();

    private CrossedRandomEffectsCalibrator(CrossedModelOptions options, double[] heldTheta)
        : this(options) => _heldTheta = heldTheta;

    /// <summary>
    /// θ held instead of estimated, or null: each random term's standard deviation over the residual's (person ×
    /// competency, person, rater; 0 for a term left out). The residual variance is still estimated, as REML profiles it.
    /// </summary>
    private readonly double[]? _heldTheta;

    /// <summary>Gets the options.</summary>
    public CrossedModelOptions Options { get; }

    /// <inheritdoc />
    public CalibrationMethod Method => CalibrationMethod.CrossedRandomEffects;

    /// <summary>
    /// A calibrator that holds the variance components of <paramref name="fit"/>, each relative to its residual variance,
    /// instead of estimating them (and its person effect, shared or per domain), on the exact path: the estimates and their
    /// errors are those of the mixed-model equations at those components. The scalable path estimates them, and says so.
    /// </summary>
    internal CrossedRandomEffectsCalibrator HoldingComponentsOf(CalibrationResult fit)
    {
        var residual = fit.VarianceOf(VarianceComponent.Residual) is double r and > 0 ? r
            : throw new ArgumentException("The fit has no positive residual variance to hold the other components against.", nameof(fit));
        double Relative(string name) => Math.Sqrt((fit.VarianceOf(name) ?? 0) / residual);
        var rater = fit.VarianceOf(VarianceComponent.Rater) is null ? VarianceComponent.RateeSource : VarianceComponent.Rater;
        var personEffect = fit.Crossed?.PersonEffectPerDomain == true ? PersonEffect.PerDomain : PersonEffect.Shared;
        return new(Options with { PersonEffect = personEffect }, [Relative(VarianceComponent.RateeCompetency), Relative(VarianceComponent.Ratee), Relative(rater)]);
    }

    /// <inheritdoc />
    public CalibrationResult Calibrate(RatingSet ratings, IProgress<CalibrationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        if (PersonSourceRaters.Replace(ratings, MinRaterRepeats) is not { } standIns)
        {
            return FitPeople(ratings, null, progress, cancellationToken);
        }

        // The people themselves must make a usable design, whatever the stand-ins do; and the design's warnings count them.
        var people = ratings.WithoutSource(RaterSource.Self);
        DesignChecks.ThrowIfUnusable(Method, people, parameters: 4);
        DesignChecks.ThrowIfOnePerson(Method, people);
        return standIns.Restore(FitPeople(standIns.Ratings, people, progress, cancellationToken));
    }

    /// <summary>
    /// Fits the model with one person effect, or one per domain as the options say; <paramref name="people"/>, the real
    /// ratings of others when the raters are stand-ins (null otherwise), is what the design's warnings count.
    /// </summary>
    private CalibrationResult FitPeople(RatingSet ratings, RatingSet? people, IProgress<CalibrationProgress>? progress, CancellationToken cancellationToken)
    {
        // The real ratings of others come separately exactly when some sources' raters are stand-ins (an anonymised export).
        var anonymised = people is not null;
        var asked = Options.PersonEffect == PersonEffect.PerDomain;
        if (Options.PersonEffect == PersonEffect.Shared || (!asked && (anonymised || LoneRaterShare(ratings) > 0.5)))
        {
            return Fit(ratings, people, [], progress, cancellationToken);
        }

        if (DomainUnits.Split(ratings) is { } units)
        {
            // The people themselves must make a usable design, whatever the units do; and the design's warnings count them.
            if (people is null)
            {
                people = ratings.WithoutSource(RaterSource.Self);
                DesignChecks.ThrowIfUnusable(Method, people, parameters: 4);
                DesignChecks.ThrowIfOnePerson(Method, people);
            }

            return units.Merge(Fit(units.Ratings, people, anonymised ? [PerDomainOnAnonymisedExport(people)] : [], progress, cancellationToken, units));
        }

        if (!asked)
        {
            return Fit(ratings, people, [], progress, cancellationToken);
        }

        var domain = ratings.Count > 0 ? ratings.Model.Competencies[ratings.CompetencyIndices[0]].Domain.ToString() : "one";
        return Fit(ratings, people, [new CalibrationWarning(CalibrationWarningCodes.OneDomain,
            $"A person effect per competency domain was asked for (PersonEffect = PerDomain), but every competency rated is of one domain ({domain}): each person has one effect, as without it. A model whose competencies are all in one domain (as a scaffolded one is until you set them) cannot tell leadership from individual performance.")], progress, cancellationToken);
    }

    /// <summary>
    /// The share of the ratings of others given by raters who rated no one else, whose style the styled-rater screen cannot
    /// examine: on exports with one id per questionnaire most are (0.78–1.0 of them on simulated ones, where a person effect
    /// per domain made P(ready now) over-confident by up to 0.158 against 0.041 shared), on named 360°, widely crossed,
    /// matrix and assessment-centre designs at most 0.12 (<c>benchmarks/README.md</c>).
    /// </summary>
    private static double LoneRaterShare(RatingSet ratings)
    {
        var rater = ratings.RaterIndices;
        var ratee = ratings.RateeIndices;
        var source = ratings.Sources;
        var (first, several, given) = (new int[ratings.Raters.Length], new bool[ratings.Raters.Length], new int[ratings.Raters.Length]);
        Array.Fill(first, -1);
        var others = 0;
        for (var i = 0; i < ratings.Count; i++)
        {
            if (source[i] == RaterSource.Self)
            {
                continue;
            }

            var r = rater[i];
            (others, given[r]) = (others + 1, given[r] + 1);
            several[r] |= first[r] >= 0 && first[r] != ratee[i];
            first[r] = first[r] < 0 ? ratee[i] : first[r];
        }

        var lone = 0;
        for (var r = 0; r < given.Length; r++)
        {
            lone += several[r] ? 0 : given[r];
        }

        return others == 0 ? 0 : (double)lone / others;
    }

    /// <summary>
    /// Why a person effect per domain misleads on an anonymised export: measured on simulated exports that name the managers
    /// (benchmarks/README.md, 20 organisations of 1,200, styled raters screened where named), P(ready now) over-confident by
    /// up to 0.189 with it against 0.064 without.
    /// </summary>
    private static CalibrationWarning PerDomainOnAnonymisedExport(RatingSet ratings) => new(CalibrationWarningCodes.PerDomainOnAnonymisedExport,
        $"A person effect per competency domain was asked for on an export whose {PersonSourceRaters.Names(PersonSourceRaters.AnonymisedSources(ratings))} rater ids do not repeat. " +
        "Those raters' central tendency and halo cannot be screened out (the screen needs rater ids), and with that error left in, a person effect per domain makes the intervals and probabilities over-confident " +
        "(on simulated exports naming only the managers, P(ready now) by up to 0.19, against 0.06 without it): PersonEffect.Automatic leaves it off for such data.");

    /// <summary>Fits the model; <paramref name="people"/>, when the ratees or raters are made-up units, is what the design's warnings count.</summary>
    private CalibrationResult Fit(
        RatingSet ratings, RatingSet? people, List<CalibrationWarning> warnings, IProgress<CalibrationProgress>? progress, CancellationToken cancellationToken, DomainUnits? units = null)
    {
        DesignChecks.ThrowIfUnusable(Method, ratings, parameters: 4);

        // Self-ratings never inform an estimate: the model is fitted to the other raters' ratings, and how far self-ratings
        // run above them is reported afterwards as the Self source effect.
        var others = ratings.WithoutSource(RaterSource.Self);
        DesignChecks.ThrowIfUnusable(Method, others, parameters: 4);
        DesignChecks.ThrowIfOnePerson(Method, others);

        Started(progress, "Design");

        // A rater who gave one rating has leniency and noise in one number: only ratings that repeat a rater (Σ(nᵣ − 1) of
        // them) tell the rater variance from the residual. With none (an export that anonymises each response) the two
        // cannot be told apart at all, and with a handful the split rests on a few degrees of freedom and the fit runs
        // to a boundary (residual near 0, rater variance taking all the noise: seen with one repeated rater in 600).
        // With one rater, leniency is the intercept. In each case the term is left out, and the result says so.
        var repeats = others.Count - others.Raters.Length;
        var raterTerm = others.Raters.Length > 1 && repeats >= MinRaterRepeats;
        if (others.Raters.Length == 1)
        {
            warnings.Add(CalibrationWarningCodes.RaterTermLeftOut, 
                $"Only one rater ('{others.Raters[0]}') rated others, so their leniency cannot be told apart from the average level: the rater term was left out and no rater effect is reported. Everyone shares the same rater, so comparisons between people are unaffected.");
        }
        else if (repeats == 0)
        {
            warnings.Add(CalibrationWarningCodes.RaterTermLeftOut, 
                $"Every one of the {others.Raters.Length} raters gave exactly one rating (an export that anonymises each response gives every rating its own rater id), " +
                "so rater leniency cannot be told apart from noise: the rater term was left out, no rater effects are reported, and the estimates are not adjusted for leniency. " +
                "Their standard errors, intervals and probabilities also understate the uncertainty: one rater's leniency moves all their ratings of a person together, which the ids no longer show (on simulated 360° exports, 90% intervals covered about 80% and P(ready now) ran up to 0.3 too high).");
        }
        else if (!raterTerm)
        {
            warnings.Add(CalibrationWarningCodes.RaterTermLeftOut, 
                $"Only {repeats} of the {others.Count} ratings repeat a rater (most of the {others.Raters.Length} raters gave one rating), too few to tell rater leniency from noise (at least {MinRaterRepeats} are needed): " +
                "the rater term was left out, no rater effects are reported, and the estimates are not adjusted for leniency.");
        }

        var design = new CrossedDesign(others, raterTerm);
        if (design.N <= design.P + 4)
        {
            throw new InsufficientRatingsException(Method,
                $"{design.N} ratings cannot estimate {design.P} fixed effect{(design.P == 1 ? "" : "s")} and 4 variance components; at least {design.P + 5} are needed.");
        }

        if (design.FirstDependentFixedColumn() is var dependent and >= 0)
        {
            throw new InsufficientRatingsException(Method,
                $"the fixed part (competencies and sources) is not estimable: {design.FixedNames[dependent]} is a combination of {string.Join(", ", design.FixedNames[..dependent])}, so some source or competency is fully confounded with another (a source that rated only competencies no other source rated, for example).");
        }

        var cellTerm = design.CompetenciesPresent > 1 && design.Cells < design.N;
        if (design.CompetenciesPresent > 1 && !cellTerm)
        {
            warnings.Add(CalibrationWarningCodes.CellTermLeftOut, "Every person was rated once per competency, so person × competency variation cannot be told apart from noise; the ratee_competency term was left out.");
        }

        DesignChecks.AddDesignWarnings(people ?? others, warnings, raterEffects: raterTerm);
        Started(progress, "Moment estimates");
        var moments = MomentEstimator.Estimate(design, cellTerm, raterTerm);
        var terms = new Terms(cellTerm, raterTerm);
        // Units of one person (one per domain) are told apart from other people's, so that their raters meet in the
        // factor and the covariance of the two units' estimates can be read from it.
        Func<int, bool>? joinsPrevious = units is null ? null : t => units.SamePerson(design.Ratings.Ratees[t], design.Ratings.Ratees[t - 1]);
        var plan = Plan(design, terms, progress, joinsPrevious);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var timed = progress is null ? null : new TimedProgress(progress, plan.Prediction.Seconds, clock);
        CalibrationResult result;
        if (plan.System is { } system)
        {
            // A prediction can be wrong; a fit that runs past twice the limit is stopped rather than left to tie a host up.
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(TimeSpan.FromSeconds(2 * Options.ExactPathMaxSeconds));
            try
            {
                result = FitExact(system, design, terms, moments, warnings, timed, plan.Structure!, joinsPrevious, limit.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                var overrun = $"the exact path ran past twice its limit of {Guard.Format(Options.ExactPathMaxSeconds)} s (ExactPathMaxSeconds; it was predicted to take {plan.Prediction})";
                if (Options.Path == CrossedModelPath.Exact)
                {
                    throw new CalibrationBudgetException(Method, $"{overrun}. The scalable path (Path = Scalable) is predicted to take {CrossedCostModel.Scalable(design, Workers)}.");
                }

                warnings.Add(CalibrationWarningCodes.ScalablePathTaken, $"The exact REML path was stopped: {overrun}; the scalable path estimated REML instead (each component's Monte-Carlo error is reported).");
                result = FitScalable(design, terms, moments, warnings, progress, cancellationToken);
            }
        }
        else
        {
            if (plan.Declined is { } declined)
            {
                warnings.Add(CalibrationWarningCodes.ScalablePathTaken, $"The exact REML path was not taken: {declined}. The scalable path estimated REML instead (each component's Monte-Carlo error is reported).");
            }

            result = FitScalable(design, terms, moments, warnings, timed, cancellationToken);
        }

        return SelfEffect.AddTo(result, ratings, ratings.Count - others.Count);
    }

    private static void Started(IProgress<CalibrationProgress>? progress, string stage) => progress?.Report(new CalibrationProgress(stage, 0, null));

    /// <summary>The threads a fit may use.</summary>
    private int Workers => Options.MaxDegreeOfParallelism == -1 ? Environment.ProcessorCount : Options.MaxDegreeOfParallelism;

    /// <summary>
    /// Chooses the path from the cost model: the exact path's symbolic analysis (stopped as soon as its factor would not fit
    /// in memory) gives its size and operation count, from which its time and memory are predicted next to the scalable
    /// path's. Refuses, before anything is factored, a path the caller forced that would exceed a limit, and a fit no path
    /// can do within them.
    /// </summary>
    private FitPlan Plan(CrossedDesign design, Terms terms, IProgress<CalibrationProgress>? progress, Func<int, bool>? joinsPrevious)
    {
        var budget = CrossedCostModel.MemoryBudget(Options.MaxMemoryBytes);
        var scalable = CrossedCostModel.Scalable(design, Workers);
        string? declined = null;
        if (Options.Path != CrossedModelPath.Scalable)
        {
            Started(progress, "Sparse analysis");
            var workers = Math.Max(1, Math.Min(Workers, NewtonPoints(terms)));
            var perEntry = CrossedCostModel.BytesPerFactorEntry(workers);
            var designBytes = CrossedCostModel.DesignBytes(design);
            var affordable = Math.Max(1, (budget - designBytes) / perEntry);
            var columns = (long)design.Raters + design.P;
            // Below a million entries the analysis is quick, and the refusal then names the predicted time itself.
            var inTime = Math.Max(1_000_000, CrossedCostModel.ExactEntriesWithin(Options.ExactPathMaxSeconds, columns, workers));
            var cap = Math.Min(Math.Min(affordable, inTime), Options.Path == CrossedModelPath.Exact ? long.MaxValue : Options.ExactPathMaxFactorEntries);
            var system = designBytes >= budget ? null : CrossedSystem.TryCreate(design, cap, joinsPrevious);
            if (system is null)
            {
                declined = designBytes >= budget
                    ? $"the design alone needs {CrossedCostModel.Megabytes(designBytes)}, more than the {CrossedCostModel.Megabytes(budget)} allowed (MaxMemoryBytes)"
                    : cap == affordable
                        ? $"its sparse factor would hold more than {cap:N0} entries, more than the {CrossedCostModel.Megabytes(budget)} allowed (MaxMemoryBytes) can hold"
                        : cap == inTime
                            ? $"its sparse factor would hold more than {cap:N0} entries over {columns:N0} columns, whose {(double)cap * cap / columns:G3} multiply–adds at least would take more than the {Guard.Format(Options.ExactPathMaxSeconds)} s allowed (ExactPathMaxSeconds)"
                            : $"its sparse factor would hold more than {cap:N0} entries (ExactPathMaxFactorEntries)";
            }
            else
            {
                var exact = CrossedCostModel.Exact(design, system.RaterFactor, workers);
                // Auto also takes the scalable path when it is predicted to be well over 1.5 times faster: both estimate
                // REML, and the exact path's extra (exact standard errors, no Monte-Carlo error) is worth a little time only.
                declined = exact.Bytes > budget
                    ? $"it is predicted to need {CrossedCostModel.Megabytes(exact.Bytes)}, more than the {CrossedCostModel.Megabytes(budget)} allowed (MaxMemoryBytes)"
                    : exact.Seconds > Options.ExactPathMaxSeconds
                        ? $"it is predicted to take {CrossedCostModel.Seconds(exact.Seconds)}, more than the {Guard.Format(Options.ExactPathMaxSeconds)} s allowed (ExactPathMaxSeconds)"
                        : Options.Path == CrossedModelPath.Auto && exact.Seconds > ExactPreference * scalable.Seconds && scalable.Bytes <= budget
                            ? $"it is predicted to take {CrossedCostModel.Seconds(exact.Seconds)}, more than {Guard.Format(ExactPreference)} times the scalable path's {CrossedCostModel.Seconds(scalable.Seconds)}"
                            : null;
                if (declined is null)
                {
                    // The result names the structure only: the prediction depends on the machine, and results may not.
                    var structure = $"sparse factor of {system.RaterFactor.Entries:N0} entries, largest dense block {system.RaterFactor.LargestSupernode:N0}";
                    progress?.Report(new CalibrationProgress($"Exact path: {structure}; predicted {exact} (scalable {scalable})", 0, null) { Remaining = TimeSpan.FromSeconds(exact.Seconds) });
                    return new FitPlan(system, exact, structure, null);
                }
            }

            if (Options.Path == CrossedModelPath.Exact)
            {
                throw new CalibrationBudgetException(Method, scalable.Bytes > budget
                    ? $"the exact path was not started: {declined}. The scalable path would not fit either (predicted {scalable}): raise MaxMemoryBytes."
                    : $"the exact path was not started: {declined}. The scalable path (Path = Scalable), which ExactPathMaxSeconds does not bound, is predicted to take {scalable}; or raise the limit.");
            }
        }

        if (scalable.Bytes > budget)
        {
            throw new CalibrationBudgetException(Method,
                $"the scalable path is predicted to need {CrossedCostModel.Megabytes(scalable.Bytes)}, more than the {CrossedCostModel.Megabytes(budget)} allowed (MaxMemoryBytes)" +
                (declined is null ? "." : $", and the exact path was not started: {declined}."));
        }

        progress?.Report(new CalibrationProgress($"Scalable path: predicted {scalable}", 0, null) { Remaining = TimeSpan.FromSeconds(scalable.Seconds) });
        return new FitPlan(null, scalable, null, declined);
    }

    /// <summary>
    /// The residual variance REML starts from: the moment estimate, but at least 5% of the moments' total. Moments can put
    /// it at 0 (clipped) on small designs, and a start at 10⁻¹² cost the scalable path 45 Newton iterations, spent doubling
    /// it, that ended on a wrong boundary, and the exact path 168.
    /// </summary>
    private static double StartingResidual((double Cell, double Ratee, double Rater, double Residual) moments) =>
        Math.Max(moments.Residual, 0.05 * (moments.Cell + moments.Ratee + moments.Rater + moments.Residual)) is var r && r > 0 ? r : 1e-6;

    /// <summary>What a fit whose REML criterion has two optima says of them.</summary>
    internal const string TwoOptima =
        "one of the two puts a variance component at 0. People and raters are too nearly confounded for the data to tell the components apart (raters who rated one or two people each); treat the components and standard errors with caution.";

    /// <summary>The criterion evaluations a Newton iteration can share out: 1 + 2d + d(d − 1)/2 less the centre, for d free parameters.</summary>
    private static int NewtonPoints(Terms terms) => terms.Free([0, 0, 0]).Length switch { 3 => 9, 2 => 5, _ => 3 };

    private CalibrationResult FitScalable(
        CrossedDesign design,
        Terms terms,
        (double Cell, double Ratee, double Rater, double Residual) moments,
        List<CalibrationWarning> warnings,
        IProgress<CalibrationProgress>? progress,
        CancellationToken cancellationToken)
    {
        // REML components by average-information Newton steps with stochastic traces, from the moment estimates (each
        // random term started at least at 0.05² of the residual, as the exact path starts θ at 0.05, so a term the
        // moments put at 0 can still come back). Then the BLUPs for them, and one solve per fixed effect for their
        // covariance: the β block of the inverse of the mixed-model matrix, (XᵀV⁻¹X)⁻¹ in units of σ²_e.
        if (_heldTheta is not null)
        {
            warnings.Add(CalibrationWarningCodes.ComponentsEstimated,
                "Variance components held from another fit were asked for, but the scalable path estimates them: they are these ratings' own REML estimates.");
        }

        var startingResidual = StartingResidual(moments);
        double Floor(double variance, bool included) => included ? Math.Max(variance, 0.0025 * startingResidual) : 0;
        var start = (Floor(moments.Cell, terms.Cell), Floor(moments.Ratee, true), Floor(moments.Rater, terms.Rater), startingResidual);
        var budget = CrossedCostModel.MemoryBudget(Options.MaxMemoryBytes);
        var reml = ScalableReml.Fit(
            design,
            start,
            Options.Tolerance,
            Options.MaxIterations,
            Workers,
            CrossedCostModel.ScalableColumns(design, Workers, budget),
            2 * CrossedCostModel.ScalableColumnIterationsAtMost(design),
            (iteration, _, left) => progress?.Report(new CalibrationProgress(Stage, iteration, null) { Remaining = left is { } l ? TimeSpan.FromSeconds(l) : null }),
            cancellationToken);
        var variance = reml.Variance;
        var solver = new CrossedIterativeSolver(design, variance);
        var (beta, cellEffects, rateeEffects, raterEffects) = solver.Split(reml.Solution);
        var betaCovariance = new double[design.P * design.P];
        for (var j = 0; j < design.P; j++)
        {
            for (var k = 0; k < design.P; k++)
            {
                // Symmetrised: each column was solved to its own tolerance.
                betaCovariance[(k * design.P) + j] = 0.5 * (reml.FixedColumns[j][k] + reml.FixedColumns[k][j]);
            }
        }

        var converged = reml.Converged;
        if (reml.ProbesLimitedByMemory)
        {
            warnings.Add(CalibrationWarningCodes.FewProbes, $"The memory allowed ({CrossedCostModel.Megabytes(budget)}, MaxMemoryBytes) held {reml.Probes} probe vectors, fewer than the Monte-Carlo error target of {Guard.Format(ScalableReml.TargetRelativeError)} of each component (of {Guard.Format(ScalableReml.SmallComponentShare)} of the total variance for a smaller one) needed: the components' Monte-Carlo errors, reported with them, are larger.");
        }

        if (reml.ProbesLimitedByTime)
        {
            warnings.Add(CalibrationWarningCodes.FewProbes, $"The probe vectors the Monte-Carlo error target of {Guard.Format(ScalableReml.TargetRelativeError)} of each component (of {Guard.Format(ScalableReml.SmallComponentShare)} of the total variance for a smaller one) needed would have taken the scalable path past twice its longest predicted time; it used {reml.Probes}, and the components' Monte-Carlo errors, reported with them, are larger. The exact path (Path = Exact) has no Monte-Carlo error.");
        }

        if (reml.ProbesLimitedByCap)
        {
            warnings.Add(CalibrationWarningCodes.FewProbes, $"A term needed more than the {ScalableReml.MaxProbesPerTerm} probe vectors a term gets for the Monte-Carlo error target of {Guard.Format(ScalableReml.TargetRelativeError)} of each component (of {Guard.Format(ScalableReml.SmallComponentShare)} of the total variance for a smaller one): the components' Monte-Carlo errors, reported with them, are larger. The exact path (Path = Exact) has no Monte-Carlo error.");
        }

        if (!reml.SolvesConverged)
        {
            warnings.Add(CalibrationWarningCodes.NotConverged, $"A conjugate-gradient solve stopped after {Options.MaxIterations} iterations (MaxIterations) without meeting its tolerance, so the REML iterations stopped after {reml.Iterations}: the variance components are not at the optimum.");
        }
        else if (!reml.NewtonConverged)
        {
            warnings.Add(CalibrationWarningCodes.NotConverged, $"The REML iterations stopped after {reml.Iterations} Newton steps without settling: the variance components are not at the optimum.");
        }

        // Prediction-error variances conditional on the rater and fixed effects (the nested ratee/cell block in closed
        // form): cheap, and they understate the exact ones because rater uncertainty is left out. Said in the result, since
        // a reader cannot tell from the numbers.
        warnings.Add(CalibrationWarningCodes.ApproximateStandardErrors, reml.RaterInverseDiagonal is null
            ? $"Standard errors on the scalable path leave out part of the uncertainty: estimates' that of the rater and fixed effects (on the designs measured up to 18% below the exact path's, 8% at the median), rater effects' that of the people they rated (up to 81% below, for raters who rated many people; up to {ScalableReml.ExactRaters} raters get exact ones)."
            : "Standard errors of estimates on the scalable path leave out the uncertainty of the rater and fixed effects: on the designs measured they ran up to 18% below the exact path's (8% at the median). Rater effects' are exact.");
        var residual = variance.Residual;
        var lambdaCell = variance.Cell > 0 ? residual / variance.Cell : double.PositiveInfinity;
        var lambdaRatee = variance.Ratee > 0 ? residual / variance.Ratee : double.PositiveInfinity;
        var lambdaRater = variance.Rater > 0 ? residual / variance.Rater : double.PositiveInfinity;
        var cellPev = new double[design.Cells];
        var pairStart = CrossedSystem.CellPairStarts(design);
        var cellPairs = new double[pairStart[design.Ratees]];
        for (var t = 0; t < design.Ratees; t++)
        {
            var precision = design.RateeN[t] + lambdaRatee;
            for (var c = design.RateeCellStart[t]; c < design.RateeCellStart[t + 1]; c++)
            {
                precision -= double.IsPositiveInfinity(lambdaCell) ? 0 : design.CellN[c] * design.CellN[c] / (design.CellN[c] + lambdaCell);
            }

            var rateeVariance = double.IsPositiveInfinity(lambdaRatee) ? 0 : 1 / precision;
            var pair = pairStart[t];
            for (var c = design.RateeCellStart[t]; c < design.RateeCellStart[t + 1]; c++)
            {
                var shrink = double.IsPositiveInfinity(lambdaCell) ? 1 : lambdaCell / (design.CellN[c] + lambdaCell);
                var cellVariance = double.IsPositiveInfinity(lambdaCell) ? 0 : 1 / (design.CellN[c] + lambdaCell);
                cellPev[c] = residual * ((rateeVariance * shrink * shrink) + cellVariance);

                // Two of the ratee's cells share only its effect's error (conditionally on the rater and fixed effects).
                for (var earlier = design.RateeCellStart[t]; earlier < c; earlier++)
                {
                    var shrinkEarlier = double.IsPositiveInfinity(lambdaCell) ? 1 : lambdaCell / (design.CellN[earlier] + lambdaCell);
                    cellPairs[pair++] = residual * rateeVariance * shrink * shrinkEarlier;
                }
            }
        }

        // Raters few enough to be traced with unit vectors (assessors, small panels) have their exact prediction-error
        // variances: C⁻¹'s diagonal came with the traces. Otherwise the conditional ones, which leave out the uncertainty
        // of the people they rated.
        var raterPev = new double[design.Raters];
        for (var r = 0; r < design.Raters; r++)
        {
            raterPev[r] = double.IsPositiveInfinity(lambdaRater) ? 0
                : reml.RaterInverseDiagonal is { } exactRaters ? residual * exactRaters[r]
                : residual / (design.RaterN[r] + lambdaRater);
        }

        var error = reml.MonteCarloError;
        var components = Components(terms, variance.Cell, variance.Ratee, variance.Rater, residual, warnings)
            .Select(c => new VarianceComponent(c.Name, c.Variance, c.Name switch
            {
                VarianceComponent.RateeCompetency => error.Cell,
                VarianceComponent.Ratee => error.Ratee,
                VarianceComponent.Rater => error.Rater,
                _ => error.Residual,
            }))
            .ToImmutableArray();
        return Result(
            design,
            $"REML, scalable (average-information Newton; traces from {reml.Probes:N0} probe vectors; preconditioned conjugate gradients)",
            beta,
            cellEffects,
            rateeEffects,
            raterEffects,
            cellPev,
            cellPairs,
            raterPev,
            betaCovariance,
            residual,
            components,
            reml.Iterations,
            converged,
            null,
            warnings,
            new CrossedModelFit(CrossedModelPath.Scalable, components, null, reml.Probes));
    }

    private CalibrationResult FitExact(
        CrossedSystem system,
        CrossedDesign design,
        Terms terms,
        (double Cell, double Ratee, double Rater, double Residual) moments,
        List<CalibrationWarning> warnings,
        IProgress<CalibrationProgress>? progress,
        string structure,
        Func<int, bool>? joinsPrevious,
        CancellationToken cancellationToken)
    {
        var residual = StartingResidual(moments);
        double Start(double variance) => Math.Max(Math.Sqrt(variance / residual), 0.05);
        var start = terms.Free([Start(moments.Cell), Start(moments.Ratee), Start(moments.Rater)]);
        // The difference points of a Newton iteration are independent: each worker evaluates its share on its own copy of
        // the system's work space. Every criterion is computed the same way on any thread, so results do not depend on
        // the degree of parallelism.
        var systems = new CrossedSystem[Math.Max(1, Math.Min(Workers, NewtonPoints(terms)))];
        systems[0] = system;
        for (var w = 1; w < systems.Length; w++)
        {
            systems[w] = system.WithOwnWorkspace();
        }

        double Criterion(CrossedSystem on, double[] free) => on.Criterion(terms.Theta(free));
        double[] Evaluate(double[][] points)
        {
            var values = new double[points.Length];
            var share = Math.Min(systems.Length, points.Length);
            if (share == 1)
            {
                for (var i = 0; i < points.Length; i++)
                {
                    values[i] = Criterion(system, points[i]);
                }

                return values;
            }

            Parallel.For(0, share, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = share }, w =>
            {
                for (var i = w; i < points.Length; i += share)
                {
                    values[i] = Criterion(systems[w], points[i]);
                }
            });
            return values;
        }

        var (best, criterion, evaluations, used, converged) = _heldTheta is { } held
            ? (terms.Free(held), Criterion(system, terms.Free(held)), 1, 0, true)
            : NewtonMinimiser.Minimise(
                Evaluate,
                start,
                Options.Tolerance,
                Options.MaxIterations,
                (iteration, value) => progress?.Report(new CalibrationProgress(Stage, iteration, value)),
                cancellationToken);

        // A component at 0 may be a second, higher optimum: where people and raters are nearly confounded the criterion has
        // two, one with either at 0. The search is run again from lme4's start (every θ at 1), and its end kept if lower by
        // more than the two searches' own differences (the same optimum reached twice differs by rounding, and a choice on
        // rounding broke scale invariance): a design of 36 ratings ended on a ratee component of 0 with a REML criterion
        // of 69.25 where lme4 found 0.48 and 67.74.
        if (_heldTheta is null && best.Any(t => Math.Abs(t) < 1e-3) && evaluations < Options.MaxIterations)
        {
            var again = NewtonMinimiser.Minimise(
                Evaluate,
                [.. start.Select(_ => 1.0)],
                Options.Tolerance,
                Options.MaxIterations - evaluations,
                (iteration, value) => progress?.Report(new CalibrationProgress(Stage, used + iteration, value)),
                cancellationToken);
            var (lower, higher) = again.F < criterion ? (again.F, criterion) : (criterion, again.F);
            var second = again.Converged && converged && again.X.Zip(best).Any(p => Math.Abs(Math.Abs(p.First) - Math.Abs(p.Second)) > 0.01);
            if (again.F < criterion - (1e-6 * Math.Max(1, Math.Abs(criterion))))
            {
                (best, criterion, converged) = (again.X, again.F, again.Converged);
            }

            (evaluations, used) = (evaluations + again.Evaluations, used + again.Iterations);
            if (second)
            {
                warnings.Add(CalibrationWarningCodes.TwoOptima, $"The fit has two optima on these data: the one reported fits better, by {(higher - lower).ToString("F2", CultureInfo.InvariantCulture)} on the REML criterion ({lower.ToString("F2", CultureInfo.InvariantCulture)} against {higher.ToString("F2", CultureInfo.InvariantCulture)}; lower is better), and {TwoOptima}");
            }
        }

        if (!double.IsFinite(criterion))
        {
            throw new InsufficientRatingsException(Method,
                "the fixed part (competencies and sources) is not estimable: some source or competency is fully confounded with another.");
        }

        Started(progress, "Standard errors");
        var theta = terms.Theta([.. best.Select(Math.Abs)]);
        system.Criterion(theta);
        var sigma2 = system.PenalisedRss / system.DegreesOfFreedom;
        var (beta, cell, ratee, rater) = system.Solve();
        var reference = new ReferenceRow(design);
        var (cellPev, raterPev, betaCovariance, cellPairs, unitPairs) = system.PredictionVariances(reference.For, Workers, joinsPrevious);

        var components = Components(terms, sigma2 * theta[0] * theta[0], sigma2 * theta[1] * theta[1], sigma2 * theta[2] * theta[2], sigma2, warnings);
        if (!converged)
        {
            warnings.Add(CalibrationWarningCodes.NotConverged, $"The REML optimisation stopped after {used} iterations ({evaluations} criterion evaluations) without meeting the tolerance {Options.Tolerance.ToString("R", CultureInfo.InvariantCulture)}.");
        }

        return Result(
            design,
            $"{(_heldTheta is null ? "REML" : "REML with the variance components held")}, exact (block elimination and supernodal sparse Cholesky: {structure})",
            beta,
            cell,
            ratee,
            rater,
            [.. cellPev.Select(v => sigma2 * v)],
            [.. cellPairs.Select(v => sigma2 * v)],
            [.. raterPev.Select(v => sigma2 * v)],
            betaCovariance,
            sigma2,
            components,
            used,
            converged,
            criterion,
            warnings,
            new CrossedModelFit(CrossedModelPath.Exact, components, criterion, null, componentsHeld: _heldTheta is not null),
            unitPairs.Length == 0 ? null : (CrossedSystem.UnitPairStarts(design, joinsPrevious), [.. unitPairs.Select(v => sigma2 * v)]));
    }

    private static ImmutableArray<VarianceComponent> Components(Terms terms, double cell, double ratee, double rater, double residual, List<CalibrationWarning> warnings)
    {
        var components = ImmutableArray.CreateBuilder<VarianceComponent>();
        if (terms.Cell)
        {
            components.Add(new VarianceComponent(VarianceComponent.RateeCompetency, cell));
        }

        components.Add(new VarianceComponent(VarianceComponent.Ratee, ratee));
        if (terms.Rater)
        {
            components.Add(new VarianceComponent(VarianceComponent.Rater, rater));
        }

        components.Add(new VarianceComponent(VarianceComponent.Residual, residual));
        foreach (var component in components.Where(c => c.Name != VarianceComponent.Residual && c.Variance < 1e-8 * residual))
        {
            warnings.Add(CalibrationWarningCodes.BoundaryFit, $"The {component.Name} variance was estimated at 0 (a boundary fit): the data show no {component.Name} variation beyond noise.");
        }

        // The other boundary: noise absorbed by a random term that cannot be told apart from it.
        var total = components.Sum(c => c.Variance);
        if (residual < 0.01 * total)
        {
            warnings.Add(CalibrationWarningCodes.BoundaryFit, 
                $"The residual variance was estimated at {residual.ToString("G3", CultureInfo.InvariantCulture)}, under 1% of the total (a boundary fit): a random term has absorbed the noise, which happens when it can hardly be told apart from it (raters or cells with one rating each). Treat the components and standard errors with caution.");
        }

        return components.ToImmutable();
    }

    /// <summary>Assembles a result; prediction variances are in squared scale points, β's covariance in units of <paramref name="betaScale"/>.</summary>
    private CalibrationResult Result(
        CrossedDesign design,
        string algorithm,
        double[] beta,
        double[] cell,
        double[] ratee,
        double[] rater,
        double[] cellPev,
        double[] cellPairs,
        double[] raterPev,
        double[] betaCovariance,
        double betaScale,
        ImmutableArray<VarianceComponent> components,
        int iterations,
        bool converged,
        double? objective,
        List<CalibrationWarning> warnings,
        CrossedModelFit fit,
        (int[] Starts, double[] Covariances)? unitPairs = null)
    {
        var reference = new ReferenceRow(design);
        double Component(string name) => components.FirstOrDefault(v => v.Name == name)?.Variance ?? 0;
        var (residual, rateeVariance, cellVariance) = (Component(VarianceComponent.Residual), Component(VarianceComponent.Ratee), Component(VarianceComponent.RateeCompetency));
        var trueVariance = rateeVariance + cellVariance;
        var estimates = ImmutableArray.CreateBuilder<CompetencyEstimate>(design.Cells);
        for (var c = 0; c < design.Cells; c++)
        {
            var t = design.CellRatee[c];
            var mean = reference.Dot(design.CellCompetency[c], beta);

            // Kelley's reliability: how much of the person's own evidence the prediction keeps (its prediction-error
            // variance against the variance of true levels around the competency's mean).
            var reliability = trueVariance > 0 ? Math.Clamp(1 - (cellPev[c] / trueVariance), MinReliability, 1) : 1;
            estimates.Add(new CompetencyEstimate(
                design.Ratings.Ratees[t],
                design.Ratings.Model.Competencies[design.CellCompetency[c]].Id,
                mean + ratee[t] + cell[c],
                Math.Sqrt(cellPev[c]),
                (int)design.CellN[c],
                design.CellRaters[c],
                reliability,
                reliability < 1 ? mean : null));
        }

        var pairStart = CrossedSystem.CellPairStarts(design);
        var correlations = new Dictionary<RateeId, EstimateCorrelations>(design.Ratees);
        var conditional = new Dictionary<RateeId, EstimateCorrelations>(design.Ratees);
        var givenVariance = new double[design.Cells];
        for (var t = 0; t < design.Ratees; t++)
        {
            var first = design.RateeCellStart[t];
            var count = design.RateeCellStart[t + 1] - first;
            Func<int, int, double> posterior = (i, j) => cellPairs[pairStart[t] + (i * (i - 1) / 2) + j];
            correlations.Add(design.Ratings.Ratees[t], EstimateCorrelations.FromCovariances(cellPev.AsSpan(first, count), posterior));
            var given = new ConditionalCovariance(design.CellN, first, first + count, residual, rateeVariance, cellVariance);
            for (var i = 0; i < count; i++)
            {
                givenVariance[first + i] = given.Variance(i, cellPev[first + i]);
            }

            conditional.Add(design.Ratings.Ratees[t], EstimateCorrelations.FromCovariances(givenVariance.AsSpan(first, count), (i, j) => given.Covariance(i, j, posterior(i, j))));
        }

        // Two domain units of one person: their cells share no eliminated block, so their covariance is the shared raters'
        // and fixed effects' uncertainty alone, the same given the true levels as around the shrunk estimates.
        Dictionary<RateeId, UnitCrossing>? crossings = null;
        if (unitPairs is var (starts, covariances))
        {
            crossings = [];
            for (var t = 1; t < design.Ratees; t++)
            {
                if (starts[t + 1] == starts[t])
                {
                    continue;
                }

                var (before, first, cells) = (design.RateeCellStart[t - 1], design.RateeCellStart[t], design.RateeCellStart[t + 1] - design.RateeCellStart[t]);
                var (posterior, given) = (new double[starts[t + 1] - starts[t]], new double[starts[t + 1] - starts[t]]);
                for (var b = 0; b < first - before; b++)
                {
                    for (var c = 0; c < cells; c++)
                    {
                        var covariance = covariances[starts[t] + (b * cells) + c];
                        posterior[(b * cells) + c] = Correlation(covariance, cellPev[before + b], cellPev[first + c]);
                        given[(b * cells) + c] = Correlation(covariance, givenVariance[before + b], givenVariance[first + c]);
                    }
                }

                crossings.Add(design.Ratings.Ratees[t], new UnitCrossing(design.Ratings.Ratees[t - 1], posterior, given));
            }
        }

        // Without the rater term the design holds one stand-in rater; no rater's effect was estimated.
        var raters = ImmutableArray.CreateBuilder<RaterEffect>(design.RaterTerm ? design.Raters : 0);
        for (var r = 0; design.RaterTerm && r < design.Raters; r++)
        {
            raters.Add(new RaterEffect(design.Ratings.Raters[r], rater[r], Math.Sqrt(raterPev[r]), (int)design.RaterN[r]));
        }

        var fixedEffects = design.FixedNames
            .Select((name, j) => new FixedEffect(name, beta[j], Math.Sqrt(betaScale * betaCovariance[(j * design.P) + j])))
            .ToImmutableArray();
        return new CalibrationResult(
            Method,
            algorithm,
            estimates.MoveToImmutable(),
            raters.MoveToImmutable(),
            reference.SourceEffects(beta, betaCovariance, betaScale),
            components,
            fixedEffects,
            iterations,
            converged,
            objective,
            [.. warnings],
            correlations: correlations,
            crossed: fit,
            conditionalCorrelations: conditional)
        {
            UnitCrossings = crossings,
        };
    }

    /// <summary>A covariance over the standard deviations, held in [−1, 1] against rounding; 0 where a variance is 0.</summary>
    private static double Correlation(double covariance, double variance, double other) =>
        variance > 0 && other > 0 ? Math.Clamp(covariance / Math.Sqrt(variance * other), -1, 1) : 0;

    /// <summary>Which of the random terms with a free variance (ratee × competency, ratee, rater) the fit includes; the ratee term always is.</summary>
    private readonly record struct Terms(bool Cell, bool Rater)
    {
        /// <summary>The free parameters among (θ_cell, θ_ratee, θ_rater).</summary>
        public double[] Free(double[] theta) => [.. Enumerable.Range(0, 3).Where(Includes).Select(k => theta[k])];

        /// <summary>(θ_cell, θ_ratee, θ_rater) from the free parameters, 0 for a term left out.</summary>
        public double[] Theta(double[] free)
        {
            var theta = new double[3];
            var next = 0;
            for (var k = 0; k < 3; k++)
            {
                theta[k] = Includes(k) ? free[next++] : 0;
            }

            return theta;
        }

        private bool Includes(int k) => k switch { 0 => Cell, 2 => Rater, _ => true };
    }

    /// <summary>The chosen path: the exact path's system and the structure of its factor (null for the scalable path), the prediction, and why the exact path was declined.</summary>
    private sealed record FitPlan(CrossedSystem? System, CrossedCostModel.Prediction Prediction, string? Structure, string? Declined);

    /// <summary>Passes reports on with the predicted time less the time spent as the estimate of what is left.</summary>
    private sealed class TimedProgress(IProgress<CalibrationProgress> inner, double predicted, System.Diagnostics.Stopwatch clock) : IProgress<CalibrationProgress>
    {
        public void Report(CalibrationProgress value) =>
            inner.Report(value with { Remaining = value.Remaining ?? TimeSpan.FromSeconds(Math.Max(0, predicted - clock.Elapsed.TotalSeconds)) });
    }
}
