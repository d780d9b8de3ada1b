namespace Readiness.Evidence;

/// <summary>The outcome of a bulk intake of ratings: the accepted ratings and the account of every row.</summary>
/// <param name="Ratings">The accepted ratings.</param>
/// <param name="Report">How many rows were submitted and which were refused, and why.</param>
public sealed record RatingIntake(RatingSet Ratings, IntakeReport Report);
