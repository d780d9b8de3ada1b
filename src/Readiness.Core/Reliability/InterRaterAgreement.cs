using Readiness.Competencies;
using System.Collections.Immutable;
using Readiness.Evidence;

namespace Readiness.Reliability;

/// <summary>
/// How far the raters of one person agree: the spread of their ratings and James, Demaree and Wolf's r_wg, per person ×
/// competency, per person (r_wg(J) over the competencies) and per competency (averaged over people).
/// </summary>
/// <remarks>
/// <para>
/// r_wg = 1 − s² / σ²_EU compares the observed variance s² of the other raters' ratings of one person on one competency with
/// the variance expected if raters answered at random, uniformly over the scale's A levels: σ²_EU = (A² − 1) / 12 (James,
/// Demaree &amp; Wolf 1984); when ratings fall between levels, uniformly over the continuous range: (max − min)² / 12. 1 is full agreement, 0 agreement no better than chance. Over J competencies,
/// r_wg(J) = J(1 − s̄²/σ²_EU) / (J(1 − s̄²/σ²_EU) + s̄²/σ²_EU), with s̄² the mean of the competencies' variances. Where the
/// raters spread more than chance would (s² or s̄² above σ²_EU), both are truncated to 0, as LeBreton and Senter (2008)
/// prescribe: the formulas give no agreement index there (r_wg below 0, and r_wg(J) above 1 — raters answering 1 and 5 on
/// every competency of a 1–5 scale would otherwise "agree" at 1.105). Self-ratings are left out (they are not another rater's view). A
/// person × competency needs two or more ratings; fewer is reported with NaN spread and r_wg.
/// </para>
/// <para>This is agreement (do raters give the same number?), not reliability (do they order people the same way?): see
/// <see cref="IntraclassCorrelation"/> for that.</para>
/// </remarks>
public static class InterRaterAgreement
{
    /// <summary>Computes agreement for every person and competency rated by others.</summary>
    /// <param name="ratings">The ratings.</param>
    /// <returns>Per person × competency, per person and per competency.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ratings"/> is null.</exception>
    public static AgreementReport Analyze(RatingSet ratings)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        var chance = ChanceVariance(ratings);
        var cells = ImmutableArray.CreateBuilder<CellAgreement>();
        var n = ratings.Count;
        var start = 0;

        // Rows are in (ratee, competency) order, so each cell is one contiguous run.
        while (start < n)
        {
            var end = start;
            var ratee = ratings.RateeIndices[start];
            var competency = ratings.CompetencyIndices[start];
            double sum = 0, squares = 0;
            var count = 0;
            while (end < n && ratings.RateeIndices[end] == ratee && ratings.CompetencyIndices[end] == competency)
            {
                if (ratings.Sources[end] != RaterSource.Self)
                {
                    sum += ratings.Values[end];
                    squares += ratings.Values[end] * ratings.Values[end];
                    count++;
                }

                end++;
            }

            if (count > 0)
            {
                var variance = count > 1 ? Math.Max(squares - (sum * sum / count), 0) / (count - 1) : double.NaN;
                cells.Add(new CellAgreement(ratings.Ratees[ratee], ratings.Model.Competencies[competency].Id, count, sum / count, Math.Sqrt(variance), Rwg(variance, chance)));
            }

            start = end;
        }

        var all = cells.ToImmutable();
        var people = all.GroupBy(c => c.Person).Select(g =>
        {
            var rated = g.Where(c => c.Ratings > 1).ToArray();
            var meanVariance = rated.Length > 0 ? rated.Average(c => c.StandardDeviation * c.StandardDeviation) : double.NaN;
            var j = rated.Length;
            var agreement = j * (1 - (meanVariance / chance));
            var rwgJ = meanVariance > chance ? 0 : agreement / (agreement + (meanVariance / chance));
            return new PersonAgreement(g.Key, j, Math.Sqrt(meanVariance), rwgJ);
        });
        var competencies = ratings.Model.Competencies
            .Select(c => (c.Id, Cells: all.Where(a => a.Competency == c.Id && a.Ratings > 1).ToArray()))
            .Where(c => c.Cells.Length > 0)
            .Select(c => new CompetencyAgreement(c.Id, c.Cells.Length, c.Cells.Average(a => a.StandardDeviation), c.Cells.Average(a => a.Rwg)));
        return new AgreementReport(chance, all, [.. people], [.. competencies]);
    }

    /// <summary>
    /// σ²_EU for the scale as used: (A² − 1) / 12 over the A whole levels when every other rater's rating is a whole level;
    /// (max − min)² / 12, the rectangular distribution over the continuous range, once any rating falls between levels
    /// (averaged items, a slider), where the discrete null would overstate chance agreement's spread.
    /// </summary>
    private static double ChanceVariance(RatingSet ratings)
    {
        var scale = ratings.Model.Scale;
        var range = scale.Maximum - scale.Minimum;
        for (var i = 0; i < ratings.Count; i++)
        {
            if (ratings.Sources[i] != RaterSource.Self && ratings.Values[i] != Math.Round(ratings.Values[i]))
            {
                return range * range / 12.0;
            }
        }

        var levels = range + 1;
        return ((levels * levels) - 1) / 12.0;
    }

    /// <summary>r_wg of one cell, truncated to 0 where the spread exceeds chance; NaN stays NaN (a single rating).</summary>
    private static double Rwg(double variance, double chance) => variance > chance ? 0 : 1 - (variance / chance);
}

