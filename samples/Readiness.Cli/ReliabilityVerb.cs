using System.Text.Json;
using Readiness.Calibration;
using Readiness.Evidence;
using Readiness.Reliability;

namespace Readiness.Cli;

/// <summary>
/// <c>readiness reliability --ratings FILE.csv [--method …] [--out DIR]</c>: how far the raters agree — ICC and Krippendorff's
/// alpha per competency and overall, the raters a target reliability needs — with rater diagnostics and self–other
/// agreement. Writes reliability.json, rater-diagnostics.csv, self-other.csv and agreement.csv (r_wg per person and competency).
/// </summary>
/// <remarks>
/// In a 360° cycle every person has their own raters, so the ratee × rater table the ICC needs is not complete. Each
/// competency's table is built from each ratee's first m other raters (by rater id), m being the largest number of raters
/// that at least 80% of the ratees have (at least 2); ratees with fewer are left out and counted. Raters differ from ratee
/// to ratee, which is the one-way design: ICC(1,1) and ICC(1,k) are the forms that fit; the two-way forms are written for
/// completeness. Krippendorff's alpha needs no complete table: units are the ratees, coders the raters, with every
/// missing pair allowed. "Overall" uses each rater's mean over the competencies they rated a person on.
/// </remarks>
internal static class ReliabilityVerb
{
    private const double Coverage = 0.8;

