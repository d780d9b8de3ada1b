namespace Readiness.Talent;

/// <summary>Where one axis of the 9-box is cut: below <see cref="Lower"/> is low, at or above <see cref="Upper"/> high.</summary>
/// <param name="Lower">The lower cut; NaN when the axis had no values to cut.</param>
/// <param name="Upper">The upper cut; NaN when the axis had no values to cut.</param>
public readonly record struct NineBoxAxisCuts(double Lower, double Upper)
{
    /// <summary>The level of a value on this axis.</summary>
    /// <param name="value">The value.</param>
    /// <returns>Low below the lower cut, high at or above the upper cut, moderate between.</returns>
    public TalentLevel Level(double value) => value < Lower ? TalentLevel.Low : value >= Upper ? TalentLevel.High : TalentLevel.Moderate;
}
