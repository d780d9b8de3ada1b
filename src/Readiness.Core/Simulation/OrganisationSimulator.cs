using System.Collections.Immutable;
using System.Globalization;
using Readiness.Competencies;
using Readiness.Evidence;
using static Readiness.Internal.RandomDraws;

namespace Readiness.Simulation;

/// <summary>Generates seeded synthetic organisations with a realistic, non-random 360° rating design and planted rater biases.</summary>
/// <remarks>
/// <para>
/// People form a tree with <see cref="SimulationOptions.TeamSize"/> reports per manager. Each person has a general
/// leadership level and an individual-performance level, correlated only weakly
/// (<see cref="SimulationOptions.LeadershipPerformanceCorrelation"/>); each competency's true level follows its domain's
/// general level. Every person is rated by themselves, their manager, sometimes their skip-level manager, a few
/// team-mates and a few of their direct reports — so a lenient manager rates a whole team, as in real organisations.
/// </para>
/// <para>
/// A rating is the true level (or, for halo raters, the person's overall level) plus the rater's leniency, self-inflation
/// for self-ratings and noise; central-tendency raters are pulled toward the scale midpoint; ratings are rounded to whole
/// levels and clamped to the scale. The same options and seed give the same organisation.
/// </para>
/// </remarks>
public static class OrganisationSimulator
{
    private const double CentralPull = 0.35;
    private const double DomainLoading = 0.8;

    /// <summary>Generates an organisation.</summary>
    /// <param name="options">The options; null for the defaults.</param>
    /// <returns>The organisation with its ratings and the truth behind them.</returns>
    /// <exception cref="ArgumentException">A setting breaks its rule; the message names it.</exception>
    public static SimulatedOrganisation Generate(SimulationOptions? options = null)
    {
        options ??= new SimulationOptions();
        options = options.Validated();
        var random = new Random(options.Seed);
        var n = options.People;
        var ids = Enumerable.Range(1, n).Select(i => "P" + i.ToString(new string('0', Digits(n)), CultureInfo.InvariantCulture)).ToArray();

        var manager = new int[n];
        var reports = new List<int>[n];
        for (var i = 0; i < n; i++)
        {
            reports[i] = [];
            manager[i] = i == 0 ? -1 : (i - 1) / options.TeamSize;
            if (i > 0)
            {
                reports[manager[i]].Add(i);
            }
        }

        var people = GeneratePeople(options, random, ids, manager, reports, out var halo);
        var development = ImmutableArray<DevelopmentRecord>.Empty;
        if (options.Cycles > 1)
        {
            people = WithGrowth(options, people);
            (people, development) = WithDevelopment(options, people);
        }
        var pool = options.PoolSize;
        var raters = GenerateRaters(options, random, n + pool);
        var raterIds = ids.Concat(Enumerable.Range(1, pool).Select(i => "R" + i.ToString(new string('0', Digits(pool)), CultureInfo.InvariantCulture))).ToArray();

        // Demographics, group-biased raters and team outcomes come from a stream of their own, so that adding them left
        // every earlier organisation (and every rating of a seed) as it was.
        var audit = new Random(unchecked((options.Seed * 7919) + 104_729));
        var male = Enumerable.Range(0, n).Select(_ => audit.NextDouble() >= 0.45).ToArray();
        var ethnicity = Enumerable.Range(0, n).Select(_ => audit.NextDouble() switch { < 0.60 => "group A", < 0.85 => "group B", _ => "group C" }).ToArray();
        var favours = Enumerable.Range(0, n + pool).Select(_ => audit.NextDouble() < options.GroupBiasedRaterShare).ToArray();
        var favoured = male.Select(m => m == (options.FavouredGroup == "male")).ToArray();
        var rated = new bool[n + pool];
        var panels = new Panels(options, random, manager, reports);
        var ratings = GenerateRatings(options, random, people, raterIds, panels, raters, halo, rated, favours, favoured);
        var demographics = Fairness.Demographics.Create(people.SelectMany((p, i) => new[]
        {
            new Fairness.DemographicRecord(p.Person, "sex", male[i] ? "male" : "female"),
            new Fairness.DemographicRecord(p.Person, "ethnicity", ethnicity[i]),
        }));
        var outcomes = TeamOutcomes(audit, people);

        // People (P…) and pool raters (R…) are numbered with zero-padded ids, so index order is ordinal id order. An
        // anonymised export's truth lists the raters behind the anonymous ids.
        var raterTruth = raters
            .Select((r, i) => new SimulatedRater(new RaterId(raterIds[i]), favours[i] ? RaterStyle.FavoursGroup : r.Style, r.Leniency))
            .Where((_, i) => rated[i])
            .ToImmutableArray();
        // Promotions at the last cycle: the best individual performers on the measure the organisation has.
        var promoted = (int)Math.Round(options.PromotionShare * n);
        var last = CycleDate(options, options.Cycles - 1);
        ImmutableArray<PromotionRecord> promotions = [.. people.OrderByDescending(p => p.Performance).ThenBy(p => p.Person).Take(promoted)
            .Select(p => new PromotionRecord(p.Person, last, LeadershipFramework.FirstLineManager.Id))];
        return new SimulatedOrganisation(options, people, raterTruth, ratings, demographics, outcomes, development, promotions);
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
        return [.. people.Select((p, i) => new Fairness.OutcomeRecord(p.Person, 50 + (10 * ((0.6 * leadership[i]) + (0.15 * performance[i]) + (Noise * Normal(random))))))];
    }

