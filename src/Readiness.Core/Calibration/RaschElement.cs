namespace Readiness.Calibration;

/// <summary>One element of a many-facet Rasch fit (a ratee, competency, rater or source) on the logit scale, with its fit.</summary>
/// <param name="Id">The element's id (ratee or rater id, competency id, or source name).</param>
/// <param name="Measure">The measure in logits: ability for a ratee; difficulty for a competency; severity for a rater or source (higher = harsher).</param>
/// <param name="StandardError">The model standard error of <paramref name="Measure"/>: 1 / √(Σ model variance of its ratings).</param>
/// <param name="Ratings">The number of ratings of (or by) the element.</param>
/// <param name="ObservedAverage">The mean of those ratings on the original scale.</param>
/// <param name="FairAverage">The rating expected with every other facet at its average (a rater of average severity, an average competency, the average ratee), on the original scale.</param>
/// <param name="Infit">The information-weighted mean square Σ(x − E)² / ΣVar: 1 when the ratings vary as the model expects, above 1 noisy, below 1 too predictable. NaN for an extreme element.</param>
/// <param name="InfitZ">The infit mean square standardised to an approximate unit normal (Wilson–Hilferty cube root). NaN for an extreme element.</param>
/// <param name="Outfit">The unweighted mean square: the mean squared standardised residual, sensitive to outlying ratings. NaN for an extreme element.</param>
/// <param name="OutfitZ">The outfit mean square standardised as <paramref name="InfitZ"/>. NaN for an extreme element.</param>
/// <param name="IsExtreme">True when every rating was the lowest (or every one the highest) category: the measure then comes from the fractional-score rule (<see cref="RaschOptions.ExtremeScoreAdjustment"/>) and there is no fit.</param>
public sealed record RaschElement(
    string Id,
    double Measure,
    double StandardError,
    int Ratings,
    double ObservedAverage,
    double FairAverage,
    double Infit,
    double InfitZ,
    double Outfit,
    double OutfitZ,
    bool IsExtreme);
