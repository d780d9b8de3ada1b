namespace Readiness.Simulation;

/// <summary>One rater of a simulated organisation, with the bias planted in them.</summary>
public sealed class SimulatedRater
{
    /// <summary>Initializes a new instance of the <see cref="SimulatedRater"/> class.</summary>
    /// <param name="rater">The rater.</param>
    /// <param name="style">The planted rating habit.</param>
    /// <param name="leniency">The planted additive leniency (+) or severity (−), in scale points.</param>
    internal SimulatedRater(Evidence.RaterId rater, RaterStyle style, double leniency)
    {
        Rater = rater;
        Style = style;
        Leniency = leniency;
    }

    /// <summary>Gets the rater.</summary>
    public Evidence.RaterId Rater { get; }

    /// <summary>Gets the planted rating habit.</summary>
    public RaterStyle Style { get; }

    /// <summary>Gets the planted additive leniency (+) or severity (−), in scale points.</summary>
    public double Leniency { get; }
}
