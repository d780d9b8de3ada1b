using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MathNet.Numerics.Distributions;
using Readiness.Calibration;
using Readiness.Competencies;
using Readiness.Evidence;
using Readiness.Scoring;
using static Readiness.Competencies.LeadershipFramework;

namespace Readiness.Core.Tests.Scoring;

/// <summary>
/// P(ready now), P(ready within the near term) and the expected gaps: against closed forms where the rule allows one, and
/// their laws over generated profiles, estimates, standard errors and error correlations.
/// </summary>
public sealed class ReadinessProbabilityTests
{
    /// <summary>The draws' accuracy on a probability: 1,021 lattice points estimate a smooth one-dimensional probability to about 1e-3.</summary>
    private const double DrawTolerance = 0.004;

    [Theory]
    [InlineData(4.0, 0.2)]
    [InlineData(3.8, 0.3)]
    [InlineData(3.5, 0.25)]
    [InlineData(4.4, 0.5)]
    public void One_requirement_has_the_normal_tail_beyond_its_ready_now_threshold(double estimate, double se)
    {
        // Target 4 on 1–5: ready now needs index ≥ 90 (θ ≥ 1 + 0.9·3 = 3.7) and at most 0.5 years at 0.5 a year (θ ≥ 3.75);
        // ready within 2 years needs θ ≥ 3 and index ≥ 50 (θ ≥ 2.5).
        // Without correlations (errors moving together) the chances are exact; with them they come from the draws.
        var profile = Profile((Delegates, 4, 1, null));
        var exact = new ReadinessScorer().Score(Candidate([(Delegates, estimate, se)]), profile);
        var drawn = new ReadinessScorer().Score(Candidate([(Delegates, estimate, se)], correlation: 1), profile);

        Assert.Equal(1 - Normal.CDF(estimate, se, 3.75), exact.ProbabilityReadyNow!.Value, 1e-9);
        Assert.Equal(1 - Normal.CDF(estimate, se, 3.0), exact.ProbabilityReadyNearTerm!.Value, 1e-9);
        Assert.Equal(1 - Normal.CDF(estimate, se, 3.75), drawn.ProbabilityReadyNow!.Value, DrawTolerance);
        Assert.Equal(1 - Normal.CDF(estimate, se, 3.0), drawn.ProbabilityReadyNearTerm!.Value, DrawTolerance);
    }

    [Property(MaxTest = 150)]
    public Property Without_correlations_the_band_follows_the_exact_probabilities_and_the_batch_agrees() =>
        Prop.ForAll(Cases.ToArbitrary(), Policies.ToArbitrary(), Gen.Choose(50, 99).ToArbitrary(), (c, policy, confidence) =>
        {
            var scorer = new ReadinessScorer(new ScoringOptions { Policy = policy, BandConfidence = confidence / 100.0 });
            var a = scorer.Score(Together(c.Profile, c.X, c.Se), c.Profile);
            var (now, nearTerm) = (a.ProbabilityReadyNow!.Value, a.ProbabilityReadyNearTerm!.Value);

            // The band is decided at the Φ⁻¹(confidence) lower ends, the probabilities from the rule's thresholds in closed
            // form: they can part only within rounding of a band's edge.
            bool Near(double p) => Math.Abs(p - scorer.Options.BandConfidence) < 1e-9;
            Assert.True(Near(now) || (now >= scorer.Options.BandConfidence) == (a.Band == ReadinessBand.ReadyNow), $"P(ready now) {now}, band {a.Band}");
            Assert.True(Near(nearTerm) || (nearTerm >= scorer.Options.BandConfidence) == (a.Band <= ReadinessBand.ReadyIn1To2Years), $"P(near term) {nearTerm}, band {a.Band}");

            var (bands, readyNow, readyNearTerm) = (new ReadinessBand[1], new double[1], new double[1]);
            scorer.ScoreBatch(c.Profile, c.X, c.Se, new double[1], new double[1], new double[1], bands, readyNow, readyNearTerm);
            Assert.Equal(a.Band, bands[0]);
            Assert.Equal(now, readyNow[0]);
            Assert.Equal(nearTerm, readyNearTerm[0]);
        });

