using System.Globalization;
using System.Text;
using Readiness.Calibration;
using Readiness.Scoring;

namespace Readiness.Hardening.Tests;

/// <summary>Results written out to the last bit (round-trip formatting), so that equal text means bit-identical numbers.</summary>
internal static class Fingerprint
{
    public static string Of(CalibrationResult result)
    {
        var text = new StringBuilder();
        text.Append(result.Algorithm).Append(';').Append(result.Iterations).Append('\n');
        foreach (var v in result.VarianceComponents)
        {
            text.Append(v.Name).Append('=').Append(R(v.Variance)).Append('\n');
        }

        foreach (var r in result.RaterEffects)
        {
            text.Append(r.Rater).Append(':').Append(R(r.Effect)).Append('±').Append(R(r.StandardError)).Append('\n');
        }

        foreach (var e in result.Estimates)
        {
            text.Append(e.Person).Append('/').Append(e.Competency).Append(':').Append(R(e.Estimate)).Append('±').Append(R(e.StandardError)).Append('\n');
        }

        return text.ToString();
    }

    public static string Of(IEnumerable<ReadinessAssessment> assessments)
    {
        var text = new StringBuilder();
        foreach (var a in assessments)
        {
            text.Append(a.Person).Append(':').Append(R(a.Index)).Append('[').Append(R(a.Lower)).Append(',').Append(R(a.Upper)).Append(']')
                .Append(a.Band).Append(' ').Append(a.Signals).Append(' ').Append(R(a.YearsToReady)).Append(' ').Append(R(a.PerformanceIndex));
            foreach (var c in a.Competencies)
            {
                text.Append(';').Append(c.Competency).Append('=').Append(R(c.Contribution)).Append('/').Append(R(c.Gap));
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    public static string R(double? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "-";
}
