using FsCheck.Fluent;
using FsCheck.Xunit;
using MathNet.Numerics.Statistics;
using Readiness.Internal;

namespace Readiness.Core.Tests.Internal;

/// <summary>
/// The shared helpers every namespace leans on: the argument guards and their messages, the id and text rules at their
/// length limits, R's type-7 quantile, the bound searches and the seeded normal draw.
/// </summary>
public sealed class InternalRulesTests
{
    [Theory]
    [InlineData(double.NaN, "x was NaN; it must be a finite number.")]
    [InlineData(double.PositiveInfinity, "x was Infinity; it must be a finite number.")]
    [InlineData(double.NegativeInfinity, "x was -Infinity; it must be a finite number.")]
    public void Finite_refuses_NaN_and_infinities_naming_the_value(double x, string message)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Guard.Finite(x));

        Assert.Equal("x", e.ParamName);
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
        Assert.Equal(-0.0, Guard.Finite(-0.0));
        Assert.Equal(double.MaxValue, Guard.Finite(double.MaxValue));
    }

    [Theory]
    [InlineData(0.0, true)]
    [InlineData(1.0, true)]
    [InlineData(-1e-300, false)]
    [InlineData(1.0000000000000002, false)]
    [InlineData(double.NaN, false)]
    public void InRange_includes_both_limits_and_refuses_NaN(double x, bool accepted)
    {
        if (accepted)
        {
            Assert.Equal(x, Guard.InRange(x, 0, 1));
            return;
        }

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Guard.InRange(x, 0, 1));
        Assert.StartsWith($"x was {Guard.Format(x)}; it must be in [0, 1].", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NotBlank_refuses_null_as_null_and_white_space_as_blank()
    {
        string? text = null;
        Assert.Equal("text", Assert.Throws<ArgumentNullException>(() => Guard.NotBlank(text)).ParamName);
        text = " \t";
        var blank = Assert.Throws<ArgumentException>(() => Guard.NotBlank(text));
        Assert.StartsWith("text was blank; it must contain text.", blank.Message, StringComparison.Ordinal);
        Assert.Equal("text", blank.ParamName);
        Assert.Equal(" a ", Guard.NotBlank(" a "));
    }

    [Fact]
    public void NoNulls_names_the_first_null_item_by_position()
    {
        string[]? items = null;
        Assert.Equal("items", Assert.Throws<ArgumentNullException>(() => Guard.NoNulls(items, "Item")).ParamName);
        items = ["a", null!, null!];
        var e = Assert.Throws<ArgumentException>(() => Guard.NoNulls(items, "Item"));
        Assert.StartsWith("Item 1 is null.", e.Message, StringComparison.Ordinal);
        Assert.Equal("items", e.ParamName);
        Assert.Equal(["a", "b"], Guard.NoNulls(new List<string> { "a", "b" }, "Item"));
    }

    [Theory]
    [InlineData(80, false)]
    [InlineData(81, true)]
    public void An_invalid_id_is_quoted_whole_up_to_80_characters_and_cut_to_77_with_dots_beyond(int length, bool cut)
    {
        var id = "-" + new string('x', length - 1);
        var shown = cut ? id[..77] + "..." : id;

        Assert.Equal($"'{shown}' is not a valid id; ids are {IdRules.Description}", IdRules.Check(id));
    }

    [Theory]
    [InlineData(null, "is missing; an id is required")]
    [InlineData("", "'' is not a valid id; ids are 1 to 64 characters: ASCII letters, digits, '-', '_' or '.', starting with a letter or digit")]
    [InlineData("_a", "'_a' is not a valid id; ids are 1 to 64 characters: ASCII letters, digits, '-', '_' or '.', starting with a letter or digit")]
    [InlineData("a b", "'a b' is not a valid id; ids are 1 to 64 characters: ASCII letters, digits, '-', '_' or '.', starting with a letter or digit")]
    [InlineData("a-b_c.9", null)]
    public void Id_rule(string? id, string? why) => Assert.Equal(why, IdRules.Check(id));

    [Fact]
    public void Ids_are_valid_up_to_64_characters()
    {
        Assert.Null(IdRules.Check(new string('a', 64)));
        Assert.NotNull(IdRules.Check(new string('a', 65)));
    }

    [Theory]
    [InlineData(128, true)]
    [InlineData(129, false)]
    public void Person_ids_are_valid_up_to_128_characters(int length, bool valid)
    {
        var id = new string('p', length);
        var shown = id[..77] + "...";

        Assert.Equal(valid ? null : $"'{shown}' is not a valid person id; person ids are {PersonIdRules.Description}", PersonIdRules.Check(id));
    }

    [Theory]
    [InlineData(null, "is missing; a person id is required")]
    [InlineData("", "is missing; a person id is required")]
    [InlineData(" a", "' a' is not a valid person id; person ids are 1 to 128 characters, no control or invisible formatting characters (zero-width, bidirectional controls) and no leading or trailing white space")]
    [InlineData("a ", "'a ' is not a valid person id; person ids are 1 to 128 characters, no control or invisible formatting characters (zero-width, bidirectional controls) and no leading or trailing white space")]
    [InlineData("a\tb\n", "'a?b?' is not a valid person id; person ids are 1 to 128 characters, no control or invisible formatting characters (zero-width, bidirectional controls) and no leading or trailing white space")]
    [InlineData("Ann Lee <ann@example.com>", null)]
    public void Person_id_rule_shows_control_characters_as_question_marks(string? id, string? why) => Assert.Equal(why, PersonIdRules.Check(id));

    [Fact]
    public void An_invalid_person_id_is_shown_whole_up_to_80_printable_characters()
    {
        var eighty = "\u0001" + new string('p', 79);
        var eightyOne = "\u0001" + new string('p', 80);

        Assert.StartsWith($"'?{new string('p', 79)}' is", PersonIdRules.Check(eighty), StringComparison.Ordinal);
        Assert.StartsWith($"'?{new string('p', 76)}...' is", PersonIdRules.Check(eightyOne), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, 5, "is missing; it is required")]
    [InlineData("  ", 5, "is blank; it must contain text")]
    [InlineData("12345", 5, null)]
    [InlineData("123456", 5, "is 6 characters long; at most 5 are allowed")]
    public void Required_text_rule(string? text, int maxLength, string? why) => Assert.Equal(why, TextRules.CheckRequired(text, maxLength));

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(0.3, 2.2)]
    [InlineData(0.5, 3.0)]
    [InlineData(0.9, 7.6)]
    [InlineData(1.0, 10.0)]
    public void The_R7_quantile_the_library_uses_matches_R(double q, double expected)
    {
        // R: quantile(c(4, 1, 10, 3, 2), q, type = 7)
        Assert.Equal(expected, Statistics.QuantileCustom([4.0, 1, 10, 3, 2], q, QuantileDefinition.R7), 12);
    }

    [Fact]
    public void The_R7_quantile_of_one_value_is_that_value() => Assert.Equal(3.5, Statistics.QuantileCustom([3.5], 0.75, QuantileDefinition.R7));

    [Property(MaxTest = 200)]
    public bool Bound_searches_count_the_values_below_and_at_or_below(int[] values, int probe)
    {
        var sorted = values.Select(v => (double)(v % 5)).Order().ToArray();
        var x = (double)(probe % 6);

        return SortedSearch.LowerBound(sorted, x) == sorted.Count(v => v < x)
            && SortedSearch.UpperBound(sorted, x) == sorted.Count(v => v <= x);
    }

    [Fact]
    public void Normal_draws_are_standard_normal()
    {
        // 20,000 draws: mean, SD and the Kolmogorov–Smirnov distance to Φ (its 0.1% critical value is 1.95/√n ≈ 0.0138).
        var random = new Random(11);
        var draws = Enumerable.Range(0, 20_000).Select(_ => RandomDraws.Normal(random)).Order().ToArray();
        var n = draws.Length;
        var distance = draws.Select((x, i) =>
        {
            var phi = MathNet.Numerics.Distributions.Normal.CDF(0, 1, x);
            return Math.Max(Math.Abs(phi - (i / (double)n)), Math.Abs(((i + 1) / (double)n) - phi));
        }).Max();

        Assert.InRange(draws.Average(), -0.03, 0.03);
        Assert.InRange(MathNet.Numerics.Statistics.Statistics.StandardDeviation(draws), 0.97, 1.03);
        Assert.InRange(distance, 0, 0.0138);
    }
}