    [Property(MaxTest = 200)]
    public Property Exact_chances_are_where_a_bisection_over_the_common_error_finds_the_band_change() =>
        Prop.ForAll(Cases.ToArbitrary(), Policies.ToArbitrary(), (c, policy) =>
        {
            var a = new ReadinessScorer(new ScoringOptions { Policy = policy }).Score(Together(c.Profile, c.X, c.Se), c.Profile);

            // The reference: the band of true levels x + z·se known exactly, bisected in z to 1e-13.
            var exactly = new ReadinessScorer(new ScoringOptions { Policy = policy, BandBasis = BandBasis.PointEstimate });
            var none = new double[c.X.Length];
            ReadinessBand BandAt(double z) => exactly.Score(Together(c.Profile, [.. c.X.Select((x, j) => x + (z * c.Se[j]))], none), c.Profile).Band;
            double Reaching(ReadinessBand band)
            {
                var (below, above) = (-8.5, 8.5);
                if (BandAt(below) <= band)
                {
                    return 1;
                }

                if (BandAt(above) > band)
                {
                    return 0;
                }

                while (above - below > 1e-13)
                {
                    var middle = 0.5 * (below + above);
                    (below, above) = BandAt(middle) <= band ? (below, middle) : (middle, above);
                }

                return Normal.CDF(0, 1, -above);
            }

            Assert.Equal(Reaching(ReadinessBand.ReadyNow), a.ProbabilityReadyNow!.Value, 1e-9);
            Assert.Equal(Reaching(ReadinessBand.ReadyIn1To2Years), a.ProbabilityReadyNearTerm!.Value, 1e-9);
        });

    [Theory]
    [InlineData(3.75, 1.0, 1.0)]   // exactly half a year (at 0.5 points a year) from the target: the edge counts as ready
    [InlineData(3.7499, 0.0, 1.0)]
    [InlineData(3.0, 0.0, 1.0)]    // exactly two years away: the near-term edge
    [InlineData(2.9999, 0.0, 0.0)]
    public void An_estimate_known_exactly_is_ready_or_not_with_certainty_on_the_rules_edge_too(double estimate, double readyNow, double nearTerm)
    {
        // Five requirements: the last block of four overlaps the first. The other four are far past their targets (the
        // overshoot cap keeps the index from carrying delegation), so the time to ready decides.
        var profile = Profile((ManagesConflict, 4, 1, null), (DeliversResults, 4, 1, null), (SetsClearExpectations, 4, 1, null), (BuildsTrust, 4, 1, null), (Delegates, 4, 1, null));
        var a = new ReadinessScorer().Score(
            Candidate([(ManagesConflict, 5, 0.2), (DeliversResults, 5, 0.2), (SetsClearExpectations, 5, 0.2), (BuildsTrust, 5, 0.2), (Delegates, estimate, 0)]), profile);

        Assert.Equal(readyNow, a.ProbabilityReadyNow!.Value, 1e-6);
        Assert.Equal(nearTerm, a.ProbabilityReadyNearTerm!.Value, 1e-6);
    }

    [Fact]
    public void Between_equal_chances_of_ready_now_the_better_chance_within_two_years_ranks_first_whatever_the_shortfall()
    {
        // A is close on conflict and 1.05 short on delegation (two years at 0.5 a year is 1.0): small shortfall, P(2y) 0.29.
        // B is 0.7 short on delegation and exactly two years short on conflict: larger shortfall, P(2y) 0.5.
        var profile = Profile((Delegates, 4, 1, null), (ManagesConflict, 4, 1, null));
        var scorer = new ReadinessScorer();
        var a = scorer.Score(Candidate([(Delegates, 2.95, 0.09), (ManagesConflict, 4.0, 0.09)], id: "A"), profile);
        var b = scorer.Score(Candidate([(Delegates, 3.3, 0.4), (ManagesConflict, 3.0, 0.05)], id: "B"), profile);

        Assert.Equal((0.0, 0.0), (a.ProbabilityReadyNow!.Value, b.ProbabilityReadyNow!.Value));
        Assert.Equal((ReadinessBand.ReadyIn3PlusYears, ReadinessBand.ReadyIn3PlusYears), (a.Band, b.Band));
        Assert.True(a.ExpectedShortfall < b.ExpectedShortfall);
        Assert.Equal(Normal.CDF(0, 1, -0.05 / 0.09), a.ProbabilityReadyNearTerm!.Value, 1e-9);
        Assert.Equal(0.5, b.ProbabilityReadyNearTerm!.Value, 1e-9);
        Assert.Equal(["B", "A"], new[] { a, b }.Order(ReadinessAssessment.MostReadyFirst).Select(x => x.Person.Value));
    }

