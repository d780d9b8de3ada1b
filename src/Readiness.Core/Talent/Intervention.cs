using Readiness.Internal;

using Readiness.Calibration;

namespace Readiness.Talent;

/// <summary>One development intervention for a competency.</summary>
public sealed record Intervention
{
    /// <summary>Creates an intervention.</summary>
    /// <param name="type">The kind.</param>
    /// <param name="name">A short name, e.g. "Delegation stretch: run the team's next release".</param>
    /// <param name="description">What it involves, or null.</param>
    /// <exception cref="ArgumentException">The name is blank or the type undefined.</exception>
    public Intervention(InterventionType type, string name, string? description = null)
    {
        if (!Enum.IsDefined(type))
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, $"type was {(int)type}; it must be one of {string.Join(", ", Enum.GetNames<InterventionType>())}.");
        }

        Type = type;
        Name = Guard.NotBlank(name);
        Description = description;
    }

    /// <summary>Gets the kind.</summary>
    public InterventionType Type { get; }

    /// <summary>Gets the short name.</summary>
    public string Name { get; }

    /// <summary>Gets what it involves, or null.</summary>
    public string? Description { get; }

    /// <summary>
    /// Gets what the organisation's own development records measured this intervention to do to growth (matched by name,
    /// ignoring case; see <see cref="InterventionCatalogue.WithMeasuredEffects"/>), or null when it was not measured.
    /// </summary>
    public InterventionEffect? MeasuredEffect { get; init; }
}
