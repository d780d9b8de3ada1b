using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Readiness.Calibration;
using Readiness.Competencies;
using Readiness.Evidence;
using Matrix = MathNet.Numerics.LinearAlgebra.Matrix<double>;
using Vector = MathNet.Numerics.LinearAlgebra.Vector<double>;

namespace Readiness.Reliability.Internal;

/// <summary>
/// The error a flagged rater's style puts into the estimates of the people whose ratings by them were kept, measured
/// against the fit without any flagged rater, and a fit's standard errors and error correlations widened by it.
/// </summary>
/// <remarks>
/// A rater who keeps to the middle of the scale moves each rating toward it in proportion to how far the person is from
/// it; one who rates an impression moves each competency toward the person's own mean. The model reads either as an
/// ordinary rater's ratings, so a person who kept them gets standard errors that leave that error out (on simulated
/// assessment centres their z² averaged 1.7, against 1.05 for everyone else). Each flagged rater's style is measured
/// against the fit without any flagged rater, whose estimates their ratings did not inform: the slopes of their residuals
/// on a person's clean mean level (between) and on each competency's distance from it (within) — a BLUP's error is
/// uncorrelated with the BLUP, so the slopes are not diluted — and what is left beyond the residual variance, shared by a
/// person's ratings (τ²) and each rating's (κ²). A kept person's estimates move with a rating on competency c by
/// Σ·e_c/σ² (Σ the fit's posterior covariance of their estimates, σ² the residual variance), so with the style
/// δ = −L·θ + η on the competencies the rater rated and M = Σ·diag(n)/σ², the error becomes e + M·L·θ − M·η and its
/// covariance Σ + M·L·P·Lᵀ·Mᵀ + M·L·Σ + Σ·Lᵀ·Mᵀ + κ²·Σ·diag(n)·Σ/σ⁴ + τ²·aaᵀ (a = M·1, P the covariance of true levels
/// the components give, Cov(e, θ) = Σ). Given the true levels (the intervals' frame), L·θ is a bias that varies over
/// people, partly undone with the shrinkage (see <see cref="Widen"/>).
/// </remarks>
internal static class StyleErrors
{
    /// <summary>A flagged rater's style: slopes toward the middle (between) and toward the person's own mean (within), and the variances left, shared by a person's ratings and each rating's.</summary>
    internal readonly record struct StyleError(double Between, double Within, double Shared, double PerRating);

