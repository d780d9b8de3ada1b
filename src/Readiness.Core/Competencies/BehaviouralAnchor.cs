namespace Readiness.Competencies;

/// <summary>What a competency looks like at one level of the scale: the observable behaviour a rater matches (BARS).</summary>
public sealed class BehaviouralAnchor
{
    internal BehaviouralAnchor(int level, string behaviour)
    {
        Level = level;
        Behaviour = behaviour;
    }

    /// <summary>Gets the scale level this anchor describes.</summary>
    public int Level { get; }

    /// <summary>Gets the observable behaviour at this level.</summary>
    public string Behaviour { get; }

    /// <summary>Returns <c>level: behaviour</c>.</summary>
    /// <returns>The anchor as text.</returns>
    public override string ToString() => $"{Level}: {Behaviour}";
}
