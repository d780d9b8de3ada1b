using System.Globalization;
using Readiness.Internal;

namespace Readiness.Competencies;

/// <summary>The share of a readiness judgement that one competency carries: a fraction in [0, 1].</summary>
/// <remarks>
/// Weights of one role profile sum to 1. A weight is created only through <see cref="FromFraction"/>, which rejects
/// NaN, infinities and values outside [0, 1]. Equality and ordering compare the fraction exactly.
/// The default value is <see cref="Zero"/>.
/// </remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public readonly struct Weight : IEquatable<Weight>, IComparable<Weight>
{
    private Weight(double fraction) => Fraction = fraction;

    /// <summary>Gets the weight that makes a competency count for nothing.</summary>
    public static Weight Zero => default;

    /// <summary>Gets the weight that makes a competency the whole judgement.</summary>
    public static Weight One => new(1.0);

    /// <summary>Gets the weight as a fraction in [0, 1].</summary>
    public double Fraction { get; }

    /// <summary>Creates a weight from a fraction.</summary>
    /// <param name="fraction">The share, in [0, 1].</param>
    /// <returns>The weight.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fraction"/> is NaN, infinite or outside [0, 1].</exception>
    public static Weight FromFraction(double fraction) => new(Guard.InRange(fraction, 0.0, 1.0));

    /// <summary>Compares two weights for equality.</summary>
    /// <param name="left">The first weight.</param>
    /// <param name="right">The second weight.</param>
    /// <returns>True when the fractions are equal.</returns>
    public static bool operator ==(Weight left, Weight right) => left.Equals(right);

    /// <summary>Compares two weights for inequality.</summary>
    /// <param name="left">The first weight.</param>
    /// <param name="right">The second weight.</param>
    /// <returns>True when the fractions differ.</returns>
    public static bool operator !=(Weight left, Weight right) => !left.Equals(right);

    /// <summary>Orders two weights.</summary>
    /// <param name="left">The first weight.</param>
    /// <param name="right">The second weight.</param>
    /// <returns>True when <paramref name="left"/> is smaller.</returns>
    public static bool operator <(Weight left, Weight right) => left.Fraction < right.Fraction;

    /// <summary>Orders two weights.</summary>
    /// <param name="left">The first weight.</param>
    /// <param name="right">The second weight.</param>
    /// <returns>True when <paramref name="left"/> is larger.</returns>
    public static bool operator >(Weight left, Weight right) => left.Fraction > right.Fraction;

    /// <summary>Orders two weights.</summary>
    /// <param name="left">The first weight.</param>
    /// <param name="right">The second weight.</param>
    /// <returns>True when <paramref name="left"/> is smaller or equal.</returns>
    public static bool operator <=(Weight left, Weight right) => left.Fraction <= right.Fraction;

    /// <summary>Orders two weights.</summary>
    /// <param name="left">The first weight.</param>
    /// <param name="right">The second weight.</param>
    /// <returns>True when <paramref name="left"/> is larger or equal.</returns>
    public static bool operator >=(Weight left, Weight right) => left.Fraction >= right.Fraction;

    /// <inheritdoc />
    public bool Equals(Weight other) => Fraction.Equals(other.Fraction);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Weight other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Fraction.GetHashCode();

    /// <inheritdoc />
    public int CompareTo(Weight other) => Fraction.CompareTo(other.Fraction);

    /// <summary>Formats the weight as a percentage with one decimal, e.g. <c>12.5%</c>.</summary>
    /// <returns>The percentage.</returns>
    public override string ToString() => (Fraction * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
