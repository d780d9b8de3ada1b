namespace Readiness.Talent;

/// <summary>The bench behind one role: its slate's successors counted by band.</summary>
/// <param name="Role">The role.</param>
/// <param name="ReadyNow">Successors ready now.</param>
/// <param name="ReadyIn1To2Years">Successors ready in 1–2 years.</param>
/// <param name="ReadyIn3PlusYears">Successors ready in 3 or more years.</param>
/// <param name="NotOnLeadershipTrack">Successors not on a leadership track (only when the slate's lowest band lets them on).</param>
public sealed record RoleBench(string Role, int ReadyNow, int ReadyIn1To2Years, int ReadyIn3PlusYears, int NotOnLeadershipTrack)
{
    /// <summary>Gets the number of successors on the slate (the counts add up to it).</summary>
    public int Total => ReadyNow + ReadyIn1To2Years + ReadyIn3PlusYears + NotOnLeadershipTrack;

    /// <summary>Gets a value indicating whether the role has a successor ready now.</summary>
    public bool Covered => ReadyNow > 0;
}
