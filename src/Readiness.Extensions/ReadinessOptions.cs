using System.Collections.Immutable;
using Readiness.Calibration;
using Readiness.Scoring;

namespace Readiness;

/// <summary>The settings a host binds from configuration (section <c>Readiness</c> by convention) and validates at start-up.</summary>
/// <remarks>
/// Mutable for the configuration binder; <c>AddReadiness</c> turns them into Core's immutable policy
/// objects (<see cref="CrossedModelOptions"/>, <see cref="RaschOptions"/>, <see cref="ScoringOptions"/>) once, when the
/// calibrator and scorer are first resolved.
/// </remarks>
public sealed class ReadinessOptions
{
    /// <summary>Gets or sets the calibration settings.</summary>
    public ReadinessCalibrationOptions Calibration { get; set; } = new();

    /// <summary>Gets or sets the scoring settings.</summary>
    public ReadinessScoringOptions Scoring { get; set; } = new();

    /// <summary>Gets the competency models to register under keys: key → JSON file. The default value is empty.</summary>
    /// <remarks>
    /// Read by <c>AddReadiness(IConfiguration)</c> when it registers (a keyed singleton per entry, see
    /// <see cref="ReadinessKeyedServiceCollectionExtensions"/>); relative paths are resolved against
    /// <see cref="AppContext.BaseDirectory"/>, where a host's appsettings.json lives.
    /// </remarks>
    public Dictionary<string, string> Models { get; } = [];

    /// <summary>Gets the role profiles to register under keys: key → the model's key and the JSON file. The default value is empty.</summary>
    public Dictionary<string, ReadinessProfileFile> Profiles { get; } = [];

    /// <summary>Creates the calibrator these settings name.</summary>
    internal IRatingCalibrator CreateCalibrator()
    {
        var method = Calibration.Method;
        return method == CalibrationMethod.None ? new RawMeanCalibrator()
            : method == CalibrationMethod.MeanCentring ? new MeanCentringCalibrator()
            : method == CalibrationMethod.Standardisation ? new StandardisationCalibrator()
            : method == CalibrationMethod.ManyFacetRasch ? new ManyFacetRaschCalibrator(Calibration.Rasch.ToRaschOptions())
            : new CrossedRandomEffectsCalibrator(Calibration.Crossed.ToCrossedModelOptions());
    }
}

/// <summary>A role profile file and the key of the model it is written against.</summary>
public sealed class ReadinessProfileFile
{
    /// <summary>Gets or sets the key of a model in <see cref="ReadinessOptions.Models"/>.</summary>
    public string Model { get; set; } = string.Empty;

    /// <summary>Gets or sets the profile's JSON file.</summary>
    public string Path { get; set; } = string.Empty;
}

/// <summary>Which calibration runs, and how.</summary>
public sealed class ReadinessCalibrationOptions
{
    /// <summary>Gets or sets the calibration method. The default value is <see cref="CalibrationMethod.CrossedRandomEffects"/>.</summary>
    public CalibrationMethod Method { get; set; } = CalibrationMethod.CrossedRandomEffects;

    /// <summary>Gets or sets the crossed random-effects model's settings, used when <see cref="Method"/> is <see cref="CalibrationMethod.CrossedRandomEffects"/>.</summary>
    public ReadinessCrossedModelOptions Crossed { get; set; } = new();

    /// <summary>Gets or sets the many-facet Rasch model's settings, used when <see cref="Method"/> is <see cref="CalibrationMethod.ManyFacetRasch"/>.</summary>
    public ReadinessRaschOptions Rasch { get; set; } = new();
}

/// <summary>The crossed random-effects model's settings; each property maps onto the <see cref="CrossedModelOptions"/> property of the same name, with the same default.</summary>
public sealed class ReadinessCrossedModelOptions
{
    private static readonly CrossedModelOptions Defaults = new();

    /// <summary>Gets or sets the algorithm. The default value is <see cref="CrossedModelPath.Auto"/>.</summary>
    public CrossedModelPath Path { get; set; } = Defaults.Path;

    /// <summary>Gets or sets the largest sparse factor, in stored entries, that <see cref="CrossedModelPath.Auto"/> fits exactly. The default value is 20,000,000.</summary>
    public long ExactPathMaxFactorEntries { get; set; } = Defaults.ExactPathMaxFactorEntries;

    /// <summary>Gets or sets the most memory, in bytes, a fit may be predicted to need; 0 for a quarter of the memory available. The default value is 0.</summary>
    public long MaxMemoryBytes { get; set; } = Defaults.MaxMemoryBytes;

