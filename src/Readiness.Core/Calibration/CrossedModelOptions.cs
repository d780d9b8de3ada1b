using System.Collections.Immutable;
using Readiness.Internal;

namespace Readiness.Calibration;

/// <summary>Settings of the crossed random-effects calibrator.</summary>
/// <remarks>Checked when the calibrator is created; a bad value gets an exception naming the property and the rule.</remarks>
public sealed record CrossedModelOptions
{
    /// <summary>Gets the algorithm. The default value is <see cref="CrossedModelPath.Auto"/>.</summary>
    public CrossedModelPath Path { get; init; } = CrossedModelPath.Auto;

    /// <summary>Gets the largest sparse factor, in stored entries, that <see cref="CrossedModelPath.Auto"/> fits exactly. The default value is 20,000,000 (each entry holds about 20 bytes while fitting: the factor, its row index and the selected inverse).</summary>
    /// <remarks>
    /// The exact path factors the raters' block of the mixed-model equations, where two raters are coupled when they rated
    /// a common person. In an organisation those couplings are local (a manager, the team, its reports) and the factor
    /// grows linearly with the people: a simulated organisation of 13,000 people (1 million ratings) needs about 314,000
    /// entries. Designs where raters are spread at random across a large population fill the factor in; above this size
    /// <see cref="CrossedModelPath.Auto"/> takes the scalable path, whose cost is linear in the ratings whatever the
    /// design. The size is known from the structure alone, before any numbers are computed.
    /// </remarks>
    public long ExactPathMaxFactorEntries { get; init; } = 20_000_000;

    /// <summary>Gets the most memory, in bytes, a fit may be predicted to need; 0 for a quarter of the memory available to the process. The default value is 0.</summary>
    /// <remarks>
    /// Before anything is factored, a cost model predicts each path's peak memory from the design and the exact path's
    /// symbolic analysis (which itself stops as soon as the factor would not fit). <see cref="CrossedModelPath.Auto"/> takes
    /// the scalable path when the exact one would not fit; a path that would not fit is otherwise refused with a
    /// <see cref="CalibrationBudgetException"/> that names the cheaper path or this setting.
    /// </remarks>
    public long MaxMemoryBytes { get; init; }

    /// <summary>Gets the longest the exact path may be predicted to take, in seconds. The default value is 30.</summary>
    /// <remarks>
    /// The exact path's time follows its factor's dense blocks, not the number of ratings: an organisation's 360° factors in
    /// milliseconds at a million ratings, while raters spread at random over a large population fill the factor in. When
    /// the cost model predicts more than this, <see cref="CrossedModelPath.Auto"/> takes the scalable path (whose time is
    /// linear in the ratings) and <see cref="CrossedModelPath.Exact"/> is refused with a
    /// <see cref="CalibrationBudgetException"/>. A fit that runs past twice this is stopped the same way (auto then finishes
    /// on the scalable path, with a warning), so no setting of the data can tie a host up.
    /// </remarks>
    public double ExactPathMaxSeconds { get; init; } = 30;

    /// <summary>Gets the relative change in the variance parameters at which the REML optimisation stops (on the scalable path, at least 1.25e-5, a twentieth of its Monte-Carlo error target), and the residual relative to the right-hand side at which the scalable path's solves stop (its BLUPs' at 1e-4 of it). The default value is 1e-6.</summary>
    /// <remarks>
    /// At 1e-6 the exact path's variance components agree with lme4's optimum within 3e-6 relative on every design in the
    /// test data (up to 106,051 ratings), far inside their sampling error; a component the data pin down loosely (ten
    /// assessors' leniency) within 1.3e-5, where the two REML criteria agree to 1.2e-10. Smaller values rarely change the
    /// answer: the search also stops when a step's predicted gain is within the criterion's rounding.
    /// </remarks>
    public double Tolerance { get; init; } = 1e-6;

    /// <summary>Gets the most REML criterion evaluations (exact path) or conjugate-gradient iterations per solve (scalable path) allowed. The default value is 5,000.</summary>
    public int MaxIterations { get; init; } = 5000;

    /// <summary>Gets how many threads the exact path may use to evaluate the REML criterion; -1 for one per processor. The default value is -1.</summary>
    /// <remarks>
    /// Each Newton iteration evaluates the criterion at up to nine independent points; with more than one thread they are
    /// shared out, each thread on its own copy of the work space (one more factor's worth of memory per thread). Results
    /// are bit-identical for every value: each evaluation is computed the same way on whichever thread runs it. Set 1 in
    /// hosts that parallelise across requests themselves.
    /// </remarks>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>Gets how many effects each person has: one per competency domain (leadership, individual performance) or one shared by all their competencies. The default value is <see cref="Calibration.PersonEffect.Automatic"/>.</summary>
    /// <remarks>
    /// Per domain, the model reads <c>rating = μ + competency + source + ratee:domain + ratee × competency + rater + error</c>:
    /// a person's leadership estimates are pulled toward their own leadership level, not toward a level their individual
    /// performance shares, which matters when the two differ — the library's premise. The variance component named
    /// <c>ratee</c> is then the variance of a person's level within a domain, and <see cref="CrossedModelFit.PersonEffectPerDomain"/>
    /// says which the fit used. On simulated organisations whose people's domains correlate 0.2, the shared effect made
    /// P(ready now) under-confident by up to 0.12 (with styled raters set aside); per domain it is within ±0.05 in every
    /// tenth of the probabilities — but on exports whose raters of some source are anonymised, per domain made it
    /// over-confident by up to 0.19, against 0.06 shared (<c>benchmarks/README.md</c>): <see cref="Calibration.PersonEffect.Automatic"/>
    /// chooses accordingly. Asked for per domain with the competencies rated all of one domain, the result warns
    /// <c>one-domain</c>; on an anonymised export, <c>per-domain-on-anonymised-export</c>.
    /// </remarks>
    public PersonEffect PersonEffect { get; init; } = PersonEffect.Automatic;

    /// <summary>Lists every rule these options break, each message naming the property, its value and the rule.</summary>
    /// <returns>The broken rules; empty when the options are valid.</returns>
    public ImmutableArray<string> Validate()
    {
        var rules = new OptionRules();
        rules.Defined(Path);
        rules.Defined(PersonEffect);
        rules.AtLeast(ExactPathMaxFactorEntries, 1);
        rules.Require(MaxMemoryBytes >= 0, $"MaxMemoryBytes was {MaxMemoryBytes}; it must be 0 (a quarter of the memory available) or a number of bytes.");
        rules.InRange(ExactPathMaxSeconds, 1e-6, 1e6);
        rules.InRange(Tolerance, 1e-14, 1e-2);
        rules.AtLeast(MaxIterations, 1);
        rules.Require(MaxDegreeOfParallelism is -1 or >= 1, $"MaxDegreeOfParallelism was {MaxDegreeOfParallelism}; it must be -1 (one per processor) or at least 1.");
        return rules.Broken;
    }

    internal CrossedModelOptions Validated() => OptionRules.Valid(this, Validate());
}
