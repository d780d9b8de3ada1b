using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Readiness.Competencies;
using Readiness.Serialization;

namespace Readiness.Core.Tests.Serialization;

public sealed class ReadinessJsonTests
{
    private static readonly CompetencyModel Small = new CompetencyModelBuilder("small", "Small model")
        .AddCompetency("leads", "Leads", CompetencyDomain.Leadership, c => c
            .WithDefinition("Leads people.")
            .AddIndicator("Sets direction")
            .AddAnchor(1, "Does not lead.")
            .AddAnchor(5, "Leads leaders."))
        .AddCompetency("delivers", "Delivers", CompetencyDomain.IndividualPerformance, c => c.WithDefinition("Delivers work."))
        .Build();

    [Fact]
    public void The_built_in_framework_round_trips_exactly()
    {
        var json = ReadinessJson.Write(LeadershipFramework.Model);

        var read = ReadinessJson.ReadCompetencyModel(json);

        ModelAssert.Equal(LeadershipFramework.Model, read);
        Assert.Equal(json, ReadinessJson.Write(read));
        var profileJson = ReadinessJson.Write(LeadershipFramework.FirstLineManager);
        var profile = ReadinessJson.ReadRoleProfile(profileJson, read);
        ModelAssert.Equal(LeadershipFramework.FirstLineManager, profile);
        Assert.Equal(profileJson, ReadinessJson.Write(profile));
    }

    [Fact]
    public void Writes_camel_case_with_the_format_version_and_domain_names()
    {
        var json = JsonNode.Parse(ReadinessJson.Write(Small))!;

        Assert.Equal(1, (int)json["formatVersion"]!);
        Assert.Equal("Leadership", (string)json["competencies"]![0]!["domain"]!);
        Assert.Equal(5, (int)json["competencies"]![0]!["anchors"]![1]!["level"]!);
        Assert.Null(json["description"]);
    }

    [Property(MaxTest = 200)]
    public Property Random_models_round_trip_exactly() =>
        Prop.ForAll(ModelGenerators.Models, model =>
        {
            var json = ReadinessJson.Write(model);
            var read = ReadinessJson.ReadCompetencyModel(json);
            ModelAssert.Equal(model, read);
            Assert.Equal(json, ReadinessJson.Write(read));
        });

    [Property(MaxTest = 200)]
    public Property Random_profiles_round_trip_exactly() =>
        Prop.ForAll(ModelGenerators.Profiles, profile =>
        {
            var model = ReadinessJson.ReadCompetencyModel(ReadinessJson.Write(profile.Model));
            var json = ReadinessJson.Write(profile);
            var read = ReadinessJson.ReadRoleProfile(json, model);
            ModelAssert.Equal(profile, read);
            Assert.Equal(json, ReadinessJson.Write(read));
        });

    [Fact]
    public void Streams_round_trip_and_a_byte_order_mark_is_accepted()
    {
        using var stream = new MemoryStream();
        stream.Write(Encoding.UTF8.Preamble);
        ReadinessJson.Write(Small, stream);
        stream.Position = 0;

        ModelAssert.Equal(Small, ReadinessJson.ReadCompetencyModel(stream));

        using var profileStream = new MemoryStream();
        var profile = new RoleProfileBuilder("p", "P").Require("leads", 4, 1).Build(Small);
        ReadinessJson.Write(profile, profileStream);
        profileStream.Position = 0;
        ModelAssert.Equal(profile, ReadinessJson.ReadRoleProfile(profileStream, Small));
    }

    public static TheoryData<string, string, string> MalformedDocuments => new()
    {
        { "", "$", "not well-formed JSON" },
        { "   ", "$", "not well-formed JSON" },
        { "[]", "$", "must be a JSON object" },
        { "\"text\"", "$", "must be a JSON object" },
        { "null", "$", "must be a JSON object" },
        { "{", "$", "not well-formed JSON" },
        { "{\"formatVersion\": 1,}", "$.formatVersion", "not well-formed JSON" },
        { "{} {}", "$", "not well-formed JSON" },
        { "{\"formatVersion\": 1 /* comment */}", "$.formatVersion", "not well-formed JSON" },
        { "{\"id\": \"a\", \"scale\": {\"levels\": [1, 2, NaN]}}", "$.scale.levels[1]", "not well-formed JSON" },
        { "{\"id\": \"a\", \"id\": \"b\"}", "$.id", "property 'id' appears more than once" },
        { "{\"competencies\": [{}, {\"name\": \"x\", \"name\": \"y\"}]}", "$.competencies[1].name", "property 'name' appears more than once" },
    };

    [Theory]
    [MemberData(nameof(MalformedDocuments))]
    public void Malformed_documents_name_the_path_and_the_rule(string json, string path, string rule) =>
        AssertRejected(() => ReadinessJson.ReadCompetencyModel(json), path, rule);

