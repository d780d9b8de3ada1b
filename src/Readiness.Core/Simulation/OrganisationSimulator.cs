using System.Collections.Immutable;
using System.Globalization;
using Readiness.Competencies;
using Readiness.Evidence;
using static Readiness.Internal.RandomDraws;

namespace Readiness.Simulation;

/// <summary>Generates seeded synthetic organisations with a realistic, non-random 360° rating design and planted rater biases.</summary>
/// <remarks>
/// <para>
/// People form a tree with <see cref="SimulationSettings.TeamSize"/> reports per manager. Each person has a general
/// leadership level and an individual-performance level, correlated only weakly
/// (<see cref="SimulationSettings.LeadershipPerformanceCorrelation"/>); each competency's true level follows its domain's
/// general level. Every person is rated by themselves, their manager, sometimes their skip-level manager, a few
/// team-mates and a few of their direct reports — so a lenient manager rates a whole team, as in real organisations.
/// </para>
/// <para>
/// A rating is the true level (or, for halo raters, the person's overall level) plus the rater's leniency, self-inflation
/// for self-ratings and noise; central-tendency raters are pulled toward the scale midpoint; ratings are rounded to whole
/// levels and clamped to the scale. The same settings and seed give the same organisation.
/// </para>
/// </remarks>
public static class OrganisationSimulator
{
    private const double CentralPull = 0.35;
    private const double DomainLoading = 0.8;

    /// <summary>Generates an organisation.</summary>
    /// <param name="settings">The settings; null for the defaults.</param>
    /// <returns>The organisation with its ratings and the truth behind them.</returns>
    /// <exception cref="ArgumentException">A setting breaks its rule; the message names it.</exception>
    public static SimulatedOrganisation Generate(SimulationSettings? settings = null)
    {
        settings ??= new SimulationSettings();
        settings.Validate();
        var random = new Random(settings.Seed);
        var n = settings.People;
        var ids = Enumerable.Range(1, n).Select(i => "P" + i.ToString(new string('0', Digits(n)), CultureInfo.InvariantCulture)).ToArray();

        var manager = new int[n];
        var reports = new List<int>[n];
        for (var i = 0; i < n; i++)
        {
            reports[i] = [];
            manager[i] = i == 0 ? -1 : (i - 1) / settings.TeamSize;
            if (i > 0)
            {
                reports[manager[i]].Add(i);
            }
        }

        var people = GeneratePeople(settings, random, ids, manager, reports, out var halo);
        var raters = GenerateRaters(settings, random, n);

        // Demographics, group-biased raters and team outcomes come from a stream of their own, so that adding them left
        // every earlier organisation (and every rating of a seed) as it was.
        var audit = new Random(unchecked((settings.Seed * 7919) + 104_729));
        var male = Enumerable.Range(0, n).Select(_ => audit.NextDouble() >= 0.45).ToArray();
        var ethnicity = Enumerable.Range(0, n).Select(_ => audit.NextDouble() switch { < 0.60 => "group A", < 0.85 => "group B", _ => "group C" }).ToArray();
        var favours = Enumerable.Range(0, n).Select(_ => audit.NextDouble() < settings.GroupBiasedRaterShare).ToArray();
        var favoured = male.Select(m => m == (settings.FavouredGroup == "male")).ToArray();
        var rated = new bool[n];
        var ratings = GenerateRatings(settings, random, people, ids, manager, reports, raters, halo, rated, favours, favoured);
        var demographics = Fairness.Demographics.Create(people.SelectMany((p, i) => new[]
        {
            new Fairness.DemographicRecord(p.Id, "sex", male[i] ? "male" : "female"),
            new Fairness.DemographicRecord(p.Id, "ethnicity", ethnicity[i]),
        }));
        var outcomes = TeamOutcomes(audit, people);

        // People are numbered with zero-padded ids, so index order is ordinal id order.
        var raterTruth = raters
            .Select((r, i) => new SimulatedRater(new RaterId(ids[i]), favours[i] ? RaterStyle.FavoursGroup : r.Style, r.Leniency))
            .Where((_, i) => rated[i])
            .ToImmutableArray();
        return new SimulatedOrganisation(settings, people, raterTruth, ratings, demographics, outcomes);
    }

