using System.Globalization;
using System.IO.Compression;
using Readiness.Calibration;
using Readiness.Competencies;
using Readiness.Evidence;

namespace Readiness.Core.Tests.Calibration;

/// <summary>
/// The longitudinal calibrator against lme4 on multi-cycle ratings drawn by R (Data/growth/make_growth.R), not by our
/// simulator: irregular cycle dates, people who miss a cycle or join late, a rater pool shared across cycles.
/// </summary>
public sealed class GrowthModelLme4Tests
{
    public static TheoryData<string> DataSets => ["growth120", "growth400"];

    [Theory]
    [MemberData(nameof(DataSets))]
    public void Variance_components_the_correlation_and_the_criterion_match_lme4(string name)
    {
        var data = GrowthData.Load(name);
        var fit = data.Fit();

        Assert.True(fit.MeasuresGrowth);
        foreach (var component in new[] { "ratee", "ratee_time", "ratee_competency", "rater", "residual" })
        {
            Assert.Equal(data.Variances[component], fit.VarianceOf(component)!.Value, data.Variances[component] * 2e-5);
        }

        Assert.Equal(data.Variances["correlation"], fit.LevelGrowthCorrelation!.Value, 2e-5);
        Assert.Equal(double.Parse(data.Summary["reml_criterion"], CultureInfo.InvariantCulture), fit.Objective, 1e-6);
    }

    [Theory]
    [MemberData(nameof(DataSets))]
    public void Fixed_effects_and_their_standard_errors_match_lme4(string name)
    {
        var data = GrowthData.Load(name);
        var fit = data.Fit();

        Assert.Equal(data.Fixed.Count, fit.FixedEffects.Length);
        foreach (var effect in fit.FixedEffects)
        {
            var (estimate, se) = data.Fixed[GrowthData.Lme4Name(effect.Name)];
            Assert.Equal(estimate, effect.Estimate, 1e-6);
            Assert.Equal(se, effect.StandardError, 1e-6);
        }

        foreach (var growth in fit.CompetencyGrowth)
        {
            Assert.Equal(data.Fixed[$"competency{growth.Competency}:time"].Estimate, growth.Growth, 1e-6);
        }
    }

    [Theory]
    [MemberData(nameof(DataSets))]
    public void Levels_growth_rates_cells_and_raters_match_lme4s_blups_and_conditional_variances(string name)
    {
        var data = GrowthData.Load(name);
        var fit = data.Fit();
        var design = fit.Design;
        var ratees = design.Ratings.Ratees;
        for (var t = 0; t < ratees.Length; t++)
        {
            var (level, growth, _) = fit.ConditionalRateeCovariance(t);
            Assert.Equal(data.Blups[("ratee", ratees[t].Value)].Blup, fit.LevelEffect(t), 1e-5);
            Assert.Equal(data.Blups[("ratee_time", ratees[t].Value)].Blup, fit.GrowthEffect(t), 1e-5);
            Assert.Equal(data.Blups[("ratee", ratees[t].Value)].Sd, Math.Sqrt(level), 1e-5);
            Assert.Equal(data.Blups[("ratee_time", ratees[t].Value)].Sd, Math.Sqrt(growth), 1e-5);
        }

        for (var c = 0; c < design.Cells; c++)
        {
            var key = ("ratee_competency", $"{ratees[design.CellRatee[c]]}:{design.Ratings.Model.Competencies[design.CellCompetency[c]].Id}");
            Assert.Equal(data.Blups[key].Blup, fit.CellEffect(c), 1e-5);
            Assert.Equal(data.Blups[key].Sd, Math.Sqrt(fit.ConditionalCellVariance(c)), 1e-5);
        }

        foreach (var rater in fit.RaterEffects)
        {
            Assert.Equal(data.Blups[("rater", rater.Rater.Value)].Blup, rater.Effect, 1e-5);
        }

        for (var r = 0; r < design.Raters; r++)
        {
            Assert.Equal(data.Blups[("rater", design.Ratings.Raters[r].Value)].Sd, Math.Sqrt(fit.ConditionalRaterVariance(r)), 1e-5);
        }
    }

