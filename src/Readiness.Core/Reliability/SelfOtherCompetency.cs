namespace Readiness.Reliability;

/// <summary>One competency of a person's self–other comparison.</summary>
/// <param name="Competency">The competency's id.</param>
/// <param name="Self">The person's own rating (their mean, if they rated it more than once).</param>
/// <param name="Others">The other raters' mean rating.</param>
/// <param name="Difference">Self − others, in scale points.</param>
public sealed record SelfOtherCompetency(string Competency, double Self, double Others, double Difference);
