using System.ComponentModel;
using System.Globalization;
using Readiness.Internal;

namespace Readiness.Calibration;

/// <summary>
/// How rater bias is removed from ratings: a name. The built-in methods are the static values; a calibrator written
/// outside this library names its own (<c>new CalibrationMethod("VendorIrt")</c>).
/// </summary>
/// <remarks>
/// Names follow the id rule (1 to 64 characters: ASCII letters, digits, '-', '_' or '.', starting with a letter or digit)
/// and compare without regard to case, as every id does. The default value is <see cref="None"/>. Converts from a string
/// (<see cref="TypeConverter"/>), so configuration binds it by name.
/// </remarks>
[TypeConverter(typeof(CalibrationMethodConverter))]
public readonly struct CalibrationMethod : IEquatable<CalibrationMethod>
{
    private const string NoneName = "None";
    private readonly string? _name;

    /// <summary>Initializes a new instance of the <see cref="CalibrationMethod"/> struct.</summary>
    /// <param name="name">The method's name.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> breaks the id rule; the message says how.</exception>
    public CalibrationMethod(string name)
    {
        var problem = IdRules.Check(name);
        if (problem is not null)
        {
            throw new ArgumentException($"The calibration method's name {problem}.", nameof(name));
        }

        _name = name;
    }

    /// <summary>Gets no adjustment: raw means of the other raters' ratings. The baseline every method is compared with.</summary>
    public static CalibrationMethod None { get; } = new(NoneName);

    /// <summary>Gets mean-centring: each rater's mean is subtracted (their leniency), then the grand mean added back.</summary>
    public static CalibrationMethod MeanCentring { get; } = new(nameof(MeanCentring));

    /// <summary>Gets standardisation: each rater's ratings are standardised (their leniency and their use of the scale), then put back on the scale.</summary>
    public static CalibrationMethod Standardisation { get; } = new(nameof(Standardisation));

    /// <summary>Gets the crossed random-effects model: ratee, ratee × competency and rater as random effects, variances by REML, estimates as BLUPs.</summary>
    public static CalibrationMethod CrossedRandomEffects { get; } = new(nameof(CrossedRandomEffects));

    /// <summary>Gets the many-facet Rasch rating-scale model: ratees, competencies and raters (and optionally sources) on one logit scale, by joint maximum likelihood; estimates are fair averages.</summary>
    public static CalibrationMethod ManyFacetRasch { get; } = new(nameof(ManyFacetRasch));

    /// <summary>Gets the methods this library implements, in the order above.</summary>
    public static IReadOnlyList<CalibrationMethod> BuiltIn { get; } = [None, MeanCentring, Standardisation, CrossedRandomEffects, ManyFacetRasch];

    /// <summary>Gets the method's name.</summary>
    public string Name => _name ?? NoneName;

    /// <summary>Gets a value indicating whether this library implements the method.</summary>
    public bool IsBuiltIn => BuiltIn.Contains(this);

    /// <summary>Compares two methods by name, without regard to case.</summary>
    /// <param name="left">The first method.</param>
    /// <param name="right">The second method.</param>
    /// <returns>True when the names are equal.</returns>
    public static bool operator ==(CalibrationMethod left, CalibrationMethod right) => left.Equals(right);

    /// <summary>Compares two methods by name, without regard to case.</summary>
    /// <param name="left">The first method.</param>
    /// <param name="right">The second method.</param>
    /// <returns>True when the names differ.</returns>
    public static bool operator !=(CalibrationMethod left, CalibrationMethod right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(CalibrationMethod other) => IdRules.Comparer.Equals(Name, other.Name);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is CalibrationMethod other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => IdRules.Comparer.GetHashCode(Name);

    /// <inheritdoc />
    public override string ToString() => Name;

    /// <summary>Converts a name to a <see cref="CalibrationMethod"/>, for configuration binding.</summary>
    internal sealed class CalibrationMethodConverter : TypeConverter
    {
        public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) =>
            sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

        public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
            value is string name ? new CalibrationMethod(name.Trim()) : base.ConvertFrom(context, culture, value);
    }
}
