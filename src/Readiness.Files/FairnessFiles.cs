using System.Text.Json;
using Readiness.Fairness;
using Readiness.Pipeline;
using Readiness.Serialization;

namespace Readiness.Files;

/// <summary>Writes the fairness audit (<c>audit.csv</c>, <c>rater-splits.csv</c>) and the predictive-validity study (<c>validity.json</c>).</summary>
public static class FairnessFiles
{
    /// <summary>
    /// Writes <c>scores,attributes,group,status,people,selected,rate,impact_ratio,impact_ratio_lower,impact_ratio_upper,
    /// below_four_fifths,fisher_p,adjusted_p,z,z_p</c>: for each grouping (each attribute alone, then their intersection)
    /// the calibrated scores' groups then the raw means', each followed by the omnibus test's row (status <c>omnibus</c>,
    /// its p-value in <c>fisher_p</c>) and a row counting the people whose category is unknown.
    /// </summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="review">The audit.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void WriteAudit(TextWriter writer, FairnessReview review)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(review);
        writer.WriteLine("scores,attributes,group,status,people,selected,rate,impact_ratio,impact_ratio_lower,impact_ratio_upper,below_four_fifths,fisher_p,adjusted_p,z,z_p");
        foreach (var (scores, audit) in review.Calibrated.Zip(review.RawMeans).SelectMany(pair => new[] { ("calibrated", pair.First), ("raw-mean", pair.Second) }))
        {
            var attributes = CsvCells.Field(string.Join(" × ", audit.Attributes));
            foreach (var g in audit.Groups)
            {
                writer.WriteLine(string.Join(',', scores, attributes, CsvCells.Field(g.Group), WireNames.Of(g.Status),
                    g.Count, g.Selected, N(g.Rate), N(g.ImpactRatio), N(g.ImpactRatioLower), N(g.ImpactRatioUpper), g.AdverseImpact is { } flag ? (flag ? "yes" : "no") : string.Empty,
                    N(g.FisherP), N(g.AdjustedP), N(g.Z), N(g.ZTestP)));
            }

            // The omnibus test over the compared groups, their people and selections summed; its p-value in fisher_p.
            if (audit.Omnibus is { } omnibus)
            {
                var compared = audit.Groups.Where(g => g.Status is GroupStatus.Compared or GroupStatus.Reference).ToArray();
                var (people, selected) = (compared.Sum(g => g.Count!.Value), compared.Sum(g => g.Selected!.Value));
                writer.WriteLine($"{scores},{attributes},(all compared),omnibus,{people},{selected},{N((double)selected / people)},,,,,{N(omnibus.P)},,,");
            }

            // As published bias-audit summaries do: the people whose category is unknown, counted but not rated.
            writer.WriteLine($"{scores},{attributes},(unknown),unknown,{audit.MissingDemographics},,,,,,,,,,");
        }
    }

    /// <summary>
    /// Writes <c>attribute,rater,high_group,low_group,difference,se,t,df,p,q,level_slope,flagged</c>: per attribute, every
    /// rater examined (<see cref="RaterGroupBias"/>), smallest p-value first.
    /// </summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="review">The audit.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void WriteRaterSplits(TextWriter writer, FairnessReview review)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(review);
        writer.WriteLine("attribute,rater,high_group,low_group,difference,se,t,df,p,q,level_slope,flagged");
        foreach (var result in review.RaterSplits)
        {
            foreach (var s in result.Splits)
            {
                writer.WriteLine(string.Join(',', CsvCells.Field(result.Attribute), CsvCells.Field(s.Rater.Value), CsvCells.Field(s.HighGroup), CsvCells.Field(s.LowGroup),
                    N(s.Difference), N(s.StandardError), N(s.T), N(s.DegreesOfFreedom), N(s.P), N(s.QValue), N(s.LevelSlope), s.Flagged ? "yes" : "no"));
            }
        }
    }

    /// <summary>
    /// Writes <c>attribute,group,people,performance,readiness,gap,p,adjusted_p</c>: per attribute, each group's mean
    /// performance and readiness (in standard deviations) and its readiness for its performance (<see cref="PotentialGap"/>),
    /// then an <c>(all tested)</c> row with the omnibus p-value in <c>p</c>. A group the audit suppressed has no numbers.
    /// </summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="review">The audit.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void WritePotentialGaps(TextWriter writer, FairnessReview review)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(review);
        writer.WriteLine("attribute,group,people,performance,readiness,gap,p,adjusted_p");
        foreach (var result in review.PotentialGaps)
        {
            var attribute = CsvCells.Field(result.Attribute);
            foreach (var g in result.Groups)
            {
                writer.WriteLine(string.Join(',', attribute, CsvCells.Field(g.Group), g.People, N(g.Performance), N(g.Readiness), N(g.Gap), N(g.P), N(g.AdjustedP)));
            }

            writer.WriteLine($"{attribute},(all tested),{result.Groups.Where(g => g.P is not null).Sum(g => g.People!.Value)},,,,{N(result.OmnibusP)},");
        }
    }

    /// <summary>
    /// Writes <c>validity.json</c>: the sample, readiness's and performance's correlations with the outcome (with intervals
    /// and, given the outcome's reliability, corrected), the increments in R² each adds over the other, the AUCs and DeLong's
    /// paired test of their difference.
    /// </summary>
    /// <param name="stream">Where to write (UTF-8).</param>
    /// <param name="study">The study.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void WriteValidity(Stream stream, PredictiveValidityStudy study)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(study);
        using (var json = Json.Writer(stream))
        {
            WriteStudy(json, study);
        }

        stream.WriteByte((byte)'\n');
    }

    /// <summary>Writes the study as one JSON object, the body of <c>validity.json</c>.</summary>
    internal static void WriteStudy(Utf8JsonWriter json, PredictiveValidityStudy study)
    {
        json.WriteStartObject();
        json.WriteNumber("sample", study.Sample);
        json.WriteNumber("leftOut", study.LeftOut);
        json.WriteBoolean("binaryOutcome", study.IsBinary);
        json.WriteString("performanceMeasure", study.UsesPerformanceRecords ? "records" : "competency-index");
        Coefficient(json, "readiness", study.Readiness);
        Coefficient(json, "performance", study.Performance);
        json.WriteNumber("intercorrelation", Math.Round(study.Intercorrelation, 6));
        Incremental(json, "readinessOverPerformance", study.ReadinessOverPerformance);
        Incremental(json, "performanceOverReadiness", study.PerformanceOverReadiness);
        Auc(json, "readinessAuc", study.ReadinessAuc);
        Auc(json, "performanceAuc", study.PerformanceAuc);
        if (study.AucDifference is { } d)
        {
            json.WriteStartObject("aucDifference");
            json.WriteNumber("difference", Math.Round(d.Difference, 6));
            Json.NumberOrNull(json, "se", Math.Round(d.StandardError, 6));
            Json.NumberOrNull(json, "lower", Math.Round(d.Lower, 6));
            Json.NumberOrNull(json, "upper", Math.Round(d.Upper, 6));
            Json.NumberOrNull(json, "z", Math.Round(d.Z, 6));
            Json.NumberOrNull(json, "p", d.P);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("aucDifference");
        }

        var r = study.Restriction;
        json.WriteStartObject("rangeRestriction");
        json.WriteNumber("assessed", r.Assessed);
        json.WriteNumber("readinessRatio", Math.Round(r.ReadinessRatio, 6));
        json.WriteNumber("performanceRatio", Math.Round(r.PerformanceRatio, 6));
        json.WriteBoolean("material", r.IsMaterial);
        json.WriteNumber("readinessCorrected", Math.Round(r.ReadinessCorrected, 6));
        json.WriteNumber("performanceCorrected", Math.Round(r.PerformanceCorrected, 6));
        json.WriteEndObject();

        json.WriteEndObject();
    }

    private static void Coefficient(Utf8JsonWriter json, string name, ValidityCoefficient c)
    {
        json.WriteStartObject(name);
        json.WriteNumber("r", Math.Round(c.R, 6));
        json.WriteNumber("lower", Math.Round(c.Lower, 6));
        json.WriteNumber("upper", Math.Round(c.Upper, 6));
        json.WriteNumber("p", c.P);
        Json.NumberOrNull(json, "corrected", c.Corrected is { } v ? Math.Round(v, 6) : null);
        Json.NumberOrNull(json, "correctedLower", c.CorrectedLower is { } lower ? Math.Round(lower, 6) : null);
        Json.NumberOrNull(json, "correctedUpper", c.CorrectedUpper is { } upper ? Math.Round(upper, 6) : null);
        json.WriteEndObject();
    }

    private static void Incremental(Utf8JsonWriter json, string name, IncrementalValidity v)
    {
        json.WriteStartObject(name);
        json.WriteNumber("baseR2", Math.Round(v.BaseR2, 6));
        json.WriteNumber("fullR2", Math.Round(v.FullR2, 6));
        json.WriteNumber("deltaR2", Math.Round(v.DeltaR2, 6));
        json.WriteNumber("f", Math.Round(v.F, 6));
        json.WriteNumber("p", v.P);
        json.WriteEndObject();
    }

    private static void Auc(Utf8JsonWriter json, string name, AreaUnderCurve? auc)
    {
        if (auc is null)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartObject(name);
        json.WriteNumber("auc", Math.Round(auc.Auc, 6));
        Json.NumberOrNull(json, "se", Math.Round(auc.StandardError, 6));
        Json.NumberOrNull(json, "lower", Math.Round(auc.Lower, 6));
        Json.NumberOrNull(json, "upper", Math.Round(auc.Upper, 6));
        json.WriteEndObject();
    }

    private static string N(double? value) => CsvCells.Rounded(value, 6);
}
