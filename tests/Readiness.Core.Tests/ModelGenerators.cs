using FsCheck;
using FsCheck.Fluent;
using Readiness.Competencies;

namespace Readiness.Core.Tests;

/// <summary>Generators of valid models and role profiles, with text that stresses JSON escaping.</summary>
internal static class ModelGenerators
{
    private static readonly string[] Texts =
    [
        "Plain text.",
        "Quotes \" and backslashes \\ and /slashes/",
        "Line one\nline two\ttabbed",
        "Ünïcödé — “typographic” ‘quotes’ and 日本語",
        "Emoji 😀 outside the BMP",
        "<script>alert('x')</script> & friends",
        "  leading and trailing spaces  ",
        "Control \u0001 character",
    ];

    public static Gen<string> Text { get; } = Gen.Elements(Texts);

    public static Gen<ProficiencyScale> Scale { get; } =
        from minimum in Gen.Choose(-3, 3)
        from count in Gen.Choose(ProficiencyScale.MinLevels, ProficiencyScale.MaxLevels)
        from descriptions in Gen.ArrayOf(Text, count)
        select ProficiencyScale.Create(descriptions.Select((d, i) => new ScaleLevel(minimum + i, $"Level {i} {d}", d)));

    public static Gen<CompetencyModel> Model { get; } =
        from scale in Scale
        from count in Gen.Choose(1, 8)
        from competencies in Gen.ArrayOf(Competency(scale), count)
        from leadershipIndex in Gen.Choose(0, count - 1)
        from description in Text.OrNull()
        from id in Gen.Elements("m", "model-1", "A.b_c-9", new string('x', 64))
        select BuildModel(id, description, scale, competencies, leadershipIndex);

    /// <summary>A model with a profile that requires a random non-empty subset of its competencies.</summary>
    public static Gen<RoleProfile> Profile { get; } =
        from model in Model
        from chosen in Gen.SubListOf(model.Competencies.ToArray()).Where(l => l.Count > 0)
        from requirements in Gen.CollectToArray(chosen, c => Requirement(model.Scale, c.Id.Value)).Where(r => r.Any(x => x.Importance > 0))
        from description in Text.OrNull()
        select BuildProfile(model, description, requirements);

    public static Arbitrary<CompetencyModel> Models => Model.ToArbitrary();

    public static Arbitrary<RoleProfile> Profiles => Profile.ToArbitrary();

    private static Gen<CompetencySpec> Competency(ProficiencyScale scale) =>
        from domain in Gen.Elements(CompetencyDomain.IndividualPerformance, CompetencyDomain.Leadership)
        from name in Text
        from definition in Text
        from indicators in Gen.ListOf(Text).Select(l => l.Distinct(StringComparer.OrdinalIgnoreCase).ToArray())
        from anchored in Gen.SubListOf(scale.Levels.Select(l => l.Value).ToArray())
        from behaviours in Gen.ArrayOf(Text, anchored.Count)
        select new CompetencySpec(domain, name, definition, indicators, [.. anchored.Zip(behaviours)]);

    private static Gen<(string Id, double Target, double Importance, double? Minimum)> Requirement(ProficiencyScale scale, string id) =>
        from target in Gen.Choose(0, 1000).Select(t => scale.Minimum + ((scale.Maximum - scale.Minimum) * t / 1000.0))
        from importance in Gen.Elements(0.0, 0.5, 1, 3, 7.25, 1e-9, 1e6)
        from minimum in Gen.Frequency((1, Gen.Constant<double?>(null)), (2, Gen.Choose(0, 1000).Select(m => (double?)(scale.Minimum + ((target - scale.Minimum) * m / 1000.0)))))
        select (id, target, importance, minimum);

    private static CompetencyModel BuildModel(string id, string? description, ProficiencyScale scale, CompetencySpec[] competencies, int leadershipIndex)
    {
        var builder = new CompetencyModelBuilder(id, "Model " + id).WithDescription(description).WithScale(scale);
        for (var i = 0; i < competencies.Length; i++)
        {
            var spec = competencies[i];
            var domain = i == leadershipIndex ? CompetencyDomain.Leadership : spec.Domain;
            builder.AddCompetency($"c{i}", $"{i}: {spec.Name}", domain, c =>
            {
                c.WithDefinition(spec.Definition);
                foreach (var indicator in spec.Indicators)
                {
                    c.AddIndicator(indicator);
                }

                foreach (var (level, behaviour) in spec.Anchors)
                {
                    c.AddAnchor(level, behaviour);
                }
            });
        }

        return builder.Build();
    }

    private static RoleProfile BuildProfile(CompetencyModel model, string? description, (string Id, double Target, double Importance, double? Minimum)[] requirements)
    {
        var builder = new RoleProfileBuilder("role", "A role").WithDescription(description);
        foreach (var (id, target, importance, minimum) in requirements)
        {
            builder.Require(id, target, importance, minimum);
        }
        return builder.Build(model);
    }

    private sealed record CompetencySpec(
        CompetencyDomain Domain,
        string Name,
        string Definition,
        string[] Indicators,
        (int Level, string Behaviour)[] Anchors);
}
