using System.Globalization;
using Readiness.Calibration;
using Readiness.Competencies;
using Readiness.Evidence;
using Readiness.Fairness;
using Readiness.Pipeline;
using Readiness.Reliability;
using Readiness.Scoring;
using Readiness.Serialization;
using Readiness.Simulation;
using Readiness.Talent;

namespace Readiness.Benchmarks.Scoring;

/// <summary>
/// Are the stated probabilities calibrated? Simulated organisations with known true levels (the simulator's rater styles
/// on), calibrated by the crossed model and scored: among candidates with P(ready now) ≈ p, the share whose true levels
/// meet the ready-now rule should be ≈ p. Prints a reliability diagram (decile bins) and the Brier score per design.
/// </summary>
/// <remarks>
/// <c>probability-calibration SEEDS [DESIGN,…] [styled-raters=POLICY] [person-effect=EFFECT] [people=N] [group-bias=SHARE] [favour-aside] [named-managers] [pair-ids] [built-in-role] [no-styles] [continuous] [se-scale=F]</c>.
/// The role is the built-in first-line-manager profile with every target and critical minimum 0.8 lower, so that a useful
/// share of people is near ready (<c>built-in-role</c>: the profile itself, at which fewer than one in a hundred is truly
/// ready now). The styled raters are handled as <see cref="ReadinessPipeline"/> handles them by default
/// (<see cref="StyledRaterPolicy.SetAsideUnlessNeeded"/>), or as <c>styled-raters=keep|set-aside-always</c> says; the
/// crossed model's person effect is <see cref="PersonEffect.Automatic"/>, or as <c>person-effect=shared|per-domain</c> says.
/// <c>favour-aside</c> also sets aside the raters who favour a group; <c>named-managers</c> exports every response but the
/// managers' under an id of its own, <c>pair-ids</c> every rater but the managers under a new id for each person they rated.
/// To tell causes apart: <c>no-styles</c> draws no styled rater (lenient, severe, central tendency, halo), <c>continuous</c>
/// neither styled raters nor rounded ratings, and <c>se-scale=F</c> scores with every standard error multiplied by F.
/// Besides the reliability diagram, each design's errors are set against the standard errors and correlations the fit
/// stated: the mean of z² = ((true − estimate) / SE)² over the estimates (1 if the SEs are right), the mean of z (0 if the
/// estimates are unbiased), and the mean square of a person's average z against what their error correlations imply —
/// over everyone, and for the people who kept styled raters' ratings and the others apart.
/// </remarks>
internal static class ProbabilityCalibration
{
    public static int Run(string[] args)
    {
        var seeds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 17;
        var designs = args.Length > 2 ? args[2].Split(',').Select(Enum.Parse<RatingDesign>).ToArray() : [RatingDesign.Local];
        string? Setting(string name) => args.Skip(3).FirstOrDefault(a => a.StartsWith(name + "=", StringComparison.Ordinal))?[(name.Length + 1)..];
        T Named<T>(string name, T otherwise)
            where T : struct, Enum => Setting(name) is not { } value ? otherwise : WireNames.TryParse<T>(value, out var named) ? named : throw new ArgumentException($"{name}={value} is none of {string.Join(", ", Enum.GetValues<T>().Select(WireNames.Of))}.");
        var policy = Named("styled-raters", StyledRaterPolicy.SetAsideUnlessNeeded);
        var favourAside = args.Skip(3).Contains("favour-aside");
        var namedManagers = args.Skip(3).Contains("named-managers");
        var pairIds = args.Skip(3).Contains("pair-ids");
        var size = Setting("people") is { } count ? int.Parse(count, CultureInfo.InvariantCulture) : 1200;
        var groupBias = Setting("group-bias") is { } g ? double.Parse(g, CultureInfo.InvariantCulture) : 0;
        var noStyles = args.Skip(3).Contains("no-styles") || args.Skip(3).Contains("continuous");
        var continuous = args.Skip(3).Contains("continuous");
        var seScale = Setting("se-scale") is { } factor ? double.Parse(factor, CultureInfo.InvariantCulture) : 1;
        var calibrator = new CrossedRandomEffectsCalibrator(new CrossedModelOptions { PersonEffect = Named("person-effect", PersonEffect.Automatic) });
        var builder = new RoleProfileBuilder("flm-lower", "First-line manager, targets 0.8 lower");
        foreach (var r in LeadershipFramework.FirstLineManager.Requirements)
        {
            builder.Require(r.Competency.Id.Value, r.Target - 0.8, r.Importance, r.CriticalMinimum - 0.8);
        }

        var profile = args.Skip(3).Contains("built-in-role") ? LeadershipFramework.FirstLineManager : builder.Build(LeadershipFramework.Model);
        var truth = new ReadinessScorer(new ScoringOptions { BandBasis = BandBasis.PointEstimate });
        foreach (var design in designs)
        {
            // Assessors are one source: an assessment centre meets the two-source evidence rule only with it lowered.
            var scorer = new ReadinessScorer(new ScoringOptions { MinimumSources = design == RatingDesign.AssessmentCentre ? 1 : 2 });
            var (sum, hits, counts) = (new double[10], new double[10], new int[10]);

            // Each organisation's own tally per bin: a person's errors share their organisation's (its raters' mean
            // leniency, its fixed effects), so a bin's Monte-Carlo error is also measured across organisations.
            var byOrganisation = new List<(double Sum, double Hits, int Count)[]>();
            var errors = new ErrorCheck();
            var brier = 0.0;
            var perDomain = false;

            // The people who kept styled raters' ratings for the evidence rules, and everyone else.
            var groups = new[] { new Group(), new Group() };

            // Coverage of the 90% index interval and of each estimate's 90% interval (CompetencyEstimate.Interval), by fifth
            // of the true value among the people (quintiles) and, for estimates, by fifth of the scale too.
            var (indexRows, estimateRows) = (new List<(double Truth, bool Covered)>(), new List<(double Truth, bool Covered)>());
            var scale = LeadershipFramework.Model.Scale;

            // The 9-box: among placements with P(box) ≈ p, the share whose true levels put them in that box (tertile cuts
            // of the true values) should be ≈ p.
            var (boxSum, boxHits, boxCounts) = (new double[10], new double[10], new int[10]);
            int Fifth(double value, double from, double to) => Math.Clamp((int)(5 * (value - from) / (to - from)), 0, 4);
            for (var seed = 1; seed <= seeds; seed++)
            {
                var settings = Settings(design, seed) with { People = size, GroupBiasedRaterShare = groupBias };
                settings = noStyles ? settings with { BiasedRaterShare = 0, CentralTendencyShare = 0, HaloShare = 0, WholeLevels = !continuous } : settings;
                var organisation = OrganisationSimulator.Generate(settings);
                var own = new (double Sum, double Hits, int Count)[10];
                byOrganisation.Add(own);
                var ratings = organisation.TakeInRatings().Ratings;
                if (namedManagers)
                {
                    // The commonest real export: managers named, every other response under an id of its own.
                    var response = 0;
                    ratings = new RatingSetBuilder(ratings.Model)
                        .AddRange(ratings.AsEnumerable().Select(r => r.Source is RaterSource.Self or RaterSource.Manager ? r : r with { Rater = new RaterId($"A{++response:D7}") }))
                        .Build().Ratings;
                }

                if (pairIds)
                {
                    // An export with one id per questionnaire: managers named, every other rater a new id for each person they rated.
                    ratings = new RatingSetBuilder(ratings.Model)
                        .AddRange(ratings.AsEnumerable().Select(r => r.Source is RaterSource.Self or RaterSource.Manager ? r : r with { Rater = new RaterId($"{r.Rater.Value}~{r.Ratee.Value}") }))
                        .Build().Ratings;
                }

                var fit = calibrator.Calibrate(ratings);
                HashSet<RateeId> keptFor = [];
                if (policy != StyledRaterPolicy.Keep)
                {
                    // As the pipeline does it.
                    var screen = policy == StyledRaterPolicy.SetAsideUnlessNeeded
                        ? StyledRaterScreen.Apply(ratings, fit, minimumRaters: scorer.Options.MinimumRaters, minimumSources: scorer.Options.MinimumSources)
                        : StyledRaterScreen.Apply(ratings, fit);
                    var screened = screen.Ratings;
                    keptFor = [.. screen.KeptFor];
                    if (favourAside)
                    {
                        // Raters who favour a group, as RaterGroupBias flags them on the organisation's sex attribute.
                        var favouring = RaterGroupBias.Analyze(ratings, fit, organisation.Demographics, "sex").Splits.Where(split => split.Flagged).Select(split => split.Rater);
                        screened = screened.WithoutRaters(favouring);
                    }

                    ratings = screened;
                    fit = favourAside ? calibrator.Calibrate(ratings) : screen.Refit(calibrator);
                }

                perDomain |= fit.Crossed?.PersonEffectPerDomain == true;
                var people = organisation.People.ToDictionary(p => p.Person);
                var position = ratings.Model.Competencies.Select((c, j) => (c.Id, j)).ToDictionary(p => p.Id, p => p.j);
                var assessed = new List<ReadinessAssessment>();
                var truths = new List<ReadinessAssessment>();
                var candidates = ReadinessCandidate.FromCalibration(fit, ratings).Select(c => seScale == 1 ? c : Scaled(c, seScale)).ToDictionary(c => c.Person);
                foreach (var a in candidates.Values.Select(c => scorer.Score(c, profile)).Where(a => a.IsScored))
                {
                    var levels = people[a.Person].TrueLevels;
                    errors.Add(candidates[a.Person], levels, position);
                    groups[keptFor.Contains(a.Person) ? 1 : 0].Errors.Add(candidates[a.Person], levels, position);
                    var exact = new ReadinessCandidate(a.Person,
                        ratings.Model.Competencies.Select((c, j) => new CompetencyEstimate(a.Person, c.Id, levels[j], 0, 1, 1)), 99, [RaterSource.Manager, RaterSource.Peer]);
                    var atTruth = truth.Score(exact, profile);
                    assessed.Add(a);
                    truths.Add(atTruth);
                    var ready = atTruth.Band == ReadinessBand.ReadyNow ? 1.0 : 0.0;
                    var indexCovered = a.Lower <= atTruth.Index && atTruth.Index <= a.Upper;
                    indexRows.Add((atTruth.Index!.Value, indexCovered));
                    groups[keptFor.Contains(a.Person) ? 1 : 0].Index(indexCovered);
                    foreach (var c in a.Competencies)
                    {
                        var level = levels[position[c.Competency]];
                        var covered = c.Interval!.Value.Lower <= level && level <= c.Interval.Value.Upper;
                        estimateRows.Add((level, covered));
                        groups[keptFor.Contains(a.Person) ? 1 : 0].Estimate(covered);
                    }

                    var p = a.ProbabilityReadyNow!.Value;
                    var bin = Math.Min(9, (int)(p * 10));
                    (sum[bin], hits[bin], counts[bin]) = (sum[bin] + p, hits[bin] + ready, counts[bin] + 1);
                    own[bin] = (own[bin].Sum + p, own[bin].Hits + ready, own[bin].Count + 1);
                    brier += (p - ready) * (p - ready);
                    groups[keptFor.Contains(a.Person) ? 1 : 0].Person(p, ready);
                }

                var trueBoxes = NineBox.Place(truths).Placements.ToDictionary(t => t.Person, t => t.Cell);
                foreach (var placement in NineBox.Place(assessed).Placements)
                {
                    var chance = placement.ProbabilityInBox!.Value;
                    var bin = Math.Min(9, (int)(chance * 10));
                    var right = trueBoxes[placement.Person] == placement.Cell ? 1.0 : 0.0;
                    (boxSum[bin], boxHits[bin], boxCounts[bin]) = (boxSum[bin] + chance, boxHits[bin] + right, boxCounts[bin] + 1);
                }
            }

            var n = counts.Sum();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{design}, {size:N0} people{(groupBias > 0 ? $", {groupBias:P0} of raters favouring a group" : "")}, styled raters: {WireNames.Of(policy)}{(favourAside ? ", and raters who favour a group set aside" : "")}{(namedManagers ? ", managers named and every other response anonymised" : "")}{(pairIds ? ", managers named and every other rater an id per person rated" : "")}{(profile == LeadershipFramework.FirstLineManager ? ", the built-in role" : "")}{(perDomain ? ", a person effect per domain" : ", one person effect")}: {n:N0} candidates from {seeds} organisations, Brier score {brier / n:0.0000}"));
            Console.WriteLine("| P(ready now) bin | Candidates | Mean P | Truly ready | Difference | Monte-Carlo SE | SE across organisations |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
            for (var b = 0; b < 10; b++)
            {
                if (counts[b] == 0)
                {
                    continue;
                }

                var (mean, observed) = (sum[b] / counts[b], hits[b] / counts[b]);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {b / 10.0:0.0}–{(b + 1) / 10.0:0.0} | {counts[b]:N0} | {mean:0.000} | {observed:0.000} | {Math.Round(observed - mean, 3):+0.000;-0.000;0.000} | {Math.Sqrt(mean * (1 - mean) / counts[b]):0.000} | {AcrossOrganisations(byOrganisation, b, observed - mean):0.000} |"));
            }

            Console.WriteLine();
            Console.WriteLine(errors);
            Console.WriteLine();
            foreach (var (group, name) in groups.Zip(["The others", "People who kept styled raters' ratings"]).Where(g => g.First.People > 0))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name}: {group.People:N0}; estimates' 90% intervals cover {(double)group.Covered / group.Estimates:P1}, the index's {(double)group.IndexCovered / group.People:P1}; with P(ready now) 0.2–0.8, {group.Middle:N0} of them, mean P {group.MiddleP / group.Middle:0.000}, truly ready {group.MiddleReady / group.Middle:0.000}. {group.Errors}"));
            }

            Console.WriteLine();
            var (index, byLevel) = (ByQuintile(indexRows), ByQuintile(estimateRows));
            var byScale = Tally(estimateRows, row => Fifth(row.Truth, scale.Minimum, scale.Maximum));
            Console.WriteLine("| Fifth of the true value | 90% index interval covers | People | 90% estimate interval covers | Estimates | Fifth of the scale: covers | Estimates |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
            for (var f = 0; f <= 5; f++)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {(f < 5 ? $"{f + 1} of 5" : "all")} | {Share(index[f])} | {index[f].Count:N0} | {Share(byLevel[f])} | {byLevel[f].Count:N0} | {Share(byScale[f])} | {byScale[f].Count:N0} |"));
            }

            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"9-box: {boxCounts.Sum():N0} placements; expected in another box {boxCounts.Sum() - boxSum.Sum():N0}, truly in another box {boxCounts.Sum() - boxHits.Sum():N0}"));
            Console.WriteLine("| P(box) bin | Placements | Mean P(box) | Truly in the box | Difference |");
            Console.WriteLine("|---|---:|---:|---:|---:|");
            for (var b = 0; b < 10; b++)
            {
                if (boxCounts[b] > 0)
                {
                    var (mean, observed) = (boxSum[b] / boxCounts[b], boxHits[b] / boxCounts[b]);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {b / 10.0:0.0}–{(b + 1) / 10.0:0.0} | {boxCounts[b]:N0} | {mean:0.000} | {observed:0.000} | {Math.Round(observed - mean, 3):+0.000;-0.000;0.000} |"));
                }
            }

            Console.WriteLine();
        }

        return 0;
    }

    private static SimulationOptions Settings(RatingDesign design, int seed) => design switch
    {
        RatingDesign.WidelyCrossed => new SimulationOptions { Seed = seed, Design = design, RatersPerPerson = 8, RaterPool = 600 },
        RatingDesign.AssessmentCentre => new SimulationOptions { Seed = seed, Design = design, RatersPerPerson = 4, RaterPool = 40 },
        _ => new SimulationOptions { Seed = seed, Design = design },
    };

    /// <summary>The candidate with every standard error multiplied by <paramref name="factor"/>, correlations kept.</summary>
    private static ReadinessCandidate Scaled(ReadinessCandidate c, double factor) => new(
        c.Person,
        c.Estimates.Select(e => new CompetencyEstimate(e.Person, e.Competency, e.Estimate, e.StandardError * factor, e.Ratings, e.Raters, e.Reliability, e.ShrunkToward)),
        c.OtherRaters, c.Sources, c.Performance, c.SelfMinusOthers, c.RaterSpread, c.ErrorCorrelations, c.ConditionalErrorCorrelations);

    /// <summary>
    /// The standard error of a bin's difference (truly ready − mean P) with organisations as the units sampled (the ratio
    /// estimator's linearised variance): it holds what every person of one organisation shares, which the binomial
    /// Monte-Carlo SE beside it assumes away.
    /// </summary>
    private static double AcrossOrganisations(List<(double Sum, double Hits, int Count)[]> organisations, int bin, double difference)
    {
        var m = organisations.Count;
        var total = organisations.Sum(o => o[bin].Count);
        if (m < 2 || total == 0)
        {
            return double.NaN;
        }

        var squares = organisations.Sum(o => Math.Pow(o[bin].Hits - o[bin].Sum - (difference * o[bin].Count), 2));
        return Math.Sqrt(m / (m - 1.0) * squares) / total;
    }

    /// <summary>Covered and counted by fifth of the true value among the rows, then over all of them (index 5).</summary>
    private static (int Covered, int Count)[] ByQuintile(List<(double Truth, bool Covered)> rows)
    {
        var sorted = rows.Select(r => r.Truth).Order().ToArray();
        var cuts = sorted.Length == 0 ? [] : new[] { 0.2, 0.4, 0.6, 0.8 }.Select(q => sorted[(int)(q * (sorted.Length - 1))]).ToArray();
        return Tally(rows, row => cuts.Count(c => row.Truth > c));
    }

    private static (int Covered, int Count)[] Tally(List<(double Truth, bool Covered)> rows, Func<(double Truth, bool Covered), int> fifth)
    {
        var tally = new (int Covered, int Count)[6];
        foreach (var row in rows)
        {
            foreach (var f in new[] { fifth(row), 5 })
            {
                tally[f] = (tally[f].Covered + (row.Covered ? 1 : 0), tally[f].Count + 1);
            }
        }

        return tally;
    }

    private static string Share((int Covered, int Count) tally) =>
        tally.Count == 0 ? "–" : string.Create(CultureInfo.InvariantCulture, $"{100.0 * tally.Covered / tally.Count:0.0}%");

    /// <summary>
    /// The errors against what the fit stated: z = (true − estimate) / SE over the estimates (E[z²] is 1 when the standard
    /// errors are right), and each person's average z, whose mean square their error correlations imply to be the average of
    /// their correlation matrix's entries.
    /// </summary>
    private sealed class ErrorCheck
    {
        private double _squares;
        private int _estimates;
        private double _personSquares;
        private double _implied;
        private int _people;
        private double _signed;

        public void Add(ReadinessCandidate candidate, IReadOnlyList<double> levels, Dictionary<CompetencyId, int> position)
        {
            var z = candidate.Estimates.Select(e => (levels[position[e.Competency]] - e.Estimate) / e.StandardError).ToArray();
            var correlations = candidate.ErrorCorrelations;
            var implied = 0.0;
            for (var i = 0; i < z.Length; i++)
            {
                for (var j = 0; j < z.Length; j++)
                {
                    implied += correlations?[i, j] ?? 1;
                }
            }

            (_squares, _estimates, _signed) = (_squares + z.Sum(v => v * v), _estimates + z.Length, _signed + z.Sum());
            (_personSquares, _implied, _people) = (_personSquares + (z.Average() * z.Average()), _implied + (implied / (z.Length * z.Length)), _people + 1);
        }

        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"Errors against the stated SEs: E[z²] {_squares / _estimates:0.000}, E[z] {_signed / _estimates:+0.000;-0.000} over {_estimates:N0} estimates; a person's average z, mean square {_personSquares / _people:0.000} against {_implied / _people:0.000} their correlations imply.");
    }

    /// <summary>Tallies for one group of candidates: their estimates' coverage, and their calibration where decisions are made.</summary>
    private sealed class Group
    {
        public int People { get; private set; }

        public int Estimates { get; private set; }

        public int Covered { get; private set; }

        public int Middle { get; private set; }

        public ErrorCheck Errors { get; } = new();

        public double MiddleP { get; private set; }

        public double MiddleReady { get; private set; }

        public int IndexCovered { get; private set; }

        public void Estimate(bool covered) => (Estimates, Covered) = (Estimates + 1, Covered + (covered ? 1 : 0));

        public void Index(bool covered) => IndexCovered += covered ? 1 : 0;

        public void Person(double p, double ready)
        {
            People++;
            if (p is >= 0.2 and < 0.8)
            {
                (Middle, MiddleP, MiddleReady) = (Middle + 1, MiddleP + p, MiddleReady + ready);
            }
        }
    }
}
