using Readiness.Evidence;
using Readiness.Reliability;
using Readiness.Scoring;
using Readiness.Serialization;

namespace Readiness.Files;

/// <summary>Writes the scores: <c>readiness.csv</c> (one row per person) and <c>explanations.json</c> (everything behind each score).</summary>
public static class ReadinessFiles
{
    /// <summary>
    /// Writes <c>ratee,index,lower,upper,band,performance,flags,p_ready_now,p_ready_within_2y,rank_low,rank_high,years_to_ready,years_low,years_high,development_basis</c>:
    /// performance is the record when one was given, else the competency-based performance index (100 at the targets, above it only by the capped overshoot: 110 at most by default); the years to
    /// ready come with their interval, and <c>development_basis</c> says what the development rates rest on
    /// (<c>person</c>: the person's own measured growth, <c>cohort</c>: the cohort's, <c>assumed</c>: the options' rates).
    /// </summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="assessments">The assessments.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void WriteReadiness(TextWriter writer, IEnumerable<ReadinessAssessment> assessments)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(assessments);
        writer.WriteLine("ratee,index,lower,upper,band,performance,flags,p_ready_now,p_ready_within_2y,rank_low,rank_high,years_to_ready,years_low,years_high,development_basis");
        foreach (var a in assessments)
        {
            writer.WriteLine($"{CsvCells.Field(a.Person.Value)},{N(a.Index)},{N(a.Lower)},{N(a.Upper)},{WireNames.Of(a.Band)},{N(a.Performance ?? a.PerformanceIndex)},{WireNames.Of(a.Signals)}," +
                $"{N(a.ProbabilityReadyNow)},{N(a.ProbabilityReadyNearTerm)},{N(a.RankLow)},{N(a.RankHigh)}," +
                $"{N(a.YearsToReady)},{N(a.YearsToReadyLower)},{N(a.YearsToReadyUpper)},{(a.IsScored ? WireNames.Of(a.DevelopmentBasis) : "")}");
        }
    }

    /// <summary>
    /// Writes <c>explanations.json</c>: per person the index, interval, band, probabilities, rank range, years to ready and
    /// signals, and per competency the target, estimate, gap and contribution with what each rater source said — kept back
    /// (null, with the number of raters) where fewer of a source's raters than the anonymity threshold rated them.
    /// </summary>
    /// <param name="stream">Where to write (UTF-8).</param>
    /// <param name="assessments">The assessments.</param>
    /// <param name="sources">What each rater source said of each person (<see cref="SourceAverages.Compute(RatingSet, AnonymityOptions?)"/>); null: no sources are written.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> or <paramref name="assessments"/> is null.</exception>
    public static void WriteExplanations(Stream stream, IEnumerable<ReadinessAssessment> assessments, SourceAverages? sources = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(assessments);
        var bySource = sources?.People.ToDictionary(p => p.Person, p => p.Averages.ToLookup(a => a.Competency)) ?? [];
        using (var json = Json.Writer(stream))
        {
            json.WriteStartArray();
            foreach (var a in assessments)
            {
                json.WriteStartObject();
                json.WriteString("ratee", a.Person.Value);
                json.WriteString("role", a.ProfileId);
                json.WriteString("policy", WireNames.Of(a.Policy));
                Json.NumberOrNull(json, "index", a.Index);
                Json.NumberOrNull(json, "lower", a.Lower);
                Json.NumberOrNull(json, "upper", a.Upper);
                json.WriteString("band", WireNames.Of(a.Band));
                Json.NumberOrNull(json, "pReadyNow", a.ProbabilityReadyNow);
                Json.NumberOrNull(json, "pReadyWithin2Years", a.ProbabilityReadyNearTerm);
                Json.NumberOrNull(json, "expectedShortfall", a.ExpectedShortfall);
                Json.NumberOrNull(json, "expectedSurplus", a.ExpectedSurplus);
                Json.NumberOrNull(json, "rank", a.CohortRank);
                Json.NumberOrNull(json, "rankLow", a.RankLow);
                Json.NumberOrNull(json, "rankHigh", a.RankHigh);
                Json.NumberOrNull(json, "yearsToReady", a.YearsToReady);
                Json.NumberOrNull(json, "yearsToReadyLower", a.YearsToReadyLower);
                Json.NumberOrNull(json, "yearsToReadyUpper", a.YearsToReadyUpper);
                if (a.IsScored)
                {
                    json.WriteString("developmentBasis", WireNames.Of(a.DevelopmentBasis));
                }
                else
                {
                    json.WriteNull("developmentBasis");
                }
                Json.NumberOrNull(json, "performanceIndex", a.PerformanceIndex);
                json.WriteString("signals", WireNames.Of(a.Signals));
                json.WriteStartArray("missingEvidence");
                foreach (var m in a.Evidence.Missing)
                {
                    json.WriteStringValue(m);
                }

                json.WriteEndArray();
                json.WriteStartArray("competencies");
                foreach (var c in a.Competencies)
                {
                    json.WriteStartObject();
                    json.WriteString("competency", c.Competency.Value);
                    json.WriteNumber("target", c.Target);
                    Json.NumberOrNull(json, "criticalMinimum", c.CriticalMinimum);
                    json.WriteNumber("weight", c.Weight);
                    Json.NumberOrNull(json, "estimate", c.Estimate);
                    Json.NumberOrNull(json, "se", c.StandardError);
                    Json.NumberOrNull(json, "low", c.Interval?.Lower);
                    Json.NumberOrNull(json, "high", c.Interval?.Upper);
                    Json.NumberOrNull(json, "gap", c.Gap);
                    Json.NumberOrNull(json, "yearsToClose", c.YearsToClose);
                    Json.NumberOrNull(json, "contribution", c.Contribution);
                    json.WriteBoolean("belowCriticalMinimum", c.BelowCriticalMinimum);
                    json.WriteStartArray("sources");
                    foreach (var s in bySource.TryGetValue(a.Person, out var averages) ? averages[c.Competency] : [])
                    {
                        json.WriteStartObject();
                        json.WriteString("source", WireNames.Of(s.Source));
                        json.WriteNumber("raters", s.Raters);
                        Json.NumberOrNull(json, "average", s.Average);
                        json.WriteBoolean("withheld", s.Withheld);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        stream.WriteByte((byte)'\n');
    }

    private static string N(double? value) => CsvCells.Rounded(value, 4);
}
