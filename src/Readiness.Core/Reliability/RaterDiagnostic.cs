using Readiness.Evidence;

namespace Readiness.Reliability;

/// <summary>One rater's rating habits, each as a number and a flag.</summary>
/// <param name="Rater">The rater.</param>
/// <param name="Ratings">Their ratings of others (self-ratings are not examined).</param>
/// <param name="Ratees">The people they rated.</param>
/// <param name="Leniency">Their leniency (+) or severity (−) in scale points: the calibration's rater effect, or their mean residual against the calibrated estimates.</param>
/// <param name="LeniencyStandardError">Its standard error, or null when the calibration gives none.</param>
/// <param name="SpreadRatio">The standard deviation of their ratings over that of other raters' ratings of the same people (below 1: a narrower band of the scale); null without comparison ratings.</param>
/// <param name="HaloRatio">How well their ratings of a person follow the person's calibrated profile across competencies, over how well other raters' ratings of the same people do (near 0: one impression for everything); null without comparison.</param>
/// <param name="MeanSquare">The mean squared residual (rating − calibrated estimate − leniency) over the residual variance: about 1 for a rater who fits, above for an erratic one.</param>
/// <param name="Issues">What the thresholds flag.</param>
public sealed record RaterDiagnostic(
    RaterId Rater,
    int Ratings,
    int Ratees,
    double Leniency,
    double? LeniencyStandardError,
    double? SpreadRatio,
    double? HaloRatio,
    double MeanSquare,
    RaterIssues Issues);
