using Readiness.Evidence;

namespace Readiness.Calibration;

/// <summary>A person's calibrated level on one competency, with its uncertainty and the evidence behind it.</summary>
/// <param name="Ratee">The person.</param>
/// <param name="Competency">The competency id.</param>
/// <param name="Estimate">The level on the model's scale, as an average rater other than the person themselves would rate it.</param>
/// <param name="StandardError">The standard error of <paramref name="Estimate"/>, in scale points.</param>
/// <param name="Ratings">The number of ratings that informed the estimate.</param>
/// <param name="Raters">The number of distinct raters among them.</param>
public sealed record CompetencyEstimate(RateeId Ratee, string Competency, double Estimate, double StandardError, int Ratings, int Raters);