    public static TheoryData<string, string, string, string> InvalidModels => new()
    {
        { "unknown property", "$.colour = 'red'", "$.colour", "not part of the format" },
        { "string expected", "$.id = 5", "$.id", "expected a string" },
        { "whole number expected", "$.scale.levels[0].value = 1.5", "$.scale.levels[0].value", "expected a whole number" },
        { "array expected", "$.competencies = {}", "$.competencies", "expected an array" },
        { "object expected", "$.scale = []", "$.scale", "expected an object" },
        { "format version", "$.formatVersion = 2", "$.formatVersion", "2 is not supported" },
        { "missing format version", "$.formatVersion = null", "$.formatVersion", "is missing" },
        { "unknown domain", "$.competencies[1].domain = 'Management'", "$.competencies[1].domain", "'Management' is not a domain" },
        { "invalid id", "$.competencies[1].id = 'bad id'", "$.competencies[1].id", "'bad id' is not a valid id" },
        { "duplicate id", "$.competencies[1].id = 'LEADS'", "$.competencies[1].id", "'LEADS' is already the id of competencies[0]" },
        { "blank name", "$.name = ' '", "$.name", "is blank" },
        { "null competency", "$.competencies[1] = null", "$.competencies[1]", "is null" },
        { "missing scale", "$.scale = null", "$.scale", "is missing" },
        { "one-level scale", "$.scale.levels = [{\"value\":1,\"label\":\"Only\",\"description\":\"d\"}]", "$.scale.levels", "1 levels" },
        { "blank level label", "$.scale.levels[2].label = ''", "$.scale.levels[2].label", "is blank" },
        { "missing anchor level", "$.competencies[0].anchors[1].level = null", "$.competencies[0].anchors[1].level", "is missing" },
        { "anchor off the scale", "$.competencies[0].anchors[1].level = 6", "$.competencies[0].anchors[1].level", "level 6 is not on the scale" },
        { "no leadership", "$.competencies[0].domain = 'individualperformance'", "$.competencies", "no competency in the Leadership domain" },
        { "missing competencies", "$.competencies = null", "$.competencies", "is missing" },
    };

    [Theory]
    [MemberData(nameof(InvalidModels))]
    public void Invalid_models_name_the_path_and_the_rule(string kind, string edit, string path, string rule)
    {
        var json = Edit(ReadinessJson.Write(Small), edit);

        var e = AssertRejected(() => ReadinessJson.ReadCompetencyModel(json), path, rule);

        Assert.True(e.Errors.Length == 1, $"{kind}: {e.Message}");
    }

