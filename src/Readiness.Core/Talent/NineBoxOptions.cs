using System.Collections.Immutable;
using Readiness.Internal;

namespace Readiness.Talent;

/// <summary>How the 9-box is drawn.</summary>
public sealed record NineBoxOptions
{
    private readonly EquatableDictionary<NineBoxCell, string> _labels = new(ImmutableDictionary<NineBoxCell, string>.Empty);

    /// <summary>Gets where the axes are cut. The default value is <see cref="NineBoxCuts.Tertiles"/>.</summary>
    public NineBoxCuts Cuts { get; init; } = NineBoxCuts.Tertiles;

    /// <summary>Gets labels replacing <see cref="NineBoxCell.DefaultLabel"/> for some boxes. The default value is empty.</summary>
    public ImmutableDictionary<NineBoxCell, string> Labels { get => _labels.Items!; init => _labels = new(value); }

    /// <summary>Lists every rule these options break, each message naming the property, its value and the rule.</summary>
    /// <returns>The broken rules; empty when the options are valid.</returns>
    public ImmutableArray<string> Validate()
    {
        var rules = new OptionRules();
        rules.Require(Cuts is not null, "Cuts must not be null.");
        if (Labels is null)
        {
            rules.Require(false, "Labels must not be null.");
            return rules.Broken;
        }

        foreach (var (cell, label) in Labels)
        {
            rules.Require(!string.IsNullOrWhiteSpace(label) && Enum.IsDefined(cell.Performance) && Enum.IsDefined(cell.Readiness),
                $"Labels: the label of {cell} is '{label}'; every label must name one of the nine boxes and have text.");
        }
        return rules.Broken;
    }

    internal NineBoxOptions Validated() => OptionRules.Valid(this, Validate());
}
