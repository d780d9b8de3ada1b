using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using CsvHelper;
using Readiness.Calibration;
using Readiness.Evidence;
using Readiness.Fairness;
using Readiness.Reliability;
using Readiness.Serialization;

namespace Readiness.Files;

/// <summary>
/// The files of readiness over time: the review-cycle calendar read (<c>cycle,date</c>), and the longitudinal fit written
/// as <c>trajectories.csv</c>, <c>growth.csv</c> and <c>model.json</c>.
/// </summary>
public static class ProgressFiles
{
    /// <summary>
    /// Reads <c>cycle,date</c>, a date per cycle label (ISO 8601, <c>yyyy-MM-dd</c>). A calendar is short and every rating
    /// depends on it, so a row that cannot be used stops the read rather than being left out.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <returns>The calendar.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="TableFileException">The header lacks cycle or date, a row has no label or no ISO date, a label is listed twice, or there is no row; the message names the line.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static ReviewCycles ReadCycles(string path) => InputTables.Guarded(() => ReadCyclesOf(path));

    private static ReviewCycles ReadCyclesOf(string path)
    {
        using var csv = InputTables.Open(path);
        if (!csv.Read() || csv.Record is not { } header || !header.Contains("cycle") || !header.Contains("date"))
        {
            throw new TableFileException("expected a header row with cycle,date");
        }

        var (label, date) = (Array.IndexOf(header, "cycle"), Array.IndexOf(header, "date"));
        var cycles = new List<ReviewCycle>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (csv.Read())
        {
            var record = CsvCells.ReadAll(csv.Record!);
            if (record.Length != header.Length || record[label].Length == 0
                || !IsoDate(record[date], out var day))
            {
                throw new TableFileException($"line {csv.RawRow} is not a cycle label and an ISO date (yyyy-MM-dd); every cycle needs its date");
            }

            if (!seen.Add(record[label]))
            {
                throw new TableFileException($"line {csv.RawRow} lists the cycle '{CsvCells.Shown(record[label])}' a second time; each cycle has one date");
            }

            cycles.Add(new ReviewCycle(record[label], day));
        }

        return cycles.Count > 0 ? ReviewCycles.Create(cycles) : throw new TableFileException("the file lists no cycle");
    }

    /// <summary>
    /// Reads <c>ratee,intervention,competency,start,end</c>: one person's part in a development intervention (by the
    /// organisation's own name for it), on one competency or — <c>competency</c> empty — on all of them, from
    /// <c>start</c> to <c>end</c> (ISO dates; <c>end</c> empty while it goes on). A row without a person id, an
    /// intervention name and a start date, whose end is before its start, that repeats an earlier row, or that overlaps an
    /// earlier row of the same person and intervention on a competency both develop, is left out and reported with its line.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <returns>The records.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="TableFileException">The header lacks one of the five columns.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static TableRead<ImmutableArray<DevelopmentRecord>> ReadDevelopment(string path) => InputTables.Guarded(() => ReadDevelopmentOf(path));