    [Fact]
    public void The_batch_refuses_probability_outputs_of_the_wrong_length_naming_both()
    {
        var profile = Profile((Delegates, 4, 1, null));
        var e = Assert.Throws<ArgumentException>(() => new ReadinessScorer().ScoreBatch(
            profile, [3.0, 4.0], [0.2, 0.2], new double[2], new double[2], new double[2], new ReadinessBand[2], new double[2], new double[1]));
        Assert.Equal("probabilityReadyNow", e.ParamName);
        Assert.StartsWith("Shapes disagree: 2 candidates need 2 probabilities of each kind (or none); got 2 for ready now and 1 for the near term.", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.6)]
    [InlineData(1.0)]
    public void Two_requirements_meet_the_rule_together_as_their_correlation_says(double correlation)
    {
        // Ready now needs both within 0.25 of their targets (0.5 years at 0.5 a year); the index threshold is met then.
        var profile = Profile((Delegates, 4, 1, null), (ManagesConflict, 4, 1, null));
        var candidate = Candidate([(Delegates, 3.9, 0.2), (ManagesConflict, 4.0, 0.3)], correlation);
        var a = new ReadinessScorer().Score(candidate, profile);

        var (z1, z2) = ((3.75 - 3.9) / 0.2, (3.75 - 4.0) / 0.3);
        var expected = correlation switch
        {
            0.0 => (1 - Normal.CDF(0, 1, z1)) * (1 - Normal.CDF(0, 1, z2)),
            1.0 => 1 - Normal.CDF(0, 1, Math.Max(z1, z2)),
            _ => BothAbove(z1, z2, correlation),
        };
        Assert.Equal(expected, a.ProbabilityReadyNow!.Value, 0.01);
    }

    [Fact]
    public void Expected_gaps_are_the_normal_partial_expectations_in_index_points()
    {
        var profile = Profile((Delegates, 4, 3, null), (ManagesConflict, 3, 1, null));
        var a = new ReadinessScorer().Score(Candidate([(Delegates, 3.8, 0.3), (ManagesConflict, 3.4, 0.2)]), profile);

        // E[max(0, t − θ)] for θ ~ N(x, s²): (t − x)Φ(d) + s φ(d), d = (t − x)/s; weighted by w/(t − 1) × 100.
        static double Below(double t, double x, double s) => ((t - x) * Normal.CDF(0, 1, (t - x) / s)) + (s * Normal.PDF(0, 1, (t - x) / s));
        var shortfall = (100 * 0.75 / 3 * Below(4, 3.8, 0.3)) + (100 * 0.25 / 2 * Below(3, 3.4, 0.2));
        var surplus = (100 * 0.75 / 3 * (Below(4, 3.8, 0.3) - 0.2)) + (100 * 0.25 / 2 * (Below(3, 3.4, 0.2) + 0.4));
        Assert.Equal(shortfall, a.ExpectedShortfall!.Value, 12);
        Assert.Equal(surplus, a.ExpectedSurplus!.Value, 12);
    }

    [Fact]
    public void Candidates_the_index_ties_at_its_ceiling_are_told_apart_and_ranked_by_their_chances()
    {
        var profile = Profile((Delegates, 3.5, 1, null), (ManagesConflict, 3.5, 1, null));
        ReadinessCandidate[] cohort =
        [
            Candidate([(Delegates, 4.5, 0.3), (ManagesConflict, 4.5, 0.3)], id: "A"),
            Candidate([(Delegates, 4.0, 0.3), (ManagesConflict, 4.0, 0.3)], id: "B"),
            Candidate([(Delegates, 4.0, 0.1), (ManagesConflict, 4.0, 0.1)], id: "C"),
            Candidate([(Delegates, 3.6, 0.1), (ManagesConflict, 4.5, 0.1)], id: "D"),
        ];
        var scored = new ReadinessScorer().ScoreCohort(cohort, profile);

        // Every target passed by more than the 10% overshoot cap: A, B and C all score the ceiling, 110.
        Assert.Equal([110, 110, 110, 107], scored.Select(a => Math.Round(a.Index!.Value, 9)));
        Assert.Equal(["C", "A", "D", "B"], scored.Order(ReadinessAssessment.MostReadyFirst).Select(a => a.Person.Value));
        Assert.Equal(4, scored.Select(a => (a.ProbabilityReadyNow, a.ExpectedShortfall)).Distinct().Count());
    }

