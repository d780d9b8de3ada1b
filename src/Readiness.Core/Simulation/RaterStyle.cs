namespace Readiness.Simulation;

/// <summary>The rating habit planted in a simulated rater.</summary>
public enum RaterStyle
{
    /// <summary>A small random leniency or severity, as every rater has.</summary>
    Ordinary = 0,

    /// <summary>Rates everyone markedly above their level.</summary>
    Lenient = 1,

    /// <summary>Rates everyone markedly below their level.</summary>
    Severe = 2,

    /// <summary>Uses only the middle of the scale: ratings are pulled toward the midpoint.</summary>
    CentralTendency = 3,

    /// <summary>Rates every competency of a person from one overall impression.</summary>
    Halo = 4,

    /// <summary>Rates people of one group (<see cref="SimulationOptions.FavouredGroup"/>) higher than everyone else (on top of any other habit the rater has).</summary>
    FavoursGroup = 5,

    /// <summary>Rates erratically: the rating noise is <see cref="SimulationOptions.ErraticNoiseFactor"/> times the usual.</summary>
    Erratic = 6,
}