    private static TableRead<ImmutableArray<DevelopmentRecord>> ReadDevelopmentOf(string path)
    {
        string[] columns = ["ratee", "intervention", "competency", "start", "end"];
        using var csv = InputTables.Open(path);
        var (header, at) = Header(csv, columns);
        var records = ImmutableArray.CreateBuilder<DevelopmentRecord>();
        var rejected = ImmutableArray.CreateBuilder<TableReject>();
        var seen = new HashSet<(RateeId, string, string, DateOnly, DateOnly?)>();
        var periods = new Dictionary<(RateeId, string), List<(DevelopmentRecord Record, int Line)>>();
        while (csv.Read())
        {
            var r = CsvCells.ReadAll(csv.Record!);
            if (r.Length != header.Length || !RateeId.TryCreate(r[at[0]], out var person) || r[at[1]].Length == 0 || !IsoDate(r[at[3]], out var start))
            {
                rejected.Add(new TableReject(csv.RawRow, "not a ratee id, an intervention name and an ISO start date (yyyy-MM-dd); left out."));
                continue;
            }

            DateOnly? end = null;
            if (r[at[4]].Length > 0)
            {
                if (!IsoDate(r[at[4]], out var last) || last < start)
                {
                    rejected.Add(new TableReject(csv.RawRow, $"the end '{CsvCells.Shown(r[at[4]])}' is not an ISO date on or after the start; left out."));
                    continue;
                }

                end = last;
            }

            // A row repeated, or overlapping another of the same person and intervention on a competency both develop,
            // would count the same months twice (records of one name add up).
            if (!seen.Add((person, r[at[1]], r[at[2]], start, end)))
            {
                rejected.Add(new TableReject(csv.RawRow, "repeats an earlier row (the same person, intervention, competency and dates), which would count its time twice; left out."));
                continue;
            }

            var record = new DevelopmentRecord(person, r[at[1]], start, end, r[at[2]].Length == 0 ? null : r[at[2]]);
            var key = (person, r[at[1]]);
            if (!periods.TryGetValue(key, out var earlier))
            {
                periods[key] = earlier = [];
            }

            if (earlier.FirstOrDefault(e => e.Record.Overlaps(record)) is { Line: > 0 } clash)
            {
                rejected.Add(new TableReject(csv.RawRow, $"overlaps the row at line {clash.Line} (the same person and intervention, on a competency both develop), which would count the months they share twice; left out."));
                continue;
            }

            earlier.Add((record, csv.RawRow));
            records.Add(record);
        }

        return new TableRead<ImmutableArray<DevelopmentRecord>>(records.ToImmutable(), rejected.ToImmutable());
    }

