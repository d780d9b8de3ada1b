using System.Collections.Immutable;
using Readiness.Evidence;

namespace Readiness.Calibration.Internal;

/// <summary>Everything reported from a converged many-facet Rasch fit: elements with fit, categories, fair averages and effects in scale points.</summary>
internal sealed class RaschSummary
{
    private readonly RaschJoint _joint;
    private readonly RaschDesign _design;
    private readonly double[] _cumulative;

    public RaschSummary(RaschJoint joint, RaschDesign design, RatingSet ratings, double tolerance)
    {
        _joint = joint;
        _design = design;
        _cumulative = joint.CumulativeThresholds();
        var stats = Accumulate(out var categories, out var minusTwoLogL);
        var meanAbility = MeanAbility(joint);
        var elements = new ImmutableArray<RaschElement>[joint.Facets];
        string[][] ids =
        [
            [.. ratings.Ratees.Select(r => r.Value)],
            [.. design.Competencies.Select(c => ratings.Model.Competencies[c].Id.Value)],
            [.. ratings.Raters.Select(r => r.Value)],
            [.. design.Sources.Select(s => s.ToString())],
        ];
        for (var f = 0; f < joint.Facets; f++)
        {
            elements[f] = [.. Enumerable.Range(0, joint.Elements[f]).Select(e => Element(f, e, ids[f][e], stats[f][e], meanAbility))];
        }

        Fit = new RaschFit(elements[0], elements[1], elements[2], joint.Facets > 3 ? elements[3] : [], categories, joint.ActiveRatings, joint.Check());
        Estimates = CellEstimates(ratings, tolerance);
        RaterEffects = RaterEffectsOf(ratings, elements[2], meanAbility);
        SourceEffects = [.. design.Sources.Select((s, e) => SourceEffectOf(s, elements[3][e], meanAbility))]; // no sources unless a facet
        MinusTwoLogLikelihood = minusTwoLogL;
    }

    public RaschFit Fit { get; }

    public ImmutableArray<CompetencyEstimate> Estimates { get; }

    public ImmutableArray<RaterEffect> RaterEffects { get; }

    public ImmutableArray<SourceEffect> SourceEffects { get; }

    public double MinusTwoLogLikelihood { get; }

    /// <summary>The mean measure of the non-extreme ratees (there is one: a fit with every ratee extreme is refused).</summary>
    private static double MeanAbility(RaschJoint joint)
    {
        double sum = 0;
        var count = 0;
        for (var e = 0; e < joint.Elements[RaschFacet.Ratee]; e++)
        {
            if (joint.Extreme[RaschFacet.Ratee][e] == 0)
            {
                sum += joint.Measures[RaschFacet.Ratee][e];
                count++;
            }
        }

        return sum / count;
    }

    /// <summary>The expected rating (on the original scale) at linear predictor x, and its derivative in x.</summary>
    private (double Value, double Slope) Expected(double x)
    {
        Span<double> p = stackalloc double[_cumulative.Length];
        RatingScaleCategories.Probabilities(x, _cumulative, p);
        double k = 0, v = 0, kv = 0;
        for (var c = 0; c < p.Length; c++)
        {
            k += c * p[c];
            v += _design.Levels[c] * p[c];
            kv += c * _design.Levels[c] * p[c];
        }

        // d/dx Σ v_c P_c = Σ v_c P_c (c − E[c]) = Cov(c, v).
        return (v, kv - (k * v));
    }

    /// <summary>One pass over every rating at the final measures: per-element sums for fit and information, category statistics, −2 log L.</summary>
    private ElementStats[][] Accumulate(out ImmutableArray<RaschCategory> categories, out double minusTwoLogL)
    {
        var joint = _joint;
        var stats = new ElementStats[joint.Facets][];
        for (var f = 0; f < joint.Facets; f++)
        {
            stats[f] = new ElementStats[joint.Elements[f]];
        }

        var m = joint.M;
        var count = new int[m + 1];
        var measureSum = new double[m + 1];
        var activeCount = new int[m + 1];
        var expectedMeasure = new double[m + 1];
        var expectedWeight = new double[m + 1];
        Span<double> p = stackalloc double[m + 1];
        minusTwoLogL = 0;
        for (var i = 0; i < _design.Category.Length; i++)
        {
            var x = joint.Predictor(i);
            var (e, w) = RatingScaleCategories.Moments(x, _cumulative, p);
            var kurtosis = RatingScaleCategories.Kurtosis(p, e);
            var k = _design.Category[i];
            var active = joint.IsActive(i);
            count[k]++;
            if (active)
            {
                minusTwoLogL -= 2 * Math.Log(p[k]);
                activeCount[k]++;
                measureSum[k] += x;
                for (var c = 0; c <= m; c++)
                {
                    expectedMeasure[c] += p[c] * x;
                    expectedWeight[c] += p[c];
                }
            }

            var residual = k - e;
            for (var f = 0; f < joint.Facets; f++)
            {
                ref var s = ref stats[f][_design.Index[f][i]];
                s.Ratings++;
                s.LevelSum += _design.Levels[k];
                s.AllInformation += w;
                if (active)
                {
                    s.Information += w;
                    s.SquaredResidual += residual * residual;
                    s.InfitVariance += kurtosis - (w * w);
                    if (w > 1e-12)
                    {
                        s.Used++;
                        s.StandardisedSquare += residual * residual / w;
                        s.OutfitVariance += kurtosis / (w * w);
                    }
                }
            }
        }

        var total = _design.Category.Length;
        categories =
        [
            .. Enumerable.Range(0, m + 1).Select(k => new RaschCategory(
                _design.Levels[k],
                count[k],
                (double)count[k] / total,
                measureSum[k] / activeCount[k], // both 0 / 0 = NaN for a category no used rating is in
                expectedMeasure[k] / expectedWeight[k],
                k == 0 ? double.NaN : joint.Thresholds[k],
                k == 0 ? double.NaN : 1 / Math.Sqrt(joint.ThresholdInformation(k)))),
        ];
        return stats;
    }

