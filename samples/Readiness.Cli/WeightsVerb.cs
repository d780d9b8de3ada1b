using System.Text.Json;
using Readiness.Competencies;
using Readiness.Files;
using Readiness.Weighting;

namespace Readiness.Cli;

/// <summary><c>readiness weights --pairwise FILE.csv</c>: AHP weights and consistency as JSON on standard output.</summary>
internal static class WeightsVerb
{
    public const int Ok = 0;
    public const int BadInput = 2;

    public static int Run(FileInfo file, PairwiseMethod? method, RandomIndexTable table, TextWriter output, TextWriter error)
    {
        PairwiseAnalysis analysis;
        try
        {
            var comparisons = PairwiseTable.Read(file.FullName);
            analysis = new PairwiseWeighting(method, table).Analyze(comparisons);
        }
        catch (Exception e) when (e is TableFileException or ReadinessValidationException or IOException or UnauthorizedAccessException)
        {
            // One line, naming the file: the first problem is enough to act on, and scripts can grep it.
            var message = e switch
            {
                ReadinessValidationException v => string.Join("; ", v.Errors),
                _ => e.Message,
            };
            error.WriteLine($"error: {file.Name}: {message}");
            return BadInput;
        }

        output.WriteLine(ToJson(analysis));
        return Ok;
    }

    private static string ToJson(PairwiseAnalysis analysis)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("method", analysis.Method == PairwiseMethod.Eigenvector ? "eigenvector" : "geometric-mean");
            json.WriteStartObject("weights");
            foreach (var (id, weight) in analysis.Weights)
            {
                json.WriteNumber(id, weight.Fraction);
            }

            json.WriteEndObject();
            json.WriteNumber("lambdaMax", analysis.LambdaMax);
            json.WriteNumber("consistencyIndex", analysis.ConsistencyIndex);
            WriteNumberOrNull(json, "consistencyRatio", analysis.ConsistencyRatio);
            WriteNumberOrNull(json, "randomIndex", analysis.RandomIndex);
            json.WriteString("randomIndexTable", analysis.RandomIndexTable.Name);
            json.WriteNumber("acceptableConsistencyRatio", analysis.AcceptableConsistencyRatio);
            if (analysis.IsAcceptable is { } acceptable)
            {
                json.WriteBoolean("acceptable", acceptable);
            }
            else
            {
                json.WriteNull("acceptable");
            }

            json.WriteNumber("missingJudgements", analysis.MissingJudgements);
            if (analysis.MostInconsistent is { } worst)
            {
                json.WriteStartObject("mostInconsistentJudgement");
                json.WriteString("row", worst.Row);
                json.WriteString("column", worst.Column);
                json.WriteNumber("given", worst.Given);
                json.WriteNumber("consistentValue", worst.ConsistentValue);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("mostInconsistentJudgement");
            }

            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    internal static void WriteNumberOrNull(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