    /// <summary>Gets or sets the longest predicted time, in seconds, of an exact fit. The default value is 30.</summary>
    public double ExactPathMaxSeconds { get; set; } = Defaults.ExactPathMaxSeconds;

    /// <summary>Gets or sets the convergence tolerance. The default value is 1e-6.</summary>
    public double Tolerance { get; set; } = Defaults.Tolerance;

    /// <summary>Gets or sets the most iterations. The default value is 5,000.</summary>
    public int MaxIterations { get; set; } = Defaults.MaxIterations;

    /// <summary>Gets or sets how many threads the exact path may use; -1 for one per processor. The default value is -1.</summary>
    public int MaxDegreeOfParallelism { get; set; } = Defaults.MaxDegreeOfParallelism;

    /// <summary>Gets or sets how many effects each person has: <c>Automatic</c>, <c>Shared</c> or <c>PerDomain</c> (<see cref="CrossedModelOptions.PersonEffect"/>). The default value is <see cref="PersonEffect.Automatic"/>.</summary>
    public PersonEffect PersonEffect { get; set; } = Defaults.PersonEffect;

    /// <summary>Gets Core's immutable options with these values.</summary>
    /// <returns>The options (not yet validated; see <see cref="CrossedModelOptions.Validate"/>).</returns>
    public CrossedModelOptions ToCrossedModelOptions() => new()
    {
        PersonEffect = PersonEffect,
        Path = Path,
        ExactPathMaxFactorEntries = ExactPathMaxFactorEntries,
        MaxMemoryBytes = MaxMemoryBytes,
        ExactPathMaxSeconds = ExactPathMaxSeconds,
        Tolerance = Tolerance,
        MaxIterations = MaxIterations,
        MaxDegreeOfParallelism = MaxDegreeOfParallelism,
    };
}

/// <summary>The many-facet Rasch model's settings; each property maps onto the <see cref="RaschOptions"/> property of the same name, with the same default.</summary>
public sealed class ReadinessRaschOptions
{
    private static readonly RaschOptions Defaults = new();

    /// <summary>Gets or sets a value indicating whether rater source is a facet of its own. The default value is false.</summary>
    public bool SourceFacet { get; set; } = Defaults.SourceFacet;

    /// <summary>Gets or sets the largest score residual, in rating points, at which estimation stops. The default value is 1e-8.</summary>
    public double ScoreTolerance { get; set; } = Defaults.ScoreTolerance;

    /// <summary>Gets or sets the most joint maximum likelihood iterations. The default value is 1,000.</summary>
    public int MaxIterations { get; set; } = Defaults.MaxIterations;

    /// <summary>Gets or sets the score points an extreme score is moved inward. The default value is 0.3.</summary>
    public double ExtremeScoreAdjustment { get; set; } = Defaults.ExtremeScoreAdjustment;

    /// <summary>Gets or sets the largest Newton step, in logits. The default value is 1.</summary>
    public double MaxStep { get; set; } = Defaults.MaxStep;

    /// <summary>Gets Core's immutable options with these values.</summary>
    /// <returns>The options (not yet validated; see <see cref="RaschOptions.Validate"/>).</returns>
    public RaschOptions ToRaschOptions() => new()
    {
        SourceFacet = SourceFacet,
        ScoreTolerance = ScoreTolerance,
        MaxIterations = MaxIterations,
        ExtremeScoreAdjustment = ExtremeScoreAdjustment,
        MaxStep = MaxStep,
    };
}

/// <summary>How readiness is scored; each property maps onto the <see cref="ScoringOptions"/> property of the same name, with the same default.</summary>
public sealed class ReadinessScoringOptions
{
    private static readonly ScoringOptions Defaults = new();

    /// <summary>Gets or sets the scoring policy. The default value is <see cref="ScoringPolicy.Hybrid"/>.</summary>
    public ScoringPolicy Policy { get; set; } = Defaults.Policy;

    /// <summary>Gets the policy per role profile id (matched exactly), overriding <see cref="Policy"/>. The default value is empty.</summary>
    public Dictionary<string, ScoringPolicy> ProfilePolicies { get; } = [];

    /// <summary>Gets or sets how far beyond its target a competency can count, as a fraction of the target's distance from the scale minimum, in [0, 1]. The default value is 0.1.</summary>
    public double OvershootCap { get; set; } = Defaults.OvershootCap;

    /// <summary>Gets or sets the coverage of the index's interval, in (0, 1). The default value is 0.90.</summary>
    public double IntervalLevel { get; set; } = Defaults.IntervalLevel;

    /// <summary>Gets or sets what decides the band. The default value is <see cref="BandBasis.Probability"/>.</summary>
    public BandBasis BandBasis { get; set; } = Defaults.BandBasis;

