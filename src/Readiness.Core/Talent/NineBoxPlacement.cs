using Readiness.Evidence;

namespace Readiness.Talent;

/// <summary>Where one person sits on the 9-box, with the readiness interval's reach.</summary>
public sealed class NineBoxPlacement
{
    /// <summary>Initializes a new instance of the <see cref="NineBoxPlacement"/> class.</summary>
    /// <param name="person">The person.</param>
    /// <param name="performance">The individual-performance value (see <see cref="NineBox.UsesPerformanceRecords"/>).</param>
    /// <param name="readiness">The readiness index.</param>
    /// <param name="readinessLower">The lower end of the index's interval.</param>
    /// <param name="readinessUpper">The upper end of the index's interval.</param>
    /// <param name="cell">The box of the point estimates.</param>
    /// <param name="label">The box's label.</param>
    /// <param name="lowestReadiness">The readiness third of the interval's lower end.</param>
    /// <param name="highestReadiness">The readiness third of the interval's upper end.</param>
    internal NineBoxPlacement(RateeId person, double performance, double readiness, double readinessLower, double readinessUpper, NineBoxCell cell, string label, TalentLevel lowestReadiness, TalentLevel highestReadiness)
    {
        Person = person;
        Performance = performance;
        Readiness = readiness;
        ReadinessLower = readinessLower;
        ReadinessUpper = readinessUpper;
        Cell = cell;
        Label = label;
        LowestReadiness = lowestReadiness;
        HighestReadiness = highestReadiness;
    }

    /// <summary>Gets the person.</summary>
    public RateeId Person { get; }

    /// <summary>Gets the individual-performance value (see <see cref="NineBox.UsesPerformanceRecords"/>).</summary>
    public double Performance { get; }

    /// <summary>Gets the readiness index.</summary>
    public double Readiness { get; }

    /// <summary>Gets the lower end of the index's interval.</summary>
    public double ReadinessLower { get; }

    /// <summary>Gets the upper end of the index's interval.</summary>
    public double ReadinessUpper { get; }

    /// <summary>Gets the box of the point estimates.</summary>
    public NineBoxCell Cell { get; }

    /// <summary>Gets the box's label.</summary>
    public string Label { get; }

    /// <summary>Gets the readiness third of the interval's lower end.</summary>
    public TalentLevel LowestReadiness { get; }

    /// <summary>Gets the readiness third of the interval's upper end.</summary>
    public TalentLevel HighestReadiness { get; }

    /// <summary>Gets a value indicating whether the readiness interval crosses a cut: the box is then not certain.</summary>
    public bool StraddlesBoundary => LowestReadiness != HighestReadiness;

    /// <summary>
    /// Gets the probability that the person's true levels put them in this box: the share of 256 draws of the whole
    /// cohort's true levels, under the joint uncertainty of everyone's estimates, in which the person lands here against
    /// the cuts recomputed on that draw (quantile cuts move with the cohort; performance records count as exact): a
    /// multiple of 1/256, good to about ±0.03. Null unless every boxed assessment comes from one built-in scorer (a scorer
    /// of your own, or several scorers, carry no common uncertainty to draw from).
    /// </summary>
    public double? ProbabilityInBox { get; internal init; }
}