    /// <summary>Team performance a year on: 0.6 × true leadership + 0.15 × true individual performance (standardised) + noise, on a 50 ± 10 scale.</summary>
    private static ImmutableArray<Fairness.OutcomeRecord> TeamOutcomes(Random random, ImmutableArray<SimulatedPerson> people)
    {
        static double[] Standardised(double[] v)
        {
            var (mean, sd) = (v.Average(), Math.Sqrt(v.Select(x => (x - v.Average()) * (x - v.Average())).Sum() / Math.Max(1, v.Length - 1)));
            return [.. v.Select(x => sd > 0 ? (x - mean) / sd : 0)];
        }

        var leadership = Standardised([.. people.Select(p => double.IsNaN(p.TrueLeadership) ? 0 : p.TrueLeadership)]);
        var performance = Standardised([.. people.Select(p => double.IsNaN(p.TrueIndividualPerformance) ? 0 : p.TrueIndividualPerformance)]);
        const double Noise = 0.78; // √(1 − 0.6² − 0.15²): the outcome's SD stays about 1 before scaling
        return [.. people.Select((p, i) => new Fairness.OutcomeRecord(p.Id, 50 + (10 * ((0.6 * leadership[i]) + (0.15 * performance[i]) + (Noise * Normal(random))))))];
    }

    private static int Digits(int n) => n.ToString(CultureInfo.InvariantCulture).Length;

    private static ImmutableArray<SimulatedPerson> GeneratePeople(
        SimulationSettings settings, Random random, string[] ids, int[] manager, List<int>[] reports, out double[] overall)
    {
        var model = settings.Model;
        var scale = model.Scale;
        var mid = (scale.Minimum + scale.Maximum) / 2.0;
        var rho = settings.LeadershipPerformanceCorrelation;
        var unique = Math.Sqrt(1 - (DomainLoading * DomainLoading));
        var people = ImmutableArray.CreateBuilder<SimulatedPerson>(ids.Length);
        overall = new double[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            var leadership = Normal(random);
            var performance = (rho * leadership) + (Math.Sqrt(1 - (rho * rho)) * Normal(random));
            var levels = new double[model.Competencies.Length];
            for (var c = 0; c < levels.Length; c++)
            {
                var general = model.Competencies[c].Domain == CompetencyDomain.Leadership ? leadership : performance;
                var z = (DomainLoading * general) + (unique * Normal(random));
                levels[c] = Math.Clamp(mid + (settings.TrueLevelSd * z), scale.Minimum, scale.Maximum);
            }

            overall[i] = levels.Average();
            var observed = mid + (settings.TrueLevelSd * performance) + (0.3 * settings.TrueLevelSd * Normal(random));
            people.Add(new SimulatedPerson(
                new RateeId(ids[i]),
                manager[i] < 0 ? null : new RateeId(ids[manager[i]]),
                reports[i].Count,
                [.. levels],
                DomainMean(model, levels, CompetencyDomain.Leadership),
                DomainMean(model, levels, CompetencyDomain.IndividualPerformance),
                observed));
        }

        return people.MoveToImmutable();
    }

    private static double DomainMean(CompetencyModel model, double[] levels, CompetencyDomain domain)
    {
        var inDomain = levels.Where((_, c) => model.Competencies[c].Domain == domain).ToArray();
        return inDomain.Length == 0 ? double.NaN : inDomain.Average();
    }

