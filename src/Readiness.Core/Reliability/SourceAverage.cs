using Readiness.Evidence;

namespace Readiness.Reliability;

/// <summary>One source's average rating of a person on one competency.</summary>
/// <param name="Competency">The competency id.</param>
/// <param name="Source">The rater source.</param>
/// <param name="Raters">How many different raters of the source rated the person on the competency.</param>
/// <param name="Average">Their raw average; null where fewer raters than the anonymity threshold gave it.</param>
public sealed record SourceAverage(string Competency, RaterSource Source, int Raters, double? Average)
{
    /// <summary>Gets whether the average is kept back to protect the raters' anonymity.</summary>
    public bool Withheld => Average is null;
}
