using Readiness.Evidence;

namespace Readiness.Reliability;

/// <summary>One rater's rating habits, each as a number and a flag.</summary>
public sealed record RaterDiagnostic
{
    /// <summary>Initializes a new instance of the <see cref="RaterDiagnostic"/> record.</summary>
    /// <param name="rater">The rater.</param>
    /// <param name="ratings">Their ratings of others (self-ratings are not examined).</param>
    /// <param name="ratees">The people they rated.</param>
    /// <param name="leniency">Their leniency (+) or severity (−) in scale points: the calibration's rater effect, or their mean residual against the calibrated estimates.</param>
    /// <param name="leniencyStandardError">Its standard error, or null when the calibration gives none.</param>
    /// <param name="spreadRatio">The standard deviation of their ratings over that of other raters' ratings of the same people (below 1: a narrower band of the scale); null without comparison ratings.</param>
    /// <param name="haloRatio">How well their ratings of a person follow the person's calibrated profile across competencies, over how well other raters' ratings of the same people do (near 0: one impression for everything); null without comparison.</param>
    /// <param name="meanSquare">The mean squared residual (rating − calibrated estimate − leniency) over the residual variance: about 1 for a rater who fits, above for an erratic one.</param>
    /// <param name="issues">What the thresholds flag.</param>
    internal RaterDiagnostic(RaterId rater, int ratings, int ratees, double leniency, double? leniencyStandardError, double? spreadRatio, double? haloRatio, double meanSquare, RaterIssues issues)
    {
        Rater = rater;
        Ratings = ratings;
        Ratees = ratees;
        Leniency = leniency;
        LeniencyStandardError = leniencyStandardError;
        SpreadRatio = spreadRatio;
        HaloRatio = haloRatio;
        MeanSquare = meanSquare;
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

    /// <summary>Gets its standard error, or null when the calibration gives none.</summary>
    public double? LeniencyStandardError { get; }

    /// <summary>Gets the standard deviation of their ratings over that of other raters' ratings of the same people (below 1: a narrower band of the scale); null without comparison ratings.</summary>
    public double? SpreadRatio { get; }

    /// <summary>Gets how well their ratings of a person follow the person's calibrated profile across competencies, over how well other raters' ratings of the same people do (near 0: one impression for everything); null without comparison.</summary>
    public double? HaloRatio { get; }

    /// <summary>Gets the mean squared residual (rating − calibrated estimate − leniency) over the residual variance: about 1 for a rater who fits, above for an erratic one.</summary>
    public double MeanSquare { get; }

    /// <summary>Gets what the thresholds flag.</summary>
    public RaterIssues Issues { get; }
}
