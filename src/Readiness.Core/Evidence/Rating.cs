namespace Readiness.Evidence;

/// <summary>One rating: one rater's judgement of one person on one competency.</summary>
/// <remarks>
/// A plain carrier with no checks of its own: ratings arrive in bulk from exports, and bulk intake
/// (<see cref="RatingSetBuilder"/>) checks every field and reports each rejected row instead of throwing.
/// </remarks>
/// <param name="Ratee">The person rated.</param>
/// <param name="Rater">The person rating.</param>
/// <param name="Source">The rater's relationship to the ratee.</param>
/// <param name="Competency">The id of a competency of the model the ratings are taken in.</param>
/// <param name="Value">The rating, on the model's proficiency scale.</param>
/// <param name="Cycle">The review cycle (for example <c>2026-H1</c>), or null when ratings are not split by cycle.</param>
public readonly record struct Rating(
    RateeId Ratee, RaterId Rater, RaterSource Source, string Competency, double Value, string? Cycle = null);
