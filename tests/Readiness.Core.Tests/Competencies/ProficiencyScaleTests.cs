using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Readiness.Competencies;

namespace Readiness.Core.Tests.Competencies;

public sealed class ProficiencyScaleTests
{
    [Fact]
    public void Default_scale_runs_from_1_to_5_with_labels()
    {
        var scale = ProficiencyScale.Default;

        Assert.Equal(1, scale.Minimum);
        Assert.Equal(5, scale.Maximum);
        Assert.Equal(["Not yet shown", "Developing", "Proficient", "Advanced", "Role model"], scale.Levels.Select(l => l.Label));
        Assert.Equal("Proficient", scale.GetLevel(3).Label);
    }

    [Fact]
    public void Levels_given_in_any_order_are_sorted()
    {
        var scale = ProficiencyScale.Create([Level(2), Level(0), Level(1)]);

        Assert.Equal([0, 1, 2], scale.Levels.Select(l => l.Value));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(0.999)]
    [InlineData(5.001)]
    public void Contains_rejects_values_off_the_scale(double value) => Assert.False(ProficiencyScale.Default.Contains(value));

    [Theory]
    [InlineData(1.0)]
    [InlineData(3.7)]
    [InlineData(5.0)]
    public void Contains_accepts_values_between_levels(double value) => Assert.True(ProficiencyScale.Default.Contains(value));

    [Fact]
    public void GetLevel_off_the_scale_names_the_value()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ProficiencyScale.Default.GetLevel(6));

        Assert.Contains("Level 6", e.Message, StringComparison.Ordinal);
        Assert.Contains("1 to 5", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_level_is_not_a_scale()
    {
        var e = Assert.Throws<ReadinessValidationException>(() => ProficiencyScale.Create([Level(1)]));

        var error = Assert.Single(e.Errors);
        Assert.Equal("levels", error.Path);
        Assert.Contains("1 levels; a scale needs 2 to 11", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_than_eleven_levels_are_rejected()
    {
        var e = Assert.Throws<ReadinessValidationException>(() => ProficiencyScale.Create(Enumerable.Range(0, 12).Select(Level)));

        Assert.Contains(e.Errors, x => x.Message.Contains("12 levels", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        ScaleLevel[] levels = [Level(1), new ScaleLevel(1, "Other", "d"), new ScaleLevel(4, "level 1", "d")];

        var e = Assert.Throws<ReadinessValidationException>(() => ProficiencyScale.Create(levels));

        Assert.Equal(["levels[1].value", "levels[2].label", "levels"], e.Errors.Select(x => x.Path));
        Assert.Contains("level 1 is already defined by levels[0]", e.Message, StringComparison.Ordinal);
        Assert.Contains("label 'level 1' is already used by levels[0]", e.Message, StringComparison.Ordinal);
        Assert.Contains("lacks 2, 3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_levels_are_rejected_with_their_index()
    {
        var e = Assert.Throws<ArgumentNullException>(() => ProficiencyScale.Create([Level(1), null!]));

        Assert.Equal("levels[1]", e.ParamName);
    }

    [Theory]
    [InlineData("", "d", "label")]
    [InlineData("   ", "d", "label")]
    [InlineData("L", "", "description")]
    public void A_level_needs_a_label_and_a_description(string label, string description, string parameter)
    {
        var e = Assert.Throws<ArgumentException>(() => new ScaleLevel(3, label, description));

        Assert.Equal(parameter, e.ParamName);
        Assert.Contains("scale level 3", e.Message, StringComparison.Ordinal);
    }

    [Property]
    public Property Any_consecutive_run_of_2_to_11_levels_is_a_scale() =>
        Prop.ForAll(
            Gen.Choose(-100, 100).Zip(Gen.Choose(2, 11)).ToArbitrary(),
            ((int Start, int Count) run) =>
            {
                var scale = ProficiencyScale.Create(Enumerable.Range(run.Start, run.Count).Reverse().Select(Level));
                Assert.Equal(run.Start, scale.Minimum);
                Assert.Equal(run.Start + run.Count - 1, scale.Maximum);
                Assert.All(Enumerable.Range(run.Start, run.Count), v => Assert.Equal(v, scale.GetLevel(v).Value));
            });

    private static ScaleLevel Level(int value) => new(value, $"Level {value}", $"Description of level {value}.");
}
