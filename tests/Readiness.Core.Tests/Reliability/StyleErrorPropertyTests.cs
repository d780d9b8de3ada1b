using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Readiness.Calibration;
using Readiness.Core.Tests.Calibration;
using Readiness.Evidence;
using Readiness.Reliability.Internal;
using static Readiness.Competencies.LeadershipFramework;

namespace Readiness.Core.Tests.Reliability;

/// <summary>
/// Laws of the style errors a kept flagged rater adds, over generated designs: who rates whom, how many competencies,
/// which raters are flagged and whether they have a style at all are drawn.
/// </summary>
public sealed class StyleErrorPropertyTests
{
    /// <summary>
    /// A design: 8–40 people, each rated by 3–6 raters from a pool of 4–20 on 2–4 competencies; 1–3 raters flagged, each
    /// pulling their ratings toward the middle by 0–80% (0: no style at all).
    /// </summary>
    private static Gen<(Rating[] Rows, HashSet<RaterId> Flagged)> Designs =>
        from people in Gen.Choose(8, 40)
        from pool in Gen.Choose(4, 20)
        from perPerson in Gen.Choose(3, 6)
        from competencies in Gen.Choose(2, 4)
        from flagged in Gen.Choose(1, 3)
        from pull in Gen.Choose(0, 80)
        from seed in Gen.Choose(0, int.MaxValue)
        select Draw(people, pool, perPerson, competencies, flagged, pull / 100.0, seed);

    /// <summary>
    /// Widening never narrows an error (posterior or given the true levels), never moves an estimate or the centre of its
    /// interval, never raises a reliability, touches only the people a flagged rater rated, and leaves valid correlations;
    /// the style's slopes are in [0, 1] and its shared variance is not negative.
    /// </summary>
    [Property(MaxTest = 40)]
    public Property Widening_only_widens_and_only_for_the_people_a_flagged_rater_rated() =>
        Prop.ForAll(Designs.ToArbitrary(), design =>
        {
            if (Fit(design.Rows, design.Flagged) is not var (ratings, clean, fit, measured, widened))
            {
                return;
            }

            Assert.All(measured.Values, e => Assert.True(e.Between is >= 0 and <= 1 && e.Within is >= 0 and <= 1 && e.Shared >= 0 && e.PerRating >= -clean.VarianceOf(VarianceComponent.Residual)!.Value, e.ToString()));
            var rated = design.Rows.Where(r => design.Flagged.Contains(r.Rater) && measured.ContainsKey(r.Rater)).Select(r => r.Ratee).ToHashSet();
            var after = widened ?? fit;
            foreach (var (before, now) in fit.Estimates.Zip(after.Estimates))
            {
                Assert.Equal((before.Person, before.Competency, before.Estimate), (now.Person, now.Competency, now.Estimate));
                Assert.True(now.StandardError >= before.StandardError, $"{now.Person}: {now.StandardError} < {before.StandardError}");
                Assert.True(now.UnshrunkStandardError >= before.UnshrunkStandardError - 1e-12, $"{now.Person}: {now.UnshrunkStandardError} < {before.UnshrunkStandardError}");
                Assert.True(now.Reliability <= before.Reliability, $"{now.Person}: reliability {now.Reliability} > {before.Reliability}");
                Assert.Equal(before.Unshrunk, now.Unshrunk, 9);
                if (!rated.Contains(now.Person))
                {
                    Assert.Equal((before.StandardError, before.Reliability, before.ShrunkToward), (now.StandardError, now.Reliability, now.ShrunkToward));
                }
            }

            foreach (var person in ratings.Ratees)
            {
                Assert.Equal(after.EstimatesFor(person).Length, after.ErrorCorrelations(person)!.Count);
                Assert.All(after.ErrorCorrelations(person)!.ToLowerTriangle().Concat(after.ConditionalErrorCorrelations(person)!.ToLowerTriangle()), r => Assert.InRange(r, -1, 1));
            }
        });

