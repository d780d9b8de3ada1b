using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Readiness.Competencies;

namespace Readiness.Core.Tests.Competencies;

public sealed class CompetencyModelBuilderTests
{
    /// <summary>Each kind of defect, added as one extra competency (or model-level change) to an otherwise valid model.</summary>
    public static readonly (string Kind, Action<CompetencyModelBuilder, CompetencyModel> Inject, Func<CompetencyModel, string> Path, Func<CompetencyModel, string> Names)[] Defects =
    [
        ("invalid competency id", (b, _) => b.AddCompetency("bad id!", "Bad", CompetencyDomain.Leadership, Valid), Extra("id"), _ => "'bad id!'"),
        ("id too long", (b, _) => b.AddCompetency(new string('a', 65), "Long", CompetencyDomain.Leadership, Valid), Extra("id"), _ => new string('a', 65)),
        ("duplicate id", (b, m) => b.AddCompetency(m.Competencies[0].Id.Value.ToUpperInvariant(), "Twin", CompetencyDomain.Leadership, Valid), Extra("id"), m => $"'{m.Competencies[0].Id.Value.ToUpperInvariant()}' is already the id of competencies[0]"),
        ("missing id", (b, _) => b.AddCompetency(null, "No id", CompetencyDomain.Leadership, Valid), Extra("id"), _ => "is missing"),
        ("blank name", (b, _) => b.AddCompetency("blank-name", " ", CompetencyDomain.Leadership, Valid), Extra("name"), _ => "is blank"),
        ("duplicate name", (b, m) => b.AddCompetency("twin-name", m.Competencies[0].Name.ToLowerInvariant(), CompetencyDomain.Leadership, Valid), Extra("name"), m => $"'{m.Competencies[0].Name.ToLowerInvariant()}' is already the name of competencies[0]"),
        ("missing definition", (b, _) => b.AddCompetency("no-definition", "No definition", CompetencyDomain.Leadership), Extra("definition"), _ => "is missing"),
        ("undefined domain", (b, _) => b.AddCompetency("odd-domain", "Odd domain", (CompetencyDomain)7, Valid), Extra("domain"), _ => "7 is not a domain"),
        ("blank indicator", (b, _) => b.AddCompetency("blank-indicator", "Blank indicator", CompetencyDomain.Leadership, c => Valid(c.AddIndicator(""))), Extra("indicators[0]"), _ => "is blank"),
        ("duplicate indicator", (b, _) => b.AddCompetency("twin-indicator", "Twin indicator", CompetencyDomain.Leadership, c => Valid(c.AddIndicator("Acts").AddIndicator("ACTS"))), Extra("indicators[1]"), _ => "'ACTS' is listed twice"),
        ("anchor off the scale", (b, m) => b.AddCompetency("off-scale", "Off scale", CompetencyDomain.Leadership, c => Valid(c.AddAnchor(m.Scale.Maximum + 1, "Too high"))), Extra("anchors[0].level"), m => $"level {m.Scale.Maximum + 1} is not on the scale"),
        ("level anchored twice", (b, m) => b.AddCompetency("twice", "Twice", CompetencyDomain.Leadership, c => Valid(c.AddAnchor(m.Scale.Minimum, "One").AddAnchor(m.Scale.Minimum, "Two"))), Extra("anchors[1].level"), m => $"level {m.Scale.Minimum} is anchored twice"),
        ("blank anchor", (b, m) => b.AddCompetency("blank-anchor", "Blank anchor", CompetencyDomain.Leadership, c => Valid(c.AddAnchor(m.Scale.Minimum, "\t"))), Extra("anchors[0].behaviour"), _ => "is blank"),
    ];

    [Fact]
    public void Builds_an_immutable_model_with_anchors_sorted_by_level()
    {
        var model = new CompetencyModelBuilder("team-lead", "Team lead")
            .WithDescription("For team leads.")
            .AddCompetency("delegates", "Delegates", CompetencyDomain.Leadership, c => c
                .WithDefinition("Hands over whole pieces of work.")
                .AddIndicator("Delegates outcomes")
                .AddAnchor(5, "Grows the team by delegating stretch work.")
                .AddAnchor(1, "Keeps all meaningful work."))
            .AddCompetency("delivers", "Delivers", CompetencyDomain.IndividualPerformance, c => c.WithDefinition("Completes own work."))
            .Build();

        Assert.Equal("team-lead", model.Id);
        Assert.Equal(ProficiencyScale.Default, model.Scale);
        var delegates = model.GetCompetency("delegates");
        Assert.Equal([1, 5], delegates.Anchors.Select(a => a.Level));
        Assert.Equal("Keeps all meaningful work.", delegates.AnchorFor(1)!.Behaviour);
        Assert.Null(delegates.AnchorFor(3));
        Assert.Equal(["Delegates outcomes"], delegates.Indicators.AsEnumerable());
        Assert.Single(model.InDomain(CompetencyDomain.IndividualPerformance));
    }

