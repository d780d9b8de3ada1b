using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Readiness.Competencies;

namespace Readiness.Core.Tests.Competencies;

public sealed class RoleProfileBuilderTests
{
    private static readonly CompetencyModel Model = LeadershipFramework.Model;

    [Fact]
    public void Importances_are_normalised_into_weights_in_model_order()
    {
        var profile = new RoleProfileBuilder("lead", "Lead")
            .Require(LeadershipFramework.DeliversResults, target: 3, importance: 1)
            .Require(LeadershipFramework.Delegates, target: 4, importance: 3, criticalMinimum: 3)
            .Build(Model);

        Assert.Equal([LeadershipFramework.Delegates, LeadershipFramework.DeliversResults], profile.Requirements.Select(r => r.Competency.Id));
        Assert.Equal(0.75, profile.Requirements[0].Weight.Fraction);
        Assert.Equal(3, profile.Requirements[0].Importance);
        Assert.Equal(3, profile.Requirements[0].CriticalMinimum);
        Assert.Equal(0.75, profile.DomainWeight(CompetencyDomain.Leadership));
        Assert.Null(profile.FindRequirement(LeadershipFramework.Influences));
    }

    [Theory]
    [InlineData("no-such", 3.0, 1.0, null, "requirements[0].competency", "'no-such' is not a competency of model 'readiness-leadership'")]
    [InlineData(null, 3.0, 1.0, null, "requirements[0].competency", "is missing")]
    [InlineData("delegates", 6.0, 1.0, null, "requirements[0].target", "6 is not on the scale")]
    [InlineData("delegates", double.NaN, 1.0, null, "requirements[0].target", "NaN is not on the scale")]
    [InlineData("delegates", double.PositiveInfinity, 1.0, null, "requirements[0].target", "Infinity is not on the scale")]
    [InlineData("delegates", 3.0, 1.0, 3.5, "requirements[0].criticalMinimum", "3.5 is above the target 3")]
    [InlineData("delegates", 3.0, 1.0, 0.5, "requirements[0].criticalMinimum", "0.5 is not on the scale")]
    [InlineData("delegates", 3.0, -1.0, null, "requirements[0].importance", "-1 is not allowed")]
    [InlineData("delegates", 3.0, double.NaN, null, "requirements[0].importance", "NaN is not allowed")]
    [InlineData("delegates", 3.0, 0.0, null, "requirements", "every importance is zero")]
    public void Invalid_requirements_are_rejected_naming_the_value(string? competency, double target, double importance, double? minimum, string path, string message)
    {
        var builder = new RoleProfileBuilder("role", "Role").Require(competency, target, importance, minimum);

        var e = Assert.Throws<ReadinessValidationException>(() => builder.Build(Model));

        var error = Assert.Single(e.Errors);
        Assert.Equal(path, error.Path);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var builder = new RoleProfileBuilder("", " ")
            .Require("delegates", 3, 1)
            .Require("DELEGATES", 7, -2);

        var e = Assert.Throws<ReadinessValidationException>(() => builder.Build(Model));

        Assert.Equal(["id", "name", "requirements[1].competency", "requirements[1].target", "requirements[1].importance"], e.Errors.Select(x => x.Path));
        Assert.Contains("'DELEGATES' is already required by requirements[0]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_profile_needs_at_least_one_requirement()
    {
        var e = Assert.Throws<ReadinessValidationException>(() => new RoleProfileBuilder("role", "Role").Build(Model));

        Assert.Equal("requirements", Assert.Single(e.Errors).Path);
    }

    [Fact]
    public void Overflowing_importances_are_rejected()
    {
        var builder = new RoleProfileBuilder("role", "Role")
            .Require("delegates", 3, double.MaxValue)
            .Require("influences", 3, double.MaxValue);

        var e = Assert.Throws<ReadinessValidationException>(() => builder.Build(Model));

        Assert.Contains("more than the largest finite number", Assert.Single(e.Errors).Message, StringComparison.Ordinal);
    }

    [Property]
    public Property Weights_are_in_0_1_sum_to_1_and_follow_importance() =>
        Prop.ForAll(ModelGenerators.Profiles, profile =>
        {
            var weights = profile.Requirements.Select(r => r.Weight.Fraction).ToArray();
            Assert.All(weights, w => Assert.InRange(w, 0, 1));
            Assert.Equal(1.0, weights.Sum(), 9);
            var total = profile.Requirements.Sum(r => r.Importance);
            Assert.All(profile.Requirements, r => Assert.Equal(r.Importance / total, r.Weight.Fraction, 12));
            Assert.Equal(1.0, Enum.GetValues<CompetencyDomain>().Sum(profile.DomainWeight), 9);
        });

    [Property]
    public Property The_order_requirements_are_added_in_does_not_change_a_single_bit() =>
        Prop.ForAll(
            ModelGenerators.Profile.SelectMany(p => Gen.Shuffle(p.Requirements.ToArray()), (p, shuffled) => (Profile: p, Shuffled: shuffled)).ToArbitrary(),
            c =>
            {
                var rebuilt = new RoleProfileBuilder(c.Profile.Id, c.Profile.Name).WithDescription(c.Profile.Description);
                foreach (var r in c.Shuffled)
                {
                    rebuilt.Require(r.Competency.Id.Value, r.Target, r.Importance, r.CriticalMinimum);
                }

                ModelAssert.Equal(c.Profile, rebuilt.Build(c.Profile.Model));
            });
}