    /// <summary>
    /// Ratings shrunk about the scale's midpoint by s: the style's slopes are the same, its variances s² times, every
    /// widened standard error s times, and the reliabilities the same.
    /// </summary>
    [Property(MaxTest = 25)]
    public Property Shrinking_the_ratings_keeps_the_slopes_and_scales_the_widened_errors() =>
        Prop.ForAll(Designs.ToArbitrary(), Gen.Choose(30, 95).ToArbitrary(), (design, hundredths) =>
        {
            var s = hundredths / 100.0;
            var shrunk = design.Rows.Select(r => r with { Value = 3 + (s * (r.Value - 3)) }).ToArray();
            if (Fit(design.Rows, design.Flagged) is not var (_, _, fit, measured, widened) || Fit(shrunk, design.Flagged) is not var (_, _, _, measuredShrunk, widenedShrunk)
                || !fit.Converged)
            {
                return;
            }

            Assert.Equal(measured.Keys.Order(), measuredShrunk.Keys.Order());
            foreach (var (rater, e) in measured)
            {
                var f = measuredShrunk[rater];
                Close(e.Between, f.Between);
                Close(e.Within, f.Within);
                Close(s * s * e.Shared, f.Shared);
                Close(s * s * e.PerRating, f.PerRating);
            }

            Assert.Equal(widened is null, widenedShrunk is null);
            foreach (var (a, b) in (widened ?? fit).Estimates.Zip((widenedShrunk ?? fit).Estimates))
            {
                Close(s * a.StandardError, b.StandardError);
                Close(a.Reliability, b.Reliability);
            }
        });

    private static void Close(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-5 * Math.Max(1, Math.Abs(expected)), $"expected {expected}, got {actual}");

    /// <summary>The fit without the flagged raters, the fit of all at its components, the style measured and the widened fit; null where a fit is refused.</summary>
    private static (RatingSet Ratings, CalibrationResult Clean, CalibrationResult Fit, Dictionary<RaterId, StyleErrors.StyleError> Measured, CalibrationResult? Widened)? Fit(Rating[] rows, HashSet<RaterId> flagged)
    {
        var ratings = new RatingSetBuilder(Model).AddRange(rows).Build().Ratings;
        var calibrator = new CrossedRandomEffectsCalibrator(new CrossedModelOptions { PersonEffect = PersonEffect.Shared });
        try
        {
            var clean = calibrator.Calibrate(ratings.WithoutRatingsOfOthersBy(flagged));
            var fit = calibrator.HoldingComponentsOf(clean).Calibrate(ratings);
            var measured = StyleErrors.Measure(ratings, flagged, clean);
            return (ratings, clean, fit, measured, StyleErrors.Widen(fit, ratings, measured, ratings.Ratees));
        }
        catch (InsufficientRatingsException)
        {
            return null;
        }
        catch (ArgumentException e) when (e.ParamName == "fit")
        {
            // No residual variance to hold the components against.
            return null;
        }
    }

    /// <summary>A generated design (<see cref="CalibrationDesignPropertyTests.Draw"/>) with some of its raters flagged and pulling their ratings toward the middle.</summary>
    private static (Rating[] Rows, HashSet<RaterId> Flagged) Draw(int people, int pool, int perPerson, int competencies, int flaggedCount, double pull, int seed)
    {
        var rows = CalibrationDesignPropertyTests.Draw(people, pool, perPerson, competencies, "R-{0}", seed);
        var random = new Random(seed);
        var flagged = rows.Select(r => r.Rater).Distinct().Order().OrderBy(_ => random.Next()).Take(Math.Min(flaggedCount, pool - 2)).ToHashSet();
        return ([.. rows.Select(r => flagged.Contains(r.Rater) ? r with { Value = Math.Round(3 + ((1 - pull) * (r.Value - 3)), 2) } : r)], flagged);
    }
}