    /// <summary>The date of cycle <paramref name="cycle"/> (0 the first).</summary>
    internal static DateOnly CycleDate(SimulationOptions options, int cycle) => options.FirstCycleDate.AddDays(cycle * options.CycleSpacingDays);

    /// <summary>
    /// Each person's growth a year: the cohort's mean (half of it on individual-performance competencies) plus a deviation
    /// of SD <see cref="SimulationOptions.GrowthSd"/>, the same on every competency, correlated
    /// <see cref="SimulationOptions.LevelGrowthCorrelation"/> with the person's standardised leadership level. From a stream
    /// of its own, so that a one-cycle organisation of a seed is as it was.
    /// </summary>
    private static ImmutableArray<SimulatedPerson> WithGrowth(SimulationOptions options, ImmutableArray<SimulatedPerson> people)
    {
        var random = new Random(unchecked((options.Seed * 6151) + 12_289));
        var leadership = people.Select(p => double.IsNaN(p.TrueLeadership) ? 0 : p.TrueLeadership).ToArray();
        var mean = leadership.Average();
        var sd = Math.Sqrt(leadership.Sum(x => (x - mean) * (x - mean)) / Math.Max(1, leadership.Length - 1));
        var rho = options.LevelGrowthCorrelation;
        var competencies = options.Model.Competencies;
        return [.. people.Select((p, i) =>
        {
            var z = sd > 0 ? (leadership[i] - mean) / sd : 0;
            var own = options.GrowthSd * ((rho * z) + (Math.Sqrt(1 - (rho * rho)) * Normal(random)));
            return p.WithGrowth([.. competencies.Select(c => (c.Domain == CompetencyDomain.Leadership ? options.MeanGrowth : options.MeanGrowth / 2) + own)]);
        })];
    }

    /// <summary>
    /// The development programme: who is put forward (more often the lower their leadership level, as
    /// <see cref="SimulationOptions.DevelopmentSelection"/> says), when (three months
    /// after the first cycle, within a further three), for six months, on every leadership competency — a record per
    /// competency — and the growth it adds. From a stream of its own.
    /// </summary>
    private static (ImmutableArray<SimulatedPerson> People, ImmutableArray<DevelopmentRecord> Records) WithDevelopment(SimulationOptions options, ImmutableArray<SimulatedPerson> people)
    {
        if (options.DevelopmentShare == 0)
        {
            return (people, []);
        }

        const string Name = "leadership programme";
        var random = new Random(unchecked((options.Seed * 7457) + 31_337));
        var leadership = people.Select(p => double.IsNaN(p.TrueLeadership) ? 0 : p.TrueLeadership).ToArray();
        var mean = leadership.Average();
        var sd = Math.Sqrt(leadership.Sum(x => (x - mean) * (x - mean)) / Math.Max(1, leadership.Length - 1));
        var competencies = options.Model.Competencies;
        var inProgramme = competencies.Select(c => c.Domain == CompetencyDomain.Leadership).ToArray();
        var during = competencies.Select((_, c) => inProgramme[c] ? options.DevelopmentGrowth : 0).ToImmutableArray();
        var after = competencies.Select((_, c) => inProgramme[c] ? options.DevelopmentAfterGrowth : 0).ToImmutableArray();
        var records = ImmutableArray.CreateBuilder<DevelopmentRecord>();
        var result = people.ToBuilder();
        for (var i = 0; i < people.Length; i++)
        {
            var z = sd > 0 ? (leadership[i] - mean) / sd : 0;
            var chance = Math.Clamp(options.DevelopmentShare * (1 - (options.DevelopmentSelection * z)), 0, 1);
            var (u, offset) = (random.NextDouble(), random.Next(92));
            if (u >= chance)
            {
                continue;
            }

            var start = options.FirstCycleDate.AddDays(91 + offset);
            var end = start.AddDays(182);
            double Years(DateOnly d) => (d.DayNumber - options.FirstCycleDate.DayNumber) / 365.25;
            result[i] = people[i].WithDevelopment(Years(start), Years(end), during, after);
            records.AddRange(competencies.Where((_, c) => inProgramme[c]).Select(c => new DevelopmentRecord(people[i].Person, Name, start, end, c.Id.Value)));
        }

        return (result.MoveToImmutable(), records.ToImmutable());
    }

