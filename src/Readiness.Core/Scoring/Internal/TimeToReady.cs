using Readiness.Calibration;

namespace Readiness.Scoring.Internal;

/// <summary>How far off readiness is: the interval of the years to ready, and what the development rates rest on.</summary>
/// <param name="Basis">What the rates rest on.</param>
/// <param name="Lower">The interval's lower end, in years.</param>
/// <param name="Upper">The interval's upper end, in years.</param>
internal readonly record struct TimeToReady(GrowthBasis Basis, double Lower, double Upper);