    [Fact]
    public void Without_correlations_the_interval_is_the_index_at_the_interval_ends_and_with_them_it_comes_from_the_draws()
    {
        var profile = Profile((Delegates, 4, 1, null), (ManagesConflict, 4, 1, null));
        var together = new ReadinessScorer().Score(Candidate([(Delegates, 3.2, 0.3), (ManagesConflict, 3.0, 0.3)]), profile);
        var independent = new ReadinessScorer().Score(Candidate([(Delegates, 3.2, 0.3), (ManagesConflict, 3.0, 0.3)], correlation: 0), profile);

        var z = Normal.InvCDF(0, 1, 0.95);
        Assert.Equal(100 * (((3.2 - (z * 0.3) - 1) / 3 / 2) + ((3.0 - (z * 0.3) - 1) / 3 / 2)), together.Lower!.Value, 9);

        // Independent errors half cancel in the average: the interval narrows by about √2.
        var ratio = (together.Upper!.Value - together.Lower.Value) / (independent.Upper!.Value - independent.Lower!.Value);
        Assert.InRange(ratio, Math.Sqrt(2) - 0.05, Math.Sqrt(2) + 0.05);
    }

    /// <summary>A profile, estimates, standard errors and one-factor error correlations r_ij = λ_i λ_j (positive semi-definite by construction).</summary>
    private static Gen<(RoleProfile Profile, double[] X, double[] Se, double[] Loadings)> Cases =>
        from profile in ModelGenerators.Profile
        let k = profile.Requirements.Length
        from x in Gen.ArrayOf(Gen.Choose(0, 1000), k)
        from se in Gen.ArrayOf(Gen.Choose(0, 600), k)
        from loadings in Gen.ArrayOf(Gen.Choose(-1000, 1000), k)
        let scale = profile.Model.Scale
        select (profile, x.Select(v => scale.Minimum + ((scale.Maximum - scale.Minimum) * v / 1000.0)).ToArray(), se.Select(v => v / 1000.0).ToArray(),
            loadings.Select(v => v / 1000.0).ToArray());

    private static Gen<ScoringPolicy> Policies => Gen.Elements(ScoringPolicy.Hybrid, ScoringPolicy.Compensatory, ScoringPolicy.Conjunctive);

    [Property(MaxTest = 150)]
    public Property Probabilities_are_ordered_and_never_fall_when_an_estimate_rises() =>
        Prop.ForAll(Cases.ToArbitrary(), Policies.ToArbitrary(), Gen.Choose(1, 1000).ToArbitrary(), (c, policy, step) =>
        {
            var scorer = new ReadinessScorer(new ScoringOptions { Policy = policy });
            var before = scorer.Score(Candidate(c.Profile, c.X, c.Se, c.Loadings), c.Profile);
            Assert.InRange(before.ProbabilityReadyNow!.Value, 0, before.ProbabilityReadyNearTerm!.Value);
            Assert.InRange(before.ProbabilityReadyNearTerm.Value, 0, 1);
            Assert.True(before.ExpectedShortfall >= 0 && before.ExpectedSurplus >= 0);
            var scale = c.Profile.Model.Scale;
            for (var j = 0; j < c.X.Length; j++)
            {
                var higher = (double[])c.X.Clone();
                higher[j] = Math.Min(scale.Maximum, higher[j] + ((scale.Maximum - scale.Minimum) * step / 1000.0));
                var after = scorer.Score(Candidate(c.Profile, higher, c.Se, c.Loadings), c.Profile);
                Assert.True(after.ProbabilityReadyNow >= before.ProbabilityReadyNow && after.ProbabilityReadyNearTerm >= before.ProbabilityReadyNearTerm,
                    $"raising {c.Profile.Requirements[j].Competency.Id} lowered a probability");
                Assert.True(after.ExpectedShortfall <= before.ExpectedShortfall + 1e-9, "raising an estimate raised the expected shortfall");
            }
        });

    [Property(MaxTest = 150)]
    public Property Under_the_probability_basis_the_band_is_the_best_one_reached_with_the_stated_confidence() =>
        Prop.ForAll(Cases.ToArbitrary(), Policies.ToArbitrary(), Gen.Choose(50, 99).ToArbitrary(), (c, policy, confidence) =>
        {
            var options = new ScoringOptions { Policy = policy, BandBasis = BandBasis.Probability, BandConfidence = confidence / 100.0 };
            var a = new ReadinessScorer(options).Score(Candidate(c.Profile, c.X, c.Se, c.Loadings), c.Profile);
            var (now, nearTerm) = (a.ProbabilityReadyNow!.Value, a.ProbabilityReadyNearTerm!.Value);
            Assert.Equal(now >= options.BandConfidence, a.Band == ReadinessBand.ReadyNow);
            Assert.Equal(nearTerm >= options.BandConfidence, a.Band <= ReadinessBand.ReadyIn1To2Years);
        });

