using System.Text;
using Readiness.Serialization;

namespace Readiness.Core.Tests.Serialization;

/// <summary>The JSON readers' rules at their edges: every problem a hand-written document can have, with its full path and rule, and the limits hit exactly.</summary>
public sealed class ReadinessJsonEdgeTests
{
    private const string Scale = """{"levels":[{"value":1,"label":"Low","description":"Low."},{"value":2,"label":"High","description":"High."}]}""";

    private const string Leads = """{"id":"leads","name":"Leads","domain":"Leadership","definition":"Leads."}""";

    /// <summary>A model document with the given scale and competencies (JSON text); nothing optional is written.</summary>
    private static string Model(string scale = Scale, string competencies = Leads) =>
        $$"""{"formatVersion":1,"id":"m","name":"M","scale":{{scale}},"competencies":[{{competencies}}]}""";

    public static TheoryData<string, string, string[]> InvalidModels => new()
    {
        { "a null competency keeps its place", Model(competencies: $$"""null,{{Leads}},{"id":"bad id","name":"Other","domain":"Leadership","definition":"D."}"""),
            ["$.competencies[0]: is null; expected a competency object", "$.competencies[2].id: 'bad id' is not a valid id; ids are 1 to 64 characters: ASCII letters, digits, '-', '_' or '.', starting with a letter or digit"] },
        { "a null anchor", Model(competencies: """{"id":"leads","name":"Leads","domain":"Leadership","definition":"Leads.","anchors":[{"level":1,"behaviour":"B."},null]}"""),
            ["$.competencies[0].anchors[1]: is null; expected an object with a level and a behaviour"] },
        { "a missing domain", Model(competencies: $$"""{{Leads}},{"id":"other","name":"Other","definition":"Other."}"""),
            ["$.competencies[1].domain: is missing; use \"IndividualPerformance\" or \"Leadership\""] },
        { "levels missing", Model(scale: "{}"), ["$.scale.levels: is missing; a scale needs an array of levels"] },
        { "a null level", Model(scale: """{"levels":[{"value":1,"label":"Low","description":"Low."},null]}"""),
            ["$.scale.levels[1]: is null; expected an object with a value, label and description"] },
        { "a level without a value", Model(scale: """{"levels":[{"label":"Low","description":"Low."},{"value":2,"label":"High","description":"High."}]}"""),
            ["$.scale.levels[0].value: is missing; a whole number is required"] },
        { "a blank level description", Model(scale: """{"levels":[{"value":1,"label":"Low","description":" "},{"value":2,"label":"High","description":"High."}]}"""),
            ["$.scale.levels[0].description: is blank; it must contain text"] },
        { "a blank model description", Model().Replace("\"name\":\"M\"", "\"name\":\"M\",\"description\":\"\"", StringComparison.Ordinal),
            ["$.description: is blank; it must contain text"] },
        { "no scale: anchor levels are not checked, anchor behaviours are",
            $$"""{"formatVersion":1,"id":"m","name":"M","competencies":[{"id":"leads","name":"Leads","domain":"Leadership","definition":"Leads.","anchors":[{"level":9,"behaviour":" "}]}]}""",
            ["$.scale: is missing; a model needs a scale object with levels", "$.competencies[0].anchors[0].behaviour: is blank; it must contain text"] },
    };

    [Theory]
    [MemberData(nameof(InvalidModels))]
    public void Hand_written_models_report_every_problem_at_its_path(string kind, string json, string[] problems)
    {
        var e = Assert.Throws<ReadinessJsonException>(() => ReadinessJson.ReadCompetencyModel(json));

        Assert.True(problems.SequenceEqual(e.Errors.Select(x => x.ToString())), $"{kind}: {e.Message}");
    }

    [Fact]
    public void A_problem_reported_for_one_element_does_not_hide_another_whose_path_starts_the_same()
    {
        // competencies[1] is null; competencies[10] has its own problem, and "[10]" starts with "[1".
        var others = Enumerable.Range(2, 8).Select(i => $$"""{"id":"c{{i}}","name":"C{{i}}","domain":"Leadership","definition":"D."}""");
        var json = Model(competencies: string.Join(",", [Leads, "null", .. others, """{"id":"c10","name":"C10","domain":"Leadership","definition":" "}"""]));

        var e = Assert.Throws<ReadinessJsonException>(() => ReadinessJson.ReadCompetencyModel(json));

        Assert.Equal(["$.competencies[1]", "$.competencies[10].definition"], e.Errors.Select(x => x.Path));
    }

    [Fact]
    public void Indicators_and_anchors_may_be_left_out()
    {
        var model = ReadinessJson.ReadCompetencyModel(Model());

        Assert.Empty(model.Competencies[0].Indicators);
        Assert.Empty(model.Competencies[0].Anchors);
    }

