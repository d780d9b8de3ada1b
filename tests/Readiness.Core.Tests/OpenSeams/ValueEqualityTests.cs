using System.Collections.Immutable;
using System.Reflection;
using Readiness.Calibration;
using Readiness.Evidence;
using Readiness.Scoring;
using Readiness.Talent;

namespace Readiness.Core.Tests.OpenSeams;

/// <summary>
/// Options and the small value records (a rejected row, a warning, an intervention) compare by value, their collections
/// included; results are sealed classes, compared by reference like any other object.
/// </summary>
public sealed class ValueEqualityTests
{
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
    public void The_public_records_are_options_and_small_values_and_compare_their_collections_by_value()
    {
        var records = typeof(CalibrationResult).Assembly.GetExportedTypes().Where(t => t.GetProperty("EqualityContract", BindingFlags.NonPublic | BindingFlags.Instance) is not null).ToArray();
        Assert.Contains(typeof(ScoringOptions), records);
        Assert.All(records, t => Assert.True(t.Name.EndsWith("Options", StringComparison.Ordinal) || t == typeof(RejectedRow) || t == typeof(CalibrationWarning) || t == typeof(Intervention), $"{t.Name} is a public record but neither options nor a small value."));
        var byReference = records.SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() is var g && (g == typeof(ImmutableArray<>) || g == typeof(ImmutableDictionary<,>)))
                .Where(p => !t.GetFields(BindingFlags.NonPublic | BindingFlags.Instance).Any(f => f.FieldType.Name.StartsWith("Equatable", StringComparison.Ordinal) && f.Name.Equals("_" + p.Name, StringComparison.OrdinalIgnoreCase)))
                .Select(p => $"{t.Name}.{p.Name}"))
            .ToArray();

        Assert.Empty(byReference);
    }
}
