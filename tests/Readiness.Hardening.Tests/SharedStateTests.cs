using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.CompilerServices;
using Readiness.Calibration;

namespace Readiness.Hardening.Tests;

/// <summary>
/// How "no shared mutable state" is checked: every static field of the shipped assemblies is read-only (or a constant),
/// and every read-only static field holds something that cannot change — an immutable collection, a frozen lookup, a
/// string, a record, a delegate — except the few listed here with the reason they are safe.
/// </summary>
public sealed class SharedStateTests
{
    /// <summary>Static read-only fields of a mutable type, each read and never written after the type is initialised.</summary>
    private static readonly Dictionary<string, string> Reviewed = new(StringComparer.Ordinal)
    {
        ["Readiness.Serialization.ReadinessJson.StrictUtf8 (UTF8Encoding)"] = "an Encoding cannot be changed after construction, and encoding is thread-safe",
    };

    public static TheoryData<string> Assemblies => [typeof(IRatingCalibrator).Assembly.GetName().Name!, typeof(ReadinessServiceCollectionExtensions).Assembly.GetName().Name!];

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void No_static_field_of_the_shipped_assemblies_can_be_changed(string assembly)
    {
        var fields = Assembly.Load(assembly).GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(f => !f.IsLiteral && !IsCompilerCache(f))
            .ToArray();

        var writable = fields.Where(f => !f.IsInitOnly).Select(Name).ToArray();
        var mutable = fields.Where(f => f.IsInitOnly && !IsImmutable(f.FieldType)).Select(Name).Where(n => !Reviewed.ContainsKey(n)).ToArray();

        Assert.True(writable.Length == 0, "writable static fields:\n" + string.Join('\n', writable));
        Assert.True(mutable.Length == 0, "static fields of a mutable type:\n" + string.Join('\n', mutable));
    }

    private static string Name(FieldInfo f) => $"{f.DeclaringType!.FullName}.{f.Name} ({f.FieldType.Name})";

    /// <summary>Lambda caches and the like, which the compiler writes once and only ever with an equivalent value.</summary>
    private static bool IsCompilerCache(FieldInfo f) =>
        f.DeclaringType!.IsDefined(typeof(CompilerGeneratedAttribute)) || f.IsDefined(typeof(CompilerGeneratedAttribute)) || f.Name.Contains('<', StringComparison.Ordinal);

    private static bool IsImmutable(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || typeof(Delegate).IsAssignableFrom(type)
        || type.Namespace == "System.Collections.Immutable" || type.Namespace == "System.Collections.Frozen"
        || (type.Namespace?.StartsWith("Readiness", StringComparison.Ordinal) == true && !type.IsArray && (type.IsValueType || IsImmutableReadinessType(type)))
        || type == typeof(System.Text.Json.JsonEncodedText) || type == typeof(System.Text.CompositeFormat) || type == typeof(TimeSpan) || type == typeof(System.Text.Json.JsonSerializerOptions)
        || type.FullName == "System.Diagnostics.ActivitySource" || type.Namespace == "System.Diagnostics.Metrics";

    /// <summary>The library's own types are immutable by rule (builders aside): no public setter outside init.</summary>
    private static bool IsImmutableReadinessType(Type type) =>
        !type.Name.EndsWith("Builder", StringComparison.Ordinal)
        && type.GetProperties(BindingFlags.Instance | BindingFlags.Public).All(p => p.SetMethod is null || p.SetMethod.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit)));
}
