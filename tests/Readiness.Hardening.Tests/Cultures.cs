using System.Globalization;

namespace Readiness.Hardening.Tests;

/// <summary>Runs code under a current culture unlike the invariant one, to show that nothing read or written depends on it.</summary>
internal static class Cultures
{
    /// <summary>A culture that writes every number differently from the invariant one: "1,5", "1.000", "~3", "pct 33", "nan".</summary>
    public static readonly CultureInfo Unusual = Create();

    /// <summary>Runs <paramref name="act"/> with <see cref="Unusual"/> as the current culture.</summary>
    public static T InUnusual<T>(Func<T> act)
    {
        var saved = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = Unusual;
        try
        {
            return act();
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    private static CultureInfo Create()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        var numbers = culture.NumberFormat;
        (numbers.NumberDecimalSeparator, numbers.NumberGroupSeparator, numbers.NegativeSign) = (",", ".", "~");
        (numbers.PercentSymbol, numbers.PercentPositivePattern, numbers.NaNSymbol, numbers.PositiveInfinitySymbol) = ("pct", 3, "nan", "inf");
        return culture;
    }
}
