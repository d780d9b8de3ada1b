namespace Readiness.Reliability;

/// <summary>How many raters of a source must have rated a person before their average may be shown to the person.</summary>
public sealed record AnonymityOptions
{
    /// <summary>
    /// Gets the fewest different raters of a source whose average is shown. The default value is 3, the usual promise of
    /// 360° feedback; 1 shows every average. Self-ratings and the manager's are shown whatever the number.
    /// </summary>
    public int MinimumRaters { get; init; } = 3;
}
