using System.Globalization;
using Readiness.Calibration.Internal;
using Readiness.Evidence;
using Readiness.Internal;

namespace Readiness.Calibration;

/// <summary>
/// Calibrates ratings taken over several review cycles with the crossed model extended with time:
/// <c>value ~ competency + competency:time + source + (1 + time | ratee) + (1 | ratee:competency) + (1 | rater)</c>, time
/// in years since the first cycle rated — a level and a growth rate per person (correlated), each competency's average growth,
/// and rater leniency that stays with the rater across cycles. Fitted by REML as lme4 fits it.
/// </summary>
/// <remarks>
/// <para>
/// Self-ratings never inform an estimate, as in <see cref="CrossedRandomEffectsCalibrator"/>. When every other rating lies
/// in one cycle there is no time to measure growth over: the slopes are left out and the fit is the crossed model
/// (<see cref="GrowthCalibration.MeasuresGrowth"/> is false). The rater term is left out, with a warning, when too few
/// ratings repeat a rater to tell leniency from noise, and the ratee × competency term when no cell was rated twice.
/// </para>
/// <para>
/// The whole mixed-model matrix is factored by a supernodal sparse Cholesky (the cliques of a rating's cell, ratee level
/// and growth, and rater; the fixed effects as its dense tail), and the criterion minimised by Newton's method over the
/// relative covariance parameters. Suited to the exact path's sizes (about 100,000 ratings); the cross-sectional model's
/// scalable path has no longitudinal counterpart yet.
/// </para>
/// </remarks>
public sealed class LongitudinalCalibrator
{
    private const int MinRaterRepeats = 10;
    private const double DaysPerYear = 365.25;

    /// <summary>Initializes a new instance of the <see cref="LongitudinalCalibrator"/> class.</summary>
    /// <param name="options">The settings; null for the defaults.</param>
    /// <exception cref="ArgumentException">The options break a rule (<see cref="LongitudinalModelOptions.Validate"/>).</exception>
    public LongitudinalCalibrator(LongitudinalModelOptions? options = null) => Options = (options ?? new LongitudinalModelOptions()).Validated();

    /// <summary>Gets the method's name, as the estimates at a date report it.</summary>
    public static CalibrationMethod Method { get; } = new("Longitudinal");

    /// <summary>Gets the settings.</summary>
    public LongitudinalModelOptions Options { get; }

