namespace Readiness.Calibration;

/// <summary>The ratings cannot support a calibration method; the message says what is missing.</summary>
/// <remarks>Thrown for designs that would otherwise give a wrong number: no ratings, no variation, fewer ratings than parameters.</remarks>
#pragma warning disable CA1032 // One constructor taking the domain reason, as NodaTime does for its domain exceptions.
public sealed class InsufficientRatingsException : InvalidOperationException
#pragma warning restore CA1032
{
    /// <summary>Creates the exception.</summary>
    /// <param name="method">The method that could not run.</param>
    /// <param name="reason">Why, naming the numbers involved.</param>
    public InsufficientRatingsException(CalibrationMethod method, string reason)
        : base($"{method} calibration is not possible: {reason}")
    {
        Method = method;
    }

    /// <summary>Gets the method that could not run.</summary>
    public CalibrationMethod Method { get; }
}
