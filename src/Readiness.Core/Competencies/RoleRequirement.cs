namespace Readiness.Competencies;

/// <summary>What a role asks of one competency: the target level, an optional critical minimum and its weight.</summary>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed class RoleRequirement
{
    internal RoleRequirement(Competency competency, double target, double? criticalMinimum, double importance, Weight weight)
    {
        Competency = competency;
        Target = target;
        CriticalMinimum = criticalMinimum;
        Importance = importance;
        Weight = weight;
    }

    /// <summary>Gets the competency.</summary>
    public Competency Competency { get; }

    /// <summary>Gets the level the role needs, on the model's scale; meeting it counts as fully ready on this competency.</summary>
    public double Target { get; }

    /// <summary>Gets the critical minimum, or null when the competency has none.</summary>
    /// <remarks>
    /// A critical minimum is non-compensatory: a candidate below it is not "ready now", whatever the other competencies say.
    /// It lies on the scale and at or below <see cref="Target"/>.
    /// </remarks>
    public double? CriticalMinimum { get; }

    /// <summary>Gets the relative importance exactly as given to the builder (points, a ratio, or a weight).</summary>
    /// <remarks>Kept so that a profile written to JSON and read back is bit-for-bit the same profile.</remarks>
    public double Importance { get; }

    /// <summary>Gets the normalised weight: this importance divided by the sum of all importances of the profile.</summary>
    public Weight Weight { get; }

    /// <summary>Returns <c>competency: target (weight)</c>.</summary>
    /// <returns>The requirement as text.</returns>
    public override string ToString() => $"{Competency.Id}: target {Target}, weight {Weight}";
}
