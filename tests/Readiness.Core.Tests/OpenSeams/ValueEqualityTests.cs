using System.Collections.Immutable;
using System.Reflection;
using Readiness.Calibration;
using Readiness.Competencies;
using Readiness.Evidence;
using Readiness.Scoring;
using Readiness.Talent;

namespace Readiness.Core.Tests.OpenSeams;

/// <summary>Results and options compare by value, their collections included: two equal results are equal.</summary>
public sealed class ValueEqualityTests
{
    [Fact]
    public void Results_with_the_same_items_are_equal_and_hash_alike()
    {
        var a = new EvidenceCheck(false, ["x", "y"]);
        var b = new EvidenceCheck(false, ["x", "y"]);

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, new EvidenceCheck(false, ["y", "x"]));
        Assert.NotEqual(a, new EvidenceCheck(false, ["x"]));
        Assert.Equal(a, new EvidenceCheck(a.IsSufficient, [.. a.Missing]));
        Assert.NotEqual(a, new EvidenceCheck(false, ["x", "z"]));
    }

    [Fact]
    public void A_plan_compares_its_steps_by_value()
    {
        static DevelopmentPlan Plan() => new(new RateeId("P1"), "lead", new DateOnly(2027, 1, 4), false,
            [new DevelopmentStep(1, "delegation", CompetencyDomain.Leadership, 0.5, 0.2, false, [], 1, new DateOnly(2027, 7, 4))], 1, new DateOnly(2028, 1, 4), new DateOnly(2027, 7, 4));

        Assert.Equal(Plan(), Plan());
        Assert.Equal(Plan() with { Band = ReadinessBand.ReadyNow }, Plan() with { Band = ReadinessBand.ReadyNow });
    }

    [Fact]
    public void Options_with_the_same_settings_are_equal()
    {
        var a = new ScoringOptions { DevelopmentRates = ImmutableDictionary<string, double>.Empty.Add("delegation", 0.3) };
        var b = new ScoringOptions { DevelopmentRates = new Dictionary<string, double> { ["delegation"] = 0.3 }.ToImmutableDictionary() };

        Assert.Equal(a, b);
        Assert.NotEqual(a, b with { DevelopmentRates = ImmutableDictionary<string, double>.Empty.Add("delegation", 0.4) });
        Assert.Equal(new SlateOptions { Exclude = ImmutableDictionary<RateeId, string>.Empty.Add(new RateeId("P1"), "leaving") },
            new SlateOptions { Exclude = ImmutableDictionary<RateeId, string>.Empty.Add(new RateeId("P1"), "leaving") });
    }

    [Fact]
    public void Every_public_record_with_a_collection_compares_it_by_value()
    {
        var records = typeof(CalibrationResult).Assembly.GetExportedTypes().Where(t => t.GetProperty("EqualityContract", BindingFlags.NonPublic | BindingFlags.Instance) is not null).ToArray();
        Assert.Contains(typeof(EvidenceCheck), records);
        var byReference = records.SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() is var g && (g == typeof(ImmutableArray<>) || g == typeof(ImmutableDictionary<,>)))
                .Where(p => !t.GetFields(BindingFlags.NonPublic | BindingFlags.Instance).Any(f => f.FieldType.Name.StartsWith("Equatable", StringComparison.Ordinal) && f.Name.Equals("_" + p.Name, StringComparison.OrdinalIgnoreCase)))
                .Select(p => $"{t.Name}.{p.Name}"))
            .ToArray();

        Assert.Empty(byReference);
    }
}
