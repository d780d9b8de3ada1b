using Readiness.Calibration;
using Readiness.Scoring;

namespace Readiness;

/// <summary>The settings a host binds from configuration (section <c>Readiness</c> by convention) and validates at start-up.</summary>
/// <remarks>
/// Mutable for the configuration binder; <c>AddReadiness</c> turns them into Core's immutable policy
/// objects (<see cref="CrossedModelSettings"/>, <see cref="RaschSettings"/>, <see cref="ScoringOptions"/>) once, when the
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
            : method == CalibrationMethod.ManyFacetRasch ? new ManyFacetRaschCalibrator(new RaschSettings { SourceFacet = Calibration.RaschSourceFacet })
            : new CrossedRandomEffectsCalibrator(new CrossedModelSettings { Path = Calibration.CrossedModelPath });
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

    /// <summary>Gets or sets the crossed model's algorithm. The default value is <see cref="Readiness.Calibration.CrossedModelPath.Auto"/>.</summary>
    public CrossedModelPath CrossedModelPath { get; set; } = CrossedModelPath.Auto;

    /// <summary>Gets or sets a value indicating whether the Rasch model treats rater source as a facet. The default value is false.</summary>
    public bool RaschSourceFacet { get; set; }
}

/// <summary>How readiness is scored; each property maps onto the <see cref="ScoringOptions"/> property of the same name, with the same default.</summary>
public sealed class ReadinessScoringOptions
{
    private static readonly ScoringOptions Defaults = new();

    /// <summary>Gets or sets the scoring policy. The default value is <see cref="ScoringPolicy.Hybrid"/>.</summary>
    public ScoringPolicy Policy { get; set; } = Defaults.Policy;

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

    /// <summary>Gets or sets the fewest distinct raters other than the candidate needed to score. The default value is 3.</summary>
    public int MinimumRaters { get; set; } = Defaults.MinimumRaters;

    /// <summary>Gets or sets the fewest distinct sources other than self needed to score. The default value is 2.</summary>
    public int MinimumSources { get; set; } = Defaults.MinimumSources;

    /// <summary>Gets or sets the share of the profile's weight that must have estimates, in (0, 1]. The default value is 1.</summary>
    public double MinimumCoverage { get; set; } = Defaults.MinimumCoverage;

    /// <summary>Gets Core's immutable scoring options with these values.</summary>
    /// <returns>The options (not yet validated; see <see cref="ScoringOptions.Validate"/>).</returns>
    public ScoringOptions ToScoringOptions() => new()
    {
        Policy = Policy,
        IntervalLevel = IntervalLevel,
        BandBasis = BandBasis,
        BandConfidence = BandConfidence,
        ReadyNowMinimumIndex = ReadyNowMinimumIndex,
        OnTrackMinimumIndex = OnTrackMinimumIndex,
        ReadyNowMaxYears = ReadyNowMaxYears,
        NearTermMaxYears = NearTermMaxYears,
        LongTermMaxYears = LongTermMaxYears,
        DevelopmentRate = DevelopmentRate,
        MinimumRaters = MinimumRaters,
        MinimumSources = MinimumSources,
        MinimumCoverage = MinimumCoverage,
    };
}
