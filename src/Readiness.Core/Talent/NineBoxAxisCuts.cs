namespace Readiness.Talent;

/// <summary>Where one axis of the 9-box is cut: below <see cref="Lower"/> is low, at or above <see cref="Upper"/> high.</summary>
public readonly record struct NineBoxAxisCuts
{
    /// <summary>Initializes a new instance of the <see cref="NineBoxAxisCuts"/> structure.</summary>
    /// <param name="lower">The lower cut; NaN when the axis had no values to cut.</param>
    /// <param name="upper">The upper cut; NaN when the axis had no values to cut.</param>
    public NineBoxAxisCuts(double lower, double upper)
    {
        Lower = lower;
        Upper = upper;
    }

    /// <summary>Gets the lower cut; NaN when the axis had no values to cut.</summary>
    public double Lower { get; }

    /// <summary>Gets the upper cut; NaN when the axis had no values to cut.</summary>
    public double Upper { get; }

    /// <summary>The level of a value on this axis.</summary>
    /// <param name="value">The value.</param>
    /// <returns>Low below the lower cut, high at or above the upper cut, moderate between.</returns>
    public TalentLevel Level(double value) => value < Lower ? TalentLevel.Low : value >= Upper ? TalentLevel.High : TalentLevel.Moderate;
}
