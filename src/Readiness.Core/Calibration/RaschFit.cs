using System.Collections.Immutable;

namespace Readiness.Calibration;

/// <summary>The many-facet Rasch measures behind a calibration: every element on the logit scale with its fit, the rating scale's structure and each facet's separation.</summary>
/// <remarks>
/// Conventions: competencies, raters and sources are centred on 0 over their non-extreme elements (with sources as a
/// facet, raters are centred within the raters who share sources), the Andrich thresholds sum to 0, and ratees float. A facet
/// with a single element is anchored at 0.
/// </remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed class RaschFit
{
    internal RaschFit(
        ImmutableArray<RaschElement> ratees,
        ImmutableArray<RaschElement> competencies,
        ImmutableArray<RaschElement> raters,
        ImmutableArray<RaschElement> sources,
        ImmutableArray<RaschCategory> categories,
        int ratingsUsed,
        double largestScoreResidual)
    {
        Ratees = ratees;
        Competencies = competencies;
        Raters = raters;
        Sources = sources;
        Categories = categories;
        RatingsUsed = ratingsUsed;
        LargestScoreResidual = largestScoreResidual;
        RateeSeparation = FacetSeparation.Of(ratees);
        CompetencySeparation = FacetSeparation.Of(competencies);
        RaterSeparation = FacetSeparation.Of(raters);
    }

    /// <summary>Gets every ratee's ability (higher = more able), ordered by ratee id.</summary>
    public ImmutableArray<RaschElement> Ratees { get; }

    /// <summary>Gets every competency's difficulty (higher = rated lower), in model order.</summary>
    public ImmutableArray<RaschElement> Competencies { get; }

    /// <summary>Gets every rater's severity (higher = harsher), ordered by rater id.</summary>
    public ImmutableArray<RaschElement> Raters { get; }

    /// <summary>Gets every source's severity when <see cref="RaschOptions.SourceFacet"/> is on, in source order; otherwise empty.</summary>
    public ImmutableArray<RaschElement> Sources { get; }

    /// <summary>Gets the categories used, lowest first, with their counts, average measures and Andrich thresholds.</summary>
    /// <remarks>
    /// Only the scale levels that occur are categories: an unused level is not a step of the scale the raters used, and
    /// would have an infinite threshold. The categories are numbered 0, 1, … in order of level.
    /// </remarks>
    public ImmutableArray<RaschCategory> Categories { get; }

    /// <summary>Gets the Andrich thresholds τ₁ … τₘ in logits (the lowest category has none); they sum to 0.</summary>
    public ImmutableArray<double> Thresholds => [.. Categories.Skip(1).Select(c => c.Threshold)];

    /// <summary>Gets a value indicating whether every threshold lies above the one before: each category is, somewhere, the most probable.</summary>
    public bool ThresholdsOrdered => Categories.Skip(2).Select((c, i) => c.Threshold > Categories[i + 1].Threshold).All(ordered => ordered);

    /// <summary>Gets the number of ratings used in estimation: those of no extreme element (self-ratings are never used).</summary>
    public int RatingsUsed { get; }

    /// <summary>Gets the largest |observed − expected| score of any non-extreme element or threshold at the solution, in rating points.</summary>
    public double LargestScoreResidual { get; }

    /// <summary>Gets how well ratees are told apart (the Rasch analogue of test reliability).</summary>
    public FacetSeparation RateeSeparation { get; }

    /// <summary>Gets how far competencies differ in difficulty, in units of their measurement error.</summary>
    public FacetSeparation CompetencySeparation { get; }

    /// <summary>Gets how far raters really differ in severity: a reliability near 0 means they are interchangeable, near 1 that severity matters.</summary>
    public FacetSeparation RaterSeparation { get; }
}
