namespace Readiness.Fairness;

/// <summary>How well a predictor separates successes from failures: the area under the ROC curve with its interval.</summary>
public sealed class AreaUnderCurve
{
    /// <summary>Initializes a new instance of the <see cref="AreaUnderCurve"/> class.</summary>
    /// <param name="auc">The probability that a random success scores above a random failure (ties count half).</param>
    /// <param name="standardError">DeLong's standard error of <paramref name="auc"/>; NaN (and NaN interval ends) with a single success or a single failure.</param>
    /// <param name="lower">The interval's lower end (DeLong, clipped to [0, 1]).</param>
    /// <param name="upper">Its upper end.</param>
    internal AreaUnderCurve(double auc, double standardError, double lower, double upper)
    {
        StandardError = standardError;
        Auc = auc;
        Lower = lower;
        Upper = upper;
    }

    /// <summary>Gets the probability that a random success scores above a random failure (ties count half).</summary>
    public double Auc { get; }

    /// <summary>Gets DeLong's standard error of <see cref="Auc"/>, from each success's and each failure's share of the pairs it wins; NaN (and NaN interval ends) with a single success or a single failure.</summary>
    public double StandardError { get; }

    /// <summary>Gets the interval's lower end (DeLong, clipped to [0, 1], as R's <c>pROC::ci.auc</c>).</summary>
    public double Lower { get; }

    /// <summary>Gets its upper end.</summary>
    public double Upper { get; }
}
