using System.Collections.Immutable;
using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using Readiness.Calibration.Internal;
using Readiness.Evidence;

namespace Readiness.Calibration;

/// <summary>
/// The longitudinal model fitted by <see cref="LongitudinalCalibrator"/>: variance components (with the correlation of a
/// person's level and growth), fixed effects, each person's and each competency's growth, rater leniency, and every
/// person's competency estimates at any date.
/// </summary>
/// <remarks>
/// Standard errors are prediction errors: they include the uncertainty of the fixed effects, as the crossed model's do.
/// Variance component names: <c>ratee</c> (level at the first cycle rated), <c>ratee_time</c> (growth a year),
/// <c>ratee_competency</c>, <c>rater</c>, <c>residual</c>; terms the fit left out are absent.
/// </remarks>
public sealed class GrowthCalibration
{
    private readonly GrowthDesign _design;
    private readonly GrowthSystem _system;
    private readonly double[] _theta;
    private readonly double[] _beta;
    private readonly double[] _inverse;
    private readonly double _sigma2;
    private readonly double[] _cell;
    private readonly double[] _level;
    private readonly double[] _growth;
    private readonly int[] _cellRatings;
    private readonly int[] _cellRaters;
    private Matrix<double>? _fixedPrecision;

    /// <summary>Gets the calibrator that made this fit, to refit the same model to part of the ratings.</summary>
    internal LongitudinalCalibrator Calibrator { get; init; } = null!;

    /// <summary>Gets the development records the fit was given.</summary>
    internal ImmutableArray<DevelopmentRecord> Development { get; init; } = [];

    /// <summary>
    /// A fit at the edge of its parameter space, said: a variance component at 0 (the data show no such variation beyond
    /// noise) and a level–growth correlation at ±1 (the two cannot be told apart, so the correlation is not estimated,
    /// only pinned).
    /// </summary>
    private static IEnumerable<CalibrationWarning> BoundaryWarnings(ImmutableArray<VarianceComponent> components, double? correlation)
    {
        var residual = components.Single(c => c.Name == VarianceComponent.Residual).Variance;
        foreach (var component in components.Where(c => c.Name != VarianceComponent.Residual && c.Variance < 1e-4 * residual))
        {
            yield return new CalibrationWarning(CalibrationWarningCodes.BoundaryFit,
                $"The {component.Name} variance was estimated at {component.Variance.ToString("G2", CultureInfo.InvariantCulture)}, next to 0 (a boundary fit): the data show no {component.Name} variation beyond noise, and what depends on it (the level–growth correlation, for ratee or ratee_time) is not estimated.");
        }

        if (correlation is { } r && Math.Abs(r) > 0.99)
        {
            yield return new CalibrationWarning(CalibrationWarningCodes.BoundaryFit,
                $"Level and growth correlate {r.ToString("+0.00;-0.00", CultureInfo.InvariantCulture)} (a boundary fit): the data cannot tell a person's level and growth apart as separate variations, so the correlation is pinned at its limit, not estimated. Read each person's growth with care.");
        }
    }

    /// <summary>With ratings at one date, the crossed model's own fit, which this result then is (the fields above are unused).</summary>
    private readonly CalibrationResult? _crossed;

    internal GrowthCalibration(ReviewCycles cycles, DateOnly origin, CalibrationResult crossed, List<CalibrationWarning> warnings)
    {
        (_design, _system, _theta, _beta, _inverse, _cell, _level, _growth, _cellRatings, _cellRaters) = (null!, null!, [], [], [], [], [], [], [], []);
        _crossed = crossed;
        Cycles = cycles;
        Origin = origin;
        Objective = crossed.Objective ?? double.NaN;
        Iterations = crossed.Iterations;
        Converged = crossed.Converged;
        Warnings = [.. warnings, .. crossed.Warnings];
        VarianceComponents = crossed.VarianceComponents;
        FixedEffects = crossed.FixedEffects;
        RaterEffects = crossed.RaterEffects;
        (CompetencyGrowth, Growth, InterventionEffects) = ([], [], []);
    }

