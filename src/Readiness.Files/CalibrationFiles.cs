using System.Text.Json;
using Readiness.Calibration;
using Readiness.Competencies;
using Readiness.Evidence;
using Readiness.Reliability;
using Readiness.Serialization;

namespace Readiness.Files;

/// <summary>
/// Writes a calibration's files: <c>estimates.csv</c>, <c>raters.csv</c>, <c>model.json</c> (method, variance components,
/// fixed and source effects, the Rasch measures), <c>rejects.csv</c> and <c>warnings.txt</c>. Their columns and keys are
/// documented in <c>docs/file-formats.md</c>.
/// </summary>
public static class CalibrationFiles
{
    /// <summary>
    /// Writes <c>ratee,competency,estimate,se,ratings,raters,reliability,low,high</c>: one row per person and competency, with
    /// the estimate's reliability and the confidence interval of the true level (<see cref="CompetencyEstimate.Interval"/>).
    /// </summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="result">The calibration.</param>
    /// <param name="scale">The model's scale, to keep the intervals on it; null to leave them as computed.</param>
    /// <param name="level">The intervals' coverage, in (0, 1). The default value is 0.9.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> or <paramref name="result"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not in (0, 1).</exception>
    public static void WriteEstimates(TextWriter writer, CalibrationResult result, ProficiencyScale? scale = null, double level = 0.9)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        writer.WriteLine("ratee,competency,estimate,se,ratings,raters,reliability,low,high");
        foreach (var e in result.Estimates)
        {
            var interval = e.Interval(level, scale);
            writer.WriteLine($"{CsvCells.Field(e.Person.Value)},{CsvCells.Field(e.Competency.Value)},{CsvCells.Number(e.Estimate)},{CsvCells.Number(e.StandardError)},{e.Ratings},{e.Raters}," +
                $"{CsvCells.Number(e.Reliability)},{CsvCells.Number(interval.Lower)},{CsvCells.Number(interval.Upper)}");
        }
    }

    /// <summary>Writes <c>rater,effect,se,ratings</c>: one row per rater whose leniency was estimated.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="result">The calibration.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void WriteRaters(TextWriter writer, CalibrationResult result)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        writer.WriteLine("rater,effect,se,ratings");
        foreach (var r in result.RaterEffects)
        {
            writer.WriteLine($"{CsvCells.Field(r.Rater.Value)},{CsvCells.Number(r.Effect)},{CsvCells.Number(r.StandardError)},{r.Ratings}");
        }
    }

    /// <summary>Writes <c>line,reason,message</c>: every row the intake refused, with the line it came from.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="file">The ratings file as read.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void WriteRejects(TextWriter writer, RatingsFile file)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(file);
        writer.WriteLine("line,reason,message");
        foreach (var r in file.Report.Rejected)
        {
            writer.WriteLine($"{file.Lines[r.Row]},{WireNames.Of(r.Reason)},{CsvCells.Field(file.Message(r))}");
        }
    }

    /// <summary>
    /// Writes the calibration's warnings, one per line (nothing when there are none): what the numbers can and cannot be
    /// trusted for, for a pipeline that reads only the files.
    /// </summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="result">The calibration.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void WriteWarnings(TextWriter writer, CalibrationResult result)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        foreach (var warning in result.Warnings)
        {
            writer.WriteLine(warning.Message);
        }
    }

    /// <summary>
    /// Writes <c>model.json</c>: the method and algorithm, the intake's counts, the variance components (and their Monte
    /// Carlo errors on the scalable path), the crossed model's person effect (<c>shared</c> or <c>per-domain</c>), fixed and source effects, iterations, convergence, the criterion, the Rasch
    /// measures when the method is Rasch, and the warnings.
    /// </summary>
    /// <param name="stream">Where to write (UTF-8).</param>
    /// <param name="result">The calibration.</param>
    /// <param name="report">The intake's report.</param>
    /// <param name="screen">The raters set aside before the fit, when they were (<c>setAsideRaters</c>, <c>setAsideRatings</c>, and <c>styledRatersKeptFor</c>, the people who kept their ratings); null when none were screened.</param>
    /// <exception cref="ArgumentNullException">An argument other than <paramref name="screen"/> is null.</exception>
    public static void WriteModel(Stream stream, CalibrationResult result, IntakeReport report, StyledRaterScreen? screen = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(report);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("method", WireNames.Of(result.Method));
        json.WriteString("algorithm", result.Algorithm);
        json.WriteNumber("submitted", report.Submitted);
        json.WriteNumber("accepted", report.Accepted);
        json.WriteNumber("rejected", report.Rejected.Length);
        if (result.Crossed is { } crossed)
        {
            json.WriteString("personEffect", WireNames.Of(crossed.PersonEffectPerDomain ? PersonEffect.PerDomain : PersonEffect.Shared));
            json.WriteBoolean("componentsHeld", crossed.ComponentsHeld);
        }

        if (screen is not null)
        {
            json.WriteNumber("setAsideRaters", screen.SetAside.Length);
            json.WriteNumber("setAsideRatings", screen.RatingsSetAside);
            json.WriteNumber("styledRatersKeptFor", screen.KeptFor.Length);
        }

        json.WriteStartObject("varianceComponents");
        foreach (var v in result.VarianceComponents)
        {
            json.WriteNumber(v.Name, v.Variance);
        }

        json.WriteEndObject();
        if (result.VarianceComponents.Any(v => v.MonteCarloError is not null))
        {
            // The scalable path estimates REML with random probes: how far each component may sit from the optimum on that account.
            json.WriteStartObject("varianceComponentMonteCarloErrors");
            foreach (var v in result.VarianceComponents)
            {
                json.WriteNumber(v.Name, v.MonteCarloError ?? 0);
            }

            json.WriteEndObject();
        }

        json.WriteStartArray("fixedEffects");
        foreach (var f in result.FixedEffects)
        {
            json.WriteStartObject();
            json.WriteString("name", f.Name);
            json.WriteNumber("estimate", f.Estimate);
            Json.NumberOrNull(json, "se", f.StandardError);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("sourceEffects");
        foreach (var s in result.SourceEffects)
        {
            json.WriteStartObject();
            json.WriteString("source", WireNames.Of(s.Source));
            json.WriteNumber("effect", s.Effect);
            Json.NumberOrNull(json, "se", s.StandardError);
            json.WriteNumber("ratings", s.Ratings);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteNumber("iterations", result.Iterations);
        json.WriteBoolean("converged", result.Converged);
        Json.NumberOrNull(json, result.Rasch is null ? "remlCriterion" : "minusTwoLogLikelihood", result.Objective ?? double.NaN);
        if (result.Rasch is { } rasch)
        {
            WriteRasch(json, rasch);
        }

        json.WriteStartArray("warnings");
        foreach (var w in result.Warnings)
        {
            json.WriteStartObject();
            json.WriteString("code", w.Code);
            json.WriteString("message", w.Message);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        stream.WriteByte((byte)'\n');
    }

    /// <summary>The many-facet Rasch measures: competencies, raters (and sources) by id, thresholds, categories and separation.</summary>
    private static void WriteRasch(Utf8JsonWriter json, RaschFit rasch)
    {
        WriteElements(json, "competencies", rasch.Competencies);
        WriteElements(json, "raters", rasch.Raters);
        if (rasch.Sources.Length > 0)
        {
            WriteElements(json, "sources", rasch.Sources);
        }

        json.WriteStartArray("thresholds");
        foreach (var t in rasch.Thresholds)
        {
            json.WriteNumberValue(t);
        }

        json.WriteEndArray();
        json.WriteBoolean("thresholdsOrdered", rasch.ThresholdsOrdered);
        json.WriteStartArray("categories");
        foreach (var c in rasch.Categories)
        {
            json.WriteStartObject();
            json.WriteNumber("level", c.Level);
            json.WriteNumber("count", c.Count);
            Json.NumberOrNull(json, "averageMeasure", c.AverageMeasure);
            Json.NumberOrNull(json, "expectedAverageMeasure", c.ExpectedAverageMeasure);
            Json.NumberOrNull(json, "threshold", c.Threshold);
            Json.NumberOrNull(json, "thresholdSe", c.ThresholdStandardError);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("separation");
        foreach (var (facet, separation) in new[] { ("ratees", rasch.RateeSeparation), ("competencies", rasch.CompetencySeparation), ("raters", rasch.RaterSeparation) })
        {
            json.WriteStartObject(facet);
            Json.NumberOrNull(json, "separation", separation.Separation);
            Json.NumberOrNull(json, "reliability", separation.Reliability);
            Json.NumberOrNull(json, "strata", separation.Strata);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteNumber("ratingsUsed", rasch.RatingsUsed);
    }

    private static void WriteElements(Utf8JsonWriter json, string name, IEnumerable<RaschElement> elements)
    {
        json.WriteStartObject(name);
        foreach (var e in elements)
        {
            json.WriteStartObject(e.Id);
            json.WriteNumber("measure", e.Measure);
            Json.NumberOrNull(json, "se", e.StandardError);
            Json.NumberOrNull(json, "infit", e.Infit);
            Json.NumberOrNull(json, "outfit", e.Outfit);
            Json.NumberOrNull(json, "infitZ", e.InfitZ);
            Json.NumberOrNull(json, "outfitZ", e.OutfitZ);
            Json.NumberOrNull(json, "fairAverage", e.FairAverage);
            json.WriteNumber("ratings", e.Ratings);
            json.WriteBoolean("extreme", e.IsExtreme);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }
}
