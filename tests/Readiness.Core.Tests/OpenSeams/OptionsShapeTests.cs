using System.Collections.Immutable;
using System.Reflection;
using Readiness.Calibration;
using Readiness.Fairness;
using Readiness.Pipeline;
using Readiness.Scoring;

namespace Readiness.Core.Tests.OpenSeams;

/// <summary>One shape for every options type: named "…Options", a public <c>Validate()</c> listing every broken rule, and valid defaults.</summary>
public sealed class OptionsShapeTests
{
    private static readonly Type[] Public = typeof(CalibrationResult).Assembly.GetExportedTypes();

    public static TheoryData<Type> OptionsTypes => [.. Public.Where(t => t.Name.EndsWith("Options", StringComparison.Ordinal))];

    [Fact]
    public void Settings_and_configuration_types_are_all_named_options()
    {
        Assert.DoesNotContain(Public, t => t.Name.EndsWith("Settings", StringComparison.Ordinal) || t.Name.EndsWith("Config", StringComparison.Ordinal) || t.Name.EndsWith("Configuration", StringComparison.Ordinal));
        Assert.True(OptionsTypes.Count >= 14, $"{OptionsTypes.Count} options types found.");
    }

    [Theory]
    [MemberData(nameof(OptionsTypes))]
    public void Every_options_type_validates_itself_and_its_defaults_are_valid(Type type)
    {
        var validate = type.GetMethod("Validate", BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes);

        Assert.NotNull(validate);
        Assert.Equal(typeof(ImmutableArray<string>), validate.ReturnType);
        Assert.True(type.IsSealed);
        Assert.Empty((ImmutableArray<string>)validate.Invoke(Activator.CreateInstance(type), null)!);
    }

    [Fact]
    public void A_nested_option_is_named_under_its_parent_and_every_broken_rule_is_listed()
    {
        var options = new ReadinessPipelineOptions
        {
            Audit = new AuditOptions { SignificanceLevel = 0, MinimumCellSize = -1 },
            Slate = null!,
        };

        Assert.Equal(
            ["Slate must not be null.", "Audit.SignificanceLevel was 0; it must be in (0, 1).", "Audit.MinimumCellSize was -1; it must be at least 0."],
            options.Validate().ToArray());
        var error = Assert.Throws<ArgumentException>(() => new ReadinessPipeline(new RawMeanCalibrator(), new ReadinessScorer(), options: options));
        Assert.Equal("Slate must not be null. Audit.SignificanceLevel was 0; it must be in (0, 1). Audit.MinimumCellSize was -1; it must be at least 0. (Parameter 'options')", error.Message);
    }
}