    internal GrowthCalibration(
        ReviewCycles cycles, DateOnly origin, GrowthDesign design, GrowthSystem system, double[] theta, double criterion, int iterations, bool converged, List<CalibrationWarning> warnings)
    {
        _design = design;
        _system = system;
        _theta = theta;
        _sigma2 = system.PenalisedRss / system.DegreesOfFreedom;
        var (u, beta) = system.Solve();
        _beta = beta;
        double[] rater;
        (_cell, _level, _growth, rater) = system.Effects(u);
        _inverse = system.Factor.SelectedInverse();
        (_cellRatings, _cellRaters) = CellCounts(design);

        Cycles = cycles;
        Origin = origin;
        Objective = criterion;
        Iterations = iterations;
        Converged = converged;
        MeasuresGrowth = design.Growth;
        FixedEffects = [.. design.FixedNames.Select((name, j) => new FixedEffect(name, beta[j], FixedSe(j)))];
        VarianceComponents = Components();
        var (l11, l21, l22) = (theta[1], theta[2], theta[3]);
        var growthSd = Math.Sqrt((l21 * l21) + (l22 * l22));
        LevelGrowthCorrelation = design.Growth && l11 > 0 && growthSd > 0 ? l21 / growthSd : null;
        Warnings = [.. warnings, .. BoundaryWarnings(VarianceComponents, LevelGrowthCorrelation)];

        var raters = ImmutableArray.CreateBuilder<RaterEffect>(design.Raters);
        var raterRatings = new int[design.Raters];
        for (var i = 0; design.RaterTerm && i < design.N; i++)
        {
            raterRatings[design.RowRater[i]]++;
        }

        for (var r = 0; r < design.Raters; r++)
        {
            var node = system.FirstRater + r;
            var pev = _sigma2 * system.Quadratic(_inverse, [node], [theta[4]]);
            raters.Add(new RaterEffect(design.Ratings.Raters[r], rater[r], Math.Sqrt(Math.Max(pev, 0)), raterRatings[r]));
        }

        RaterEffects = raters.MoveToImmutable();
        CompetencyGrowth = design.Growth
            ? [.. Enumerable.Range(0, design.SlopeColumn.Length).Where(c => design.SlopeColumn[c] >= 0)
                .Select(c => new CompetencyGrowth(design.Ratings.Model.Competencies[c].Id, beta[design.SlopeColumn[c]], FixedSe(design.SlopeColumn[c])))]
            : [];
        Growth = design.Growth ? PeopleGrowth() : [];
        InterventionEffects = Interventions();
    }

    /// <summary>Gets the cycles' dates.</summary>
    public ReviewCycles Cycles { get; }

    /// <summary>
    /// Gets the date time is counted from: the first cycle rated (by others). A person's level (the <c>ratee</c> component)
    /// is their level then; a calendar that lists earlier cycles without ratings changes nothing.
    /// </summary>
    public DateOnly Origin { get; }

    /// <summary>Gets the years of 365.25 days from <see cref="Origin"/> to <paramref name="date"/> (negative before it).</summary>
    /// <param name="date">The date.</param>
    /// <returns>The years.</returns>
    public double YearsSinceOrigin(DateOnly date) => (date.DayNumber - Origin.DayNumber) / 365.25;

    /// <summary>Gets whether the ratings spanned more than one date, so that growth was measured; false means the fit is the crossed model.</summary>
    public bool MeasuresGrowth { get; }

    /// <summary>Gets the variance components (<c>ratee</c>, <c>ratee_time</c>, <c>ratee_competency</c>, <c>rater</c>, <c>residual</c>; those left out absent).</summary>
    public ImmutableArray<VarianceComponent> VarianceComponents { get; }

    /// <summary>Gets the correlation of a person's level at the origin and their growth; null without growth, or when either varies by nothing.</summary>
    public double? LevelGrowthCorrelation { get; }

    /// <summary>
    /// Gets the fixed effects: <c>(Intercept)</c>, <c>competency:&lt;id&gt;</c> and <c>source:&lt;Source&gt;</c> treatment
    /// contrasts as in the crossed model, and <c>time:&lt;id&gt;</c>, each competency's growth a year.
    /// </summary>
    public ImmutableArray<FixedEffect> FixedEffects { get; }

    /// <summary>Gets each competency's growth in the cohort, scale points a year (empty without growth).</summary>
    public ImmutableArray<CompetencyGrowth> CompetencyGrowth { get; }

    /// <summary>Gets each person's growth (empty without growth), in the rating set's person order.</summary>
    public ImmutableArray<PersonGrowth> Growth { get; }

    /// <summary>Gets what each development intervention did to growth, by name (empty without development records).</summary>
    public ImmutableArray<InterventionEffect> InterventionEffects { get; }

    /// <summary>Gets each rater's leniency, the same in every cycle (empty when the rater term was left out).</summary>
    public ImmutableArray<RaterEffect> RaterEffects { get; }

