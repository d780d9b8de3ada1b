using Readiness.Evidence;

namespace Readiness.Talent;

/// <summary>Where one person sits on the 9-box, with the readiness interval's reach.</summary>
/// <param name="Person">The person.</param>
/// <param name="Performance">The individual-performance value (see <see cref="NineBox.UsesPerformanceRecords"/>).</param>
/// <param name="Readiness">The readiness index.</param>
/// <param name="ReadinessLower">The lower end of the index's interval.</param>
/// <param name="ReadinessUpper">The upper end of the index's interval.</param>
/// <param name="Cell">The box of the point estimates.</param>
/// <param name="Label">The box's label.</param>
/// <param name="LowestReadiness">The readiness third of the interval's lower end.</param>
/// <param name="HighestReadiness">The readiness third of the interval's upper end.</param>
public sealed record NineBoxPlacement(
    RateeId Person,
    double Performance,
    double Readiness,
    double ReadinessLower,
    double ReadinessUpper,
    NineBoxCell Cell,
    string Label,
    TalentLevel LowestReadiness,
    TalentLevel HighestReadiness)
{
    /// <summary>Gets a value indicating whether the readiness interval crosses a cut: the box is then not certain.</summary>
    public bool StraddlesBoundary => LowestReadiness != HighestReadiness;

    /// <summary>
    /// Gets the probability that the person's true levels put them in this box: the share of 256 draws of the whole
    /// cohort's true levels, under the joint uncertainty of everyone's estimates, in which the person lands here against
    /// the cuts recomputed on that draw (quantile cuts move with the cohort; performance records count as exact): a
    /// multiple of 1/256, good to about ±0.03. Null unless every boxed assessment comes from one built-in scorer (a scorer
    /// of your own, or several scorers, carry no common uncertainty to draw from).
    /// </summary>
    public double? ProbabilityInBox { get; init; }
}
