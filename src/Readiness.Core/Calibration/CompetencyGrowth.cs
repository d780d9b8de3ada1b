using Readiness.Competencies;
using Readiness.Internal;

namespace Readiness.Calibration;

/// <summary>The cohort's measured growth on one competency: the fixed time slope of the longitudinal model.</summary>
public sealed class CompetencyGrowth
{
    /// <summary>Initializes a new instance of the <see cref="CompetencyGrowth"/> class.</summary>
    /// <param name="competency">The competency.</param>
    /// <param name="growth">Scale points a year.</param>
    /// <param name="standardError">Its standard error.</param>
    /// <exception cref="ArgumentOutOfRangeException">A number is not finite, or the standard error is negative.</exception>
    public CompetencyGrowth(CompetencyId competency, double growth, double standardError)
    {
        Competency = competency;
        Growth = Guard.Finite(growth);
        StandardError = Guard.FiniteNonNegative(standardError);
    }

    /// <summary>Gets the competency.</summary>
    public CompetencyId Competency { get; }

    /// <summary>Gets the cohort's growth in scale points a year.</summary>
    public double Growth { get; }

    /// <summary>Gets its standard error.</summary>
    public double StandardError { get; }
}
