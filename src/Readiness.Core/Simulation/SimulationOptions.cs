using System.Collections.Immutable;
using Readiness.Competencies;
using Readiness.Internal;

namespace Readiness.Simulation;

/// <summary>What a simulated organisation looks like: its size, its rating design and the rater biases planted in it.</summary>
/// <remarks>
/// Every property has a documented default that gives a realistic 360° cycle. Settings are checked when a simulation
/// starts (<see cref="OrganisationSimulator.Generate"/>); a bad value gets an exception naming the property and the rule.
/// </remarks>
public sealed record SimulationOptions
{
    /// <summary>Gets the number of people. The default value is 1,200.</summary>
    public int People { get; init; } = 1200;

    /// <summary>Gets the seed; the same settings and seed give the same organisation, bit for bit. The default value is 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Gets the competency model rated. The default value is <see cref="LeadershipFramework.Model"/>.</summary>
    public CompetencyModel Model { get; init; } = LeadershipFramework.Model;

    /// <summary>Gets who rates whom. The default value is <see cref="RatingDesign.Local"/>.</summary>
    /// <remarks>Every design keeps the same people, true levels, rater habits and rating formula; only the panels differ.</remarks>
    public RatingDesign Design { get; init; } = RatingDesign.Local;

    /// <summary>Gets how many raters from the pool rate each person in the <see cref="RatingDesign.WidelyCrossed"/> and <see cref="RatingDesign.AssessmentCentre"/> designs; 0 for the design's default (5 peers, 3 assessors). The default value is 0.</summary>
    public int RatersPerPerson { get; init; }

    /// <summary>Gets the size of the pool raters are drawn from in the <see cref="RatingDesign.WidelyCrossed"/> and <see cref="RatingDesign.AssessmentCentre"/> designs; 0 for the design's default (2.5 × <see cref="People"/> peers; one assessor per 40 candidates, at least 3). The default value is 0.</summary>
    /// <remarks>Pool raters are not among the people: their ids are <c>R</c> followed by a number.</remarks>
    public int RaterPool { get; init; }

    /// <summary>Gets the number of direct reports per manager (the span of control). The default value is 8.</summary>
    public int TeamSize { get; init; } = 8;

    /// <summary>Gets how many team-mates rate each person as peers (fewer when the team is smaller). The default value is 3.</summary>
    public int PeersPerPerson { get; init; } = 3;

    /// <summary>Gets how many of a manager's direct reports rate them. The default value is 4.</summary>
    public int DirectReportRaters { get; init; } = 4;

    /// <summary>Gets the probability that the skip-level manager also rates a person. The default value is 0.5.</summary>
    public double SkipLevelShare { get; init; } = 0.5;

    /// <summary>Gets a value indicating whether every person rates themselves. The default value is true.</summary>
    public bool SelfRatings { get; init; } = true;

    /// <summary>Gets the probability that any one rating is missing. The default value is 0.05.</summary>
    public double MissingShare { get; init; } = 0.05;

    /// <summary>Gets the correlation between a person's general leadership and individual-performance levels. The default value is 0.2.</summary>
    /// <remarks>Weak by default: that is the premise — the best performers are not automatically the best leaders.</remarks>
    public double LeadershipPerformanceCorrelation { get; init; } = 0.2;

    /// <summary>Gets the standard deviation of true competency levels, in scale points. The default value is 0.7.</summary>
    public double TrueLevelSd { get; init; } = 0.7;

    /// <summary>Gets the standard deviation of ordinary raters' leniency, in scale points. The default value is 0.3.</summary>
    public double RaterLeniencySd { get; init; } = 0.3;

    /// <summary>Gets the share of raters planted as strongly lenient or severe (half each). The default value is 0.06.</summary>
    public double BiasedRaterShare { get; init; } = 0.06;

    /// <summary>Gets the leniency (+) or severity (−) of a planted biased rater, in scale points. The default value is 0.9.</summary>
    public double BiasedRaterEffect { get; init; } = 0.9;

    /// <summary>Gets the share of raters who use only the middle of the scale (central tendency). The default value is 0.08.</summary>
    public double CentralTendencyShare { get; init; } = 0.08;

    /// <summary>Gets the share of raters whose ratings follow their overall impression of a person (halo). The default value is 0.08.</summary>
    public double HaloShare { get; init; } = 0.08;

    /// <summary>Gets the share of raters whose ratings are much noisier than others' (misfit). The default value is 0 (none), so that adding them changes no other draw.</summary>
    public double ErraticShare { get; init; }

    /// <summary>Gets how many times the usual rating noise an erratic rater's ratings carry. The default value is 2.5.</summary>
    public double ErraticNoiseFactor { get; init; } = 2.5;

