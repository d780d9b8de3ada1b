using Readiness.Evidence;

namespace Readiness.Calibration;

/// <summary>How lenient (positive) or severe (negative) one rater is, in scale points.</summary>
/// <param name="Rater">The rater.</param>
/// <param name="Effect">The rater's leniency: how far above (or, negative, below) an average rater they rate the same person.</param>
/// <param name="StandardError">The standard error of <paramref name="Effect"/>.</param>
/// <param name="Ratings">The number of ratings the rater gave.</param>
public sealed record RaterEffect(RaterId Rater, double Effect, double StandardError, int Ratings);
