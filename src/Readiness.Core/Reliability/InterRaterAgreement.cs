using System.Collections.Immutable;
using Readiness.Evidence;
using Readiness.Internal;

namespace Readiness.Reliability;

/// <summary>
/// How far the raters of one person agree: the spread of their ratings and James, Demaree and Wolf's r_wg, per person ×
/// competency, per person (r_wg(J) over the competencies) and per competency (averaged over people).
/// </summary>
/// <remarks>
/// <para>
/// r_wg = 1 − s² / σ²_EU compares the observed variance s² of the other raters' ratings of one person on one competency with
/// the variance expected if raters answered at random, uniformly over the scale's A levels: σ²_EU = (A² − 1) / 12 (James,
/// Demaree &amp; Wolf 1984). 1 is full agreement, 0 agreement no better than chance; below 0 (more spread than chance) is
/// reported as computed, not truncated. Over J competencies, r_wg(J) = J(1 − s̄²/σ²_EU) / (J(1 − s̄²/σ²_EU) + s̄²/σ²_EU),
/// with s̄² the mean of the competencies' variances. Self-ratings are left out (they are not another rater's view). A
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
        var scale = ratings.Model.Scale;
        var levels = scale.Maximum - scale.Minimum + 1;
        var chance = ((levels * levels) - 1) / 12.0;
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
                cells.Add(new CellAgreement(ratings.Ratees[ratee], ratings.Model.Competencies[competency].Id, count, sum / count, Math.Sqrt(variance), 1 - (variance / chance)));
            }

            start = end;
        }

        var all = cells.ToImmutable();
        var people = all.GroupBy(c => c.Ratee).Select(g =>
        {
            var rated = g.Where(c => c.Ratings > 1).ToArray();
            var meanVariance = rated.Length > 0 ? rated.Average(c => c.StandardDeviation * c.StandardDeviation) : double.NaN;
            var j = rated.Length;
            var agreement = j * (1 - (meanVariance / chance));
            return new PersonAgreement(g.Key, j, Math.Sqrt(meanVariance), agreement / (agreement + (meanVariance / chance)));
        });
        var competencies = ratings.Model.Competencies
            .Select(c => (c.Id, Cells: all.Where(a => a.Competency == c.Id && a.Ratings > 1).ToArray()))
            .Where(c => c.Cells.Length > 0)
            .Select(c => new CompetencyAgreement(c.Id, c.Cells.Length, c.Cells.Average(a => a.StandardDeviation), c.Cells.Average(a => a.Rwg)));
        return new AgreementReport(chance, all, [.. people], [.. competencies]);
    }
}

/// <summary>Inter-rater agreement at every level.</summary>
/// <param name="ChanceVariance">σ²_EU, the variance of ratings given uniformly at random over the scale's levels.</param>
/// <param name="Cells">Per person × competency, in rating-set order.</param>
/// <param name="People">Per person, in ratee order.</param>
/// <param name="Competencies">Per competency, in model order (competencies with no person rated twice are left out).</param>
public sealed record AgreementReport(double ChanceVariance, ImmutableArray<CellAgreement> Cells, ImmutableArray<PersonAgreement> People, ImmutableArray<CompetencyAgreement> Competencies)
{
    // Compared item by item (an ImmutableArray compares by reference), so equal results are equal.
    private readonly EquatableArray<CellAgreement> _cells = new(Cells);
    private readonly EquatableArray<PersonAgreement> _people = new(People);
    private readonly EquatableArray<CompetencyAgreement> _competencies = new(Competencies);

    /// <summary>Gets the agreement per person × competency, in rating-set order.</summary>
    public ImmutableArray<CellAgreement> Cells { get => _cells.Items; init => _cells = new(value); }

    /// <summary>Gets the agreement per person, in ratee order.</summary>
    public ImmutableArray<PersonAgreement> People { get => _people.Items; init => _people = new(value); }

    /// <summary>Gets the agreement per competency, in model order (competencies with no person rated twice are left out).</summary>
    public ImmutableArray<CompetencyAgreement> Competencies { get => _competencies.Items; init => _competencies = new(value); }
}

/// <summary>How far the other raters of one person agree on one competency.</summary>
/// <param name="Ratee">The person.</param>
/// <param name="Competency">The competency id.</param>
/// <param name="Ratings">The other raters' ratings.</param>
/// <param name="Mean">Their mean.</param>
/// <param name="StandardDeviation">Their sample standard deviation; NaN for a single rating.</param>
/// <param name="Rwg">1 − variance / chance variance; NaN for a single rating.</param>
public sealed record CellAgreement(RateeId Ratee, string Competency, int Ratings, double Mean, double StandardDeviation, double Rwg);

/// <summary>How far the other raters of one person agree across the competencies.</summary>
/// <param name="Ratee">The person.</param>
/// <param name="Competencies">The competencies rated by two or more others.</param>
/// <param name="MeanStandardDeviation">√(mean within-competency variance).</param>
/// <param name="RwgJ">r_wg(J) over those competencies; NaN when there are none.</param>
public sealed record PersonAgreement(RateeId Ratee, int Competencies, double MeanStandardDeviation, double RwgJ);

/// <summary>How far raters agree on one competency, averaged over the people rated by two or more others.</summary>
/// <param name="Competency">The competency id.</param>
/// <param name="People">The people averaged over.</param>
/// <param name="MeanStandardDeviation">The mean within-person standard deviation.</param>
/// <param name="MeanRwg">The mean r_wg.</param>
public sealed record CompetencyAgreement(string Competency, int People, double MeanStandardDeviation, double MeanRwg);