    /// <summary>Gets how far self-ratings run above others' ratings, in scale points. The default value is 0.4.</summary>
    public double SelfInflation { get; init; } = 0.4;

    /// <summary>Gets the standard deviation of the rating noise, in scale points. The default value is 0.5.</summary>
    public double NoiseSd { get; init; } = 0.5;

    /// <summary>Gets a value indicating whether ratings are rounded to whole scale levels, as raters give them. The default value is true.</summary>
    public bool WholeLevels { get; init; } = true;

    /// <summary>
    /// Gets the share of raters who favour one group: they rate people of <see cref="FavouredGroup"/> (on the
    /// <c>sex</c> attribute) <see cref="FavouredGroupBias"/> points higher, and everyone else as usual. The default value is 0.
    /// </summary>
    /// <remarks>Calibration removes a rater's average leniency, not leniency toward one group; the audit's rater split finds it.</remarks>
    public double GroupBiasedRaterShare { get; init; }

    /// <summary>Gets how much group-biased raters favour their group, in scale points. The default value is 1.</summary>
    public double FavouredGroupBias { get; init; } = 1;

    /// <summary>Gets the group group-biased raters favour, a category of the simulated <c>sex</c> attribute. The default value is "male".</summary>
    public string FavouredGroup { get; init; } = "male";

    /// <summary>Gets the review-cycle label put on every rating of a one-cycle organisation, or null. The default value is null.</summary>
    public string? Cycle { get; init; }

    /// <summary>
    /// Gets the number of review cycles. With more than one, every person is rated again in each cycle (panels drawn anew,
    /// the manager kept) at true levels that have grown since the first, and each cycle's label is its ISO date. The
    /// default value is 1.
    /// </summary>
    public int Cycles { get; init; } = 1;

    /// <summary>Gets the first cycle's date. The default value is 2024-03-01.</summary>
    public DateOnly FirstCycleDate { get; init; } = new(2024, 3, 1);

    /// <summary>Gets the days from one cycle to the next. The default value is 365.</summary>
    public int CycleSpacingDays { get; init; } = 365;

    /// <summary>
    /// Gets the cohort's mean growth on leadership competencies, scale points a year; individual-performance competencies
    /// grow at half of it. The default value is 0.15.
    /// </summary>
    public double MeanGrowth { get; init; } = 0.15;

    /// <summary>Gets the standard deviation of a person's own growth around the cohort's, scale points a year, the same on every competency. The default value is 0.15.</summary>
    public double GrowthSd { get; init; } = 0.15;

    /// <summary>
    /// Gets the share of people put into a development programme on the leadership competencies after the first cycle
    /// (several cycles only): the chance is the share × (1 − <see cref="DevelopmentSelection"/> × their standardised
    /// leadership level), held within [0, 1]. The default value is 0.
    /// </summary>
    public double DevelopmentShare { get; init; }

    /// <summary>
    /// Gets how strongly people are put forward for development for a low leadership level: 0 assigns places at random;
    /// the default, 0.5, makes someone a standard deviation below the mean 1.5 times as likely as the average person and
    /// someone a standard deviation above half as likely — not at random, as in organisations.
    /// </summary>
    public double DevelopmentSelection { get; init; } = 0.5;

    /// <summary>
    /// Gets the share of people promoted into the first-line-manager role at the last cycle (several cycles only), chosen
    /// as organisations often choose: the best individual performers on the performance measure. Their team outcomes a
    /// year on are <see cref="SimulatedOrganisation.TeamOutcomes"/>. The default value is 0.
    /// </summary>
    public double PromotionShare { get; init; }

    /// <summary>Gets the programme's extra growth a year on each leadership competency while it runs. The default value is 0.3.</summary>
    public double DevelopmentGrowth { get; init; } = 0.3;

    /// <summary>Gets the programme's extra growth a year after it ends. The default value is 0.1.</summary>
    public double DevelopmentAfterGrowth { get; init; } = 0.1;

    /// <summary>Gets the correlation of a person's growth with their general leadership level at the first cycle. The default value is −0.2 (those further along grow a little more slowly).</summary>
    public double LevelGrowthCorrelation { get; init; } = -0.2;

    /// <summary>The raters drawn from the pool per person, the design's default resolved.</summary>
    internal int PoolRatersPerPerson => RatersPerPerson > 0 ? RatersPerPerson : Design == RatingDesign.AssessmentCentre ? 3 : 5;

    /// <summary>The pool's size, the design's default resolved; 0 for designs without a pool.</summary>
    internal int PoolSize => Design switch
    {
        RatingDesign.WidelyCrossed => RaterPool > 0 ? RaterPool : (int)Math.Min(20_000_000L, (5L * People) / 2),
        RatingDesign.AssessmentCentre => RaterPool > 0 ? RaterPool : Math.Max(3, People / 40),
        _ => 0,
    };