    private static int Digits(int n) => n.ToString(CultureInfo.InvariantCulture).Length;

    private static ImmutableArray<SimulatedPerson> GeneratePeople(
        SimulationOptions options, Random random, string[] ids, int[] manager, List<int>[] reports, out double[] overall)
    {
        var model = options.Model;
        var scale = model.Scale;
        var mid = (scale.Minimum + scale.Maximum) / 2.0;
        var rho = options.LeadershipPerformanceCorrelation;
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
                levels[c] = Math.Clamp(mid + (options.TrueLevelSd * z), scale.Minimum, scale.Maximum);
            }

            overall[i] = levels.Average();
            var observed = mid + (options.TrueLevelSd * performance) + (0.3 * options.TrueLevelSd * Normal(random));
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

    private static (RaterStyle Style, double Leniency)[] GenerateRaters(SimulationOptions options, Random random, int n)
    {
        var raters = new (RaterStyle, double)[n];
        for (var i = 0; i < n; i++)
        {
            var u = random.NextDouble();
            var leniency = options.RaterLeniencySd * Normal(random);
            var biased = options.BiasedRaterShare;
            raters[i] = u switch
            {
                _ when u < biased / 2 => (RaterStyle.Lenient, options.BiasedRaterEffect + (0.1 * leniency)),
                _ when u < biased => (RaterStyle.Severe, -options.BiasedRaterEffect + (0.1 * leniency)),
                _ when u < biased + options.CentralTendencyShare => (RaterStyle.CentralTendency, leniency),
                _ when u < biased + options.CentralTendencyShare + options.HaloShare => (RaterStyle.Halo, leniency),
                _ when u < biased + options.CentralTendencyShare + options.HaloShare + options.ErraticShare => (RaterStyle.Erratic, leniency),
                _ => (RaterStyle.Ordinary, leniency),
            };
        }

        return raters;
    }

    private static ImmutableArray<Rating> GenerateRatings(
        SimulationOptions options,
        Random random,
        ImmutableArray<SimulatedPerson> people,
        string[] ids,
        Panels panels,
        (RaterStyle Style, double Leniency)[] raters,
        double[] overall,
        bool[] rated,
        bool[] favours,
        bool[] favoured)
    {
        var model = options.Model;
        var scale = model.Scale;
        var mid = (scale.Minimum + scale.Maximum) / 2.0;
        var rateeIds = people.Select(p => p.Person).ToArray();
        var raterIds = ids.Select(id => new RaterId(id)).ToArray();
        var competencyIds = model.Competencies.Select(c => c.Id).ToArray();
        var ratings = ImmutableArray.CreateBuilder<Rating>();
        var anonymous = 0;
        for (var cycle = 0; cycle < options.Cycles; cycle++)
        {
        // Cycle by cycle at the true levels of its date; one cycle is the first, at the levels drawn.
        var label = options.Cycles == 1 ? options.Cycle : CycleDate(options, cycle).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var years = (CycleDate(options, cycle).DayNumber - options.FirstCycleDate.DayNumber) / 365.25;
        var truth = cycle == 0 ? [.. people.Select(p => p.TrueLevels)] : people.Select(p => p.TrueLevelsAt(years, scale)).ToArray();
        var overallNow = cycle == 0 ? overall : [.. truth.Select(t => t.Average())];
        for (var p = 0; p < people.Length; p++)
        {
            foreach (var (rater, source) in panels.Of(p))
            {
                var (style, leniency) = raters[rater];
                for (var c = 0; c < competencyIds.Length; c++)
                {
                    var missing = random.NextDouble() < options.MissingShare;
                    var noise = options.NoiseSd * (style == RaterStyle.Erratic ? options.ErraticNoiseFactor : 1) * Normal(random);
                    if (missing)
                    {
                        continue;
                    }

                    var basis = style == RaterStyle.Halo ? overallNow[p] : truth[p][c];
                    var x = basis + leniency + (source == RaterSource.Self ? options.SelfInflation : 0) + noise
                        + (favours[rater] && favoured[p] && source != RaterSource.Self ? options.FavouredGroupBias : 0);
                    if (style == RaterStyle.CentralTendency)
                    {
                        x = mid + (CentralPull * (x - mid));
                    }

                    if (options.WholeLevels)
                    {
                        x = Math.Round(x, MidpointRounding.AwayFromZero);
                    }

                    x = Math.Clamp(x, scale.Minimum, scale.Maximum);
                    var raterId = options.Design == RatingDesign.Anonymised && source != RaterSource.Self
                        ? new RaterId("A" + (++anonymous).ToString("D9", CultureInfo.InvariantCulture))
                        : raterIds[rater];
                    ratings.Add(new Rating(rateeIds[p], raterId, source, competencyIds[c].Value, x, label));
                    rated[rater] = true;
                }
            }
        }
        }

        return ratings.ToImmutable();
    }

