using System.Collections.Immutable;
using System.Runtime.CompilerServices;

namespace Readiness.Internal;

/// <summary>
/// The broken rules of one options object, gathered so that <c>Validate()</c> reports all of them at once, each message
/// starting with the property's name, its value and the rule (a host prints them under its configuration keys).
/// </summary>
internal sealed class OptionRules
{
    private readonly List<string> _broken = [];

    /// <summary>Records <paramref name="message"/> unless the rule holds.</summary>
    public void Require(bool holds, string message)
    {
        if (!holds)
        {
            _broken.Add(message);
        }
    }

    /// <summary>A number in [<paramref name="min"/>, <paramref name="max"/>]; NaN breaks it.</summary>
    public void InRange(double value, double min, double max, [CallerArgumentExpression(nameof(value))] string name = "") =>
        Require(value >= min && value <= max, $"{name} was {Guard.Format(value)}; it must be in [{Guard.Format(min)}, {Guard.Format(max)}].");

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public void InRange(long value, long min, long max, [CallerArgumentExpression(nameof(value))] string name = "") =>
        Require(value >= min && value <= max, $"{name} was {value}; it must be in [{min}, {max}].");

    /// <summary>A whole number of at least <paramref name="min"/>.</summary>
    public void AtLeast(long value, long min, [CallerArgumentExpression(nameof(value))] string name = "") =>
        Require(value >= min, $"{name} was {value}; it must be at least {min}.");

    /// <summary>A defined member of its enumeration.</summary>
    public void Defined<T>(T value, [CallerArgumentExpression(nameof(value))] string name = "")
        where T : struct, Enum
    {
        var names = Enum.GetNames<T>();
        Require(Enum.IsDefined(value), $"{name} was {Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)}; it must be {string.Join(", ", names[..^1])} or {names[^1]}.");
    }

    /// <summary>A nested options object: present, and its own rules under its property's name (<c>Audit.SignificanceLevel was …</c>).</summary>
    public void Nested(object? value, Func<ImmutableArray<string>> validate, [CallerArgumentExpression(nameof(value))] string name = "")
    {
        if (value is null)
        {
            _broken.Add($"{name} must not be null.");
            return;
        }

        _broken.AddRange(validate().Select(problem => $"{name}.{problem}"));
    }

    /// <summary>Every broken rule, in the order checked.</summary>
    public ImmutableArray<string> Broken => [.. _broken];

    /// <summary>The options when <paramref name="broken"/> is empty; otherwise an <see cref="ArgumentException"/> listing every broken rule.</summary>
    public static T Valid<T>(T options, ImmutableArray<string> broken, string paramName = "options")
        where T : class =>
        broken.IsEmpty ? options : throw new ArgumentException(string.Join(" ", broken), paramName);
}
