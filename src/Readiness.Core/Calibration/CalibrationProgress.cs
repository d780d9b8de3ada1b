namespace Readiness.Calibration;

/// <summary>A progress report from a long calibration.</summary>
/// <param name="Stage">What is being done, for example <c>REML optimisation</c>.</param>
/// <param name="Iteration">The iteration within the stage, from 1; 0 when a stage starts (the crossed model reports
/// <c>Design</c>, <c>Moment estimates</c>, <c>Sparse analysis</c> and <c>Standard errors</c> this way).</param>
/// <param name="Objective">The current value of the stage's objective (for REML, the criterion being minimised), when there is one.</param>
public readonly record struct CalibrationProgress(string Stage, int Iteration, double? Objective)
{
    /// <summary>Gets an estimate of the time the calibration still needs, from its cost model; null before it has one.</summary>
    /// <remarks>The crossed model predicts each path's time before it starts and reports the prediction less the time spent.</remarks>
    public TimeSpan? Remaining { get; init; }
}