    /// <summary>Who rates each person, by design: rater indices (people first, then the pool) with their sources.</summary>
    private sealed class Panels
    {
        private readonly SimulationOptions _settings;
        private readonly Random _random;
        private readonly int[] _manager;
        private readonly List<int>[] _reports;
        private readonly int[] _projectLead = [];
        private readonly List<int>[] _projectTeam = [];
        private readonly List<(int Rater, RaterSource Source)> _panel = [];
        private readonly HashSet<int> _drawn = [];

        public Panels(SimulationOptions options, Random random, int[] manager, List<int>[] reports)
        {
            _settings = options;
            _random = random;
            _manager = manager;
            _reports = reports;
            if (options.Design == RatingDesign.Matrix)
            {
                // The second hierarchy: the same tree shape over the people in a random order (projects cut across lines).
                var n = manager.Length;
                var order = Enumerable.Range(0, n).ToArray();
                for (var i = n - 1; i > 0; i--)
                {
                    var j = random.Next(i + 1);
                    (order[i], order[j]) = (order[j], order[i]);
                }

                _projectLead = new int[n];
                _projectTeam = new List<int>[n];
                for (var i = 0; i < n; i++)
                {
                    _projectTeam[i] = [];
                }

                for (var k = 0; k < n; k++)
                {
                    _projectLead[order[k]] = k == 0 ? -1 : order[(k - 1) / options.TeamSize];
                    if (k > 0)
                    {
                        _projectTeam[_projectLead[order[k]]].Add(order[k]);
                    }
                }
            }
        }

        public List<(int Rater, RaterSource Source)> Of(int p)
        {
            var s = _settings;
            _panel.Clear();
            if (s.SelfRatings)
            {
                _panel.Add((p, RaterSource.Self));
            }

            if (s.Design == RatingDesign.AssessmentCentre)
            {
                DrawFromPool(RaterSource.Assessor);
                return _panel;
            }

            if (_manager[p] >= 0)
            {
                _panel.Add((_manager[p], RaterSource.Manager));
                if (s.Design == RatingDesign.WidelyCrossed)
                {
                    DrawFromPool(RaterSource.Peer);
                    return _panel;
                }

                var skip = _manager[_manager[p]];
                if (skip >= 0 && _random.NextDouble() < s.SkipLevelShare)
                {
                    _panel.Add((skip, RaterSource.SkipLevel));
                }

                foreach (var peer in Sample(_random, _reports[_manager[p]], s.PeersPerPerson, exclude: p))
                {
                    _panel.Add((peer, RaterSource.Peer));
                }
            }
            else if (s.Design == RatingDesign.WidelyCrossed)
            {
                DrawFromPool(RaterSource.Peer);
                return _panel;
            }

            foreach (var report in Sample(_random, _reports[p], s.DirectReportRaters, exclude: -1))
            {
                _panel.Add((report, RaterSource.DirectReport));
            }

            if (s.Design == RatingDesign.Matrix)
            {
                // The project lead and project team-mates, unless they already rate the person along the line.
                var lead = _projectLead[p];
                if (lead >= 0 && !_panel.Exists(m => m.Rater == lead))
                {
                    _panel.Add((lead, RaterSource.Manager));
                }

                if (lead >= 0)
                {
                    foreach (var mate in Sample(_random, _projectTeam[lead], s.PeersPerPerson, exclude: p))
                    {
                        if (!_panel.Exists(m => m.Rater == mate))
                        {
                            _panel.Add((mate, RaterSource.Peer));
                        }
                    }
                }
            }

            return _panel;
        }

        /// <summary>Draws the design's number of raters from the pool without replacement (rejection: the pool is large next to a panel).</summary>
        private void DrawFromPool(RaterSource source)
        {
            var people = _manager.Length;
            _drawn.Clear();
            while (_drawn.Count < _settings.PoolRatersPerPerson)
            {
                var r = _random.Next(_settings.PoolSize);
                if (_drawn.Add(r))
                {
                    _panel.Add((people + r, source));
                }
            }
        }
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
