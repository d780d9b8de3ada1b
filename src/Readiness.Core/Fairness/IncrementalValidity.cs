namespace Readiness.Fairness;

/// <summary>What a predictor adds to another in a linear regression of the outcome: the change in R² and its F test.</summary>
/// <param name="BaseR2">R² of the base predictor alone.</param>
/// <param name="FullR2">R² of both predictors.</param>
/// <param name="F">The F statistic of the added predictor, on 1 and n − 3 degrees of freedom.</param>
/// <param name="P">Its p-value.</param>
public sealed record IncrementalValidity(double BaseR2, double FullR2, double F, double P)
{
    /// <summary>Gets the R² the added predictor contributes.</summary>
    public double DeltaR2 => FullR2 - BaseR2;
}
