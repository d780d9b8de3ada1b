using Readiness.Evidence;
using Readiness.Internal;

namespace Readiness.Calibration;

/// <summary>
/// A person's estimated growth: the change in scale points a year, averaged over the competencies they were rated on —
/// the cohort's average growth on those competencies plus the person's own deviation (a BLUP, shrunk towards the cohort).
/// </summary>
public sealed class PersonGrowth
{
    /// <summary>Initializes a new instance of the <see cref="PersonGrowth"/> class.</summary>
    /// <param name="person">The person.</param>
    /// <param name="growth">Scale points a year.</param>
    /// <param name="standardError">The standard error of <paramref name="growth"/> (prediction error, fixed-effect uncertainty included).</param>
    /// <param name="cycles">The number of cycles (distinct dates) the person was rated in.</param>
    /// <param name="basis">What the growth rests on.</param>
    /// <exception cref="ArgumentOutOfRangeException">A number is not finite, the standard error is negative, <paramref name="cycles"/> is negative, or <paramref name="basis"/> is not defined.</exception>
    public PersonGrowth(RateeId person, double growth, double standardError, int cycles, GrowthBasis basis)
    {
        Person = person;
        Growth = Guard.Finite(growth);
        StandardError = Guard.FiniteNonNegative(standardError);
        ArgumentOutOfRangeException.ThrowIfNegative(cycles);
        if (!Enum.IsDefined(basis))
        {
            throw new ArgumentOutOfRangeException(nameof(basis), basis, $"The growth basis {(int)basis} is not defined.");
        }

        Cycles = cycles;
        Basis = basis;
    }

    /// <summary>Gets the person.</summary>
    public RateeId Person { get; }

    /// <summary>Gets the growth in scale points a year.</summary>
    public double Growth { get; }

    /// <summary>Gets the standard error of <see cref="Growth"/>.</summary>
    public double StandardError { get; }

    /// <summary>Gets the number of cycles (distinct dates) the person was rated in.</summary>
    public int Cycles { get; }

    /// <summary>Gets what the growth rests on: <see cref="GrowthBasis.Person"/> with two or more cycles, else <see cref="GrowthBasis.Cohort"/>.</summary>
    public GrowthBasis Basis { get; }
}
