using System.Text.Json.Serialization;

namespace Readiness.Serialization;

// The JSON shape of models and role profiles (format version 1). Everything is nullable so that a missing value is
// reported by the same validation, with the same path, as any other broken rule.
internal sealed class ModelDocument
{
    public int? FormatVersion { get; set; }

    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? Description { get; set; }

    public ScaleDocument? Scale { get; set; }

    public List<CompetencyDocument?>? Competencies { get; set; }
}

internal sealed class ScaleDocument
{
    public List<LevelDocument?>? Levels { get; set; }
}

internal sealed class LevelDocument
{
    public int? Value { get; set; }

    public string? Label { get; set; }

    public string? Description { get; set; }
}

internal sealed class CompetencyDocument
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? Domain { get; set; }

    public string? Definition { get; set; }

    public List<string?>? Indicators { get; set; }

    public List<AnchorDocument?>? Anchors { get; set; }
}

internal sealed class AnchorDocument
{
    public int? Level { get; set; }

    public string? Behaviour { get; set; }
}

internal sealed class ProfileDocument
{
    public int? FormatVersion { get; set; }

    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? Description { get; set; }

    public string? ModelId { get; set; }

    public List<RequirementDocument?>? Requirements { get; set; }
}

internal sealed class RequirementDocument
{
    public string? Competency { get; set; }

    public double? Target { get; set; }

    public double? Importance { get; set; }

    public double? CriticalMinimum { get; set; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(ModelDocument))]
[JsonSerializable(typeof(ProfileDocument))]
internal sealed partial class ReadinessJsonContext : JsonSerializerContext;
