using Readiness.Calibration;
using Readiness.Competencies;
using Readiness.Evidence;
using Readiness.Pipeline;
using Readiness.Scoring;
using Readiness.Simulation;
using Xunit.Abstractions;
using static Readiness.Competencies.LeadershipFramework;

namespace Readiness.Core.Tests.Scoring;

/// <summary>
/// Among candidates given P(ready now) ≈ p, a share ≈ p truly meets the ready-now rule: the simulator's truth against the
/// stated probabilities (a reliability diagram and the Brier score), with its rater styles on, through the pipeline with its
/// defaults (styled raters set aside unless a person needs them for the evidence rules, a person effect per domain).
/// </summary>
public sealed class ProbabilityCalibrationTests(ITestOutputHelper output)
{
    [Fact]
    [Trait("Category", "Slow")]
    public void Stated_probabilities_of_ready_now_match_the_share_truly_ready()
    {
        // The built-in targets leave about one person in a thousand truly ready; 0.8 lower, enough are near ready to tell.
        var builder = new RoleProfileBuilder("flm-lower", "First-line manager, targets 0.8 lower");
        foreach (var r in FirstLineManager.Requirements)
        {
            builder.Require(r.Competency.Id.Value, r.Target - 0.8, r.Importance, r.CriticalMinimum - 0.8);
        }

        var profile = builder.Build(Model);
        var pipeline = new ReadinessPipeline(new CrossedRandomEffectsCalibrator(), new ReadinessScorer());
        var truth = new ReadinessScorer(new ScoringOptions { BandBasis = BandBasis.PointEstimate });
        var rows = new List<(double P, bool Ready)>();
        for (var seed = 1; seed <= 5; seed++)
        {
            var organisation = OrganisationSimulator.Generate(new SimulationOptions { People = 1200, Seed = seed });
            var run = pipeline.Run(new ReadinessRunInput(organisation.TakeInRatings(), [profile]));
            Assert.True(run.Calibration.Crossed!.PersonEffectPerDomain);
            Assert.NotEmpty(run.Screen!.SetAside);
            var levels = organisation.People.ToDictionary(p => p.Person, p => p.TrueLevels);
            foreach (var assessment in run.Assessments.Where(a => a.IsScored))
            {
                var atTruth = new ReadinessCandidate(assessment.Person,
                    Model.Competencies.Select((c, j) => new CompetencyEstimate(assessment.Person, c.Id, levels[assessment.Person][j], 0, 1, 1)),
                    99, [RaterSource.Manager, RaterSource.Peer]);
                rows.Add((assessment.ProbabilityReadyNow!.Value, truth.Score(atTruth, profile).Band == ReadinessBand.ReadyNow));
            }
        }

        var brier = rows.Average(r => Math.Pow(r.P - (r.Ready ? 1 : 0), 2));
        var prevalence = rows.Average(r => r.Ready ? 1.0 : 0);
        output.WriteLine($"{rows.Count} candidates, {prevalence:P1} truly ready, Brier {brier:0.0000} against {prevalence * (1 - prevalence):0.0000} for the prevalence alone");
        foreach (var bin in rows.GroupBy(r => Math.Min(4, (int)(r.P * 5))).OrderBy(g => g.Key))
        {
            var (stated, observed) = (bin.Average(r => r.P), bin.Average(r => r.Ready ? 1.0 : 0));
            output.WriteLine($"P in [{bin.Key / 5.0:0.0}, {(bin.Key + 1) / 5.0:0.0}): {bin.Count()} candidates, stated {stated:0.000}, truly ready {observed:0.000}");

            // Five organisations of 1,200 (about 5,000 candidates, a few hundred in each middle fifth): each fifth within
            // 0.05 of what it states, or within 2.5 of its Monte-Carlo standard errors where that is wider. The benchmark's
            // 20,000 per design hold every tenth to 0.05 (benchmarks/README.md).
            var tolerance = Math.Max(0.05, 2.5 * Math.Sqrt(stated * (1 - stated) / bin.Count()));
            Assert.InRange(observed - stated, -tolerance, tolerance);
        }

        // Where decisions are made (stated 0.2–0.8) the stated and the true shares agree on average: a model that left out
        // the person's domains stated 0.10 too little there, one that kept the styled raters 0.07–0.12 too much.
        var middle = rows.Where(r => r.P is >= 0.2 and < 0.8).ToArray();
        Assert.InRange(middle.Average(r => (r.Ready ? 1 : 0) - r.P), -0.04, 0.04);

        Assert.True(brier < 0.4 * prevalence * (1 - prevalence), $"Brier {brier} against {prevalence * (1 - prevalence)}");
    }
}
