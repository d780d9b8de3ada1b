namespace Readiness.Fairness;

/// <summary>One group of a rater's ratees: how many, and how far above the estimates the rater rates them (each rating against its estimate without it).</summary>
public sealed class RaterGroupMean
{
    /// <summary>Initializes a new instance of the <see cref="RaterGroupMean"/> class.</summary>
    /// <param name="group">The group.</param>
    /// <param name="ratees">The rater's ratees in the group.</param>
    /// <param name="meanResidual">The mean left-out residual (rating − the estimate without it), in scale points.</param>
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

    /// <summary>Gets the mean left-out residual (rating − the estimate without it, averaged per ratee, then over the group), in scale points.</summary>
    public double MeanResidual { get; }
}
