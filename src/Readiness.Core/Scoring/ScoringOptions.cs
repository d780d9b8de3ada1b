using System.Collections.Immutable;
using Readiness.Internal;

namespace Readiness.Scoring;

/// <summary>How readiness is scored: the policy, the interval, the bands, the development rates and the evidence required.</summary>
/// <remarks>Checked when a scorer is created; every broken rule is reported at once, naming the property, its value and the rule.</remarks>
public sealed record ScoringOptions
{
    // Compared by their entries, so that two options with the same settings are equal.
    private readonly EquatableDictionary<string, ScoringPolicy> _profilePolicies = new(ImmutableDictionary<string, ScoringPolicy>.Empty);
    private readonly EquatableDictionary<string, double> _developmentRates = new(ImmutableDictionary<string, double>.Empty);

    /// <summary>Gets the scoring policy for profiles not named in <see cref="ProfilePolicies"/>. The default value is <see cref="ScoringPolicy.Hybrid"/>.</summary>
    public ScoringPolicy Policy { get; init; } = ScoringPolicy.Hybrid;

    /// <summary>
    /// Gets the policy per role profile id, overriding <see cref="Policy"/>. Ids are matched exactly (ordinal): one scorer may
    /// serve several tenants, and tenant B's <c>Team-Lead</c> must not take tenant A's <c>team-lead</c> policy. The default
    /// value is empty.
    /// </summary>
    public ImmutableDictionary<string, ScoringPolicy> ProfilePolicies { get => _profilePolicies.Items!; init => _profilePolicies = new(value); }

    /// <summary>Gets how far beyond its target a competency can count, as a fraction of the target's distance from the scale minimum. The default value is 0.1.</summary>
    /// <remarks>
    /// Exceeding a target on one competency makes up for a gap on another only up to this cap (compensatory and hybrid
    /// policies); 0 means strengths never make up for gaps. In [0, 1].
    /// </remarks>
    public double OvershootCap { get; init; } = 0.1;

    /// <summary>Gets the coverage of the index's interval. The default value is 0.90.</summary>
    public double IntervalLevel { get; init; } = 0.90;

    /// <summary>Gets what decides the band. The default value is <see cref="BandBasis.Probability"/>.</summary>
    public BandBasis BandBasis { get; init; } = BandBasis.Probability;

    /// <summary>Gets the probability a band must reach under <see cref="BandBasis.Probability"/>. The default value is 0.8.</summary>
    /// <remarks>In [0.5, 1): a band is the best one the candidate's true levels reach at least this likely, so at 0.5 it is the median band.</remarks>
    public double BandConfidence { get; init; } = 0.8;

    /// <summary>Gets the lowest index that can be <see cref="ReadinessBand.ReadyNow"/>. The default value is 90.</summary>
    public double ReadyNowMinimumIndex { get; init; } = 90;

    /// <summary>Gets the index below which a candidate is <see cref="ReadinessBand.NotOnLeadershipTrack"/>. The default value is 50.</summary>
    public double OnTrackMinimumIndex { get; init; } = 50;

    /// <summary>Gets the longest time to ready, in years, that still counts as ready now. The default value is 0.5.</summary>
    public double ReadyNowMaxYears { get; init; } = 0.5;

    /// <summary>Gets the longest time to ready, in years, of <see cref="ReadinessBand.ReadyIn1To2Years"/>. The default value is 2.</summary>
    public double NearTermMaxYears { get; init; } = 2;

    /// <summary>Gets the longest time to ready, in years, of <see cref="ReadinessBand.ReadyIn3PlusYears"/>; beyond it a candidate is not on the track. The default value is 5.</summary>
    public double LongTermMaxYears { get; init; } = 5;

    /// <summary>Gets how many scale points a year of development closes on a competency without its own rate. The default value is 0.5.</summary>
    /// <remarks>Gaps are taken to close in parallel, so the time to ready is the longest single gap's time.</remarks>
    public double DevelopmentRate { get; init; } = 0.5;

    /// <summary>Gets development rates (scale points per year) per competency id (ignoring case), overriding <see cref="DevelopmentRate"/>. The default value is empty.</summary>
    public ImmutableDictionary<string, double> DevelopmentRates { get => _developmentRates.Items!; init => _developmentRates = new(value); }

    /// <summary>Gets the best band a candidate with a critical gap can have. The default value is <see cref="ReadinessBand.ReadyIn1To2Years"/>.</summary>
    public ReadinessBand CriticalGapBand { get; init; } = ReadinessBand.ReadyIn1To2Years;

    /// <summary>Gets the fewest distinct raters other than the candidate needed to score. The default value is 3.</summary>
    public int MinimumRaters { get; init; } = 3;

    /// <summary>Gets the fewest distinct sources other than self (manager, peer, …) needed to score. The default value is 2.</summary>
    public int MinimumSources { get; init; } = 2;

    /// <summary>Gets the share of the profile's weight that must have estimates to score. The default value is 1 (every requirement).</summary>
    public double MinimumCoverage { get; init; } = 1;

    /// <summary>Gets how far, in scale points, self-ratings may run above the other raters' estimates before they are flagged. The default value is 0.75.</summary>
    public double SelfInflationThreshold { get; init; } = 0.75;

    /// <summary>Gets the spread of raters' views of a candidate, in scale points, above which they are flagged as disagreeing. The default value is 1.</summary>
    public double RaterDisagreementThreshold { get; init; } = 1;

    /// <summary>Gets the top share of the cohort that counts as high (performance or readiness) for the cohort-relative flags. The default value is 0.25.</summary>
    public double CohortTopShare { get; init; } = 0.25;