    [Property(MaxTest = 200)]
    public Property Candidates_whose_estimates_differ_are_never_tied() =>
        Prop.ForAll(Cases.ToArbitrary(), Gen.Choose(1, 1000).ToArbitrary(), Gen.Choose(0, 100).ToArbitrary(), (c, step, which) =>
        {
            // Raise one requirement with a weight that counts (not one lost in rounding next to the others, like 1e-15) and a
            // target above the scale minimum: the numbers that rank must differ.
            var j = which % c.X.Length;
            var scale = c.Profile.Model.Scale;
            var r = c.Profile.Requirements[j];
            var higher = (double[])c.X.Clone();
            higher[j] = Math.Min(scale.Maximum, higher[j] + ((scale.Maximum - scale.Minimum) * step / 1000.0));
            if (r.Weight.Fraction < 1e-6 || r.Target <= scale.Minimum || higher[j] == c.X[j])
            {
                return;
            }

            var scorer = new ReadinessScorer();
            var a = scorer.Score(Candidate(c.Profile, c.X, c.Se, c.Loadings), c.Profile);
            var b = scorer.Score(Candidate(c.Profile, higher, c.Se, c.Loadings), c.Profile);
            Assert.True(ReadinessAssessment.MostReadyFirst.Compare(b, a) < 0,
                $"raising {r.Competency.Id} from {c.X[j]} to {higher[j]} (target {r.Target}, weight {r.Weight.Fraction}, se {c.Se[j]}) did not rank the candidate higher: " +
                $"{a.Band}/{b.Band}, P {a.ProbabilityReadyNow}/{b.ProbabilityReadyNow}, shortfall {a.ExpectedShortfall}/{b.ExpectedShortfall}, surplus {a.ExpectedSurplus}/{b.ExpectedSurplus}");
        });

    [Property(MaxTest = 150)]
    public Property Past_every_target_a_wider_standard_error_never_raises_the_chance_of_being_ready_now() =>
        Prop.ForAll(Cases.ToArbitrary(), Policies.ToArbitrary(), (from above in Gen.Choose(0, 100) from extra in Gen.Choose(1, 500) select (above, extra)).ToArbitrary(), (c, policy, change) =>
        {
            var (above, extra) = change;
            // Errors moving together: θ = x + z·se. Past every target the rule holds for every z ≥ 0, and for z < 0 a wider
            // standard error only lowers θ — so the chance can only fall.
            var scale = c.Profile.Model.Scale;
            var met = c.Profile.Requirements.Select(r => Math.Min(scale.Maximum, r.Target + ((scale.Maximum - r.Target) * above / 100.0))).ToArray();
            var scorer = new ReadinessScorer(new ScoringOptions { Policy = policy });
            var before = scorer.Score(Together(c.Profile, met, c.Se), c.Profile).ProbabilityReadyNow!.Value;
            for (var j = 0; j < met.Length; j++)
            {
                var wider = (double[])c.Se.Clone();
                wider[j] += extra / 1000.0;
                var after = scorer.Score(Together(c.Profile, met, wider), c.Profile).ProbabilityReadyNow!.Value;
                Assert.True(after <= before + 1e-12, $"widening {c.Profile.Requirements[j].Competency.Id}'s standard error raised P(ready now) {before} → {after}");
            }
        });

    [Property(MaxTest = 60)]
    public Property Cohort_ranks_and_their_ranges_do_not_depend_on_the_input_order() =>
        Prop.ForAll(Gen.ListOf(Cases).Where(l => l.Count > 0).Select(l => l.ToArray()).ToArbitrary(), Gen.Choose(0, int.MaxValue).ToArbitrary(), (cases, seed) =>
        {
            var (profile, cohort, shuffled) = Cohort(cases, seed);
            var scorer = new ReadinessScorer();
            var original = scorer.ScoreCohort(cohort, profile).ToDictionary(a => a.Person, a => (a.CohortRank, a.RankLow, a.RankHigh));
            foreach (var a in scorer.ScoreCohort(shuffled, profile))
            {
                Assert.Equal(original[a.Person], (a.CohortRank, a.RankLow, a.RankHigh));
                Assert.True(a.IsScored ? a.RankLow <= a.CohortRank && a.CohortRank <= a.RankHigh : a.CohortRank is null);
            }
        });

