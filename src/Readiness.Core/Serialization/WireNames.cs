using System.Collections.Frozen;
using Readiness.Calibration;
using Readiness.Internal;
using Readiness.Scoring;

namespace Readiness.Serialization;

/// <summary>
/// The names every file the library writes gives to enumerated values — bands, rater sources, flags, reasons, methods —
/// one table for JSON, CSV and Excel alike: lower case, words joined by hyphens (<c>ready-now</c>, <c>direct-report</c>,
/// <c>high-performer-low-readiness</c>), several flags joined by semicolons. Stable across versions: a name, once
/// written, is never changed.
/// </summary>
public static class WireNames
{
    /// <summary>The built-in calibration methods by the names the command line and the files use.</summary>
    private static readonly FrozenDictionary<string, string> Methods = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [CalibrationMethod.None.Name] = "none",
        [CalibrationMethod.MeanCentring.Name] = "mean-centre",
        [CalibrationMethod.Standardisation.Name] = "standardise",
        [CalibrationMethod.CrossedRandomEffects.Name] = "crossed",
        [CalibrationMethod.ManyFacetRasch.Name] = "rasch",
    }.ToFrozenDictionary();

    /// <summary>The wire name of a band: <c>ready-now</c>, <c>ready-1-2-years</c>, <c>ready-3-plus-years</c>, <c>not-on-track</c>, <c>insufficient-evidence</c>.</summary>
    /// <param name="band">The band.</param>
    /// <returns>Its name.</returns>
    public static string Of(ReadinessBand band) => ReadinessBandNames.Of(band);

    /// <summary>The wire name of a calibration method: a built-in one's command-line name (<c>crossed</c>), an outside one's own name.</summary>
    /// <param name="method">The method.</param>
    /// <returns>Its name.</returns>
    public static string Of(CalibrationMethod method) => Methods.TryGetValue(method.Name ?? string.Empty, out var name) ? name : method.Name ?? string.Empty;

    /// <summary>
    /// The wire name of any other enumerated value: its member name hyphenated and in lower case
    /// (<c>RaterSource.DirectReport</c> is <c>direct-report</c>); for flags, the set flags' names joined by semicolons
    /// (empty when none is set).
    /// </summary>
    /// <typeparam name="T">The enumeration.</typeparam>
    /// <param name="value">The value.</param>
    /// <returns>Its name.</returns>
    public static string Of<T>(T value)
        where T : struct, Enum
    {
        if (!Names<T>.IsFlags)
        {
            return Names<T>.ByValue.TryGetValue(value, out var name) ? name : value.ToString();
        }

        var set = Names<T>.ByValue.Where(f => Convert.ToUInt64(f.Key, System.Globalization.CultureInfo.InvariantCulture) != 0 && value.HasFlag(f.Key));
        return string.Join(';', set.OrderBy(f => f.Key).Select(f => f.Value));
    }

    /// <summary>Reads a wire name back (without regard to case; hyphens and underscores optional), or says it is none of <typeparamref name="T"/>'s.</summary>
    /// <typeparam name="T">The enumeration (not a flags enumeration).</typeparam>
    /// <param name="name">The name as written.</param>
    /// <param name="value">The value it names.</param>
    /// <returns>Whether <paramref name="name"/> names a defined value.</returns>
    public static bool TryParse<T>(string? name, out T value)
        where T : struct, Enum
    {
        value = default;
        if (string.IsNullOrWhiteSpace(name))
        {
            return false;
        }

        if (Names<T>.ByWireName.TryGetValue(name, out value))
        {
            return true;
        }

        // Other spellings of a member name (DirectReport, direct_report); never a number, which Enum.TryParse would take.
        var joined = name.Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal);
        return joined.Length > 0 && char.IsLetter(joined[0]) && Enum.TryParse(joined, ignoreCase: true, out value) && Enum.IsDefined(value);
    }

    /// <summary>An enumeration's wire names, built once per enumeration: files hold one per row.</summary>
    private static class Names<T>
        where T : struct, Enum
    {
        public static readonly bool IsFlags = typeof(T).IsDefined(typeof(FlagsAttribute), inherit: false);

        public static readonly FrozenDictionary<T, string> ByValue =
            Enum.GetValues<T>().Distinct().ToFrozenDictionary(v => v, v => v is ReadinessBand band ? ReadinessBandNames.Of(band) : WireText.Hyphenated(v.ToString()));

        public static readonly FrozenDictionary<string, T> ByWireName =
            ByValue.DistinctBy(p => p.Value, StringComparer.OrdinalIgnoreCase).ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.OrdinalIgnoreCase);
    }
}
