namespace Readiness.Calibration;

/// <summary>How well one facet's elements are told apart (Wright &amp; Masters 1982): separation, reliability and strata.</summary>
public sealed class FacetSeparation
{
    /// <summary>Initializes a new instance of the <see cref="FacetSeparation"/> class.</summary>
    /// <param name="elements">The non-extreme elements summarised.</param>
    /// <param name="observedSd">The population standard deviation of their measures, in logits.</param>
    /// <param name="rootMeanSquareError">√(mean squared standard error).</param>
    /// <param name="trueSd">√max(0, ObservedSd² − RMSE²): the spread left once measurement error is removed.</param>
    /// <param name="separation">G = TrueSd / RMSE: the spread in units of measurement error.</param>
    /// <param name="reliability">G² / (1 + G²): true variance over observed variance (for ratees, Cronbach-alpha-like; for raters, high means raters really differ in severity).</param>
    /// <param name="strata">(4G + 1) / 3: the number of statistically distinct levels.</param>
    internal FacetSeparation(int elements, double observedSd, double rootMeanSquareError, double trueSd, double separation, double reliability, double strata)
    {
        Elements = elements;
        ObservedSd = observedSd;
        RootMeanSquareError = rootMeanSquareError;
        TrueSd = trueSd;
        Separation = separation;
        Reliability = reliability;
        Strata = strata;
    }

    /// <summary>Gets the non-extreme elements summarised.</summary>
    public int Elements { get; }

    /// <summary>Gets the population standard deviation of their measures, in logits.</summary>
    public double ObservedSd { get; }

    /// <summary>Gets √(mean squared standard error).</summary>
    public double RootMeanSquareError { get; }

    /// <summary>Gets √max(0, ObservedSd² − RMSE²): the spread left once measurement error is removed.</summary>
    public double TrueSd { get; }

    /// <summary>Gets G = TrueSd / RMSE: the spread in units of measurement error.</summary>
    public double Separation { get; }

    /// <summary>Gets G² / (1 + G²): true variance over observed variance (for ratees, Cronbach-alpha-like; for raters, high means raters really differ in severity).</summary>
    public double Reliability { get; }

    /// <summary>Gets (4G + 1) / 3: the number of statistically distinct levels.</summary>
    public double Strata { get; }

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