    /// <summary>
    /// Each flagged rater's style error, by rater id: their ratings of others (in <paramref name="ratings"/>) against
    /// <paramref name="clean"/>, a fit without any of them. A rating of a person or competency <paramref name="clean"/>
    /// does not estimate is left out.
    /// </summary>
    public static Dictionary<RaterId, StyleError> Measure(RatingSet ratings, IReadOnlySet<RaterId> flagged, CalibrationResult clean)
    {
        var measured = new Dictionary<RaterId, StyleError>();
        if (clean.VarianceOf(VarianceComponent.Residual) is not (double residual and > 0))
        {
            return measured;
        }

        var people = new PersonErrors(clean);

        // The residual of each rating against the clean estimate, less the rater's mean residual from its source (their
        // leniency and their source's offset from the other-raters reference), grouped by rater and person.
        var rows = new List<(int Rater, RaterSource Source, int Ratee, int Position, double Residual, CompetencyEstimate Clean)>();
        var means = new Dictionary<(int Rater, RaterSource Source), (double Sum, int Count)>();
        for (var i = 0; i < ratings.Count; i++)
        {
            var rater = ratings.RaterIndices[i];
            var source = ratings.Sources[i];
            if (source == RaterSource.Self || !flagged.Contains(ratings.Raters[rater])
                || !people.TryFind(ratings.Ratees[ratings.RateeIndices[i]], ratings.Model.Competencies[ratings.CompetencyIndices[i]].Id, out var position, out var estimate))
            {
                continue;
            }

            var r = ratings.Values[i] - estimate.Estimate;
            rows.Add((rater, source, ratings.RateeIndices[i], position, r, estimate));
            var (sum, count) = means.GetValueOrDefault((rater, source));
            means[(rater, source)] = (sum + r, count + 1);
        }

        foreach (var byRater in rows.GroupBy(row => row.Rater))
        {
            var pairs = byRater.GroupBy(row => row.Ratee).Select(pair =>
            {
                var list = pair.Select(row => (Row: row, U: row.Residual - (means[(row.Rater, row.Source)].Sum / means[(row.Rater, row.Source)].Count))).ToList();
                return (Ratee: pair.Key, Rows: list, Level: list.Average(x => x.Row.Clean.Estimate));
            }).ToList();

            // The style as regressions on what the clean fit says of the person: toward the middle with their level (between),
            // toward their own mean with their profile (within). A BLUP's error is uncorrelated with it, so the slopes are not
            // diluted by the clean estimates' errors.
            var centre = pairs.Sum(p => p.Level * p.Rows.Count) / pairs.Sum(p => p.Rows.Count);
            double ub = 0, bb = 0, uw = 0, ww = 0;
            foreach (var (_, list, level) in pairs)
            {
                foreach (var (row, u) in list)
                {
                    var (fb, fw) = (level - centre, row.Clean.Estimate - level);
                    (ub, bb, uw, ww) = (ub + (u * fb), bb + (fb * fb), uw + (u * fw), ww + (fw * fw));
                }
            }

            var (between, within) = (bb > 0 ? Math.Clamp(-ub / bb, 0, 1) : 0, ww > 0 ? Math.Clamp(-uw / ww, 0, 1) : 0);

            // What is left beyond the residual variance and the clean estimates' errors (as the regression leaves them): a
            // part each rating has (κ²) and one shared by a person's ratings (τ²). E[v̄²] over a rater's people is
            // τ² + κ²·mean(1/n), E[v²] is τ² + κ²: with one rating per person the two cannot be told apart, and all of it
            // counts as each rating's.
            double total = 0, shared = 0, reciprocal = 0;
            var count = 0;
            foreach (var (ratee, list, level) in pairs)
            {
                var positions = list.Select(x => x.Row.Position).ToList();
                var meanError = people.MeanCovariance(ratings.Ratees[ratee], positions);
                var sum = 0.0;
                foreach (var (row, u) in list)
                {
                    var v = u + (between * (level - centre)) + (within * (row.Clean.Estimate - level));
                    var se = row.Clean.StandardError;
                    total += (v * v) - residual - ((1 - within) * (1 - within) * se * se) - ((within - between) * (within - between) * meanError);
                    sum += v;
                    count++;
                }

                var n = list.Count;
                var mean = sum / n;
                shared += (mean * mean) - (residual / n) - ((1 - between) * (1 - between) * meanError);
                reciprocal += 1.0 / n;
            }

            (total, shared, reciprocal) = (total / count, shared / pairs.Count, reciprocal / pairs.Count);
            var tau = reciprocal < 1 ? Math.Max(0, (shared - (reciprocal * total)) / (1 - reciprocal)) : 0;

            // Each rating's part can be negative down to −σ²: a rater who compresses the scale compresses their noise too.
            measured[ratings.Raters[byRater.Key]] = new(between, within, tau, Math.Max(-residual, total - tau));
        }

        return measured;
    }

