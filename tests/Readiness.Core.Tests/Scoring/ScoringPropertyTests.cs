using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Readiness.Calibration;
using Readiness.Competencies;
using Readiness.Evidence;
using Readiness.Scoring;

namespace Readiness.Core.Tests.Scoring;

/// <summary>The laws of the readiness index, over random role profiles (random scales, targets, weights, critical minimums) and candidates.</summary>
public sealed class ScoringPropertyTests
{
    private static readonly RaterSource[] TwoSources = [RaterSource.Manager, RaterSource.Peer];

    private static Gen<ScoringPolicy> Policies => Gen.Elements(ScoringPolicy.Hybrid, ScoringPolicy.Compensatory, ScoringPolicy.Conjunctive);

    /// <summary>A profile, estimates on its scale (one per requirement) and standard errors.</summary>
    private static Gen<(RoleProfile Profile, double[] X, double[] Se)> Cases =>
        from profile in ModelGenerators.Profile
        from row in Rows(profile)
        select (profile, row.X, row.Se);

    /// <summary>Estimates on the profile's scale (one per requirement) and standard errors.</summary>
    private static Gen<(double[] X, double[] Se)> Rows(RoleProfile profile) =>
        from x in Gen.ArrayOf(Gen.Choose(0, 1000), profile.Requirements.Length)
        from se in Gen.ArrayOf(Gen.Choose(0, 1000), profile.Requirements.Length)
        let scale = profile.Model.Scale
        select (x.Select(v => scale.Minimum + ((scale.Maximum - scale.Minimum) * v / 1000.0)).ToArray(), se.Select(v => v / 1000.0).ToArray());

    [Property(MaxTest = 300)]
    public Property Index_is_within_0_and_its_overshoot_ceiling_inside_its_interval_and_equals_the_sum_of_its_contributions() =>
        Prop.ForAll(Cases.ToArbitrary(), Policies.ToArbitrary(), (c, policy) =>
        {
            var scorer = Scorer(policy);
            var a = scorer.Score(Candidate(c.Profile, c.X, c.Se), c.Profile);

            // Overshoot lifts the index past 100 by at most the cap (the weighted sum's rounding included); the conjunctive
            // minimum never passes 100.
            var ceiling = policy == ScoringPolicy.Conjunctive ? 100 : 100 * (1 + scorer.Options.OvershootCap);
            Assert.InRange(a.Index!.Value, 0, ceiling);
            Assert.InRange(a.Index.Value, a.Lower!.Value, a.Upper!.Value);
            Assert.InRange(a.Lower.Value, 0, ceiling);
            Assert.InRange(a.Upper.Value, 0, ceiling);
            Assert.Equal(a.Index.Value, a.Competencies.Sum(s => s.Contribution!.Value), 1e-9);
        });

    [Property(MaxTest = 300)]
    public Property Index_is_monotone_in_every_estimate() =>
        Prop.ForAll(Cases.ToArbitrary(), Policies.ToArbitrary(), Gen.Choose(1, 1000).ToArbitrary(), (c, policy, step) =>
        {
            var scorer = Scorer(policy);
            var before = scorer.Score(Candidate(c.Profile, c.X, c.Se), c.Profile);
            var scale = c.Profile.Model.Scale;
            for (var j = 0; j < c.X.Length; j++)
            {
                var higher = (double[])c.X.Clone();
                higher[j] = Math.Min(scale.Maximum, higher[j] + ((scale.Maximum - scale.Minimum) * step / 1000.0));
                var after = scorer.Score(Candidate(c.Profile, higher, c.Se), c.Profile);
                Assert.True(after.Index >= before.Index, $"raising {c.Profile.Requirements[j].Competency.Id} lowered the index {before.Index} → {after.Index}");
                Assert.True(after.Band <= before.Band, $"raising {c.Profile.Requirements[j].Competency.Id} worsened the band {before.Band} → {after.Band}");
            }
        });

    [Property(MaxTest = 200)]
    public Property Meeting_every_target_scores_100_and_passing_them_at_least_100_under_every_policy() =>
        Prop.ForAll(Cases.ToArbitrary(), Policies.ToArbitrary(), Gen.Choose(0, 100).ToArbitrary(), (c, policy, above) =>
        {
            var scale = c.Profile.Model.Scale;
            var met = c.Profile.Requirements.Select(r => Math.Min(scale.Maximum, r.Target + ((scale.Maximum - r.Target) * above / 100.0))).ToArray();
            var a = new ReadinessScorer(new ScoringOptions { Policy = policy, BandBasis = BandBasis.PointEstimate }).Score(Candidate(c.Profile, met, c.Se), c.Profile);
            if (above == 0)
            {
                Assert.Equal(100, a.Index);
            }
            else
            {
                Assert.InRange(a.Index!.Value, 100, policy == ScoringPolicy.Conjunctive ? 100 : 110);
            }

            Assert.Equal(0, a.YearsToReady);
            Assert.Equal(ReadinessBand.ReadyNow, a.Band);
        });