    /// <summary>
    /// Development records (make_development.R): coaching on one competency, a programme on all of them, the programme
    /// given more often to people who started low. The intervention terms, their standard errors and the rest of the fixed
    /// part, the criterion and the components match lmer with the same exposure columns.
    /// </summary>
    [Fact]
    public void Intervention_effects_match_lme4_with_the_same_exposure_terms()
    {
        var data = GrowthData.Load("development200");
        var folder = Path.Combine(AppContext.BaseDirectory, "Data", "growth");
        var records = File.ReadLines(Path.Combine(folder, "development200_development.csv")).Skip(1).Select(l => l.Split(','))
            .Select(r => new DevelopmentRecord(new RateeId(r[0]), r[1], DateOnly.Parse(r[3], CultureInfo.InvariantCulture), DateOnly.Parse(r[4], CultureInfo.InvariantCulture), r[2].Length == 0 ? null : r[2]))
            .ToArray();

        var fit = new LongitudinalCalibrator().Calibrate(data.Ratings, data.Cycles, records);

        Assert.Equal(double.Parse(data.Summary["reml_criterion"], CultureInfo.InvariantCulture), fit.Objective, 1e-6);
        Assert.Equal(double.Parse(data.Summary["ratee_time"], CultureInfo.InvariantCulture), fit.VarianceOf(VarianceComponent.RateeTime)!.Value, 1e-7);
        Assert.Equal(double.Parse(data.Summary["residual"], CultureInfo.InvariantCulture), fit.VarianceOf(VarianceComponent.Residual)!.Value, 1e-7);
        Assert.Equal(data.Fixed.Count, fit.FixedEffects.Length);
        foreach (var effect in fit.FixedEffects)
        {
            var (estimate, se) = data.Fixed[GrowthData.Lme4Name(effect.Name)];
            Assert.Equal(estimate, effect.Estimate, 1e-6);
            Assert.Equal(se, effect.StandardError, 1e-6);
        }

        Assert.Equal(["coaching", "programme"], fit.InterventionEffects.Select(e => e.Intervention));
        var coaching = fit.InterventionEffects[0];
        Assert.Equal(records.Count(r => r.Intervention == "coaching"), coaching.People);
        Assert.Equal(data.Fixed["during_coaching"].Estimate, coaching.During!.Estimate, 1e-6);
        Assert.Equal(coaching.During.Estimate - (1.959963984540054 * coaching.During.StandardError), coaching.DuringLower!.Value, 12);

        // What each develops, as the records say: coaching its one competency, the programme (no competency) all of them.
        Assert.Equal(records.Where(r => r.Intervention == "coaching").Select(r => new CompetencyId(r.Competency!)).Distinct().Order(), coaching.Competencies.Order());
        Assert.Equal(LeadershipFramework.Model.Competencies.Select(c => c.Id), fit.InterventionEffects[1].Competencies);
        var lengths = records.Where(r => r.Intervention == "coaching").Select(r => (r.End!.Value.DayNumber - r.Start.DayNumber) / 365.25).Order().ToArray();
        Assert.Equal((lengths[(lengths.Length - 1) / 2] + lengths[lengths.Length / 2]) / 2, coaching.TypicalYears!.Value, 12);
        Assert.Contains(fit.Warnings, w => w.Code == CalibrationWarningCodes.DevelopmentNotRandomised);
    }

    /// <summary>Reads Data/growth: the ratings, the cycles' dates and what lmer fitted.</summary>
    internal sealed class GrowthData
    {
        private GrowthData(string name)
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "Data", "growth");
            using (var reader = new StreamReader(new GZipStream(File.OpenRead(Path.Combine(folder, name + "_ratings.csv.gz")), CompressionMode.Decompress)))
            {
                var header = reader.ReadLine()!.Split(',');
                var builder = new RatingSetBuilder(LeadershipFramework.Model);
                while (reader.ReadLine() is { } line)
                {
                    var f = line.Split(',');
                    string Field(string column) => f[Array.IndexOf(header, column)];
                    var source = Enum.GetValues<RaterSource>().Single(s => Lme4Data.SourceName(s) == Field("source"));
                    builder.Add(new Rating(new RateeId(Field("ratee")), new RaterId(Field("rater")), source, Field("competency"), Number(Field("value")), Field("cycle")));
                }

                var intake = builder.Build();
                Assert.Empty(intake.Report.Rejected);
                Ratings = intake.Ratings;
            }

            Cycles = ReviewCycles.Create(Rows(folder, name + "_cycles.csv").Select(r => new ReviewCycle(r[0], DateOnly.ParseExact(r[1], "yyyy-MM-dd", CultureInfo.InvariantCulture))));
            Variances = File.Exists(Path.Combine(folder, name + "_variance.csv")) ? Rows(folder, name + "_variance.csv").ToDictionary(r => r[0], r => Number(r[1])) : [];
            Fixed = Rows(folder, name + "_fixed.csv").ToDictionary(r => r[0], r => (Number(r[1]), Number(r[2])));
            using (var reader = File.Exists(Path.Combine(folder, name + "_blups.csv.gz"))
                ? new StreamReader(new GZipStream(File.OpenRead(Path.Combine(folder, name + "_blups.csv.gz")), CompressionMode.Decompress))
                : new StreamReader(new MemoryStream([])))
            {
                reader.ReadLine();
                while (reader.ReadLine() is { } line)
                {
                    var r = line.Split(',');
                    Blups.Add((r[0], r[1]), (Number(r[2]), Number(r[3])));
                }
            }

            Summary = Rows(folder, name + "_fit.csv", header: false).ToDictionary(r => r[0], r => r[1]);
        }

        public RatingSet Ratings { get; }

        public ReviewCycles Cycles { get; }

        public Dictionary<string, double> Variances { get; }

        public Dictionary<string, (double Estimate, double Se)> Fixed { get; }

        public Dictionary<(string Term, string Level), (double Blup, double Sd)> Blups { get; } = [];

        public Dictionary<string, string> Summary { get; }

        public static GrowthData Load(string name) => new(name);

        /// <summary>lme4 names the slopes competency&lt;id&gt;:time, ours time:&lt;id&gt;; the exposure columns are during_X and after_X, ours during:X and after:X.</summary>
        public static string Lme4Name(string ours) =>
            ours.StartsWith("time:", StringComparison.Ordinal) ? $"competency{ours["time:".Length..]}:time"
            : ours.StartsWith("during:", StringComparison.Ordinal) || ours.StartsWith("after:", StringComparison.Ordinal) ? ours.Replace(':', '_')
            : Lme4Data.Lme4Name(ours);

        public GrowthCalibration Fit() => new LongitudinalCalibrator().Calibrate(Ratings, Cycles);

        private static IEnumerable<string[]> Rows(string folder, string file, bool header = true) =>
            File.ReadLines(Path.Combine(folder, file)).Skip(header ? 1 : 0).Select(l => l.Split(','));

        private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);
    }
}