    private RaschElement Element(int facet, int e, string id, ElementStats s, double meanAbility)
    {
        var measure = _joint.Measures[facet][e];
        var extreme = _joint.Extreme[facet][e] != 0;

        // Every facet but the ratees' is read at the average ratee; every other facet at its centre, 0.
        var x = facet == 0 ? measure : meanAbility - measure;
        var information = extreme ? s.AllInformation : s.Information;
        var se = 1 / Math.Sqrt(information); // +∞ without information
        double infit = double.NaN, infitZ = double.NaN, outfit = double.NaN, outfitZ = double.NaN;
        // Ratings with an extreme element are inactive, and a used rating has information: Used > 0 means neither is zero.
        if (s.Used > 0)
        {
            infit = s.SquaredResidual / s.Information;
            infitZ = WilsonHilferty(infit, Math.Sqrt(Math.Max(s.InfitVariance, 0)) / s.Information);
            outfit = s.StandardisedSquare / s.Used;
            outfitZ = WilsonHilferty(outfit, Math.Sqrt(Math.Max((s.OutfitVariance / ((double)s.Used * s.Used)) - (1.0 / s.Used), 0)));
        }

        return new RaschElement(id, measure, se, s.Ratings, s.LevelSum / s.Ratings, Expected(x).Value, infit, infitZ, outfit, outfitZ, extreme);
    }

    /// <summary>The Wilson–Hilferty cube-root transform of a mean square with model standard deviation q to an approximate unit normal.</summary>
    internal static double WilsonHilferty(double meanSquare, double q) =>
        q > 0 ? ((Math.Cbrt(meanSquare) - 1) * (3 / q)) + (q / 3) : double.NaN;

    /// <summary>Each person × competency: the cell's ability with every other facet held, as a fair average.</summary>
    private ImmutableArray<CompetencyEstimate> CellEstimates(RatingSet ratings, double tolerance)
    {
        var joint = _joint;
        var index = _design.Index;
        var n = _design.Category.Length;
        var estimates = ImmutableArray.CreateBuilder<CompetencyEstimate>();
        var offsets = new List<double>();
        var start = 0;
        while (start < n)
        {
            var end = start;
            var ratee = index[0][start];
            var competency = index[1][start];
            while (end < n && index[0][end] == ratee && index[1][end] == competency)
            {
                end++;
            }

            offsets.Clear();
            var score = 0;
            var raters = 0;
            for (var i = start; i < end; i++)
            {
                offsets.Add(joint.Predictor(i) - joint.Measures[RaschFacet.Ratee][ratee]);
                score += _design.Category[i];
                raters += i == start || index[2][i] != index[2][i - 1] ? 1 : 0;
            }

            // A cell rated all-lowest or all-highest gets the fractional-score estimate, like an extreme element.
            var count = end - start;
            var (ability, information) = RatingScaleCategories.Solve(
                [.. offsets], joint.ScoreToSolve(score, count), _cumulative, joint.Measures[RaschFacet.Ratee][ratee], tolerance);
            var (fair, slope) = Expected(ability - joint.Measures[RaschFacet.Competency][competency]);
            estimates.Add(new CompetencyEstimate(
                ratings.Ratees[ratee], ratings.Model.Competencies[_design.Competencies[competency]].Id, fair, slope / Math.Sqrt(information), count, raters));
            start = end;
        }

        return estimates.ToImmutable();
    }

    /// <summary>Each rater's leniency in scale points: the average ratee's expected rating from them minus from an average rater.</summary>
    private ImmutableArray<RaterEffect> RaterEffectsOf(RatingSet ratings, ImmutableArray<RaschElement> raters, double meanAbility)
    {
        // With sources as a facet a rater's severity is relative to their source; their effect adds the mean source severity they rated under.
        var sourceSum = new double[raters.Length];
        if (_joint.Facets > 3)
        {
            for (var i = 0; i < _design.Category.Length; i++)
            {
                sourceSum[_design.Index[RaschFacet.Rater][i]] += _joint.Measures[RaschFacet.Source][_design.Index[RaschFacet.Source][i]];
            }
        }

        var average = Expected(meanAbility).Value;
        return
        [
            .. raters.Select((r, e) =>
            {
                var (value, slope) = Expected(meanAbility - r.Measure - (sourceSum[e] / r.Ratings));
                return new RaterEffect(ratings.Raters[e], value - average, slope * r.StandardError, r.Ratings);
            }),
        ];
    }

    private SourceEffect SourceEffectOf(RaterSource source, RaschElement element, double meanAbility)
    {
        var (value, slope) = Expected(meanAbility - element.Measure);
        return new SourceEffect(source, value - Expected(meanAbility).Value, slope * element.StandardError, element.Ratings);
    }

    private struct ElementStats
    {
        public int Ratings;
        public int Used;
        public double LevelSum;
        public double Information;
        public double AllInformation;
        public double SquaredResidual;
        public double StandardisedSquare;
        public double InfitVariance;
        public double OutfitVariance;
    }
}
