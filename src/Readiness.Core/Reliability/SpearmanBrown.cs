using Readiness.Calibration;
using Readiness.Internal;

namespace Readiness.Reliability;

/// <summary>
/// Evidence planning by the Spearman–Brown prophecy formula: how reliable the mean of n raters is, and how many raters a
/// target reliability needs, from the reliability of a single rater.
/// </summary>
/// <remarks>
/// The mean of n parallel ratings has reliability n·r / (1 + (n − 1)·r) for a single rating's reliability r; solving for n
/// gives n = R(1 − r) / (r(1 − R)) for a target R, rounded up. The single-rater reliability can come from ICC(1,1) or
/// ICC(2,1) of a complete design, or from a crossed calibration's variance components:
/// (σ²ratee + σ²ratee×competency) / (σ²ratee + σ²ratee×competency + σ²rater + σ²residual) — the share of one rating's
/// variance that is the person's own standing on the competency, rater leniency counted as error (as it is for anyone
/// comparing people rated by different raters).
/// </remarks>
public static class SpearmanBrown
{
    /// <summary>The reliability of the mean of <paramref name="raters"/> raters.</summary>
    /// <param name="singleRater">A single rater's reliability, in [0, 1].</param>
    /// <param name="raters">The number of raters, at least 1.</param>
    /// <returns>The reliability, in [0, 1].</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range.</exception>
    public static double Reliability(double singleRater, int raters)
    {
        Guard.InRange(singleRater, 0, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(raters, 1);
        return raters * singleRater / (1 + ((raters - 1) * singleRater));
    }

    /// <summary>The fewest raters whose mean reaches <paramref name="target"/>.</summary>
    /// <param name="singleRater">A single rater's reliability, in (0, 1].</param>
    /// <param name="target">The target reliability, in (0, 1).</param>
    /// <returns>The number of raters (1 when one rater already reaches the target).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range (a single-rater reliability of 0 can never reach a target).</exception>
    public static int RatersNeeded(double singleRater, double target)
    {
        if (!(singleRater > 0 && singleRater <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(singleRater), singleRater, $"singleRater was {Guard.Format(singleRater)}; it must be in (0, 1] — with none of a rating's variance reliable, no number of raters reaches a target.");
        }

        if (!(target > 0 && target < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(target), target, $"target was {Guard.Format(target)}; it must be in (0, 1).");
        }

        if (singleRater >= target)
        {
            return 1;
        }

        // The smallest n with Reliability(n) ≥ target; the closed form can land a rounding hair above a whole number.
        var n = (int)Math.Min(int.MaxValue, Math.Ceiling((target * (1 - singleRater) / (singleRater * (1 - target))) - 1e-9));
        return Math.Max(1, n);
    }

    /// <summary>A single rating's reliability from a crossed calibration's variance components (see the remarks).</summary>
    /// <param name="calibration">A crossed random-effects calibration.</param>
    /// <returns>The single-rater reliability, in [0, 1].</returns>
    /// <exception cref="ArgumentException">
    /// The calibration has no ratee, rater and residual variance components (not a crossed model), or took a rater effect per
    /// person and source (<see cref="CalibrationWarningCodes.RaterTermPerPersonSource"/>: an export that anonymises some
    /// sources' raters, whose ratings of a person share one effect, so that raters added from such a source are not independent).
    /// </exception>
    public static double SingleRaterReliability(CalibrationResult calibration)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        if (calibration.VarianceOf(VarianceComponent.Ratee) is not { } ratee || calibration.VarianceOf(VarianceComponent.Rater) is not { } rater
            || calibration.VarianceOf(VarianceComponent.Residual) is not { } residual)
        {
            throw new ArgumentException($"The calibration ({calibration.Method}) has no ratee, rater and residual variance components; fit the crossed model.", nameof(calibration));
        }

        if (calibration.Warnings.Any(w => w.Code == CalibrationWarningCodes.RaterTermPerPersonSource))
        {
            throw new ArgumentException(
                $"The calibration ({calibration.Method}) took a rater effect per person and source for raters whose ids do not repeat (warning {CalibrationWarningCodes.RaterTermPerPersonSource}): they share one effect per person, so one rater's reliability, and the raters a reliability needs, are not defined.",
                nameof(calibration));
        }

        var person = ratee + (calibration.VarianceOf(VarianceComponent.RateeCompetency) ?? 0);
        var total = person + rater + residual;
        return total > 0 ? person / total : 0;
    }
}
