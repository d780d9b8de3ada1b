using System.Reflection;
using System.Text.RegularExpressions;
using Readiness.Calibration;
using Readiness.Files;

namespace Readiness.Hardening.Tests;

/// <summary>docs/public-api.md gives every exported type its reason to be public, and names no type that is not exported.</summary>
public sealed partial class PublicSurfaceTests
{
    private static readonly Assembly[] Packages = [typeof(CalibrationResult).Assembly, typeof(ReadinessOptions).Assembly, typeof(RatingsTable).Assembly];

    [Fact]
    public void Every_exported_type_has_its_reason_on_the_page_and_the_page_names_only_exported_types()
    {
        var page = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "public-api.md"));
        var named = TypeName().Matches(page).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var exported = Packages.SelectMany(a => a.GetExportedTypes()).Select(Spelling).ToHashSet(StringComparer.Ordinal);

        Assert.Empty(exported.Except(named).Order(StringComparer.Ordinal));
        Assert.Empty(named.Except(exported).Order(StringComparer.Ordinal));
    }

    private static string Spelling(Type type) => type.IsGenericTypeDefinition
        ? $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", type.GetGenericArguments().Select(a => a.Name))}>"
        : type.Name;

    // A type as the page writes it: `Name` or `Name<T>`, capitalised, standing alone in its backticks (a member such as
    // `CalibrationResult.Create` or `Validate()` is not a type).
    [GeneratedRegex(@"`([A-Z][A-Za-z0-9]*(?:<[A-Za-z]+>)?)`")]
    private static partial Regex TypeName();
}
