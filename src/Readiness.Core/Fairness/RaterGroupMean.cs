namespace Readiness.Fairness;

/// <summary>One group of a rater's ratees: how many, and how far above the calibrated estimates the rater rates them.</summary>
public sealed record RaterGroupMean
{
    /// <summary>Initializes a new instance of the <see cref="RaterGroupMean"/> record.</summary>
    /// <param name="group">The group.</param>
    /// <param name="ratees">The rater's ratees in the group.</param>
    /// <param name="meanResidual">The mean residual (rating − calibrated estimate), in scale points.</param>
    internal RaterGroupMean(string group, int ratees, double meanResidual)
    {
        Group = group;
        Ratees = ratees;
        MeanResidual = meanResidual;
    }

    /// <summary>Gets the group.</summary>
    public string Group { get; }

    /// <summary>Gets the rater's ratees in the group.</summary>
    public int Ratees { get; }

    /// <summary>Gets the mean residual (rating − calibrated estimate), in scale points.</summary>
    public double MeanResidual { get; }
}
