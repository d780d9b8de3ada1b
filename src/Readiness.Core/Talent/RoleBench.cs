namespace Readiness.Talent;

/// <summary>The bench behind one role: its slate's successors counted by band.</summary>
public sealed class RoleBench
{
    /// <summary>Initializes a new instance of the <see cref="RoleBench"/> class.</summary>
    /// <param name="role">The role.</param>
    /// <param name="readyNow">Successors ready now.</param>
    /// <param name="readyIn1To2Years">Successors ready in 1–2 years.</param>
    /// <param name="readyIn3PlusYears">Successors ready in 3 or more years.</param>
    /// <param name="notOnLeadershipTrack">Successors not on a leadership track (only when the slate's lowest band lets them on).</param>
    internal RoleBench(string role, int readyNow, int readyIn1To2Years, int readyIn3PlusYears, int notOnLeadershipTrack)
    {
        Role = role;
        ReadyNow = readyNow;
        ReadyIn1To2Years = readyIn1To2Years;
        ReadyIn3PlusYears = readyIn3PlusYears;
        NotOnLeadershipTrack = notOnLeadershipTrack;
    }

    /// <summary>Gets the role.</summary>
    public string Role { get; }

    /// <summary>Gets successors ready now.</summary>
    public int ReadyNow { get; }

    /// <summary>Gets successors ready in 1–2 years.</summary>
    public int ReadyIn1To2Years { get; }

    /// <summary>Gets successors ready in 3 or more years.</summary>
    public int ReadyIn3PlusYears { get; }

    /// <summary>Gets successors not on a leadership track (only when the slate's lowest band lets them on).</summary>
    public int NotOnLeadershipTrack { get; }

    /// <summary>Gets the number of successors on the slate (the counts add up to it).</summary>
    public int Total => ReadyNow + ReadyIn1To2Years + ReadyIn3PlusYears + NotOnLeadershipTrack;

    /// <summary>Gets a value indicating whether the role has a successor ready now.</summary>
    public bool Covered => ReadyNow > 0;
}
