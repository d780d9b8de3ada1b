using System.Text.Json;
using System.Text.Json.Serialization;
using Readiness.Calibration;
using Readiness.Serialization;

namespace Readiness.Cli;

/// <summary>
/// <c>--options FILE.json</c>: the scoring options (and the calibration method) in the JSON a host configures
/// <c>AddReadiness</c> with — the <c>Readiness</c> section of an appsettings.json, or that section alone. Keys are matched
/// without regard to case; a key that is not a setting, or a value that breaks a rule, is refused with its key. Models and
/// profiles in the file are left to <c>--model</c> and <c>--role</c>.
/// </summary>
internal static class OptionsFile
{
    private static readonly Dictionary<string, string> Methods = CalibrationMethod.BuiltIn.ToDictionary(m => m.Name, WireNames.Of, StringComparer.OrdinalIgnoreCase);

    /// <summary>The file's scoring options and calibration method (its command-line name), or null where the file leaves them.</summary>
    /// <exception cref="InputFileException">The file cannot be read, is not such a document, or a value breaks a rule; every problem is named by its key.</exception>
    public static (ReadinessScoringOptions Scoring, string? Method) Read(FileInfo file)
    {
        var document = InputFileException.Reading(file, () =>
        {
            var text = File.ReadAllText(file.FullName);
            try
            {
            using var json = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var wrapped = json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.EnumerateObject().Any(p => p.NameEquals("Readiness") || string.Equals(p.Name, "readiness", StringComparison.OrdinalIgnoreCase));
            return wrapped
                ? JsonSerializer.Deserialize(text, OptionsJson.Default.OptionsDocument)?.Readiness
                : JsonSerializer.Deserialize(text, OptionsJson.Default.OptionsSection);
            }
            catch (JsonException e) when (e.Path is { Length: > 1 } path)
            {
                // Named as configuration names it (Readiness:Scoring:MinimumRaters), as the host's validation does.
                var key = (path.StartsWith("$.Readiness", StringComparison.OrdinalIgnoreCase) ? path[2..] : "Readiness" + path[1..]).Replace('.', ':');
                var line = e.LineNumber is { } n ? $" (line {n + 1})" : string.Empty;
                throw new InputFileException(file.Name, e.Message.Contains("could not be mapped", StringComparison.Ordinal)
                    ? $"{key} is not a setting{line}; the settings are those of ReadinessOptions (README, Dependency injection)."
                    : $"{key} has a value of the wrong kind{line}: a number, true or false, or one of the names the README lists.");
            }
        }) ?? new OptionsSection();

        var problems = new List<string>();
        var scoring = document.Scoring ?? new ReadinessScoringOptions();
        problems.AddRange(scoring.ToScoringOptions().Validate().Select(p => $"Readiness:Scoring:{p}"));
        string? method = null;
        if (document.Calibration?.Method is { } name && !Methods.TryGetValue(name, out method))
        {
            problems.Add($"Readiness:Calibration:Method was '{name}'; it must be one of {string.Join(", ", Methods.Keys)}.");
        }

        return problems.Count == 0 ? (scoring, method) : throw new InputFileException(file.Name, string.Join('\n', problems));
    }
}

/// <summary>An appsettings-style document: the <c>Readiness</c> section among others.</summary>
internal sealed class OptionsDocument
{
    public OptionsSection? Readiness { get; set; }

    /// <summary>Gets the document's other sections (a host's logging, its own settings): not the CLI's concern.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Others { get; set; }
}

/// <summary>The <c>Readiness</c> section, as <c>ReadinessOptions</c> lays it out.</summary>
internal sealed class OptionsSection
{
    public CalibrationSection? Calibration { get; set; }

    public ReadinessScoringOptions? Scoring { get; set; }

    public JsonElement? Models { get; set; }

    public JsonElement? Profiles { get; set; }
}

/// <summary>The calibration settings: the method is the CLI's concern; the rest are accepted and left to <c>--path</c>.</summary>
internal sealed class CalibrationSection
{
    public string? Method { get; set; }

    public string? CrossedModelPath { get; set; }

    public bool? RaschSourceFacet { get; set; }
}

/// <summary>Source-generated (Native AOT), strict about unknown keys and lenient about case, comments and trailing commas, as configuration is.</summary>
[JsonSourceGenerationOptions(
    PropertyNameCaseInsensitive = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    UseStringEnumConverter = true,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(OptionsDocument))]
[JsonSerializable(typeof(OptionsSection))]
internal sealed partial class OptionsJson : JsonSerializerContext;
