namespace Readiness.Calibration;

/// <summary>How many effects the crossed model gives each person: one shared by all their competencies, or one per competency domain.</summary>
public enum PersonEffect
{
    /// <summary>
    /// One per domain when the competencies rated span both domains, every source's raters are named, and most ratings of
    /// others come from raters who rated more than one person; one shared otherwise. On an export whose raters of some
    /// source do not repeat (<see cref="CrossedModelFit.RateeSource"/>), or with one id per questionnaire (each rater a new
    /// id for each person rated), the raters' central tendency and halo cannot be screened out, and with that error left in
    /// a person effect per domain made P(ready now) over-confident (<c>benchmarks/README.md</c>).
    /// </summary>
    Automatic = 0,

    /// <summary>One effect shared by all a person's competencies: a person's estimates are pulled toward their general level.</summary>
    Shared = 1,

    /// <summary>One effect per competency domain (<c>(1 | ratee:domain)</c> in lme4's terms): a person's leadership estimates are pulled toward their own leadership level, not toward a level their individual performance shares.</summary>
    PerDomain = 2,
}