    /// <summary>Writes <c>ratee,intervention,competency,start,end</c>, the records as <see cref="ReadDevelopment"/> reads them.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="records">The development records.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void WriteDevelopment(TextWriter writer, IEnumerable<DevelopmentRecord> records)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(records);
        writer.WriteLine("ratee,intervention,competency,start,end");
        foreach (var r in records)
        {
            writer.WriteLine($"{CsvCells.Field(r.Person.Value)},{CsvCells.Field(r.Intervention)},{CsvCells.Field(r.Competency ?? string.Empty)},{Iso(r.Start)},{(r.End is { } end ? Iso(end) : string.Empty)}");
        }
    }

    /// <summary>
    /// Reads <c>ratee,date,role</c>: who was promoted, on which date (ISO, <c>yyyy-MM-dd</c>), into which role profile (its
    /// id). A row without a person id, an ISO date and a role, or a second promotion of the same person (the first is
    /// followed up), is left out and reported with its line.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <returns>The promotions.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="TableFileException">The header lacks one of the three columns.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static TableRead<ImmutableArray<PromotionRecord>> ReadPromotions(string path) => InputTables.Guarded(() => ReadPromotionsOf(path));

    private static TableRead<ImmutableArray<PromotionRecord>> ReadPromotionsOf(string path)
    {
        string[] columns = ["ratee", "date", "role"];
        using var csv = InputTables.Open(path);
        var (header, at) = Header(csv, columns);
        var records = ImmutableArray.CreateBuilder<PromotionRecord>();
        var rejected = ImmutableArray.CreateBuilder<TableReject>();
        var first = new Dictionary<RateeId, int>();
        while (csv.Read())
        {
            var r = CsvCells.ReadAll(csv.Record!);
            if (r.Length != header.Length || !RateeId.TryCreate(r[at[0]], out var person) || r[at[2]].Length == 0 ||
                !IsoDate(r[at[1]], out var date))
            {
                rejected.Add(new TableReject(csv.RawRow, "not a ratee id, an ISO date (yyyy-MM-dd) and a role id; left out."));
                continue;
            }

            if (!first.TryAdd(person, csv.RawRow))
            {
                rejected.Add(new TableReject(csv.RawRow, $"promotes {CsvCells.Shown(person.Value)} again (first at line {first[person]}); only a person's first promotion is followed up; left out."));
                continue;
            }

            records.Add(new PromotionRecord(person, date, r[at[2]]));
        }

        return new TableRead<ImmutableArray<PromotionRecord>>(records.ToImmutable(), rejected.ToImmutable());
    }

    /// <summary>Writes <c>ratee,date,role</c>, the promotions as <see cref="ReadPromotions"/> reads them.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="records">The promotions.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void WritePromotions(TextWriter writer, IEnumerable<PromotionRecord> records)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(records);
        writer.WriteLine("ratee,date,role");
        foreach (var r in records)
        {
            writer.WriteLine($"{CsvCells.Field(r.Person.Value)},{Iso(r.Date)},{CsvCells.Field(r.Role)}");
        }
    }

    /// <summary>
    /// Writes the promotion follow-up as JSON (<c>promotions.json</c>): each promotion with the readiness at its date
    /// (band, index and its interval, P(ready now), years to ready), the performance then and the team outcome a year on;
    /// the predictive validity study of readiness against performance at promotion (as in <c>validity.json</c>, or null
    /// with <c>studyNote</c> saying why); and the mean team outcome by band at promotion.
    /// </summary>
    /// <param name="stream">The stream.</param>
    /// <param name="followUp">The follow-up.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void WriteFollowUp(Stream stream, PromotionFollowUp followUp)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(followUp);
        using (var json = Json.Writer(stream))
        {
            json.WriteStartObject();
            json.WriteStartArray("promotions");
            foreach (var p in followUp.Promotions)
            {
                json.WriteStartObject();
                json.WriteString("ratee", p.Promotion.Person.Value);
                json.WriteString("date", Iso(p.Promotion.Date));
                json.WriteString("role", p.Promotion.Role);
                var a = p.Assessment;
                json.WriteBoolean("scored", a is { IsScored: true });
                if (a is { IsScored: true })
                {
                    json.WriteString("band", WireNames.Of(a.Band));
                    Json.NumberOrNull(json, "index", Rounded(a.Index));
                    Json.NumberOrNull(json, "indexLow", Rounded(a.Lower));
                    Json.NumberOrNull(json, "indexHigh", Rounded(a.Upper));
                    Json.NumberOrNull(json, "pReadyNow", Rounded(a.ProbabilityReadyNow));
                    Json.NumberOrNull(json, "yearsToReady", Rounded(a.YearsToReady));
                    json.WriteString("developmentBasis", WireNames.Of(a.DevelopmentBasis));
                }
                else
                {
                    json.WriteString("notScored", a is null ? p.NotAssessed : string.Join(" ", a.Evidence.Missing));
                }

                Json.NumberOrNull(json, "performance", Rounded(a?.Performance));
                Json.NumberOrNull(json, "outcome", Rounded(p.Outcome));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (followUp.Study is { } study)
            {
                json.WritePropertyName("study");
                FairnessFiles.WriteStudy(json, study);
            }
            else
            {
                json.WriteNull("study");
            }

            json.WriteString("studyNote", followUp.StudyNote);
            json.WriteStartArray("byBand");
            foreach (var b in followUp.ByBand)
            {
                json.WriteStartObject();
                json.WriteString("band", WireNames.Of(b.Band));
                json.WriteNumber("people", b.People);
                json.WriteNumber("meanOutcome", Math.Round(b.MeanOutcome, 6));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
    }

    private static double? Rounded(double? value) => value is { } v ? Math.Round(v, 6) : null;

    /// <summary>The header, and the index of each of <paramref name="columns"/> in it (names ignoring case); refuses a header without one of them.</summary>
    private static (string[] Header, int[] At) Header(CsvParser csv, string[] columns)
    {
        if (!csv.Read() || csv.Record is not { } header || columns.Any(c => !header.Contains(c, StringComparer.OrdinalIgnoreCase)))
        {
            throw new TableFileException($"expected a header row with {string.Join(',', columns)}");
        }

        return (header, [.. columns.Select(c => Array.FindIndex(header, h => string.Equals(h, c, StringComparison.OrdinalIgnoreCase)))]);
    }

    private static bool IsoDate(string text, out DateOnly date) => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// Writes <c>intervention,people,during,during_se,during_low,during_high,after,after_se,after_low,after_high</c>: each
    /// intervention's change in growth a year while people were in it and after it ended, with standard errors and 95%
    /// intervals (empty where no rating fell during or after it).
    /// </summary>
    /// <param name="writer">The writer.</param>
    /// <param name="fit">The longitudinal fit.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void WriteInterventions(TextWriter writer, GrowthCalibration fit)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(fit);
        writer.WriteLine("intervention,people,during,during_se,during_low,during_high,after,after_se,after_low,after_high,competencies");
        foreach (var e in fit.InterventionEffects)
        {
            writer.WriteLine($"{CsvCells.Field(e.Intervention)},{e.People},{N(e.During?.Estimate)},{N(e.During?.StandardError)},{N(e.DuringLower)},{N(e.DuringUpper)}," +
                $"{N(e.After?.Estimate)},{N(e.After?.StandardError)},{N(e.AfterLower)},{N(e.AfterUpper)},{CsvCells.Field(string.Join(';', e.Competencies.Select(c => c.Value)))}");
        }
    }

    private static string N(double? value) => CsvCells.Rounded(value, 6);

    /// <summary>Writes <c>cycle,date</c>, the calendar as <see cref="ReadCycles"/> reads it, earliest first.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="cycles">The calendar.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void WriteCycles(TextWriter writer, ReviewCycles cycles)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(cycles);
        writer.WriteLine("cycle,date");
        foreach (var c in cycles.Cycles)
        {
            writer.WriteLine($"{CsvCells.Field(c.Label)},{Iso(c.Date)}");
        }
    }

    /// <summary>
    /// Writes <c>ratee,competency,cycle,estimate,se</c>: every person's estimate of every competency they were rated on, at
    /// each cycle's date (the straight line of their level and growth, whether or not they were rated in that cycle).
    /// </summary>
    /// <param name="writer">The writer.</param>
    /// <param name="fit">The longitudinal fit.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void WriteTrajectories(TextWriter writer, GrowthCalibration fit)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(fit);
        writer.WriteLine("ratee,competency,cycle,estimate,se");
        var at = fit.Cycles.Cycles.Select(c => (c.Label, Estimates: fit.At(c.Date).Estimates)).ToArray();
        for (var e = 0; e < at[0].Estimates.Length; e++)
        {
            foreach (var (label, estimates) in at)
            {
                var x = estimates[e];
                writer.WriteLine($"{CsvCells.Field(x.Person.Value)},{CsvCells.Field(x.Competency.Value)},{CsvCells.Field(label)},{CsvCells.Number(x.Estimate)},{CsvCells.Number(x.StandardError)}");
            }
        }
    }

    /// <summary>
    /// Writes <c>ratee,growth,se,basis</c>: each person's change in scale points a year averaged over the competencies they
    /// were rated on (the cohort's average growth plus their own deviation), its standard error, and whether it rests on
    /// the person's own cycles (<c>person</c>) or, rated once, on the cohort's (<c>cohort</c>). Empty but for the header
    /// when the ratings lie at one date.
    /// </summary>
    /// <param name="writer">The writer.</param>
    /// <param name="fit">The longitudinal fit.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void WriteGrowth(TextWriter writer, GrowthCalibration fit)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(fit);
        writer.WriteLine("ratee,growth,se,basis");
        foreach (var g in fit.Growth)
        {
            writer.WriteLine($"{CsvCells.Field(g.Person.Value)},{CsvCells.Number(g.Growth)},{CsvCells.Number(g.StandardError)},{WireNames.Of(g.Basis)}");
        }
    }

    /// <summary>
    /// Writes the model as JSON: the cycles and their dates, the variance components (<c>ratee</c>, <c>ratee_time</c>,
    /// <c>ratee_competency</c>, <c>rater</c>, <c>residual</c>), the <c>correlation</c> of level and growth, the fixed
    /// effects, each competency's growth, the REML criterion and the intake counts.
    /// </summary>
    /// <param name="stream">The stream.</param>
    /// <param name="fit">The longitudinal fit.</param>
    /// <param name="report">The ratings' intake report.</param>
    /// <param name="screen">The raters set aside before the fit, when they were (<c>setAsideRaters</c>, <c>setAsideRatings</c>); null when none were screened.</param>
    /// <exception cref="ArgumentNullException">An argument other than <paramref name="screen"/> is null.</exception>
    public static void WriteModel(Stream stream, GrowthCalibration fit, IntakeReport report, StyledRaterScreen? screen = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(report);
        // Relaxed escaping so that the formula's + signs read as themselves.
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            WriteModel(json, fit, report, screen);
        }

        stream.WriteByte((byte)'\n');
    }

    /// <summary>The model the fit took, in lme4's notation: the terms it left out are not written.</summary>
    private static string Formula(GrowthCalibration fit)
    {
        bool Has(string component) => fit.VarianceOf(component) is not null;
        var formula = fit.MeasuresGrowth ? "value ~ competency + competency:time + source + (1 + time | ratee)" : "value ~ competency + source + (1 | ratee)";
        formula += Has(VarianceComponent.RateeCompetency) ? " + (1 | ratee:competency)" : string.Empty;
        formula += Has(VarianceComponent.Rater) ? " + (1 | rater)" : string.Empty;
        return formula + (Has(VarianceComponent.RateeSource) ? " + (1 | ratee:source)" : string.Empty);
    }

    private static void WriteModel(Utf8JsonWriter json, GrowthCalibration fit, IntakeReport report, StyledRaterScreen? screen)
    {
        json.WriteStartObject();
        json.WriteString("method", "longitudinal");
        json.WriteString("formula", Formula(fit));
        json.WriteString("time", "years of 365.25 days since the first cycle rated");
        json.WriteString("origin", Iso(fit.Origin));
        json.WriteNumber("submitted", report.Submitted);
        json.WriteNumber("accepted", report.Accepted);
        json.WriteNumber("rejected", report.Rejected.Length);
        if (screen is not null)
        {
            json.WriteNumber("setAsideRaters", screen.SetAside.Length);
            json.WriteNumber("setAsideRatings", screen.RatingsSetAside);
        }

        json.WriteStartArray("cycles");
        foreach (var c in fit.Cycles.Cycles)
        {
            json.WriteStartObject();
            json.WriteString("cycle", c.Label);
            json.WriteString("date", c.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WriteNumber("years", fit.YearsSinceOrigin(c.Date));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteBoolean("measuresGrowth", fit.MeasuresGrowth);
        json.WriteStartObject("varianceComponents");
        foreach (var v in fit.VarianceComponents)
        {
            json.WriteNumber(v.Name, v.Variance);
        }

        json.WriteEndObject();
        Json.NumberOrNull(json, "correlation", fit.LevelGrowthCorrelation);
        json.WriteStartArray("fixedEffects");
        foreach (var f in fit.FixedEffects)
        {
            json.WriteStartObject();
            json.WriteString("name", f.Name);
            json.WriteNumber("estimate", f.Estimate);
            json.WriteNumber("se", f.StandardError);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("competencyGrowth");
        foreach (var g in fit.CompetencyGrowth)
        {
            json.WriteStartObject();
            json.WriteString("competency", g.Competency.Value);
            json.WriteNumber("growth", g.Growth);
            json.WriteNumber("se", g.StandardError);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteNumber("iterations", fit.Iterations);
        json.WriteBoolean("converged", fit.Converged);
        Json.NumberOrNull(json, "remlCriterion", fit.Objective);
        json.WriteStartArray("warnings");
        foreach (var w in fit.Warnings)
        {
            json.WriteStartObject();
            json.WriteString("code", w.Code);
            json.WriteString("message", w.Message);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
