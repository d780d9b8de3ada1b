using Readiness.Evidence;

namespace Readiness.Calibration;

/// <summary>How much one rater source runs above (positive) or below the other raters' reference, in scale points.</summary>
/// <param name="Source">The source.</param>
/// <param name="Effect">The source's effect relative to the reference that estimates are reported for: the average non-self rating.</param>
/// <param name="StandardError">The standard error of <paramref name="Effect"/>; NaN when the method does not estimate one.</param>
/// <param name="Ratings">The number of ratings from the source.</param>
public sealed record SourceEffect(RaterSource Source, double Effect, double StandardError, int Ratings);
