namespace Readiness.Calibration;

/// <summary>How one rating category was used and where its Andrich threshold lies.</summary>
public sealed class RaschCategory
{
    /// <summary>Initializes a new instance of the <see cref="RaschCategory"/> class.</summary>
    /// <param name="level">The scale level (the rating value).</param>
    /// <param name="count">The number of ratings other than self-ratings in this category.</param>
    /// <param name="share">The share of those ratings in this category.</param>
    /// <param name="averageMeasure">The mean linear predictor (ratee − competency − rater [− source]) of the ratings in this category, over ratings used in estimation; it should rise with the category.</param>
    /// <param name="expectedAverageMeasure">The same mean expected by the model (weighted by each rating's probability of this category).</param>
    /// <param name="threshold">The Andrich threshold from the category below to this one, in logits: where the two are equally probable. NaN for the lowest category.</param>
    /// <param name="thresholdStandardError">The standard error of <paramref name="threshold"/> (1 / √information, the other parameters held). NaN for the lowest category.</param>
    internal RaschCategory(double level, int count, double share, double averageMeasure, double expectedAverageMeasure, double threshold, double thresholdStandardError)
    {
        Level = level;
        Count = count;
        Share = share;
        AverageMeasure = averageMeasure;
        ExpectedAverageMeasure = expectedAverageMeasure;
        Threshold = threshold;
        ThresholdStandardError = thresholdStandardError;
    }

    /// <summary>Gets the scale level (the rating value).</summary>
    public double Level { get; }

    /// <summary>Gets the number of ratings other than self-ratings in this category.</summary>
    public int Count { get; }

    /// <summary>Gets the share of those ratings in this category.</summary>
    public double Share { get; }

    /// <summary>Gets the mean linear predictor (ratee − competency − rater [− source]) of the ratings in this category, over ratings used in estimation; it should rise with the category.</summary>
    public double AverageMeasure { get; }

    /// <summary>Gets the same mean expected by the model (weighted by each rating's probability of this category).</summary>
    public double ExpectedAverageMeasure { get; }

    /// <summary>Gets the Andrich threshold from the category below to this one, in logits: where the two are equally probable. NaN for the lowest category.</summary>
    public double Threshold { get; }

    /// <summary>Gets the standard error of <see cref="Threshold"/> (1 / √information, the other parameters held). NaN for the lowest category.</summary>
    public double ThresholdStandardError { get; }
}
