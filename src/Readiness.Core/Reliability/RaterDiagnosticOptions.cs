using System.Collections.Immutable;
using Readiness.Internal;

namespace Readiness.Reliability;

/// <summary>The thresholds of the rater diagnostics; each is the caller's to change.</summary>
public sealed record RaterDiagnosticOptions
{
    /// <summary>Gets the leniency or severity, in scale points, beyond which a rater is flagged. The default value is 0.5.</summary>
    public double LeniencyThreshold { get; init; } = 0.5;

    /// <summary>Gets the spread ratio below which a rater is flagged for central tendency. The default value is 0.6.</summary>
    public double CentralTendencyThreshold { get; init; } = 0.6;

    /// <summary>Gets the halo ratio below which a rater is flagged for halo. The default value is 0.5.</summary>
    public double HaloThreshold { get; init; } = 0.5;

    /// <summary>Gets the mean square above which a rater is flagged for misfit. The default value is 2.</summary>
    public double MisfitThreshold { get; init; } = 2;

    /// <summary>Gets the fewest ratees a rater needs to be examined. The default value is 2.</summary>
    public int MinimumRatees { get; init; } = 2;

    /// <summary>
    /// Gets the level of the test each flag also needs: the chance that a rater who rates as the model says is flagged, per
    /// rater and flag, is at most this. The default value is 0.05.
    /// </summary>
    public double SignificanceLevel { get; init; } = 0.05;

    /// <summary>
    /// Gets how many rating sets are drawn from the fitted model per rater for the central-tendency and halo tests; the
    /// smallest p-value they can give is 1 / (draws + 1). The default value is 200.
    /// </summary>
    public int NullDraws { get; init; } = 200;

    /// <summary>Gets the seed of the draws, so that diagnostics are reproducible. The default value is 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Lists every rule these options break, each message naming the property, its value and the rule.</summary>
    /// <returns>The broken rules; empty when the options are valid.</returns>
    public ImmutableArray<string> Validate()
    {
        var rules = new OptionRules();
        rules.Require(LeniencyThreshold >= 0 && double.IsFinite(LeniencyThreshold), $"LeniencyThreshold was {Guard.Format(LeniencyThreshold)}; it must be finite and at least 0.");
        rules.InRange(CentralTendencyThreshold, 0, 1);
        rules.InRange(HaloThreshold, 0, 1);
        rules.Require(MisfitThreshold >= 1 && double.IsFinite(MisfitThreshold), $"MisfitThreshold was {Guard.Format(MisfitThreshold)}; it must be finite and at least 1.");
        rules.AtLeast(MinimumRatees, 1);
        rules.Require(SignificanceLevel is > 0 and < 1, $"SignificanceLevel was {Guard.Format(SignificanceLevel)}; it must be in (0, 1).");
        rules.AtLeast(NullDraws, 19);
        return rules.Broken;
    }

    internal RaterDiagnosticOptions Validated() => OptionRules.Valid(this, Validate());
}
