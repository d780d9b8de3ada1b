namespace Readiness.Calibration;

/// <summary>How one rating category was used and where its Andrich threshold lies.</summary>
/// <param name="Level">The scale level (the rating value).</param>
/// <param name="Count">The number of ratings other than self-ratings in this category.</param>
/// <param name="Share">The share of those ratings in this category.</param>
/// <param name="AverageMeasure">The mean linear predictor (ratee − competency − rater [− source]) of the ratings in this category, over ratings used in estimation; it should rise with the category.</param>
/// <param name="ExpectedAverageMeasure">The same mean expected by the model (weighted by each rating's probability of this category).</param>
/// <param name="Threshold">The Andrich threshold from the category below to this one, in logits: where the two are equally probable. NaN for the lowest category.</param>
/// <param name="ThresholdStandardError">The standard error of <paramref name="Threshold"/> (1 / √information, the other parameters held). NaN for the lowest category.</param>
public sealed record RaschCategory(
    double Level, int Count, double Share, double AverageMeasure, double ExpectedAverageMeasure, double Threshold, double ThresholdStandardError);
