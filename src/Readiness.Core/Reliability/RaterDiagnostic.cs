using Readiness.Evidence;

namespace Readiness.Reliability;

/// <summary>One rater's rating habits, each as a number and a flag.</summary>
public sealed class RaterDiagnostic
{
    /// <summary>Initializes a new instance of the <see cref="RaterDiagnostic"/> class.</summary>
    /// <param name="rater">The rater.</param>
    /// <param name="ratings">Their ratings of others (self-ratings are not examined).</param>
    /// <param name="ratees">The people they rated.</param>
    /// <param name="leniency">Their leniency (+) or severity (−) in scale points: the calibration's rater effect, or their mean residual against the calibrated estimates.</param>
    /// <param name="leniencyStandardError">Its standard error: the calibration's, else that of the mean residual; null with a single ratee.</param>
    /// <param name="leniencyP">The two-sided p-value of no leniency; null without a standard error.</param>
    /// <param name="spreadRatio">The standard deviation of their ratings over that of other raters' ratings of the same people (below 1: a narrower band of the scale); null without comparison ratings.</param>
    /// <param name="spreadP">The share of rating sets drawn from the fitted model whose spread ratio is as low; null without a spread ratio.</param>
    /// <param name="haloRatio">How well their ratings of a person follow the person's calibrated profile across competencies, over how well other raters' ratings of the same people do (near 0: one impression for everything); null without comparison.</param>
    /// <param name="haloP">The share of rating sets drawn from the fitted model, at the rater's own spread, that follow the profiles as little; null without a halo ratio.</param>
    /// <param name="meanSquare">The mean squared left-out residual (rating − calibrated estimate − leniency, as if the rating were left out of its estimate) over the residual variance: about 1 for a rater who fits, above for an erratic one.</param>
    /// <param name="meanSquareP">The chi-squared upper-tail p-value of the mean square; null without a residual variance.</param>
    /// <param name="issues">What the thresholds flag.</param>
    internal RaterDiagnostic(RaterId rater, int ratings, int ratees, double leniency, double? leniencyStandardError, double? leniencyP, double? spreadRatio, double? spreadP, double? haloRatio, double? haloP, double meanSquare, double? meanSquareP, RaterIssues issues)
    {
        Rater = rater;
        Ratings = ratings;
        Ratees = ratees;
        Leniency = leniency;
        LeniencyStandardError = leniencyStandardError;
        LeniencyP = leniencyP;
        SpreadRatio = spreadRatio;
        SpreadP = spreadP;
        HaloRatio = haloRatio;
        HaloP = haloP;
        MeanSquare = meanSquare;
        MeanSquareP = meanSquareP;
        Issues = issues;
    }

    /// <summary>Gets the rater.</summary>
    public RaterId Rater { get; }

    /// <summary>Gets their ratings of others (self-ratings are not examined).</summary>
    public int Ratings { get; }

    /// <summary>Gets the people they rated.</summary>
    public int Ratees { get; }

    /// <summary>Gets their leniency (+) or severity (−) in scale points: the calibration's rater effect, or their mean residual against the calibrated estimates.</summary>
    public double Leniency { get; }

    /// <summary>Gets its standard error: the calibration's, else that of the mean residual (from the per-ratee means); null with a single ratee.</summary>
    public double? LeniencyStandardError { get; }

    /// <summary>Gets the two-sided p-value of no leniency (normal with the calibration's standard error, else t on ratees − 1 degrees of freedom); null without a standard error.</summary>
    public double? LeniencyP { get; }

    /// <summary>Gets the standard deviation of their ratings over that of other raters' ratings of the same people (below 1: a narrower band of the scale); null without comparison ratings.</summary>
    public double? SpreadRatio { get; }

    /// <summary>Gets the share of rating sets drawn from the fitted model (no central tendency) whose spread ratio is as low: the central-tendency test's p-value; null without a spread ratio.</summary>
    public double? SpreadP { get; }

    /// <summary>Gets how well their ratings of a person follow the person's calibrated profile across competencies, over how well other raters' ratings of the same people do — or, where their ids give no profile (anonymised responses), over how well the fitted model expects this rater's to (near 0: one impression for everything); null without comparison.</summary>
    public double? HaloRatio { get; }

    /// <summary>Gets the share of rating sets drawn from the fitted model, compressed to the rater's own spread, that follow the profiles as little: the halo test's p-value; null without a halo ratio.</summary>
    public double? HaloP { get; }

    /// <summary>
    /// Gets the mean squared left-out residual over the residual variance: each residual (rating − calibrated estimate −
    /// leniency) as if the rating were left out of its estimate. About 1 for a rater who fits, above for an erratic one.
    /// </summary>
    public double MeanSquare { get; }

    /// <summary>Gets the misfit test's p-value: the chi-squared upper tail of ratings × mean square on as many degrees of freedom; null without a residual variance.</summary>
    public double? MeanSquareP { get; }

    /// <summary>Gets what the thresholds flag.</summary>
    public RaterIssues Issues { get; }
}