    private static (RaterStyle Style, double Leniency)[] GenerateRaters(SimulationSettings settings, Random random, int n)
    {
        var raters = new (RaterStyle, double)[n];
        for (var i = 0; i < n; i++)
        {
            var u = random.NextDouble();
            var leniency = settings.RaterLeniencySd * Normal(random);
            var biased = settings.BiasedRaterShare;
            raters[i] = u switch
            {
                _ when u < biased / 2 => (RaterStyle.Lenient, settings.BiasedRaterEffect + (0.1 * leniency)),
                _ when u < biased => (RaterStyle.Severe, -settings.BiasedRaterEffect + (0.1 * leniency)),
                _ when u < biased + settings.CentralTendencyShare => (RaterStyle.CentralTendency, leniency),
                _ when u < biased + settings.CentralTendencyShare + settings.HaloShare => (RaterStyle.Halo, leniency),
                _ => (RaterStyle.Ordinary, leniency),
            };
        }

        return raters;
    }

    private static ImmutableArray<Rating> GenerateRatings(
        SimulationSettings settings,
        Random random,
        ImmutableArray<SimulatedPerson> people,
        string[] ids,
        int[] manager,
        List<int>[] reports,
        (RaterStyle Style, double Leniency)[] raters,
        double[] overall,
        bool[] rated,
        bool[] favours,
        bool[] favoured)
    {
        var model = settings.Model;
        var scale = model.Scale;
        var mid = (scale.Minimum + scale.Maximum) / 2.0;
        var rateeIds = people.Select(p => p.Id).ToArray();
        var raterIds = ids.Select(id => new RaterId(id)).ToArray();
        var competencyIds = model.Competencies.Select(c => c.Id).ToArray();
        var ratings = ImmutableArray.CreateBuilder<Rating>();
        var panel = new List<(int Rater, RaterSource Source)>();
        for (var p = 0; p < people.Length; p++)
        {
            panel.Clear();
            if (settings.SelfRatings)
            {
                panel.Add((p, RaterSource.Self));
            }

            if (manager[p] >= 0)
            {
                panel.Add((manager[p], RaterSource.Manager));
                var skip = manager[manager[p]];
                if (skip >= 0 && random.NextDouble() < settings.SkipLevelShare)
                {
                    panel.Add((skip, RaterSource.SkipLevel));
                }

                foreach (var peer in Sample(random, reports[manager[p]], settings.PeersPerPerson, exclude: p))
                {
                    panel.Add((peer, RaterSource.Peer));
                }
            }

            foreach (var report in Sample(random, reports[p], settings.DirectReportRaters, exclude: -1))
            {
                panel.Add((report, RaterSource.DirectReport));
            }

            foreach (var (rater, source) in panel)
            {
                var (style, leniency) = raters[rater];
                for (var c = 0; c < competencyIds.Length; c++)
                {
                    var missing = random.NextDouble() < settings.MissingShare;
                    var noise = settings.NoiseSd * Normal(random);
                    if (missing)
                    {
                        continue;
                    }

                    var basis = style == RaterStyle.Halo ? overall[p] : people[p].TrueLevels[c];
                    var x = basis + leniency + (source == RaterSource.Self ? settings.SelfInflation : 0) + noise
                        + (favours[rater] && favoured[p] && source != RaterSource.Self ? settings.FavouredGroupBias : 0);
                    if (style == RaterStyle.CentralTendency)
                    {
                        x = mid + (CentralPull * (x - mid));
                    }

                    if (settings.WholeLevels)
                    {
                        x = Math.Round(x, MidpointRounding.AwayFromZero);
                    }

                    x = Math.Clamp(x, scale.Minimum, scale.Maximum);
                    ratings.Add(new Rating(rateeIds[p], raterIds[rater], source, competencyIds[c], x, settings.Cycle));
                    rated[rater] = true;
                }
            }
        }

        return ratings.ToImmutable();
    }

    /// <summary>Draws up to <paramref name="count"/> members without replacement (partial Fisher–Yates), skipping one.</summary>
    private static List<int> Sample(Random random, List<int> members, int count, int exclude)
    {
        var pool = members.Where(m => m != exclude).ToArray();
        var take = Math.Min(count, pool.Length);
        for (var i = 0; i < take; i++)
        {
            var j = i + random.Next(pool.Length - i);
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }

        return [.. pool.Take(take)];
    }
}
