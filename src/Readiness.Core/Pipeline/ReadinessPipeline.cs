using System.Collections.Immutable;
using Readiness.Calibration;
using Readiness.Competencies;
using Readiness.Evidence;
using Readiness.Fairness;
using Readiness.Reliability;
using Readiness.Scoring;
using Readiness.Talent;

namespace Readiness.Pipeline;

/// <summary>
/// The whole flow in one call: calibrate the ratings, score every ratee against every role, then — as far as the inputs
/// allow — the talent review, the fairness audit (calibrated against raw rating means) and the predictive-validity study.
/// The command-line tool, the demo and the hosting sample all run through it.
/// </summary>
/// <remarks>
/// The steps are the public types' own, in the order a review takes them; a caller who needs a step done differently
/// runs that step's type directly on <see cref="ReadinessRun"/>'s parts. Stateless once built: safe to share and to run
/// concurrently when its calibrator, scorer and planner are.
/// </remarks>
/// <example>
/// <code>
/// var intake = new RatingSetBuilder(LeadershipFramework.Model).AddRange(ratings).Build();
/// var pipeline = new ReadinessPipeline(new CrossedRandomEffectsCalibrator(), new ReadinessScorer());
/// var run = pipeline.Run(new ReadinessRunInput(intake, [LeadershipFramework.FirstLineManager]) { ReviewDate = new DateOnly(2027, 1, 4) });
/// </code>
/// </example>
public sealed class ReadinessPipeline
{
    private readonly IRatingCalibrator _calibrator;
    private readonly IReadinessScorer _scorer;
    private readonly IDevelopmentPlanner _planner;
    private readonly ReadinessPipelineOptions _options;

    /// <summary>Initialises the pipeline with its calibrator and scorer, and optionally a development planner and options.</summary>
    /// <param name="calibrator">Removes rater bias.</param>
    /// <param name="scorer">Scores readiness.</param>
    /// <param name="planner">Plans development for people on a slate who are not ready now; default <see cref="DevelopmentPlanner"/>.</param>
    /// <param name="options">How the steps after scoring run; default <see cref="ReadinessPipelineOptions"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="calibrator"/> or <paramref name="scorer"/> is null.</exception>
    public ReadinessPipeline(IRatingCalibrator calibrator, IReadinessScorer scorer, IDevelopmentPlanner? planner = null, ReadinessPipelineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(calibrator);
        ArgumentNullException.ThrowIfNull(scorer);
        _calibrator = calibrator;
        _scorer = scorer;
        _planner = planner ?? new DevelopmentPlanner();
        _options = (options ?? new ReadinessPipelineOptions()).Validated();
    }

    /// <summary>Runs the flow on the input.</summary>
    /// <param name="input">The ratings, roles and whatever else there is.</param>
    /// <param name="progress">Receives the calibration's progress; optional.</param>
    /// <param name="cancellationToken">Cancels the calibration.</param>
    /// <returns>The whole run.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="InsufficientRatingsException">The ratings cannot be calibrated (the calibrator's reason).</exception>
    /// <exception cref="NobodyScoredException">Nobody met the evidence rules for the first role, and <see cref="ReadinessPipelineOptions.AllowUnscored"/> is false.</exception>
    public ReadinessRun Run(ReadinessRunInput input, IProgress<CalibrationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var ratings = input.Ratings.Ratings;
        StyledRaterScreen? screen = null;
        var calibration = _calibrator.Calibrate(ratings, progress, cancellationToken);
        // The diagnostics are measured against the crossed model's fit; against the Rasch model's, the halo test flags mostly
        // raters without halo (StyledRaterPolicy), so another calibrator's raters are kept.
        if (_options.StyledRaters != StyledRaterPolicy.Keep && calibration.Crossed is not null)
        {
            var evidence = _options.StyledRaters == StyledRaterPolicy.SetAsideUnlessNeeded ? (_scorer as ReadinessScorer)?.Options : null;
            screen = StyledRaterScreen.Apply(ratings, calibration, minimumRaters: evidence?.MinimumRaters ?? 0, minimumSources: evidence?.MinimumSources ?? 0);

            // Nothing set aside, nothing to fit again: the same ratings give the same calibration.
            if (screen.Ratings.Count != ratings.Count)
            {
                ratings = screen.Ratings;
                calibration = screen.Refit(_calibrator, progress, cancellationToken);
            }
        }

        var candidates = ReadinessCandidate.FromCalibration(calibration, ratings, input.Performance);
        var keptFor = screen?.KeptFor.ToHashSet() ?? [];
        ImmutableArray<ReadinessAssessment> Score(RoleProfile role) =>
            [.. _scorer.ScoreCohort(candidates, role).Select(a => keptFor.Contains(a.Person) ? a.WithSignals(ReadinessSignals.StyledRatersKept) : a)];
        var first = Score(input.Roles[0]);
        if (!_options.AllowUnscored && !first.Any(a => a.IsScored))
        {
            throw new NobodyScoredException(input.Roles[0].Id, first);
        }

        var roles = input.Roles.Select((role, i) => new RoleAssessments(role, i == 0 ? first : Score(role))).ToImmutableArray();
        var raw = _options.CompareWithRawMeans || input.Demographics is not null
            ? _scorer.ScoreCohort(ReadinessCandidate.FromCalibration(new RawMeanCalibrator().Calibrate(ratings, cancellationToken: cancellationToken), ratings, input.Performance), input.Roles[0])
            : [];
        var talent = input.ReviewDate is { } date ? Review(roles, input, date) : null;
        var fairness = input.Demographics is { } demographics ? Audit(input, ratings, demographics, calibration, first, raw) : null;
        var validity = input.Outcomes.IsDefaultOrEmpty ? null : PredictiveValidityStudy.Run(first, input.Outcomes, _options.Validity);
        return new ReadinessRun(input, calibration, candidates, roles, raw, talent, fairness, validity) { Screen = screen };
    }

