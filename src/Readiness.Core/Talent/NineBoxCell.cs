namespace Readiness.Talent;

/// <summary>One box of the 9-box: individual performance (horizontal) × leadership readiness (vertical).</summary>
public readonly record struct NineBoxCell
{
    /// <summary>Initializes a new instance of the <see cref="NineBoxCell"/> structure.</summary>
    /// <param name="performance">The performance third.</param>
    /// <param name="readiness">The leadership-readiness third.</param>
    public NineBoxCell(TalentLevel performance, TalentLevel readiness)
    {
        Performance = performance;
        Readiness = readiness;
    }

    /// <summary>Gets the performance third.</summary>
    public TalentLevel Performance { get; }

    /// <summary>Gets the leadership-readiness third.</summary>
    public TalentLevel Readiness { get; }

    /// <summary>Gets every box, low readiness and low performance first.</summary>
    public static IReadOnlyList<NineBoxCell> All { get; } =
        [.. from r in Enum.GetValues<TalentLevel>() from p in Enum.GetValues<TalentLevel>() select new NineBoxCell(p, r)];

    /// <summary>Gets the box's number, 1 (low, low) to 9 (high performance, high readiness): 3 × readiness + performance + 1.</summary>
    public int Number => (3 * (int)Readiness) + (int)Performance + 1;

    /// <summary>Gets the label used in talent reviews (see <see cref="NineBoxOptions.Labels"/> to change them).</summary>
    /// <remarks>
    /// High performance with low leadership readiness is the promotion trap ("trusted professional": keep and reward as
    /// an expert, do not promote on performance alone); high readiness with low performance is the "rough diamond" whose
    /// leadership behaviour the performance axis hides.
    /// </remarks>
    public string DefaultLabel => (Performance, Readiness) switch
    {
        (TalentLevel.Low, TalentLevel.Low) => "Talent risk",
        (TalentLevel.Moderate, TalentLevel.Low) => "Effective contributor",
        (TalentLevel.High, TalentLevel.Low) => "Trusted professional",
        (TalentLevel.Low, TalentLevel.Moderate) => "Inconsistent player",
        (TalentLevel.Moderate, TalentLevel.Moderate) => "Core player",
        (TalentLevel.High, TalentLevel.Moderate) => "High performer",
        (TalentLevel.Low, TalentLevel.High) => "Rough diamond",
        (TalentLevel.Moderate, TalentLevel.High) => "Emerging leader",
        _ => "Future leader",
    };

    /// <inheritdoc />
    public override string ToString() => $"box {Number} (performance {Performance}, readiness {Readiness})";
}