    [Property(MaxTest = 100)]
    public Property Ranking_does_not_depend_on_the_input_order() =>
        Prop.ForAll(Gen.ListOf(Cases).Where(l => l.Count > 0).Select(l => l.ToArray()).ToArbitrary(), Gen.Choose(0, int.MaxValue).ToArbitrary(), (cases, seed) =>
        {
            var (profile, cohort, shuffled) = Cohort(cases, seed);
            var scorer = new ReadinessScorer();
            var ranked = cohort.Select(c => scorer.Score(c, profile)).Order(ReadinessAssessment.MostReadyFirst).Select(a => a.Person).ToArray();
            Assert.Equal(ranked, shuffled.Select(c => scorer.Score(c, profile)).Order(ReadinessAssessment.MostReadyFirst).Select(a => a.Person));
        });

    /// <summary>A cohort from the cases whose profile has the first case's size (scored against the first profile), and the same cohort shuffled.</summary>
    private static (RoleProfile Profile, ReadinessCandidate[] Cohort, ReadinessCandidate[] Shuffled) Cohort(
        (RoleProfile Profile, double[] X, double[] Se, double[] Loadings)[] cases, int seed)
    {
        var profile = cases[0].Profile;
        var cohort = cases.Where(c => c.Profile.Requirements.Length == profile.Requirements.Length)
            .Select((c, i) => Candidate(profile, c.X, c.Se, c.Loadings, $"P{i:000}"))
            .ToArray();
        var shuffled = (ReadinessCandidate[])cohort.Clone();
        new Random(seed).Shuffle(shuffled);
        return (profile, cohort, shuffled);
    }

    /// <summary>P(Z₁ ≥ a, Z₂ ≥ b) for standard normals with correlation ρ, by numerical integration over Z₁.</summary>
    private static double BothAbove(double a, double b, double rho)
    {
        const int steps = 20_000;
        var (from, to) = (a, 9.0);
        var h = (to - from) / steps;
        var sum = 0.0;
        for (var i = 0; i < steps; i++)
        {
            var z = from + ((i + 0.5) * h);
            sum += Normal.PDF(0, 1, z) * (1 - Normal.CDF(0, 1, (b - (rho * z)) / Math.Sqrt(1 - (rho * rho))));
        }

        return sum * h;
    }

    private static RoleProfile Profile(params (string Competency, double Target, double Importance, double? Critical)[] requirements)
    {
        var builder = new RoleProfileBuilder("p", "P");
        foreach (var (competency, target, importance, critical) in requirements)
        {
            builder.Require(competency, target, importance, critical);
        }

        return builder.Build(Model);
    }

    /// <summary>A candidate with the given estimates; correlations all equal to <paramref name="correlation"/>, or none (the errors move together).</summary>
    private static ReadinessCandidate Candidate((string Competency, double Estimate, double Se)[] estimates, double? correlation = null, string id = "P1")
    {
        var k = estimates.Length;
        var correlations = correlation is { } r ? EstimateCorrelations.FromLowerTriangle(k, Enumerable.Repeat(r, k * (k - 1) / 2)) : null;
        return new ReadinessCandidate(new RateeId(id), estimates.Select(e => new CompetencyEstimate(new RateeId(id), e.Competency, e.Estimate, e.Se, 10, 5)),
            5, [RaterSource.Manager, RaterSource.Peer], errorCorrelations: correlations);
    }

    /// <summary>A candidate without error correlations: its estimates are taken to move together.</summary>
    private static ReadinessCandidate Together(RoleProfile profile, double[] x, double[] se) =>
        new(new RateeId("P1"), profile.Requirements.Select((r, j) => new CompetencyEstimate(new RateeId("P1"), r.Competency.Id, x[j], se[j], 10, 5)),
            5, [RaterSource.Manager, RaterSource.Peer]);

    private static ReadinessCandidate Candidate(RoleProfile profile, double[] x, double[] se, double[] loadings, string id = "P1")
    {
        var k = x.Length;
        var lower = new List<double>();
        for (var i = 1; i < k; i++)
        {
            for (var j = 0; j < i; j++)
            {
                lower.Add(loadings[i] * loadings[j]);
            }
        }

        return new ReadinessCandidate(new RateeId(id), profile.Requirements.Select((r, j) => new CompetencyEstimate(new RateeId(id), r.Competency.Id, x[j], se[j], 10, 5)),
            5, [RaterSource.Manager, RaterSource.Peer], errorCorrelations: EstimateCorrelations.FromLowerTriangle(k, lower));
    }
}
