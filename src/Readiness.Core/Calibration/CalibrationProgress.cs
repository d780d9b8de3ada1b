namespace Readiness.Calibration;

/// <summary>A progress report from a long calibration.</summary>
public readonly record struct CalibrationProgress
{
    /// <summary>Initializes a new instance of the <see cref="CalibrationProgress"/> structure.</summary>
    /// <param name="stage">What is being done, for example <c>REML optimisation</c>.</param>
    /// <param name="iteration">The iteration within the stage, from 1; 0 when a stage starts (the crossed model reports <c>Design</c>, <c>Moment estimates</c>, <c>Sparse analysis</c> and <c>Standard errors</c> this way).</param>
    /// <param name="objective">The current value of the stage's objective (for REML, the criterion being minimised), when there is one.</param>
    public CalibrationProgress(string stage, int iteration, double? objective)
    {
        Stage = stage;
        Iteration = iteration;
        Objective = objective;
    }

    /// <summary>Gets what is being done, for example <c>REML optimisation</c>.</summary>
    public string Stage { get; }

    /// <summary>Gets the iteration within the stage, from 1; 0 when a stage starts (the crossed model reports <c>Design</c>, <c>Moment estimates</c>, <c>Sparse analysis</c> and <c>Standard errors</c> this way).</summary>
    public int Iteration { get; }

    /// <summary>Gets the current value of the stage's objective (for REML, the criterion being minimised), when there is one.</summary>
    public double? Objective { get; }

    /// <summary>Gets an estimate of the time the calibration still needs, from its cost model; null before it has one.</summary>
    /// <remarks>The crossed model predicts each path's time before it starts and reports the prediction less the time spent.</remarks>
    public TimeSpan? Remaining { get; init; }
}