    /// <summary>Gets the REML criterion at the optimum (lme4's <c>REMLcrit</c>; NaN when one cycle's crossed fit took the scalable path, which has none).</summary>
    public double Objective { get; }

    /// <summary>Gets the number of Newton iterations.</summary>
    public int Iterations { get; }

    /// <summary>Gets whether the optimisation met its tolerance.</summary>
    public bool Converged { get; }

    /// <summary>Gets what a reader should know about the fit.</summary>
    public ImmutableArray<CalibrationWarning> Warnings { get; }

    /// <summary>Gets the variance of the component named <paramref name="name"/>, or null when the fit has none.</summary>
    /// <param name="name">The component's name.</param>
    /// <returns>The variance, or null.</returns>
    public double? VarianceOf(string name) => VarianceComponents.FirstOrDefault(v => v.Name == name)?.Variance;

    /// <summary>
    /// Every person's estimate of every competency they were rated on, at <paramref name="date"/>: the competency's cohort
    /// level at that date for an average rater other than the person, plus the person's level, growth times the years since
    /// the origin, their own deviation on the competency, and what their development records say their interventions had
    /// added by then (<see cref="InterventionEffects"/>). Dates outside the cycles extrapolate the line.
    /// </summary>
    /// <param name="date">The date.</param>
    /// <returns>The estimates as a calibration result that scoring, reliability and the decision layer take as they are; with
    /// ratings at one date, the crossed model's own result, whatever the date.</returns>
    public CalibrationResult At(DateOnly date)
    {
        if (_crossed is not null)
        {
            return _crossed;
        }

        var years = YearsSinceOrigin(date);
        var d = _design;
        var estimates = ImmutableArray.CreateBuilder<CompetencyEstimate>(d.Cells);
        var nodes = new int[3 + d.P];
        var weights = new double[3 + d.P];
        for (var j = 0; j < d.P; j++)
        {
            nodes[3 + j] = _system.Sparse + j;
        }

        for (var c = 0; c < d.Cells; c++)
        {
            var t = d.CellRatee[c];
            var competency = d.CellCompetency[c];
            var row = d.ReferenceRow(competency, years);
            d.AddExposure(t, competency, years, row);
            var estimate = _level[t] + (_growth[t] * years) + _cell[c];
            for (var j = 0; j < d.P; j++)
            {
                estimate += row[j] * _beta[j];
                weights[3 + j] = row[j];
            }

            (nodes[0], weights[0]) = (_system.CellNodeOf(c), _theta[0]);
            (nodes[1], weights[1]) = (_system.FirstLevel + t, _theta[1] + (_theta[2] * years));
            (nodes[2], weights[2]) = (_system.GrowthNodeOf(t), _theta[3] * years);
            var variance = _sigma2 * Quadratic(nodes, weights);
            estimates.Add(new CompetencyEstimate(
                d.Ratings.Ratees[t], d.Ratings.Model.Competencies[competency].Id, estimate, Math.Sqrt(Math.Max(variance, 0)), _cellRatings[c], _cellRaters[c]));
        }

        return new CalibrationResult(
            LongitudinalCalibrator.Method,
            string.Create(CultureInfo.InvariantCulture, $"Longitudinal REML (sparse Cholesky), estimates at {date:yyyy-MM-dd}"),
            estimates.MoveToImmutable(),
            RaterEffects,
            SourceEffects(),
            VarianceComponents,
            FixedEffects,
            Iterations,
            Converged,
            Objective,
            Warnings);
    }

    /// <summary>
    /// The person's development rate on each competency they were rated on: the competency's growth in the cohort plus the
    /// person's own deviation (a BLUP: shrunk towards the cohort; for someone rated at one date, no more than what their
    /// level predicts through the level–growth correlation), with its prediction error — for time to ready from measured
    /// growth (<see cref="Scoring.ReadinessCandidate.FromGrowth"/>).
    /// </summary>
    /// <param name="person">The person.</param>
    /// <returns>The rates, in model order; empty without growth in the fit or for a person not rated by others.</returns>
    public ImmutableArray<CompetencyGrowth> RatesOf(RateeId person)
    {
        var d = _design;
        if (_crossed is not null || !d.Ratings.TryGetRateeIndex(person, out var t))
        {
            return [];
        }

        var rates = ImmutableArray.CreateBuilder<CompetencyGrowth>();
        var growthNode = _system.GrowthNodeOf(t);
        for (var c = d.RateeCellStart[t]; c < d.RateeCellStart[t + 1]; c++)
        {
            var column = d.SlopeColumn[d.CellCompetency[c]];
            var variance = _sigma2 * _system.Quadratic(_inverse, [_system.FirstLevel + t, growthNode, _system.Sparse + column], [_theta[2], _theta[3], 1.0]);
            rates.Add(new CompetencyGrowth(d.Ratings.Model.Competencies[d.CellCompetency[c]].Id, _beta[column] + _growth[t], Math.Sqrt(Math.Max(variance, 0))));
        }

        return rates.ToImmutable();
    }

