namespace Readiness.Calibration;

/// <summary>One element of a many-facet Rasch fit (a ratee, competency, rater or source) on the logit scale, with its fit.</summary>
public sealed class RaschElement
{
    /// <summary>Initializes a new instance of the <see cref="RaschElement"/> class.</summary>
    /// <param name="id">The element's id (ratee or rater id, competency id, or source name).</param>
    /// <param name="measure">The measure in logits: ability for a ratee; difficulty for a competency; severity for a rater or source (higher = harsher).</param>
    /// <param name="standardError">The model standard error of <paramref name="measure"/>: 1 / √(Σ model variance of its ratings).</param>
    /// <param name="ratings">The number of ratings of (or by) the element.</param>
    /// <param name="observedAverage">The mean of those ratings on the original scale.</param>
    /// <param name="fairAverage">The rating expected with every other facet at its average (a rater of average severity, an average competency, the average ratee), on the original scale.</param>
    /// <param name="infit">The information-weighted mean square Σ(x − E)² / ΣVar: 1 when the ratings vary as the model expects, above 1 noisy, below 1 too predictable. NaN for an extreme element.</param>
    /// <param name="infitZ">The infit mean square standardised to an approximate unit normal (Wilson–Hilferty cube root). NaN for an extreme element.</param>
    /// <param name="outfit">The unweighted mean square: the mean squared standardised residual, sensitive to outlying ratings. NaN for an extreme element.</param>
    /// <param name="outfitZ">The outfit mean square standardised as <paramref name="infitZ"/>. NaN for an extreme element.</param>
    /// <param name="isExtreme">True when every rating was the lowest (or every one the highest) category: the measure then comes from the fractional-score rule (<see cref="RaschOptions.ExtremeScoreAdjustment"/>) and there is no fit.</param>
    internal RaschElement(string id, double measure, double standardError, int ratings, double observedAverage, double fairAverage, double infit, double infitZ, double outfit, double outfitZ, bool isExtreme)
    {
        Id = id;
        Measure = measure;
        StandardError = standardError;
        Ratings = ratings;
        ObservedAverage = observedAverage;
        FairAverage = fairAverage;
        Infit = infit;
        InfitZ = infitZ;
        Outfit = outfit;
        OutfitZ = outfitZ;
        IsExtreme = isExtreme;
    }

    /// <summary>Gets the element's id (ratee or rater id, competency id, or source name).</summary>
    public string Id { get; }

    /// <summary>Gets the measure in logits: ability for a ratee; difficulty for a competency; severity for a rater or source (higher = harsher).</summary>
    public double Measure { get; }

    /// <summary>Gets the model standard error of <see cref="Measure"/>: 1 / √(Σ model variance of its ratings).</summary>
    public double StandardError { get; }

    /// <summary>Gets the number of ratings of (or by) the element.</summary>
    public int Ratings { get; }

    /// <summary>Gets the mean of those ratings on the original scale.</summary>
    public double ObservedAverage { get; }

    /// <summary>Gets the rating expected with every other facet at its average (a rater of average severity, an average competency, the average ratee), on the original scale.</summary>
    public double FairAverage { get; }

    /// <summary>Gets the information-weighted mean square Σ(x − E)² / ΣVar: 1 when the ratings vary as the model expects, above 1 noisy, below 1 too predictable. NaN for an extreme element.</summary>
    public double Infit { get; }

    /// <summary>Gets the infit mean square standardised to an approximate unit normal (Wilson–Hilferty cube root). NaN for an extreme element.</summary>
    public double InfitZ { get; }

    /// <summary>Gets the unweighted mean square: the mean squared standardised residual, sensitive to outlying ratings. NaN for an extreme element.</summary>
    public double Outfit { get; }

    /// <summary>Gets the outfit mean square standardised as <see cref="InfitZ"/>. NaN for an extreme element.</summary>
    public double OutfitZ { get; }

    /// <summary>Gets a value indicating whether every rating was the lowest (or every one the highest) category: the measure then comes from the fractional-score rule (<see cref="RaschOptions.ExtremeScoreAdjustment"/>) and there is no fit.</summary>
    public bool IsExtreme { get; }
}
