using Readiness.Competencies;
using static Readiness.Competencies.LeadershipFramework;

namespace Readiness.Core.Tests.Competencies;

/// <summary>The competency types' small contracts: null arguments by name, text forms, weight comparisons and the whole text of their refusals.</summary>
public sealed class CompetencyContractTests
{
    [Fact]
    public void Null_arguments_are_refused_by_name()
    {
        // Lookups take a CompetencyId; null text is refused where it converts.
        Assert.Equal("value", Assert.Throws<ArgumentNullException>(() => Model.GetCompetency((string)null!)).ParamName);
        Assert.Equal("value", Assert.Throws<ArgumentNullException>(() => FirstLineManager.FindRequirement((string)null!)).ParamName);
        Assert.Equal("levels", Assert.Throws<ArgumentNullException>(() => ProficiencyScale.Create(null!)).ParamName);
        Assert.Equal("scale", Assert.Throws<ArgumentNullException>(() => new CompetencyModelBuilder("m", "M").WithScale(null!)).ParamName);
        Assert.Equal("model", Assert.Throws<ArgumentNullException>(() => new RoleProfileBuilder("p", "P").Require(Delegates, 4, 1).Build(null!)).ParamName);
        Assert.Equal("label", Assert.Throws<ArgumentNullException>(() => new ScaleLevel(1, null!, "d")).ParamName);
        Assert.Equal("description", Assert.Throws<ArgumentNullException>(() => new ScaleLevel(1, "l", null!)).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentNullException>(() => new ValidationError(null!, "m")).ParamName);
        Assert.Equal("message", Assert.Throws<ArgumentNullException>(() => new ValidationError("p", null!)).ParamName);
        Assert.Equal("subject", Assert.Throws<ArgumentNullException>(() => new ReadinessValidationException(null!, [new ValidationError("p", "m")])).ParamName);
        Assert.Equal(
            "At least one validation error is required. (Parameter 'errors')",
            Assert.Throws<ArgumentException>(() => new ReadinessValidationException("model", [])).Message);
    }

    [Fact]
    public void Types_describe_themselves_briefly()
    {
        var delegates = Model.GetCompetency(Delegates);

        Assert.Equal("delegates (Delegates genuinely)", delegates.ToString());
        Assert.Equal($"1: {delegates.Anchors[0].Behaviour}", delegates.Anchors[0].ToString());
        Assert.Equal("readiness-leadership (Readiness leadership framework)", Model.ToString());
        Assert.Equal("first-line-manager (First-line manager)", FirstLineManager.ToString());
        Assert.Equal($"{Model.Scale.Minimum}–{Model.Scale.Maximum} ({Model.Scale.Levels[0].Label} … {Model.Scale.Levels[^1].Label})", Model.Scale.ToString());
        Assert.Equal($"1 – {Model.Scale.Levels[0].Label}", Model.Scale.Levels[0].ToString());
        var requirement = FirstLineManager.Requirements[0];
        Assert.Equal($"{requirement.Competency.Id}: target {requirement.Target}, weight {requirement.Weight}", requirement.ToString());
        Assert.Equal("a rule", new ValidationError("", "a rule").ToString());
        Assert.Equal("x.y: a rule", new ValidationError("x.y", "a rule").ToString());
    }

    [Fact]
    public void Weights_compare_by_fraction_with_every_operator()
    {
        var (small, large, same) = (Weight.FromFraction(0.25), Weight.FromFraction(0.5), Weight.FromFraction(0.25));

        Assert.Equal((true, false, true, true, false), (small < large, (small > large), small <= large, small <= same, (small >= large)));
        Assert.Equal((true, true, true, false, false), (large > small, large >= small, small >= same, (small < same), (small > same)));
        Assert.Equal((true, false), (small != large, small != same));
    }

    [Fact]
    public void A_refused_scale_names_its_subject_and_the_values_it_lacks()
    {
        var e = Assert.Throws<ReadinessValidationException>(() => ProficiencyScale.Create([new(1, "a", "A."), new(2, "b", "B."), new(5, "e", "E.")]));

        Assert.Equal(
            $"The proficiency scale is invalid (1 problem):{Environment.NewLine}- levels: level values must be consecutive integers; between 1 and 5 the scale lacks 3, 4",
            e.Message);
        Assert.Equal("proficiency scale", e.Subject);
    }

    [Fact]
    public void Blank_descriptions_and_empty_models_are_refused_with_the_whole_rule()
    {
        var model = Assert.Throws<ReadinessValidationException>(() => new CompetencyModelBuilder("m", "M").WithDescription(" ").Build());
        var profile = Assert.Throws<ReadinessValidationException>(() => new RoleProfileBuilder("p", "P").WithDescription("").Require(Delegates, 4, 1).Build(Model));

        Assert.Equal(
            $"The competency model 'm' is invalid (2 problems):{Environment.NewLine}- description: is blank; it must contain text{Environment.NewLine}- competencies: the model has no competencies; at least one is required",
            model.Message);
        Assert.Equal($"The role profile 'p' is invalid (1 problem):{Environment.NewLine}- description: is blank; it must contain text", profile.Message);
    }
}