    /// <summary>
    /// <paramref name="fit"/> with the standard errors and error correlations of each person in <paramref name="people"/>
    /// widened by the style errors of the flagged raters whose ratings of them <paramref name="ratings"/> (the ratings it
    /// was fitted to) holds; estimates, reliabilities and everyone else unchanged. Null when there was nothing to widen.
    /// </summary>
    public static CalibrationResult? Widen(CalibrationResult fit, RatingSet ratings, IReadOnlyDictionary<RaterId, StyleError> errors, IEnumerable<RateeId> people)
    {
        if (errors.Count == 0 || fit.VarianceOf(VarianceComponent.Residual) is not (double residual and > 0))
        {
            return null;
        }

        var lookup = new PersonErrors(fit);
        var prior = new Prior(fit.VarianceOf(VarianceComponent.Ratee) ?? 0, fit.VarianceOf(VarianceComponent.RateeCompetency) ?? 0, fit.Crossed?.PersonEffectPerDomain == true,
            ratings.Model.Competencies.ToDictionary(c => c.Id, c => c.Domain));
        var widened = new Dictionary<RateeId, (ImmutableArray<CompetencyEstimate> Estimates, EstimateCorrelations? Posterior, EstimateCorrelations? Conditional)>();
        var wanted = people.ToHashSet();
        for (int start = 0, end; start < ratings.Count; start = end)
        {
            var ratee = ratings.RateeIndices[start];
            for (end = start; end < ratings.Count && ratings.RateeIndices[end] == ratee; end++)
            {
            }

            var person = ratings.Ratees[ratee];
            if (!wanted.Contains(person) || !lookup.TryGet(person, out var estimates))
            {
                continue;
            }

            // The flagged raters' ratings of the person, per competency in the order of their estimates.
            var counts = new Dictionary<RaterId, double[]>();
            for (var i = start; i < end; i++)
            {
                var rater = ratings.Raters[ratings.RaterIndices[i]];
                if (ratings.Sources[i] == RaterSource.Self || !errors.ContainsKey(rater)
                    || !lookup.TryFind(person, ratings.Model.Competencies[ratings.CompetencyIndices[i]].Id, out var position, out _))
                {
                    continue;
                }

                if (!counts.TryGetValue(rater, out var n))
                {
                    counts[rater] = n = new double[estimates.Length];
                }

                n[position]++;
            }

            if (counts.Count > 0)
            {
                widened[person] = Widened(estimates, fit.ErrorCorrelations(person), fit.ConditionalErrorCorrelations(person), counts.Select(c => (errors[c.Key], c.Value)), residual, prior);
            }
        }

        return widened.Count == 0 ? null : fit.WithErrorsOf(widened, $"the standard errors of the {widened.Count} people who kept a flagged rater's ratings widened by those raters' style errors");
    }

    private static (ImmutableArray<CompetencyEstimate> Estimates, EstimateCorrelations? Posterior, EstimateCorrelations? Conditional) Widened(
        ImmutableArray<CompetencyEstimate> estimates,
        EstimateCorrelations? posterior,
        EstimateCorrelations? conditional,
        IEnumerable<(StyleError Error, double[] Counts)> raters,
        double residual,
        Prior prior)
    {
        var k = estimates.Length;
        var sigma = Matrix.Build.Dense(k, k, (i, j) => estimates[i].StandardError * estimates[j].StandardError * (i == j ? 1 : posterior?[i, j] ?? 0));
        var levels = Matrix.Build.Dense(k, k, (i, j) => prior.Covariance(estimates[i].Competency, estimates[j].Competency, i == j));
        Matrix added = Matrix.Build.Dense(k, k), withLevels = Matrix.Build.Dense(k, k);
        foreach (var (error, n) in raters)
        {
            // e' = e + M·L·θ − M·η with M = Σ·diag(n)/σ² (how the estimates move with the rater's ratings) and L the style
            // (δ = −L·θ + η on the competencies they rated); Cov(e, θ) = Σ, Var(θ) as the components say.
            var rated = Enumerable.Range(0, k).Where(c => n[c] > 0).ToArray();
            var style = Matrix.Build.Dense(k, k);
            foreach (var c in rated)
            {
                foreach (var j in rated)
                {
                    style[c, j] = ((error.Between - error.Within) / rated.Length) + (c == j ? error.Within : 0);
                }
            }

            var counts = Matrix.Build.Diagonal(n);
            var move = sigma * counts / residual;
            var bias = move * style;
            var a = move * Vector.Build.Dense(k, 1);
            added += (bias * levels * bias.Transpose()) + (bias * sigma) + (sigma * bias.Transpose())
                + (error.PerRating * sigma * counts * sigma / (residual * residual)) + (error.Shared * a.OuterProduct(a));
            withLevels += bias * levels;
        }

        // Given the true levels (the intervals' frame), the unshrunk estimate U = m + (θ̂ − m)/R is off by
        // (R⁻¹(B − M·L) − I)(θ − m) over people, B = I − Σ·Var(θ)⁻¹ the honest shrinkage: what the style adds to its
        // covariance is R⁻¹(A + M·L·P·(R − I) + (R − I)·P·Lᵀ·Mᵀ)R⁻¹, A the posterior's addition — less than A/R², because
        // undoing the shrinkage also undoes part of the style's pull.
        var r = Matrix.Build.Diagonal(k, k, i => estimates[i].Reliability);
        var inverse = Matrix.Build.Diagonal(k, k, i => 1 / estimates[i].Reliability);
        var identity = Matrix.Build.DenseIdentity(k);
        var given = inverse * (added + (withLevels * (r - identity)) + ((r - identity) * withLevels.Transpose())) * inverse;

        // The terms are covariances when the components' Var(θ) exceeds Σ, as the fit's own do; estimated slopes could
        // still take a variance below the fit's, which a rater's style never does.
        for (var i = 0; i < k; i++)
        {
            added[i, i] = Math.Max(0, added[i, i]);
        }

        // The intervals rest on the unshrunk estimate's standard deviation, SE/√reliability, which the widened SE carries
        // (the bias given the true levels asked for less than that on 2 of 29,000 estimates of simulated assessment centres
        // and 360°s, so the reliability is left as it is); their correlations get the covariance that bias adds.
        var variances = new double[k];
        var unshrunk = new double[k];
        var result = ImmutableArray.CreateBuilder<CompetencyEstimate>(k);
        for (var i = 0; i < k; i++)
        {
            var e = estimates[i];
            variances[i] = sigma[i, i] + added[i, i];
            unshrunk[i] = variances[i] / e.Reliability;
            result.Add(new CompetencyEstimate(e.Person, e.Competency, e.Estimate, Math.Sqrt(variances[i]), e.Ratings, e.Raters, e.Reliability, e.ShrunkToward));
        }

        double Given(int i, int j) => (estimates[i].UnshrunkStandardError * estimates[j].UnshrunkStandardError * (conditional?[i, j] ?? 0)) + given[i, j];
        return (result.MoveToImmutable(),
            posterior is null ? null : EstimateCorrelations.FromCovariances(variances, (i, j) => sigma[i, j] + added[i, j]),
            conditional is null ? null : EstimateCorrelations.FromCovariances(unshrunk, Given));
    }