    /// <summary>Fits the longitudinal model.</summary>
    /// <param name="ratings">The ratings; every one in a cycle that <paramref name="cycles"/> dates.</param>
    /// <param name="cycles">The cycles' dates.</param>
    /// <param name="development">
    /// Development records, or null. Each intervention name adds two terms: the years a person had spent in it by a
    /// rating (<c>during:&lt;name&gt;</c>, its coefficient the change in growth a year while in it) and the years since it
    /// ended (<c>after:&lt;name&gt;</c>, the change in growth a year after it), on the competencies it develops; their
    /// estimates are <see cref="GrowthCalibration.InterventionEffects"/>.
    /// </param>
    /// <param name="cancellationToken">Stops the optimisation.</param>
    /// <returns>The fit: variance components, growth per person and per competency, estimates at any date.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ratings"/> or <paramref name="cycles"/> is null.</exception>
    /// <exception cref="ArgumentException">A rating carries no cycle, or a cycle <paramref name="cycles"/> does not date, or a development record is null, repeats or overlaps another of the same person and intervention, or names a competency the model does not have; the message names it.</exception>
    /// <exception cref="InsufficientRatingsException">The ratings cannot support the model.</exception>
    public GrowthCalibration Calibrate(RatingSet ratings, ReviewCycles cycles, IEnumerable<DevelopmentRecord>? development = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        ArgumentNullException.ThrowIfNull(cycles);
        var records = Guard.NoNulls(development ?? [], "development record");
        var once = new HashSet<(RateeId, string, string?, DateOnly, DateOnly?)>();
        foreach (var r in records)
        {
            if (!once.Add((r.Person, r.Intervention, r.Competency, r.Start, r.End)))
            {
                throw new ArgumentException($"The development record of {r.Person} in '{r.Intervention}' from {r.Start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)} is given twice; records of one name add up, so a repeat would count its time twice.", nameof(development));
            }

            if (r.Competency is { } id && !ratings.Model.TryGetCompetency(id, out _))
            {
                throw new ArgumentException($"The development record of {r.Person} in '{r.Intervention}' names the competency '{id}', which the model '{ratings.Model.Id}' does not have.", nameof(development));
            }
        }

        foreach (var group in records.GroupBy(r => (r.Person, r.Intervention)))
        {
            var periods = group.ToArray();
            for (var a = 0; a < periods.Length; a++)
            {
                for (var b = a + 1; b < periods.Length; b++)
                {
                    var (x, y) = (periods[a], periods[b]);
                    if (x.Overlaps(y))
                    {
                        throw new ArgumentException($"Two development records of {x.Person} in '{x.Intervention}' overlap (from {x.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} and from {y.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}) on a competency both develop; records of one name add up, so the months they share would count twice.", nameof(development));
                    }
                }
            }
        }

        var dates = CycleDates(ratings, cycles);
        DesignChecks.ThrowIfUnusable(Method, ratings, parameters: 6);
        var others = ratings.WithoutSource(RaterSource.Self);
        DesignChecks.ThrowIfUnusable(Method, others, parameters: 6);
        DesignChecks.ThrowIfOnePerson(Method, others);

        var warnings = new List<CalibrationWarning>();
        var repeats = others.Count - others.Raters.Length;
        var raterTerm = others.Raters.Length > 1 && repeats >= MinRaterRepeats;
        if (!raterTerm)
        {
            warnings.Add(CalibrationWarningCodes.RaterTermLeftOut,
                $"Only {repeats} of the {others.Count} ratings repeat a rater ({others.Raters.Length} raters), too few to tell rater leniency from noise (at least {MinRaterRepeats} are needed): the rater term was left out and the estimates are not adjusted for leniency.");
        }

        // Time is counted from the first cycle rated: a calendar that reaches further back (or forward) changes nothing.
        var origin = others.Cycles.Where(c => c is not null).Min(c => dates[c!]);
        double YearsOf(DateOnly date) => (date.DayNumber - origin.DayNumber) / DaysPerYear;
        var design = new GrowthDesign(others, [.. others.Cycles.Select(c => c is not null ? YearsOf(dates[c]) : 0)], raterTerm, records, YearsOf);
        if (!design.Growth)
        {
            // One date: today's crossed model itself, number for number, with its own warnings.
            List<CalibrationWarning> oneDate = [];
            oneDate.Add(CalibrationWarningCodes.NoGrowth,
                $"Every rating by others lies at one date, so there is no time to measure growth over: the fit is the cross-sectional crossed model and no growth is reported{(records.Length > 0 ? "; the development records were not used" : "")}.");
            return new GrowthCalibration(cycles, origin, new CrossedRandomEffectsCalibrator().Calibrate(ratings, cancellationToken: cancellationToken), oneDate) { Calibrator = this, Development = [.. records] };
        }

        if (records.Length > 0)
        {
            var unrated = records.Where(r => !others.TryGetRateeIndex(r.Person, out _)).Select(r => r.Person).Distinct().ToArray();
            if (unrated.Length > 0)
            {
                warnings.Add(CalibrationWarningCodes.UnratedDevelopment,
                    $"{unrated.Length} {(unrated.Length == 1 ? "person" : "people")} with development records (such as {unrated[0]}) {(unrated.Length == 1 ? "was" : "were")} not rated by others, so their development informs nothing.");
            }

            warnings.Add(CalibrationWarningCodes.DevelopmentNotRandomised,
                "Development was not assigned at random: each intervention's effect compares the people who took part with comparable people who did not, adjusted for their level and growth but not for why they were chosen — people chosen because they were already improving (or struggling) make an intervention look better (or worse) than it is. Read the effects as associations, and confirm one that matters by assigning places by lot.");
        }

        var parameters = design.P + 2 + (design.Growth ? 2 : 0) + (design.CellTerm ? 1 : 0) + (raterTerm ? 1 : 0);
        if (design.N <= parameters)
        {
            throw new InsufficientRatingsException(Method,
                $"{design.N} ratings cannot estimate {design.P} fixed effects and {parameters - design.P} covariance parameters; at least {parameters + 1} are needed.");
        }

        if (design.CompetenciesPresent > 1 && !design.CellTerm)
        {
            warnings.Add(CalibrationWarningCodes.CellTermLeftOut, "Every person was rated once per competency, so person × competency variation cannot be told apart from noise; the ratee_competency term was left out.");
        }

        var system = new GrowthSystem(design);
        var free = new FreeParameters(design);
        (double[] X, double F, int Evaluations, int Iterations, bool Converged) Search(double[] start, int budget) => NewtonMinimiser.Minimise(
            points => [.. points.Select(p => system.Criterion(free.Theta(p)))], start, Options.Tolerance, budget, null, cancellationToken);
        var (best, criterion, evaluations, iterations, converged) = Search(free.Start, Options.MaxIterations);

        // A search that did not settle, or settled with a component at 0, is run again from lme4's start; the lower end
        // is kept (a settled one before one that did not).
        if ((!converged || best.Any(t => Math.Abs(t) < 1e-3)) && evaluations < Options.MaxIterations)
        {
            var again = Search(free.LmeStart, Options.MaxIterations - evaluations);
            if ((again.Converged && !converged) || (again.Converged == converged && again.F < criterion))
            {
                (best, criterion, converged) = (again.X, again.F, again.Converged);
            }

            (evaluations, iterations) = (evaluations + again.Evaluations, iterations + again.Iterations);
        }

        if (!double.IsFinite(criterion))
        {
            throw new InsufficientRatingsException(Method,
                "the fixed part (competencies, their growth and sources) is not estimable: some column is fully confounded with others (a source that rated only competencies no other source rated, or a competency rated at one date only, for example).");
        }

        if (!converged)
        {
            warnings.Add(CalibrationWarningCodes.NotConverged, $"The REML optimisation stopped after {iterations} iterations ({evaluations} criterion evaluations) without meeting the tolerance {Options.Tolerance.ToString("R", CultureInfo.InvariantCulture)}.");
        }

        var theta = FreeParameters.Canonical(free.Theta(best));
        criterion = system.Criterion(theta);
        return new GrowthCalibration(cycles, origin, design, system, theta, criterion, iterations, converged, warnings) { Calibrator = this, Development = [.. records] };
    }

