using System.Collections.Immutable;
using MathNet.Numerics.Statistics;
using Readiness.Evidence;

namespace Readiness.Reliability;

/// <summary>
/// Self–other agreement: per person, self-ratings against the other raters' ratings, by competency and overall, and
/// Yammarino and Atwater's (1997) four categories.
/// </summary>
/// <remarks>
/// Only competencies a person rated themselves on and was rated on by others count, so self and others are compared on
/// the same ground; ratings are raw (calibration models the others' view, and self-ratings are what is being compared).
/// The agreement band is zero ± 0.5 standard deviations of the cohort's differences by default (or a number of scale
/// points; or, the cohort-relative variant, centred on the cohort's mean difference): above it over-estimators, below it
/// under-estimators, so an over-estimator always rates themselves above what others say; within it, "good" when the
/// others' overall rating is at or above the cohort's median of the others' ratings, else "poor". People without
/// self-ratings or without other raters on a common competency are listed in <see cref="Excluded"/>.
/// </remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed class SelfOtherAgreement
{
    private SelfOtherAgreement(ImmutableArray<SelfOtherRating> people, ImmutableArray<RateeId> excluded, double lowerCut, double upperCut, double goodCut)
    {
        People = people;
        Excluded = excluded;
        LowerCut = lowerCut;
        UpperCut = upperCut;
        GoodCut = goodCut;
    }

    /// <summary>Gets one entry per person with both views, by id.</summary>
    public ImmutableArray<SelfOtherRating> People { get; }

    /// <summary>Gets the people without self-ratings or without others' ratings on a competency they rated themselves on.</summary>
    public ImmutableArray<RateeId> Excluded { get; }

    /// <summary>Gets the difference (self − others) below which a person under-estimates.</summary>
    public double LowerCut { get; }

    /// <summary>Gets the difference above which a person over-estimates.</summary>
    public double UpperCut { get; }

    /// <summary>Gets the others' rating at or above which agreement is "good".</summary>
    public double GoodCut { get; }

    /// <summary>Compares self-ratings with others' ratings for everyone rated.</summary>
    /// <param name="ratings">The ratings, self-ratings included.</param>
    /// <param name="options">The agreement band; null for the defaults.</param>
    /// <returns>The comparison.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The band's half-width is negative or not finite.</exception>
    public static SelfOtherAgreement Analyze(RatingSet ratings, SelfOtherOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        options = (options ?? new SelfOtherOptions()).Validated();
        var k = ratings.Model.Competencies.Length;
        var sums = new (int N, double Sum)[ratings.Ratees.Length * k * 2];
        for (var i = 0; i < ratings.Count; i++)
        {
            var cell = (((ratings.RateeIndices[i] * k) + ratings.CompetencyIndices[i]) * 2) + (ratings.Sources[i] == RaterSource.Self ? 0 : 1);
            sums[cell] = (sums[cell].N + 1, sums[cell].Sum + ratings.Values[i]);
        }

        var views = new List<(RateeId Person, double Self, double Others, ImmutableArray<SelfOtherCompetency> Competencies)>();
        var excluded = ImmutableArray.CreateBuilder<RateeId>();
        for (var p = 0; p < ratings.Ratees.Length; p++)
        {
            var common = Enumerable.Range(0, k)
                .Where(c => sums[((p * k) + c) * 2].N > 0 && sums[(((p * k) + c) * 2) + 1].N > 0)
                .Select(c =>
                {
                    var (self, others) = (sums[((p * k) + c) * 2], sums[(((p * k) + c) * 2) + 1]);
                    var (s, o) = (self.Sum / self.N, others.Sum / others.N);
                    return new SelfOtherCompetency(ratings.Model.Competencies[c].Id, s, o, s - o);
                })
                .ToImmutableArray();
            if (common.IsEmpty)
            {
                excluded.Add(ratings.Ratees[p]);
                continue;
            }

            views.Add((ratings.Ratees[p], common.Average(c => c.Self), common.Average(c => c.Others), common));
        }

        var differences = views.Select(v => v.Self - v.Others).ToArray();
        // With fewer than two people there is no spread to measure the band in: it is then in scale points, around zero.
        var mean = differences.Length > 0 ? differences.Average() : 0;
        var spreadKnown = differences.Length > 1;
        var centre = options.CentredOnCohortMean && spreadKnown ? mean : 0;
        var unit = options.WidthInStandardDeviations && spreadKnown ? Math.Sqrt(differences.Sum(d => (d - mean) * (d - mean)) / (differences.Length - 1)) : 1;

        var (lower, upper) = (centre - (options.AgreementHalfWidth * unit), centre + (options.AgreementHalfWidth * unit));
        var good = views.Count == 0 ? double.NaN : Statistics.QuantileCustom(views.Select(v => v.Others), 0.5, QuantileDefinition.R7);
        var people = views
            .Select(v =>
            {
                var d = v.Self - v.Others;
                var category = d > upper ? AgreementCategory.OverEstimator
                    : d < lower ? AgreementCategory.UnderEstimator
                    : v.Others >= good ? AgreementCategory.InAgreementGood
                    : AgreementCategory.InAgreementPoor;
                return new SelfOtherRating(v.Person, v.Self, v.Others, category, v.Competencies);
            })
            .OrderBy(r => r.Person)
            .ToImmutableArray();
        return new SelfOtherAgreement(people, [.. excluded.Order()], lower, upper, good);
    }
}