    public static int Run(FileInfo ratingsFile, FileInfo? modelFile, ColumnMap columns, string method, DirectoryInfo output, TextWriter console, TextWriter error)
    {
        try
        {
            BadInput.RefuseOverwrite(output, ["reliability.json", "rater-diagnostics.csv", "self-other.csv", "agreement.csv", "warnings.txt", "rejects.csv"], ratingsFile, modelFile);
            var model = CohortInput.ReadModel(modelFile);
            if (CohortInput.ReadRatings(ratingsFile, columns, model, modelFile is not null, output, error)?.Intake is not { } intake)
            {
                return WeightsVerb.BadInput;
            }

            console.WriteLine($"Read {intake.Report}.");
            var ratings = intake.Ratings;
            var calibration = CalibrateVerb.Calibrator(method, CrossedModelPath.Auto).Calibrate(ratings);
            CalibrateVerb.WriteWarnings(calibration, console);
            using var staging = OutputStaging.Begin(output);
            var written = staging.Directory;
            CalibrateVerb.WriteWarningsFile(written, calibration);
            using (var stream = File.Create(Path.Combine(written.FullName, "reliability.json")))
            using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                json.WriteStartObject();
                json.WriteString("iccDesign", $"per ratee the first m other raters by id, m the most that {Coverage:P0} of ratees have; the one-way forms fit (raters differ by ratee)");
                json.WriteStartArray("competencies");
                for (var c = 0; c < model.Competencies.Length; c++)
                {
                    var competency = c;
                    WriteReliability(json, model.Competencies[c].Id, Cells(ratings, r => r == competency));
                }

                json.WriteEndArray();
                json.WritePropertyName("overall");
                WriteReliability(json, "overall", Cells(ratings, _ => true));
                if (calibration.VarianceOf(VarianceComponent.Rater) is not null)
                {
                    var single = SpearmanBrown.SingleRaterReliability(calibration);
                    json.WriteStartObject("evidencePlanning");
                    json.WriteNumber("singleRaterReliability", Math.Round(single, 6));
                    foreach (var target in new[] { 0.7, 0.8, 0.9 })
                    {
                        json.WriteNumber($"ratersFor{(int)(target * 100)}", single > 0 ? SpearmanBrown.RatersNeeded(single, target) : -1);
                    }

                    if (single > 0)
                    {
                        // The same question answered by simulating this organisation's design (who rates whom), seeded.
                        var plan = EvidencePlan.Simulate(ratings, calibration, new EvidencePlanOptions { Target = 0.8, MaxRaters = 12, Replications = 10 });
                        json.WriteNumber("simulatedRatersFor80", plan.SimulatedRaters ?? -1);
                        json.WriteStartArray("simulated");
                        foreach (var step in plan.Steps)
                        {
                            json.WriteStartObject();
                            json.WriteNumber("raters", step.Raters);
                            json.WriteNumber("spearmanBrown", Math.Round(step.SpearmanBrown, 6));
                            json.WriteNumber("simulated", Math.Round(step.Simulated, 6));
                            json.WriteNumber("se", Math.Round(step.SimulatedStandardError, 6));
                            json.WriteEndObject();
                        }

                        json.WriteEndArray();
                    }

                    json.WriteEndObject();
                }

                json.WriteEndObject();
            }

            var diagnostics = RaterDiagnostics.Analyze(ratings, calibration);
            using (var writer = new StreamWriter(Path.Combine(written.FullName, "rater-diagnostics.csv")))
            {
                writer.WriteLine("rater,ratings,ratees,leniency,se,spread_ratio,halo_ratio,mean_square,flags");
                foreach (var d in diagnostics)
                {
                    writer.WriteLine(string.Join(',', RatingsCsv.Field(d.Rater.Value), d.Ratings, d.Ratees, N(d.Leniency), N(d.LeniencyStandardError), N(d.SpreadRatio), N(d.HaloRatio), N(d.MeanSquare),
                        RatingsCsv.Flags(d.Issues)));
                }
            }

            var agreement = SelfOtherAgreement.Analyze(ratings);
            using (var writer = new StreamWriter(Path.Combine(written.FullName, "self-other.csv")))
            {
                writer.WriteLine("ratee,competency,self,others,difference,category");
                foreach (var p in agreement.People)
                {
                    writer.WriteLine($"{RatingsCsv.Field(p.Person.Value)},overall,{N(p.Self)},{N(p.Others)},{N(p.Difference)},{p.Category}");
                    foreach (var (competency, self, others, difference) in p.Competencies)
                    {
                        writer.WriteLine($"{RatingsCsv.Field(p.Person.Value)},{competency},{N(self)},{N(others)},{N(difference)},");
                    }
                }
            }

            var spread = InterRaterAgreement.Analyze(ratings);
            using (var writer = new StreamWriter(Path.Combine(written.FullName, "agreement.csv")))
            {
                // Per person the r_wg(J) over their competencies, then per competency the mean over people.
                writer.WriteLine("ratee,competency,people,mean_sd,rwg");
                foreach (var p in spread.People)
                {
                    writer.WriteLine($"{RatingsCsv.Field(p.Ratee.Value)},overall,,{N(p.MeanStandardDeviation)},{N(p.RwgJ)}");
                }

                foreach (var c in spread.Competencies)
                {
                    writer.WriteLine($",{c.Competency},{c.People},{N(c.MeanStandardDeviation)},{N(c.MeanRwg)}");
                }
            }

            staging.Commit();
            console.WriteLine($"{diagnostics.Count(d => d.Issues != RaterIssues.None)} of {diagnostics.Length} raters flagged; " +
                $"{string.Join(", ", agreement.People.GroupBy(p => p.Category).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key}"))}; {agreement.Excluded.Length} without self- and other-ratings to compare.");
            console.WriteLine($"Wrote reliability.json, rater-diagnostics.csv, self-other.csv, agreement.csv, warnings.txt and manifest.json to {output.FullName}");
            return WeightsVerb.Ok;
        }
        catch (Exception e) when (BadInput.Is(e))
        {
            return BadInput.Report(e, error);
        }
    }

    /// <summary>Per ratee, the other raters' (mean) rating over the competencies <paramref name="include"/> selects.</summary>
    private static Dictionary<int, Dictionary<int, double>> Cells(RatingSet ratings, Func<int, bool> include)
    {
        var sums = new Dictionary<(int Ratee, int Rater), (int N, double Sum)>();
        for (var i = 0; i < ratings.Count; i++)
        {
            if (ratings.Sources[i] == RaterSource.Self || !include(ratings.CompetencyIndices[i]))
            {
                continue;
            }

            var key = (ratings.RateeIndices[i], ratings.RaterIndices[i]);
            var s = sums.GetValueOrDefault(key);
            sums[key] = (s.N + 1, s.Sum + ratings.Values[i]);
        }

        return sums.GroupBy(s => s.Key.Ratee).ToDictionary(g => g.Key, g => g.ToDictionary(s => s.Key.Rater, s => s.Value.Sum / s.Value.N));
    }

    private static void WriteReliability(Utf8JsonWriter json, string name, Dictionary<int, Dictionary<int, double>> cells)
    {
        json.WriteStartObject();
        json.WriteString("competency", name);
        var counts = cells.Values.Select(r => r.Count).OrderDescending().ToArray();
        var m = counts.Length == 0 ? 0 : counts[Math.Max(0, (int)Math.Ceiling(Coverage * counts.Length) - 1)];
        var targets = cells.Where(c => c.Value.Count >= m).OrderBy(c => c.Key).ToArray();
        json.WriteNumber("ratees", cells.Count);
        json.WriteNumber("iccRaters", m);
        json.WriteNumber("iccTargets", m >= 2 ? targets.Length : 0);
        if (m >= 2 && targets.Length >= 2)
        {
            var table = new double[targets.Length, m];
            for (var t = 0; t < targets.Length; t++)
            {
                var first = targets[t].Value.OrderBy(r => r.Key).Take(m).ToArray();
                for (var j = 0; j < m; j++)
                {
                    table[t, j] = first[j].Value;
                }
            }

            json.WriteStartObject("icc");
            foreach (var e in IntraclassCorrelation.Compute(table).Estimates)
            {
                json.WriteStartObject(e.Form);
                Number(json, "value", e.Value);
                Number(json, "lower", e.Lower);
                Number(json, "upper", e.Upper);
                Number(json, "f", e.F);
                Number(json, "p", e.P);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("icc");
        }

        // Alpha: units are the ratees, each with its raters' values (a raters × ratees table would be mostly empty and
        // grow with the square of the organisation).
        var units = cells.OrderBy(c => c.Key).Select(c => (IReadOnlyList<double>)[.. c.Value.OrderBy(r => r.Key).Select(r => r.Value)]).ToArray();
        json.WriteStartObject("krippendorffAlpha");
        foreach (var metric in Enum.GetValues<AlphaMetric>())
        {
            var key = metric.ToString().ToLowerInvariant();
            try
            {
                Number(json, key, KrippendorffAlpha.FromUnits(units, metric));
            }
            catch (ArgumentException)
            {
                json.WriteNull(key); // undefined for this data (no pairable values, or no variation)
            }
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter json, string name, double value) =>
        WeightsVerb.WriteNumberOrNull(json, name, double.IsFinite(value) ? Math.Round(value, 6) : null);

    private static string N(double? value) => value is { } v && double.IsFinite(v) ? RatingsCsv.Number(Math.Round(v, 6)) : string.Empty;
}
