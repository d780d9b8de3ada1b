using Readiness.Competencies;

namespace Readiness.Core.Tests;

/// <summary>Field-by-field equality of models and profiles (the types are immutable but have reference equality).</summary>
internal static class ModelAssert
{
    public static void Equal(CompetencyModel expected, CompetencyModel actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Description, actual.Description);
        Assert.Equal(expected.Scale.Levels.Select(l => (l.Value, l.Label, l.Description)), actual.Scale.Levels.Select(l => (l.Value, l.Label, l.Description)));
        Assert.Equal(expected.Competencies.Length, actual.Competencies.Length);
        foreach (var (e, a) in expected.Competencies.Zip(actual.Competencies))
        {
            Assert.Equal((e.Id, e.Name, e.Definition, e.Domain), (a.Id, a.Name, a.Definition, a.Domain));
            Assert.Equal(e.Indicators.AsEnumerable(), a.Indicators.AsEnumerable());
            Assert.Equal(e.Anchors.Select(x => (x.Level, x.Behaviour)), a.Anchors.Select(x => (x.Level, x.Behaviour)));
        }
    }

    public static void Equal(RoleProfile expected, RoleProfile actual)
    {
        Assert.Equal((expected.Id, expected.Name, expected.Description), (actual.Id, actual.Name, actual.Description));
        Equal(expected.Model, actual.Model);
        Assert.Equal(
            expected.Requirements.Select(r => (r.Competency.Id, r.Target, r.CriticalMinimum, r.Importance, r.Weight)),
            actual.Requirements.Select(r => (r.Competency.Id, r.Target, r.CriticalMinimum, r.Importance, r.Weight)));
    }
}
