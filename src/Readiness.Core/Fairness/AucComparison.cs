namespace Readiness.Fairness;

/// <summary>Readiness's AUC against performance's on the same people: DeLong's paired test of the difference.</summary>
/// <remarks>With a single success or a single failure only the difference is defined; the rest is NaN.</remarks>
public sealed class AucComparison
{
    /// <summary>Initializes a new instance of the <see cref="AucComparison"/> class.</summary>
    /// <param name="difference">Readiness's AUC minus performance's.</param>
    /// <param name="standardError">The standard error of <paramref name="difference"/> (DeLong, with the covariance of the two AUCs on the same people).</param>
    /// <param name="lower">The interval's lower end.</param>
    /// <param name="upper">Its upper end.</param>
    /// <param name="z">The difference over its standard error.</param>
    /// <param name="p">The two-sided p-value of no difference.</param>
    internal AucComparison(double difference, double standardError, double lower, double upper, double z, double p)
    {
        Difference = difference;
        StandardError = standardError;
        Lower = lower;
        Upper = upper;
        Z = z;
        P = p;
    }

    /// <summary>Gets readiness's AUC minus performance's.</summary>
    public double Difference { get; }

    /// <summary>Gets the standard error of <see cref="Difference"/> (DeLong, with the covariance of the two AUCs on the same people).</summary>
    public double StandardError { get; }

    /// <summary>Gets the interval's lower end.</summary>
    public double Lower { get; }

    /// <summary>Gets its upper end.</summary>
    public double Upper { get; }

    /// <summary>Gets the difference over its standard error.</summary>
    public double Z { get; }

    /// <summary>Gets the two-sided p-value of no difference.</summary>
    public double P { get; }
}
