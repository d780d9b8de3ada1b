namespace Readiness.Simulation;

/// <summary>Who rates whom in a simulated organisation: the rating designs customers send, not only the organisational 360°.</summary>
/// <remarks>
/// The calibrators' cost and identifiability depend on this structure far more than on the number of ratings, so tests,
/// benchmarks and scale curves draw every design.
/// </remarks>
public enum RatingDesign
{
    /// <summary>An organisational 360°: self, manager, sometimes the skip-level manager, team-mates and direct reports — raters rate the people around them.</summary>
    Local = 0,

    /// <summary>Self and manager as in <see cref="Local"/>, plus <see cref="SimulationOptions.RatersPerPerson"/> peers drawn at random from a company-wide pool of <see cref="SimulationOptions.RaterPool"/> raters (students rating lecturers, a company-wide peer pool).</summary>
    WidelyCrossed = 1,

    /// <summary>Each candidate rated by <see cref="SimulationOptions.RatersPerPerson"/> assessors drawn at random from a small panel (<see cref="SimulationOptions.RaterPool"/>), each assessor rating many candidates; self-ratings as set.</summary>
    AssessmentCentre = 2,

    /// <summary>The <see cref="Local"/> 360° along the line hierarchy, plus a project lead and project team-mates from a second hierarchy over the same people in another order.</summary>
    Matrix = 3,

    /// <summary>The <see cref="Local"/> 360° exported by a tool that anonymises each response: every rating other than a self-rating has a rater id of its own.</summary>
    Anonymised = 4,
}