    /// <summary>The conditional covariance of ratee <paramref name="ratee"/>'s (level, growth) given the fixed effects, as lme4's <c>condVar</c>.</summary>
    internal (double Level, double Growth, double Covariance) ConditionalRateeCovariance(int ratee)
    {
        var level = _system.FirstLevel + ratee;
        var growth = _system.GrowthNodeOf(ratee);
        var (vll, vlg, vgg) = growth < 0
            ? (ConditionalInverse(level, level), 0, 0)
            : (ConditionalInverse(level, level), ConditionalInverse(level, growth), ConditionalInverse(growth, growth));
        var (l11, l21, l22) = (_theta[1], _theta[2], _theta[3]);
        return (_sigma2 * l11 * l11 * vll,
            _sigma2 * ((l21 * l21 * vll) + (2 * l21 * l22 * vlg) + (l22 * l22 * vgg)),
            _sigma2 * l11 * ((l21 * vll) + (l22 * vlg)));
    }

    /// <summary>The conditional variance of cell <paramref name="cell"/>'s effect given the fixed effects, as lme4's <c>condVar</c>.</summary>
    internal double ConditionalCellVariance(int cell) =>
        _system.CellNodeOf(cell) is var node and >= 0 ? _sigma2 * _theta[0] * _theta[0] * ConditionalInverse(node, node) : 0;

    /// <summary>The conditional variance of rater <paramref name="rater"/>'s effect given the fixed effects, as lme4's <c>condVar</c>.</summary>
    internal double ConditionalRaterVariance(int rater) =>
        _sigma2 * _theta[4] * _theta[4] * ConditionalInverse(_system.FirstRater + rater, _system.FirstRater + rater);

    internal double CellEffect(int cell) => _cell[cell];

    internal double LevelEffect(int ratee) => _level[ratee];

    internal double GrowthEffect(int ratee) => _growth[ratee];

    internal GrowthDesign Design => _design;

    private double Quadratic(int[] nodes, double[] weights)
    {
        var (n, w) = (new List<int>(nodes.Length), new List<double>(nodes.Length));
        for (var i = 0; i < nodes.Length; i++)
        {
            if (nodes[i] >= 0 && weights[i] != 0)
            {
                n.Add(nodes[i]);
                w.Add(weights[i]);
            }
        }

        return _system.Quadratic(_inverse, [.. n], [.. w]);
    }

    /// <summary>(ΛᵀZᵀZΛ + I)⁻¹ₐ_b, the random part's own inverse: (A⁻¹)ₐ_b − (A⁻¹)ₐ_X ((A⁻¹)_XX)⁻¹ (A⁻¹)_X_b.</summary>
    private double ConditionalInverse(int a, int b)
    {
        var p = _design.P;
        _fixedPrecision ??= Matrix<double>.Build.Dense(p, p, (j, k) => Entry(_system.Sparse + j, _system.Sparse + k)).Inverse();
        var za = Vector<double>.Build.Dense(p, j => Entry(a, _system.Sparse + j));
        var zb = Vector<double>.Build.Dense(p, j => Entry(b, _system.Sparse + j));
        return Entry(a, b) - (za * _fixedPrecision * zb);
    }

    private double Entry(int a, int b) => _system.InverseEntry(_inverse, a, b);

    private double FixedSe(int j) => Math.Sqrt(Math.Max(_sigma2 * _system.Quadratic(_inverse, [_system.Sparse + j], [1.0]), 0));

    private ImmutableArray<VarianceComponent> Components()
    {
        var d = _design;
        var (l11, l21, l22) = (_theta[1], _theta[2], _theta[3]);
        var list = new List<VarianceComponent>();
        if (d.CellTerm)
        {
            list.Add(new VarianceComponent(VarianceComponent.RateeCompetency, _sigma2 * _theta[0] * _theta[0]));
        }

        list.Add(new VarianceComponent(VarianceComponent.Ratee, _sigma2 * l11 * l11));
        if (d.Growth)
        {
            list.Add(new VarianceComponent(VarianceComponent.RateeTime, _sigma2 * ((l21 * l21) + (l22 * l22))));
        }

        if (d.RaterTerm)
        {
            list.Add(new VarianceComponent(VarianceComponent.Rater, _sigma2 * _theta[4] * _theta[4]));
        }

        list.Add(new VarianceComponent(VarianceComponent.Residual, _sigma2));
        return [.. list];
    }