    /// <summary>The covariance of a person's true levels on two competencies, as the fit's components say.</summary>
    private sealed record Prior(double Person, double Cell, bool PerDomain, Dictionary<CompetencyId, CompetencyDomain> Domains)
    {
        public double Covariance(CompetencyId a, CompetencyId b, bool same) =>
            (!PerDomain || Domains[a] == Domains[b] ? Person : 0) + (same ? Cell : 0);
    }

    /// <summary>A fit's estimates by person, with each person's error covariances.</summary>
    private sealed class PersonErrors
    {
        private readonly CalibrationResult _fit;
        private readonly Dictionary<RateeId, (int Start, int Count)> _people = [];
        private readonly Dictionary<(RateeId, CompetencyId), int> _positions = [];

        public PersonErrors(CalibrationResult fit)
        {
            _fit = fit;
            var estimates = fit.Estimates;
            for (int start = 0, end; start < estimates.Length; start = end)
            {
                for (end = start; end < estimates.Length && estimates[end].Person == estimates[start].Person; end++)
                {
                    _positions[(estimates[end].Person, estimates[end].Competency)] = end - start;
                }

                _people[estimates[start].Person] = (start, end - start);
            }
        }

        public bool TryGet(RateeId person, out ImmutableArray<CompetencyEstimate> estimates)
        {
            var found = _people.TryGetValue(person, out var run);
            estimates = found ? _fit.Estimates.Slice(run.Start, run.Count) : [];
            return found;
        }

        public bool TryFind(RateeId person, CompetencyId competency, out int position, [NotNullWhen(true)] out CompetencyEstimate? estimate)
        {
            estimate = _positions.TryGetValue((person, competency), out position) ? _fit.Estimates[_people[person].Start + position] : null;
            return estimate is not null;
        }

        /// <summary>The variance of the mean error of the person's estimates at <paramref name="positions"/> (errors uncorrelated when the fit gives no correlations).</summary>
        public double MeanCovariance(RateeId person, List<int> positions)
        {
            TryGet(person, out var estimates);
            var correlations = _fit.ErrorCorrelations(person);

            var sum = 0.0;
            foreach (var i in positions)
            {
                foreach (var j in positions)
                {
                    sum += estimates[i].StandardError * estimates[j].StandardError * (i == j ? 1 : correlations?[i, j] ?? 0);
                }
            }

            return sum / (positions.Count * positions.Count);
        }
    }
}