/// <summary>Inter-rater agreement at every level.</summary>
public sealed class AgreementReport
{
    /// <summary>Initializes a new instance of the <see cref="AgreementReport"/> class.</summary>
    /// <param name="chanceVariance">σ²_EU, the variance of ratings given uniformly at random over the scale's levels (over its continuous range when ratings fall between levels).</param>
    /// <param name="cells">Per person × competency, in rating-set order.</param>
    /// <param name="people">Per person, in ratee order.</param>
    /// <param name="competencies">Per competency, in model order (competencies with no person rated twice are left out).</param>
    internal AgreementReport(double chanceVariance, ImmutableArray<CellAgreement> cells, ImmutableArray<PersonAgreement> people, ImmutableArray<CompetencyAgreement> competencies)
    {
        ChanceVariance = chanceVariance;
        Cells = cells;
        People = people;
        Competencies = competencies;
    }

    /// <summary>Gets σ²_EU, the variance of ratings given uniformly at random over the scale's levels (over its continuous range when ratings fall between levels).</summary>
    public double ChanceVariance { get; }

    /// <summary>Gets the agreement per person × competency, in rating-set order.</summary>
    public ImmutableArray<CellAgreement> Cells { get; }

    /// <summary>Gets the agreement per person, in ratee order.</summary>
    public ImmutableArray<PersonAgreement> People { get; }

    /// <summary>Gets the agreement per competency, in model order (competencies with no person rated twice are left out).</summary>
    public ImmutableArray<CompetencyAgreement> Competencies { get; }
}

/// <summary>How far the other raters of one person agree on one competency.</summary>
public sealed class CellAgreement
{
    /// <summary>Initializes a new instance of the <see cref="CellAgreement"/> class.</summary>
    /// <param name="person">The person.</param>
    /// <param name="competency">The competency id.</param>
    /// <param name="ratings">The other raters' ratings.</param>
    /// <param name="mean">Their mean.</param>
    /// <param name="standardDeviation">Their sample standard deviation; NaN for a single rating.</param>
    /// <param name="rwg">1 − variance / chance variance, 0 where the variance exceeds chance; NaN for a single rating.</param>
    internal CellAgreement(RateeId person, CompetencyId competency, int ratings, double mean, double standardDeviation, double rwg)
    {
        Person = person;
        Competency = competency;
        Ratings = ratings;
        Mean = mean;
        StandardDeviation = standardDeviation;
        Rwg = rwg;
    }

    /// <summary>Gets the person.</summary>
    public RateeId Person { get; }

    /// <summary>Gets the competency id.</summary>
    public CompetencyId Competency { get; }

    /// <summary>Gets the other raters' ratings.</summary>
    public int Ratings { get; }

    /// <summary>Gets their mean.</summary>
    public double Mean { get; }

    /// <summary>Gets their sample standard deviation; NaN for a single rating.</summary>
    public double StandardDeviation { get; }

    /// <summary>Gets 1 − variance / chance variance, 0 where the variance exceeds chance; NaN for a single rating.</summary>
    public double Rwg { get; }
}

/// <summary>How far the other raters of one person agree across the competencies.</summary>
public sealed class PersonAgreement
{
    /// <summary>Initializes a new instance of the <see cref="PersonAgreement"/> class.</summary>
    /// <param name="person">The person.</param>
    /// <param name="competencies">The competencies rated by two or more others.</param>
    /// <param name="meanStandardDeviation">√(mean within-competency variance).</param>
    /// <param name="rwgJ">r_wg(J) over those competencies, 0 where their mean variance exceeds chance; NaN when there are none.</param>
    internal PersonAgreement(RateeId person, int competencies, double meanStandardDeviation, double rwgJ)
    {
        Person = person;
        Competencies = competencies;
        MeanStandardDeviation = meanStandardDeviation;
        RwgJ = rwgJ;
    }

    /// <summary>Gets the person.</summary>
    public RateeId Person { get; }

    /// <summary>Gets the competencies rated by two or more others.</summary>
    public int Competencies { get; }

    /// <summary>Gets √(mean within-competency variance).</summary>
    public double MeanStandardDeviation { get; }

    /// <summary>Gets r_wg(J) over those competencies, 0 where their mean variance exceeds chance; NaN when there are none.</summary>
    public double RwgJ { get; }
}

/// <summary>How far raters agree on one competency, averaged over the people rated by two or more others.</summary>
public sealed class CompetencyAgreement
{
    /// <summary>Initializes a new instance of the <see cref="CompetencyAgreement"/> class.</summary>
    /// <param name="competency">The competency id.</param>
    /// <param name="people">The people averaged over.</param>
    /// <param name="meanStandardDeviation">The mean within-person standard deviation.</param>
    /// <param name="meanRwg">The mean r_wg.</param>
    internal CompetencyAgreement(CompetencyId competency, int people, double meanStandardDeviation, double meanRwg)
    {
        Competency = competency;
        People = people;
        MeanStandardDeviation = meanStandardDeviation;
        MeanRwg = meanRwg;
    }

    /// <summary>Gets the competency id.</summary>
    public CompetencyId Competency { get; }

    /// <summary>Gets the people averaged over.</summary>
    public int People { get; }

    /// <summary>Gets the mean within-person standard deviation.</summary>
    public double MeanStandardDeviation { get; }

    /// <summary>Gets the mean r_wg.</summary>
    public double MeanRwg { get; }
}
