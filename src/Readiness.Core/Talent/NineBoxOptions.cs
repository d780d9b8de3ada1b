using System.Collections.Immutable;

namespace Readiness.Talent;

/// <summary>How the 9-box is drawn.</summary>
public sealed record NineBoxOptions
{
    /// <summary>Gets where the axes are cut. The default value is <see cref="NineBoxCuts.Tertiles"/>.</summary>
    public NineBoxCuts Cuts { get; init; } = NineBoxCuts.Tertiles;

    /// <summary>Gets labels replacing <see cref="NineBoxCell.DefaultLabel"/> for some boxes. The default value is empty.</summary>
    public ImmutableDictionary<NineBoxCell, string> Labels { get; init; } = ImmutableDictionary<NineBoxCell, string>.Empty;
}
