using Readiness.Competencies;

namespace Readiness.Reliability;

/// <summary>One competency of a person's self–other comparison.</summary>
public sealed class SelfOtherCompetency
{
    /// <summary>Initializes a new instance of the <see cref="SelfOtherCompetency"/> class.</summary>
    /// <param name="competency">The competency's id.</param>
    /// <param name="self">The person's own rating (their mean, if they rated it more than once).</param>
    /// <param name="others">The other raters' mean rating.</param>
    /// <param name="difference">Self − others, in scale points.</param>
    internal SelfOtherCompetency(CompetencyId competency, double self, double others, double difference)
    {
        Competency = competency;
        Self = self;
        Others = others;
        Difference = difference;
    }

    /// <summary>Gets the competency's id.</summary>
    public CompetencyId Competency { get; }

    /// <summary>Gets the person's own rating (their mean, if they rated it more than once).</summary>
    public double Self { get; }

    /// <summary>Gets the other raters' mean rating.</summary>
    public double Others { get; }

    /// <summary>Gets self − others, in scale points.</summary>
    public double Difference { get; }
}