    /// <summary>A profile and 1–23 candidates' estimates and standard errors for it: whole blocks of four rows and leftovers.</summary>
    private static Gen<(RoleProfile Profile, (double[] X, double[] Se)[] Rows)> Batches =>
        from profile in ModelGenerators.Profile
        from n in Gen.Choose(1, 23)
        from rows in Gen.ArrayOf(Rows(profile), n)
        select (profile, rows);

    [Property(MaxTest = 300)]
    public Property Batch_path_equals_the_single_path_exactly() =>
        Prop.ForAll(Batches.ToArbitrary(), Policies.ToArbitrary(), Gen.Elements(BandBasis.PointEstimate, BandBasis.LowerBound, BandBasis.Probability).ToArbitrary(), (batch, policy, basis) =>
        {
            var scorer = new ReadinessScorer(new ScoringOptions { Policy = policy, BandBasis = basis });
            var (profile, rows) = batch;
            var estimates = rows.SelectMany(r => r.X).ToArray();
            var errors = rows.SelectMany(r => r.Se).ToArray();
            var (index, lower, upper, bands) = (new double[rows.Length], new double[rows.Length], new double[rows.Length], new ReadinessBand[rows.Length]);
            scorer.ScoreBatch(profile, estimates, errors, index, lower, upper, bands);
            for (var i = 0; i < rows.Length; i++)
            {
                var single = scorer.Score(Candidate(profile, rows[i].X, rows[i].Se), profile);
                Assert.Equal(BitConverter.DoubleToInt64Bits(single.Index!.Value), BitConverter.DoubleToInt64Bits(index[i]));
                Assert.Equal(BitConverter.DoubleToInt64Bits(single.Lower!.Value), BitConverter.DoubleToInt64Bits(lower[i]));
                Assert.Equal(BitConverter.DoubleToInt64Bits(single.Upper!.Value), BitConverter.DoubleToInt64Bits(upper[i]));
                Assert.Equal(single.Band, bands[i]);
            }
        });

    /// <summary>
    /// The batch path's transposition in registers (AVX, four lanes) and its portable gather (every other machine, Arm64's
    /// two lanes included) give the same vectors: the arithmetic after them is one code, so the batch scores alike everywhere.
    /// </summary>
    [Property(MaxTest = 200)]
    public Property The_batch_transposes_alike_on_every_machine() =>
        Prop.ForAll(Gen.Choose(1, 30).ToArbitrary(), Gen.Choose(0, int.MaxValue).ToArbitrary(), (k, seed) =>
        {
            var random = new Random(seed);
            var rows = Enumerable.Range(0, k * System.Numerics.Vector<double>.Count).Select(_ => (random.NextDouble() - 0.5) * 10).ToArray();
            var (fast, portable) = (new System.Numerics.Vector<double>[k], new System.Numerics.Vector<double>[k]);

            Readiness.Scoring.Internal.ProfileKernel.Transpose(rows, k, fast);
            Readiness.Scoring.Internal.ProfileKernel.Gather(rows, k, portable);

            for (var j = 0; j < k; j++)
            {
                for (var lane = 0; lane < System.Numerics.Vector<double>.Count; lane++)
                {
                    Assert.Equal(rows[(lane * k) + j], fast[j][lane]);
                    Assert.Equal(rows[(lane * k) + j], portable[j][lane]);
                }
            }
        });

