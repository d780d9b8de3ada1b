namespace Readiness.Fairness;

/// <summary>What a predictor adds to another in a linear regression of the outcome: the change in R² and its F test.</summary>
public sealed class IncrementalValidity
{
    /// <summary>Initializes a new instance of the <see cref="IncrementalValidity"/> class.</summary>
    /// <param name="baseR2">R² of the base predictor alone.</param>
    /// <param name="fullR2">R² of both predictors.</param>
    /// <param name="f">The F statistic of the added predictor, on 1 and n − 3 degrees of freedom.</param>
    /// <param name="p">Its p-value.</param>
    internal IncrementalValidity(double baseR2, double fullR2, double f, double p)
    {
        BaseR2 = baseR2;
        FullR2 = fullR2;
        F = f;
        P = p;
    }

    /// <summary>Gets R² of the base predictor alone.</summary>
    public double BaseR2 { get; }

    /// <summary>Gets R² of both predictors.</summary>
    public double FullR2 { get; }

    /// <summary>Gets the F statistic of the added predictor, on 1 and n − 3 degrees of freedom.</summary>
    public double F { get; }

    /// <summary>Gets its p-value.</summary>
    public double P { get; }

    /// <summary>Gets the R² the added predictor contributes.</summary>
    public double DeltaR2 => FullR2 - BaseR2;
}
