using System.Globalization;
using MathNet.Numerics.Statistics;
using Readiness.Calibration;
using Readiness.Evidence;
using Readiness.Reliability;
using Readiness.Simulation;

namespace Readiness.Benchmarks.Calibration;

/// <summary>
/// How well the longitudinal model recovers planted growth, by design: the correlation of each person's estimated growth
/// with the truth and its 90% interval's coverage, by number of cycles and raters per person; then whether the planted
/// development effects fall inside their 95% intervals at the nominal rate over seeds.
/// </summary>
/// <remarks><c>growth-recovery SEEDS</c>: organisations of 300 people, the simulator's rater styles on unless said.</remarks>
internal static class GrowthRecovery
{
    public static int Run(string[] args)
    {
        var seeds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        Console.WriteLine("| Cycles | Design | Ratings | Person growth r with truth | 90% interval covers | Growth SE (mean) |");
        Console.WriteLine("|---:|---|---:|---:|---:|---:|");
        foreach (var cycles in new[] { 2, 3, 4, 5 })
        {
            foreach (var (name, design, screen) in new[]
            {
                ("local 360°", new SimulationOptions(), false),
                ("local 360°, styled raters set aside", new SimulationOptions(), true),
                ("4 peers from a pool", new SimulationOptions { Design = RatingDesign.WidelyCrossed, RatersPerPerson = 4, RaterPool = 150 }, false),
                ("8 peers from a pool", new SimulationOptions { Design = RatingDesign.WidelyCrossed, RatersPerPerson = 8, RaterPool = 150 }, false),
            })
            {
                var (r, covered, count, se, ratings) = (0.0, 0, 0, 0.0, 0);
                for (var seed = 1; seed <= seeds; seed++)
                {
                    var org = OrganisationSimulator.Generate(design with { People = 300, Cycles = cycles, Seed = seed });
                    var set = Screened(org.TakeInRatings().Ratings, screen);
                    var fit = new LongitudinalCalibrator().Calibrate(set, org.ReviewCycles!);
                    var truth = org.People.ToDictionary(p => p.Person, p => p.TrueGrowth.Average());
                    r += Correlation.Pearson(fit.Growth.Select(g => g.Growth), fit.Growth.Select(g => truth[g.Person])) / seeds;
                    covered += fit.Growth.Count(g => Math.Abs(g.Growth - truth[g.Person]) <= 1.645 * g.StandardError);
                    count += fit.Growth.Length;
                    se += fit.Growth.Average(g => g.StandardError) / seeds;
                    ratings += set.Count / seeds;
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {cycles} | {name} | {ratings:N0} | {r:0.000} | {100.0 * covered / count:0.0}% | {se:0.000} |"));
            }
        }

        Console.WriteLine();
        Console.WriteLine("| Programme (+0.3 a year while in it, +0.1 after) | Organisations | Mean while in it | 95% covers 0.3 | Mean after | 95% covers 0.1 |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (name, options, screen) in new[]
        {
            ("assigned at random, no rater styles", new SimulationOptions { DevelopmentSelection = 0, BiasedRaterShare = 0, CentralTendencyShare = 0, HaloShare = 0, WholeLevels = false }, false),
            ("assigned at random, lenient and severe raters only", new SimulationOptions { DevelopmentSelection = 0, CentralTendencyShare = 0, HaloShare = 0 }, false),
            ("assigned at random, central-tendency raters only", new SimulationOptions { DevelopmentSelection = 0, BiasedRaterShare = 0, HaloShare = 0 }, false),
            ("assigned at random, halo raters only", new SimulationOptions { DevelopmentSelection = 0, BiasedRaterShare = 0, CentralTendencyShare = 0 }, false),
            ("assigned at random, rater styles on", new SimulationOptions { DevelopmentSelection = 0 }, false),
            ("assigned at random, rater styles on, styled raters set aside", new SimulationOptions { DevelopmentSelection = 0 }, true),
            ("put forward for a low level, rater styles on", new SimulationOptions(), false),
        })
        {
            var (during, after, inDuring, inAfter) = (0.0, 0.0, 0, 0);
            var organisations = 4 * seeds;
            for (var seed = 1; seed <= organisations; seed++)
            {
                var org = OrganisationSimulator.Generate(options with { People = 300, Cycles = 3, Seed = seed, DevelopmentShare = 0.3 });
                var effect = new LongitudinalCalibrator().Calibrate(Screened(org.TakeInRatings().Ratings, screen), org.ReviewCycles!, org.Development).InterventionEffects.Single();
                during += effect.During!.Estimate / organisations;
                after += effect.After!.Estimate / organisations;
                inDuring += effect.DuringLower <= 0.3 && 0.3 <= effect.DuringUpper ? 1 : 0;
                inAfter += effect.AfterLower <= 0.1 && 0.1 <= effect.AfterUpper ? 1 : 0;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {organisations} | {during:0.000} | {100.0 * inDuring / organisations:0}% | {after:0.000} | {100.0 * inAfter / organisations:0}% |"));
        }

        return 0;
    }

    /// <summary>The ratings, without the raters flagged for central tendency or halo when <paramref name="screen"/> is set.</summary>
    private static RatingSet Screened(RatingSet ratings, bool screen) =>
        screen ? StyledRaterScreen.Apply(ratings, new CrossedRandomEffectsCalibrator().Calibrate(ratings)).Ratings : ratings;
}