    [Property(MaxTest = 200)]
    public Property Result_does_not_depend_on_the_order_of_competencies_or_of_candidates() =>
        Prop.ForAll(Gen.ListOf(Cases).Where(l => l.Count > 0).Select(l => l.ToArray()).ToArbitrary(), Gen.Choose(0, int.MaxValue).ToArbitrary(), (cases, seed) =>
        {
            var scorer = Scorer(ScoringPolicy.Hybrid);
            var profile = cases[0].Profile;
            var k = profile.Requirements.Length;
            var cohort = cases.Where(c => c.Profile.Requirements.Length == k)
                .Select((c, i) => Candidate(profile, c.X, c.Se, $"P{i:000}", performance: i % 7))
                .ToArray();
            var random = new Random(seed);
            var shuffled = cohort.Select(c => new ReadinessCandidate(c.Person, c.Estimates.OrderBy(_ => random.Next()), c.OtherRaters, c.Sources, c.Performance)).ToArray();
            random.Shuffle(shuffled);

            var original = scorer.ScoreCohort(cohort, profile).ToDictionary(a => a.Person);
            foreach (var a in scorer.ScoreCohort(shuffled, profile))
            {
                var b = original[a.Person];
                Assert.Equal(b.Index, a.Index);
                Assert.Equal((b.Lower, b.Upper, b.Band, b.Signals), (a.Lower, a.Upper, a.Band, a.Signals));
                Assert.Equal(b.Competencies.Select(s => s.Contribution), a.Competencies.Select(s => s.Contribution));
            }
        });

    [Property(MaxTest = 300)]
    public Property A_wider_standard_error_never_narrows_the_interval() =>
        Prop.ForAll(Cases.ToArbitrary(), Policies.ToArbitrary(), Gen.Choose(0, 1000).ToArbitrary(), (c, policy, extra) =>
        {
            var scorer = Scorer(policy);
            var narrow = scorer.Score(Candidate(c.Profile, c.X, c.Se), c.Profile);
            var wider = scorer.Score(Candidate(c.Profile, c.X, [.. c.Se.Select(s => s + (extra / 1000.0))]), c.Profile);
            Assert.True(wider.Lower <= narrow.Lower && wider.Upper >= narrow.Upper,
                $"[{narrow.Lower}, {narrow.Upper}] became [{wider.Lower}, {wider.Upper}]");
        });

    [Property(MaxTest = 300)]
    public Property A_critical_gap_always_caps_the_band() =>
        Prop.ForAll(Cases.ToArbitrary(), Policies.ToArbitrary(), Gen.Elements(BandBasis.PointEstimate, BandBasis.LowerBound, BandBasis.Probability).ToArbitrary(), (c, policy, basis) =>
        {
            var scorer = new ReadinessScorer(new ScoringOptions { Policy = policy, BandBasis = basis });
            var a = scorer.Score(Candidate(c.Profile, c.X, c.Se), c.Profile);
            var below = c.Profile.Requirements.Select((r, j) => r.CriticalMinimum is { } m && c.X[j] < m).Any(b => b);
            if (below)
            {
                Assert.True(a.Band >= scorer.Options.CriticalGapBand, $"band {a.Band} with a critical gap");
                Assert.True(a.Signals.HasFlag(ReadinessSignals.CriticalGap));
            }
        });

    [Property(MaxTest = 300)]
    public Property Insufficient_evidence_is_never_scored() =>
        Prop.ForAll(Cases.ToArbitrary(), (from r in Gen.Choose(0, 4) from s in Gen.Choose(0, 2) from d in Gen.Choose(0, 1) select (r, s, d)).ToArbitrary(), (c, e) =>
        {
            var (raters, sources, drop) = e;
            var estimates = Candidate(c.Profile, c.X, c.Se).Estimates.Skip(drop).ToArray();
            var candidate = new ReadinessCandidate(new RateeId("P1"), estimates, raters, TwoSources.Take(sources));
            var a = Scorer(ScoringPolicy.Hybrid).Score(candidate, c.Profile);
            // The documented rule: the weights with estimates must add up to MinimumCoverage (1), less a 1e-9 tolerance.
            var covered = c.Profile.Requirements.Skip(drop).Sum(r => r.Weight.Fraction) >= 1 - 1e-9;
            var sufficient = raters >= 3 && sources >= 2 && covered;
            Assert.Equal(sufficient, a.IsScored);
            Assert.Equal(sufficient, a.Evidence.IsSufficient);
            if (!sufficient)
            {
                Assert.Null(a.Index);
                Assert.Null(a.Lower);
                Assert.Equal(ReadinessBand.InsufficientEvidence, a.Band);
                Assert.NotEmpty(a.Evidence.Missing);
                Assert.All(a.Competencies, s => Assert.Null(s.Contribution));
            }
        });

    private static ReadinessScorer Scorer(ScoringPolicy policy) => new(new ScoringOptions { Policy = policy });

    private static ReadinessCandidate Candidate(RoleProfile profile, double[] x, double[] se, string id = "P1", double? performance = null) =>
        new(
            new RateeId(id),
            profile.Requirements.Select((r, j) => new CompetencyEstimate(new RateeId(id), r.Competency.Id, x[j], se[j], 10, 5)),
            5,
            TwoSources,
            performance);
}