    [Fact]
    public void Every_rule_broken_in_a_well_formed_document_is_reported_at_once()
    {
        var json = Edit(Edit(Edit(ReadinessJson.Write(Small), "$.id = 'bad id'"), "$.competencies[0].domain = 'Boss'"), "$.scale.levels[0].value = 0");

        var e = Assert.Throws<ReadinessJsonException>(() => ReadinessJson.ReadCompetencyModel(json));

        Assert.Equal(["$.scale.levels", "$.competencies[0].domain", "$.id", "$.competencies"], e.Errors.Select(x => x.Path));
        Assert.StartsWith("The JSON document is invalid (4 problems):", e.Message, StringComparison.Ordinal);
        Assert.Equal("$.scale.levels", e.Path);
        Assert.Contains("lacks 1", e.Rule, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> InvalidProfiles => new()
    {
        { "$.modelId = 'other'", "$.modelId", "'other' does not match the model 'small'" },
        { "$.modelId = null", "$.modelId", "is missing" },
        { "$.requirements[0].competency = 'nope'", "$.requirements[0].competency", "'nope' is not a competency of model 'small'" },
        { "$.requirements[0].target = null", "$.requirements[0].target", "is missing; a number is required" },
        { "$.requirements[0].target = 7", "$.requirements[0].target", "7 is not on the scale" },
        { "$.requirements[0].importance = '1'", "$.requirements[0].importance", "expected a number" },
        { "$.requirements[0].importance = null", "$.requirements[0].importance", "is missing; a number is required" },
        { "$.requirements[0].criticalMinimum = 4.5", "$.requirements[0].criticalMinimum", "4.5 is above the target 4" },
        { "$.requirements[0] = null", "$.requirements[0]", "is null" },
        { "$.requirements = []", "$.requirements", "no requirements" },
        { "$.requirements[0].target = 1e400", "$.requirements[0].target", "" },
    };

    [Theory]
    [MemberData(nameof(InvalidProfiles))]
    public void Invalid_profiles_name_the_path_and_the_rule(string edit, string path, string rule)
    {
        var profile = new RoleProfileBuilder("p", "P").Require("leads", 4, 1, 2).Build(Small);
        var json = Edit(ReadinessJson.Write(profile), edit);

        AssertRejected(() => ReadinessJson.ReadRoleProfile(json, Small), path, rule);
    }

    [Fact]
    public void Documents_over_the_size_limit_are_refused_before_parsing()
    {
        var json = ReadinessJson.Write(Small);
        var limits = new JsonReadLimits { MaxBytes = Encoding.UTF8.GetByteCount(json) - 1 };

        AssertRejected(() => ReadinessJson.ReadCompetencyModel(json, limits), "$", $"larger than {limits.MaxBytes} bytes");
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        AssertRejected(() => ReadinessJson.ReadCompetencyModel(stream, limits), "$", "JsonReadLimits.MaxBytes");
        ModelAssert.Equal(Small, ReadinessJson.ReadCompetencyModel(json, new JsonReadLimits { MaxBytes = limits.MaxBytes + 1 }));
    }

    [Fact]
    public void The_default_size_limit_refuses_a_huge_document()
    {
        var json = "{\"description\": \"" + new string('x', JsonReadLimits.DefaultMaxBytes) + "\"}";

        AssertRejected(() => ReadinessJson.ReadCompetencyModel(json), "$", "larger than 4194304 bytes");
    }

    [Fact]
    public void Documents_nested_deeper_than_the_limit_are_refused_with_the_path()
    {
        var json = ReadinessJson.Write(Small);

        AssertRejected(() => ReadinessJson.ReadCompetencyModel(json, new JsonReadLimits { MaxDepth = 4 }), "$.competencies[0].anchors[0]", "nested more than 4 deep");
        ModelAssert.Equal(Small, ReadinessJson.ReadCompetencyModel(json, new JsonReadLimits { MaxDepth = 5 }));

        var deep = "{\"x\":" + string.Concat(Enumerable.Repeat("[", 100)) + string.Concat(Enumerable.Repeat("]", 100)) + "}";
        // The root and 31 arrays are allowed; the 32nd array is the first too deep.
        AssertRejected(() => ReadinessJson.ReadCompetencyModel(deep), "$.x" + string.Concat(Enumerable.Repeat("[0]", 31)), "limit is JsonReadLimits.MaxDepth = 32");
    }

    [Theory]
    [InlineData(0, 32)]
    [InlineData(1, 0)]
    [InlineData(1, 257)]
    public void Limits_reject_nonsense_values(int maxBytes, int maxDepth) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new JsonReadLimits { MaxBytes = maxBytes == 0 ? 0 : JsonReadLimits.DefaultMaxBytes, MaxDepth = maxDepth });

    [Fact]
    public void Text_that_is_not_valid_unicode_is_refused()
    {
        AssertRejected(() => ReadinessJson.ReadCompetencyModel("{\"name\": \"\uD800\"}"), "$", "unpaired surrogate");

        using var stream = new MemoryStream([.. "{\"name\": \""u8, 0xFF, 0xFE, .. "\"}"u8]);
        AssertRejected(() => ReadinessJson.ReadCompetencyModel(stream), "$.name", "not valid UTF-8");
        using var badName = new MemoryStream([.. "{\"a\": 1, \""u8, 0xC3, .. "\": 2}"u8]);
        AssertRejected(() => ReadinessJson.ReadCompetencyModel(badName), "$.a", "not valid UTF-8");
    }

    [Fact]
    public void Null_arguments_are_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => ReadinessJson.ReadCompetencyModel((string)null!));
        Assert.Throws<ArgumentNullException>(() => ReadinessJson.ReadCompetencyModel((Stream)null!));
        Assert.Throws<ArgumentNullException>(() => ReadinessJson.ReadCompetencyModel("{}", null!));
        Assert.Throws<ArgumentNullException>(() => ReadinessJson.ReadRoleProfile("{}", null!));
        Assert.Throws<ArgumentNullException>(() => ReadinessJson.Write((CompetencyModel)null!));
        Assert.Throws<ArgumentNullException>(() => ReadinessJson.Write(Small, null!));
    }

    private static ReadinessJsonException AssertRejected(Action read, string path, string rule)
    {
        var e = Assert.Throws<ReadinessJsonException>(read);
        Assert.Equal(path, e.Path);
        Assert.Contains(rule, e.Rule, StringComparison.Ordinal);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains(rule, e.Message, StringComparison.Ordinal);
        return e;
    }

    /// <summary>Applies <c>$.path.to[0].node = json-value</c> (single quotes stand for double quotes) to a document.</summary>
    private static string Edit(string json, string edit)
    {
        var (target, valueText) = (edit[..edit.IndexOf(" = ", StringComparison.Ordinal)], edit[(edit.IndexOf(" = ", StringComparison.Ordinal) + 3)..]);
        var value = valueText == "null" ? null : JsonNode.Parse(valueText.Replace('\'', '"'));
        var root = JsonNode.Parse(json)!;
        var steps = target[2..].Replace("[", ".[", StringComparison.Ordinal).Split('.', StringSplitOptions.RemoveEmptyEntries);
        var node = root;
        for (var i = 0; i < steps.Length - 1; i++)
        {
            node = Step(node, steps[i]);
        }

        var last = steps[^1];
        if (last.StartsWith('['))
        {
            node.AsArray()[int.Parse(last[1..^1], System.Globalization.CultureInfo.InvariantCulture)] = value;
        }
        else
        {
            node.AsObject()[last] = value;
        }

        return root.ToJsonString();
    }

    private static JsonNode Step(JsonNode node, string step) =>
        step.StartsWith('[') ? node.AsArray()[int.Parse(step[1..^1], System.Globalization.CultureInfo.InvariantCulture)]! : node[step]!;
}
