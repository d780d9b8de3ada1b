using System.Runtime.CompilerServices;

namespace Readiness.Internal;

/// <summary>Argument checks for domain rules the BCL helpers do not cover. Every message names the value and the rule.</summary>
internal static class Guard
{
    /// <summary>Rejects NaN and infinities, which compare false against every bound and would slip through range checks.</summary>
    public static double Finite(double value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} was {Format(value)}; it must be a finite number.");
        }

        return value;
    }

    /// <summary>Rejects negative values, NaN and infinities: the rule for a variance or a standard error.</summary>
    public static double FiniteNonNegative(double value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (!(double.IsFinite(value) && value >= 0))
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} was {Format(value)}; it must be finite and at least 0.");
        }

        return value;
    }

    /// <summary>Rejects values outside [<paramref name="min"/>, <paramref name="max"/>], NaN included.</summary>
    public static double InRange(double value, double min, double max, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        // Written as !(in range) so that NaN, for which every comparison is false, is rejected too.
        if (!(value >= min && value <= max))
        {
            throw new ArgumentOutOfRangeException(
                paramName, value, $"{paramName} was {Format(value)}; it must be in [{Format(min)}, {Format(max)}].");
        }

        return value;
    }

    /// <summary>Rejects null, empty and whitespace-only text.</summary>
    public static string NotBlank(string? value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{paramName} was blank; it must contain text.", paramName);
        }

        return value;
    }

    /// <summary>The items as an array, refusing null and a null item (named by its position).</summary>
    public static T[] NoNulls<T>(IEnumerable<T>? items, string what, [CallerArgumentExpression(nameof(items))] string? paramName = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(items, paramName);
        var all = items.ToArray();
        if (Array.IndexOf(all, null) is var at and >= 0)
        {
            throw new ArgumentException($"{what} {at} is null.", paramName);
        }

        return all;
    }

    /// <summary>Formats a number for an error message: invariant culture, shortest round-trip form.</summary>
    public static string Format(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
