using System.Collections.Immutable;
using Readiness.Evidence;

namespace Readiness.Simulation;

/// <summary>A simulated organisation: its people, its raters, the ratings of one 360° cycle and the truth behind them.</summary>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed class SimulatedOrganisation
{
    internal SimulatedOrganisation(
        SimulationOptions options,
        ImmutableArray<SimulatedPerson> people,
        ImmutableArray<SimulatedRater> raters,
        ImmutableArray<Rating> ratings,
        Fairness.Demographics demographics,
        ImmutableArray<Fairness.OutcomeRecord> teamOutcomes,
        ImmutableArray<DevelopmentRecord> development,
        ImmutableArray<PromotionRecord> promotions)
    {
        Development = development;
        Promotions = promotions;
        Options = options;
        People = people;
        Raters = raters;
        Ratings = ratings;
        Demographics = demographics;
        TeamOutcomes = teamOutcomes;
    }

    /// <summary>Gets the options the organisation was generated from.</summary>
    public SimulationOptions Options { get; }

    /// <summary>Gets every person, head of the organisation first.</summary>
    public ImmutableArray<SimulatedPerson> People { get; }

    /// <summary>Gets every person who gave at least one rating, with their planted bias, in ordinal id order.</summary>
    public ImmutableArray<SimulatedRater> Raters { get; }

    /// <summary>Gets the ratings of the cycle, as raters would export them.</summary>
    public ImmutableArray<Rating> Ratings { get; }

    /// <summary>
    /// Gets every person's simulated demographic attributes, for audits only: <c>sex</c> (female 45%, male 55%) and
    /// <c>ethnicity</c> (group A 60%, group B 25%, group C 15%), drawn independently of everything else.
    /// </summary>
    public Fairness.Demographics Demographics { get; }

    /// <summary>
    /// Gets, per person, the performance their team would reach a year after they took it over (mean 50, SD about 10):
    /// mostly their true leadership, a little their true individual performance, and noise — the premise of this library,
    /// encoded so that a validity study has something to find.
    /// </summary>
    public ImmutableArray<Fairness.OutcomeRecord> TeamOutcomes { get; }

    /// <summary>Gets one performance record per person, measured apart from the leadership ratings.</summary>
    public ImmutableArray<PerformanceRecord> PerformanceRecords =>
        [.. People.Select(p => new PerformanceRecord(p.Person, p.Performance, Options.Cycle))];

    /// <summary>Gets the promotions at the last cycle, the best performers first (empty without <see cref="SimulationOptions.PromotionShare"/>).</summary>
    public ImmutableArray<PromotionRecord> Promotions { get; }

    /// <summary>Gets the development records: who took part in the programme, on which competency, when (empty without one).</summary>
    public ImmutableArray<DevelopmentRecord> Development { get; }

    /// <summary>Gets the review cycles' dates when the organisation was rated in more than one cycle (labels are the dates); null for one cycle.</summary>
    public ReviewCycles? ReviewCycles => Options.Cycles == 1 ? null
        : ReviewCycles.Create(Enumerable.Range(0, Options.Cycles).Select(k => OrganisationSimulator.CycleDate(Options, k))
            .Select(d => new ReviewCycle(d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), d)));

    /// <summary>Takes the ratings in through <see cref="RatingSetBuilder"/>.</summary>
    /// <returns>The rating set and its intake report (a simulation produces no rejects).</returns>
    public RatingIntake TakeInRatings() => new RatingSetBuilder(Options.Model).AddRange(Ratings).Build();
}
