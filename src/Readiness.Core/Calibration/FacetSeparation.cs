namespace Readiness.Calibration;

/// <summary>How well one facet's elements are told apart (Wright &amp; Masters 1982): separation, reliability and strata.</summary>
/// <param name="Elements">The non-extreme elements summarised.</param>
/// <param name="ObservedSd">The population standard deviation of their measures, in logits.</param>
/// <param name="RootMeanSquareError">√(mean squared standard error).</param>
/// <param name="TrueSd">√max(0, ObservedSd² − RMSE²): the spread left once measurement error is removed.</param>
/// <param name="Separation">G = TrueSd / RMSE: the spread in units of measurement error.</param>
/// <param name="Reliability">G² / (1 + G²): true variance over observed variance (for ratees, Cronbach-alpha-like; for raters, high means raters really differ in severity).</param>
/// <param name="Strata">(4G + 1) / 3: the number of statistically distinct levels.</param>
public sealed record FacetSeparation(int Elements, double ObservedSd, double RootMeanSquareError, double TrueSd, double Separation, double Reliability, double Strata)
{
    internal static FacetSeparation Of(IReadOnlyList<RaschElement> elements)
    {
        var kept = elements.Where(e => !e.IsExtreme && double.IsFinite(e.StandardError)).ToArray();
        if (kept.Length == 0)
        {
            return new FacetSeparation(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        var mean = kept.Average(e => e.Measure);
        var observed = Math.Sqrt(kept.Average(e => (e.Measure - mean) * (e.Measure - mean)));
        var rmse = Math.Sqrt(kept.Average(e => e.StandardError * e.StandardError));
        var trueSd = Math.Sqrt(Math.Max(0, (observed * observed) - (rmse * rmse)));
        var g = trueSd / rmse;
        return new FacetSeparation(kept.Length, observed, rmse, trueSd, g, g * g / (1 + (g * g)), ((4 * g) + 1) / 3);
    }
}
