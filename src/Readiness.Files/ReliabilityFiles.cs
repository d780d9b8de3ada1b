using System.Globalization;
using System.Text.Json;
using Readiness.Reliability;
using Readiness.Serialization;

namespace Readiness.Files;

/// <summary>
/// Writes a <see cref="ReliabilityReport"/>: <c>reliability.json</c> (ICC and alpha per competency and overall, evidence
/// planning), <c>rater-diagnostics.csv</c>, <c>self-other.csv</c> and <c>agreement.csv</c>.
/// </summary>
public static class ReliabilityFiles
{
    /// <summary>Writes <c>reliability.json</c>.</summary>
    /// <param name="stream">Where to write (UTF-8).</param>
    /// <param name="report">The report.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void WriteReliability(Stream stream, ReliabilityReport report)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(report);
        using (var json = Json.Writer(stream))
        {
            json.WriteStartObject();
            json.WriteString("iccDesign", $"per ratee the first m other raters by id, m the most that {ReliabilityReport.IccCoverage.ToString("P0", CultureInfo.InvariantCulture)} of ratees have; the one-way forms fit (raters differ by ratee)");
            json.WriteStartArray("anonymisedSources");
            foreach (var source in report.AnonymisedSources)
            {
                json.WriteStringValue(WireNames.Of(source));
            }

            json.WriteEndArray();
            json.WriteStartArray("competencies");
            foreach (var competency in report.Competencies)
            {
                Write(json, competency);
            }

            json.WriteEndArray();
            json.WritePropertyName("overall");
            Write(json, report.Overall);
            if (report.SingleRaterReliability is { } single)
            {
                json.WriteStartObject("evidencePlanning");
                json.WriteNumber("singleRaterReliability", Math.Round(single, 6));
                foreach (var target in new[] { 0.7, 0.8, 0.9 })
                {
                    json.WriteNumber($"ratersFor{(int)(target * 100)}", single > 0 ? SpearmanBrown.RatersNeeded(single, target) : -1);
                }

                if (report.EvidencePlan is { } plan)
                {
                    // The same question answered by simulating this organisation's design (who rates whom), seeded.
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
            else
            {
                // Without a rater component (the Rasch model, or every source anonymised) there is no one rater's share to plan from.
                json.WriteNull("evidencePlanning");
            }

            json.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
    }

    /// <summary>Writes <c>rater,ratings,ratees,leniency,se,leniency_p,spread_ratio,spread_p,halo_ratio,halo_p,mean_square,mean_square_p,flags</c>: each number with its test's p-value.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="report">The report.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void WriteRaterDiagnostics(TextWriter writer, ReliabilityReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        WriteRaterDiagnostics(writer, report.RaterDiagnostics);
    }

    /// <summary>Writes the diagnostics given in the columns of <c>rater-diagnostics.csv</c> (the raters a <see cref="StyledRaterScreen"/> set aside, for example).</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="diagnostics">The diagnostics.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void WriteRaterDiagnostics(TextWriter writer, IEnumerable<RaterDiagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(diagnostics);
        writer.WriteLine("rater,ratings,ratees,leniency,se,leniency_p,spread_ratio,spread_p,halo_ratio,halo_p,mean_square,mean_square_p,flags");
        foreach (var d in diagnostics)
        {
            writer.WriteLine(string.Join(',', CsvCells.Field(d.Rater.Value), d.Ratings, d.Ratees, N(d.Leniency), N(d.LeniencyStandardError), N(d.LeniencyP),
                N(d.SpreadRatio), N(d.SpreadP), N(d.HaloRatio), N(d.HaloP), N(d.MeanSquare), N(d.MeanSquareP),
                WireNames.Of(d.Issues)));
        }
    }

    /// <summary>Writes <c>ratee,competency,self,others,difference,category</c>: per person an overall row (with the category), then a row per competency.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="report">The report.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void WriteSelfOther(TextWriter writer, ReliabilityReport report)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(report);
        writer.WriteLine("ratee,competency,self,others,difference,category");
        foreach (var p in report.SelfOther.People)
        {
            writer.WriteLine($"{CsvCells.Field(p.Person.Value)},overall,{N(p.Self)},{N(p.Others)},{N(p.Difference)},{WireNames.Of(p.Category)}");
            foreach (var c in p.Competencies)
            {
                writer.WriteLine($"{CsvCells.Field(p.Person.Value)},{CsvCells.Field(c.Competency.Value)},{N(c.Self)},{N(c.Others)},{N(c.Difference)},");
            }
        }
    }

    /// <summary>Writes <c>ratee,competency,people,mean_sd,rwg</c>: per person r_wg(J) over their competencies, then per competency the mean over people.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="report">The report.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void WriteAgreement(TextWriter writer, ReliabilityReport report)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(report);
        writer.WriteLine("ratee,competency,people,mean_sd,rwg");
        foreach (var p in report.Agreement.People)
        {
            writer.WriteLine($"{CsvCells.Field(p.Person.Value)},overall,,{N(p.MeanStandardDeviation)},{N(p.RwgJ)}");
        }

        foreach (var c in report.Agreement.Competencies)
        {
            writer.WriteLine($",{CsvCells.Field(c.Competency.Value)},{c.People},{N(c.MeanStandardDeviation)},{N(c.MeanRwg)}");
        }
    }

    private static void Write(Utf8JsonWriter json, CompetencyReliability reliability)
    {
        json.WriteStartObject();
        json.WriteString("competency", reliability.Competency);
        json.WriteNumber("ratees", reliability.Ratees);
        json.WriteNumber("iccRaters", reliability.IccRaters);
        json.WriteNumber("iccTargets", reliability.IccTargets);
        if (reliability.Icc is { } icc)
        {
            json.WriteStartObject("icc");
            foreach (var e in icc.Estimates)
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

        json.WriteStartObject("krippendorffAlpha");
        foreach (var metric in Enum.GetValues<AlphaMetric>())
        {
            Number(json, WireNames.Of(metric), reliability.Alpha(metric));
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter json, string name, double? value) => Json.NumberOrNull(json, name, value is { } v ? Math.Round(v, 6) : null);

    private static string N(double? value) => CsvCells.Rounded(value, 6);
}