    /// <summary>Gets the policy for a role profile.</summary>
    /// <param name="profileId">The profile's id.</param>
    /// <returns>The profile's own policy, or <see cref="Policy"/>.</returns>
    public ScoringPolicy PolicyFor(string profileId) =>
        profileId is not null && ProfilePolicies.TryGetValue(profileId, out var policy) ? policy : Policy;

    /// <summary>Gets the development rate of a competency.</summary>
    /// <param name="competencyId">The competency's id.</param>
    /// <returns>Its own rate, or <see cref="DevelopmentRate"/>.</returns>
    public double DevelopmentRateFor(string competencyId) => FindIgnoringCase(DevelopmentRates, competencyId, DevelopmentRate);

    /// <summary>Ids are compared ignoring case everywhere in a model, whatever comparer the caller's dictionary uses.</summary>
    private static T FindIgnoringCase<T>(ImmutableDictionary<string, T> values, string id, T fallback)
    {
        foreach (var (key, value) in values)
        {
            if (IdRules.Comparer.Equals(key, id))
            {
                return value;
            }
        }

        return fallback;
    }

    /// <summary>Lists every rule these options break, each message naming the property, its value and the rule.</summary>
    /// <returns>The broken rules; empty when the options are valid.</returns>
    /// <remarks>For hosts that validate configuration at start-up and report every error at once.</remarks>
    public ImmutableArray<string> Validate()
    {
        var rules = new OptionRules();
        string F(double v) => Guard.Format(v);
        rules.Require(Enum.IsDefined(Policy), $"Policy was {(int)Policy}; it must be Hybrid, Compensatory or Conjunctive.");
        rules.Require(ProfilePolicies is not null && ProfilePolicies.Values.All(Enum.IsDefined), "ProfilePolicies must not be null and must hold only defined policies.");
        rules.Require(OvershootCap is >= 0 and <= 1, $"OvershootCap was {F(OvershootCap)}; it must be in [0, 1].");
        rules.Require(IntervalLevel is > 0 and < 1, $"IntervalLevel was {F(IntervalLevel)}; it must be in (0, 1).");
        rules.Require(Enum.IsDefined(BandBasis), $"BandBasis was {(int)BandBasis}; it must be PointEstimate, LowerBound or Probability.");
        rules.Require(BandConfidence is >= 0.5 and < 1, $"BandConfidence was {F(BandConfidence)}; it must be in [0.5, 1).");
        rules.Require(ReadyNowMinimumIndex is >= 0 and <= 100, $"ReadyNowMinimumIndex was {F(ReadyNowMinimumIndex)}; it must be in [0, 100].");
        rules.Require(OnTrackMinimumIndex >= 0 && OnTrackMinimumIndex <= ReadyNowMinimumIndex,
            $"OnTrackMinimumIndex was {F(OnTrackMinimumIndex)}; it must be in [0, ReadyNowMinimumIndex = {F(ReadyNowMinimumIndex)}].");
        rules.Require(ReadyNowMaxYears >= 0 && ReadyNowMaxYears <= NearTermMaxYears && NearTermMaxYears <= LongTermMaxYears && double.IsFinite(LongTermMaxYears),
            $"ReadyNowMaxYears ({F(ReadyNowMaxYears)}), NearTermMaxYears ({F(NearTermMaxYears)}) and LongTermMaxYears ({F(LongTermMaxYears)}) must be finite, at least 0 and in increasing order.");
        rules.Require(DevelopmentRate > 0 && double.IsFinite(DevelopmentRate), $"DevelopmentRate was {F(DevelopmentRate)}; it must be a positive number of scale points per year.");
        if (DevelopmentRates is null)
        {
            rules.Require(false, "DevelopmentRates must not be null.");
        }
        else
        {
            foreach (var (id, rate) in DevelopmentRates)
            {
                rules.Require(rate > 0 && double.IsFinite(rate), $"DevelopmentRates['{id}'] was {F(rate)}; it must be a positive number of scale points per year.");
            }
        }

        rules.Require(CriticalGapBand is ReadinessBand.ReadyIn1To2Years or ReadinessBand.ReadyIn3PlusYears or ReadinessBand.NotOnLeadershipTrack,
            $"CriticalGapBand was {CriticalGapBand}; it must be ReadyIn1To2Years, ReadyIn3PlusYears or NotOnLeadershipTrack.");
        rules.Require(MinimumRaters >= 1, $"MinimumRaters was {MinimumRaters}; it must be at least 1.");
        rules.Require(MinimumSources >= 1, $"MinimumSources was {MinimumSources}; it must be at least 1.");
        rules.Require(MinimumCoverage is > 0 and <= 1, $"MinimumCoverage was {F(MinimumCoverage)}; it must be in (0, 1].");
        rules.Require(SelfInflationThreshold > 0 && double.IsFinite(SelfInflationThreshold), $"SelfInflationThreshold was {F(SelfInflationThreshold)}; it must be a positive number of scale points.");
        rules.Require(RaterDisagreementThreshold > 0 && double.IsFinite(RaterDisagreementThreshold), $"RaterDisagreementThreshold was {F(RaterDisagreementThreshold)}; it must be a positive number of scale points.");
        rules.Require(CohortTopShare is > 0 and < 0.5, $"CohortTopShare was {F(CohortTopShare)}; it must be in (0, 0.5).");
        return rules.Broken;
    }

    internal ScoringOptions Validated() => OptionRules.Valid(this, Validate());
}