    [Fact]
    public void A_model_without_competencies_is_rejected()
    {
        var e = Assert.Throws<ReadinessValidationException>(() => new CompetencyModelBuilder("empty", "Empty").Build());

        Assert.Equal("competencies", Assert.Single(e.Errors).Path);
    }

    [Fact]
    public void A_model_without_a_leadership_competency_is_rejected()
    {
        var builder = new CompetencyModelBuilder("ic-only", "IC only")
            .AddCompetency("delivers", "Delivers", CompetencyDomain.IndividualPerformance, Valid);

        var e = Assert.Throws<ReadinessValidationException>(builder.Build);

        Assert.Contains("no competency in the Leadership domain", Assert.Single(e.Errors).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "Name", "id", "is missing")]
    [InlineData("-starts-with-dash", "Name", "id", "'-starts-with-dash' is not a valid id")]
    [InlineData("ok", "", "name", "is blank")]
    public void Model_id_and_name_are_checked(string? id, string name, string path, string message)
    {
        var builder = new CompetencyModelBuilder(id, name).AddCompetency("leads", "Leads", CompetencyDomain.Leadership, Valid);

        var e = Assert.Throws<ReadinessValidationException>(builder.Build);

        var error = Assert.Single(e.Errors);
        Assert.Equal(path, error.Path);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_with_its_path()
    {
        var builder = new CompetencyModelBuilder("bad model", new string('n', 201))
            .AddCompetency("a", "Same", CompetencyDomain.IndividualPerformance, c => c.AddAnchor(9, "x"))
            .AddCompetency("A", "same", CompetencyDomain.IndividualPerformance, Valid);

        var e = Assert.Throws<ReadinessValidationException>(builder.Build);

        Assert.Equal(
            ["id", "name", "competencies", "competencies[0].definition", "competencies[0].anchors[0].level", "competencies[1].id", "competencies[1].name"],
            e.Errors.Select(x => x.Path));
        Assert.StartsWith("The competency model 'bad model' is invalid (7 problems):", e.Message, StringComparison.Ordinal);
        Assert.Contains("201 characters long; at most 200", e.Message, StringComparison.Ordinal);
    }

    [Property(MaxTest = 200)]
    public Property Every_kind_of_defect_is_rejected_with_a_message_naming_the_value() =>
        Prop.ForAll(
            ModelGenerators.Model.Zip(Gen.Choose(0, Defects.Length - 1)).ToArbitrary(),
            ((CompetencyModel Model, int Defect) c) =>
            {
                var (kind, inject, path, names) = Defects[c.Defect];
                var builder = CopyOf(c.Model);
                inject(builder, c.Model);

                var e = Assert.Throws<ReadinessValidationException>(builder.Build);

                var error = Assert.Single(e.Errors);
                Assert.True(error.Path == path(c.Model), $"{kind}: path {error.Path}, expected {path(c.Model)}");
                Assert.True(error.Message.Contains(names(c.Model), StringComparison.Ordinal), $"{kind}: '{error.Message}' does not contain '{names(c.Model)}'");
                Assert.Contains(error.ToString(), e.Message, StringComparison.Ordinal);
            });

    [Property]
    public Property A_valid_model_copied_through_a_builder_is_equal_to_the_original() =>
        Prop.ForAll(ModelGenerators.Models, model => ModelAssert.Equal(model, CopyOf(model).Build()));

    internal static CompetencyModelBuilder CopyOf(CompetencyModel model)
    {
        var builder = new CompetencyModelBuilder(model.Id, model.Name).WithDescription(model.Description).WithScale(model.Scale);
        foreach (var competency in model.Competencies)
        {
            builder.AddCompetency(competency.Id.Value, competency.Name, competency.Domain, c =>
            {
                c.WithDefinition(competency.Definition);
                foreach (var indicator in competency.Indicators)
                {
                    c.AddIndicator(indicator);
                }

                foreach (var anchor in competency.Anchors)
                {
                    c.AddAnchor(anchor.Level, anchor.Behaviour);
                }
            });
        }

        return builder;
    }

    private static void Valid(CompetencyBuilder c) => c.WithDefinition("A definition.");

    private static Func<CompetencyModel, string> Extra(string field) => m => $"competencies[{m.Competencies.Length}].{field}";
}
