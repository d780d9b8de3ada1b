using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Readiness.Competencies;
using Readiness.Serialization;

namespace Readiness.Benchmarks.Serialization;

/// <summary>
/// Reading the built-in framework: the strict reader (structure check, source-generated deserialization, full validation)
/// against the raw parse of the same bytes, which is the floor any reader has to pay.
/// </summary>
[MemoryDiagnoser]
public class JsonBenchmarks
{
    private string _json = string.Empty;
    private byte[] _utf8 = [];

    [GlobalSetup]
    public void Setup()
    {
        _json = ReadinessJson.Write(LeadershipFramework.Model);
        _utf8 = Encoding.UTF8.GetBytes(_json);
    }

    [Benchmark(Baseline = true, Description = "JsonDocument.Parse (raw parse)")]
    public int ParseOnly()
    {
        using var document = JsonDocument.Parse(_utf8);
        return document.RootElement.GetProperty("competencies").GetArrayLength();
    }

    [Benchmark(Description = "ReadinessJson.ReadCompetencyModel")]
    public int ReadModel() => ReadinessJson.ReadCompetencyModel(_json).Competencies.Length;

    [Benchmark(Description = "ReadinessJson.Write")]
    public int WriteModel() => ReadinessJson.Write(LeadershipFramework.Model).Length;
}