    [Fact]
    public void A_profile_without_requirements_or_with_another_format_version_is_refused_naming_both()
    {
        var model = ReadinessJson.ReadCompetencyModel(Model());

        var e = Assert.Throws<ReadinessJsonException>(() => ReadinessJson.ReadRoleProfile("""{"formatVersion":2,"id":"p","name":"P","modelId":"m"}""", model));

        Assert.Equal(
            ["$.formatVersion: 2 is not supported; this library reads format version 1", "$.requirements: is missing; a profile needs an array of requirements"],
            e.Errors.Select(x => x.ToString()));
        Assert.Equal(
            $"The JSON document is invalid (2 problems):{Environment.NewLine}- $.formatVersion: 2 is not supported; this library reads format version 1{Environment.NewLine}- $.requirements: is missing; a profile needs an array of requirements",
            e.Message);
        Assert.Equal(
            "The JSON document is invalid at $.modelId: is missing; the id of the model the profile was written for is required",
            Assert.Throws<ReadinessJsonException>(() => ReadinessJson.ReadRoleProfile("""{"formatVersion":1,"id":"p","name":"P","requirements":[{"competency":"leads","target":2,"importance":1}]}""", model)).Message);
    }

    [Fact]
    public void Arguments_are_checked_before_the_document_is_read()
    {
        Assert.Equal("model", Assert.Throws<ArgumentNullException>(() => ReadinessJson.ReadRoleProfile("not json", null!)).ParamName);
        Assert.Equal("model", Assert.Throws<ArgumentNullException>(() => ReadinessJson.ReadRoleProfile("not json", null!, JsonReadLimits.Default)).ParamName);
        using var stream = new MemoryStream("not json"u8.ToArray());
        Assert.Equal("model", Assert.Throws<ArgumentNullException>(() => ReadinessJson.ReadRoleProfile(stream, null!)).ParamName);
        Assert.Equal("limits", Assert.Throws<ArgumentNullException>(() => ReadinessJson.ReadCompetencyModel(stream, null!)).ParamName);
    }

    [Theory]
    [InlineData(1, 32, null)]
    [InlineData(0, 32, "MaxBytes was 0; it must be at least 1.")]
    [InlineData(1, 1, null)]
    [InlineData(1, 256, null)]
    [InlineData(1, 0, "MaxDepth was 0; it must be in [1, 256].")]
    [InlineData(1, 257, "MaxDepth was 257; it must be in [1, 256].")]
    public void Limits_at_their_edges(int maxBytes, int maxDepth, string? problem)
    {
        JsonReadLimits Make() => new() { MaxBytes = maxBytes, MaxDepth = maxDepth };

        if (problem is null)
        {
            Assert.Equal((maxBytes, maxDepth), (Make().MaxBytes, Make().MaxDepth));
            return;
        }

        Assert.StartsWith(problem, Assert.Throws<ArgumentOutOfRangeException>(Make).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_depth_limit_is_ours_even_above_the_readers_default()
    {
        // 100 levels under a limit of 256: the structure is fine, so the complaint is the unknown property, not the depth.
        var deep = "{\"x\":" + new string('[', 99) + new string(']', 99) + "}";

        var e = Assert.Throws<ReadinessJsonException>(() => ReadinessJson.ReadCompetencyModel(deep, new JsonReadLimits { MaxDepth = 256 }));

        Assert.Equal(("$.x", "this property is not part of the format; check its spelling and the format version"), (e.Path, e.Rule));
    }

    [Fact]
    public void A_document_exactly_at_the_size_limit_is_read_and_bytes_not_characters_count()
    {
        var json = Model().Replace("\"name\":\"M\"", "\"name\":\"Möbius\"", StringComparison.Ordinal);
        var bytes = Encoding.UTF8.GetByteCount(json);
        Assert.Equal(json.Length + 1, bytes);

        Assert.Equal("Möbius", ReadinessJson.ReadCompetencyModel(json, new JsonReadLimits { MaxBytes = bytes }).Name);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        Assert.Equal("Möbius", ReadinessJson.ReadCompetencyModel(stream, new JsonReadLimits { MaxBytes = bytes }).Name);
        var e = Assert.Throws<ReadinessJsonException>(() => ReadinessJson.ReadCompetencyModel(json, new JsonReadLimits { MaxBytes = json.Length }));
        Assert.Equal($"the document is larger than {json.Length} bytes, the limit set by JsonReadLimits.MaxBytes", e.Rule);
    }

    [Theory]
    [InlineData(0xFF, 0xFE)]
    [InlineData(0xFE, 0xFF)]
    public void UTF16_text_is_recognised_by_either_byte_order_mark(byte first, byte second)
    {
        using var stream = new MemoryStream([first, second, .. Encoding.Unicode.GetBytes("{}")]);

        var e = Assert.Throws<ReadinessJsonException>(() => ReadinessJson.ReadCompetencyModel(stream));

        Assert.Equal(("$", "the document is UTF-16 text (it starts with a UTF-16 byte order mark); save it as UTF-8"), (e.Path, e.Rule));
    }

    [Fact]
    public void One_problem_is_reported_on_one_line()
    {
        var e = Assert.Throws<ReadinessJsonException>(() => ReadinessJson.ReadCompetencyModel(Model().Replace("\"id\":\"m\"", "\"id\":\"bad id\"", StringComparison.Ordinal)));

        Assert.Equal(
            "The JSON document is invalid at $.id: 'bad id' is not a valid id; ids are 1 to 64 characters: ASCII letters, digits, '-', '_' or '.', starting with a letter or digit",
            e.Message);
    }
}
