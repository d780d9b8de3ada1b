using Readiness.Internal;

namespace Readiness.Calibration;

/// <summary>One fixed-effect coefficient of a calibration model.</summary>
public sealed class FixedEffect
{
    /// <summary>Initializes a new instance of the <see cref="FixedEffect"/> class.</summary>
    /// <param name="name"><c>(Intercept)</c>, <c>competency:&lt;id&gt;</c> or <c>source:&lt;Source&gt;</c>. Treatment contrasts: the first competency present (in model order) and the first source present (in <see cref="Evidence.RaterSource"/> order) are the references.</param>
    /// <param name="estimate">The coefficient, in scale points.</param>
    /// <param name="standardError">Its standard error.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The estimate is not finite, or the standard error is not finite or is negative.</exception>
    public FixedEffect(string name, double estimate, double standardError)
    {
        Name = Guard.NotBlank(name);
        Estimate = Guard.Finite(estimate);
        StandardError = Guard.FiniteNonNegative(standardError);
    }

    /// <summary>Gets <c>(Intercept)</c>, <c>competency:&lt;id&gt;</c> or <c>source:&lt;Source&gt;</c>. Treatment contrasts: the first competency present (in model order) and the first source present (in <see cref="Evidence.RaterSource"/> order) are the references.</summary>
    public string Name { get; }

    /// <summary>Gets the coefficient, in scale points.</summary>
    public double Estimate { get; }

    /// <summary>Gets its standard error.</summary>
    public double StandardError { get; }
}
