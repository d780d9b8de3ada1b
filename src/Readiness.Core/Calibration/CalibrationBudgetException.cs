namespace Readiness.Calibration;

/// <summary>A calibration would exceed its memory or time limits, so it was not started (or was stopped); the message names the cheaper path or the setting that would let it run.</summary>
/// <remarks>
/// Thrown before any factorisation when the cost model predicts that a path exceeds <see cref="CrossedModelOptions.MaxMemoryBytes"/>
/// or <see cref="CrossedModelOptions.ExactPathMaxSeconds"/>, and when the exact path runs past twice its time limit. With
/// <see cref="CrossedModelPath.Auto"/> the calibrator takes the scalable path instead; this is thrown only when no path fits.
/// </remarks>
#pragma warning disable CA1032 // One constructor taking the domain reason, as NodaTime does for its domain exceptions.
public sealed class CalibrationBudgetException : InvalidOperationException
#pragma warning restore CA1032
{
    /// <summary>Creates the exception.</summary>
    /// <param name="method">The method that could not run within its limits.</param>
    /// <param name="reason">What would be exceeded, with the predicted and allowed amounts and what to change.</param>
    public CalibrationBudgetException(CalibrationMethod method, string reason)
        : base($"{method} calibration was not run: {reason}")
    {
        Method = method;
    }

    /// <summary>Gets the method that could not run within its limits.</summary>
    public CalibrationMethod Method { get; }
}
