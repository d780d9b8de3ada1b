using System.Text.Json;
using Readiness.Talent;

namespace Readiness.Serialization;

/// <summary>Writes a talent review as JSON with a forward-only writer: no reflection, so it trims and AOT-compiles.</summary>
internal static class TalentJson
{
    public static void Write(TalentPipeline pipeline, Stream utf8Json)
    {
        using var json = new Utf8JsonWriter(utf8Json, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteNumber("formatVersion", ReadinessJson.FormatVersion);
        json.WriteString("date", pipeline.Date.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        WriteNineBox(json, pipeline.NineBox);
        json.WriteStartArray("slates");
        foreach (var slate in pipeline.Slates)
        {
            WriteSlate(json, slate);
        }

        json.WriteEndArray();
        WriteBench(json, pipeline.Bench);
        json.WriteStartArray("plans");
        foreach (var plan in pipeline.Plans)
        {
            WritePlan(json, plan);
        }

        json.WriteEndArray();
        json.WriteStartArray("people");
        foreach (var person in pipeline.People)
        {
            json.WriteStartObject();
            json.WriteString("person", person.Person.Value);
            if (person.Placement is { } p)
            {
                json.WriteNumber("box", p.Cell.Number);
                json.WriteString("label", p.Label);
                json.WriteBoolean("straddlesBoundary", p.StraddlesBoundary);
                if (p.ProbabilityInBox is { } chance)
                {
                    json.WriteNumber("pBox", Math.Round(chance, 4));
                }
            }

            json.WriteStartArray("slates");
            foreach (var slate in person.Slates)
            {
                var entry = slate.Entry;
                json.WriteStartObject();
                json.WriteString("role", slate.Role);
                json.WriteNumber("rank", entry.Rank);
                json.WriteNumber("bestRank", entry.BestRank);
                json.WriteNumber("worstRank", entry.WorstRank);
                json.WriteString("band", WireNames.Of(entry.Band));
                NumberOrNull(json, "pReadyNow", entry.ProbabilityReadyNow);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteNumber("plans", person.Plans.Length);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static void WritePlans(IEnumerable<DevelopmentPlan> plans, Stream utf8Json)
    {
        using var json = new Utf8JsonWriter(utf8Json, new JsonWriterOptions { Indented = true });
        json.WriteStartArray();
        foreach (var plan in plans)
        {
            WritePlan(json, plan);
        }

        json.WriteEndArray();
    }

    private static void WritePlan(Utf8JsonWriter json, DevelopmentPlan plan)
    {
        json.WriteStartObject();
        json.WriteString("person", plan.Person.Value);
        json.WriteString("profile", plan.ProfileId);
        json.WriteString("start", Date(plan.Start));
        json.WriteBoolean("leadershipFirst", plan.LeadershipFirst);
        json.WriteNumber("yearsToReady", Math.Round(plan.YearsToReady, 4));
        json.WriteString("readyBy", Date(plan.ReadyBy));
        json.WriteString("band", WireNames.Of(plan.Band));
        NumberOrNull(json, "pReadyNow", plan.ProbabilityReadyNow);
        NumberOrNull(json, "pReadyWithin2Years", plan.ProbabilityReadyNearTerm);
        json.WriteString("nextReassessment", Date(plan.NextReassessment));
        if (plan.YearsToReadyWithMeasured is { } measured)
        {
            json.WriteNumber("yearsToReadyWithMeasured", Math.Round(measured, 4));
        }

        json.WriteStartArray("steps");
        foreach (var step in plan.Steps)
        {
            json.WriteStartObject();
            json.WriteNumber("order", step.Order);
            json.WriteString("competency", step.Competency.Value);
            json.WriteString("domain", step.Domain.ToString());
            json.WriteNumber("gap", Math.Round(step.Gap, 4));
            json.WriteNumber("weightedGap", Math.Round(step.WeightedGap, 4));
            json.WriteBoolean("belowCriticalMinimum", step.BelowCriticalMinimum);
            json.WriteNumber("yearsToClose", Math.Round(step.YearsToClose, 4));
            json.WriteString("reassessOn", Date(step.ReassessOn));
            if (step.MeasuredIntervention is { } best)
            {
                json.WriteString("measuredIntervention", best.Name);
                json.WriteNumber("yearsToCloseWithMeasured", Math.Round(step.YearsToCloseWithMeasured!.Value, 4));
            }

            json.WriteStartArray("interventions");
            foreach (var intervention in step.Interventions)
            {
                json.WriteStartObject();
                json.WriteString("type", WireNames.Of(intervention.Type));
                json.WriteString("name", intervention.Name);
                if (intervention.Description is { } description)
                {
                    json.WriteString("description", description);
                }

                if (intervention.MeasuredEffect is { } effect)
                {
                    // What the organisation's records measured, 95% intervals: an association, not a trial.
                    json.WriteStartObject("measured");
                    json.WriteNumber("people", effect.People);
                    NumberOrNull(json, "during", effect.During?.Estimate);
                    NumberOrNull(json, "duringLow", effect.DuringLower);
                    NumberOrNull(json, "duringHigh", effect.DuringUpper);
                    NumberOrNull(json, "after", effect.After?.Estimate);
                    NumberOrNull(json, "afterLow", effect.AfterLower);
                    NumberOrNull(json, "afterHigh", effect.AfterUpper);
                    json.WriteBoolean("helped", effect.HelpedWhileIn);
                    json.WriteEndObject();
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteNineBox(Utf8JsonWriter json, NineBox box)
    {
        json.WriteStartObject("nineBox");
        json.WriteString("performanceMeasure", box.UsesPerformanceRecords ? "records" : "competency-index");
        Cuts(json, "performanceCuts", box.PerformanceCuts);
        Cuts(json, "readinessCuts", box.ReadinessCuts);
        json.WriteStartArray("placements");
        foreach (var p in box.Placements)
        {
            json.WriteStartObject();
            json.WriteString("person", p.Person.Value);
            json.WriteNumber("box", p.Cell.Number);
            json.WriteString("label", p.Label);
            json.WriteString("performanceLevel", WireNames.Of(p.Cell.Performance));
            json.WriteString("readinessLevel", WireNames.Of(p.Cell.Readiness));
            json.WriteNumber("performance", Math.Round(p.Performance, 4));
            json.WriteNumber("readiness", Math.Round(p.Readiness, 4));
            json.WriteNumber("readinessLower", Math.Round(p.ReadinessLower, 4));
            json.WriteNumber("readinessUpper", Math.Round(p.ReadinessUpper, 4));
            json.WriteBoolean("straddlesBoundary", p.StraddlesBoundary);
            if (p.ProbabilityInBox is { } chance)
            {
                json.WriteNumber("pBox", Math.Round(chance, 4));
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        Excluded(json, box.Excluded);
        json.WriteEndObject();
    }

    private static void WriteSlate(Utf8JsonWriter json, SuccessionSlate slate)
    {
        json.WriteStartObject();
        json.WriteString("role", slate.Role);
        json.WriteString("profile", slate.ProfileId);
        json.WriteStartArray("entries");
        foreach (var e in slate.Entries)
        {
            json.WriteStartObject();
            json.WriteNumber("rank", e.Rank);
            json.WriteString("person", e.Person.Value);
            json.WriteNumber("index", Math.Round(e.Index, 4));
            json.WriteNumber("lower", Math.Round(e.Lower, 4));
            json.WriteNumber("upper", Math.Round(e.Upper, 4));
            json.WriteString("band", WireNames.Of(e.Band));
            json.WriteNumber("yearsToReady", Math.Round(e.YearsToReady, 4));
            json.WriteNumber("bestRank", e.BestRank);
            json.WriteNumber("worstRank", e.WorstRank);
            NumberOrNull(json, "pReadyNow", e.ProbabilityReadyNow);
            NumberOrNull(json, "pReadyWithin2Years", e.ProbabilityReadyNearTerm);
            json.WriteStartArray("keyGaps");
            foreach (var gap in e.KeyGaps)
            {
                json.WriteStringValue(gap.Value);
            }

            json.WriteEndArray();
            json.WriteString("signals", WireNames.Of(e.Signals));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        Excluded(json, slate.Excluded);
        json.WriteEndObject();
    }

    private static void WriteBench(Utf8JsonWriter json, BenchStrength bench)
    {
        json.WriteStartObject("bench");
        json.WriteStartArray("roles");
        foreach (var r in bench.Roles)
        {
            json.WriteStartObject();
            json.WriteString("role", r.Role);
            json.WriteNumber("readyNow", r.ReadyNow);
            json.WriteNumber("readyIn1To2Years", r.ReadyIn1To2Years);
            json.WriteNumber("readyIn3PlusYears", r.ReadyIn3PlusYears);
            json.WriteNumber("notOnLeadershipTrack", r.NotOnLeadershipTrack);
            json.WriteBoolean("covered", r.Covered);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteNumber("distinctReadyNow", bench.DistinctReadyNow);
        json.WriteStartArray("shared");
        foreach (var s in bench.Shared)
        {
            json.WriteStartObject();
            json.WriteString("person", s.Person.Value);
            json.WriteNumber("readyNowFor", s.ReadyNowFor);
            json.WriteStartArray("roles");
            foreach (var role in s.Roles)
            {
                json.WriteStringValue(role);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Excluded(Utf8JsonWriter json, IEnumerable<TalentExclusion> excluded)
    {
        json.WriteStartArray("excluded");
        foreach (var x in excluded)
        {
            json.WriteStartObject();
            json.WriteString("person", x.Person.Value);
            json.WriteString("reason", WireNames.Of(x.Reason));
            json.WriteString("detail", x.Detail);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void Cuts(Utf8JsonWriter json, string name, NineBoxAxisCuts cuts)
    {
        json.WriteStartObject(name);
        foreach (var (key, value) in new[] { ("lower", cuts.Lower), ("upper", cuts.Upper) })
        {
            if (double.IsFinite(value))
            {
                json.WriteNumber(key, Math.Round(value, 4));
            }
            else
            {
                json.WriteNull(key);
            }
        }

        json.WriteEndObject();
    }

    private static void NumberOrNull(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, Math.Round(v, 4));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static string Date(DateOnly date) => date.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
}
