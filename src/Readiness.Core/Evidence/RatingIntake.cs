namespace Readiness.Evidence;

/// <summary>The outcome of a bulk intake of ratings: the accepted ratings and the account of every row.</summary>
public sealed class RatingIntake
{
    /// <summary>Initializes a new instance of the <see cref="RatingIntake"/> class.</summary>
    /// <param name="ratings">The accepted ratings.</param>
    /// <param name="report">How many rows were submitted and which were refused, and why.</param>
    internal RatingIntake(RatingSet ratings, IntakeReport report)
    {
        Ratings = ratings;
        Report = report;
    }

    /// <summary>Gets the accepted ratings.</summary>
    public RatingSet Ratings { get; }

    /// <summary>Gets how many rows were submitted and which were refused, and why.</summary>
    public IntakeReport Report { get; }
}
