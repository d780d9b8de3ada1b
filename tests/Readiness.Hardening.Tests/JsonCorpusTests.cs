using Readiness.Competencies;
using Readiness.Serialization;

namespace Readiness.Hardening.Tests;

/// <summary>
/// Competency models and role profiles as people edit them by hand (BadInput/json), read from the file's bytes as a
/// service would: every broken document is refused with <see cref="ReadinessJsonException"/> (malformed or wrongly
/// shaped JSON, naming the path) or <see cref="ReadinessValidationException"/> (well-formed, but breaking a rule of the
/// model), with a message that names the problem.
/// </summary>
public sealed class JsonCorpusTests
{
    public static TheoryData<string, Type, string> RefusedModels => new()
    {
        { "model-empty.json", typeof(ReadinessJsonException), "not well-formed" },
        { "model-null.json", typeof(ReadinessJsonException), "must be a JSON object" },
        { "model-array.json", typeof(ReadinessJsonException), "must be a JSON object" },
        { "model-truncated.json", typeof(ReadinessJsonException), "not well-formed" },
        { "model-trailing-comma.json", typeof(ReadinessJsonException), "trailing comma" },
        { "model-comment.json", typeof(ReadinessJsonException), "not well-formed" },
        { "model-duplicate-property.json", typeof(ReadinessJsonException), "name" },
        { "model-level-as-string.json", typeof(ReadinessJsonException), "value" },
        { "model-missing-name.json", typeof(ReadinessJsonException), "name" },
        { "model-unknown-property.json", typeof(ReadinessJsonException), "colour" },
        { "model-future-version.json", typeof(ReadinessJsonException), "formatVersion" },
        { "model-duplicate-competency.json", typeof(ReadinessJsonException), "sets-clear-expectations" },
        { "model-anchor-off-scale.json", typeof(ReadinessJsonException), "9" },
        { "model-unknown-domain.json", typeof(ReadinessJsonException), "domain" },
        { "model-no-competencies.json", typeof(ReadinessJsonException), "competenc" },
        { "model-one-level-scale.json", typeof(ReadinessJsonException), "level" },
        { "model-repeated-level.json", typeof(ReadinessJsonException), "1" },
        { "model-blank-name.json", typeof(ReadinessJsonException), "name" },
        { "model-nan-literal.json", typeof(ReadinessJsonException), "$.scale.levels[0].value" },
        { "model-huge-number.json", typeof(ReadinessJsonException), "value" },
        { "model-deep-nesting.json", typeof(ReadinessJsonException), "depth" },
        { "model-utf16.json", typeof(ReadinessJsonException), "save it as UTF-8" },
        { "model-invalid-utf8.json", typeof(ReadinessJsonException), "not valid UTF-8" },
    };

    public static TheoryData<string, Type, string> RefusedProfiles => new()
    {
        { "profile-unknown-competency.json", typeof(ReadinessJsonException), "charisma" },
        { "profile-target-off-scale.json", typeof(ReadinessJsonException), "7" },
        { "profile-negative-importance.json", typeof(ReadinessJsonException), "-2" },
        { "profile-all-zero-importance.json", typeof(ReadinessJsonException), "importance" },
        { "profile-critical-above-target.json", typeof(ReadinessJsonException), "critical" },
        { "profile-duplicate-requirement.json", typeof(ReadinessJsonException), "sets-clear-expectations" },
        { "profile-other-model.json", typeof(ReadinessJsonException), "another-model" },
        { "profile-no-requirements.json", typeof(ReadinessJsonException), "requirement" },
        { "profile-null-target.json", typeof(ReadinessJsonException), "target" },
    };

    [Theory]
    [MemberData(nameof(RefusedModels))]
    public void A_broken_model_is_refused_naming_the_problem(string file, Type expected, string fragment)
    {
        using var stream = File.OpenRead(Refusal.Corpus("json", file));
        var e = Refusal.NoDefect(() => ReadinessJson.ReadCompetencyModel(stream));

        Assert.NotNull(e);
        Assert.IsType(expected, e);
        Assert.True(e.Message.Contains(fragment, StringComparison.OrdinalIgnoreCase), e.Message);
    }

    [Theory]
    [MemberData(nameof(RefusedProfiles))]
    public void A_broken_profile_is_refused_naming_the_problem(string file, Type expected, string fragment)
    {
        using var stream = File.OpenRead(Refusal.Corpus("json", file));
        var e = Refusal.NoDefect(() => ReadinessJson.ReadRoleProfile(stream, LeadershipFramework.Model));

        Assert.NotNull(e);
        Assert.IsType(expected, e);
        Assert.True(e.Message.Contains(fragment, StringComparison.OrdinalIgnoreCase), e.Message);
    }

    [Theory]
    [InlineData("model-valid.json")]
    [InlineData("model-utf8-bom.json")]
    public void A_valid_model_reads_back_as_the_framework(string file)
    {
        using var stream = File.OpenRead(Refusal.Corpus("json", file));

        var model = ReadinessJson.ReadCompetencyModel(stream);

        Assert.Equal(ReadinessJson.Write(LeadershipFramework.Model), ReadinessJson.Write(model));
    }

    [Theory]
    [InlineData("profile-valid.json")]
    [InlineData("profile-fractional-target.json")]
    public void A_valid_profile_reads(string file)
    {
        using var stream = File.OpenRead(Refusal.Corpus("json", file));

        var profile = ReadinessJson.ReadRoleProfile(stream, LeadershipFramework.Model);

        Assert.Equal(LeadershipFramework.FirstLineManager.Requirements.Length, profile.Requirements.Length);
    }

    [Fact]
    public void A_document_over_the_size_limit_is_refused_before_it_is_parsed()
    {
        var padding = new string(' ', (int)JsonReadLimits.Default.MaxBytes);
        var e = Refusal.Assert<ReadinessJsonException>(() => ReadinessJson.ReadCompetencyModel(ReadinessJson.Write(LeadershipFramework.Model) + padding));

        Assert.Contains(JsonReadLimits.Default.MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hundred_thousand_nested_arrays_are_refused_without_exhausting_the_stack() =>
        Refusal.Assert<ReadinessJsonException>(() => ReadinessJson.ReadCompetencyModel("{\"formatVersion\":1,\"x\":" + new string('[', 100_000) + new string(']', 100_000) + "}"), "nested more than 32 deep");
}
