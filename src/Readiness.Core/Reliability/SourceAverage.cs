using Readiness.Competencies;
using Readiness.Evidence;

namespace Readiness.Reliability;

/// <summary>One source's average rating of a person on one competency.</summary>
public sealed class SourceAverage
{
    /// <summary>Initializes a new instance of the <see cref="SourceAverage"/> class.</summary>
    /// <param name="competency">The competency id.</param>
    /// <param name="source">The rater source.</param>
    /// <param name="raters">How many different raters of the source rated the person on the competency.</param>
    /// <param name="average">Their raw average; null where fewer raters than the anonymity threshold gave it.</param>
    internal SourceAverage(CompetencyId competency, RaterSource source, int raters, double? average)
    {
        Competency = competency;
        Source = source;
        Raters = raters;
        Average = average;
    }

    /// <summary>Gets the competency id.</summary>
    public CompetencyId Competency { get; }

    /// <summary>Gets the rater source.</summary>
    public RaterSource Source { get; }

    /// <summary>Gets how many different raters of the source rated the person on the competency.</summary>
    public int Raters { get; }

    /// <summary>Gets their raw average; null where fewer raters than the anonymity threshold gave it.</summary>
    public double? Average { get; }

    /// <summary>Gets whether the average is kept back to protect the raters' anonymity.</summary>
    public bool Withheld => Average is null;
}
