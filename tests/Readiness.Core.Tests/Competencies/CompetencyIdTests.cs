using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Readiness.Calibration;
using Readiness.Competencies;
using Readiness.Evidence;

namespace Readiness.Core.Tests.Competencies;

/// <summary>The competency id carries the id rule and the case rule itself: nobody downstream compares ids on their own.</summary>
public sealed class CompetencyIdTests
{
    private const string IdCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.";

    /// <summary>Valid ids: 1 to 64 characters of the allowed set, starting with a letter or digit.</summary>
    private static readonly Gen<string> Ids =
        from first in Gen.Elements("abcXYZ019".ToCharArray())
        from length in Gen.Choose(0, 63)
        from rest in Gen.ArrayOf(Gen.Elements(IdCharacters.ToCharArray()), length)
        select first + new string(rest);

    [Property(MaxTest = 300)]
    public Property Ids_that_differ_only_in_case_are_one_id_everywhere_and_keep_their_text() =>
        Prop.ForAll(Ids.ToArbitrary(), text =>
        {
            CompetencyId given = text;
            var shouted = new CompetencyId(text.ToUpperInvariant());

            Assert.Equal(text, given.Value);
            Assert.True(given == shouted && !(given != shouted) && given.Equals((object)shouted));
            Assert.Equal(given.GetHashCode(), shouted.GetHashCode());
            Assert.Equal(0, given.CompareTo(shouted));
            Assert.True(given <= shouted && given >= shouted && !(given < shouted));
            Assert.Single(new HashSet<CompetencyId> { given, shouted });
            Assert.True(CompetencyId.TryCreate(text, out var parsed) && parsed == given);
        });

    [Property(MaxTest = 300)]
    public Property Ordering_is_a_total_order_that_agrees_with_equality() =>
        Prop.ForAll(Ids.ToArbitrary(), Ids.ToArbitrary(), Ids.ToArbitrary(), (a, b, c) =>
        {
            CompetencyId x = a, y = b, z = c;
            Assert.Equal(Math.Sign(x.CompareTo(y)), -Math.Sign(y.CompareTo(x)));
            Assert.Equal(x == y, x.CompareTo(y) == 0);
            if (x <= y && y <= z)
            {
                Assert.True(x <= z);
            }
        });

    [Theory]
    [InlineData("", "'' is not a valid id")]
    [InlineData("sets expectations", "'sets expectations' is not a valid id")]
    [InlineData("-delegates", "'-delegates' is not a valid id")]
    [InlineData("délégué", "'délégué' is not a valid id")]
    public void Text_that_breaks_the_rule_is_refused_naming_it_and_the_rule(string text, string named)
    {
        var error = Assert.Throws<ArgumentException>(() => new CompetencyId(text));

        Assert.StartsWith($"Competency id {named}; ids are 1 to 64 characters", error.Message, StringComparison.Ordinal);
        Assert.False(CompetencyId.TryCreate(text, out var id));
        Assert.True(id.IsEmpty);
        Assert.Throws<ArgumentException>(() => { CompetencyId converted = text; });
    }

    [Fact]
    public void An_id_longer_than_64_characters_and_null_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new CompetencyId(new string('a', 65)));
        Assert.Equal(64, new CompetencyId(new string('a', 64)).Value.Length);
        Assert.Equal("value", Assert.Throws<ArgumentNullException>(() => new CompetencyId(null!)).ParamName);
        Assert.False(CompetencyId.TryCreate(null, out _));
    }

    [Fact]
    public void The_default_value_holds_no_id_and_is_refused_where_an_id_is_required()
    {
        var none = default(CompetencyId);

        Assert.True(none.IsEmpty);
        Assert.Equal(string.Empty, none.ToString());
        Assert.True(none < new CompetencyId("a"));
        Assert.Throws<ArgumentException>(() => LeadershipFramework.Model.GetCompetency(none));
        Assert.Throws<ArgumentException>(() => new CompetencyEstimate(new RateeId("p1"), none, 3, 0.2, 4, 2));
    }

    [Fact]
    public void Lookups_by_id_ignore_case_through_the_type()
    {
        var model = LeadershipFramework.Model;

        Assert.Same(model.GetCompetency(LeadershipFramework.Delegates), model.GetCompetency(LeadershipFramework.Delegates.ToUpperInvariant()));
        Assert.Equal(LeadershipFramework.Delegates, model.GetCompetency("DELEGATES").Id.Value);
        Assert.Equal("DELEGATES", CompetencyId.FromString("DELEGATES").ToString());
    }
}