        /// <summary>Lists every rule these options break, each message naming the property, its value and the rule.</summary>
    /// <returns>The broken rules; empty when the options are valid.</returns>
    public ImmutableArray<string> Validate()
    {
        var rules = new OptionRules();
        rules.Require(Model is not null, "Model must not be null.");
        rules.InRange(People, 2, 2_000_000);
        rules.Defined(Design);
        rules.Require(RatersPerPerson is >= 0 and <= 1000, $"RatersPerPerson was {RatersPerPerson}; it must be in [0, 1000] (0 for the design's default).");
        rules.Require(RaterPool is >= 0 and <= 20_000_000, $"RaterPool was {RaterPool}; it must be in [0, 20000000] (0 for the design's default).");
        var pooled = Design is RatingDesign.WidelyCrossed or RatingDesign.AssessmentCentre;
        rules.Require(pooled || (RatersPerPerson == 0 && RaterPool == 0),
            $"RatersPerPerson was {RatersPerPerson} and RaterPool {RaterPool} with the {Design} design; they size the rater pool of the WidelyCrossed and AssessmentCentre designs and must be 0 with any other.");
        rules.Require(!pooled || PoolRatersPerPerson <= PoolSize,
            $"RatersPerPerson was {PoolRatersPerPerson} and RaterPool {PoolSize}; each person's raters are drawn from the pool without replacement, so the pool must hold at least RatersPerPerson raters.");
        rules.InRange(TeamSize, 1, 1000);
        rules.AtLeast(PeersPerPerson, 0);
        rules.AtLeast(DirectReportRaters, 0);
        rules.InRange(SkipLevelShare, 0, 1);
        rules.InRange(MissingShare, 0, 0.95);
        rules.InRange(LeadershipPerformanceCorrelation, -1, 1);
        rules.InRange(TrueLevelSd, 0, 10);
        rules.InRange(RaterLeniencySd, 0, 10);
        rules.InRange(BiasedRaterShare, 0, 1);
        rules.InRange(BiasedRaterEffect, 0, 10);
        rules.InRange(CentralTendencyShare, 0, 1);
        rules.InRange(HaloShare, 0, 1);
        rules.InRange(ErraticShare, 0, 1);
        rules.Require(ErraticNoiseFactor >= 1 && double.IsFinite(ErraticNoiseFactor), $"ErraticNoiseFactor was {Guard.Format(ErraticNoiseFactor)}; it must be finite and at least 1.");
        rules.InRange(SelfInflation, -10, 10);
        rules.InRange(NoiseSd, 0, 10);
        rules.InRange(GroupBiasedRaterShare, 0, 1);
        rules.InRange(FavouredGroupBias, -10, 10);
        rules.Require(FavouredGroup is "male" or "female", $"FavouredGroup was '{FavouredGroup}'; it must be \"male\" or \"female\" (the simulated sex attribute).");
        rules.Require(!(BiasedRaterShare + CentralTendencyShare + HaloShare + ErraticShare > 1),
            $"BiasedRaterShare + CentralTendencyShare + HaloShare + ErraticShare was {Guard.Format(BiasedRaterShare + CentralTendencyShare + HaloShare + ErraticShare)}; the shares must not add up to more than 1.");
        rules.Require(Cycle is null || PersonIdRules.Check(Cycle) is null, $"Cycle '{Cycle}' is not a valid cycle label.");
        rules.InRange(Cycles, 1, 20);
        rules.Require(Cycles == 1 || Cycle is null, $"Cycle was '{Cycle}' with {Cycles} cycles; several cycles are labelled by their dates, so Cycle must be null.");
        rules.InRange(CycleSpacingDays, 30, 3650);
        rules.InRange(MeanGrowth, -2, 2);
        rules.InRange(GrowthSd, 0, 2);
        rules.InRange(LevelGrowthCorrelation, -1, 1);
        rules.InRange(DevelopmentShare, 0, 1);
        rules.Require(DevelopmentShare == 0 || Cycles > 1, $"DevelopmentShare was {Guard.Format(DevelopmentShare)} with one cycle; development is measured across cycles, so it needs Cycles of 2 or more.");
        rules.InRange(DevelopmentSelection, -2, 2);
        rules.InRange(PromotionShare, 0, 1);
        rules.Require(PromotionShare == 0 || Cycles > 1, $"PromotionShare was {Guard.Format(PromotionShare)} with one cycle; promotions are followed up across cycles, so it needs Cycles of 2 or more.");
        rules.InRange(DevelopmentGrowth, -2, 2);
        rules.InRange(DevelopmentAfterGrowth, -2, 2);
        return rules.Broken;
    }

    internal SimulationOptions Validated() => OptionRules.Valid(this, Validate());
}
