namespace Readiness.Reliability;

/// <summary>One Shrout–Fleiss intraclass correlation with its F test and confidence interval.</summary>
public sealed class IccEstimate
{
    /// <summary>Initializes a new instance of the <see cref="IccEstimate"/> class.</summary>
    /// <param name="form">The form, e.g. <c>ICC(2,1)</c> (random judges, single rating) or <c>ICC(3,k)</c> (fixed judges, mean of k).</param>
    /// <param name="value">The correlation; can be negative when targets differ less than judges disagree.</param>
    /// <param name="f">The F statistic testing a correlation of 0.</param>
    /// <param name="df1">Its numerator degrees of freedom.</param>
    /// <param name="df2">Its denominator degrees of freedom.</param>
    /// <param name="p">The p-value of the F test.</param>
    /// <param name="lower">The lower end of the confidence interval.</param>
    /// <param name="upper">The upper end of the confidence interval.</param>
    internal IccEstimate(string form, double value, double f, double df1, double df2, double p, double lower, double upper)
    {
        Form = form;
        Value = value;
        F = f;
        Df1 = df1;
        Df2 = df2;
        P = p;
        Lower = lower;
        Upper = upper;
    }

    /// <summary>Gets the form, e.g. <c>ICC(2,1)</c> (random judges, single rating) or <c>ICC(3,k)</c> (fixed judges, mean of k).</summary>
    public string Form { get; }

    /// <summary>Gets the correlation; can be negative when targets differ less than judges disagree.</summary>
    public double Value { get; }

    /// <summary>Gets the F statistic testing a correlation of 0.</summary>
    public double F { get; }

    /// <summary>Gets its numerator degrees of freedom.</summary>
    public double Df1 { get; }

    /// <summary>Gets its denominator degrees of freedom.</summary>
    public double Df2 { get; }

    /// <summary>Gets the p-value of the F test.</summary>
    public double P { get; }

    /// <summary>Gets the lower end of the confidence interval.</summary>
    public double Lower { get; }

    /// <summary>Gets the upper end of the confidence interval.</summary>
    public double Upper { get; }
}