    /// <summary>The date of every cycle label the ratings use; refuses a rating without a cycle or with an undated one.</summary>
    private static Dictionary<string, DateOnly> CycleDates(RatingSet ratings, ReviewCycles cycles)
    {
        var years = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        var counts = new int[ratings.Cycles.Length];
        foreach (var c in ratings.CycleIndices)
        {
            counts[c]++;
        }

        for (var c = 0; c < ratings.Cycles.Length; c++)
        {
            if (counts[c] == 0)
            {
                continue;
            }

            if (ratings.Cycles[c] is not { } label)
            {
                throw new ArgumentException($"{counts[c]} of the {ratings.Count} ratings carry no review cycle; every rating of a longitudinal fit needs a cycle that the calendar dates.", nameof(ratings));
            }

            if (!cycles.TryGetDate(label, out var date))
            {
                throw new ArgumentException(
                    $"{counts[c]} ratings are in the review cycle '{label}', which the calendar does not date (it dates {string.Join(", ", cycles.Cycles.Take(6).Select(x => $"'{x.Label}'"))}{(cycles.Cycles.Length > 6 ? ", …" : "")}).",
                    nameof(cycles));
            }

            years[label] = date;
        }

        return years;
    }

    /// <summary>The covariance parameters the fit estimates, by design: θ_cell, λ₁₁, λ₂₁, λ₂₂, θ_rater, those absent held at 0.</summary>
    private sealed class FreeParameters(GrowthDesign design)
    {
        private const double FirstGrowth = 0.25;

        private readonly bool[] _free = [design.CellTerm, true, design.Growth, design.Growth, design.RaterTerm];

        /// <summary>
        /// The first start: 1 on every diagonal but growth's, 0 off it. Growth starts at a quarter of the residual SD a year:
        /// from lme4's 1 (a person's growth as large as the noise, each year) Newton once stopped on a simulated
        /// 600-person organisation at a REML criterion 331 above lme4's; from 0.1 to 0.5 it reached lme4's optimum there
        /// and on every other design tried.
        /// </summary>
        public double[] Start => Free([1, 1, 0, FirstGrowth, 1]);

        /// <summary>lme4's own start, every diagonal at 1, the second try when the first search does not settle.</summary>
        public double[] LmeStart => Free([1, 1, 0, 1, 1]);

        private double[] Free(double[] theta) => [.. Enumerable.Range(0, 5).Where(k => _free[k]).Select(k => theta[k])];

        public double[] Theta(double[] free)
        {
            var theta = new double[5];
            var next = 0;
            for (var k = 0; k < 5; k++)
            {
                theta[k] = _free[k] ? free[next++] : 0;
            }

            return theta;
        }

        /// <summary>
        /// The criterion depends on θ_cell², θ_rater² and Λ_bΛ_bᵀ only, so signs are free: diagonals are made non-negative,
        /// λ₂₁ flipping with λ₁₁ (a column of Λ_b changes sign as a whole).
        /// </summary>
        public static double[] Canonical(double[] theta)
        {
            var sign = theta[1] < 0 ? -1 : 1;
            return [Math.Abs(theta[0]), sign * theta[1], sign * theta[2], Math.Abs(theta[3]), Math.Abs(theta[4])];
        }
    }
}