    /// <summary>Gets or sets the probability a band must reach under <see cref="BandBasis.Probability"/>, in [0.5, 1). The default value is 0.8.</summary>
    public double BandConfidence { get; set; } = Defaults.BandConfidence;

    /// <summary>Gets or sets the lowest index that can be ready now, in [0, 100]. The default value is 90.</summary>
    public double ReadyNowMinimumIndex { get; set; } = Defaults.ReadyNowMinimumIndex;

    /// <summary>Gets or sets the index below which a candidate is not on the leadership track, at most <see cref="ReadyNowMinimumIndex"/>. The default value is 50.</summary>
    public double OnTrackMinimumIndex { get; set; } = Defaults.OnTrackMinimumIndex;

    /// <summary>Gets or sets the longest time to ready, in years, that counts as ready now. The default value is 0.5.</summary>
    public double ReadyNowMaxYears { get; set; } = Defaults.ReadyNowMaxYears;

    /// <summary>Gets or sets the longest time to ready, in years, of the 1–2 year band. The default value is 2.</summary>
    public double NearTermMaxYears { get; set; } = Defaults.NearTermMaxYears;

    /// <summary>Gets or sets the longest time to ready, in years, of the 3+ year band. The default value is 5.</summary>
    public double LongTermMaxYears { get; set; } = Defaults.LongTermMaxYears;

    /// <summary>Gets or sets the scale points a year of development closes. The default value is 0.5.</summary>
    public double DevelopmentRate { get; set; } = Defaults.DevelopmentRate;

    /// <summary>Gets development rates (scale points per year) per competency id (ignoring case), overriding <see cref="DevelopmentRate"/>. The default value is empty.</summary>
    public Dictionary<string, double> DevelopmentRates { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets the best band a candidate with a critical gap can have. The default value is <see cref="ReadinessBand.ReadyIn1To2Years"/>.</summary>
    public ReadinessBand CriticalGapBand { get; set; } = Defaults.CriticalGapBand;

    /// <summary>Gets or sets the fewest distinct raters other than the candidate needed to score. The default value is 3.</summary>
    public int MinimumRaters { get; set; } = Defaults.MinimumRaters;

    /// <summary>Gets or sets the fewest distinct sources other than self needed to score. The default value is 2.</summary>
    public int MinimumSources { get; set; } = Defaults.MinimumSources;

    /// <summary>Gets or sets the share of the profile's weight that must have estimates, in (0, 1]. The default value is 1.</summary>
    public double MinimumCoverage { get; set; } = Defaults.MinimumCoverage;

    /// <summary>Gets or sets how far, in scale points, self-ratings may run above the other raters' estimates before they are flagged. The default value is 0.75.</summary>
    public double SelfInflationThreshold { get; set; } = Defaults.SelfInflationThreshold;

    /// <summary>Gets or sets the spread of raters' views of a candidate, in scale points, above which they are flagged as disagreeing. The default value is 1.</summary>
    public double RaterDisagreementThreshold { get; set; } = Defaults.RaterDisagreementThreshold;

    /// <summary>Gets or sets the top share of the cohort that counts as high for the cohort-relative flags, in (0, 0.5). The default value is 0.25.</summary>
    public double CohortTopShare { get; set; } = Defaults.CohortTopShare;

    /// <summary>Gets Core's immutable scoring options with these values.</summary>
    /// <returns>The options (not yet validated; see <see cref="ScoringOptions.Validate"/>).</returns>
    public ScoringOptions ToScoringOptions() => new()
    {
        Policy = Policy,
        ProfilePolicies = ProfilePolicies.ToImmutableDictionary(StringComparer.Ordinal),
        OvershootCap = OvershootCap,
        IntervalLevel = IntervalLevel,
        BandBasis = BandBasis,
        BandConfidence = BandConfidence,
        ReadyNowMinimumIndex = ReadyNowMinimumIndex,
        OnTrackMinimumIndex = OnTrackMinimumIndex,
        ReadyNowMaxYears = ReadyNowMaxYears,
        NearTermMaxYears = NearTermMaxYears,
        LongTermMaxYears = LongTermMaxYears,
        DevelopmentRate = DevelopmentRate,
        DevelopmentRates = DevelopmentRates.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase),
        CriticalGapBand = CriticalGapBand,
        MinimumRaters = MinimumRaters,
        MinimumSources = MinimumSources,
        MinimumCoverage = MinimumCoverage,
        SelfInflationThreshold = SelfInflationThreshold,
        RaterDisagreementThreshold = RaterDisagreementThreshold,
        CohortTopShare = CohortTopShare,
    };
}
