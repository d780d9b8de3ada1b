namespace Readiness.Simulation;

/// <summary>One rater of a simulated organisation, with the bias planted in them.</summary>
/// <param name="Id">The rater id.</param>
/// <param name="Style">The planted rating habit.</param>
/// <param name="Leniency">The planted additive leniency (+) or severity (−), in scale points.</param>
public sealed record SimulatedRater(Evidence.RaterId Id, RaterStyle Style, double Leniency);