    private ImmutableArray<PersonGrowth> PeopleGrowth()
    {
        var d = _design;
        var competencies = new bool[d.Ratees * d.SlopeColumn.Length];
        for (var c = 0; c < d.Cells; c++)
        {
            competencies[(d.CellRatee[c] * d.SlopeColumn.Length) + d.CellCompetency[c]] = true;
        }

        var result = ImmutableArray.CreateBuilder<PersonGrowth>(d.Ratees);
        for (var t = 0; t < d.Ratees; t++)
        {
            // The person's growth averaged over the competencies they were rated on: those slopes' mean plus their own.
            var columns = Enumerable.Range(0, d.SlopeColumn.Length).Where(c => competencies[(t * d.SlopeColumn.Length) + c]).Select(c => d.SlopeColumn[c]).ToArray();
            var nodes = new List<int> { _system.FirstLevel + t, _system.GrowthNodeOf(t) };
            var weights = new List<double> { _theta[2], _theta[3] };
            var growth = _growth[t];
            foreach (var j in columns)
            {
                growth += _beta[j] / columns.Length;
                nodes.Add(_system.Sparse + j);
                weights.Add(1.0 / columns.Length);
            }

            var variance = _sigma2 * Quadratic([.. nodes], [.. weights]);
            result.Add(new PersonGrowth(d.Ratings.Ratees[t], growth, Math.Sqrt(Math.Max(variance, 0)), d.RateeTimes[t],
                d.RateeTimes[t] >= 2 ? GrowthBasis.Person : GrowthBasis.Cohort));
        }

        return result.MoveToImmutable();
    }

    private ImmutableArray<InterventionEffect> Interventions()
    {
        var d = _design;
        var result = ImmutableArray.CreateBuilder<InterventionEffect>(d.Interventions.Length);
        for (var k = 0; k < d.Interventions.Length; k++)
        {
            var (during, after) = d.InterventionColumns[k];
            FixedEffect? Effect(int column) => column < 0 ? null : FixedEffects[column];
            result.Add(new InterventionEffect(d.Interventions[k], d.InterventionPeople[k], Effect(during), Effect(after), d.InterventionCompetencies[k], d.InterventionYears[k]));
        }

        return result.MoveToImmutable();
    }

    /// <summary>Each source's effect against the average rater other than the person (the reference the estimates are stated for).</summary>
    private ImmutableArray<SourceEffect> SourceEffects()
    {
        var d = _design;
        var counts = new int[Enum.GetValues<RaterSource>().Length];
        foreach (var s in d.Ratings.Sources)
        {
            counts[(int)s]++;
        }

        var result = ImmutableArray.CreateBuilder<SourceEffect>();
        var nodes = Enumerable.Range(0, d.P).Select(j => _system.Sparse + j).ToArray();
        foreach (var source in d.SourcesPresent)
        {
            var contrast = new double[d.P];
            foreach (var other in d.SourcesPresent)
            {
                if (d.SourceColumn[(int)other] >= 0)
                {
                    contrast[d.SourceColumn[(int)other]] -= (double)counts[(int)other] / d.N;
                }
            }

            if (d.SourceColumn[(int)source] >= 0)
            {
                contrast[d.SourceColumn[(int)source]] += 1;
            }

            var effect = contrast.Select((w, j) => w * _beta[j]).Sum();
            var variance = _sigma2 * _system.Quadratic(_inverse, nodes, contrast);
            result.Add(new SourceEffect(source, effect, Math.Sqrt(Math.Max(variance, 0)), counts[(int)source]));
        }

        return result.ToImmutable();
    }

    private static (int[] Ratings, int[] Raters) CellCounts(GrowthDesign d)
    {
        var (ratings, raters) = (new int[d.Cells], new int[d.Cells]);
        var seen = new HashSet<(int, int)>();
        for (var i = 0; i < d.N; i++)
        {
            var c = d.RowCell[i];
            ratings[c]++;
            raters[c] += seen.Add((c, d.RowRater[i])) ? 1 : 0;
        }

        return (ratings, raters);
    }
}