    /// <summary>The 9-box for the first role; a slate per role; a plan for everyone on a slate who is not ready now.</summary>
    private TalentPipeline Review(ImmutableArray<RoleAssessments> roles, ReadinessRunInput input, DateOnly date)
    {
        var nineBox = NineBox.Place(roles[0].Assessments, _options.NineBox);
        var slateOptions = input.SlateExclusions.IsEmpty ? _options.Slate : _options.Slate with { Exclude = _options.Slate.Exclude.SetItems(input.SlateExclusions) };
        var plans = new List<DevelopmentPlan>();
        var slates = new List<SuccessionSlate>();
        foreach (var role in roles)
        {
            var slate = SuccessionSlate.Build(role.Role.Id, role.Assessments, slateOptions);
            slates.Add(slate);
            var byCandidate = role.Assessments.ToDictionary(a => a.Person);
            plans.AddRange(slate.Entries.Where(e => e.Band != ReadinessBand.ReadyNow).Select(e => _planner.Plan(byCandidate[e.Person], role.Role, date)));
        }

        return TalentPipeline.Create(date, nineBox, slates, plans);
    }

    /// <summary>Each attribute alone, then all of them together when there are several; calibrated and raw; the raters' splits; the potential gap.</summary>
    private FairnessReview Audit(ReadinessRunInput input, RatingSet ratings, Demographics demographics, CalibrationResult calibration, ImmutableArray<ReadinessAssessment> calibrated, ImmutableArray<ReadinessAssessment> raw)
    {
        var attributes = input.AuditAttributes.IsDefaultOrEmpty ? demographics.Attributes : input.AuditAttributes;
        string[][] groupings = attributes.Length <= 1 ? [[.. attributes]] : [.. attributes.Select(a => new[] { a }), [.. attributes]];

        // Written together, so suppressed together: no table may give away what another hides.
        var audits = AdverseImpactAudit.RunTogether([_options.AuditOutcome(calibrated), _options.AuditOutcome(raw)], demographics, groupings, _options.Audit);
        return new FairnessReview(
            attributes,
            audits[..groupings.Length],
            audits[groupings.Length..],
            [.. attributes.Select(a => RaterGroupBias.Analyze(ratings, calibration, demographics, a))],
            [.. attributes.Select(a => PotentialGap.Analyze(calibrated, demographics, a, suppressed: SuppressedGroups(audits, a)))]);
    }

    /// <summary>The groups the calibrated audit of one attribute alone suppressed: the potential gap, written with it, withholds them too.</summary>
    private static IEnumerable<string> SuppressedGroups(ImmutableArray<AdverseImpactAudit> audits, string attribute) =>
        audits.First(a => a.Attributes.Length == 1 && string.Equals(a.Attributes[0], attribute, StringComparison.OrdinalIgnoreCase))
            .Groups.Where(g => g.Status == GroupStatus.Suppressed).Select(g => g.Group);
}
